// The regression gate: for each cell, did head get slower than the baseline by more than the
// threshold, with confidence, across the whole family of cells? Pure: samples in, verdicts out.
//
// Timing is judged on log ratios, so a change is relative and symmetric to compute with:
// - paired (base and head ran in the same rounds): per-round d = log(head/base); the estimate is
//   the one-sample Hodges–Lehmann of d, the tests Wilcoxon signed-rank on d - log(1 + t) and
//   d - log(1 - t), the interval the Walsh-average interval.
// - unpaired (a stored result from another job): the Hodges–Lehmann shift of log(head) over
//   log(base), with the Mann–Whitney test and its inverted interval. Chosen over a bootstrap
//   because it is exact for small samples, needs no seed to be reproducible, and is the
//   unpaired twin of the paired method, so both paths mean the same thing by "confident".
// Regression and improvement are each one Holm family over all comparable cells (per
// direction), so an A/A run of ten cells does not flag a cell far more often than alpha.
// Peak RSS barely varies, so memory is judged on its median change against its own threshold.
import { logSamples, whyNotComparable, type GateCell, type TimingMetric } from './comparable.js';
import type { CellComparison, LibcName } from '../results/model.js';
import {
  hodgesLehmann,
  hodgesLehmannShift,
  rankSumInterval,
  rankSumTest,
  signedRankInterval,
  signedRankTest,
} from './rank-tests.js';
import { median } from './stats.js';

export { gateSide, type GateCell, type GateSide, type TimingMetric } from './comparable.js';

export interface GateOptions {
  metric: TimingMetric;
  /** Relative slowdown that counts as a regression, e.g. 0.05 for 5%. From 0 (inclusive) to 1. */
  threshold: number;
  /** Relative growth of the median peak RSS that counts as a memory regression. */
  memoryThreshold: number;
  /** True when head and baseline ran in the same rounds of the same environment. */
  paired: boolean;
  /** Family-wise error rate of each direction of the timing gate. Default 0.05. */
  alpha?: number;
  /**
   * Fewest samples (paired: rounds where both sides succeeded) needed for a verdict. Default 6,
   * the smallest sample for which a two-sided 95% signed-rank interval exists.
   */
  minRuns?: number;
  /** Level of the reported two-sided interval. Default 0.95. */
  intervalLevel?: number;
}

/**
 * Holm's step-down procedure: sort p ascending and reject while p_(i) <= alpha / (m - i + 1)
 * (i from 1); everything after the first non-rejection stands. Returns, per input, rejected?
 */
export function holmRejections(pValues: readonly number[], alpha: number): boolean[] {
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const rejected = pValues.map(() => false);
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const index = order[i];
    if (pValues[index] > alpha / (m - i)) break;
    rejected[index] = true;
  }
  return rejected;
}

interface TimingAnalysis {
  estimate: number;
  interval: [number, number];
  pRegression: number;
  pImprovement: number;
}

/**
 * Verdicts for every cell: its timing comparison (metric `options.metric`), then its memory
 * comparison (`rss`), in input order. `pValue` is the one-sided p-value, before Holm, of the
 * test in the direction of the verdict (for `unchanged`, the direction of the estimate).
 */
export function judgeCells(cells: readonly GateCell[], options: GateOptions): CellComparison[] {
  const alpha = options.alpha ?? 0.05;
  const minRuns = options.minRuns ?? 6;
  const level = options.intervalLevel ?? 0.95;
  checkFraction('threshold', options.threshold);
  checkFraction('memory threshold', options.memoryThreshold);
  if (!(alpha > 0 && alpha < 1))
    throw new Error(`Invalid alpha ${String(alpha)}: expected a number strictly between 0 and 1.`);
  if (!(level > 0 && level < 1))
    throw new Error(`Invalid interval level ${String(level)}: expected a number strictly between 0 and 1.`);
  if (!Number.isInteger(minRuns) || minRuns < 1)
    throw new Error(`Invalid minRuns ${String(minRuns)}: expected a positive integer.`);

  const upper = Math.log1p(options.threshold);
  const lower = Math.log1p(-options.threshold);
  const timing = cells.map((cell): { blocked?: string; analysis?: TimingAnalysis } => {
    const blocked = whyNotComparable(cell, 'timing', options, minRuns);
    if (blocked !== undefined) return { blocked };
    const [base, head] = logSamples(cell, 'timing', options.paired);
    return { analysis: analyseTiming(base, head, options.paired, upper, lower, level) };
  });

  const analysed = timing.flatMap((t) => (t.analysis ? [t.analysis] : []));
  const regressions = holmRejections(
    analysed.map((a) => a.pRegression),
    alpha,
  );
  const improvements = holmRejections(
    analysed.map((a) => a.pImprovement),
    alpha,
  );

  const out: CellComparison[] = [];
  let k = 0;
  cells.forEach((cell, i) => {
    const base = { libc: cell.libc, allocator: cell.allocator, paired: options.paired };
    const t = timing[i];
    if (t.analysis === undefined) {
      out.push({
        ...base,
        metric: options.metric,
        verdict: 'not-comparable',
        reason: t.blocked ?? 'not analysed',
      });
    } else {
      const a = t.analysis;
      const verdict = regressions[k]
        ? 'regressed'
        : improvements[k]
          ? 'improved'
          : a.estimate > upper
            ? 'inconclusive'
            : 'unchanged';
      k++;
      const useImprovementP = verdict === 'improved' || (verdict === 'unchanged' && a.estimate < 0);
      out.push({
        ...base,
        metric: options.metric,
        verdict,
        change: Math.expm1(a.estimate),
        ...relativeInterval(a.interval),
        pValue: useImprovementP ? a.pImprovement : a.pRegression,
      });
    }
    out.push({ ...base, ...judgeMemory(cell, options, minRuns, level) });
  });
  return out;
}

/** The timing cells still inconclusive: the ones worth one more batch of rounds. */
export function cellsToRetry(
  comparisons: readonly CellComparison[],
): { libc: LibcName; allocator: string }[] {
  return comparisons
    .filter((c) => c.metric !== 'rss' && c.verdict === 'inconclusive')
    .map((c) => ({ libc: c.libc, allocator: c.allocator }));
}

function analyseTiming(
  base: number[],
  head: number[],
  paired: boolean,
  upper: number,
  lower: number,
  level: number,
): TimingAnalysis {
  if (paired) {
    const ratios = head.map((h, i) => h - base[i]);
    return {
      estimate: hodgesLehmann(ratios),
      interval: signedRankInterval(ratios, level),
      pRegression: signedRankTest(
        ratios.map((d) => d - upper),
        'greater',
      ).pValue,
      pImprovement: signedRankTest(
        ratios.map((d) => d - lower),
        'less',
      ).pValue,
    };
  }
  return {
    estimate: hodgesLehmannShift(base, head),
    interval: rankSumInterval(base, head, level),
    pRegression: rankSumTest(
      base,
      head.map((h) => h - upper),
      'greater',
    ).pValue,
    pImprovement: rankSumTest(
      base,
      head.map((h) => h - lower),
      'less',
    ).pValue,
  };
}

function judgeMemory(
  cell: GateCell,
  options: GateOptions,
  minRuns: number,
  level: number,
): Omit<CellComparison, 'libc' | 'allocator' | 'paired'> {
  const blocked = whyNotComparable(cell, 'rss', options, minRuns);
  if (blocked !== undefined) return { metric: 'rss', verdict: 'not-comparable', reason: blocked };
  const [base, head] = logSamples(cell, 'rss', options.paired);
  let change: number;
  let interval: [number, number];
  if (options.paired) {
    const ratios = head.map((h, i) => h - base[i]);
    change = Math.expm1(median(ratios)); // the median per-round ratio
    interval = signedRankInterval(ratios, level);
  } else {
    change = median(cell.head.rss.map((s) => s.value)) / median(cell.baseline.rss.map((s) => s.value)) - 1;
    interval = rankSumInterval(base, head, level);
  }
  const verdict =
    change > options.memoryThreshold
      ? 'regressed'
      : change < -options.memoryThreshold
        ? 'improved'
        : 'unchanged';
  return { metric: 'rss', verdict, change, ...relativeInterval(interval) };
}

/** The interval as relative changes; left out when the sample cannot reach the level (infinite ends). */
function relativeInterval(interval: [number, number]): { interval?: [number, number] } {
  if (!Number.isFinite(interval[0]) || !Number.isFinite(interval[1])) return {};
  return { interval: [Math.expm1(interval[0]), Math.expm1(interval[1])] };
}

function checkFraction(name: string, value: number): void {
  if (!(value >= 0 && value < 1)) {
    throw new Error(
      `Invalid ${name} ${String(value)}: expected a fraction from 0 (inclusive) to 1, e.g. 0.05 for 5%.`,
    );
  }
}
