// How strongly a cell's CPU time follows the calibration probe's, on the runs kept by
// `cross-run.mjs --keep DIR`, without measuring anything. The gate divides a cell's time by the
// probe's time of the same round, which assumes that a machine state that slows the probe by x%
// slows the cell by x% too: a slope of 1 between their logarithms. This prints, per workload:
//   - each cell's slope within runs (round against round, every kept run pooled, each run
//     centred on its own means: the code is the same within a run, so only the machine moves);
//   - each cell's slope between runs (the run medians of the stored runs and the same-code heads);
//   - for several fixed slopes β, the cells divided by probe^β: the spread between the stored
//     runs, the all-cells change of the same-code heads and of the heads with 25% more work
//     against the stored runs' mean, and how many of the latter do not rise above every one of
//     the former (no gate that stays quiet on the same code could catch those).
//
// Usage: node scripts/bench/cross-run-probe-slope.mjs [--part gate|whole|process|helper] DIR [DIR ...]
//   Each DIR holds one folder per workload (1t, 2t) with the heads and a stored/ folder.
//   --part: which CPU time of the probe to follow: the one the gate divides by (probeMs in
//   src/analysis/cross-run-gate.ts, the default), the whole probe's, its process part's alone, or
//   the rest (the helper's own compute and memory parts). Runs whose probe has no process part
//   (workload 1) have only the whole.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importSrc } from './load-src.mjs';
import { pct } from './util.mjs';

const { probeMs } = await importSrc('analysis/cross-run-gate.ts');
const PARTS = {
  gate: (s) => probeMs(s, 'cpu'),
  whole: (s) => s.cpuMs,
  process: (s) => s.processCpuMs,
  helper: (s) => (s.processCpuMs === undefined ? undefined : s.cpuMs - s.processCpuMs),
};
const { values: options, positionals: roots } = parseArgs({
  options: { part: { type: 'string', default: 'gate' } },
  allowPositionals: true,
});
const probeCpu = PARTS[options.part];
if (roots.length === 0 || !probeCpu) {
  process.stderr.write(
    'usage: node scripts/bench/cross-run-probe-slope.mjs [--part gate|whole|process|helper] DIR [DIR ...]\n',
  );
  process.exit(2);
}
const { isSuccessfulMeasured, metricValue, median, mean, stddev } = await importSrc('analysis/stats.ts');

// 0 is the raw times; 1 what the gate does.
const SLOPES = [0, 0.5, 0.75, 1, 1.25, 1.5, 2];

/** Per head cell: its successful measured runs as [log probe CPU time, log cell CPU time] of one round. */
function roundPairs(file) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  const probes = new Map(
    (results.probe?.environments ?? []).map((e) => [
      e.libc,
      new Map(e.samples.map((s) => [s.round, probeCpu(s)])),
    ]),
  );
  const cells = new Map();
  for (const cell of results.cells.filter((c) => c.tree === 'head' && c.status === 'ok')) {
    const probe = probes.get(cell.libc);
    if (!probe) continue;
    const pairs = cell.runs
      .filter(isSuccessfulMeasured)
      .filter((r) => probe.get(r.round) > 0 && metricValue(r, 'cpu') > 0)
      .map((r) => [Math.log(probe.get(r.round)), Math.log(metricValue(r, 'cpu'))]);
    if (pairs.length > 0) cells.set(`${cell.libc}/${cell.allocator}`, pairs);
  }
  return cells;
}

/** Least-squares slope of y on x from centred sums. */
const slopeOf = (sxy, sxx) => (sxx > 0 ? sxy / sxx : NaN);

function centredSums(pairs) {
  const mx = mean(pairs.map((p) => p[0]));
  const my = mean(pairs.map((p) => p[1]));
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return { sxy, sxx };
}

/** A run's level of a cell: the log medians of its probe and cell times. */
const levelOf = (pairs) => [median(pairs.map((p) => p[0])), median(pairs.map((p) => p[1]))];

function analyse(dir) {
  const stored = readdirSync(path.join(dir, 'stored'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => roundPairs(path.join(dir, 'stored', f)));
  const heads = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ kind: f.split('-')[0], cells: roundPairs(path.join(dir, f)) }));
  const sameCode = heads.filter((h) => h.kind.startsWith('aa'));
  const moreWork = heads.filter((h) => h.kind === 'ab5');
  const cellKeys = [...stored[0].keys()];

  console.log(
    `\n${dir}: ${stored.length} stored runs, ${sameCode.length} same-code heads, ${moreWork.length} heads with more work`,
  );
  console.log('cell | slope within runs | slope between runs');
  for (const key of cellKeys) {
    const runs = [...stored, ...sameCode.map((h) => h.cells)].map((c) => c.get(key)).filter(Boolean);
    const within = runs
      .map(centredSums)
      .reduce((a, s) => ({ sxy: a.sxy + s.sxy, sxx: a.sxx + s.sxx }), { sxy: 0, sxx: 0 });
    const between = centredSums(runs.map(levelOf));
    console.log(
      `${key} | ${slopeOf(within.sxy, within.sxx).toFixed(2)} | ${slopeOf(between.sxy, between.sxx).toFixed(2)}`,
    );
  }

  console.log(
    'β | stored runs’ spread | same code: all cells | 25% more work: all cells | more work not above every same-code head',
  );
  for (const beta of SLOPES) {
    const adjusted = (cells, key) => {
      const [probe, cell] = levelOf(cells.get(key));
      return cell - beta * probe;
    };
    const storedMean = new Map(cellKeys.map((k) => [k, mean(stored.map((s) => adjusted(s, k)))]));
    const spread = median(cellKeys.map((k) => stddev(stored.map((s) => adjusted(s, k)))));
    const allCells = (h) => Math.expm1(mean(cellKeys.map((k) => adjusted(h.cells, k) - storedMean.get(k))));
    const same = sameCode.map(allCells).sort((a, b) => a - b);
    const more = moreWork.map(allCells).sort((a, b) => a - b);
    const hidden = more.filter((c) => c <= same.at(-1)).length;
    console.log(
      `${beta} | ${(Math.expm1(spread) * 100).toFixed(1)}% | ${pct(same[0], 0)} to ${pct(same.at(-1), 0)} | ${pct(more[0], 0)} to ${pct(more.at(-1), 0)} | ${hidden} of ${more.length}`,
    );
  }
}

for (const root of roots) {
  for (const workload of readdirSync(root).sort()) analyse(path.join(path.resolve(root), workload));
}
