// The two main markdown tables, rows = libcs and columns = allocators: median wall time and
// median peak RSS, each with its interval, the change against the libc's own malloc, the best
// cell of each row in bold, and a legend for the statuses that appear.
import { DEFAULT_ALLOCATOR } from '../config/allocators.js';
import { spansArches } from '../results/arch.js';
import type { CellResult, Results } from '../results/model.js';
import { escapeInline } from './escape.js';
import { formatChangeAgainst, formatDuration, formatHalfWidth, formatMemory } from './format.js';
import { roundsText } from './sizing.js';
import {
  allocatorColumns,
  changeReference,
  gridRows,
  isMeasured,
  STATUS_MEANINGS,
  statusLabel,
  statusesUsed,
  type GridRow,
} from './grid.js';

type TableMetric = 'wall' | 'rss';

const FORMATTERS: Record<TableMetric, (value: number) => string> = {
  wall: formatDuration,
  rss: formatMemory,
};

/** Reasons can be long; the full text is in the results file. */
const MAX_REASON_CHARS = 160;

/** `0.451 s ±1.1% · −34%` for a measured cell; the status and reason for the others. */
export function cellText(
  results: Results,
  cell: CellResult | undefined,
  metric: TableMetric,
  best: boolean,
): string {
  if (cell === undefined) return '—';
  const status = escapeInline(statusLabel(cell, results.config.runs), MAX_REASON_CHARS);
  if (!isMeasured(cell)) return `_${status}_`;
  const summary = cell.summary[metric];
  const parts = [`${FORMATTERS[metric](summary.median)} ${formatHalfWidth(summary.ci95, summary.median)}`];
  const reference = changeReference(results, cell, metric);
  if (reference !== undefined) parts.push(formatChangeAgainst(summary.median, reference));
  const value = parts.join(' · ');
  if (cell.status === 'partial') return `${value} ⚠️ _${status}_`;
  return best ? `**${value}**` : value;
}

function tableRow(results: Results, row: GridRow, metric: TableMetric): string {
  const cells = row.places.map((place) => cellText(results, place.cell, metric, place.best));
  return `| **${row.label}** | ${cells.join(' | ')} |`;
}

function table(results: Results, metric: TableMetric): string {
  const columns = allocatorColumns(results);
  const header = `| ${spansArches(results) ? 'arch, libc' : 'libc'} | ${columns.map((c) => escapeInline(c, 60)).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  const rows = gridRows(results, metric).map((row) => tableRow(results, row, metric));
  return [header, rule, ...rows].join('\n');
}

/** What the numbers mean and what each status that appears means. */
export function legend(results: Results): string {
  const lines = [
    `_Median ±half-width of its 95% confidence interval · change against the libc's own malloc (\`${DEFAULT_ALLOCATOR}\`) · **bold**: lowest in the row._`,
  ];
  for (const status of statusesUsed(results)) lines.push(`- \`${status}\`: ${STATUS_MEANINGS[status]}.`);
  return lines.join('\n');
}

export function renderWallTable(results: Results): string {
  return [
    `### Wall time (median of ${roundsText(results)} runs)`,
    '',
    table(results, 'wall'),
    '',
    legend(results),
  ].join('\n');
}

export function renderRssTable(results: Results): string {
  return ['### Peak RSS (median)', '', table(results, 'rss')].join('\n');
}
