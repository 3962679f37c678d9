// github-action-benchmark's `customSmallerIsBetter` input: a JSON array of
// `{ name, unit, value, range?, extra? }`. Two entries per measured head cell (wall time and peak
// RSS), named so that the tool's chart groups them by benchmark. Pure.
import type { Results, Summary } from '../../results/model.js';
import { exportedCells } from './cells.js';

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

export function toGab(results: Results): GabEntry[] {
  return exportedCells(results).flatMap(({ benchmark, summary, extra }) => [
    entry(`${benchmark} - wall time`, 'ms', summary.wall, extra),
    entry(`${benchmark} - peak RSS`, 'KiB', summary.rss, extra),
  ]);
}

/** One chart line: the median, with the half-width of its interval as the range. */
function entry(name: string, unit: string, s: Summary, extra: string): GabEntry {
  return { name, unit, value: round(s.median), range: `±${round(halfWidth(s.ci95))}`, extra };
}

function halfWidth([low, high]: [number, number]): number {
  return (high - low) / 2;
}

/** Six significant digits: enough for a chart, free of binary-fraction noise. */
function round(x: number): number {
  return Number(x.toPrecision(6));
}
