// ensureProfilerLibrary with a fake compiler: flags, caching and errors. The real build and the
// library's behaviour in both images are covered by profiler.test.itg.ts.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRunner } from '../src/harness/build.js';
import { exited, notFound } from './fixtures/process-results.js';
import { ensureProfilerLibrary, PROFILER_FLAGS } from '../src/harness/build-profiler.js';

let dir: string;
let source: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mm-build-profiler-'));
  source = join(dir, 'mm-profiler.c');
  writeFileSync(source, 'void *malloc(unsigned long n);\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function toolchain(installed: string[], compileFails = false): { run: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  const run: CommandRunner = async (command, args) => {
    calls.push([command, ...args].join(' '));
    if (!installed.includes(command)) return notFound(command);
    if (args[0] === '--version') return exited(0, `${command} 12.2\n`, '', command);
    if (compileFails) return exited(1, '', 'mm-profiler.c:1: error: boom', command);
    await writeFile(args[args.indexOf('-o') + 1], 'library');
    return exited(0, '', '', command);
  };
  return { run, calls };
}

describe('ensureProfilerLibrary', () => {
  it('builds one freestanding shared object into the cache and reuses it', async () => {
    const { run, calls } = toolchain(['gcc']);
    const cacheDir = join(dir, 'cache');
    const opts = { env: {}, run, cacheDir, sourcePath: source, arch: 'x64' };
    const first = await ensureProfilerLibrary(opts);
    expect(first).toMatch(/profiler-[0-9a-f]{16}-x64\.so$/);
    expect(existsSync(first)).toBe(true);
    const compile = calls.find((c) => c.startsWith('gcc -shared'));
    expect(compile).toBe(`gcc ${PROFILER_FLAGS.join(' ')} -o ${compile?.split(' -o ')[1]}`);
    expect(PROFILER_FLAGS).toEqual(
      expect.arrayContaining(['-nostdlib', '-ffreestanding', '-fno-stack-protector']),
    );
    expect(await ensureProfilerLibrary(opts)).toBe(first);
    expect(calls.filter((c) => c.includes('-shared'))).toHaveLength(1);
    const name = first.split('/').pop()!;
    expect(readdirSync(cacheDir).sort()).toEqual([name, `${name}.sha256`]);
  });

  it('builds again when the kept library was replaced: only a file with its recorded digest is used', async () => {
    const { run, calls } = toolchain(['cc']);
    const opts = { env: {}, run, cacheDir: join(dir, 'cache'), sourcePath: source };
    const first = await ensureProfilerLibrary(opts);
    writeFileSync(first, 'planted');
    expect(await ensureProfilerLibrary(opts)).toBe(first);
    expect(calls.filter((c) => c.includes('-shared'))).toHaveLength(2);
    expect(readFileSync(first, 'utf8')).toBe('library');
  });

  it('keeps the library under RUNNER_TEMP on a runner, next to the helper', async () => {
    const { run } = toolchain(['cc']);
    const runnerTemp = join(dir, 'runner-temp');
    const built = await ensureProfilerLibrary({ env: { RUNNER_TEMP: runnerTemp }, run, sourcePath: source });
    expect(built.startsWith(join(runnerTemp, 'malloc-matrix', 'profiler-'))).toBe(true);
  });

  it('rebuilds when the source changes', async () => {
    const { run } = toolchain(['cc']);
    const opts = { env: {}, run, cacheDir: join(dir, 'cache'), sourcePath: source };
    const first = await ensureProfilerLibrary(opts);
    writeFileSync(source, 'void free(void *p);\n');
    expect(await ensureProfilerLibrary(opts)).not.toBe(first);
  });

  it('uses a prebuilt library named by MALLOC_MATRIX_PROFILER', async () => {
    const prebuilt = join(dir, 'mm-profiler.so');
    writeFileSync(prebuilt, 'x');
    const { run, calls } = toolchain([]);
    expect(await ensureProfilerLibrary({ env: { MALLOC_MATRIX_PROFILER: prebuilt }, run })).toBe(prebuilt);
    expect(calls).toEqual([]);
    await expect(ensureProfilerLibrary({ env: { MALLOC_MATRIX_PROFILER: dir } })).rejects.toThrow(
      `MALLOC_MATRIX_PROFILER=${dir} is not usable`,
    );
  });

  it('says what is missing when it cannot build', async () => {
    const none = toolchain([]);
    await expect(
      ensureProfilerLibrary({ env: {}, run: none.run, cacheDir: dir, sourcePath: source }),
    ).rejects.toThrow('no C compiler found (tried cc, gcc, musl-gcc)');
    const broken = toolchain(['cc'], true);
    await expect(
      ensureProfilerLibrary({ env: {}, run: broken.run, cacheDir: join(dir, 'c2'), sourcePath: source }),
    ).rejects.toThrow('cc exited with code 1: mm-profiler.c:1: error: boom');
    expect(readdirSync(join(dir, 'c2'))).toEqual([]);
  });
});
