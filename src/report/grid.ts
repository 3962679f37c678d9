// The libc × allocator grid every renderer shows, as plain data: which rows and columns, which
// cell sits where, what a non-ok cell's status says, and which cell is the reference (the libc's
// own malloc) or the best of its row. Renderers only decide how it looks. Results that span
// several architectures (a merge of shards) get a row per architecture × libc.
import { DEFAULT_ALLOCATOR } from '../config/allocators.js';
import { archesOf, archOf, placeLabel, spansArches } from '../results/arch.js';
import { describeFailure } from '../results/runs.js';
import type { CellResult, CellStatus, LibcName, Results, RunRecord } from '../results/model.js';
import { isSuccessfulRun } from '../analysis/stats.js';

export type GridMetric = 'wall' | 'cpu' | 'rss';

/** Libc rows: the requested ones in request order, then any others that produced cells. */
export function libcRows(results: Results): LibcName[] {
  const rows: LibcName[] = [...results.config.libcs];
  for (const cell of results.cells) if (!rows.includes(cell.libc)) rows.push(cell.libc);
  return rows;
}

/** Allocator columns: the union of requested allocators, in request order, then any extras. */
export function allocatorColumns(results: Results): string[] {
  const columns: string[] = [];
  const add = (name: string) => {
    if (!columns.includes(name)) columns.push(name);
  };
  for (const request of results.config.allocators) add(request.name);
  for (const cell of results.cells) add(cell.allocator);
  return columns;
}

/** A row of the grid: a libc, on one architecture when the results span several. */
export interface RowKey {
  libc: LibcName;
  arch?: string;
}

function keyOf(row: LibcName | RowKey): RowKey {
  return typeof row === 'string' ? { libc: row } : row;
}

function inRow(results: Results, cell: CellResult, row: RowKey): boolean {
  return cell.libc === row.libc && (row.arch === undefined || archOf(results, cell) === row.arch);
}

/** The row a cell sits in. */
export function rowOf(results: Results, cell: CellResult): RowKey {
  return spansArches(results) ? { libc: cell.libc, arch: archOf(results, cell) } : { libc: cell.libc };
}

/**
 * The rows: the libcs of libcRows, or, when the results span architectures, every architecture ×
 * libc that has a cell (`x86_64 musl`, `arm64 glibc`...).
 */
export function rowKeys(results: Results): RowKey[] {
  const libcs = libcRows(results);
  if (!spansArches(results)) return libcs.map((libc) => ({ libc }));
  return archesOf(results).flatMap((arch) =>
    libcs
      .map((libc) => ({ libc, arch }))
      .filter((row) => headCells(results).some((c) => inRow(results, c, row))),
  );
}

/** The head-tree cell of a libc (row) and allocator; base-tree cells only feed comparisons. */
export function findCell(
  results: Results,
  row: LibcName | RowKey,
  allocator: string,
): CellResult | undefined {
  const key = keyOf(row);
  return results.cells.find((c) => c.allocator === allocator && c.tree === 'head' && inRow(results, c, key));
}

export function headCells(results: Results): CellResult[] {
  return results.cells.filter((c) => c.tree === 'head');
}

/** A cell has numbers to show when it has statistics and they come from runs that did the work. */
export function isMeasured(
  cell: CellResult | undefined,
): cell is CellResult & { summary: NonNullable<CellResult['summary']> } {
  return (
    cell !== undefined && cell.summary !== undefined && (cell.status === 'ok' || cell.status === 'partial')
  );
}

/** The median of a metric of the row's default-allocator cell: what "change vs default" is against. */
export function referenceMedian(
  results: Results,
  row: LibcName | RowKey,
  metric: GridMetric,
): number | undefined {
  const reference = findCell(results, row, DEFAULT_ALLOCATOR);
  if (!isMeasured(reference)) return undefined;
  const median = reference.summary[metric].median;
  return median > 0 ? median : undefined;
}

/**
 * The allocator with the lowest median of a row. Only `ok` cells compete: a partial cell's
 * statistics leave out its failed runs, so it could look fastest for the wrong reason.
 */
export function bestAllocator(
  results: Results,
  row: LibcName | RowKey,
  metric: GridMetric,
): string | undefined {
  const key = keyOf(row);
  let best: { allocator: string; median: number } | undefined;
  for (const cell of headCells(results)) {
    if (!inRow(results, cell, key) || cell.status !== 'ok' || cell.summary === undefined) continue;
    const median = cell.summary[metric].median;
    if (best === undefined || median < best.median) best = { allocator: cell.allocator, median };
  }
  return best?.allocator;
}

/** One place of a grid row: an allocator column and its head cell, if any. */
export interface GridPlace {
  allocator: string;
  cell: CellResult | undefined;
  /** Whether this is the row's best cell for the metric the grid was laid out by. */
  best: boolean;
}

export interface GridRow {
  libc: LibcName;
  /** Set when the results span architectures: the row's architecture. */
  arch?: string;
  /** What the row is called: `musl`, or `x86_64 musl` when the results span architectures. */
  label: string;
  places: GridPlace[];
}

/** The grid laid out for one metric: a row per libc (× arch), a place per allocator column, the best marked. */
export function gridRows(results: Results, metric: GridMetric): GridRow[] {
  const columns = allocatorColumns(results);
  return rowKeys(results).map((row) => {
    const best = bestAllocator(results, row, metric);
    const places = columns.map((allocator) => ({
      allocator,
      cell: findCell(results, row, allocator),
      best: allocator === best,
    }));
    return { ...row, label: placeLabel(results, row), places };
  });
}

/** What a cell's "change vs default" is against; none for the default cell itself. */
export function changeReference(results: Results, cell: CellResult, metric: GridMetric): number | undefined {
  return cell.allocator === DEFAULT_ALLOCATOR
    ? undefined
    : referenceMedian(results, rowOf(results, cell), metric);
}

function measuredRuns(cell: CellResult): RunRecord[] {
  return cell.runs.filter((r) => r.kind === 'measured');
}

/** The first measured run that did not exit 0, or failing that, any such run (e.g. a proof run). */
export function firstFailedRun(cell: CellResult): RunRecord | undefined {
  const failed = (r: RunRecord) => !isSuccessfulRun(r);
  return measuredRuns(cell).find(failed) ?? cell.runs.find(failed);
}

/** The words after the status: the cell's reason, or one derived from its runs. */
function statusDetail(cell: CellResult, plannedRuns: number): string | undefined {
  if (cell.status === 'partial') {
    const total = Math.max(plannedRuns, measuredRuns(cell).length);
    return `${cell.failedRuns}/${total} runs failed`;
  }
  if (cell.reason) return cell.reason;
  if (cell.status === 'not-applied') return cell.proof?.explanation;
  if (cell.status === 'failed') {
    const run = firstFailedRun(cell);
    return run ? describeFailure(run) : undefined;
  }
  return undefined;
}

/** The status as shown in a cell, unescaped: `failed: signal 11`, `timeout`, `partial: 3/10 runs failed`. */
export function statusLabel(cell: CellResult, plannedRuns: number): string {
  const detail = statusDetail(cell, plannedRuns);
  return detail ? `${cell.status}: ${detail}` : cell.status;
}

/** What each status means, for legends. */
export const STATUS_MEANINGS: Record<Exclude<CellStatus, 'ok'>, string> = {
  partial: 'some measured runs failed; the numbers come from the others and no verdict is made',
  failed: 'the benchmark exited non-zero or was killed by a signal in every run, or its setup failed',
  timeout: 'runs were killed by the per-run timeout',
  oom: "the kernel's OOM killer ended the runs",
  unavailable: 'the allocator (or the whole libc environment) could not be provided',
  'not-applied':
    'the preload was proven not to reach the benchmark (a static binary or a cleared environment), so no numbers are shown for it',
};

/** The non-ok statuses present among the head cells, in a stable order, for a legend. */
export function statusesUsed(results: Results): Exclude<CellStatus, 'ok'>[] {
  const present = new Set(headCells(results).map((c) => c.status));
  return (Object.keys(STATUS_MEANINGS) as Exclude<CellStatus, 'ok'>[]).filter((s) => present.has(s));
}
