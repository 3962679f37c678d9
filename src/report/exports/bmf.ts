// Bencher Metric Format (BMF): one JSON object keyed by benchmark name, each holding measures
// with a value and optional lower/upper bounds. One benchmark per measured head cell, so a
// Bencher project tracks every libc × allocator pair as its own line. Pure.
import type { Results } from '../../results/model.js';
import { exportedCells, type ExportedCell } from './cells.js';

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}
export type BmfReport = Record<string, Record<string, BmfMetric>>;

/** Bencher's built-in latency measure is in nanoseconds; peak RSS gets its own measure, in bytes. */
export const BMF_MEASURES = { latency: 'latency', peakRss: 'peak-rss' } as const;

export function toBmf(results: Results): BmfReport {
  const report: BmfReport = {};
  for (const cell of exportedCells(results)) report[cell.benchmark] = measuresOf(cell);
  return report;
}

function measuresOf({ summary }: ExportedCell): Record<string, BmfMetric> {
  const nsPerMs = 1e6;
  const bytesPerKiB = 1024;
  return {
    [BMF_MEASURES.latency]: {
      value: summary.wall.median * nsPerMs,
      lower_value: summary.wall.ci95[0] * nsPerMs,
      upper_value: summary.wall.ci95[1] * nsPerMs,
    },
    [BMF_MEASURES.peakRss]: {
      value: summary.rss.median * bytesPerKiB,
      lower_value: summary.rss.ci95[0] * bytesPerKiB,
      upper_value: summary.rss.ci95[1] * bytesPerKiB,
    },
  };
}
