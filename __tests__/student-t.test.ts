import { describe, expect, it } from '@jest/globals';
import { studentCdf, studentQuantile } from '../src/analysis/student-t.js';

// Two-sided 95% and 99% critical values from published t tables.
const TABLE: [number, number, number][] = [
  [1, 12.706, 63.657],
  [2, 4.303, 9.925],
  [3, 3.182, 5.841],
  [4, 2.776, 4.604],
  [5, 2.571, 4.032],
  [6, 2.447, 3.707],
  [7, 2.365, 3.499],
  [10, 2.228, 3.169],
  [30, 2.042, 2.75],
];

describe('Student t', () => {
  it.each(TABLE)('matches the table at %i degrees of freedom', (df, q975, q995) => {
    expect(studentQuantile(0.975, df)).toBeCloseTo(q975, 2);
    expect(studentQuantile(0.995, df)).toBeCloseTo(q995, 2);
    expect(studentCdf(q975, df)).toBeCloseTo(0.975, 4);
  });

  it('is symmetric about 0 and tends to the normal distribution', () => {
    expect(studentCdf(0, 3)).toBe(0.5);
    expect(studentCdf(-1.3, 5)).toBeCloseTo(1 - studentCdf(1.3, 5), 12);
    expect(studentQuantile(0.1, 4)).toBeCloseTo(-studentQuantile(0.9, 4), 9);
    expect(studentQuantile(0.975, 5000)).toBeCloseTo(1.96, 2);
    expect(studentCdf(Infinity, 2)).toBe(1);
    expect(studentCdf(-Infinity, 2)).toBe(0);
  });

  it('rejects what has no meaning', () => {
    expect(() => studentCdf(1, 0)).toThrow(/degrees of freedom 0/);
    expect(() => studentCdf(1, 2.5)).toThrow(/degrees of freedom 2.5/);
    expect(() => studentQuantile(1, 3)).toThrow(/probability 1/);
    expect(() => studentCdf(Number.NaN, 3)).toThrow(/NaN/);
  });
});
