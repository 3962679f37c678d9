// Provides the static measuring helper for this machine: a prebuilt one named by
// MALLOC_MATRIX_HELPER, or one compiled from harness/mm-helper.c and kept by content hash. A kept
// binary is run only when its SHA-256 matches the one recorded when it was built: on a runner
// both live under RUNNER_TEMP, which belongs to the job, so nothing an earlier job left behind on
// a persistent machine is ever run.
import { createHash, randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, chmod, lstat, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { howItEnded, runProcess, succeeded, type ProcessResult } from '../process/run-process.js';

export const HELPER_SOURCE = join('harness', 'mm-helper.c');
export const HELPER_ENV = 'MALLOC_MATRIX_HELPER';

/** Runs a program without a shell; resolves even when it fails or cannot be started. */
export type CommandRunner = (command: string, args: string[]) => Promise<ProcessResult>;

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Where helper binaries are kept; default `$RUNNER_TEMP/malloc-matrix` on a runner (built once
   * per job), else `$XDG_CACHE_HOME|~/.cache`/malloc-matrix.
   */
  cacheDir?: string;
  /** The helper's C source; default found by walking up from this module. */
  sourcePath?: string;
  /** Compilers tried in order; default musl-gcc (small static binaries), then cc. */
  compilers?: string[];
  run?: CommandRunner;
  arch?: string;
}

/** A compiler that takes longer than this on one small C file is stuck. */
const COMPILE_TIMEOUT_MS = 5 * 60_000;

export const runCommand: CommandRunner = (command, args) =>
  runProcess(command, args, { env: process.env, timeoutMs: COMPILE_TIMEOUT_MS });

/**
 * Finds harness/mm-helper.c above the given directory. Walking up covers src/harness/ (tests),
 * dist/ and dist/cli/ (the bundle is one file, so its location is all there is to go by).
 */
export function findHelperSource(startDir: string): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, HELPER_SOURCE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

function tail(text: string, max = 1500): string {
  const t = text.trim();
  return t.length > max ? `...${t.slice(-max)}` : t;
}

async function usablePrebuilt(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    await access(path, constants.X_OK);
  } catch (error) {
    throw new Error(
      `${HELPER_ENV}=${path} is not usable (${(error as Error).message}); expected an executable mm-helper binary`,
    );
  }
  return path;
}

export async function findCompiler(
  compilers: string[],
  run: CommandRunner,
): Promise<{ compiler: string; identity: string } | undefined> {
  for (const compiler of compilers) {
    const probe = await run(compiler, ['--version']);
    if (succeeded(probe)) return { compiler, identity: `${compiler}\n${probe.stdout}` };
  }
  return undefined;
}

/** The directory helper binaries are kept in: the job's own on a runner, else the user's cache. */
export function helperDir(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_TEMP) return join(env.RUNNER_TEMP, 'malloc-matrix');
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'malloc-matrix');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * True when `binary` is a regular file of this user whose SHA-256 is the one recorded in
 * `digestFile` when it was built. Anything else (missing, replaced, planted) is built again.
 */
export async function isTrusted(binary: string, digestFile: string): Promise<boolean> {
  try {
    const info = await lstat(binary);
    if (!info.isFile()) return false;
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) return false;
    const recorded = (await readFile(digestFile, 'utf8')).trim();
    return recorded !== '' && sha256(await readFile(binary)) === recorded;
  } catch {
    return false;
  }
}

/** Returns the path of a static mm-helper for this machine, compiling it on first use. */
export async function ensureHelperBinary(opts: BuildOptions = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const prebuilt = env[HELPER_ENV];
  if (prebuilt) return usablePrebuilt(prebuilt);

  const sourcePath = opts.sourcePath ?? findHelperSource(moduleDir());
  if (!sourcePath) {
    throw new Error(
      `cannot find ${HELPER_SOURCE} above ${moduleDir()}; set ${HELPER_ENV} to a prebuilt mm-helper binary`,
    );
  }
  const source = await readFile(sourcePath);
  const run = opts.run ?? runCommand;
  const compilers = opts.compilers ?? ['musl-gcc', 'cc'];
  const found = await findCompiler(compilers, run);
  if (!found) {
    throw new Error(
      `cannot build the measuring helper: no C compiler found (tried ${compilers.join(', ')}); ` +
        `install musl-tools, or gcc with static libc libraries (libc6-dev), or set ${HELPER_ENV} to a prebuilt mm-helper`,
    );
  }
  const hash = createHash('sha256')
    .update(source)
    .update('\0')
    .update(found.identity)
    .digest('hex')
    .slice(0, 16);
  const cacheDir = opts.cacheDir ?? helperDir(env);
  const target = join(cacheDir, `helper-${hash}-${opts.arch ?? process.arch}`);
  const digestFile = `${target}.sha256`;
  if (await isTrusted(target, digestFile)) return target;

  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  // Compile to a private name, then rename: concurrent builds never see a half-written file.
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  // -pthread: the helper drains each run's output with a thread (glibc before 2.34 needs the flag).
  const result = await run(found.compiler, [
    '-static',
    '-pthread',
    '-O2',
    '-Wall',
    '-Wextra',
    '-o',
    temp,
    sourcePath,
  ]);
  if (!succeeded(result) || !existsSync(temp)) {
    await rm(temp, { force: true });
    throw new Error(
      `cannot build the measuring helper: ${howItEnded(`${found.compiler} -static`, result)}: ${tail(result.stderr)} ` +
        `(static libc libraries are needed: install musl-tools or libc6-dev; or set ${HELPER_ENV})`,
    );
  }
  await chmod(temp, 0o755);
  await keepTrusted(temp, target);
  return target;
}

/**
 * Moves a freshly built `temp` to `target` with its SHA-256 recorded in `<target>.sha256`, which
 * `isTrusted` checks before the file is used again.
 */
export async function keepTrusted(temp: string, target: string): Promise<void> {
  // Whatever stood at the target untrusted (a planted file, a directory) goes.
  await rm(target, { force: true, recursive: true });
  // The digest is recorded first: a binary without its digest is never trusted.
  const digestTemp = `${temp}.sha256`;
  await writeFile(digestTemp, `${sha256(await readFile(temp))}\n`, { mode: 0o600 });
  await rename(digestTemp, `${target}.sha256`);
  await rename(temp, target);
}
