// The regression gate: did head get slower than the baseline by more than the threshold, with
// confidence, in any cell or in all cells together? Pure: samples in, verdicts out.
//
// Each look at the data tests, per direction (slower, faster), one family: the all-cells test (a
// stratified test of the change common to every comparable cell) and one test per cell. The
// family shares alpha as family.ts explains, so an A/A run flags anything at most alpha of the
// time. `retries` adds looks after re-measuring inconclusive cells; alpha is then split evenly
// between the planned looks (a Bonferroni split), which keeps the promise whatever the first
// look showed: each look is a valid test at its own share, and a cell or the all-cells test is
// re-tested only on a fixed design (its own rounds, or every cell's when the all-cells test is
// the one re-measured). Peak RSS barely varies, so memory is judged on its median change
// against its own threshold.
import { logSamples, whyNotComparable, type GateCell, type TimingMetric } from './comparable.js';
import type { CellComparison, LibcName, MatrixComparison, Verdict } from '../results/model.js';
import { familyWeights, MATRIX_SHARE, weightedHolmRejections } from './family.js';
import { analyseCell, analyseMatrix, type Bounds, type TimingAnalysis } from './timing.js';
import { signedRankInterval, rankSumInterval } from './rank-tests.js';
import { median } from './stats.js';
import { MIN_HISTORY } from './cross-run.js';

export { gateSide, type GateCell, type GateSide, type TimingMetric } from './comparable.js';
export { holmRejections, weightedHolmRejections } from './family.js';

export interface GateOptions {
  metric: TimingMetric;
  /** Relative slowdown that counts as a regression, e.g. 0.05 for 5%. From 0 (inclusive) to 1. */
  threshold: number;
  /** Relative growth of the median peak RSS that counts as a memory regression. */
  memoryThreshold: number;
  /** True when head and baseline ran in the same rounds of the same environment. */
  paired: boolean;
  /** Family-wise error rate of each direction of the timing gate, over all looks. Default 0.05. */
  alpha?: number;
  /** Looks planned: 1 + retries. Alpha is split evenly between them. Default 1. */
  looks?: number;
  /**
   * Fewest samples (paired: rounds where both sides succeeded) needed for a verdict. Default 6,
   * the smallest sample for which a two-sided 95% signed-rank interval exists.
   */
  minRuns?: number;
  /** Level of the reported two-sided interval of a cell. Default 0.95. */
  intervalLevel?: number;
}

/** How much of a verdict's reason the report shows; the gate's own reasons fit in it. */
export const REASON_CHARS = 200;

/** The name of the all-cells test among the cells' `libc/allocator` keys. */
export const ALL_CELLS = 'all cells';

/** One timing test's analysis, with what a cross-run verdict records beside it. */
export interface UnitAnalysis {
  analysis: TimingAnalysis;
  /** Stored runs it was judged against, and their between-run spread (cross-run). */
  history?: number;
  spread?: number;
  /** Why a change above the threshold could not be proven (e.g. too little history). */
  inconclusiveNote?: string;
  /** Of all cells together: the comparable cells not pooled (`libc/allocator`), and so not counted. */
  leftOut?: string[];
  /**
   * Not tested both ways against the threshold (cross-run on another machine: neither way; a cell
   * whose threads ran another way: one; too little history: either way, only against the floor):
   * the verdict is inconclusive unless a tested way was proven, since "unchanged" would claim a
   * test that was not made.
   */
  untested?: boolean;
}

/**
 * Analyses the timing of the comparable cells (and of all of them together, given two or more)
 * from something other than the cells' own samples: a cross-run history. One entry per cell, in
 * order. `levels` are those of the intervals of a cell and of all cells.
 */
export type TimingAnalyser = (
  cells: readonly GateCell[],
  bounds: Bounds,
  levels: { cell: number; matrix: number },
) => { cells: UnitAnalysis[]; matrix?: UnitAnalysis };

export interface GateJudgement {
  comparisons: CellComparison[];
  /** The all-cells verdict; absent when fewer than two cells could be compared. */
  matrix?: MatrixComparison;
  /** Which look this was (0 for the first), and what every look so far has proven. */
  look: { index: number; regressed: string[]; improved: string[] };
}

/** What was measured again before a later look: these cells, and whether that was all of them. */
export interface Remeasured {
  cells: { libc: LibcName; allocator: string }[];
  /** Every comparable cell got the same extra rounds, so the all-cells test may be re-run. */
  all: boolean;
}

/** The earlier look and what was re-measured since. */
export interface PreviousLook {
  judgement: GateJudgement;
  remeasured: Remeasured;
}

const keyOf = (c: { libc: string; allocator: string }) => `${c.libc}/${c.allocator}`;

/**
 * Verdicts for every cell: its timing comparison (metric `options.metric`), then its memory
 * comparison (`rss`), in input order, and the all-cells verdict. `pValue` is the one-sided
 * p-value, before alpha is shared, of the test in the direction of the verdict (for
 * `unchanged`, the direction of the estimate).
 */
export function judgeGate(
  cells: readonly GateCell[],
  options: GateOptions,
  previous?: PreviousLook,
  analyser?: TimingAnalyser,
): GateJudgement {
  const { alpha, looks, minRuns, level } = checkedOptions(options);
  const lookIndex = previous ? previous.judgement.look.index + 1 : 0;
  if (lookIndex >= looks)
    throw new Error(`Invalid look ${lookIndex + 1}: only ${looks} look(s) were planned.`);
  const lookAlpha = alpha / looks;
  const bounds: Bounds = { upper: Math.log1p(options.threshold), lower: Math.log1p(-options.threshold) };

  const timing = cells.map((cell) => {
    const blocked = whyNotComparable(cell, 'timing', options, minRuns);
    if (blocked !== undefined) return { cell, blocked };
    const [base, head] = logSamples(cell, 'timing', options.paired);
    return { cell, samples: { base, head } };
  });
  const comparable = timing.flatMap((t) => (t.samples ? [{ cell: t.cell, samples: t.samples }] : []));
  // The all-cells interval is the one its test uses at the start of the family.
  const matrixLevel = 1 - 2 * lookAlpha * MATRIX_SHARE;
  const units: { cells: UnitAnalysis[]; matrix?: UnitAnalysis } = analyser
    ? analyser(
        comparable.map((c) => c.cell),
        bounds,
        { cell: level, matrix: matrixLevel },
      )
    : {
        cells: comparable.map((c) => ({ analysis: analyseCell(c.samples, options.paired, bounds, level) })),
        matrix:
          comparable.length >= 2
            ? {
                analysis: analyseMatrix(
                  comparable.map((c) => c.samples),
                  options.paired,
                  bounds,
                  matrixLevel,
                ),
              }
            : undefined,
      };
  const matrixUnit = units.matrix;

  // One family per direction: [all cells?, cell 1, ..., cell k].
  const keys = [...(matrixUnit ? [ALL_CELLS] : []), ...comparable.map((c) => keyOf(c.cell))];
  const allUnits: UnitAnalysis[] = [...(matrixUnit ? [matrixUnit] : []), ...units.cells];
  const all = allUnits.map((u) => u.analysis);
  const weights = familyWeights(comparable.length, matrixUnit !== undefined);
  const retested = (key: string) =>
    !previous ||
    (key === ALL_CELLS ? previous.remeasured.all : previous.remeasured.cells.some((c) => keyOf(c) === key));
  const pFor = (proven: string[], p: (a: TimingAnalysis) => number) =>
    all.map((a, i) => (proven.includes(keys[i]) ? 0 : retested(keys[i]) ? p(a) : 1));
  const regressed = weightedHolmRejections(
    pFor(previous?.judgement.look.regressed ?? [], (a) => a.pRegression),
    weights,
    lookAlpha,
  );
  const improved = weightedHolmRejections(
    pFor(previous?.judgement.look.improved ?? [], (a) => a.pImprovement),
    weights,
    lookAlpha,
  );
  const verdictAt = (i: number): Verdict => {
    const verdict = verdictOf(regressed[i], improved[i], all[i].estimate, bounds.upper);
    return verdict === 'unchanged' && allUnits[i].untested === true ? 'inconclusive' : verdict;
  };

  const offset = matrixUnit ? 1 : 0;
  const out: CellComparison[] = [];
  timing.forEach((t) => {
    const base = { libc: t.cell.libc, allocator: t.cell.allocator, paired: options.paired };
    if (t.samples === undefined) {
      out.push({ ...base, metric: options.metric, verdict: 'not-comparable', reason: t.blocked });
    } else {
      const i = offset + comparable.findIndex((c) => c.cell === t.cell);
      out.push({ ...base, metric: options.metric, ...describe(allUnits[i], verdictAt(i)) });
    }
    out.push({ ...base, ...judgeMemory(t.cell, options, minRuns, level) });
  });

  return {
    comparisons: out,
    ...(matrixUnit
      ? {
          matrix: {
            metric: options.metric,
            ...describe(matrixUnit, verdictAt(0)),
            paired: options.paired,
            cells: comparable.length - (matrixUnit.leftOut?.length ?? 0),
            ...(matrixUnit.leftOut ? { leftOut: matrixUnit.leftOut } : {}),
          },
        }
      : {}),
    look: {
      index: lookIndex,
      regressed: keys.filter((_, i) => regressed[i]),
      improved: keys.filter((_, i) => improved[i]),
    },
  };
}

/**
 * What to measure again before the next look: every comparable cell when the all-cells test is
 * inconclusive (it may only be re-run on a fixed design), else the inconclusive cells. A
 * cross-run verdict with too little history is inconclusive by rule, not for want of rounds:
 * more rounds would not settle it, so it is not re-measured.
 */
export function retryPlan(judgement: GateJudgement): Remeasured {
  const settledByRule = (c: { history?: number }) => c.history !== undefined && c.history < MIN_HISTORY;
  const timing = judgement.comparisons.filter((c) => c.metric !== 'rss' && !settledByRule(c));
  const pick = (verdicts: Verdict[]) =>
    timing.filter((c) => verdicts.includes(c.verdict)).map((c) => ({ libc: c.libc, allocator: c.allocator }));
  if (judgement.matrix?.verdict === 'inconclusive' && !settledByRule(judgement.matrix)) {
    return { cells: pick(['regressed', 'improved', 'unchanged', 'inconclusive']), all: true };
  }
  return { cells: pick(['inconclusive']), all: false };
}

/**
 * The judgement, each timing verdict still inconclusive (a cell's or the all-cells one) now
 * saying why it was not measured again: a timing regression is already proven, and a proven one
 * stays proven at every later look (its p-value is carried as 0), so the step fails whatever more
 * rounds would show. Re-measuring could only settle the rest of the table, at the cost of as many
 * rounds again; `proven` holds the keys of `look.regressed`.
 */
export function leftUnsettled<J extends GateJudgement>(judgement: J, proven: readonly string[]): J {
  const reason = `not re-measured: ${proven.join(', ')} already regressed, so more rounds could not change the outcome`;
  const settle = <C extends { verdict: Verdict; metric: string; reason?: string }>(c: C): C =>
    c.verdict === 'inconclusive' && c.metric !== 'rss' && c.reason === undefined ? { ...c, reason } : c;
  return {
    ...judgement,
    comparisons: judgement.comparisons.map(settle),
    ...(judgement.matrix ? { matrix: settle(judgement.matrix) } : {}),
  };
}

function verdictOf(regressed: boolean, improved: boolean, estimate: number, upper: number): Verdict {
  if (regressed) return 'regressed';
  if (improved) return 'improved';
  return estimate > upper ? 'inconclusive' : 'unchanged';
}

function describe(
  unit: UnitAnalysis,
  verdict: Verdict,
): Pick<CellComparison, 'verdict' | 'change' | 'interval' | 'pValue' | 'reason' | 'history' | 'spread'> {
  const a = unit.analysis;
  const useImprovementP = verdict === 'improved' || (verdict === 'unchanged' && a.estimate < 0);
  return {
    verdict,
    change: Math.expm1(a.estimate),
    ...relativeInterval(a.interval),
    pValue: useImprovementP ? a.pImprovement : a.pRegression,
    ...(verdict === 'inconclusive' && unit.inconclusiveNote ? { reason: unit.inconclusiveNote } : {}),
    ...(unit.history !== undefined ? { history: unit.history } : {}),
    ...(unit.spread !== undefined ? { spread: unit.spread } : {}),
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

function checkedOptions(options: GateOptions): {
  alpha: number;
  looks: number;
  minRuns: number;
  level: number;
} {
  const alpha = options.alpha ?? 0.05;
  const looks = options.looks ?? 1;
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
  if (!Number.isInteger(looks) || looks < 1)
    throw new Error(`Invalid looks ${String(looks)}: expected a positive integer.`);
  return { alpha, looks, minRuns, level };
}

function checkFraction(name: string, value: number): void {
  if (!(value >= 0 && value < 1)) {
    throw new Error(
      `Invalid ${name} ${String(value)}: expected a fraction from 0 (inclusive) to 1, e.g. 0.05 for 5%.`,
    );
  }
}
