// Figure 4 (allocation profile), through the bundled CLI on the stand-in images:
// - exact counts of __tests__/fixtures/alloc-counts.c (known calls of known sizes, across fork,
//   vfork + exec and 4 threads) under every allocator and both libcs;
// - Python's allocations while 10 threads read /proc/kallsyms (the guide's workload);
// - the profiling run's own slowdown on a malloc-heavy loop;
// - the allocation gate on real `baseline: base` sessions: A/A, and a head with 20% more mallocs.
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dockerArgs, runCli, ALL_ALLOCATORS } from './containers.mjs';
import { makeRepo } from './workloads.mjs';
import { log, REPO_ROOT, tempDir } from './util.mjs';

export const ALLOC_COUNTS = path.join(REPO_ROOT, '__tests__', 'fixtures', 'alloc-counts.c');
export const MORE_PERCENT = 20;
export const CHURN_CALLS = 3_000_000;
export const PYTHON_THREADS = 10;
const BUILD = 'cc -O2 -fno-builtin -pthread -o alloc-counts alloc-counts.c';

/** What `alloc-counts all` asks for, per kind and exact size: its own calls, nothing of the libc's. */
export const EXPECTED_SIZES = {
  malloc: { 4001: 1000, 1111: 20, 2222: 20, 3333: 60, 4444: 80, 7777: 4000 },
  calloc: { 333: 1, 3010: 200 },
  realloc: { 5001: 100, 6001: 100 },
};
/** Kinds no C library calls on its own here: their totals are exact too. */
export const EXPECTED_KINDS = {
  realloc: 200,
  reallocarray: 4,
  posix_memalign: 7,
  aligned_alloc: 5,
  memalign: 3,
  valloc: 2,
};

function allocTree(dir, more = 0) {
  copyFileSync(ALLOC_COUNTS, path.join(dir, 'alloc-counts.c'));
  writeFileSync(
    path.join(dir, 'Makefile'),
    `MORE ?= ${more}\nalloc-counts: alloc-counts.c Makefile\n\tcc -O2 -fno-builtin -pthread -DMORE_PERCENT=$(MORE) -o alloc-counts alloc-counts.c\n`,
  );
}

/** Each expected count against the profile: [what, expected, counted]. */
export function checkCounts(summary) {
  const checks = [];
  for (const [kind, sizes] of Object.entries(EXPECTED_SIZES)) {
    for (const [size, expected] of Object.entries(sizes)) {
      const got = summary?.kinds[kind]?.topSizes.find(([s]) => s === Number(size))?.[1] ?? 0;
      checks.push([`${kind}(${size})`, expected, got]);
    }
  }
  for (const [kind, expected] of Object.entries(EXPECTED_KINDS)) {
    checks.push([`${kind} calls`, expected, summary?.kinds[kind]?.calls ?? 0]);
  }
  return checks;
}

async function exactCounts(images) {
  const ws = tempDir('alloc');
  allocTree(ws);
  log('profile: exact counts under every allocator');
  const args = [
    ...dockerArgs(images),
    '--allocators',
    ALL_ALLOCATORS,
    '--profile',
    'all',
    '--runs',
    '1',
    '--warmup',
    '0',
    '--baseline',
    'none',
    '--setup',
    'make',
    '--',
    './alloc-counts',
    'all',
  ];
  const run = await runCli(args, { cwd: ws, env: process.env });
  rmSync(ws, { recursive: true, force: true });
  const unavailable = run.results.cells
    .filter((c) => c.status === 'unavailable')
    .map((c) => `${c.libc}/${c.allocator}`);
  const profiles = (run.results.profiles ?? []).map((p) => ({
    libc: p.libc,
    allocator: p.allocator,
    status: p.status,
    reason: p.reason,
    checks: checkCounts(p.summary),
    repeats: p.repeats.map((r) => r.calls),
    processes: p.summary?.processes.length ?? 0,
    calls: p.summary?.calls,
  }));
  return { profiles, unavailable };
}

/** A tree holding this machine's Debian python3.11 (glibc), its standard library and libexpat. */
function pythonTree() {
  const binary = '/usr/bin/python3.11';
  const stdlib = '/usr/lib/python3.11';
  const expat = ['/lib/x86_64-linux-gnu/libexpat.so.1', '/usr/lib/x86_64-linux-gnu/libexpat.so.1'].find(
    existsSync,
  );
  if (!existsSync(binary) || !existsSync(stdlib) || !expat) return undefined;
  const ws = tempDir('python');
  const home = path.join(ws, 'py');
  mkdirSync(path.join(home, 'lib'), { recursive: true });
  copyFileSync(binary, path.join(home, 'python3.11'));
  copyFileSync(expat, path.join(home, 'libexpat.so.1'));
  const skip = new Set([
    'test',
    'idlelib',
    'tkinter',
    'ensurepip',
    'lib2to3',
    'turtledemo',
    'pydoc_data',
    'dist-packages',
    'site-packages',
  ]);
  cpSync(stdlib, path.join(home, 'lib', 'python3.11'), {
    recursive: true,
    filter: (src) => !skip.has(path.basename(src)) && !src.includes('__pycache__'),
  });
  writeFileSync(
    path.join(ws, 'kallsyms.py'),
    `import threading\n\ndef work():\n    with open('/proc/kallsyms') as f:\n        for line in f:\n            pass\n\n` +
      `threads = [threading.Thread(target=work) for _ in range(${PYTHON_THREADS})]\n` +
      'for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\n',
  );
  return ws;
}

async function python(images) {
  const ws = pythonTree();
  if (!ws) return { skipped: 'this machine has no Debian /usr/bin/python3.11 to copy into the glibc image' };
  log('profile: Python reading /proc/kallsyms in 10 threads (glibc)');
  try {
    const args = [
      ...dockerArgs(images),
      '--libcs',
      'glibc',
      '--allocators',
      'default',
      '--runs',
      '3',
      '--warmup',
      '1',
      '--baseline',
      'none',
      '--',
      'LD_LIBRARY_PATH=$PWD/py PYTHONHOME=$PWD/py ./py/python3.11 -S kallsyms.py',
    ];
    const run = await runCli(args, { cwd: ws, env: process.env });
    const p = (run.results.profiles ?? [])[0];
    const kinds = p?.summary?.kinds ?? {};
    return {
      libc: p?.libc,
      status: p?.status,
      reason: p?.reason,
      calls: p?.summary?.calls,
      threads: p?.summary?.threads,
      repeats: p?.repeats.map((r) => r.calls),
      malloc: kinds.malloc
        ? { calls: kinds.malloc.calls, top: kinds.malloc.topSizes.slice(0, 3) }
        : undefined,
      realloc: kinds.realloc
        ? { calls: kinds.realloc.calls, top: kinds.realloc.topSizes.slice(0, 3) }
        : undefined,
      calloc: kinds.calloc?.calls ?? 0,
      peakLiveBytes: p?.summary?.peakLiveBytes,
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

async function slowdown(images, quick) {
  const ws = tempDir('churn');
  allocTree(ws);
  log('profile: the profiling run against the timed runs of a malloc-heavy loop');
  const runs = quick ? 5 : 10;
  const args = [
    ...dockerArgs(images),
    '--allocators',
    'default,mimalloc,jemalloc',
    '--profile',
    'all',
    '--runs',
    String(runs),
    '--warmup',
    '1',
    '--baseline',
    'none',
    '--setup',
    'make',
    '--',
    './alloc-counts',
    'churn',
    String(CHURN_CALLS),
  ];
  const run = await runCli(args, { cwd: ws, env: process.env });
  rmSync(ws, { recursive: true, force: true });
  return {
    runs,
    rows: (run.results.profiles ?? []).map((p) => {
      const cell = run.results.cells.find(
        (c) => c.libc === p.libc && c.allocator === p.allocator && c.tree === 'head',
      );
      return {
        libc: p.libc,
        allocator: p.allocator,
        status: p.status,
        medianMs: cell?.summary?.wall.median,
        profiledMs: p.repeats[0]?.wallMs,
        overhead: p.overhead,
        calls: p.summary?.calls,
        measured: cell?.runs.filter((r) => r.kind === 'measured').length,
      };
    }),
  };
}

/** `trials` real `baseline: base` sessions of one repository; each trial's allocation verdicts. */
async function gateTrials(images, label, trials, more) {
  const repo = makeRepo(undefined, more, allocTree);
  const outcomes = [];
  try {
    for (let i = 0; i < trials; i++) {
      log(`profile: allocation gate ${label} ${i + 1}/${trials}`);
      const args = [
        ...dockerArgs(images),
        '--allocators',
        'default',
        '--runs',
        '2',
        '--warmup',
        '0',
        '--baseline',
        'base',
        '--setup',
        'make',
        '--seed',
        String(3001 + i),
        '--',
        './alloc-counts',
        'basic',
      ];
      try {
        const run = await runCli(args, { cwd: repo.dir, env: repo.env, okCodes: [0, 1] });
        const rows = run.results.allocationComparisons ?? [];
        outcomes.push({
          regressed: rows
            .filter((r) => r.verdict === 'regressed')
            .map((r) => `${r.libc} ${r.metric} ${(r.change * 100).toFixed(1)}%`),
          verdicts: rows.map((r) => `${r.libc}/${r.metric}: ${r.verdict}`),
          changes: rows.filter((r) => r.metric === 'calls').map((r) => r.change),
        });
      } catch (error) {
        outcomes.push({ error: error.message });
      }
    }
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
  const judged = outcomes.filter((o) => !o.error);
  return {
    trials,
    judged: judged.length,
    failed: judged.filter((o) => o.regressed.length > 0).length,
    errors: outcomes.filter((o) => o.error).map((o) => o.error),
    changes: [...new Set(judged.flatMap((o) => o.changes.map((c) => c.toFixed(4))))],
    verdicts: [...new Set(judged.flatMap((o) => o.verdicts))],
  };
}

export async function measureProfile({ images, quick, trials }) {
  const count = trials ?? (quick ? 5 : 20);
  const exact = await exactCounts(images);
  const py = await python(images);
  const slow = await slowdown(images, quick);
  const aa = await gateTrials(images, 'A/A', count, 0);
  const ab = await gateTrials(images, `A/B (+${MORE_PERCENT}% mallocs)`, count, MORE_PERCENT);
  return { exact, python: py, slowdown: slow, gate: { aa, ab } };
}
