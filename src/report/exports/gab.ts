// github-action-benchmark's `customSmallerIsBetter` input: a JSON array of
// `{ name, unit, value, range?, extra? }`. Two entries per measured head cell (wall time and peak
// RSS), named so that the tool's chart groups them by benchmark. Pure.
import type { Results } from '../../results/model.js';
import { exportedCells } from './cells.js';

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

export function toGab(results: Results): GabEntry[] {
  const entries: GabEntry[] = [];
  for (const { benchmark, summary, extra } of exportedCells(results)) {
    const wall = summary.wall;
    const rss = summary.rss;
    entries.push({
      name: `${benchmark} - wall time`,
      unit: 'ms',
      value: round(wall.median),
      range: `±${round(halfWidth(wall.ci95))}`,
      extra,
    });
    entries.push({
      name: `${benchmark} - peak RSS`,
      unit: 'KiB',
      value: round(rss.median),
      range: `±${round(halfWidth(rss.ci95))}`,
      extra,
    });
  }
  return entries;
}

function halfWidth([low, high]: [number, number]): number {
  return (high - low) / 2;
}

/** Six significant digits: enough for a chart, free of binary-fraction noise. */
function round(x: number): number {
  return Number(x.toPrecision(6));
}
