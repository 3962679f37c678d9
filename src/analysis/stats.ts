// Descriptive statistics of a cell's samples: robust centre and spread, outlier flags, and a
// seeded bootstrap interval of the median. Pure functions of plain numbers.
import type { CellSummaries, MetricName, RunRecord, Summary } from '../results/model.js';
import { METRICS } from '../results/model.js';
import { createRng } from '../base/rng.js';

/** The modified z-score above which a sample is flagged (Iglewicz and Hoaglin's cut-off). */
export const OUTLIER_Z = 3.5;
/** Bootstrap resamples for the interval of the median. */
export const BOOTSTRAP_RESAMPLES = 2000;

export function median(values: readonly number[]): number {
  return quantileOfSorted(sortedCopy(values, 'median'), 0.5);
}

export function mean(values: readonly number[]): number {
  checkSample(values, 'mean');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
export function stddev(values: readonly number[]): number {
  checkSample(values, 'stddev');
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

export function min(values: readonly number[]): number {
  checkSample(values, 'min');
  return values.reduce((a, b) => Math.min(a, b));
}

export function max(values: readonly number[]): number {
  checkSample(values, 'max');
  return values.reduce((a, b) => Math.max(a, b));
}

/**
 * The raw median absolute deviation, median(|x - median(x)|), in the units of the data. It is
 * NOT scaled by 1.4826 to estimate a normal sigma; the modified z-score applies 0.6745 instead.
 */
export function mad(values: readonly number[]): number {
  const centre = median(values);
  return median(values.map((v) => Math.abs(v - centre)));
}

/**
 * Modified z-scores 0.6745 (x - median) / MAD. When more than half the samples are equal the MAD
 * is 0; the spread is then taken from the mean absolute deviation, z = (x - median) / (1.253314
 * meanAD) (1.253314 = sqrt(pi/2) makes both estimate a normal sigma), so a lone deviating sample
 * is still scored rather than becoming infinite. All scores are 0 when every sample is equal.
 */
export function modifiedZScores(values: readonly number[]): number[] {
  const centre = median(values);
  const deviations = values.map((v) => Math.abs(v - centre));
  const rawMad = median(deviations);
  if (rawMad > 0) return values.map((v) => (0.6745 * (v - centre)) / rawMad);
  const meanDeviation = mean(deviations);
  if (meanDeviation === 0) return values.map(() => 0);
  return values.map((v) => (v - centre) / (1.253314 * meanDeviation));
}

/** Indices of samples whose |modified z-score| exceeds OUTLIER_Z. They are flagged, never dropped. */
export function outlierIndices(values: readonly number[], threshold = OUTLIER_Z): number[] {
  const out: number[] = [];
  modifiedZScores(values).forEach((z, i) => {
    if (Math.abs(z) > threshold) out.push(i);
  });
  return out;
}

/** The p-quantile of ascending values, interpolating linearly between order statistics. */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('Invalid sample for a quantile: it is empty.');
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below];
  return low + (sorted[above] - low) * (position - below);
}

/**
 * A percentile-bootstrap confidence interval of the median, reproducible from `seed`.
 * The median of a resample is always one order statistic of the data (or the mean of two), and
 * which ones depends only on the sample size and the draws; so the draws are made once per
 * (n, seed, resamples) as rank positions and shared by every metric of a cell. With no sort per
 * resample, 2000 resamples of 50 values cost about a millisecond.
 */
export function bootstrapMedianCi(
  values: readonly number[],
  seed: number,
  options: { resamples?: number; level?: number } = {},
): [number, number] {
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new Error(`Invalid bootstrap resamples ${String(resamples)}: expected a positive integer.`);
  }
  if (!(level > 0 && level < 1)) {
    throw new Error(`Invalid confidence level ${String(level)}: expected a number strictly between 0 and 1.`);
  }
  const sorted = sortedCopy(values, 'bootstrap');
  const { low, high } = bootstrapMedianRanks(sorted.length, seed, resamples);
  const medians = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) medians[b] = (sorted[low[b]] + sorted[high[b]]) / 2;
  medians.sort();
  const tail = (1 - level) / 2;
  return [quantileOfSorted(medians, tail), quantileOfSorted(medians, 1 - tail)];
}

const rankCache = new Map<string, { low: Int32Array; high: Int32Array }>();
const RANK_CACHE_LIMIT = 32;

/** For each resample, the positions in the sorted data of the two order statistics averaged as its median. */
function bootstrapMedianRanks(
  n: number,
  seed: number,
  resamples: number,
): { low: Int32Array; high: Int32Array } {
  const key = `${n}:${seed}:${resamples}`;
  const cached = rankCache.get(key);
  if (cached) return cached;
  const rng = createRng(seed);
  const multiplicity = new Int32Array(n);
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.floor(n / 2);
  const low = new Int32Array(resamples);
  const high = new Int32Array(resamples);
  for (let b = 0; b < resamples; b++) {
    multiplicity.fill(0);
    for (let i = 0; i < n; i++) multiplicity[rng.nextInt(n)]++;
    // Walk the cumulative multiplicities to the positions holding ranks lowRank and highRank.
    let position = 0;
    let below = multiplicity[0];
    while (below <= lowRank) below += multiplicity[++position];
    low[b] = position;
    while (below <= highRank) below += multiplicity[++position];
    high[b] = position;
  }
  if (rankCache.size >= RANK_CACHE_LIMIT) rankCache.clear();
  const ranks = { low, high };
  rankCache.set(key, ranks);
  return ranks;
}

export function summarize(values: readonly number[], seed: number): Summary {
  checkSample(values, 'summary');
  return {
    n: values.length,
    median: median(values),
    mean: mean(values),
    stddev: stddev(values),
    min: min(values),
    max: max(values),
    mad: mad(values),
    ci95: bootstrapMedianCi(values, seed),
    outliers: outlierIndices(values),
  };
}

/** A run that exited with status 0, whatever its kind. */
export function isSuccessfulRun(record: RunRecord): boolean {
  return record.outcome === 'exited' && record.exitCode === 0;
}

/** A successful measured run: the only kind that enters statistics. */
export function isSuccessfulMeasured(record: RunRecord): boolean {
  return record.kind === 'measured' && isSuccessfulRun(record);
}

/** The value of one metric of a run: milliseconds for times, KiB for rss. */
export function metricValue(record: RunRecord, metric: MetricName): number {
  switch (metric) {
    case 'wall':
      return record.wallMs;
    case 'cpu':
      return record.userMs + record.sysMs;
    case 'user':
      return record.userMs;
    case 'sys':
      return record.sysMs;
    case 'rss':
      return record.maxRssKiB;
  }
}

export interface RoundSample {
  round: number;
  value: number;
}

/** One metric of every successful measured run, in record order, with its round for pairing. */
export function measuredSamples(records: readonly RunRecord[], metric: MetricName): RoundSample[] {
  return records.filter(isSuccessfulMeasured).map((r) => ({ round: r.round, value: metricValue(r, metric) }));
}

/**
 * Summaries of every metric over the cell's successful measured runs, or undefined when there
 * is none. Every metric is bootstrapped with the same seed (hence the same resampled ranks).
 */
export function summarizeCell(records: readonly RunRecord[], seed: number): CellSummaries | undefined {
  const ok = records.filter(isSuccessfulMeasured);
  if (ok.length === 0) return undefined;
  const entries = METRICS.map(
    (metric) =>
      [
        metric,
        summarize(
          ok.map((r) => metricValue(r, metric)),
          seed,
        ),
      ] as const,
  );
  return Object.fromEntries(entries) as CellSummaries;
}

function checkSample(values: readonly number[], what: string): void {
  if (values.length === 0)
    throw new Error(`Invalid sample for ${what}: it is empty; at least one value is needed.`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new Error(
      `Invalid sample for ${what}: value ${bad} is ${String(values[bad])}; every value must be finite.`,
    );
}

function sortedCopy(values: readonly number[], what: string): number[] {
  checkSample(values, what);
  return values.slice().sort((a, b) => a - b);
}
