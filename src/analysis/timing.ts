// The timing tests of one look at the data, on log times so that a change is relative: for one
// cell, and for all comparable cells together (each cell a stratum). Pure.
// - paired (base and head ran in the same rounds): per-round d = log(head/base); one cell uses the
//   Wilcoxon signed-rank test and its Hodges–Lehmann estimate and Walsh-average interval, all
//   cells the stratified signed-rank test and the stratified estimate and interval.
// - unpaired (a stored result from another job): the Mann–Whitney test on log(head) against
//   log(base), with the two-sample Hodges–Lehmann shift; all cells: van Elteren's stratified twin.
// Both directions are tested against the threshold: slower than log(1 + t), faster than log(1 - t).
import {
  hodgesLehmann,
  hodgesLehmannShift,
  rankSumInterval,
  rankSumTest,
  signedRankInterval,
  signedRankTest,
} from './rank-tests.js';
import {
  stratifiedHodgesLehmann,
  stratifiedHodgesLehmannShift,
  stratifiedRankSumInterval,
  stratifiedRankSumTest,
  stratifiedSignedRankInterval,
  stratifiedSignedRankTest,
} from './stratified.js';

/** Log samples of one cell: aligned by round when paired. */
export interface LogSamples {
  base: number[];
  head: number[];
}

export interface TimingAnalysis {
  /** The log change. */
  estimate: number;
  /** Two-sided interval of the log change. */
  interval: [number, number];
  /** One-sided p-value of "slower than the threshold". */
  pRegression: number;
  /** One-sided p-value of "faster than the threshold". */
  pImprovement: number;
}

export interface Bounds {
  /** log(1 + threshold) */
  upper: number;
  /** log(1 - threshold) */
  lower: number;
}

export function analyseCell(
  { base, head }: LogSamples,
  paired: boolean,
  bounds: Bounds,
  level: number,
): TimingAnalysis {
  if (paired) {
    const ratios = head.map((h, i) => h - base[i]);
    return {
      estimate: hodgesLehmann(ratios),
      interval: signedRankInterval(ratios, level),
      pRegression: signedRankTest(shift(ratios, bounds.upper), 'greater').pValue,
      pImprovement: signedRankTest(shift(ratios, bounds.lower), 'less').pValue,
    };
  }
  return {
    estimate: hodgesLehmannShift(base, head),
    interval: rankSumInterval(base, head, level),
    pRegression: rankSumTest(base, shift(head, bounds.upper), 'greater').pValue,
    pImprovement: rankSumTest(base, shift(head, bounds.lower), 'less').pValue,
  };
}

/** The common change of all the cells, each a stratum. */
export function analyseMatrix(
  cells: readonly LogSamples[],
  paired: boolean,
  bounds: Bounds,
  level: number,
): TimingAnalysis {
  if (paired) {
    const strata = cells.map(({ base, head }) => head.map((h, i) => h - base[i]));
    return {
      estimate: stratifiedHodgesLehmann(strata),
      interval: stratifiedSignedRankInterval(strata, level),
      pRegression: stratifiedSignedRankTest(
        strata.map((s) => shift(s, bounds.upper)),
        'greater',
      ).pValue,
      pImprovement: stratifiedSignedRankTest(
        strata.map((s) => shift(s, bounds.lower)),
        'less',
      ).pValue,
    };
  }
  const strata = cells.map(({ base, head }) => ({ x: base, y: head }));
  const shifted = (by: number) => cells.map(({ base, head }) => ({ x: base, y: shift(head, by) }));
  return {
    estimate: stratifiedHodgesLehmannShift(strata),
    interval: stratifiedRankSumInterval(strata, level),
    pRegression: stratifiedRankSumTest(shifted(bounds.upper), 'greater').pValue,
    pImprovement: stratifiedRankSumTest(shifted(bounds.lower), 'less').pValue,
  };
}

function shift(values: readonly number[], by: number): number[] {
  return values.map((v) => v - by);
}
