// A mermaid `xychart-beta` bar chart of median wall time relative to each libc's own malloc
// (default = 1.0), which GitHub renders inside comments. One chart for all libcs keeps the bars
// on one scale, so musl and glibc results can be compared at a glance.
import type { Results } from '../results/model.js';
import { roundRatio } from './format.js';
import { gridRows, referenceMedian } from './grid.js';

export interface ChartBar {
  label: string;
  ratio: number;
}

/** The bars: every `ok` cell whose row's default was measured, as `libc/allocator` and its ratio. */
export function wallChartBars(results: Results): ChartBar[] {
  const bars: ChartBar[] = [];
  for (const row of gridRows(results, 'wall')) {
    const reference = referenceMedian(results, row, 'wall');
    if (reference === undefined) continue;
    for (const { allocator, cell } of row.places) {
      // Partial cells are left out: their numbers omit the failed runs and would mislead in a bar.
      if (cell?.status !== 'ok' || cell.summary === undefined) continue;
      bars.push({
        label: `${row.label}/${allocator}`,
        ratio: roundRatio(cell.summary.wall.median / reference),
      });
    }
  }
  return bars;
}

/**
 * Mermaid strings are double-quoted with no escape for `"`; mermaid's own `#quot;` entity is
 * not understood by every renderer, so quotes and anything that could end the block are replaced.
 */
export function chartLabel(text: string): string {
  return text
    .replace(/["`\\]/g, "'")
    .replace(/[\r\n\t]+/g, ' ')
    .slice(0, 40);
}

/** The upper end of the y axis: a little above the tallest bar, on a 0.25 step. */
function axisMax(bars: readonly ChartBar[]): number {
  const tallest = Math.max(1, ...bars.map((b) => b.ratio));
  return Math.ceil((tallest * 1.1) / 0.25) * 0.25;
}

/** The fenced mermaid block, or undefined when fewer than two bars could be drawn. */
export function renderWallChart(results: Results): string | undefined {
  const bars = wallChartBars(results);
  if (bars.length < 2) return undefined;
  const labels = bars.map((b) => `"${chartLabel(b.label)}"`).join(', ');
  return [
    '```mermaid',
    // Wide enough that eight or ten `libc/allocator` labels do not overlap.
    `%%{init: {"xyChart": {"width": ${Math.max(700, bars.length * 130)}}}}%%`,
    'xychart-beta',
    '    title "Median wall time relative to the libc default (lower is faster)"',
    `    x-axis [${labels}]`,
    `    y-axis "time / libc default" 0 --> ${axisMax(bars)}`,
    `    bar [${bars.map((b) => b.ratio).join(', ')}]`,
    '```',
  ].join('\n');
}
