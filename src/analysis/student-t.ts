// Student's t distribution with a whole number of degrees of freedom, for prediction intervals
// built from a handful of stored runs. Exact, from the closed forms for integer df (Abramowitz
// and Stegun 26.7.3 and 26.7.4): with θ = atan(x / √df), P(|T| ≤ x) is a short sum in sin θ and
// cos θ. Pure.
import { normalQuantile } from './normal.js';

/** Above this many degrees of freedom the t distribution is the normal one to ~1e-4. */
const NORMAL_DF = 10_000;

function checkDf(df: number): void {
  if (!Number.isInteger(df) || df < 1)
    throw new Error(`Invalid degrees of freedom ${String(df)}: expected a positive integer.`);
}

/** P(|T| ≤ x) for x ≥ 0. */
function centralProbability(x: number, df: number): number {
  const theta = Math.atan(x / Math.sqrt(df));
  const sin = Math.sin(theta);
  const cos = Math.cos(theta);
  const cos2 = cos * cos;
  if (df % 2 === 0) {
    // sin θ (1 + 1/2 cos²θ + (1·3)/(2·4) cos⁴θ + ...), up to cos^(df-2) θ
    let term = 1;
    let sum = 1;
    for (let j = 1; j <= (df - 2) / 2; j++) {
      term *= (cos2 * (2 * j - 1)) / (2 * j);
      sum += term;
    }
    return sin * sum;
  }
  if (df === 1) return (2 * theta) / Math.PI;
  // 2/π (θ + sin θ (cos θ + 2/3 cos³θ + (2·4)/(3·5) cos⁵θ + ...)), up to cos^(df-2) θ
  let term = cos;
  let sum = cos;
  for (let j = 1; j <= (df - 3) / 2; j++) {
    term *= (cos2 * 2 * j) / (2 * j + 1);
    sum += term;
  }
  return (2 / Math.PI) * (theta + sin * sum);
}

/** P(T ≤ x) for Student's t with `df` degrees of freedom. */
export function studentCdf(x: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(x)) throw new Error('Invalid t value NaN.');
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const half = Math.min(1, Math.max(0, centralProbability(Math.abs(x), Math.min(df, NORMAL_DF)))) / 2;
  return x >= 0 ? 0.5 + half : 0.5 - half;
}

/** The p-quantile of Student's t with `df` degrees of freedom (0 < p < 1). */
export function studentQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p > 0 && p < 1)) throw new Error(`Invalid probability ${String(p)}: expected 0 < p < 1.`);
  if (df >= NORMAL_DF) return normalQuantile(p);
  if (p < 0.5) return -studentQuantile(1 - p, df);
  if (p === 0.5) return 0;
  let high = 1;
  while (studentCdf(high, df) < p) high *= 2;
  let low = 0;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (studentCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
