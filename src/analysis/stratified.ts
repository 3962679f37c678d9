// Stratified rank tests of one common shift across many cells, for the matrix-level verdict. Each
// cell is a stratum: ranks are taken within it only, so cells of different speed and noise never
// mix, and each stratum's statistic is scaled by 1/(n + 1) (van Elteren's weights), so that every
// observation weighs alike whatever the size of its stratum.
// - paired: the stratified Wilcoxon signed-rank test on the per-round differences; the estimate
//   is the weighted median of the within-stratum Walsh averages (a stratified Hodges–Lehmann),
//   the interval the set of shifts the test does not reject.
// - unpaired: van Elteren's stratified Wilcoxon–Mann–Whitney test, with the weighted median of
//   the within-stratum differences y - x and the matching interval.
// Exact null distributions (over integer-scaled scores) when the data are small and untied,
// otherwise the normal approximation with the exact moments given the ranks.
import { normalQuantile } from './normal.js';
import {
  checkFinite,
  checkLevel,
  EXACT_LIMIT,
  midRanks,
  pairwiseDifferences,
  subsetSumCounts,
  walshAverages,
  type Alternative,
  type RankTestResult,
} from './rank-tests.js';
import { sortedArray, WeightedPoints } from './weighted-points.js';
import {
  EXACT_SUPPORT_LIMIT,
  exactRankSumNull,
  lcm,
  normalTail,
  tailProbability,
  upperCritical,
} from './stratified-null.js';

/** One stratum of unpaired data: `y` is compared against `x`. */
export interface UnpairedStratum {
  x: readonly number[];
  y: readonly number[];
}

/**
 * Stratified Wilcoxon signed-rank test of H0 "in every stratum the differences are symmetric about
 * 0". T = sum over strata of (sum of the ranks of the positive differences) / (n + 1), zeros
 * dropped, mid-ranks for ties. Exact (every sign flip, given the ties) up to `exactLimit` non-zero
 * values in all; else normal, with a continuity correction of half the smallest step a single
 * sign flip can make.
 */
export function stratifiedSignedRankTest(
  strata: readonly (readonly number[])[],
  alternative: Alternative,
  exactLimit = EXACT_LIMIT,
): RankTestResult {
  strata.forEach((s, i) => checkFinite(`strata[${i}]`, s));
  const scored = strata
    .map((s) => s.filter((d) => d !== 0))
    .filter((s) => s.length > 0)
    .map((nonZero) => ({ nonZero, ...midRanks(nonZero.map(Math.abs)), weight: 1 / (nonZero.length + 1) }));
  const n = scored.reduce((acc, s) => acc + s.nonZero.length, 0);
  if (n === 0) return { statistic: 0, pValue: 1, exact: true, n };
  let statistic = 0;
  let mean = 0;
  let variance = 0;
  for (const s of scored) {
    s.nonZero.forEach((d, i) => {
      if (d > 0) statistic += s.weight * s.ranks[i];
      mean += (s.weight * s.ranks[i]) / 2;
      variance += (s.weight * s.ranks[i]) ** 2 / 4;
    });
  }
  if (n <= exactLimit) {
    // Doubled mid-ranks are whole numbers; scaled by a common multiple of every 2(n + 1) the
    // weighted scores are too, and the sign flips can be counted exactly, ties included.
    const scale = lcm(scored.map((s) => 2 * (s.nonZero.length + 1)));
    const scoresOf = (s: (typeof scored)[number]) =>
      s.ranks.map((r) => (Math.round(2 * r) * scale) / (2 * (s.nonZero.length + 1)));
    const scores = scored.flatMap(scoresOf);
    if (scores.reduce((a, b) => a + b, 0) <= EXACT_SUPPORT_LIMIT) {
      const counts = subsetSumCounts(scores);
      const observed = scored.reduce((acc, s) => {
        const own = scoresOf(s);
        return acc + s.nonZero.reduce((sum, d, i) => (d > 0 ? sum + own[i] : sum), 0);
      }, 0);
      const probabilities = counts.map((c) => c / 2 ** n);
      return {
        statistic,
        pValue: tailProbability(probabilities, observed, alternative),
        exact: true,
        n,
      };
    }
  }
  const correction = 0.5 * Math.min(...scored.map((s) => s.weight));
  return {
    statistic,
    pValue: normalTail(statistic, mean, Math.sqrt(variance), correction, alternative),
    exact: false,
    n,
  };
}

/** The stratified Hodges–Lehmann estimate: the weighted median of all within-stratum Walsh averages. */
export function stratifiedHodgesLehmann(strata: readonly (readonly number[])[]): number {
  return walshPoints(strata).median();
}

/**
 * The two-sided interval of the common shift that inverts the stratified signed-rank test (no-ties
 * null distribution, as the one-stratum interval). Infinite ends when the data cannot reach the level.
 */
export function stratifiedSignedRankInterval(
  strata: readonly (readonly number[])[],
  level = 0.95,
  exactLimit = EXACT_LIMIT,
): [number, number] {
  strata.forEach((s, i) => checkFinite(`strata[${i}]`, s));
  checkLevel(level);
  const sizes = strata.map((s) => s.length).filter((n) => n > 0);
  if (sizes.length === 0) throw new Error('Invalid strata for a signed-rank interval: all are empty.');
  const tail = (1 - level) / 2;
  const total = sizes.reduce((a, b) => a + b, 0);
  let critical: number;
  if (total <= exactLimit) {
    const scale = lcm(sizes.map((n) => n + 1));
    const scores = sizes.flatMap((n) => Array.from({ length: n }, (_, i) => ((i + 1) * scale) / (n + 1)));
    if (scores.reduce((a, b) => a + b, 0) <= EXACT_SUPPORT_LIMIT) {
      const counts = subsetSumCounts(scores);
      critical = upperCritical(
        counts.map((c) => c / 2 ** total),
        tail,
      );
      return walshPoints(strata).interval(critical / scale);
    }
  }
  const mean = sizes.reduce((acc, n) => acc + n / 4, 0);
  const variance = sizes.reduce((acc, n) => acc + (n * (2 * n + 1)) / (24 * (n + 1)), 0);
  const correction = 0.5 / (Math.max(...sizes) + 1);
  critical = mean + normalQuantile(1 - tail) * Math.sqrt(variance) + correction;
  return walshPoints(strata).interval(critical);
}

/**
 * Van Elteren's stratified Wilcoxon–Mann–Whitney test of H0 "in every stratum x and y come from
 * the same distribution": T = sum over strata of U / (m + n + 1), U counting pairs with y above x
 * (ties 1/2). Exact when no stratum has ties or more than `exactLimit` values per side; otherwise
 * normal with tie-corrected variances.
 */
export function stratifiedRankSumTest(
  strata: readonly UnpairedStratum[],
  alternative: Alternative,
  exactLimit = EXACT_LIMIT,
): RankTestResult {
  const used = checkedUnpaired(strata);
  let statistic = 0;
  let mean = 0;
  let variance = 0;
  let untied = true;
  const parts = used.map(({ x, y }) => {
    const m = x.length;
    const n = y.length;
    const total = m + n;
    const { ranks, tieGroups } = midRanks([...x, ...y]);
    let rankSumY = 0;
    for (let j = 0; j < n; j++) rankSumY += ranks[m + j];
    const u = rankSumY - (n * (n + 1)) / 2;
    const weight = 1 / (total + 1);
    const tieTerm = tieGroups.reduce((acc, t) => acc + (t ** 3 - t), 0) / (total * (total - 1) || 1);
    statistic += weight * u;
    mean += (weight * m * n) / 2;
    variance += weight ** 2 * ((m * n) / 12) * (total + 1 - tieTerm);
    if (tieGroups.some((t) => t > 1)) untied = false;
    return { m, n, u };
  });
  const n = parts.reduce((acc, p) => acc + p.m + p.n, 0);
  if (untied && parts.every((p) => p.m <= exactLimit && p.n <= exactLimit)) {
    const exact = exactRankSumNull(parts);
    if (exact) {
      const observed = parts.reduce((acc, p) => acc + (p.u * exact.scale) / (p.m + p.n + 1), 0);
      return {
        statistic,
        pValue: tailProbability(exact.probabilities, observed, alternative),
        exact: true,
        n,
      };
    }
  }
  const correction = 0.5 * Math.min(...parts.map((p) => 1 / (p.m + p.n + 1)));
  return {
    statistic,
    pValue: normalTail(statistic, mean, Math.sqrt(variance), correction, alternative),
    exact: false,
    n,
  };
}

/** The stratified two-sample Hodges–Lehmann shift: the weighted median of within-stratum y - x. */
export function stratifiedHodgesLehmannShift(strata: readonly UnpairedStratum[]): number {
  return differencePoints(checkedUnpaired(strata)).median();
}

/** The two-sided interval of the common shift of y over x that inverts van Elteren's test. */
export function stratifiedRankSumInterval(
  strata: readonly UnpairedStratum[],
  level = 0.95,
  exactLimit = EXACT_LIMIT,
): [number, number] {
  const used = checkedUnpaired(strata);
  checkLevel(level);
  const tail = (1 - level) / 2;
  const points = differencePoints(used);
  const parts = used.map(({ x, y }) => ({ m: x.length, n: y.length }));
  if (parts.every((p) => p.m <= exactLimit && p.n <= exactLimit)) {
    const exact = exactRankSumNull(parts);
    if (exact) return points.interval(upperCritical(exact.probabilities, tail) / exact.scale);
  }
  let mean = 0;
  let variance = 0;
  for (const { m, n } of parts) {
    mean += (m * n) / (2 * (m + n + 1));
    variance += (m * n) / (12 * (m + n + 1));
  }
  const correction = 0.5 * Math.min(...parts.map((p) => 1 / (p.m + p.n + 1)));
  return points.interval(mean + normalQuantile(1 - tail) * Math.sqrt(variance) + correction);
}

// ---- internals -------------------------------------------------------------------------------

function checkedUnpaired(strata: readonly UnpairedStratum[]): UnpairedStratum[] {
  strata.forEach((s, i) => {
    checkFinite(`strata[${i}].x`, s.x);
    checkFinite(`strata[${i}].y`, s.y);
  });
  const used = strata.filter((s) => s.x.length > 0 && s.y.length > 0);
  if (used.length === 0)
    throw new Error('Invalid strata for a rank-sum test: none has values on both sides.');
  return used;
}

function walshPoints(strata: readonly (readonly number[])[]): WeightedPoints {
  return new WeightedPoints(
    strata
      .filter((s) => s.length > 0)
      .map((s) => ({ sorted: sortedArray(walshAverages(s)), weight: 1 / (s.length + 1) })),
  );
}

function differencePoints(strata: readonly UnpairedStratum[]): WeightedPoints {
  return new WeightedPoints(
    strata.map(({ x, y }) => ({
      sorted: sortedArray(pairwiseDifferences(x, y)),
      weight: 1 / (x.length + y.length + 1),
    })),
  );
}
