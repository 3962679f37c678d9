// Renders figure 4 (allocation profile) of docs/performance.md. Pure: data in, text out.
import { CHURN_CALLS, MORE_PERCENT, PYTHON_THREADS } from './profile.mjs';

const met = (ok) => (ok ? 'met' : '**not met**');
const count = (n) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const share = (part, whole) => `${((100 * part) / whole).toFixed(0)}%`;

function notMeasured(section) {
  if (section.skipped) return `_Not measured: ${section.skipped}._\n`;
  return `_Not measured: the measurement failed: ${section.error}._\n`;
}

function exactOk(p) {
  return (
    p.status === 'ok' &&
    p.checks.every(([, expected, got]) => expected === got) &&
    new Set(p.repeats).size === 1
  );
}

export function profileSummary(section) {
  if (!section.data) return [['Allocation profile', 'see §4', 'not measured', '']];
  const d = section.data;
  const exact = d.exact.profiles;
  const py = d.python;
  const rows = [
    [
      'Exact counts (fork, vfork + exec, 4 threads), every allocator × libc',
      'all exact',
      `${exact.filter(exactOk).length} of ${exact.length} profiles exact`,
      met(exact.length > 0 && exact.every(exactOk)),
    ],
  ];
  if (py.skipped)
    rows.push(['Python reading /proc/kallsyms: one dominant malloc size', 'shown', 'not measured', '']);
  else {
    const [size, n] = py.malloc?.top[0] ?? [0, 0];
    rows.push([
      `Python reading /proc/kallsyms, ${PYTHON_THREADS} threads (${py.libc}): one dominant malloc size`,
      'shown',
      `\`${size}\` B is ${share(n, py.malloc?.calls ?? 1)} of ${count(py.malloc?.calls)} mallocs`,
      '',
    ]);
  }
  const overheads = d.slowdown.rows.filter((r) => r.overhead !== undefined);
  rows.push([
    'Profiling run ÷ median timed run, malloc-heavy loop',
    'report',
    overheads.map((r) => `${r.libc}/${r.allocator} ${r.overhead.toFixed(2)}×`).join(', '),
    '',
  ]);
  const { aa, ab } = d.gate;
  rows.push([
    'Allocation gate, A/A (deterministic program)',
    `0 in ${aa.trials}`,
    `${aa.failed} in ${aa.judged}`,
    met(aa.failed === 0 && aa.judged === aa.trials),
  ]);
  rows.push([
    `Allocation gate, head with ${MORE_PERCENT}% more malloc calls`,
    `${ab.trials} in ${ab.trials}`,
    `${ab.failed} in ${ab.judged}`,
    met(ab.failed === ab.trials),
  ]);
  return rows;
}

function exactTable(exact) {
  const out = [
    '| libc | allocator | status | checks exact | allocation calls (every repeat) | processes |',
    '|---|---|---|---|---|---|',
  ];
  for (const p of exact.profiles) {
    const ok = p.checks.filter(([, e, g]) => e === g).length;
    const wrong = p.checks.filter(([, e, g]) => e !== g).map(([w, e, g]) => `${w}: ${g} ≠ ${e}`);
    out.push(
      `| ${p.libc} | ${p.allocator} | ${p.status}${p.reason ? `: ${p.reason}` : ''} | ${ok}/${p.checks.length}${wrong.length ? ` (${wrong.join('; ')})` : ''} | ${p.repeats.map(count).join(', ')} | ${p.processes} |`,
    );
  }
  if (exact.unavailable.length > 0)
    out.push('', `Not in the stand-in images, so not profiled: ${exact.unavailable.join(', ')}.`);
  return out.join('\n');
}

function pythonPart(py) {
  if (py.skipped) return notMeasured(py);
  const sizes = (kind) =>
    (py[kind]?.top ?? []).map(([size, n]) => `\`${size}\` ${share(n, py[kind].calls)}`).join(', ');
  return [
    `The stand-in images have no Python and no package repository (\`apk add python3\` fails there), and Debian has no musl build of Python. So this machine's Debian \`python3.11\` (glibc), its standard library and \`libexpat\` are copied into the tree and run in the glibc image; the musl row of the guide cannot be reproduced here.`,
    '',
    `| libc | status | allocation calls (repeats) | malloc | top malloc sizes | realloc | top realloc sizes | calloc | threads | peak live bytes |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${py.libc} | ${py.status} | ${(py.repeats ?? []).map(count).join(', ')} | ${count(py.malloc?.calls)} | ${sizes('malloc')} | ${count(py.realloc?.calls)} | ${sizes('realloc')} | ${count(py.calloc)} | ${py.threads} | ${count(py.peakLiveBytes)} |`,
    '',
    'The guide counted about 26,800 mallocs and 12,800 reallocs for the same workload, 47% of the mallocs asking for 8,225 bytes: the buffer Python reads a file into (8 KiB plus the bytes object header).',
  ].join('\n');
}

function slowdownPart(s) {
  const out = [
    `\`alloc-counts churn ${CHURN_CALLS.toLocaleString('en-US')}\`: that many malloc/free pairs of 48, 96 and 8,225 bytes, with \`profile: all\`, ${s.runs} measured runs per cell. The profiling run is one extra run after the timed ones; every cell keeps exactly its measured runs.`,
    '',
    '| libc | allocator | median timed run | profiling run | ÷ median | allocation calls | measured runs in the cell |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of s.rows) {
    out.push(
      `| ${r.libc} | ${r.allocator} | ${r.medianMs?.toFixed(1) ?? '—'} ms | ${r.profiledMs?.toFixed(1) ?? '—'} ms | ${r.overhead?.toFixed(2) ?? '—'}× | ${count(r.calls)} | ${r.measured} |`,
    );
  }
  return out.join('\n');
}

function gatePart(gate) {
  const line = (label, g) =>
    `| ${label} | ${g.trials} | ${g.failed} | ${g.judged - g.failed} | ${g.errors.length} | ${g.changes.map((c) => `${(Number(c) * 100).toFixed(1)}%`).join(', ') || '—'} |`;
  return [
    'Real `baseline: base` sessions through the CLI: a git repository and a `pull_request` event, both libcs, the libc default, 2 measured runs, `allocation-threshold: 10%`. A/A: head is base. A/B: head builds `alloc-counts` with `-DMORE_PERCENT=20` (1,200 instead of 1,000 `malloc(4001)`).',
    '',
    '| trials | sessions | failed the allocation gate | passed | sessions that could not run | change of allocation calls seen |',
    '|---|---|---|---|---|---|',
    line('A/A', gate.aa),
    line(`A/B (+${MORE_PERCENT}% mallocs)`, gate.ab),
    '',
    `Verdicts seen: A/A ${gate.aa.verdicts.join(', ') || '—'}; A/B ${gate.ab.verdicts.join(', ') || '—'}.`,
  ].join('\n');
}

export function profileSection(section) {
  const out = ['## 7. The allocation profile\n'];
  if (!section.data) return [...out, notMeasured(section)].join('\n');
  const d = section.data;
  out.push(
    '### Exact counts under every allocator\n',
    '`alloc-counts all` (__tests__/fixtures/alloc-counts.c) makes a known number of calls of known sizes: every call kind, a `fork` whose child execs the program again, a `vfork` + `exec`, and 4 threads of 1,000 mallocs each. Each row is one libc × allocator profile (`profile: all`), summed over its processes; the threads make it run 3 times.\n',
    exactTable(d.exact),
    '',
    `### Python reading /proc/kallsyms in ${PYTHON_THREADS} threads\n`,
    pythonPart(d.python),
    '',
    '### The profiling run’s own cost\n',
    slowdownPart(d.slowdown),
    '',
    '### The allocation gate\n',
    gatePart(d.gate),
    '',
  );
  return out.join('\n');
}

/** How figure 4 is made, for the method section. */
export function profileMethod(cli, docker) {
  return [
    '**7. Allocation profile.** The CLI builds the profiler (`harness/mm-profiler.c`) like the helper and each run below profiles after its timed runs; `--profile-trials N` sets the number of gate sessions per side.',
    `- exact counts: \`${cli} ${docker} --allocators default,mimalloc,mimalloc-secure,jemalloc,rpmalloc --profile all --runs 1 --warmup 0 --baseline none --setup make -- ./alloc-counts all\``,
    `- Python: \`${cli} ${docker} --libcs glibc --allocators default --runs 3 --warmup 1 --baseline none -- 'LD_LIBRARY_PATH=$PWD/py PYTHONHOME=$PWD/py ./py/python3.11 -S kallsyms.py'\``,
    `- cost: \`${cli} ${docker} --allocators default,mimalloc,jemalloc --profile all --runs 10 --warmup 1 --baseline none --setup make -- ./alloc-counts churn ${CHURN_CALLS}\``,
    `- gate: in a git repository as for figure 3, with a Makefile passing \`-DMORE_PERCENT\` (0, or ${MORE_PERCENT} in the A/B head), \`${cli} ${docker} --allocators default --runs 2 --warmup 0 --baseline base --setup make --seed <seed> -- ./alloc-counts basic\` (seeds from 3001); a trial fails when a row of \`allocationComparisons\` in its results is \`regressed\`.\n`,
  ].join('\n');
}
