// How the gate shares its false-alarm rate (alpha) between its tests. Every direction (slower,
// faster) is one family: the all-cells test and one test per cell. Pure.
//
// The family is tested with Holm's weighted, sequentially rejective Bonferroni procedure: each
// test holds a share of alpha, and a test that rejects hands its share on to the ones left, in
// proportion to their shares. The all-cells test holds half of alpha and the cells share the other
// half; so once the all-cells test has proven a regression, the cells are tested exactly as by
// plain Holm at the full alpha. The procedure is a closed test of weighted Bonferroni tests, so
// the chance that anything at all is flagged when nothing changed stays at most alpha, whichever
// cells changed and whichever did not.

/** The share of alpha the all-cells (matrix) test holds before any test has rejected. */
export const MATRIX_SHARE = 0.5;

/**
 * Holm's step-down procedure: sort p ascending and reject while p_(i) <= alpha / (m - i + 1)
 * (i from 1); everything after the first non-rejection stands. Returns, per input, rejected?
 */
export function holmRejections(pValues: readonly number[], alpha: number): boolean[] {
  return weightedHolmRejections(
    pValues,
    pValues.map(() => 1),
    alpha,
  );
}

/**
 * Holm's weighted procedure: while some test is left, take the one with the smallest p / weight;
 * reject it when p <= alpha * weight / (sum of the weights still left), else stop. Weights are
 * relative (only their ratios matter) and must be positive.
 */
export function weightedHolmRejections(
  pValues: readonly number[],
  weights: readonly number[],
  alpha: number,
): boolean[] {
  if (weights.length !== pValues.length)
    throw new Error(
      `Invalid weights: ${weights.length} weights for ${pValues.length} p-values; expected one per p-value.`,
    );
  const bad = weights.findIndex((w) => !(w > 0 && Number.isFinite(w)));
  if (bad >= 0)
    throw new Error(`Invalid weight ${String(weights[bad])} at ${bad}: expected a positive number.`);
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] / weights[a] - pValues[b] / weights[b]);
  const rejected = pValues.map(() => false);
  let left = weights.reduce((a, b) => a + b, 0);
  for (const index of order) {
    if (pValues[index] > (alpha * weights[index]) / left) break;
    rejected[index] = true;
    left -= weights[index];
  }
  return rejected;
}

/**
 * The weights of one direction's family: the all-cells test first (when there is one), then one
 * weight per cell. With a single cell there is nothing to pool and the cell holds all of alpha.
 */
export function familyWeights(cells: number, withMatrix: boolean): number[] {
  if (!withMatrix) return Array.from({ length: cells }, () => 1);
  return [MATRIX_SHARE, ...Array.from({ length: cells }, () => (1 - MATRIX_SHARE) / cells)];
}
