// scripts/e2e-check.mjs, the e2e workflow's strict checks, run as the workflow runs it: on a
// results file, passing for a complete run and failing, with the reason, for each way a real
// Alpaquita run can fall short.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Results } from '../src/results/model.js';
import { environment, mixedResults, okCell, unavailableCell } from './fixtures/results.js';

const SCRIPT = path.join(import.meta.dirname, '..', 'scripts', 'e2e-check.mjs');
const ALLOCATORS = ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'];
const dir = mkdtempSync(path.join(tmpdir(), 'mm-e2e-check-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A complete, healthy run on `arch` as the action records it. */
function completeRun(arch: 'x86_64' | 'aarch64'): Results {
  const base = mixedResults();
  const aarch64 = arch === 'aarch64';
  const environments = (['musl', 'glibc'] as const).map((libc) => {
    const env = environment(libc, ALLOCATORS);
    if (!aarch64)
      env.allocators.rpmalloc = {
        status: 'ready',
        library: '/usr/lib/librpmallocwrap.so',
        version: '1.4.5-r0',
      };
    env.allocators.mimalloc = {
      status: 'ready',
      library: '/usr/lib/libmimalloc.so.2.2',
      version: '2.2.4-r0',
    };
    return env;
  });
  const cells = (['musl', 'glibc'] as const).flatMap((libc) =>
    ALLOCATORS.map((name) =>
      aarch64 && name === 'rpmalloc'
        ? unavailableCell(libc, name, 'rpmalloc has no aarch64 build')
        : okCell(libc, name, 400, 12_000),
    ),
  );
  return { ...base, host: { ...base.host, arch: aarch64 ? 'arm64' : 'x64' }, environments, cells };
}

function check(results: Results, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const file = path.join(dir, `results-${++files}.json`);
  writeFileSync(file, JSON.stringify(results));
  try {
    const stdout = execFileSync(process.execPath, [SCRIPT, file, ...args], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The ::error lines, without their prefix. */
function errors(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .map((l) => l.replace(/^::error title=e2e check::/, ''));
}

describe('e2e-check passes a complete run', () => {
  it('on x86_64: ten measured cells, every preload proven, versions side by side', () => {
    const run = check(
      completeRun('x86_64'),
      '--arch',
      'x86_64',
      '--musl-flavor',
      'musl-perf',
      '--mimalloc-major',
      '2',
    );
    expect(errors(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('musl/rpmalloc: ok, preload proven');
    expect(run.stdout).toContain('mimalloc 2.2.4-r0, mimalloc-secure 2.1.7-r0');
    expect(run.stdout).toContain('e2e-check: every check passed (x86_64)');
  });

  it('on aarch64: rpmalloc unavailable for the stated reason, eight measured', () => {
    const run = check(completeRun('aarch64'), '--arch', 'aarch64', '--musl-flavor', 'musl-perf');
    expect(errors(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('e2e-check fails, saying why', () => {
  it.each<[string, (r: Results) => void, string[], string[]]>([
    [
      'an unavailable rpmalloc on x86_64',
      (r) => {
        r.cells[4] = unavailableCell('musl', 'rpmalloc', 'apk add rpmalloc failed: x');
        r.environments[0].allocators.rpmalloc = {
          status: 'unavailable',
          reason: 'apk add rpmalloc failed: x',
        };
      },
      ['--arch', 'x86_64'],
      [
        'musl/rpmalloc is unavailable, expected ok: apk add rpmalloc failed: x',
        '9 cells measured, expected 10',
        'musl/rpmalloc is unavailable: apk add rpmalloc failed: x',
      ],
    ],
    [
      'a preload that was not proven',
      (r) => (r.cells[1].proof = { applied: null }),
      ['--arch', 'x86_64'],
      ['musl/mimalloc: the preload of /usr/lib/libmimalloc.so.2 was not proven'],
    ],
    [
      'another musl flavour',
      (r) => (r.environments[0].muslFlavor = 'unknown'),
      ['--arch', 'x86_64', '--musl-flavor', 'musl-perf'],
      ['musl flavour is unknown, expected musl-perf'],
    ],
    [
      'a missing allocator version',
      (r) => delete r.environments[1].allocators.jemalloc.version,
      ['--arch', 'x86_64'],
      ['glibc/jemalloc: no package version recorded'],
    ],
    [
      'an image that is not Alpaquita',
      (r) => (r.environments[1].osRelease = { ID: 'alpine', LIBC_TYPE: 'glibc' }),
      ['--arch', 'x86_64'],
      ['glibc: os-release ID is alpine, expected alpaquita'],
    ],
    [
      'a missing cell',
      (r) => r.cells.pop(),
      ['--arch', 'x86_64'],
      [
        'cells are [musl/default, musl/mimalloc, musl/mimalloc-secure, musl/jemalloc, musl/rpmalloc, glibc/default, glibc/mimalloc, glibc/mimalloc-secure, glibc/jemalloc], expected [musl/default, musl/mimalloc, musl/mimalloc-secure, musl/jemalloc, musl/rpmalloc, glibc/default, glibc/mimalloc, glibc/mimalloc-secure, glibc/jemalloc, glibc/rpmalloc]',
        '9 cells measured, expected 10',
      ],
    ],
    [
      'a mimalloc of another major version than the tags carry',
      () => undefined,
      ['--arch', 'x86_64', '--mimalloc-major', '1'],
      [
        'musl: mimalloc library is /usr/lib/libmimalloc.so.2.2, expected libmimalloc.so.1',
        'glibc: mimalloc library is /usr/lib/libmimalloc.so.2.2, expected libmimalloc.so.1',
      ],
    ],
  ])('%s', (_what, spoil, args, expected) => {
    const results = completeRun('x86_64');
    spoil(results);
    const run = check(results, ...args);
    expect(errors(run.stdout)).toEqual(expected);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`e2e-check: ${expected.length} check(s) failed`);
  });

  it('when rpmalloc measured on aarch64, or a run from another architecture is checked', () => {
    const armWithRpmalloc = completeRun('x86_64');
    armWithRpmalloc.host.arch = 'arm64';
    const run = check(armWithRpmalloc, '--arch', 'aarch64');
    expect(errors(run.stdout)).toEqual([
      'musl/rpmalloc is ok (no reason), expected unavailable: rpmalloc has no aarch64 build',
      'glibc/rpmalloc is ok (no reason), expected unavailable: rpmalloc has no aarch64 build',
    ]);
    expect(errors(check(completeRun('x86_64'), '--arch', 'aarch64').stdout)).toContain(
      'host arch is x64, expected arm64 (aarch64)',
    );
  });

  it('exits 2 on bad arguments and 1 on an unreadable file', () => {
    expect(check(completeRun('x86_64'), '--arch', 'riscv64')).toMatchObject({ code: 2 });
    expect(check(completeRun('x86_64'))).toMatchObject({ code: 2 });
    let missing: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [SCRIPT, path.join(dir, 'none.json'), '--arch', 'x86_64'], {
        stdio: 'pipe',
      });
    } catch (error) {
      missing = {
        status: (error as { status: number }).status,
        stderr: String((error as { stderr: Buffer }).stderr),
      };
    }
    expect(missing?.status).toBe(1);
    expect(missing?.stderr).toContain('e2e-check: cannot read');
  });
});
