// Reading and writing results files. A write goes to a temporary file in the same directory,
// is flushed to disk and then renamed over the target, so that a reader (or a later run using
// the file as its baseline) sees either the old file or the whole new one, never half of it.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { resultsSchema, type Results } from './model.js';
import { formatPath, parseResults } from './schema.js';
import { messageOf } from '../base/errors.js';

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
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.mkdir(dir);
  } catch (error) {
    throw new Error(
      `could not write results to ${file}: cannot create directory ${dir} (${errorText(error)})`,
    );
  }
  let created = false;
  try {
    const handle = await fs.create(temp);
    created = true;
    try {
      await handle.writeFile(serializeResults(results));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    created = false;
  } catch (error) {
    const cleanup = created ? await removeQuietly(fs, temp) : '';
    throw new Error(
      `could not write results to ${file}: ${errorText(error)}; the previous file is unchanged${cleanup}`,
    );
  }
  try {
    await fs.syncDirectory(dir);
  } catch (error) {
    throw new Error(
      `results were written to ${file} but its directory could not be flushed: ${errorText(error)}`,
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
 * `baseline file` gives `baseline file x.json: version 2 is newer than ...`.
 */
export async function readResultsFile(file: string, label = 'results file'): Promise<Results> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new Error(`${label} ${file} does not exist`);
    if (isErrno(error, 'EISDIR')) throw new Error(`${label} ${file} is a directory, expected a JSON file`);
    throw new Error(`${label} ${file} could not be read: ${errorText(error)}`);
  }
  return parseResults(text, `${label} ${file}`);
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function errorText(error: unknown): string {
  return messageOf(error).replace(/\s*\n\s*/g, ' ');
}
