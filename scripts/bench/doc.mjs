// Renders docs/performance.md from the figures the benchmark measured. Pure: data in, text out.
import {
  gateMethod,
  gateSection,
  gateSummary,
  retriesSection,
  retriesSummary,
  snrSection,
  snrSummary,
} from './doc-gate.mjs';
import { WHOLE_RUN_OPERATIONS } from './containers.mjs';
import { shardSection, shardSummary } from './shards.mjs';
import { ms, pct, seconds, signedMs, sum } from './util.mjs';
import { profileMethod, profileSection, profileSummary } from './profile-doc.mjs';

const GOAL_MS = 0.2;
const met = (ok) => (ok === undefined ? '' : ok ? 'met' : '**not met**');

function notMeasured(section) {
  if (section.skipped) return `_Not measured: ${section.skipped}._\n`;
  return `_Not measured: the measurement failed: ${section.error}._\n`;
}

// ---------------------------------------------------------------- figure 1

function helperSummary(h) {
  if (!h.data) return [['Helper overhead per run', '≤ 0.2 ms', 'not measured', '']];
  const rows = [];
  for (const c of h.data.commands) {
    rows.push([
      `Helper overhead per run, ${c.name}`,
      '≤ 0.2 ms over `hyperfine -N`',
      signedMs(c.overheadMs),
      met(c.overheadMs <= GOAL_MS),
    ]);
  }
  const busy = h.data.commands[1];
  rows.push([
    'Median wall time vs hyperfine, ~50 ms command',
    'within 2%',
    pct(busy.agreement, 2),
    met(Math.abs(busy.agreement) <= 0.02),
  ]);
  return rows;
}

function helperSection(h) {
  const out = ['## 1. Measuring helper vs `hyperfine -N`\n'];
  if (!h.data) return [...out, notMeasured(h)].join('\n');
  const d = h.data;
  out.push(
    'Both tools ran the same commands on the host, in alternating blocks (which tool goes first alternates too), ' +
      'each block after its own warm-up runs. Medians over all blocks:\n',
  );
  out.push(
    '| command | blocks × (warm-up + runs) | runs per tool | hyperfine median | helper median | overhead (helper − hyperfine) | ratio |',
  );
  out.push('|---|---|---|---|---|---|---|');
  for (const c of d.commands) {
    out.push(
      `| ${c.name} | ${c.blocks} × (${c.warmup} + ${c.runs}) | ${c.helper.length} | ${ms(c.hyperfineMedian, 3)} | ${ms(c.helperMedian, 3)} | ${signedMs(c.overheadMs)} | ${pct(c.agreement, 2)} |`,
    );
  }
  out.push('\nBlock by block (median of each block), to show how much the machine drifted:\n');
  out.push('| command | block | hyperfine | helper |');
  out.push('|---|---|---|---|');
  for (const c of d.commands) {
    c.blockMedians.forEach((b, i) =>
      out.push(`| ${c.name} | ${i + 1} | ${ms(b.hyperfine, 3)} | ${ms(b.helper, 3)} |`),
    );
  }
  out.push(
    `\n\`busy\` is a static C loop doing ${d.iterations.toLocaleString('en-US')} iterations, calibrated at the start of the run to about 50 ms.`,
  );
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- figure 2

const LIBCS = ['musl', 'glibc'];
const medianOf = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function fixedPerLibc(c) {
  return Object.fromEntries(
    LIBCS.map((l) => [l, medianOf(c.fixed.samples.map((s) => s.libc[l]?.prepareMs))]),
  );
}

function wholeRunFigures(w) {
  const p = w.phases;
  const prepare = sum(LIBCS.map((l) => p.libc[l]?.prepareMs ?? 0));
  const setup = sum(LIBCS.map((l) => p.libc[l]?.setupMs ?? 0));
  const batches = sum(LIBCS.map((l) => p.libc[l]?.batchMs ?? 0));
  const fixed = prepare + p.startupMs + p.teardownMs;
  const budget = 1.1 * w.measuredMs + fixed;
  const spent = p.totalMs - setup;
  return {
    prepare,
    setup,
    batches,
    fixed,
    budget,
    spent,
    factor: (spent - fixed) / w.measuredMs,
    // The same, counting the proof and warm-up runs as runs: what the harness adds per run.
    allRunsFactor: (spent - fixed) / (w.measuredMs + w.otherMs),
    batchOverhead: batches - w.measuredMs - w.otherMs,
  };
}

function containerSummary(c) {
  if (!c.data) return [['Container figures', '', 'not measured', '']];
  const fixed = fixedPerLibc(c.data);
  const noop = c.data.inside.commands[0];
  const whole = wholeRunFigures(c.data.whole);
  const worstFixed = Math.max(...LIBCS.map((l) => fixed[l]));
  const diffs = LIBCS.map((l) => noop[`${l}Median`] - noop.hostMedian);
  return [
    [
      'Fixed overhead per libc (start, copy, allocator install)',
      '≤ 5 s',
      LIBCS.map((l) => `${l} ${seconds(fixed[l])}`).join(', '),
      met(worstFixed <= 5000),
    ],
    [
      'Per-run measurement overhead in a container vs the host executor (static no-op)',
      'within 0.2 ms',
      LIBCS.map((l, i) => `${l} ${signedMs(diffs[i])}`).join(', '),
      met(diffs.every((d) => Math.abs(d) <= GOAL_MS)),
    ],
    [
      'Whole 2 × 5 run: total ≤ 1.1 × Σ measured runs + fixed overhead',
      'factor ≤ 1.1',
      `${whole.factor.toFixed(3)} (${seconds(whole.spent)} vs ${seconds(whole.budget)})`,
      met(whole.spent <= whole.budget),
    ],
    [
      'The same, counting the proof/warm-up runs with the measured ones',
      'factor ≤ 1.1',
      whole.allRunsFactor.toFixed(3),
      met(whole.allRunsFactor <= 1.1),
    ],
  ];
}

function containerSection(c, images) {
  const out = ['## 2. Containers\n'];
  if (!c.data) return [...out, notMeasured(c)].join('\n');
  const d = c.data;
  out.push('### Fixed overhead per libc\n');
  out.push(
    `The time from \`<libc>: preparing the environment\` to the first line of the next step (setup or measuring) on the CLI's stderr: ` +
      `engine check, image inspection (image present, \`pull: never\`), container start, libc facts, \`apk add\` of the four ` +
      `allocator packages (rpmalloc is refused by the stand-in, as on aarch64), and the copy of a small workspace. ` +
      `All five allocators, \`runs: 1\`, \`warmup: 0\`, command \`true\`, no setup; ${d.fixed.reps} repetition(s).\n`,
  );
  out.push('| repetition | musl | glibc | CLI start | teardown (container removal, results file) | total |');
  out.push('|---|---|---|---|---|---|');
  d.fixed.samples.forEach((s, i) =>
    out.push(
      `| ${i + 1} | ${seconds(s.libc.musl?.prepareMs)} | ${seconds(s.libc.glibc?.prepareMs)} | ${seconds(s.startupMs)} | ${seconds(s.teardownMs)} | ${seconds(s.totalMs)} |`,
    ),
  );
  const fixed = fixedPerLibc(d);
  out.push(`\nMedian: musl ${seconds(fixed.musl)}, glibc ${seconds(fixed.glibc)}.\n`);

  out.push('### Measurement overhead inside a container vs the host executor\n');
  out.push(
    `The same static programs (so the very same code runs everywhere) measured through the CLI with \`--allocators default\`, ` +
      `on the host executor and in both containers, in ${d.inside.blocks} alternating block(s). Medians of every measured run:\n`,
  );
  out.push(
    '| command | runs per place | host | musl container | glibc container | musl − host | glibc − host |',
  );
  out.push('|---|---|---|---|---|---|---|');
  for (const cmd of d.inside.commands) {
    const rel = (l) =>
      `${signedMs(cmd[`${l}Median`] - cmd.hostMedian)} (${pct(cmd[`${l}Median`] / cmd.hostMedian - 1)})`;
    out.push(
      `| ${cmd.name} | ${cmd.host.length} | ${ms(cmd.hostMedian, 3)} | ${ms(cmd.muslMedian, 3)} | ${ms(cmd.glibcMedian, 3)} | ${rel('musl')} | ${rel('glibc')} |`,
    );
  }
  out.push(
    "\nThe no-op is the measure of per-run overhead (fork, exec, wait4 in the container's namespaces and cgroup). " +
      'On the CPU loop, the difference mixes that overhead with CPU noise between the blocks.\n',
  );

  out.push('### Whole run of the 2 × 5 matrix\n');
  const w = d.whole;
  const f = wholeRunFigures(w);
  const ok = w.cells.filter((x) => x.status === 'ok').length;
  out.push(
    `The churn benchmark (\`./churn ${w.args.at(-1)}\`), built by \`setup: make\` in each container, all five allocators, ` +
      `\`runs: 10\`, \`warmup: 1\` (the proof run serves as the warm-up): ${ok} measured cells, ` +
      `${w.cells.length - ok} not (${w.cells
        .filter((x) => x.status !== 'ok')
        .map((x) => `${x.libc}/${x.allocator} ${x.status}`)
        .join(', ')}).\n`,
  );
  const p = w.phases;
  out.push('| part | time |');
  out.push('|---|---|');
  out.push(`| **total wall time of the CLI** | **${seconds(p.totalMs)}** |`);
  out.push(`| CLI start (Node, config) before the first step | ${seconds(p.startupMs)} |`);
  for (const l of LIBCS)
    out.push(`| ${l}: preparation (fixed overhead) | ${seconds(p.libc[l]?.prepareMs)} |`);
  for (const l of LIBCS) out.push(`| ${l}: the user's setup (\`make\`) | ${seconds(p.libc[l]?.setupMs)} |`);
  out.push(`| Σ measured runs (${w.measuredRuns}) | ${seconds(w.measuredMs)} |`);
  out.push(`| Σ proof and warm-up runs (${w.otherRuns}) | ${seconds(w.otherMs)} |`);
  out.push(
    `| batch overhead (\`docker exec\` of the helper, time between runs) | ${seconds(f.batchOverhead)} |`,
  );
  out.push(`| teardown (container removal, results file) | ${seconds(p.teardownMs)} |`);
  out.push(
    `| not attributed | ${seconds(p.totalMs - p.startupMs - f.prepare - f.setup - f.batches - p.teardownMs)} |`,
  );
  out.push(
    `\nCounting as fixed overhead the preparation of both containers, the CLI's start and the teardown ` +
      `(${seconds(f.fixed)}), and leaving out the user's own setup (${seconds(f.setup)}): ` +
      `${seconds(f.spent)} spent against a budget of 1.1 × ${seconds(w.measuredMs)} + ${seconds(f.fixed)} = ${seconds(f.budget)}; ` +
      `the run cost ${f.factor.toFixed(3)} × the measured runs beyond the fixed overhead (goal ≤ 1.1). ` +
      'The proof run of each cell (traced, and standing in for the first warm-up) alone is one run in eleven: ' +
      `counted with the measured runs, the factor is ${f.allRunsFactor.toFixed(3)}, the cost of the harness itself ` +
      '(one `docker exec` per batch, the helper between runs).\n',
  );
  out.push(`Images: \`${images?.musl}\` and \`${images?.glibc}\` (the stand-ins the test suite builds).\n`);
  return out.join('\n');
}

// ---------------------------------------------------------------- the document

function methodSection(data) {
  const quick = data.quick;
  const hyper = 'hyperfine -N --warmup <warm-up> --runs <runs> --style none --export-json <file>';
  const cli = 'node dist/cli/index.js';
  const docker = '--executor docker --image-musl <musl image> --image-glibc <glibc image> --pull never';
  const lines = [
    '## How these figures are made\n',
    `\`npm run bench\` (\`node scripts/bench.mjs\`; \`--quick\` for a shorter pass with fewer blocks, repetitions and trials) ` +
      'measures everything on the machine it runs on and rewrites this file. It drives the bundled CLI (`dist/cli/index.js`) ' +
      "and loads the product's own modules from `src/` (the helper driver and the comparison code), so the figures are those " +
      'of the code in the repository. This file was made with ' +
      `\`${data.commandLine}\`${quick ? ' (a quick pass: few trials, coarse figures)' : ''}.\n`,
    '**1. Helper vs hyperfine.** Static `busy` (a CPU loop) and `noop` programs are compiled with `musl-gcc -static` ' +
      '(else `cc -static`). The measuring helper (the cached static `mm-helper`, as the CLI uses) is driven directly with a plan ' +
      'of warm-up and measured runs (`src/harness/run.ts`), alternating blocks with',
    `\`${hyper} true\` (and \`<workspace>/busy <iterations>\`).`,
    'Both tools time fork/exec to exit of the same program; the helper uses `CLOCK_MONOTONIC` around `fork`/`wait4`.\n',
    '**2. Containers.** Each figure comes from real CLI runs against the stand-in images of the test suite ' +
      "(`bash __tests__/standin/build.sh`); phases are timed from the arrival of the CLI's stderr lines.",
    `- fixed overhead: \`${cli} ${docker} --allocators default,mimalloc,mimalloc-secure,jemalloc,rpmalloc --runs 1 --warmup 0 --baseline none -- true\``,
    `- in-container vs host: \`${cli} --executor host --allocators default --runs <n> --baseline none -- ./noop 0\` against ` +
      `\`${cli} ${docker} --libcs musl,glibc --allocators default --runs <n> --baseline none -- ./noop 0\`, and the same with \`./busy <iterations>\``,
    `- whole run: \`${cli} ${docker} --runs 10 --setup make --baseline none -- ./churn ${WHOLE_RUN_OPERATIONS}\` in a directory with ` +
      '`__tests__/fixtures/churn.c` and a Makefile.\n',
    gateMethod(cli, docker),
    `**6. Sharding.** \`${cli} ${docker} --allocators default,mimalloc,mimalloc-secure,jemalloc,rpmalloc --runs <runs> --setup make --baseline none --seed 4242 --libcs <libcs> -- ./churn <operations>\` ` +
      'with `--libcs musl,glibc` (one job), `musl` and `glibc` (the shards), then `' +
      cli +
      ' merge <shard files> --json <file>`.\n',
    profileMethod(cli, docker),
    'Every timing is the median of many runs and every comparison alternates what it compares, but the machine was not ' +
      'otherwise idle unless the load averages above say so; re-run the script on a quiet machine for reference figures.',
  ];
  return lines.join('\n') + '\n';
}

export function renderDoc(data) {
  const m = data.machine;
  const out = [];
  out.push('# Performance figures\n');
  out.push(
    `Measured by \`npm run bench\` on ${m.date.slice(0, 10)} (${m.date}), in ${seconds(data.durationMs, 0)}` +
      `${data.quick ? ', quick pass' : ''}. The script rewrites this file on every run.\n`,
  );
  out.push('| machine | |');
  out.push('|---|---|');
  out.push(`| CPU | ${m.cpu} |`);
  out.push(`| cores | ${m.cores} |`);
  out.push(`| memory | ${m.memory} |`);
  out.push(`| kernel | ${m.kernel} |`);
  out.push(`| host libc | ${m.libc} |`);
  out.push(`| Docker engine | ${m.docker} |`);
  out.push(`| hyperfine | ${m.hyperfine} |`);
  out.push(`| Node.js | ${m.node} |`);
  out.push(`| compiler for the helper | ${m.compiler} |`);
  out.push(`| load average (1/5/15 min) at start, at end | ${data.loadStart}; ${data.loadEnd} |`);
  out.push('');
  out.push('## Summary\n');
  out.push('| figure | goal | measured | |');
  out.push('|---|---|---|---|');
  for (const row of [
    ...helperSummary(data.helper),
    ...containerSummary(data.containers),
    ...gateSummary(data.gate),
    ...snrSummary(data.snr),
    ...retriesSummary(data.retries),
    ...shardSummary(data.shards ?? { skipped: 'not selected' }),
    ...profileSummary(data.profile ?? { skipped: 'not selected' }),
  ]) {
    out.push(`| ${row.join(' | ')} |`);
  }
  out.push('');
  out.push(helperSection(data.helper));
  out.push(containerSection(data.containers, data.images));
  out.push(gateSection(data.gate));
  out.push(snrSection(data.snr));
  out.push(retriesSection(data.retries));
  out.push(shardSection(data.shards ?? { skipped: 'not selected' }, notMeasured));
  out.push(profileSection(data.profile ?? { skipped: 'not selected' }));
  out.push(methodSection(data));
  return out.join('\n');
}

/** The summary table alone, for the terminal. */
export function renderSummary(data) {
  const rows = [
    ...helperSummary(data.helper),
    ...containerSummary(data.containers),
    ...gateSummary(data.gate),
    ...snrSummary(data.snr),
    ...retriesSummary(data.retries),
    ...shardSummary(data.shards ?? { skipped: 'not selected' }),
    ...profileSummary(data.profile ?? { skipped: 'not selected' }),
  ];
  return rows
    .map(
      (r) => `${r[0]}: ${r[2]}${r[1] ? ` (goal ${r[1]})` : ''}${r[3] ? ` — ${r[3].replace(/\*/g, '')}` : ''}`,
    )
    .join('\n');
}
