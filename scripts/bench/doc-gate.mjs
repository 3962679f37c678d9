// Renders the gate's figures for docs/performance.md: real trials (section 3), the metric's
// signal-to-noise (section 4) and the re-measurement simulation (section 5). Pure.
import { BURST_MS, IDLE_MS } from './neighbour.mjs';
import { POLICIES } from './retries.mjs';
import { SNR_EXTRA_PERCENT, SNR_RUNS } from './snr.mjs';
import { CONDITIONS, SETTINGS, seriesSummary } from './trials.mjs';
import { pct, seconds } from './util.mjs';
import { WORKLOADS, workloadById } from './workloads.mjs';

const met = (ok) => (ok === undefined ? '' : ok ? 'met' : '**not met**');
const pctPlain = (x) => `${(x * 100).toFixed(1)}%`;

function notMeasured(section) {
  if (section.skipped) return `_Not measured: ${section.skipped}._\n`;
  return `_Not measured: the measurement failed: ${section.error}._\n`;
}

const NEIGHBOUR =
  `a seeded process that keeps one core busy for ${BURST_MS[0]}–${BURST_MS[1]} ms, then idles ` +
  `${IDLE_MS[0]}–${IDLE_MS[1]} ms (pinned to the first core)`;

// ---------------------------------------------------------------- 3. real trials

export function gateSummary(g) {
  if (!g.data) return [['Gate, real trials', '', 'not measured', '']];
  const rows = [];
  for (const s of g.data.series) {
    const setting = SETTINGS.find((x) => x.id === s.setting);
    const sum = seriesSummary(s);
    const what = setting.expectFailure ? 'caught' : 'step failures';
    rows.push([
      `${setting.label}, ${workloadById(s.workload).label}, ${s.condition}: ${what}`,
      setting.expectFailure ? `≥ ${sum.goal} in ${sum.n}` : `≤ ${sum.goal} in ${sum.n}`,
      `${sum.failed} in ${sum.n} (whole run ${seconds(sum.wallMedianMs, 0)})`,
      met(sum.met),
    ]);
  }
  return rows;
}

export function gateSection(g) {
  const out = ['## 3. The regression gate: real trials\n'];
  if (!g.data) {
    out.push(notMeasured(g));
    out.push(
      '_This section is filled in by `npm run bench` (section `gate`): ' +
        `${SETTINGS.length} settings × ${WORKLOADS.length} workloads × ${CONDITIONS.length} conditions, ` +
        '`--trials` each (20 by default)._\n',
    );
    return out.join('\n');
  }
  const d = g.data;
  out.push(
    "Each trial is a new user's pull request: a real git repository whose head commit makes the churn workload do " +
      'N% more work than its base (its Makefile passes `-DEXTRA_PERCENT=N`), one run of the CLI with the **default ' +
      'settings** (`runs: auto`, `retries`, `metric`) and `baseline: auto` on a `pull_request` event: paired, in the ' +
      'same job, full default matrix, docker executor with the stand-in images. A trial *failed the step* when the CLI ' +
      'exited 1. **noisy**: under a noisy neighbour, ' +
      `${NEIGHBOUR}. **quiet**: the machine as it was (see the load averages in the data).\n`,
  );
  out.push(
    '| workload | condition | setting | step failed | goal | failed by timing / by allocations | whole run (median, max) | all-cells change (median) | ms per run, non-default cells | rounds (median) | re-measured | trimmed by max-time | did not finish |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of d.series) {
    const setting = SETTINGS.find((x) => x.id === s.setting);
    const sum = seriesSummary(s);
    const goal = setting.expectFailure ? `≥ ${sum.goal}` : `≤ ${sum.goal}`;
    out.push(
      `| ${workloadById(s.workload).label} | ${s.condition} | ${setting.label} | **${sum.failed} of ${sum.n}** | ${goal} ${met(sum.met)} | ${sum.byTiming} / ${sum.byAllocations} | ` +
        `${seconds(sum.wallMedianMs, 0)}, ${seconds(sum.wallMaxMs, 0)} | ${pct(sum.matrixChangeMedian)} | ${sum.runMs.toFixed(1)} | ` +
        `${sum.roundsMedian} | ${sum.retried} | ${sum.trimmed} | ${sum.errors} |`,
    );
  }
  out.push('');
  const failures = d.series.flatMap((s) => s.failures);
  if (failures.length > 0)
    out.push(`Trials that did not finish are left out; the first: ${failures[0].replace(/\|/g, '\\|')}.\n`);
  out.push(
    '"+N% work" is N% more iterations of the hot loop; the whole program slows by less (process start and exit ' +
      'do not grow), which the all-cells change column shows. A slowdown is only *caught* when the gate is confident ' +
      'it exceeds the threshold. N% more work is also N% more allocation calls, which the allocation gate (`allocation-threshold`, ' +
      '10%) judges on its own; "failed by timing / by allocations" says which gate failed the step (both can).\n',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------- 4. wall vs CPU

export function snrSummary(s) {
  if (!s.data) return [['Signal-to-noise, CPU time over wall time', 'report', 'not measured', '']];
  return s.data.series.map((x) => [
    `Signal-to-noise, CPU time ÷ wall time, ${workloadById(x.workload).label}, ${x.condition}`,
    'report',
    `${x.summary.cpuOverWall.toFixed(2)} (${x.summary.cpu.snr.toFixed(1)} vs ${x.summary.wall.snr.toFixed(1)})`,
    '',
  ]);
}

export function snrSection(s) {
  const out = ['## 4. Which metric to gate on: wall time or CPU time\n'];
  if (!s.data) return [...out, notMeasured(s)].join('\n');
  const d = s.data;
  out.push(
    `Real paired runs of the full matrix in which head does ${d.extraPercent}% more work, \`runs: ${d.runs}\`, no ` +
      're-measurement. For every cell and metric, the per-round log ratio d = log(head ÷ base) gives the **signal** ' +
      '(its median, as a change) and the **noise** (1.4826 × its MAD, a robust standard deviation of one round). The ' +
      "gate's power grows with signal ÷ noise; medians over every cell of every run:\n",
  );
  out.push(
    '| workload | condition | CLI runs | load average (1 min) at each start | signal, wall | signal, CPU | noise, wall | noise, CPU | SNR, wall | SNR, CPU | CPU ÷ wall |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const x of d.series) {
    const { wall, cpu, cpuOverWall } = x.summary;
    const loads = x.loads.map((l) => l.split(' / ')[0]).join(', ');
    out.push(
      `| ${workloadById(x.workload).label} | ${x.condition} | ${x.repeats} | ${loads} | ${pct(wall.signal)} | ${pct(cpu.signal)} | ` +
        `${pctPlain(wall.noise)} | ${pctPlain(cpu.noise)} | ${wall.snr.toFixed(1)} | ${cpu.snr.toFixed(1)} | ${cpuOverWall.toFixed(2)} |`,
    );
  }
  out.push('');
  out.push(
    '**quiet** means no added neighbour, not an idle machine: the load averages show what else was running. On a busy ' +
      'machine the time a run waits for a core lands in its wall time but not in its CPU time, which is why CPU time ' +
      'is the default `metric`; wall time still sees slowdowns that CPU time cannot (sleeps, I/O, lock waits).\n',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------- 5. retries

export function retriesSummary(r) {
  if (!r.data)
    return [['Re-measurement keeps the false-alarm rate (simulation)', '≤ 5%', 'not measured', '']];
  const edge = r.data.rows.filter((row) => row.change === r.data.threshold);
  const worst = Math.max(...edge.map((row) => row.rates.split));
  const naive = Math.max(...edge.map((row) => row.rates.naive));
  return [
    [
      'False alarms at a true change equal to the threshold, with `retries: 1` (simulation)',
      '≤ 5%',
      `${pctPlain(worst)} (re-testing at the full alpha: ${pctPlain(naive)})`,
      met(worst <= 0.05 + 2 * Math.sqrt((0.05 * 0.95) / r.data.trials)),
    ],
  ];
}

export function retriesSection(r) {
  const out = ['## 5. Re-measurement (`retries`): a simulation\n'];
  if (!r.data) return [...out, notMeasured(r)].join('\n');
  const d = r.data;
  out.push(
    `Synthetic paired cells: per-round log ratios with Student-t(4) noise of scale ${pctPlain(d.noise)}, ` +
      `threshold ${pctPlain(d.threshold)}, ${d.trials} trials per row, judged by the product's verdict code. ` +
      '**one look**: no re-measurement. **naive**: an inconclusive cell gets as many rounds again and is tested again ' +
      'at the full alpha (optional stopping). **split**: what `retries: 1` does, alpha split evenly between the two ' +
      'looks. **twice the rounds**: the second batch measured up front, one look. The row at a true change equal to ' +
      'the threshold is the false-alarm rate (the promise is 5%); the others are power. Cost is the rounds measured, ' +
      'in units of one batch.\n',
  );
  out.push(
    `| rounds per batch | true change | ${POLICIES.join(' | ')} | cost: ${POLICIES.join(' | cost: ')} |`,
  );
  out.push(`|---|---|${POLICIES.map(() => '---').join('|')}|${POLICIES.map(() => '---').join('|')}|`);
  for (const row of d.rows) {
    out.push(
      `| ${row.rounds} | +${pctPlain(row.change)} | ${POLICIES.map((p) => pctPlain(row.rates[p])).join(' | ')} | ` +
        `${POLICIES.map((p) => row.cost[p].toFixed(2)).join(' | ')} |`,
    );
  }
  out.push('');
  out.push(
    'Re-testing at the full alpha breaks the promise at the threshold; the split keeps it and still buys most of the ' +
      'power of twice the rounds for about half their extra cost, because only the cells near the threshold are ' +
      're-measured. So `retries` stays (default 1), with the split.\n',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------- method

export function gateMethod(cli, docker) {
  return [
    '**3. Gate, real trials.** `scripts/bench/workloads.mjs` makes a temporary git repository per series: the ' +
      'workload (`__tests__/fixtures/churn.c`, or `scripts/bench/churn-threads.c` on 2 threads) and a Makefile ' +
      '(`EXTRA ?= 0`, passed as `-DEXTRA_PERCENT`); head changes it to `EXTRA ?= N`. A `pull_request` event file names ' +
      'the base commit (`GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`), and each trial is',
    `\`${cli} ${docker} --setup make --baseline auto --threshold <T> --seed <seed> -- ./churn <operations> [threads]\``,
    `with a new seed per trial. The noisy neighbour (\`scripts/bench/neighbour.mjs\`) is ${NEIGHBOUR}, seeded by the trial's seed.\n`,
    `**4. Metric.** The same repositories with head at +${SNR_EXTRA_PERCENT}%, \`--runs ${SNR_RUNS} --retries 0\`, ` +
      'quiet and under the neighbour; wall time and user + system time come from the same runs.\n',
    "**5. Re-measurement.** `scripts/bench/retries.mjs`: no container, the product's `judgeGate` and `retryPlan` on " +
      'seeded synthetic cells.\n',
  ].join('\n');
}
