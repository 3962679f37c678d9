import { describe, expect, it } from '@jest/globals';
import { createRng, type Rng } from '../src/base/rng.js';
import {
  hodgesLehmann,
  hodgesLehmannShift,
  rankSumInterval,
  rankSumTest,
  signedRankInterval,
  signedRankTest,
} from '../src/analysis/rank-tests.js';
import {
  stratifiedHodgesLehmann,
  stratifiedHodgesLehmannShift,
  stratifiedRankSumInterval,
  stratifiedRankSumTest,
  stratifiedSignedRankInterval,
  stratifiedSignedRankTest,
  type UnpairedStratum,
} from '../src/analysis/stratified.js';

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
}

function sample(rng: Rng, n: number, shift = 0): number[] {
  return Array.from({ length: n }, () => shift + gaussian(rng));
}

/** The stratified signed-rank statistic straight from its definition (no ties, no zeros). */
function signedStatistic(strata: number[][]): number {
  let t = 0;
  for (const s of strata) {
    const magnitudes = s.map(Math.abs).sort((a, b) => a - b);
    for (const d of s) if (d > 0) t += (magnitudes.indexOf(Math.abs(d)) + 1) / (s.length + 1);
  }
  return t;
}

/** P(T >= observed) by flipping every sign: 2^n assignments. */
function bruteForceSigned(strata: number[][]): number {
  const flat = strata.flatMap((s, k) => s.map((d) => ({ k, d })));
  const observed = signedStatistic(strata);
  let count = 0;
  for (let mask = 0; mask < 2 ** flat.length; mask++) {
    const flipped = strata.map(() => [] as number[]);
    flat.forEach(({ k, d }, i) => flipped[k].push(mask & (1 << i) ? -d : d));
    if (signedStatistic(flipped) >= observed - 1e-9) count++;
  }
  return count / 2 ** flat.length;
}

/** Every way of choosing which values of each stratum are the y's: P(T >= observed). */
function bruteForceRankSum(strata: UnpairedStratum[]): number {
  const statistic = (parts: UnpairedStratum[]) =>
    parts.reduce((acc, { x, y }) => {
      let u = 0;
      for (const b of y) for (const a of x) u += b > a ? 1 : 0;
      return acc + u / (x.length + y.length + 1);
    }, 0);
  const observed = statistic(strata);
  const splits = (s: UnpairedStratum): UnpairedStratum[] => {
    const pooled = [...s.x, ...s.y];
    const out: UnpairedStratum[] = [];
    for (let mask = 0; mask < 2 ** pooled.length; mask++) {
      const y = pooled.filter((_, i) => mask & (1 << i));
      if (y.length === s.y.length) out.push({ x: pooled.filter((_, i) => !(mask & (1 << i))), y });
    }
    return out;
  };
  let combos: UnpairedStratum[][] = [[]];
  for (const s of strata) combos = combos.flatMap((c) => splits(s).map((split) => [...c, split]));
  return combos.filter((c) => statistic(c) >= observed - 1e-9).length / combos.length;
}

describe('stratifiedSignedRankTest', () => {
  it('matches a hand-computed case: strata of 2 and 3, T = 3/3 + 5/4, p = 2/32', () => {
    // Ranks within [0.1, 0.2]: 1, 2 (weight 1/3); within [0.3, -0.1, 0.4]: 2, 1, 3 (weight 1/4).
    // Scaled by 12 the scores are 4, 8 and 6, 3, 9 (sum 30); T*12 = 27, and only the empty set
    // and {3} leave at most 3 out: 2 of 32 sign assignments reach 27.
    const result = stratifiedSignedRankTest(
      [
        [0.1, 0.2],
        [0.3, -0.1, 0.4],
      ],
      'greater',
    );
    expect(result).toEqual({ statistic: 2.25, pValue: 2 / 32, exact: true, n: 5 });
    const less = stratifiedSignedRankTest(
      [
        [0.1, 0.2],
        [0.3, -0.1, 0.4],
      ],
      'less',
    );
    expect(less.pValue).toBe(31 / 32);
  });

  it('is the exact permutation distribution, checked by flipping every sign', () => {
    const rng = createRng(11);
    for (const sizes of [[3, 4], [2, 5, 3], [6], [1, 2, 3, 4]]) {
      const strata = sizes.map((n) => sample(rng, n, 0.3));
      expect(stratifiedSignedRankTest(strata, 'greater').pValue).toBeCloseTo(bruteForceSigned(strata), 12);
    }
  });

  it('is the plain signed-rank test for a single stratum, exact and approximate, with ties and zeros', () => {
    const rng = createRng(12);
    for (const n of [8, 30, 80]) {
      const values = sample(rng, n, 0.2).map((v) => Math.round(v * 4) / 4);
      for (const alternative of ['greater', 'less'] as const) {
        const plain = signedRankTest(values, alternative);
        const stratified = stratifiedSignedRankTest([values], alternative);
        expect(stratified.pValue).toBeCloseTo(plain.pValue, 10);
        expect(stratified.n).toBe(plain.n);
      }
    }
  });

  it('drops zeros and empty strata, and says p = 1 when nothing is left', () => {
    expect(stratifiedSignedRankTest([[0, 0], []], 'greater')).toEqual({
      statistic: 0,
      pValue: 1,
      exact: true,
      n: 0,
    });
    expect(stratifiedSignedRankTest([[0, 0.5, 0.7], []], 'greater').pValue).toBe(1 / 4);
  });

  it('rejects non-finite values, naming the stratum', () => {
    expect(() => stratifiedSignedRankTest([[1], [Number.NaN]], 'greater')).toThrow(/strata\[1\]\[0\] = NaN/);
  });
});

describe('stratified Hodges–Lehmann estimates', () => {
  it('takes the weighted median of the within-stratum Walsh averages', () => {
    // [1, 3] has Walsh averages 1, 2, 3 (weight 1/3 each), [10] has 10 (weight 1/2): the total
    // weight 1.5 is half reached at 3.
    expect(stratifiedHodgesLehmann([[1, 3], [10]])).toBe(3);
    // Equal weights that split exactly between two points average them, as a median does.
    expect(stratifiedHodgesLehmann([[1], [2]])).toBe(1.5);
  });

  it('is the plain estimate for one stratum', () => {
    const rng = createRng(13);
    for (const n of [5, 10, 41]) {
      const values = sample(rng, n);
      expect(stratifiedHodgesLehmann([values])).toBeCloseTo(hodgesLehmann(values), 12);
      const y = sample(rng, n + 3, 1);
      expect(stratifiedHodgesLehmannShift([{ x: values, y }])).toBeCloseTo(hodgesLehmannShift(values, y), 12);
    }
  });

  it('takes the weighted median of the within-stratum differences when unpaired', () => {
    // Differences 2, 1 and -1, 1, all of weight 1/4: the median of -1, 1, 1, 2 is 1.
    expect(
      stratifiedHodgesLehmannShift([
        { x: [1, 2], y: [3] },
        { x: [5], y: [4, 6] },
      ]),
    ).toBe(1);
  });
});

describe('stratifiedSignedRankInterval', () => {
  it('is the plain interval for one stratum', () => {
    const rng = createRng(14);
    for (const n of [6, 10, 25, 60]) {
      const values = sample(rng, n, 0.5);
      for (const level of [0.9, 0.95]) {
        const [lo, hi] = stratifiedSignedRankInterval([values], level);
        const [plo, phi] = signedRankInterval(values, level);
        expect(lo).toBeCloseTo(plo, 12);
        expect(hi).toBeCloseTo(phi, 12);
      }
    }
  });

  it('holds the shifts the test does not reject (duality), across several strata', () => {
    const rng = createRng(15);
    for (const sizes of [
      [4, 5],
      [10, 12, 9],
      [20, 20, 20, 20],
    ]) {
      const strata = sizes.map((n) => sample(rng, n, 0.4));
      const [lo, hi] = stratifiedSignedRankInterval(strata, 0.9);
      const p = (shift: number, alternative: 'greater' | 'less') =>
        stratifiedSignedRankTest(
          strata.map((s) => s.map((d) => d - shift)),
          alternative,
        ).pValue;
      const eps = 1e-9;
      expect(p(lo - eps, 'greater')).toBeLessThanOrEqual(0.05 + 1e-3);
      expect(p(lo + eps, 'greater')).toBeGreaterThan(0.05 - 1e-3);
      expect(p(hi + eps, 'less')).toBeLessThanOrEqual(0.05 + 1e-3);
      expect(p(hi - eps, 'less')).toBeGreaterThan(0.05 - 1e-3);
      expect(lo).toBeLessThan(stratifiedHodgesLehmann(strata));
      expect(hi).toBeGreaterThan(stratifiedHodgesLehmann(strata));
    }
  });

  it('is unbounded when the data cannot reach the level', () => {
    expect(stratifiedSignedRankInterval([[1, 2], [3]], 0.95)).toEqual([-Infinity, Infinity]);
  });
});

describe('stratifiedRankSumTest (van Elteren)', () => {
  it('matches a hand-computed case: U = 2 and 1 over strata of 3, p = 3/9', () => {
    // Each stratum's U is uniform on {0, 1, 2}; T = (U1 + U2) / 4 = 3/4 is reached by (1,2),
    // (2,1) and (2,2).
    const strata = [
      { x: [1, 2], y: [3] },
      { x: [5], y: [4, 6] },
    ];
    const result = stratifiedRankSumTest(strata, 'greater');
    expect(result.statistic).toBe(0.75);
    expect(result.exact).toBe(true);
    expect(result.pValue).toBeCloseTo(3 / 9, 14);
  });

  it('is the exact permutation distribution, checked by enumerating every split', () => {
    const rng = createRng(16);
    for (const sizes of [
      [
        [2, 3],
        [3, 2],
      ],
      [
        [1, 4],
        [2, 2],
        [3, 1],
      ],
    ]) {
      const strata = sizes.map(([m, n]) => ({ x: sample(rng, m), y: sample(rng, n, 0.5) }));
      expect(stratifiedRankSumTest(strata, 'greater').pValue).toBeCloseTo(bruteForceRankSum(strata), 12);
    }
  });

  it('is the plain rank-sum test for one stratum, exact and with ties', () => {
    const rng = createRng(17);
    for (const [m, n, round] of [
      [8, 9, false],
      [30, 25, true],
      [60, 70, false],
    ] as const) {
      const tidy = (v: number) => (round ? Math.round(v * 2) / 2 : v);
      const x = sample(rng, m).map(tidy);
      const y = sample(rng, n, 0.3).map(tidy);
      for (const alternative of ['greater', 'less'] as const) {
        expect(stratifiedRankSumTest([{ x, y }], alternative).pValue).toBeCloseTo(
          rankSumTest(x, y, alternative).pValue,
          10,
        );
      }
      const [lo, hi] = stratifiedRankSumInterval([{ x, y }], 0.9);
      const [plo, phi] = rankSumInterval(x, y, 0.9);
      expect(lo).toBeCloseTo(plo, 12);
      expect(hi).toBeCloseTo(phi, 12);
    }
  });

  it('needs values on both sides of some stratum', () => {
    expect(() => stratifiedRankSumTest([{ x: [], y: [1] }], 'greater')).toThrow(
      /none has values on both sides/,
    );
  });
});

describe('A/A: the stratified tests hold their level', () => {
  it('rejects about alpha of the time when nothing changed (8 strata, paired and unpaired)', () => {
    const rng = createRng(18);
    const trials = 400;
    let paired = 0;
    let unpaired = 0;
    for (let t = 0; t < trials; t++) {
      const strata = Array.from({ length: 8 }, (_, k) => sample(rng, 10 + (k % 3)));
      if (stratifiedSignedRankTest(strata, 'greater').pValue <= 0.05) paired++;
      const twoSided = Array.from({ length: 8 }, () => ({ x: sample(rng, 10), y: sample(rng, 12) }));
      if (stratifiedRankSumTest(twoSided, 'greater').pValue <= 0.05) unpaired++;
    }
    // Binomial sd of the rate over 400 trials: 1.1%.
    for (const rate of [paired / trials, unpaired / trials]) {
      expect(rate).toBeGreaterThan(0.02);
      expect(rate).toBeLessThan(0.08);
    }
  });
});
