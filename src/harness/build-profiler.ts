// Provides the allocation profiler library (harness/mm-profiler.c): a prebuilt one named by
// MALLOC_MATRIX_PROFILER, or one compiled on this machine and kept by content hash next to the
// measuring helper, trusted as the helper is: under RUNNER_TEMP on a runner (built once per
// job), and used again only when its SHA-256 matches the one recorded when it was built. The
// object is freestanding (it imports only dlsym and environ), so one build made here runs in the
// musl and the glibc images, which have no compiler.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { howItEnded, succeeded } from '../process/run-process.js';
import {
  findCompiler,
  findHelperSource,
  helperDir,
  isTrusted,
  keepTrusted,
  runCommand,
  type BuildOptions,
} from './build.js';

export const PROFILER_SOURCE = join('harness', 'mm-profiler.c');
export const PROFILER_ENV = 'MALLOC_MATRIX_PROFILER';

/** No libc, no startup files, no stack protector: nothing the images might lack or differ in. */
export const PROFILER_FLAGS = [
  '-shared',
  '-fPIC',
  '-O2',
  '-nostdlib',
  '-ffreestanding',
  '-fno-stack-protector',
  '-fno-builtin',
  '-fvisibility=hidden',
  '-Wall',
  '-Wextra',
];

/**
 * The same options as the helper's build (build.ts); here `cacheDir` defaults to the helper's
 * directory, `sourcePath` to the profiler's source beside the helper's, and `compilers` to cc,
 * gcc, then musl-gcc (-nostdlib makes them alike).
 */
export type ProfilerBuildOptions = BuildOptions;

function defaultSource(): string | undefined {
  const helper = findHelperSource(dirname(fileURLToPath(import.meta.url)));
  if (helper === undefined) return undefined;
  const candidate = join(dirname(helper), 'mm-profiler.c');
  return existsSync(candidate) ? candidate : undefined;
}

async function usablePrebuilt(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new Error(
      `${PROFILER_ENV}=${path} is not usable (not a regular file); expected an mm-profiler.so library`,
    );
  }
  return path;
}

function tail(text: string, max = 1500): string {
  const t = text.trim();
  return t.length > max ? `...${t.slice(-max)}` : t;
}

/** Returns the path of the profiler library for this machine, compiling it on first use. */
export async function ensureProfilerLibrary(opts: ProfilerBuildOptions = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const prebuilt = env[PROFILER_ENV];
  if (prebuilt) return usablePrebuilt(prebuilt);

  const sourcePath = opts.sourcePath ?? defaultSource();
  if (!sourcePath) {
    throw new Error(`cannot find ${PROFILER_SOURCE}; set ${PROFILER_ENV} to a prebuilt mm-profiler.so`);
  }
  const source = await readFile(sourcePath);
  const run = opts.run ?? runCommand;
  const compilers = opts.compilers ?? ['cc', 'gcc', 'musl-gcc'];
  const found = await findCompiler(compilers, run);
  if (!found) {
    throw new Error(
      `cannot build the allocation profiler: no C compiler found (tried ${compilers.join(', ')}); ` +
        `install gcc, or set ${PROFILER_ENV} to a prebuilt mm-profiler.so`,
    );
  }
  const hash = createHash('sha256')
    .update(source)
    .update('\0')
    .update(found.identity)
    .update('\0')
    .update(PROFILER_FLAGS.join(' '))
    .digest('hex')
    .slice(0, 16);
  const cacheDir = opts.cacheDir ?? helperDir(env);
  const target = join(cacheDir, `profiler-${hash}-${opts.arch ?? process.arch}.so`);
  if (await isTrusted(target, `${target}.sha256`)) return target;

  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  // Compile to a private name, then rename: concurrent builds never see a half-written file.
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const result = await run(found.compiler, [...PROFILER_FLAGS, '-o', temp, sourcePath]);
  if (!succeeded(result) || !existsSync(temp)) {
    await rm(temp, { force: true });
    throw new Error(
      `cannot build the allocation profiler: ${howItEnded(found.compiler, result)}: ${tail(result.stderr)}`,
    );
  }
  await keepTrusted(temp, target);
  return target;
}
