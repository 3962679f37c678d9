// Renders docs/performance.md from the figures the benchmark measured. Pure: data in, text out.
import { SLOWDOWNS, THRESHOLDS, EXTRA_PERCENT, RUNS, CHURN_OPERATIONS, smallestDetected } from './gate.mjs';
import { WHOLE_RUN_OPERATIONS } from './containers.mjs';
import { ms, pct, seconds, signedMs, sum } from './util.mjs';
import { profileMethod, profileSection, profileSummary } from './profile-doc.mjs';

const GOAL_MS = 0.2;
const met = (ok) => (ok === undefined ? '' : ok ? 'met' : '**not met**');
const pctPlain = (x) => `${Math.round(x * 100)}%`;

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

// ---------------------------------------------------------------- figure 3

const modeName = (paired) => (paired ? 'paired (`base`)' : 'unpaired (`cache`)');

function point(curve, slowdown) {
  return curve.points.find((p) => Math.abs(p.slowdown - slowdown) < 1e-9);
}

function curveOf(g, paired, threshold) {
  return g.aa.curves.find((c) => c.paired === paired && c.threshold === threshold);
}

function smallest(curve, scope) {
  const s = smallestDetected(curve.points, (p) => p[scope]);
  return s === undefined ? `> ${pctPlain(SLOWDOWNS.at(-1))}` : pctPlain(s);
}

function gateSummary(g) {
  if (!g.data) return [['Gate statistics', '', 'not measured', '']];
  const d = g.data;
  const n = d.aa.product.length;
  const realFalse = d.aa.product.filter((p) => p.regressed > 0).length;
  const paired5 = curveOf(d, true, 0.05);
  const rows = [
    [
      `A/A false alarms, full matrix, threshold 5%, paired (real sessions)`,
      `0 in 20`,
      `${realFalse} in ${n}`,
      met(realFalse === 0 && n >= 20 ? true : realFalse > 0 ? false : undefined),
    ],
  ];
  const aaPaired = point(paired5, 0).all;
  const aaUnpaired = point(curveOf(d, false, 0.05), 0).all;
  rows.push([
    'A/A false alarms at threshold 5%, re-judged: paired (`base`) vs unpaired (`cache`)',
    'report',
    `${aaPaired.hit} in ${aaPaired.n} vs ${aaUnpaired.hit} in ${aaUnpaired.n}`,
    '',
  ]);
  for (const threshold of THRESHOLDS) {
    const p = point(curveOf(d, true, threshold), 0.05).all;
    rows.push([
      `5% slowdown detected, paired, runs 10, threshold ${pctPlain(threshold)}`,
      '≥ 19 in 20',
      `${p.hit} in ${p.n}`,
      `${met(p.hit >= Math.ceil(0.95 * p.n))}${threshold === 0.05 ? ' (expected: see section 3)' : ''}`,
    ]);
  }
  rows.push([
    'Smallest slowdown detected in ≥ 95% of trials, paired, threshold 5%',
    'report',
    smallest(paired5, 'all'),
    '',
  ]);
  rows.push([
    'The same, unpaired (`cache`), threshold 5%',
    'report',
    smallest(curveOf(d, false, 0.05), 'all'),
    '',
  ]);
  return rows;
}

function powerTable(d, scope) {
  const out = [];
  const cols = [true, false].flatMap((paired) => THRESHOLDS.map((t) => ({ paired, t })));
  out.push(
    `| slowdown | ${cols.map((c) => `${c.paired ? 'paired' : 'unpaired'} @ ${pctPlain(c.t)}`).join(' | ')} |`,
  );
  out.push(`|---|${cols.map(() => '---').join('|')}|`);
  for (const s of SLOWDOWNS) {
    const cells = cols.map((c) => {
      const p = point(curveOf(d, c.paired, c.t), s)[scope];
      return `${p.hit}/${p.n}`;
    });
    out.push(`| ${s === 0 ? '0% (A/A)' : `+${pctPlain(s)}`} | ${cells.join(' | ')} |`);
  }
  out.push(
    `| **smallest detected in ≥ 95%** | ${cols.map((c) => `**${smallest(curveOf(d, c.paired, c.t), scope)}**`).join(' | ')} |`,
  );
  return out.join('\n');
}

function gateSection(g) {
  const out = ['## 3. The regression gate\n'];
  if (!g.data) return [...out, notMeasured(g)].join('\n');
  const d = g.data;
  const n = d.aa.product.length;
  const aa = d.aa.product;
  out.push("### A/A: the product's own verdicts\n");
  out.push(
    `${n} real \`baseline: base\` runs of the CLI, docker executor, full matrix (${d.aa.keys.length} measured cells; rpmalloc is ` +
      `unavailable in the stand-in images), head == base, \`runs: ${RUNS}\`, \`threshold: 5%\`, \`retries: 1\`, one seed per run.\n`,
  );
  out.push('| | count |');
  out.push('|---|---|');
  out.push(
    `| runs with a timing cell judged regressed (false alarm) | ${aa.filter((p) => p.regressed > 0).length} of ${n} |`,
  );
  out.push(
    `| timing cells judged regressed | ${sum(aa.map((p) => p.regressed))} of ${sum(aa.map((p) => p.comparable))} |`,
  );
  out.push(`| timing cells still inconclusive after the re-run | ${sum(aa.map((p) => p.inconclusive))} |`);
  out.push(`| memory cells judged regressed (peak RSS, 10%) | ${sum(aa.map((p) => p.rssRegressed))} |`);
  out.push(`| runs whose step failed (exit code 1) | ${aa.filter((p) => p.code === 1).length} of ${n} |`);
  if (d.aa.failures.length > 0)
    out.push(
      `| runs that did not finish (left out) | ${d.aa.failures.length} (${d.aa.failures[0].replace(/\|/g, '\\|')}) |`,
    );
  out.push('');

  out.push('### Detection power: slowdowns injected into the real A/A samples\n');
  out.push(
    `Each trial is one of the ${n} A/A runs above: its real per-round samples, with head's wall times multiplied by ` +
      `1 + slowdown, judged by the product's comparison code (\`compareResults\`, Holm over the cells, re-run of inconclusive cells). ` +
      `Unpaired trials compare a run's head against the head of the next run, as \`baseline: cache\` would.\n`,
  );
  out.push('**Every cell slowed down** (a slower hot path): trials in which the gate failed the step.\n');
  out.push(powerTable(d, 'all'));
  out.push(
    '\n**One cell slowed down** (an allocator-specific regression; the slowed cell rotates over the trials): trials in which that cell was judged regressed.\n',
  );
  out.push(powerTable(d, 'one'));
  out.push('');
  out.push(
    'Why a 5% slowdown is not flagged at `threshold: 5%`: a cell is *regressed* only when the lower end of the ' +
      'confidence interval of its slowdown lies above the threshold, i.e. when the data show with 95% confidence that ' +
      'the slowdown is larger than 5%. A true slowdown of exactly 5% sits on that line, so it is flagged about as often ' +
      'as an A/A run is (by design, rarely), and its estimate half of the time falls above 5% as *inconclusive*. ' +
      'Detecting a slowdown S reliably needs S to exceed the threshold by the noise margin of the interval, which is ' +
      'what the "smallest detected" row shows. To catch 5% slowdowns, set the threshold lower (2%, or 0% to flag any ' +
      'slowdown that is statistically certain) and accept that smaller real slowdowns will then fail the step too.\n',
  );

  out.push(`### A/B: a real slowdown (${EXTRA_PERCENT}% more allocations in head)\n`);
  const ab = d.ab.product;
  out.push(
    `${ab.length} real \`baseline: base\` runs in which head's Makefile builds churn with \`-DEXTRA_PERCENT=${EXTRA_PERCENT}\` ` +
      `(base: 0). The product judged them at 5%: ${ab.filter((p) => p.code === 1).length} of ${ab.length} steps failed, ` +
      `${sum(ab.map((p) => p.regressed))} of ${sum(ab.map((p) => p.comparable))} cells regressed, ` +
      `${sum(ab.map((p) => p.inconclusive))} inconclusive. The same real samples re-judged by the same code:\n`,
  );
  out.push(
    '| mode | threshold | runs with a regression | cells regressed | median measured change per cell |',
  );
  out.push('|---|---|---|---|---|');
  for (const r of d.ab.rejudged) {
    out.push(
      `| ${modeName(r.paired)} | ${pctPlain(r.threshold)} | ${r.any} of ${r.n} | ${(r.cellRate * 100).toFixed(0)}% | ${pct(r.medianChange)} |`,
    );
  }
  out.push('');
  if (d.ab.failures.length > 0)
    out.push(`${d.ab.failures.length} A/B run(s) did not finish and are left out (${d.ab.failures[0]}).\n`);
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
    '**3. Gate.** A temporary git repository holds churn.c and a Makefile (`EXTRA ?= 0`, passed as `-DEXTRA_PERCENT`); ' +
      'for A/B, head changes it to ' +
      `\`EXTRA ?= ${EXTRA_PERCENT}\`. A \`pull_request\` event file names the base commit (\`GITHUB_EVENT_NAME\`, \`GITHUB_EVENT_PATH\`), and each run is`,
    `\`${cli} ${docker} --setup make --runs ${RUNS} --threshold 5% --baseline base --seed <seed> -- ./churn ${CHURN_OPERATIONS}\``,
    '(A/A seeds from 1001, A/B seeds from 2001).\n',
    '- **Real:** every sample; the A/A false alarms and the A/B verdicts at 5% are the verdicts of those CLI runs.',
    '- **Re-judged:** the other thresholds and the unpaired mode apply `compareResults` (src/analysis/compare.ts) to the same real samples, ' +
      'with the first 10 rounds of each cell. A cell inconclusive after those gets 10 more rounds, as `retries: 1` does: ' +
      "paired, the next run's rounds of that cell; unpaired, more rounds of the same code from the same container " +
      "(A/A: the run's base tree; A/B: the next run's head).",
    "- **Injected by scaling:** the power curves multiply the head side's wall times by 1 + slowdown. A real slowdown " +
      'also changes the noise a little; scaling keeps the measured noise exactly and moves the median by exactly the slowdown.',
    '- **Unpaired (`cache`) trials** take the baseline from another run on the same machine and the same images. Across ' +
      'real CI jobs the baseline comes from another machine, which is noisier still; the product refuses to compare ' +
      'when the CPU model or the image digest differs.\n',
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
    ...profileSummary(data.profile ?? { skipped: 'not selected' }),
  ]) {
    out.push(`| ${row.join(' | ')} |`);
  }
  out.push('');
  out.push(helperSection(data.helper));
  out.push(containerSection(data.containers, data.images));
  out.push(gateSection(data.gate));
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
    ...profileSummary(data.profile ?? { skipped: 'not selected' }),
  ];
  return rows
    .map(
      (r) => `${r[0]}: ${r[2]}${r[1] ? ` (goal ${r[1]})` : ''}${r[3] ? ` — ${r[3].replace(/\*/g, '')}` : ''}`,
    )
    .join('\n');
}
