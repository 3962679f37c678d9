// The cross-run sections of docs/performance.md, each between its own markers: the figures,
// which scripts/bench/cross-run.mjs writes, and the analyses of kept runs, written by hand from
// cross-run-rejudge.mjs and cross-run-probe-slope.mjs. scripts/bench.mjs rewrites the rest of
// the file and keeps both as they are; cross-run.mjs replaces only the figures.
export const BEGIN = '<!-- cross-run figures: written by scripts/bench/cross-run.mjs -->';
export const END = '<!-- end of cross-run figures -->';
export const ANALYSES_BEGIN = '<!-- cross-run analyses: written by hand, kept by the bench scripts -->';
export const ANALYSES_END = '<!-- end of cross-run analyses -->';

/** The block of `doc` from `begin` to `end`, markers included, if it has one. */
function blockOf(doc, begin, end) {
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  return from < 0 || to < from ? undefined : { from, to: to + end.length };
}

/** `doc` with the block `begin`..`end` replaced by `block` (appended when there is none). */
function replaceBlock(doc, begin, end, block) {
  const at = blockOf(doc, begin, end);
  if (at === undefined) return `${doc.trimEnd()}\n\n${block}\n`;
  return `${doc.slice(0, at.from)}${block}${doc.slice(at.to)}`;
}

/** `doc` with its cross-run figures replaced by `section` (appended when there are none). */
export function replaceSection(doc, section) {
  return replaceBlock(doc, BEGIN, END, section);
}

/** The cross-run figures and analyses of `previous`, carried into a freshly rendered `doc`. */
export function keepSection(previous, doc) {
  let out = doc;
  for (const [begin, end] of [
    [BEGIN, END],
    [ANALYSES_BEGIN, ANALYSES_END],
  ]) {
    const at = blockOf(previous, begin, end);
    if (at !== undefined) out = replaceBlock(out, begin, end, previous.slice(at.from, at.to));
  }
  return out;
}

const pct = (x, digits = 1) =>
  x === undefined || Number.isNaN(x) ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)}%`;
const abs = (x) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function median(values) {
  const s = values.filter((v) => v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sd(values) {
  if (values.length < 2) return undefined;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** Every A/A head of a workload, whatever metric gated it: each measured both. */
function aaHeads(w) {
  return Object.values(w.trials).flatMap((t) => [...t.aa5, ...t.aa1]);
}

/** How far each A/A head sits from the stored runs' mean, in `metric`, raw and divided by the probe. */
export function driftOf(w, metric) {
  const cells = Object.keys(w.stored[0]?.levels ?? {});
  const level = (levels, c, kind) => levels[c]?.[metric]?.[kind];
  const spread = (kind) =>
    median(
      cells.map((c) => sd(w.stored.map((s) => level(s.levels, c, kind)).filter((v) => v !== undefined))),
    );
  const changes = (kind) =>
    aaHeads(w)
      .flatMap((t) =>
        cells.map((c) => {
          const mine = level(t.levels, c, kind);
          const theirs = w.stored.map((s) => level(s.levels, c, kind)).filter((v) => v !== undefined);
          if (mine === undefined || theirs.length === 0) return undefined;
          return Math.expm1(mine - theirs.reduce((a, b) => a + b, 0) / theirs.length);
        }),
      )
      .filter((v) => v !== undefined);
  const raw = changes('raw');
  const normalized = changes('normalized');
  const largest = (v) => (v.length ? Math.max(...v.map(Math.abs)) : undefined);
  return {
    spread: { raw: spread('raw'), normalized: spread('normalized') },
    median: { raw: median(raw), normalized: median(normalized) },
    medianAbs: { raw: median(raw.map(Math.abs)), normalized: median(normalized.map(Math.abs)) },
    maxAbs: { raw: largest(raw), normalized: largest(normalized) },
  };
}

const failed = (runs) => runs.filter((t) => t.code === 1).length;
const metricLabel = (data, m) => (m === data.defaultMetric ? `${m} (the default)` : m);

/** How many runs a gate caught; older data files did not record it. */
function caughtBy(runs, key) {
  if (runs.some((t) => t[key] === undefined)) return 'not recorded';
  return `${runs.filter((t) => t[key]).length} in ${runs.length}`;
}

function figureRows(data) {
  const per = (fn) => data.workloads.map(fn).join(' | ');
  const n = data.trials;
  const count = (runs) => `${failed(runs)} in ${runs.length}`;
  const rows = [
    '| figure | metric | goal | ' + data.workloads.map((w) => w.workload.label).join(' | ') + ' |',
    '|---|---|---|' + data.workloads.map(() => '---').join('|') + '|',
  ];
  for (const m of data.metrics) {
    const label = metricLabel(data, m);
    rows.push(
      `| A/A, history of ${data.history}: step failures | ${label} | 0 in 20 | ${per((w) => count(w.trials[m].aa5))} |`,
      `| A/A, history of 1: step failures | ${label} | 0 in 20 | ${per((w) => count(w.trials[m].aa1))} |`,
      `| +${data.slowdown}% (a head commit), history of ${data.history}: caught (step failed) | ${label} | ≥ 19 in 20 | ${per((w) => count(w.trials[m].ab5))} |`,
      `| … of which the timing gate caught (a cell or all cells regressed) | ${label} | | ${per((w) => caughtBy(w.trials[m].ab5, 'timingRegressed'))} |`,
      `| … of which the allocation counts caught | ${label} | | ${per((w) => caughtBy(w.trials[m].ab5, 'allocationRegressed'))} |`,
    );
  }
  if (n < 20)
    rows.push('', `_Only ${n} trial${n === 1 ? '' : 's'} per figure (goal: 20): see the note above._`);
  rows.push('', ...goalLines(data));
  return rows;
}

/** Met or not, per goal and workload, from the counts above: a rerun always says which. */
function goalLines(data) {
  const n = data.trials;
  const lines = [];
  for (const m of data.metrics) {
    const verdicts = (pick, ok) =>
      data.workloads
        .map((w) => {
          const got = pick(w.trials[m]);
          return got === undefined
            ? `${w.workload.label}: not recorded`
            : `${w.workload.label}: ${ok(got) ? 'met' : '**not met**'} (${got} in ${n})`;
        })
        .join(', ');
    const timing = (t) =>
      t.ab5.some((x) => x.timingRegressed === undefined)
        ? undefined
        : t.ab5.filter((x) => x.timingRegressed).length;
    const enough = (got) => got >= Math.ceil((19 / 20) * n);
    lines.push(
      `Goals, ${metricLabel(data, m)}: A/A with a history of ${data.history}, no step failure: ${verdicts(
        (t) => failed(t.aa5),
        (got) => got === 0,
      )}. ` +
        `A/A with a history of 1: ${verdicts(
          (t) => failed(t.aa1),
          (got) => got === 0,
        )}. ` +
        `+${data.slowdown}% caught in at least 19 of 20 by the step: ${verdicts((t) => failed(t.ab5), enough)}; ` +
        `by the timing gate alone: ${verdicts(timing, enough)}.`,
    );
  }
  return lines;
}

function driftRows(data) {
  const rows = [
    '| A/A | metric | ' + data.workloads.map((w) => `${w.workload.label}: raw | ÷ probe`).join(' | ') + ' |',
    '|---|---|' + data.workloads.map(() => '---|---').join('|') + '|',
  ];
  for (const metric of ['wall', 'cpu']) {
    const drifts = data.workloads.map((w) => driftOf(w, metric));
    const row = (label, pick, format = abs) =>
      `| ${label} | ${metric} | ${drifts.map((d) => `${format(pick(d).raw)} | ${format(pick(d).normalized)}`).join(' | ')} |`;
    rows.push(
      row(
        `spread between the ${data.history} stored runs (no hog): median over cells of the SD of log medians`,
        (d) => d.spread,
      ),
      row(
        'a head under the hog against the stored runs’ mean: median \\|change\\| over cells and heads',
        (d) => d.medianAbs,
      ),
      row('the same: largest \\|change\\|', (d) => d.maxAbs),
      row('the same: median change', (d) => d.median, pct),
    );
  }
  return rows;
}

/** The drift table in one sentence per workload and metric: what dividing by the probe did here. */
function driftSummary(data) {
  const verb = (from, to) =>
    from === undefined || to === undefined
      ? 'could not be measured'
      : to < from * 0.8
        ? `fell from ${abs(from)} to ${abs(to)}`
        : to > from * 1.2
          ? `rose from ${abs(from)} to ${abs(to)}`
          : `stayed about the same (${abs(from)}, ${abs(to)})`;
  const parts = data.workloads.flatMap((w) =>
    ['wall', 'cpu'].map((metric) => {
      const d = driftOf(w, metric);
      return `${w.workload.label}, ${metric}: the spread between the stored runs ${verb(d.spread.raw, d.spread.normalized)}, and the drift of a head under the hog ${verb(d.medianAbs.raw, d.medianAbs.normalized)}`;
    }),
  );
  return `Dividing by the probe, here — ${parts.join('; ')}.`;
}

/** `**failed** (timing, allocations)`: what failed the step, where the data says. */
function stepText(t) {
  if (t.code !== 1) return 'passed';
  const by = [t.timingRegressed && 'timing', t.allocationRegressed && 'allocations'].filter(Boolean);
  return by.length > 0 ? `**failed** (${by.join(', ')})` : '**failed**';
}

function trialRows(data) {
  const rows = [
    '| workload | metric | trial | kind | step | all cells | cells 🔴 / 🟡 | spread (all cells) | machine factor | run took |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const kinds = {
    aa5: `A/A, history ${data.history}`,
    aa1: 'A/A, history 1',
    ab5: `+${data.slowdown}%, history ${data.history}`,
  };
  for (const w of data.workloads) {
    for (const m of data.metrics) {
      for (const [kind, label] of Object.entries(kinds)) {
        w.trials[m][kind].forEach((t, i) => {
          const a = t.matrix;
          const all = a
            ? `${pct(a.change)} [${pct(a.interval?.[0])}, ${pct(a.interval?.[1])}] ${a.verdict}`
            : '—';
          const red = t.cells.filter((c) => c.verdict === 'regressed').length;
          const yellow = t.cells.filter((c) => c.verdict === 'inconclusive').length;
          const spread = a?.spread === undefined ? '—' : abs(a.spread);
          const beyond = t.machineDiffers ? ` **beyond ±${abs(t.machineTolerance)}**` : '';
          rows.push(
            `| ${w.workload.label} | ${m} | ${i + 1} | ${label} | ${stepText(t)} | ${all} | ${red} / ${yellow} of ${t.cells.length} | ${spread} | ${pct(t.machineFactor)}${beyond} | ${(t.wallMs / 1000).toFixed(0)} s |`,
          );
        });
      }
    }
  }
  return rows;
}

export function renderCrossRunSection(data) {
  const small = data.trials < 20;
  // The bench itself keeps about 2 to 3 runnable (the hog and the benchmark): more is other work.
  const busy = Number.parseFloat(String(data.loadStart).split(' / ')[0]) > 3;
  const minutes = (data.durationMs / 60_000).toFixed(0);
  const failures = data.workloads.flatMap((w) => w.failures.map((f) => `${w.workload.label}: ${f}`));
  return [
    BEGIN,
    '## Cross-run baselines: history and the calibration probe',
    '',
    `Measured by \`node scripts/bench/cross-run.mjs --trials ${data.trials} --history ${data.history} --metrics ${data.metrics.join(',')}\` on ${data.machine.date.slice(0, 10)}, in ${minutes} min, on ${data.machine.cores} cores of ${data.machine.cpu}; load average (1/5/15 min) ${data.loadStart} at the start, ${data.loadEnd} at the end.`,
    '',
    ...(small
      ? [
          `> **A small run${busy ? ' on a busy, shared machine' : ''}:** ${data.trials} trial${data.trials === 1 ? '' : 's'} per figure instead of 20${busy ? ', while other work kept the load average near the figures above' : ''}. The counts show which way the figures go; they are weaker evidence than the 20 trials the goals are set for. Run it with \`--trials 20\` for the full figures.`,
          '',
        ]
      : []),
    `Each workload lives in a real git repository whose head commit makes it do ${data.slowdown}% more allocations than its base commit. The base tree is measured ${data.history} times with \`--baseline none\` on the machine as it is: the stored runs. Each trial then runs the CLI with its default settings (\`runs: auto\`, threshold 5%; the gated \`--metric\` as the table says), the full matrix in the stand-in images, **with a CPU hog busy on one core** (the stored runs had none), against \`--baseline '<dir>/*.json'\`: the base tree again with \`--history ${data.history}\` and with \`--history 1\` (A/A), and the head commit with \`--history ${data.history}\`. A step failure is exit code 1.`,
    '',
    ...figureRows(data),
    '',
    '### How much of the drift the probe removes',
    '',
    'Changes of the A/A heads (both histories, whichever metric gated them: every run measures both) against the mean of the stored runs, per cell: of the log median of the times (raw, what the gate compares), and of the log median of time ÷ the probe time of the same round (÷ probe: the time of its process part, which the gate divides by: wall time for wall, CPU time for cpu).',
    '',
    ...driftRows(data),
    '',
    driftSummary(data),
    data.normalizes
      ? "The gate divides each cell time by the time of the probe's process part in its round (`NORMALIZE_BY_PROBE` and `probeMs` in src/analysis/cross-run-gate.ts). A head whose probe moved by more than the tolerance from the stored runs' (the machine factor marked **beyond** in the table below) cannot fail the step."
      : "The gate compares raw times (`NORMALIZE_BY_PROBE` in src/analysis/cross-run-gate.ts is off). It uses the probe as a guard: a head whose probe moved by more than the tolerance from the stored runs' (the machine factor marked **beyond** in the table below) cannot fail the step.",
    '',
    '### Every trial',
    '',
    ...trialRows(data),
    ...(failures.length > 0 ? ['', `Runs that did not finish: ${failures.join('; ')}.`] : []),
    END,
  ].join('\n');
}
