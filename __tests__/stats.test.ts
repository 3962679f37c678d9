import { describe, expect, it } from '@jest/globals';
import type { RunRecord } from '../src/results/model.js';
import { createRng } from '../src/base/rng.js';
import {
  bootstrapMedianCi,
  mad,
  max,
  mean,
  measuredSamples,
  median,
  min,
  modifiedZScores,
  outlierIndices,
  quantileOfSorted,
  stddev,
  summarize,
  summarizeCell,
} from '../src/analysis/stats.js';

function normalDraw(rng: ReturnType<typeof createRng>): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
}

function run(partial: Partial<RunRecord>): RunRecord {
  return {
    kind: 'measured',
    round: 0,
    position: 0,
    outcome: 'exited',
    exitCode: 0,
    signal: null,
    wallMs: 100,
    userMs: 60,
    sysMs: 20,
    maxRssKiB: 5000,
    ...partial,
  };
}

describe('descriptive statistics', () => {
  it('computes the median of odd and even samples without reordering the input', () => {
    const input = [3, 1, 2];
    expect(median(input)).toBe(2);
    expect(input).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('computes mean, sample standard deviation, min and max', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(stddev(values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(stddev([3])).toBe(0);
    expect(min(values)).toBe(2);
    expect(max(values)).toBe(9);
  });

  it('computes the raw, unscaled MAD', () => {
    // median 2; absolute deviations 1,1,0,0,2,4,7 -> median 1
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(mad([10, 20, 30, 40])).toBe(10);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantileOfSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileOfSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileOfSorted([0, 10], 1)).toBe(10);
  });

  it.each([
    ['empty', []],
    ['NaN', [1, Number.NaN]],
    ['infinite', [1, Number.POSITIVE_INFINITY]],
  ])('rejects a %s sample', (_label, values) => {
    expect(() => median(values)).toThrow(/Invalid sample for median/);
    expect(() => summarize(values, 1)).toThrow(/Invalid sample for summary/);
  });
});

describe('outliers', () => {
  it('scores 0.6745 (x - median) / MAD', () => {
    // median 2, MAD 1
    expect(modifiedZScores([1, 1, 2, 2, 4, 6, 9])).toEqual(
      [-0.6745, -0.6745, 0, 0, 1.349, 2.698, 4.7215].map((z) => expect.closeTo(z, 10)),
    );
  });

  it('flags a slow sample and keeps it in the statistics', () => {
    const values = [10, 10.2, 9.9, 10.1, 10, 30];
    expect(outlierIndices(values)).toEqual([5]);
    const summary = summarize(values, 1);
    expect(summary.outliers).toEqual([5]);
    expect(summary.n).toBe(6);
    expect(summary.max).toBe(30);
    expect(summary.mean).toBeCloseTo(80.2 / 6, 12);
  });

  it('still scores a lone deviation when more than half the samples are equal (MAD = 0)', () => {
    const z = modifiedZScores([5, 5, 5, 5, 5, 5, 9]);
    // mean absolute deviation 4/7, so z = 4 / (1.253314 * 4/7)
    expect(z[6]).toBeCloseTo(7 / 1.253314, 10);
    expect(outlierIndices([5, 5, 5, 5, 5, 5, 9])).toEqual([6]);
    expect(outlierIndices([5, 5, 5, 5])).toEqual([]);
    expect(modifiedZScores([5, 5, 5])).toEqual([0, 0, 0]);
  });
});

describe('bootstrapMedianCi', () => {
  const rng = createRng(2024);
  const sample = Array.from({ length: 40 }, () => 100 * Math.exp(0.05 * normalDraw(rng)));

  it('contains the median, stays within the data and is reproducible per seed', () => {
    const [lo, hi] = bootstrapMedianCi(sample, 17);
    expect(lo).toBeLessThan(median(sample));
    expect(hi).toBeGreaterThan(median(sample));
    expect(lo).toBeGreaterThanOrEqual(min(sample));
    expect(hi).toBeLessThanOrEqual(max(sample));
    expect(bootstrapMedianCi(sample, 17)).toEqual([lo, hi]);
    expect(bootstrapMedianCi(sample, 18)).not.toEqual([lo, hi]);
  });

  it('is a point for a single value or a constant sample', () => {
    expect(bootstrapMedianCi([4], 1)).toEqual([4, 4]);
    expect(bootstrapMedianCi([4, 4, 4], 1)).toEqual([4, 4]);
  });

  it('widens with the level and with the noise', () => {
    const [lo90, hi90] = bootstrapMedianCi(sample, 3, { level: 0.9 });
    const [lo99, hi99] = bootstrapMedianCi(sample, 3, { level: 0.99 });
    expect(hi99 - lo99).toBeGreaterThan(hi90 - lo90);
    const noisier = sample.map((v) => 100 + 4 * (v - 100));
    const [a, b] = bootstrapMedianCi(sample, 3);
    const [c, d] = bootstrapMedianCi(noisier, 3);
    expect(d - c).toBeGreaterThan(b - a);
  });

  it('covers the true median in about 95% of samples', () => {
    const gen = createRng(99);
    let covered = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const values = Array.from({ length: 30 }, () => normalDraw(gen));
      const [lo, hi] = bootstrapMedianCi(values, t, { resamples: 500 });
      if (lo <= 0 && 0 <= hi) covered++;
    }
    // Binomial sd at 95% is 1.3%; the bootstrap of a median is a little liberal for n = 30.
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.995);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapMedianCi([1, 2], 1, { resamples: 0 })).toThrow(/Invalid bootstrap resamples 0/);
    expect(() => bootstrapMedianCi([1, 2], 1, { level: 1 })).toThrow(/Invalid confidence level 1/);
  });
});

describe('summarizeCell', () => {
  const records: RunRecord[] = [
    run({ kind: 'proof', round: -1, wallMs: 1 }),
    run({ kind: 'warmup', round: -1, wallMs: 2 }),
    run({ round: 0, wallMs: 100, userMs: 70, sysMs: 10, maxRssKiB: 4000 }),
    run({ round: 1, wallMs: 110, userMs: 80, sysMs: 20, maxRssKiB: 4100 }),
    run({ round: 2, wallMs: 500, outcome: 'exited', exitCode: 1 }),
    run({ round: 3, wallMs: 600, outcome: 'signaled', exitCode: null, signal: 9 }),
    run({ round: 4, wallMs: 120, userMs: 90, sysMs: 30, maxRssKiB: 4200 }),
  ];

  it('summarises every metric over successful measured runs only', () => {
    const summary = summarizeCell(records, 5)!;
    expect(summary.wall.n).toBe(3);
    expect(summary.wall.median).toBe(110);
    expect(summary.cpu.median).toBe(100); // user + sys of the middle run
    expect(summary.cpu.min).toBe(80);
    expect(summary.user.max).toBe(90);
    expect(summary.sys.mean).toBe(20);
    expect(summary.rss.median).toBe(4100);
    expect(summary.wall.ci95[0]).toBeGreaterThanOrEqual(100);
    expect(summary.wall.ci95[1]).toBeLessThanOrEqual(120);
  });

  it('is undefined when no measured run succeeded', () => {
    expect(summarizeCell(records.slice(0, 2), 5)).toBeUndefined();
    expect(summarizeCell([records[4], records[5]], 5)).toBeUndefined();
  });

  it('lists samples with their rounds for pairing', () => {
    expect(measuredSamples(records, 'cpu')).toEqual([
      { round: 0, value: 80 },
      { round: 1, value: 100 },
      { round: 4, value: 120 },
    ]);
  });
});
