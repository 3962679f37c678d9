// The report for a terminal (CLI stdout and the action log): one aligned table, libc rows ×
// allocator columns, two lines per row (wall time with change vs default, then peak RSS),
// optional colour, and a footer with the run settings.
import { DEFAULT_ALLOCATOR } from '../config/allocators.js';
import { placeLabel } from '../results/arch.js';
import type { CellComparison, CellResult, Results } from '../results/model.js';
import { stripControl } from './escape.js';
import {
  formatChange,
  formatChangeAgainst,
  formatChangeInterval,
  formatDuration,
  formatMemory,
} from './format.js';
import { allocatorColumns, changeReference, gridRows, isMeasured, statusLabel } from './grid.js';

export interface TerminalOptions {
  /** Use ANSI colours (green for the best cell, red for slower than default, yellow for statuses). */
  color: boolean;
}

type Paint = 'bold' | 'green' | 'red' | 'yellow' | 'dim';
const ANSI: Record<Paint, string> = { bold: '1', green: '32', red: '31', yellow: '33', dim: '2' };

interface Text {
  plain: string;
  paint?: Paint;
}

/** Names and reasons come from users and programs: no escape sequence of theirs reaches the terminal. */
function clean(text: string, maxChars = 60): string {
  const one = stripControl(text).replace(/\s+/g, ' ').trim();
  return one.length > maxChars ? `${one.slice(0, maxChars - 1)}…` : one;
}

function wallText(results: Results, cell: CellResult | undefined, best: boolean): Text {
  if (cell === undefined) return { plain: '-', paint: 'dim' };
  if (!isMeasured(cell)) return { plain: clean(statusLabel(cell, results.config.runs), 40), paint: 'yellow' };
  const median = cell.summary.wall.median;
  const reference = changeReference(results, cell, 'wall');
  let plain = formatDuration(median);
  let paint: Paint | undefined = best ? 'green' : undefined;
  if (reference !== undefined) {
    plain += ` ${formatChangeAgainst(median, reference)}`;
    if (!best && median > reference) paint = 'red';
  }
  if (cell.status === 'partial') return { plain: `${plain} (partial)`, paint: 'yellow' };
  return { plain, paint };
}

function rssText(cell: CellResult | undefined): Text {
  if (!isMeasured(cell)) return { plain: '' };
  return { plain: formatMemory(cell.summary.rss.median), paint: 'dim' };
}

/** Visible width: code points, not UTF-16 units, so `µ` and `−` count as one column. */
function width(text: string): number {
  return [...text].length;
}

function render(text: Text, columnWidth: number, color: boolean, alignRight: boolean): string {
  const pad = ' '.repeat(Math.max(0, columnWidth - width(text.plain)));
  const painted = color && text.paint ? `\u001b[${ANSI[text.paint]}m${text.plain}\u001b[0m` : text.plain;
  return alignRight ? pad + painted : painted + pad;
}

function verdictLines(results: Results, comparisons: readonly CellComparison[]): string[] {
  return comparisons
    .filter((c) => c.verdict !== 'unchanged')
    .map((c) => {
      const numbers = [
        c.change !== undefined ? formatChange(c.change) : '',
        c.interval ? formatChangeInterval(c.interval) : '',
      ]
        .filter(Boolean)
        .join(' ');
      const reason = c.reason ? ` (${clean(c.reason, 80)})` : '';
      return `  ${placeLabel(results, c)}/${clean(c.allocator)} ${c.metric}: ${c.verdict}${numbers ? ` ${numbers}` : ''}${reason}`;
    });
}

/** For a baseline named by a revision: both commits, and whether head had uncommitted changes. */
function revisionLine({ baseline, git }: Results): string | undefined {
  if (baseline?.ref === undefined) return undefined;
  const base = baseline.commit ? ` (${baseline.commit.slice(0, 12)})` : '';
  const how = baseline.paired ? 'paired' : `not measured: ${clean(baseline.unavailableReason ?? '', 120)}`;
  const head = git?.head
    ? ` · head ${git.head.slice(0, 12)}${git.dirty ? ' with uncommitted changes' : ''}`
    : '';
  return `baseline ${clean(baseline.ref, 80)}${base}, ${how}${head}`;
}

/** The all-cells verdict, shown whatever it is: it is the gate's headline. */
function matrixLine(results: Results): string[] {
  const m = results.matrix;
  if (!m) return [];
  const numbers = [
    m.change !== undefined ? formatChange(m.change) : '',
    m.interval ? formatChangeInterval(m.interval) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return [`  all ${m.cells} cells together ${m.metric}: ${m.verdict}${numbers ? ` ${numbers}` : ''}`];
}

/** Renders the terminal table; every line has the same visible width per column. */
export function renderTerminal(results: Results, opts: TerminalOptions): string {
  const columns = allocatorColumns(results);
  const rows: Text[][] = [
    [{ plain: 'libc' }, ...columns.map((c) => ({ plain: clean(c), paint: 'bold' as const }))],
  ];
  for (const { label, places } of gridRows(results, 'wall')) {
    rows.push([{ plain: label, paint: 'bold' }, ...places.map((p) => wallText(results, p.cell, p.best))]);
    rows.push([{ plain: '' }, ...places.map((p) => rssText(p.cell))]);
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => width(row[col].plain))));
  const lines = rows.map((row) =>
    row
      .map((text, col) => render(text, widths[col], opts.color, col > 0))
      .join('  ')
      .trimEnd(),
  );
  const { config } = results;
  lines.push(
    '',
    `median wall time (change vs ${DEFAULT_ALLOCATOR}) and peak RSS · ${config.runs} runs per cell, ${config.warmup} warm-up · seed ${results.seed} · executor ${config.executor}`,
  );
  const revision = revisionLine(results);
  if (revision) lines.push(revision);
  const verdicts = [...matrixLine(results), ...verdictLines(results, results.comparisons ?? [])];
  if (verdicts.length > 0) lines.push('against the baseline:', ...verdicts);
  if (results.fatalError) lines.push(`error: ${clean(results.fatalError, 300)}`);
  return `${lines.join('\n')}\n`;
}
