import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { toBmf } from '../src/report/exports/bmf.js';
import { toGab } from '../src/report/exports/gab.js';
import { mixedResults, withPairedBaseline } from './fixtures/results.js';

// Bencher's published JSON Schema of BMF (bencher.dev/bmf.json), restated as zod: an object of
// benchmarks, each an object of measures, each with a required numeric `value`.
const bmfMetric = z.object({
  value: z.number(),
  lower_value: z.number().optional(),
  upper_value: z.number().optional(),
});
const bmfSchema = z.record(z.string().min(1), z.record(z.string().min(1), bmfMetric));

// github-action-benchmark's BenchmarkResult (tool `customSmallerIsBetter`): name, unit and value
// are required, range and extra are optional strings; the file is an array of them.
const gabSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    unit: z.string().min(1),
    value: z.number(),
    range: z.string().optional(),
    extra: z.string().optional(),
  }),
);

// The examples the two projects publish in their documentation.
const PUBLISHED_BMF = `{
  "benchmark_name": {
    "latency": { "value": 88.0, "lower_value": 87.42, "upper_value": 88.88 },
    "throughput": { "value": 5.55, "lower_value": 3.14, "upper_value": 6.30 }
  },
  "/bin/sh -c ./my_build_script.sh": { "build-time": { "value": 87.0 } },
  "my_binary": { "file-size": { "value": 42.0 } }
}`;
const PUBLISHED_GAB = `[
  { "name": "My Custom Smaller Is Better Benchmark - CPU Load", "unit": "Percent", "value": 50 },
  { "name": "My Custom Smaller Is Better Benchmark - Memory Used", "unit": "Megabytes", "value": 100, "range": "3", "extra": "Value for Tooltip: 25\\nOptional Num #2: 100\\nAnything Else!" }
]`;

describe('the validators match the published formats', () => {
  it('accepts the published examples', () => {
    expect(bmfSchema.safeParse(JSON.parse(PUBLISHED_BMF)).success).toBe(true);
    expect(gabSchema.safeParse(JSON.parse(PUBLISHED_GAB)).success).toBe(true);
  });
  it('rejects a measure without a value and an entry without a unit', () => {
    expect(bmfSchema.safeParse({ b: { latency: { lower_value: 1 } } }).success).toBe(false);
    expect(gabSchema.safeParse([{ name: 'x', value: 1 }]).success).toBe(false);
  });
});

describe('toBmf', () => {
  const results = withPairedBaseline(mixedResults());
  const bmf = toBmf(results);

  it('is valid BMF after a JSON round trip', () => {
    expect(bmfSchema.safeParse(JSON.parse(JSON.stringify(bmf))).success).toBe(true);
  });

  it('has one benchmark per measured head cell, with latency in ns and peak RSS in bytes', () => {
    const measured = results.cells.filter((c) => c.tree === 'head' && c.status === 'ok');
    expect(Object.keys(bmf)).toHaveLength(measured.length);
    for (const cell of measured) {
      const entry = bmf[`${results.name} ${cell.libc}/${cell.allocator}`];
      expect(entry.latency.value).toBeCloseTo(cell.summary!.wall.median * 1e6, 3);
      expect(entry.latency.lower_value).toBeCloseTo(cell.summary!.wall.ci95[0] * 1e6, 3);
      expect(entry.latency.upper_value).toBeCloseTo(cell.summary!.wall.ci95[1] * 1e6, 3);
      expect(entry['peak-rss'].value).toBe(cell.summary!.rss.median * 1024);
      expect(entry.latency.lower_value!).toBeLessThanOrEqual(entry.latency.value);
      expect(entry.latency.upper_value!).toBeGreaterThanOrEqual(entry.latency.value);
    }
  });

  it('leaves out base-tree cells and cells that did not measure', () => {
    const failed = results.cells.filter((c) => c.status !== 'ok');
    expect(failed.length).toBeGreaterThan(0);
    for (const cell of failed) expect(bmf[`${results.name} ${cell.libc}/${cell.allocator}`]).toBeUndefined();
    expect(results.cells.some((c) => c.tree === 'base')).toBe(true);
  });
});

describe('toGab', () => {
  const results = mixedResults();
  const gab = toGab(results);

  it('is valid customSmallerIsBetter input after a JSON round trip', () => {
    expect(gabSchema.safeParse(JSON.parse(JSON.stringify(gab))).success).toBe(true);
  });

  it('has a wall-time and a peak-RSS entry per measured cell, with the interval as range', () => {
    const measured = results.cells.filter((c) => c.tree === 'head' && c.status === 'ok');
    expect(gab).toHaveLength(2 * measured.length);
    const cell = measured[0];
    const wall = gab.find((e) => e.name === `${results.name} ${cell.libc}/${cell.allocator} - wall time`)!;
    expect(wall.unit).toBe('ms');
    expect(wall.value).toBeCloseTo(cell.summary!.wall.median, 4);
    const half = (cell.summary!.wall.ci95[1] - cell.summary!.wall.ci95[0]) / 2;
    expect(Number(wall.range!.replace('±', ''))).toBeCloseTo(half, 4);
    const rss = gab.find((e) => e.name === `${results.name} ${cell.libc}/${cell.allocator} - peak RSS`)!;
    expect(rss.unit).toBe('KiB');
    expect(rss.extra).toContain(`n=${cell.summary!.wall.n}`);
  });
});
