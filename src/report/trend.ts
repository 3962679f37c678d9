// Pure: the trend of a cross-run comparison as mermaid `xychart-beta` line charts: how the
// medians moved over the stored runs (oldest first) and this run. One small chart of all cells
// together is shown; one chart per cell sits folded below it (mermaid charts have no legend, so
// each cell gets its own).
import type { HistoryEntry, Results } from '../results/model.js';
import { archLabel } from '../results/arch.js';
import { chartLabel } from './chart.js';

interface Point {
  label: string;
  medians: Map<string, number>;
}

/** `musl/jemalloc`, or `arm64 musl/jemalloc` where the results name the architecture (shards). */
const keyOf = (c: { arch?: string; libc: string; allocator: string }) =>
  `${c.arch !== undefined ? `${archLabel(c.arch)} ` : ''}${c.libc}/${c.allocator}`;

function entryLabel(entry: HistoryEntry, index: number): string {
  return entry.commit ? entry.commit.slice(0, 7) : `run −${index + 1}`;
}

/** The runs of the chart, oldest first, this one last; stored runs left out are not drawn. */
function trendPoints(results: Results): Point[] | undefined {
  const history = (results.baseline?.history ?? []).filter((e) => e.excluded === undefined);
  if (results.baseline?.paired !== false || history.length === 0) return undefined;
  const metric = results.config.metric;
  const stored = history
    .map((entry, i) => ({
      label: entryLabel(entry, i),
      medians: new Map(entry.medians.map((m) => [keyOf(m), m.medianMs])),
    }))
    .reverse();
  const mine = new Map(
    results.cells
      .filter((c) => c.tree === 'head' && c.status === 'ok' && c.summary !== undefined)
      .map((c) => [keyOf(c), c.summary![metric].median]),
  );
  return [...stored, { label: 'this run', medians: mine }];
}

function number(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function chart(title: string, yAxis: string, labels: string[], values: number[]): string {
  return [
    '```mermaid',
    '---',
    'config:',
    '  xyChart:',
    '    width: 420',
    '    height: 220',
    '---',
    'xychart-beta',
    `  title "${chartLabel(title)}"`,
    `  x-axis [${labels.map((l) => `"${chartLabel(l)}"`).join(', ')}]`,
    `  y-axis "${chartLabel(yAxis)}"`,
    `  line [${values.map(number).join(', ')}]`,
    '```',
  ].join('\n');
}

/** The trend section, or undefined when this run was not compared with stored runs. */
export function renderTrend(results: Results): string | undefined {
  const points = trendPoints(results);
  if (!points) return undefined;
  const metric = results.config.metric === 'wall' ? 'wall time' : 'CPU time';
  const cells = [...points.at(-1)!.medians.keys()].filter((key) => points.every((p) => p.medians.has(key)));
  if (cells.length === 0) return undefined;
  const labels = points.map((p) => p.label);
  // All cells together: the geometric mean of each cell's median over its oldest one, in percent.
  const together = points.map(
    (p) =>
      100 *
      Math.exp(
        cells.reduce((a, key) => a + Math.log(p.medians.get(key)! / points[0].medians.get(key)!), 0) /
          cells.length,
      ),
  );
  const perCell = cells.map((key) =>
    chart(
      key,
      `median ${metric}, ms`,
      labels,
      points.map((p) => p.medians.get(key)!),
    ),
  );
  return [
    `### Trend over the last ${points.length - 1} stored run${points.length === 2 ? '' : 's'} and this one`,
    '',
    chart(`all ${cells.length} cells, % of the oldest run`, `median ${metric}, %`, labels, together),
    '',
    '<details><summary>Each cell</summary>',
    '',
    ...perCell.flatMap((c) => [c, '']),
    '</details>',
  ].join('\n');
}
