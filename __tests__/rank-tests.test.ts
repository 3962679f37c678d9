import { describe, expect, it } from '@jest/globals';
import { normalCdf, normalQuantile } from '../src/analysis/normal.js';
import {
  hodgesLehmann,
  hodgesLehmannShift,
  rankSumInterval,
  rankSumTest,
  signedRankInterval,
  signedRankTest,
} from '../src/analysis/rank-tests.js';
import { createRng } from '../src/base/rng.js';

/** Brute force: the one-sided p-value of T+ over all 2^n sign assignments of the given mid-ranks. */
function enumeratedSignedRankP(ranks: number[], observed: number, alternative: 'greater' | 'less'): number {
  let hits = 0;
  const total = 2 ** ranks.length;
  for (let mask = 0; mask < total; mask++) {
    let t = 0;
    ranks.forEach((r, i) => {
      if (mask & (1 << i)) t += r;
    });
    if (alternative === 'greater' ? t >= observed - 1e-9 : t <= observed + 1e-9) hits++;
  }
  return hits / total;
}

function noisy(rng: ReturnType<typeof createRng>, n: number, shift = 0): number[] {
  return Array.from({ length: n }, () => shift + Math.log(rng.nextFloat() + 1e-9) * -1 - 1);
}

describe('normal distribution', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.841344746068543, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.00134989803163, 13);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 9);
    // The ends, which an untested bound (±Infinity) reaches.
    expect([normalCdf(-Infinity), normalCdf(Infinity)]).toEqual([0, 1]);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644853626951472, 10);
  });
});

describe('Hodges–Lehmann estimators', () => {
  it('takes the median of the Walsh averages', () => {
    // Walsh averages: -1, -0.25, 0.5, 1.5, 0.5, 1.25, 2.25, 2, 3, 4 -> median (1.25 + 1.5) / 2
    expect(hodgesLehmann([-1, 0.5, 2, 4])).toBe(1.375);
    expect(hodgesLehmann([3])).toBe(3);
  });
  it('takes the median of the pairwise differences for a shift', () => {
    // y - x: 3, 2, 1, 5, 4, 3 -> median 3
    expect(hodgesLehmannShift([1, 2, 3], [4, 6])).toBe(3);
  });
});

describe('signedRankTest', () => {
  it('gives 1/1024 for ten positive differences', () => {
    const result = signedRankTest([0.3, 0.1, 0.5, 0.2, 0.9, 0.4, 0.7, 0.6, 0.8, 1.0], 'greater');
    expect(result).toEqual({ statistic: 55, pValue: 1 / 1024, exact: true, n: 10 });
    expect(signedRankTest([0.3, 0.1, 0.5, 0.2, 0.9, 0.4, 0.7, 0.6, 0.8, 1.0], 'less').pValue).toBe(1);
  });

  it('matches the table for n = 10: P(T+ <= 8) = 25/1024 (the two-sided 5% critical value), P(T+ <= 11) = 54/1024', () => {
    const signs = (positiveRanks: number[]) =>
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((r) => (positiveRanks.includes(r) ? r : -r));
    expect(signedRankTest(signs([1, 7]), 'less').pValue).toBe(25 / 1024);
    expect(signedRankTest(signs([1, 8]), 'less').pValue).toBe(33 / 1024);
    expect(signedRankTest(signs([3, 7]), 'less').pValue).toBe(43 / 1024);
    expect(signedRankTest(signs([1, 2, 8]), 'less').pValue).toBe(54 / 1024); // 11 subsets sum to 11
  });

  it('is exact with tied magnitudes (mid-ranks) and drops zeros', () => {
    const d = [1, 1, 2, -2, 3, 3, 3, -4, 0, 0];
    // magnitudes 1,1,2,2,3,3,3,4 -> mid-ranks 1.5,1.5,3.5,3.5,6,6,6,8; T+ = 1.5+1.5+3.5+6+6+6 = 24.5
    const ranks = [1.5, 1.5, 3.5, 3.5, 6, 6, 6, 8];
    const greater = signedRankTest(d, 'greater');
    expect(greater.statistic).toBe(24.5);
    expect(greater.n).toBe(8);
    expect(greater.pValue).toBeCloseTo(enumeratedSignedRankP(ranks, 24.5, 'greater'), 14);
    expect(signedRankTest(d, 'less').pValue).toBeCloseTo(enumeratedSignedRankP(ranks, 24.5, 'less'), 14);
    expect(signedRankTest([0, 0], 'greater').pValue).toBe(1);
  });

  it('agrees with the exact distribution in its normal approximation above 50 values', () => {
    const rng = createRng(5);
    for (const shift of [0, 0.2, 0.4]) {
      const d = noisy(rng, 60, shift);
      const approx = signedRankTest(d, 'greater');
      const exact = signedRankTest(d, 'greater', 100);
      expect(approx.exact).toBe(false);
      expect(exact.exact).toBe(true);
      expect(Math.abs(approx.pValue - exact.pValue)).toBeLessThan(0.003);
    }
  });

  it('rejects non-finite differences', () => {
    expect(() => signedRankTest([1, Number.NaN], 'greater')).toThrow(/Invalid differences\[1\] = NaN/);
  });
});

describe('signedRankInterval', () => {
  it('is [W(9), W(47)] of the 55 Walsh averages for n = 10 at 95% (critical value 8)', () => {
    const values = [0.3, -0.1, 0.5, 0.2, 0.9, 0.4, -0.7, 0.6, 0.8, 1.1];
    const walsh: number[] = [];
    values.forEach((a, i) => values.slice(i).forEach((b) => walsh.push((a + b) / 2)));
    walsh.sort((a, b) => a - b);
    expect(signedRankInterval(values)).toEqual([walsh[8], walsh[46]]);
  });

  it('is the set of centres the test does not reject (duality)', () => {
    const rng = createRng(8);
    for (const n of [8, 15, 30, 70]) {
      const d = noisy(rng, n, 0.1);
      const [lo, hi] = signedRankInterval(d, 0.9);
      const eps = 1e-9;
      // A one-sided 5% test on each side is a two-sided 90% interval.
      expect(
        signedRankTest(
          d.map((v) => v - (lo - eps)),
          'greater',
        ).pValue,
      ).toBeLessThanOrEqual(0.05 + 0.002);
      expect(
        signedRankTest(
          d.map((v) => v - (lo + eps)),
          'greater',
        ).pValue,
      ).toBeGreaterThan(0.05 - 0.002);
      expect(
        signedRankTest(
          d.map((v) => v - (hi + eps)),
          'less',
        ).pValue,
      ).toBeLessThanOrEqual(0.05 + 0.002);
      expect(
        signedRankTest(
          d.map((v) => v - (hi - eps)),
          'less',
        ).pValue,
      ).toBeGreaterThan(0.05 - 0.002);
      expect(lo).toBeLessThan(hodgesLehmann(d));
      expect(hi).toBeGreaterThan(hodgesLehmann(d));
    }
  });

  it('is unbounded when the sample cannot reach the level', () => {
    expect(signedRankInterval([1, 2, 3, 4, 5])).toEqual([-Infinity, Infinity]);
    expect(Number.isFinite(signedRankInterval([1, 2, 3, 4, 5, 6])[0])).toBe(true);
  });
});

describe('rankSumTest', () => {
  it('gives 1 / C(m+n, n) when every y is above every x', () => {
    expect(rankSumTest([1, 2, 3], [4, 5, 6], 'greater')).toEqual({
      statistic: 9,
      pValue: 1 / 20,
      exact: true,
      n: 6,
    });
    expect(rankSumTest([1, 2, 3, 4], [5, 6, 7, 8, 9], 'greater').pValue).toBeCloseTo(1 / 126, 15);
    expect(rankSumTest([1, 2, 3, 4], [5, 6, 7, 8, 9], 'less').pValue).toBeCloseTo(1, 12);
  });

  it('matches the table for m = n = 10: critical U 23 (two-sided 5%) and 27 (one-sided 5%)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // y_j sits above k_j of the x's, so U = sum of k_j.
    const yWithU = (ks: number[]) => ks.map((k, j) => k + 0.5 + j * 1e-6);
    const p = (ks: number[]) => rankSumTest(x, yWithU(ks), 'less').pValue;
    expect(p([0, 0, 0, 0, 0, 0, 0, 3, 10, 10])).toBeLessThanOrEqual(0.025); // U = 23
    expect(p([0, 0, 0, 0, 0, 0, 0, 4, 10, 10])).toBeGreaterThan(0.025); // U = 24
    expect(p([0, 0, 0, 0, 0, 0, 0, 7, 10, 10])).toBeLessThanOrEqual(0.05); // U = 27
    expect(p([0, 0, 0, 0, 0, 0, 0, 8, 10, 10])).toBeGreaterThan(0.05); // U = 28
  });

  it('falls back to the tie-corrected normal approximation with ties', () => {
    const result = rankSumTest([1, 2, 2, 3, 4], [2, 3, 5, 6, 7], 'greater');
    expect(result.exact).toBe(false);
    expect(result.statistic).toBe(20.5); // pairs with y above x (2 + 3.5 + 5 + 5 + 5), ties counting 1/2
    expect(result.pValue).toBeGreaterThan(0.02);
    expect(result.pValue).toBeLessThan(0.2);
  });
});

describe('rankSumInterval', () => {
  it('inverts the test and contains the Hodges–Lehmann shift', () => {
    const rng = createRng(21);
    for (const [m, n] of [
      [8, 8],
      [12, 20],
      [55, 60],
    ] as const) {
      const x = noisy(rng, m);
      const y = noisy(rng, n, 0.5);
      const [lo, hi] = rankSumInterval(x, y, 0.9);
      const eps = 1e-9;
      expect(
        rankSumTest(
          x,
          y.map((v) => v - (lo - eps)),
          'greater',
        ).pValue,
      ).toBeLessThanOrEqual(0.05 + 0.002);
      expect(
        rankSumTest(
          x,
          y.map((v) => v - (lo + eps)),
          'greater',
        ).pValue,
      ).toBeGreaterThan(0.05 - 0.002);
      expect(
        rankSumTest(
          x,
          y.map((v) => v - (hi + eps)),
          'less',
        ).pValue,
      ).toBeLessThanOrEqual(0.05 + 0.002);
      expect(lo).toBeLessThan(hodgesLehmannShift(x, y));
      expect(hi).toBeGreaterThan(hodgesLehmannShift(x, y));
    }
  });

  it('rejects empty samples', () => {
    expect(() => rankSumInterval([], [1])).toThrow(/sizes 0 and 1/);
  });
});
