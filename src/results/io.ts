// Reading and writing results files. A write goes to a temporary file in the same directory,
// is flushed to disk and then renamed over the target, so that a reader (or a later run using
// the file as its baseline) sees either the old file or the whole new one, never half of it.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { exceededLimit, REPORT_INPUT_LIMITS, type ResultsLimits } from './limits.js';
import { resultsSchema, type Results } from './model.js';
import { formatPath, parseJsonText, parseResults } from './schema.js';
import { messageOf } from '../base/errors.js';
import { describeBytes } from '../base/units.js';

/** An open file, as much of it as an atomic write needs. */
export interface WritableFile {
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls an atomic write makes; tests pass one that fails on purpose. */
export interface AtomicWriteFs {
  mkdir(dir: string): Promise<void>;
  /** Create a new file; fails if it exists. */
  create(file: string): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Flush the directory entry of a rename to disk. */
  syncDirectory(dir: string): Promise<void>;
}

export const nodeAtomicWriteFs: AtomicWriteFs = {
  async mkdir(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  async create(file) {
    const handle = await fsp.open(file, 'wx', 0o644);
    return {
      writeFile: (data) => handle.writeFile(data, 'utf8'),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
  async syncDirectory(dir) {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } catch (error) {
      // Some file systems cannot fsync a directory (EINVAL); the rename itself has happened, so
      // the file is complete either way and only its durability across a power cut is weaker.
      if (!isErrno(error, 'EINVAL')) throw error;
    } finally {
      await handle.close();
    }
  },
};

/** Serialize `results` exactly as written to disk: two-space indented JSON with a final newline. */
export function serializeResults(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/**
 * Write `results` to `file` atomically, creating its directory. Invalid results (e.g. a NaN,
 * which JSON would turn into null) are refused, because nothing could read the file back.
 */
export async function writeResultsAtomic(
  file: string,
  results: Results,
  fs: AtomicWriteFs = nodeAtomicWriteFs,
): Promise<void> {
  const checked = resultsSchema.safeParse(results);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue === undefined ? '' : `${formatPath(issue.path)}: ${issue.message}`;
    throw new Error(`refusing to write invalid results to ${file}: ${where}`);
  }
  await writeTextAtomic(file, serializeResults(results), 'results', fs);
}

/**
 * Write `text` to `file` atomically, creating its directory; `what` names the content in errors
 * (`could not write results to ...`). A failed write leaves the previous file, or none, and no
 * temporary file behind.
 */
export async function writeTextAtomic(
  file: string,
  text: string,
  what: string,
  fs: AtomicWriteFs = nodeAtomicWriteFs,
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.mkdir(dir);
  } catch (error) {
    throw new Error(
      `could not write ${what} to ${file}: cannot create directory ${dir} (${errorText(error)})`,
    );
  }
  let created = false;
  try {
    const handle = await fs.create(temp);
    created = true;
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    created = false;
  } catch (error) {
    const cleanup = created ? await removeQuietly(fs, temp) : '';
    throw new Error(
      `could not write ${what} to ${file}: ${errorText(error)}; the previous file is unchanged${cleanup}`,
    );
  }
  try {
    await fs.syncDirectory(dir);
  } catch (error) {
    throw new Error(
      `${file} (${what}) was written but its directory could not be flushed: ${errorText(error)}`,
    );
  }
}

/** Remove a temporary file after a failed write; returns a note to append when even that fails. */
async function removeQuietly(fs: AtomicWriteFs, temp: string): Promise<string> {
  try {
    await fs.unlink(temp);
    return '';
  } catch (error) {
    return ` (and the temporary file ${temp} could not be removed: ${errorText(error)})`;
  }
}

/**
 * Read and validate a results file. `label` names the file's role in errors, e.g.
 * `baseline file` gives `baseline file x.json: version 3 is newer than ...`.
 */
export async function readResultsFile(file: string, label = 'results file'): Promise<Results> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    throw readError(error, file, label);
  }
  return parseResults(text, `${label} ${file}`);
}

/**
 * Read and validate a results file made by someone else (mode: report): refuses one over
 * `limits` with one line naming the limit, checking the size before reading the file whole and
 * the counts and lengths before validating or rendering anything.
 */
export async function readUntrustedResultsFile(
  file: string,
  label = 'results file',
  limits: ResultsLimits = REPORT_INPUT_LIMITS,
): Promise<Results> {
  const source = `${label} ${file}`;
  let text: string;
  try {
    text = await readAtMost(file, limits.fileBytes);
  } catch (error) {
    if (error instanceof TooLargeError) {
      throw new Error(`${source} is refused: ${error.size}; the limit is ${describeBytes(limits.fileBytes)}`);
    }
    throw readError(error, file, label);
  }
  const value = parseJsonText(text, source);
  const exceeded = exceededLimit(value, limits);
  if (exceeded !== undefined) throw new Error(`${source} is refused: ${exceeded}`);
  return parseResults(value, source);
}

class TooLargeError extends Error {
  constructor(readonly size: string) {
    super(size);
  }
}

/**
 * The file's text, or a TooLargeError as soon as it is known to exceed `maxBytes`: from its size
 * before reading, or while reading for files whose size is not known up front (a pipe, a device).
 */
async function readAtMost(file: string, maxBytes: number): Promise<string> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new TooLargeError(`it is ${describeBytes(size)}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(maxBytes + 1 - total, 1024 * 1024));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new TooLargeError(`it holds more than ${describeBytes(maxBytes)}`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

function readError(error: unknown, file: string, label: string): Error {
  if (isErrno(error, 'ENOENT')) return new Error(`${label} ${file} does not exist`);
  if (isErrno(error, 'EISDIR')) return new Error(`${label} ${file} is a directory, expected a JSON file`);
  return new Error(`${label} ${file} could not be read: ${errorText(error)}`);
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function errorText(error: unknown): string {
  return messageOf(error).replace(/\s*\n\s*/g, ' ');
}
