// Null distributions of the stratified rank statistics: exact ones over integer-scaled scores,
// the normal tail, and the critical values that the intervals invert.
import { normalCdf, normalSurvival } from './normal.js';
import { rankSumDistribution, type Alternative } from './rank-tests.js';

/** The exact distribution is built only when its support stays below this many points. */
export const EXACT_SUPPORT_LIMIT = 4_000_000;

/**
 * The null distribution of van Elteren's T without ties, as probabilities over T * scale (an
 * integer): the convolution of each stratum's Mann–Whitney distribution. Undefined when too large.
 */
export function exactRankSumNull(
  parts: readonly { m: number; n: number }[],
): { probabilities: Float64Array; scale: number } | undefined {
  const scale = lcm(parts.map((p) => p.m + p.n + 1));
  const support = parts.reduce((acc, p) => acc + (p.m * p.n * scale) / (p.m + p.n + 1), 0);
  if (support > EXACT_SUPPORT_LIMIT) return undefined;
  let probabilities = Float64Array.of(1);
  for (const { m, n } of parts) {
    const step = scale / (m + n + 1);
    const stratum = rankSumDistribution(m, n);
    const next = new Float64Array(probabilities.length + (stratum.length - 1) * step);
    for (let a = 0; a < probabilities.length; a++) {
      if (probabilities[a] === 0) continue;
      for (let u = 0; u < stratum.length; u++) next[a + u * step] += probabilities[a] * stratum[u];
    }
    probabilities = next;
  }
  return { probabilities, scale };
}

/** P(T >= observed) or P(T <= observed) from probabilities over integer support. */
export function tailProbability(
  probabilities: ArrayLike<number>,
  observed: number,
  alternative: Alternative,
): number {
  const at = Math.round(observed);
  let tail = 0;
  for (let s = 0; s < probabilities.length; s++) {
    if (alternative === 'greater' ? s >= at : s <= at) tail += probabilities[s];
  }
  return Math.min(1, tail);
}

/** The smallest c with P(T >= c) <= alpha; one past the support when even the maximum exceeds it. */
export function upperCritical(probabilities: ArrayLike<number>, alpha: number): number {
  let tail = 0;
  for (let c = probabilities.length - 1; c >= 0; c--) {
    // A relative slack keeps P exactly equal to alpha on the rejecting side.
    if (tail + probabilities[c] > alpha * (1 + 1e-12)) return c + 1;
    tail += probabilities[c];
  }
  return 0;
}

export function normalTail(
  statistic: number,
  mean: number,
  sd: number,
  correction: number,
  alternative: Alternative,
): number {
  if (sd === 0) return 1;
  return alternative === 'greater'
    ? normalSurvival((statistic - mean - correction) / sd)
    : normalCdf((statistic - mean + correction) / sd);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function lcm(values: readonly number[]): number {
  return values.reduce((acc, v) => (acc / gcd(acc, v)) * v, 1);
}
