// Distribution-free location tests and the matching estimators and intervals:
// - paired data: Wilcoxon signed-rank test, one-sample Hodges–Lehmann estimate, Walsh-average interval;
// - unpaired data: Wilcoxon–Mann–Whitney rank-sum test, two-sample Hodges–Lehmann shift, its interval.
// Benchmark timings are skewed and heavy-tailed, so rank methods keep their stated error rates
// where t-tests would not. Exact null distributions are used up to 50 observations (per sample),
// normal approximations with tie and continuity corrections above.
import { normalCdf, normalQuantile, normalSurvival } from './normal.js';
import { median } from './stats.js';

/** `greater`: the alternative is a shift above zero (paired) or of `y` above `x` (unpaired). */
export type Alternative = 'greater' | 'less';

export interface RankTestResult {
  /** T+ (sum of ranks of positive differences) or U (pairs with y above x, ties counted 1/2). */
  statistic: number;
  /** One-sided p-value for the alternative asked. */
  pValue: number;
  exact: boolean;
  /** Observations used: non-zero differences (paired) or m + n (unpaired). */
  n: number;
}

/** Sample sizes up to which the exact null distribution is computed. */
export const EXACT_LIMIT = 50;

/** The one-sample Hodges–Lehmann estimate: the median of all Walsh averages (x_i + x_j)/2, i <= j. */
export function hodgesLehmann(values: readonly number[]): number {
  return median(walshAverages(values));
}

/** The two-sample Hodges–Lehmann shift of `y` over `x`: the median of all differences y_j - x_i. */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[]): number {
  return median(pairwiseDifferences(x, y));
}

/**
 * Wilcoxon signed-rank test of H0 "the differences are symmetric about 0". Zeros are dropped
 * (Wilcoxon's convention) and tied magnitudes get mid-ranks. Up to EXACT_LIMIT non-zero values
 * the exact permutation distribution is computed, conditional on the ties, by counting sign
 * assignments over doubled (hence integer) mid-ranks.
 */
export function signedRankTest(
  differences: readonly number[],
  alternative: Alternative,
  exactLimit = EXACT_LIMIT,
): RankTestResult {
  checkFinite('differences', differences);
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return { statistic: 0, pValue: 1, exact: true, n };
  const { ranks, tieGroups } = midRanks(nonZero.map(Math.abs));
  let tPlus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) tPlus += ranks[i];
  });

  if (n <= exactLimit) {
    const doubled = ranks.map((r) => Math.round(2 * r));
    const counts = subsetSumCounts(doubled);
    const observed = Math.round(2 * tPlus);
    let tail = 0;
    for (let s = 0; s < counts.length; s++) {
      if (alternative === 'greater' ? s >= observed : s <= observed) tail += counts[s];
    }
    return { statistic: tPlus, pValue: Math.min(1, tail / 2 ** n), exact: true, n };
  }
  const mean = (n * (n + 1)) / 4;
  const tieCorrection = tieGroups.reduce((acc, t) => acc + (t ** 3 - t), 0) / 48;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection);
  return { statistic: tPlus, pValue: continuityTail(tPlus, mean, sd, alternative), exact: false, n };
}

/**
 * The two-sided confidence interval for the centre of symmetry that inverts the signed-rank
 * test: order statistics of the Walsh averages, cut where the no-ties null distribution puts
 * (1 - level)/2 in each tail (the usual convention; ties make it slightly conservative). Infinite ends mean the sample is too small to
 * reach the level at all (fewer than 6 values for 95%).
 */
export function signedRankInterval(
  values: readonly number[],
  level = 0.95,
  exactLimit = EXACT_LIMIT,
): [number, number] {
  checkFinite('values', values);
  checkLevel(level);
  const n = values.length;
  if (n === 0) throw new Error('Invalid sample for a signed-rank interval: it is empty.');
  const walsh = walshAverages(values).sort((a, b) => a - b);
  const half = (1 - level) / 2;
  let cut: number;
  if (n <= exactLimit) {
    cut = lowerCutFromCounts(signedRankCountsWithoutTies(n), 2 ** n, half);
  } else {
    const mean = (n * (n + 1)) / 4;
    const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
    cut = Math.floor(mean + normalQuantile(half) * sd - 0.5);
  }
  return orderStatisticInterval(walsh, cut);
}

/**
 * Wilcoxon–Mann–Whitney rank-sum test of H0 "x and y come from the same distribution". Exact
 * (no-ties distribution) when both samples have at most EXACT_LIMIT values and nothing is tied;
 * otherwise the normal approximation with tie and continuity corrections.
 */
export function rankSumTest(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative,
  exactLimit = EXACT_LIMIT,
): RankTestResult {
  checkFinite('x', x);
  checkFinite('y', y);
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0)
    throw new Error(`Invalid samples for a rank-sum test: sizes ${m} and ${n}, both must be non-empty.`);
  const { ranks, tieGroups } = midRanks([...x, ...y]);
  let rankSumY = 0;
  for (let j = 0; j < n; j++) rankSumY += ranks[m + j];
  const u = rankSumY - (n * (n + 1)) / 2;
  const hasTies = tieGroups.some((t) => t > 1);
  if (!hasTies && m <= exactLimit && n <= exactLimit) {
    const probabilities = rankSumDistribution(m, n);
    let tail = 0;
    for (let k = 0; k < probabilities.length; k++) {
      if (alternative === 'greater' ? k >= u : k <= u) tail += probabilities[k];
    }
    return { statistic: u, pValue: Math.min(1, tail), exact: true, n: m + n };
  }
  const total = m + n;
  const tieTerm = tieGroups.reduce((acc, t) => acc + (t ** 3 - t), 0) / (total * (total - 1));
  const sd = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm));
  return { statistic: u, pValue: continuityTail(u, (m * n) / 2, sd, alternative), exact: false, n: total };
}

/** The two-sided confidence interval of the shift of `y` over `x` that inverts the rank-sum test. */
export function rankSumInterval(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
  exactLimit = EXACT_LIMIT,
): [number, number] {
  checkFinite('x', x);
  checkFinite('y', y);
  checkLevel(level);
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0)
    throw new Error(`Invalid samples for a rank-sum interval: sizes ${m} and ${n}, both must be non-empty.`);
  const differences = pairwiseDifferences(x, y).sort((a, b) => a - b);
  const half = (1 - level) / 2;
  let cut: number;
  if (m <= exactLimit && n <= exactLimit) {
    cut = lowerCutFromCounts(rankSumDistribution(m, n), 1, half);
  } else {
    const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
    cut = Math.floor((m * n) / 2 + normalQuantile(half) * sd - 0.5);
  }
  return orderStatisticInterval(differences, cut);
}

// ---- building blocks, shared with the stratified tests ---------------------------------------

export function walshAverages(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let j = i; j < values.length; j++) out.push((values[i] + values[j]) / 2);
  }
  return out;
}

export function pairwiseDifferences(x: readonly number[], y: readonly number[]): number[] {
  const out: number[] = [];
  for (const b of y) for (const a of x) out.push(b - a);
  return out;
}

/** Mid-ranks (1-based) of the values, and the sizes of the groups of equal values. */
export function midRanks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    tieGroups.push(end - start);
    start = end;
  }
  return { ranks, tieGroups };
}

/** counts[s] = number of subsets of `weights` summing to s. Exact: the total 2^n stays below 2^53. */
export function subsetSumCounts(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  let reach = 0;
  for (const w of weights) {
    for (let s = reach; s >= 0; s--) counts[s + w] = counts[s + w] + counts[s];
    reach += w;
  }
  return counts;
}

const signedRankCache = new Map<number, Float64Array>();
function signedRankCountsWithoutTies(n: number): Float64Array {
  let counts = signedRankCache.get(n);
  if (!counts) {
    counts = subsetSumCounts(Array.from({ length: n }, (_, i) => i + 1));
    signedRankCache.set(n, counts);
  }
  return counts;
}

const rankSumCache = new Map<string, Float64Array>();
/**
 * P(U = k) for sample sizes m and n without ties. Recursion on the largest pooled value: it is a
 * y (probability n/(m+n)) and then lies above all m x's, or an x and adds nothing. Probabilities
 * rather than counts, because C(100, 50) is far beyond exact double integers.
 */
export function rankSumDistribution(m: number, n: number): Float64Array {
  const key = `${Math.min(m, n)},${Math.max(m, n)}`;
  const cached = rankSumCache.get(key);
  if (cached) return cached;
  // row[j] holds the distribution for (i, j) while iterating i = 0..m.
  let row: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const dist = new Float64Array(i * j + 1);
      const fromX = row[j]; // largest is an x: (i-1, j), U unchanged
      const fromY = next[j - 1]; // largest is a y: (i, j-1), U + i
      const px = i / (i + j);
      const py = j / (i + j);
      for (let k = 0; k < fromX.length; k++) dist[k] = dist[k] + px * fromX[k];
      for (let k = 0; k < fromY.length; k++) dist[k + i] = dist[k + i] + py * fromY[k];
      next.push(dist);
    }
    row = next;
  }
  const result = row[n];
  rankSumCache.set(key, result);
  return result;
}

/** The largest t with P(T <= t) <= alpha (counts scaled by `total`), or -1 when even t = 0 exceeds it. */
function lowerCutFromCounts(counts: Float64Array, total: number, alpha: number): number {
  let cumulative = 0;
  for (let t = 0; t < counts.length; t++) {
    cumulative += counts[t] / total;
    // A relative slack keeps P exactly equal to alpha (e.g. 25/1024 vs 0.0244...) on the right side.
    if (cumulative > alpha * (1 + 1e-12)) return t - 1;
  }
  return counts.length - 1;
}

function orderStatisticInterval(sorted: readonly number[], cut: number): [number, number] {
  if (cut < 0) return [-Infinity, Infinity];
  const k = Math.min(cut, Math.floor((sorted.length - 1) / 2));
  return [sorted[k], sorted[sorted.length - 1 - k]];
}

function continuityTail(statistic: number, mean: number, sd: number, alternative: Alternative): number {
  if (sd === 0) return 1;
  return alternative === 'greater'
    ? normalSurvival((statistic - mean - 0.5) / sd)
    : normalCdf((statistic - mean + 0.5) / sd);
}

export function checkFinite(name: string, values: readonly number[]): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new Error(`Invalid ${name}[${bad}] = ${String(values[bad])}: every value must be a finite number.`);
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw new Error(`Invalid confidence level ${String(level)}: expected a number strictly between 0 and 1.`);
}
