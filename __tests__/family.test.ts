import { describe, expect, it } from '@jest/globals';
import { createRng } from '../src/base/rng.js';
import {
  familyWeights,
  holmRejections,
  MATRIX_SHARE,
  weightedHolmRejections,
} from '../src/analysis/family.js';

const ALPHA = 0.05;

describe('weightedHolmRejections', () => {
  it('rejects in the order of p / weight, each against alpha * weight / (weights left)', () => {
    // p/w: 0.004, 0.016, 0.04. 0.001 <= 0.05 * 0.25 / 1; 0.004 <= 0.05 * 0.25 / 0.75;
    // 0.02 <= 0.05 * 0.5 / 0.5.
    expect(weightedHolmRejections([0.02, 0.001, 0.004], [0.5, 0.25, 0.25], ALPHA)).toEqual([
      true,
      true,
      true,
    ]);
    // p/w: 0.08, 0.004, 0.12. 0.001 passes; then 0.04 fails 0.05 * 0.5 / 0.75 = 0.033 and the
    // procedure stops before reaching 0.03.
    expect(weightedHolmRejections([0.04, 0.001, 0.03], [0.5, 0.25, 0.25], ALPHA)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('is plain Holm with equal weights', () => {
    const rng = createRng(1);
    for (let t = 0; t < 50; t++) {
      const p = Array.from({ length: 6 }, () => rng.nextFloat() * 0.1);
      expect(weightedHolmRejections(p, [1, 1, 1, 1, 1, 1], ALPHA)).toEqual(holmRejections(p, ALPHA));
    }
  });

  it('refuses weights that do not fit', () => {
    expect(() => weightedHolmRejections([0.1], [1, 2], ALPHA)).toThrow(/2 weights for 1 p-values/);
    expect(() => weightedHolmRejections([0.1, 0.2], [1, 0], ALPHA)).toThrow(/Invalid weight 0 at 1/);
  });
});

describe('the gate family: all cells, then each cell', () => {
  it('gives the all-cells test half of alpha and the cells the other half', () => {
    expect(MATRIX_SHARE).toBe(0.5);
    expect(familyWeights(4, true)).toEqual([0.5, 0.125, 0.125, 0.125, 0.125]);
    expect(familyWeights(3, false)).toEqual([1, 1, 1]);
  });

  it('tests the cells as plain Holm at the full alpha once the all-cells test has rejected', () => {
    const cells = [0.02, 0.03, 0.011, 0.4];
    const withMatrix = weightedHolmRejections([0.01, ...cells], familyWeights(4, true), ALPHA);
    expect(withMatrix[0]).toBe(true);
    expect(withMatrix.slice(1)).toEqual(holmRejections(cells, ALPHA));
  });

  it('still lets a cell with a strong signal through when the all-cells test does not reject', () => {
    // A lone allocator-specific regression: 0.005 <= 0.05 * 0.125; then the all-cells p 0.3
    // fails 0.05 * 0.5 / 0.875 and everything stops.
    const rejected = weightedHolmRejections([0.3, 0.005, 0.5, 0.6, 0.7], familyWeights(4, true), ALPHA);
    expect(rejected).toEqual([false, true, false, false, false]);
    // The price of the split: a cell at p = 0.01 passes plain Holm over 4 cells (0.05 / 4) but
    // not its share here (0.05 / 8) while the all-cells test has not rejected.
    expect(weightedHolmRejections([0.3, 0.01, 0.5, 0.6, 0.7], familyWeights(4, true), ALPHA)[1]).toBe(false);
    expect(holmRejections([0.01, 0.5, 0.6, 0.7], ALPHA)[0]).toBe(true);
  });

  it('flags anything at all in at most alpha of A/A trials (independent uniform p-values)', () => {
    const rng = createRng(2);
    const trials = 20_000;
    let any = 0;
    for (let t = 0; t < trials; t++) {
      const p = Array.from({ length: 9 }, () => rng.nextFloat());
      if (weightedHolmRejections(p, familyWeights(8, true), ALPHA).some(Boolean)) any++;
    }
    // Bonferroni's bound is alpha; the exact rate for 9 independent tests is just below it.
    // Binomial sd over 20000 trials: 0.15%.
    expect(any / trials).toBeLessThan(0.054);
    expect(any / trials).toBeGreaterThan(0.044);
  });
});
