// ensureHelperBinary with a fake compiler: choice of compiler, caching, and its error messages.
// The real compilation is covered by harness.test.itg.ts.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHelperBinary, findHelperSource, helperDir } from '../src/harness/build.js';
import { fakeToolchain } from './fakes/command-runner.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let dir: string;
let source: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mm-build-'));
  source = join(dir, 'mm-helper.c');
  writeFileSync(source, 'int main(void) { return 0; }\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureHelperBinary', () => {
  it('uses a prebuilt helper named by MALLOC_MATRIX_HELPER without compiling', async () => {
    const prebuilt = join(dir, 'mm-helper');
    writeFileSync(prebuilt, 'x');
    chmodSync(prebuilt, 0o755);
    const { run, calls } = fakeToolchain([]);
    expect(await ensureHelperBinary({ env: { MALLOC_MATRIX_HELPER: prebuilt }, run })).toBe(prebuilt);
    expect(calls).toEqual([]);
  });

  it('rejects a MALLOC_MATRIX_HELPER that is not an executable file', async () => {
    const notExec = join(dir, 'plain');
    writeFileSync(notExec, 'x');
    await expect(ensureHelperBinary({ env: { MALLOC_MATRIX_HELPER: notExec } })).rejects.toThrow(
      `MALLOC_MATRIX_HELPER=${notExec} is not usable`,
    );
    await expect(ensureHelperBinary({ env: { MALLOC_MATRIX_HELPER: dir } })).rejects.toThrow(
      /not a regular file/,
    );
  });

  it('prefers musl-gcc, compiles statically into the cache and reuses the result', async () => {
    const { run, calls } = fakeToolchain(['musl-gcc', 'cc']);
    const cacheDir = join(dir, 'cache');
    const path = await ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run, arch: 'x64' });
    expect(path).toMatch(new RegExp(`^${cacheDir}/helper-[0-9a-f]{16}-x64$`));
    expect(existsSync(path)).toBe(true);
    expect(calls).toEqual([
      'musl-gcc --version',
      expect.stringMatching(/^musl-gcc -static -pthread -O2 -Wall -Wextra -o \S+\.tmp-\S+ /),
    ]);
    // The binary and its recorded SHA-256; no temp file left.
    const name = path.slice(cacheDir.length + 1);
    expect(readdirSync(cacheDir).sort()).toEqual([name, `${name}.sha256`]);
    expect(readFileSync(`${path}.sha256`, 'utf8')).toBe(`${sha256('binary')}\n`);

    calls.length = 0;
    expect(await ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run, arch: 'x64' })).toBe(path);
    expect(calls).toEqual(['musl-gcc --version']);
  });

  it('falls back to cc, and a different compiler or source gives a different binary', async () => {
    const cacheDir = join(dir, 'cache');
    const withMusl = await ensureHelperBinary({
      env: {},
      cacheDir,
      sourcePath: source,
      run: fakeToolchain(['musl-gcc']).run,
    });
    const { run, calls } = fakeToolchain(['cc']);
    const withCc = await ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run });
    expect(calls[0]).toBe('musl-gcc --version');
    expect(calls[2]).toMatch(/^cc -static /);
    expect(withCc).not.toBe(withMusl);
    writeFileSync(source, 'int main(void) { return 1; }\n');
    expect(await ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run })).not.toBe(withCc);
  });

  it.each([
    ['planted in place of the binary', (path: string) => writeFileSync(path, 'planted')],
    ['planted with no recorded digest', (path: string) => rmSync(`${path}.sha256`)],
    [
      'planted with a digest of its own that the build did not record',
      (path: string) => {
        writeFileSync(path, 'planted');
        writeFileSync(`${path}.sha256`, 'not the digest of anything\n');
      },
    ],
    [
      'a directory in its place',
      (path: string) => {
        rmSync(path);
        mkdirSync(path);
      },
    ],
  ])('never runs a kept binary that is %s: it builds it again', async (_what, plant) => {
    const cacheDir = join(dir, 'cache');
    const { run, calls } = fakeToolchain(['cc']);
    const path = await ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run });
    plant(path);
    calls.length = 0;
    expect(await ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run })).toBe(path);
    expect(calls).toEqual(['musl-gcc --version', 'cc --version', expect.stringMatching(/^cc -static /)]);
    expect(readFileSync(path, 'utf8')).toBe('binary');
    expect(readFileSync(`${path}.sha256`, 'utf8')).toBe(`${sha256('binary')}\n`);
  });

  it('builds per job under RUNNER_TEMP on a runner: a binary in the user cache is never used', async () => {
    const home = join(dir, 'home');
    const { run } = fakeToolchain(['cc']);
    const cached = await ensureHelperBinary({ env: { HOME: home }, sourcePath: source, run });
    expect(cached.startsWith(join(home, '.cache', 'malloc-matrix', 'helper-'))).toBe(true);
    const runnerTemp = join(dir, 'runner-temp');
    const { run: jobRun, calls } = fakeToolchain(['cc']);
    const perJob = await ensureHelperBinary({
      env: { HOME: home, RUNNER_TEMP: runnerTemp },
      sourcePath: source,
      run: jobRun,
    });
    expect(perJob).toBe(join(runnerTemp, 'malloc-matrix', cached.split('/').at(-1)!));
    expect(calls).toEqual(['musl-gcc --version', 'cc --version', expect.stringMatching(/^cc -static /)]);
    expect(helperDir({ RUNNER_TEMP: runnerTemp, XDG_CACHE_HOME: '/x' })).toBe(
      join(runnerTemp, 'malloc-matrix'),
    );
  });

  it('defaults the cache to XDG_CACHE_HOME', async () => {
    const path = await ensureHelperBinary({
      env: { XDG_CACHE_HOME: join(dir, 'xdg') },
      sourcePath: source,
      run: fakeToolchain(['cc']).run,
    });
    expect(path.startsWith(join(dir, 'xdg', 'malloc-matrix', 'helper-'))).toBe(true);
  });

  it('says what to install when there is no compiler', async () => {
    await expect(
      ensureHelperBinary({ env: {}, cacheDir: dir, sourcePath: source, run: fakeToolchain([]).run }),
    ).rejects.toThrow(
      'cannot build the measuring helper: no C compiler found (tried musl-gcc, cc); install musl-tools, or gcc with static libc libraries (libc6-dev), or set MALLOC_MATRIX_HELPER to a prebuilt mm-helper',
    );
  });

  it('reports a failed compilation with the compiler output and leaves nothing behind', async () => {
    const cacheDir = join(dir, 'cache');
    await expect(
      ensureHelperBinary({ env: {}, cacheDir, sourcePath: source, run: fakeToolchain(['cc'], true).run }),
    ).rejects.toThrow(
      /cc -static exited with code 1: \/usr\/bin\/ld: cannot find -lc.*install musl-tools or libc6-dev/,
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});

describe('findHelperSource', () => {
  it('walks up from dist/cli to the directory holding harness/mm-helper.c', () => {
    const nested = join(dir, 'dist', 'cli');
    expect(findHelperSource(nested)).toBeUndefined();
    mkdirSync(join(dir, 'harness'));
    writeFileSync(join(dir, 'harness', 'mm-helper.c'), '');
    expect(findHelperSource(nested)).toBe(join(dir, 'harness', 'mm-helper.c'));
  });

  it('finds the repository source from this checkout', () => {
    expect(findHelperSource(join(process.cwd(), 'dist', 'cli'))).toBe(
      join(process.cwd(), 'harness', 'mm-helper.c'),
    );
  });
});
