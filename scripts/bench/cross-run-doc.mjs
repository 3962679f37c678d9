// The cross-run sections of docs/performance.md, each between its own markers: the figures,
// which scripts/bench/cross-run.mjs writes, and the analyses of kept runs, written by hand from
// cross-run-rejudge.mjs and cross-run-probe-slope.mjs. scripts/bench.mjs rewrites the rest of
// the file and keeps both as they are; cross-run.mjs replaces only the figures.
export const BEGIN = '<!-- cross-run figures: written by scripts/bench/cross-run.mjs -->';
export const END = '<!-- end of cross-run figures -->';
export const ANALYSES_BEGIN = '<!-- cross-run analyses: written by hand, kept by the bench scripts -->';
export const ANALYSES_END = '<!-- end of cross-run analyses -->';
export const SLOWDOWN_BEGIN =
  '<!-- cross-run slowdown figures: written by scripts/bench/cross-run.mjs --steps ab5 -->';
export const SLOWDOWN_END = '<!-- end of cross-run slowdown figures -->';
export const REVERSED_BEGIN =
  '<!-- cross-run figures, the hog on the stored runs: written by scripts/bench/cross-run.mjs --hog-on stored -->';
export const REVERSED_END = '<!-- end of cross-run figures, the hog on the stored runs -->';
export const REVERSED_SLOWDOWN_BEGIN =
  '<!-- cross-run slowdown figures, the hog on the stored runs: written by scripts/bench/cross-run.mjs --steps ab5 --hog-on stored -->';
export const REVERSED_SLOWDOWN_END = '<!-- end of cross-run slowdown figures, the hog on the stored runs -->';

/** Whether a run put the CPU hog on its stored runs and measured its heads quiet (`--hog-on stored`). */
const hogOnStored = (data) => data.hogOn === 'stored';

const HOGGED = '**with a CPU hog busy on one core**';

/**
 * How the stored runs and the heads of a run were loaded: in the words of its tables (`stored`,
 * `head`) and of its prose (`storedLoad`, `headLoad`).
 */
const conditionsOf = (data) =>
  hogOnStored(data)
    ? {
        stored: 'under the hog',
        head: 'a quiet head',
        storedLoad: HOGGED,
        headLoad: 'on the machine as it is (no hog)',
      }
    : {
        stored: 'no hog',
        head: 'a head under the hog',
        storedLoad: 'on the machine as it is',
        headLoad: HOGGED,
      };

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

/**
 * `doc` with the figures of `data` in their section: a run without A/A steps (`--steps ab5`)
 * writes a slowdown section, and the A/A figures stay as they are; a run with the hog on its
 * stored runs (`--hog-on stored`) writes sections of its own, A/A and slowdown.
 */
export function withFigures(doc, data) {
  const steps = data.steps ?? ['aa5', 'aa1', 'ab5'];
  const withAa = steps.includes('aa5') || steps.includes('aa1');
  if (hogOnStored(data)) {
    if (withAa) return replaceBlock(doc, REVERSED_BEGIN, REVERSED_END, renderCrossRunSection(data));
    return replaceBlock(doc, REVERSED_SLOWDOWN_BEGIN, REVERSED_SLOWDOWN_END, renderSlowdownSection(data));
  }
  if (withAa) return replaceSection(doc, renderCrossRunSection(data));
  return replaceBlock(doc, SLOWDOWN_BEGIN, SLOWDOWN_END, renderSlowdownSection(data));
}

/** The lines `from`..`to` (exclusive) of the table under `## Summary`, if there is one. */
function summaryTable(lines) {
  const heading = lines.indexOf('## Summary');
  const from = heading < 0 ? -1 : lines.findIndex((l, i) => i > heading && l.startsWith('|'));
  if (from < 0) return undefined;
  const end = lines.findIndex((l, i) => i > from && !l.startsWith('|'));
  return { from, to: end < 0 ? lines.length : end };
}

/**
 * The rows of `doc`'s summary table from its first cross-run row on: written by hand from the
 * cross-run sections, which scripts/bench.mjs does not measure.
 */
function crossRunSummaryRows(doc) {
  const lines = doc.split('\n');
  const table = summaryTable(lines);
  const rows = table ? lines.slice(table.from, table.to) : [];
  const first = rows.findIndex((l) => l.startsWith('| Cross-run'));
  return first < 0 ? [] : rows.slice(first);
}

/** `doc` with `rows` at the end of its summary table (when it has one). */
function withSummaryRows(doc, rows) {
  const lines = doc.split('\n');
  const table = summaryTable(lines);
  if (rows.length === 0 || !table) return doc;
  lines.splice(table.to, 0, ...rows);
  return lines.join('\n');
}

/**
 * The cross-run figures and analyses of `previous`, and the cross-run rows of its summary table,
 * carried into a freshly rendered `doc`.
 */
export function keepSection(previous, doc) {
  let out = withSummaryRows(doc, crossRunSummaryRows(previous));
  for (const [begin, end] of [
    [BEGIN, END],
    [SLOWDOWN_BEGIN, SLOWDOWN_END],
    [REVERSED_BEGIN, REVERSED_END],
    [REVERSED_SLOWDOWN_BEGIN, REVERSED_SLOWDOWN_END],
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

/** How many percent more allocations the head commit made (`slowdown` in data files before --extra). */
const extraOf = (data) => data.extra ?? data.slowdown;

/**
 * Several runs' data as one, for the main section: one column per workload, each measured by its
 * own run (a workload measured later with `--workloads`, say). The runs must agree on what the
 * figures count (trials, history, metrics); each keeps its own command line, date and load.
 */
export function mergeRuns(runs) {
  if (runs.length === 1) return runs[0];
  const [first] = runs;
  const same = (r) =>
    r.trials === first.trials &&
    r.history === first.history &&
    String(r.metrics) === String(first.metrics) &&
    hogOnStored(r) === hogOnStored(first);
  if (!runs.every(same))
    throw new Error('--from: the runs to merge need the same --trials, --history, --metrics and --hog-on');
  const ids = runs.flatMap((r) => r.workloads.map((w) => w.workload.id));
  if (new Set(ids).size !== ids.length)
    throw new Error(`--from: a workload is in two runs (${ids.join(', ')})`);
  return {
    ...first,
    steps: [...new Set(runs.flatMap((r) => r.steps ?? ['aa5', 'aa1', 'ab5']))],
    runs,
    workloads: runs.flatMap((r) => r.workloads),
  };
}

/** `Measured by `…` on DATE, in N min, on …`: the command line and conditions of one run. */
function measuredBy(run, { withWorkloads = false, withExtra = false } = {}) {
  const minutes = (run.durationMs / 60_000).toFixed(0);
  const steps = run.steps && run.steps.length < 3 ? ` --steps ${run.steps.join(',')}` : '';
  const hog = hogOnStored(run) ? ' --hog-on stored' : '';
  const extra = withExtra ? ` --extra ${extraOf(run)}` : '';
  const workloads = withWorkloads ? ` --workloads ${run.workloads.map((w) => w.workload.id).join(',')}` : '';
  return `\`node scripts/bench/cross-run.mjs${steps}${hog}${extra} --trials ${run.trials} --history ${run.history}${workloads} --metrics ${run.metrics.join(',')}\` on ${run.machine.date.slice(0, 10)}, in ${minutes} min, on ${run.machine.cores} cores of ${run.machine.cpu}; load average (1/5/15 min) ${run.loadStart} at the start, ${run.loadEnd} at the end`;
}

const failed = (runs) => runs.filter((t) => t.code === 1).length;
const metricLabel = (data, m) => (m === data.defaultMetric ? `${m} (the default)` : m);

/** How many runs a gate caught; older data files did not record it. */
function caughtBy(runs, key) {
  if (runs.length === 0) return '—';
  if (runs.some((t) => t[key] === undefined)) return 'not recorded';
  return `${runs.filter((t) => t[key]).length} in ${runs.length}`;
}

function figureRows(data) {
  const per = (fn) => data.workloads.map(fn).join(' | ');
  const n = data.trials;
  const count = (runs) => (runs.length === 0 ? '—' : `${failed(runs)} in ${runs.length}`);
  const rows = [
    '| figure | metric | goal | ' + data.workloads.map((w) => w.workload.label).join(' | ') + ' |',
    '|---|---|---|' + data.workloads.map(() => '---').join('|') + '|',
  ];
  for (const m of data.metrics) {
    const label = metricLabel(data, m);
    rows.push(
      `| A/A, history of ${data.history}: step failures | ${label} | 0 in 20 | ${per((w) => count(w.trials[m].aa5))} |`,
      `| A/A, history of 1: step failures | ${label} | 0 in 20 | ${per((w) => count(w.trials[m].aa1))} |`,
      `| +${extraOf(data)}% (a head commit), history of ${data.history}: caught (step failed) | ${label} | ≥ 19 in 20 | ${per((w) => count(w.trials[m].ab5))} |`,
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
          return got === null
            ? `${w.workload.label}: not measured here`
            : got === undefined
              ? `${w.workload.label}: not recorded`
              : `${w.workload.label}: ${ok(got) ? 'met' : '**not met**'} (${got} in ${n})`;
        })
        .join(', ');
    const measured = (runs, count) => (runs.length === 0 ? null : count(runs));
    const timing = (t) =>
      t.ab5.length === 0
        ? null
        : t.ab5.some((x) => x.timingRegressed === undefined)
          ? undefined
          : t.ab5.filter((x) => x.timingRegressed).length;
    const enough = (got) => got >= Math.ceil((19 / 20) * n);
    lines.push(
      `Goals, ${metricLabel(data, m)}: A/A with a history of ${data.history}, no step failure: ${verdicts(
        (t) => measured(t.aa5, failed),
        (got) => got === 0,
      )}. ` +
        `A/A with a history of 1: ${verdicts(
          (t) => measured(t.aa1, failed),
          (got) => got === 0,
        )}. ` +
        `+${extraOf(data)}% caught in at least 19 of 20 by the step: ${verdicts((t) => measured(t.ab5, failed), enough)}; ` +
        `by the timing gate alone: ${verdicts(timing, enough)}.`,
    );
  }
  return lines;
}

function driftRows(data) {
  const { stored, head } = conditionsOf(data);
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
        `spread between the ${data.history} stored runs (${stored}): median over cells of the SD of log medians`,
        (d) => d.spread,
      ),
      row(
        `${head} against the stored runs’ mean: median \\|change\\| over cells and heads`,
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
  const { head } = conditionsOf(data);
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
      return `${w.workload.label}, ${metric}: the spread between the stored runs ${verb(d.spread.raw, d.spread.normalized)}, and the drift of ${head} ${verb(d.medianAbs.raw, d.medianAbs.normalized)}`;
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

/**
 * The tolerance on the side the probe moved: `+50.0%` slower, `−33.3%` faster (the same ratio, as
 * probeToleranceText in src/analysis/cross-run.ts words it; this renderer loads nothing of src/).
 */
function toleranceSide(t) {
  const tolerance = t.machineTolerance;
  return t.machineFactor > 0 ? pct(tolerance) : pct(1 / (1 + tolerance) - 1);
}

function trialRows(
  data,
  kinds = {
    aa5: `A/A, history ${data.history}`,
    aa1: 'A/A, history 1',
    ab5: `+${extraOf(data)}%, history ${data.history}`,
  },
) {
  const rows = [
    '| workload | metric | trial | kind | step | all cells | cells 🔴 / 🟡 | spread (all cells) | machine factor | run took |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
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
          const beyond = t.machineDiffers ? ` **beyond ${toleranceSide(t)}**` : '';
          rows.push(
            `| ${w.workload.label} | ${m} | ${i + 1} | ${label} | ${stepText(t)} | ${all} | ${red} / ${yellow} of ${t.cells.length} | ${spread} | ${pct(t.machineFactor)}${beyond} | ${(t.wallMs / 1000).toFixed(0)} s |`,
          );
        });
      }
    }
  }
  return rows;
}

/**
 * The main section (the hog on each head), or with `--hog-on stored` its own section (the hog on
 * the stored runs, each head quiet): the figures, the drift the probe removes, and every trial.
 */
export function renderCrossRunSection(data) {
  const reversed = hogOnStored(data);
  const small = data.trials < 20;
  // The bench itself keeps about 2 to 3 runnable (the hog and the benchmark): more is other work.
  const busy = Number.parseFloat(String(data.loadStart).split(' / ')[0]) > 3;
  const failures = data.workloads.flatMap((w) => w.failures.map((f) => `${w.workload.label}: ${f}`));
  const { storedLoad, headLoad } = conditionsOf(data);
  return [
    reversed ? REVERSED_BEGIN : BEGIN,
    reversed
      ? '## Cross-run baselines: stored runs under a hog, heads quiet'
      : '## Cross-run baselines: history and the calibration probe',
    '',
    data.runs
      ? data.runs
          .map(
            (run) =>
              `${run.workloads.map((w) => w.workload.label).join(', ')}: measured by ${measuredBy(run, { withWorkloads: true })}.`,
          )
          .join(' ')
      : `Measured by ${measuredBy(data)}.`,
    '',
    ...(small
      ? [
          `> **A small run${busy ? ' on a busy, shared machine' : ''}:** ${data.trials} trial${data.trials === 1 ? '' : 's'} per figure instead of 20${busy ? ', while other work kept the load average near the figures above' : ''}. The counts show which way the figures go; they are weaker evidence than the 20 trials the goals are set for. Run it with \`--trials 20\` for the full figures.`,
          '',
        ]
      : []),
    `Each workload lives in a real git repository whose head commit makes it do ${extraOf(data)}% more allocations than its base commit. The base tree is measured ${data.history} times with \`--baseline none\` ${storedLoad}: the stored runs. Each trial then runs the CLI with its default settings (\`runs: auto\`, threshold 5%; the gated \`--metric\` as the table says), the full matrix in the stand-in images, ${headLoad}${reversed ? '' : ' (the stored runs had none)'}, against \`--baseline '<dir>/*.json'\`: the base tree again with \`--history ${data.history}\` and with \`--history 1\` (A/A), and the head commit with \`--history ${data.history}\`. A step failure is exit code 1.${reversed ? " This is the machine guard's other side: a history recorded on a busier machine than the head's, so the head runs the probe faster than the stored runs did." : ''}`,
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
    reversed ? REVERSED_END : END,
  ].join('\n');
}

/** A change and its interval: `+26.1% [+24.0%, +28.3%]`. */
function changeText(c) {
  return c ? `${pct(c.change)} [${pct(c.interval?.[0])}, ${pct(c.interval?.[1])}]` : '—';
}

/** The paired run of each workload in `metric`: how much slower the head commit really is. */
function pairedOf(w, metric) {
  return (w.paired ?? []).find((p) => p.metric === metric);
}

function pairedRows(data, metric) {
  const runs = data.workloads.map((w) => pairedOf(w, metric));
  // Cells without a change (not measured in this matrix) have no row.
  const cells = [
    ...new Set(runs.flatMap((p) => p?.cells.filter((c) => c.change !== undefined).map((c) => c.cell) ?? [])),
  ];
  return [
    `| ${metric}, head against base | ` + data.workloads.map((w) => w.workload.label).join(' | ') + ' |',
    '|---|' + data.workloads.map(() => '---').join('|') + '|',
    ...cells.map(
      (cell) =>
        `| ${cell} | ${runs.map((p) => changeText(p?.cells.find((c) => c.cell === cell))).join(' | ')} |`,
    ),
    `| **all cells together** | ${runs.map((p) => `**${changeText(p?.matrix)}**`).join(' | ')} |`,
  ];
}

function slowdownFigureRows(data) {
  const n = data.trials;
  const per = (fn) => data.workloads.map(fn).join(' | ');
  const rows = [
    '| figure | metric | goal | ' + data.workloads.map((w) => w.workload.label).join(' | ') + ' |',
    '|---|---|---|' + data.workloads.map(() => '---').join('|') + '|',
  ];
  const lines = [];
  for (const m of data.metrics) {
    const label = metricLabel(data, m);
    const slower = per((w) => changeText(pairedOf(w, m)?.matrix));
    rows.push(
      `| the head commit’s slowdown, paired (all cells together) | ${m} | about +25% | ${slower} |`,
      `| caught (step failed), history of ${data.history} | ${label} | ≥ 19 in 20 | ${per((w) => `${failed(w.trials[m].ab5)} in ${w.trials[m].ab5.length}`)} |`,
      `| … of which the timing gate caught (a cell or all cells regressed) | ${label} | ≥ 19 in 20 | ${per((w) => caughtBy(w.trials[m].ab5, 'timingRegressed'))} |`,
      `| … of which the allocation counts caught | ${label} | | ${per((w) => caughtBy(w.trials[m].ab5, 'allocationRegressed'))} |`,
    );
    const enough = (got) => got >= Math.ceil((19 / 20) * n);
    const verdict = (w, got) =>
      `${w.workload.label}: ${enough(got) ? 'met' : '**not met**'} (${got} in ${n})`;
    lines.push(
      `Goal, ${label}: the head caught in at least 19 of 20 by the step: ${data.workloads
        .map((w) => verdict(w, failed(w.trials[m].ab5)))
        .join(', ')}; by the timing gate alone: ${data.workloads
        .map((w) => verdict(w, w.trials[m].ab5.filter((t) => t.timingRegressed).length))
        .join(', ')}.`,
    );
  }
  if (n < 20) rows.push('', `_Only ${n} trial${n === 1 ? '' : 's'} per figure (goal: 20)._`);
  return [...rows, '', ...lines];
}

/**
 * The figures of a run of the head commit only (`--steps ab5`), usually with more extra
 * allocations than the main section's head: how much slower it really is, and how often the
 * cross-run gate caught it under a hog.
 */
export function renderSlowdownSection(data) {
  const extra = extraOf(data);
  const failures = data.workloads.flatMap((w) => w.failures.map((f) => `${w.workload.label}: ${f}`));
  const reversed = hogOnStored(data);
  const { storedLoad, headLoad } = conditionsOf(data);
  const [section, itsAa] = reversed
    ? ['the section "stored runs under a hog, heads quiet"', 'that section']
    : ['the section above', 'the section above'];
  const faster = reversed
    ? ' The head runs the probe faster than the stored runs did, so a slowdown is only seen once times are divided by it.'
    : '';
  return [
    reversed ? REVERSED_SLOWDOWN_BEGIN : SLOWDOWN_BEGIN,
    reversed
      ? '## Cross-run baselines: the same slower head, stored runs under a hog, heads quiet'
      : '## Cross-run baselines: a head commit that is really about 25% slower',
    '',
    `Measured by ${measuredBy(data, { withWorkloads: true, withExtra: true })}.`,
    '',
    `A workload that makes 25% more allocations is not 25% slower: starting the process and faulting in its pool do not grow with the loop. Here the head commit makes its workload do ${extra}% more allocations. How much slower that is, the product measured itself, paired, on the machine as it is (no hog): \`baseline: auto\` on a pull_request event naming the base commit, base and head trees in alternating rounds of one run, default settings. Change of the head against the base, with its interval:`,
    '',
    ...data.metrics.flatMap((m) => [...pairedRows(data, m), '']),
    `Then the trials of ${section} with this head: the base tree measured ${data.history} times with \`--baseline none\` ${storedLoad} (the stored runs), and in each trial the head commit ${headLoad}, the full matrix with the default settings against \`--baseline '<dir>/*.json' --history ${data.history}\`. A step failure is exit code 1.${faster} The A/A figures of ${itsAa} stand for this head too: the same code, and they do not depend on the head.`,
    '',
    ...slowdownFigureRows(data),
    '',
    '### Every trial',
    '',
    ...trialRows(data, { ab5: `+${extra}% allocations, history ${data.history}` }),
    ...(failures.length > 0 ? ['', `Runs that did not finish: ${failures.join('; ')}.`] : []),
    reversed ? REVERSED_SLOWDOWN_END : SLOWDOWN_END,
  ].join('\n');
}
