// Pure: the verdict on a run, the same for the action and the CLI. It says how the process ends
// (exit code), what fails the step (failures), and what a reader should see beside the table
// (annotations). A warning about a cell never fails the run: the gate is about regressions, a
// baseline that was required, a run that measured nothing, and a run that could not go on.
import { allocationRegressions, describeAllocationRegression } from '../analysis/allocation-gate.js';
import type { Config } from '../config/config.js';
import { EXIT } from '../config/names.js';
import { archLabel, placeLabel } from '../results/arch.js';
import type { CellComparison, MatrixComparison, Results } from '../results/model.js';
import { noBaselineWarning, type GateEvent } from '../report/headline.js';
import type { RunOutcome } from './run-benchmark.js';

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface Annotation {
  level: 'error' | 'warning';
  /** Groups the annotations of one benchmark; absent for run-wide messages. */
  title?: string;
  message: string;
}

export interface GateVerdict {
  exitCode: ExitCode;
  /** One line each; any failure fails the step. */
  failures: string[];
  annotations: Annotation[];
  /**
   * Whether any cell regressed beyond the threshold, on timing or on allocations (also when that
   * does not fail the run).
   */
  regressed: boolean;
}

/** What the gate judges: a run's outcome, or (report mode) results read from a file. */
export type GateInput = Pick<RunOutcome, 'results' | 'fatal'>;

export const NOTHING_MEASURED = 'no cell could be measured; see the table for each cell’s reason';

export function gate(run: GateInput, config: Config, event: GateEvent = {}): GateVerdict {
  const { results, fatal } = run;
  if (fatal) {
    return {
      exitCode: fatal.cause === 'config' ? EXIT.usage : EXIT.failure,
      failures: [fatal.message],
      annotations: [],
      regressed: false,
    };
  }
  if (!results)
    return { exitCode: EXIT.failure, failures: [NOTHING_MEASURED], annotations: [], regressed: false };

  const title = `malloc-matrix: ${results.name}`;
  const annotations = cellAnnotations(results, title);
  // A pull request whose baseline could not be had was not gated: say so loudly.
  const noBaseline = noBaselineWarning(results, { ...event, requireBaseline: config.requireBaseline });
  if (noBaseline) annotations.push({ level: 'warning', title, message: noBaseline });
  const failures: string[] = [];
  let exitCode: ExitCode = EXIT.ok;
  // A regression fails the step, or with fail-on-regression: false only warns.
  const regression = (message: string): void => {
    if (config.failOnRegression) {
      failures.push(message);
      exitCode = EXIT.regression;
    } else {
      annotations.push({ level: 'warning', message: `${message} (fail-on-regression is false)` });
    }
  };
  const regressed = regressedComparisons(results);
  // A shard's own comparisons are only a preview: the merge judges every shard's cells as one family.
  if (regressed.length > 0 && config.mode !== 'shard') {
    for (const c of regressed)
      annotations.push({ level: 'error', title, message: `Regression: ${describeRegression(c)}` });
    const cells = regressed.filter((c) => !('cells' in c)).length;
    const what = [
      results.matrix?.verdict === 'regressed' ? 'all cells together' : '',
      cells > 0 ? `${cells} cell(s)` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    regression(`${what} regressed beyond the threshold: ${regressed.map(describeRegression).join('; ')}`);
  }
  // The allocation gate: counts of the profiling runs, head against the baseline's.
  const allocations = allocationRegressions(results);
  if (allocations.length > 0) {
    const lines = allocations.map(describeAllocationRegression);
    for (const line of lines)
      annotations.push({ level: 'error', title, message: `Allocation regression: ${line}` });
    regression(`allocations grew beyond the allocation threshold: ${lines.join('; ')}`);
  }
  if (config.requireBaseline && results.comparisons === undefined) {
    const reason = results.baseline?.unavailableReason ?? 'no baseline could be had';
    failures.push(`require-baseline is true but there is no baseline: ${reason}`);
    exitCode = EXIT.failure;
  }
  if (!anyCellMeasured(results)) {
    failures.push(NOTHING_MEASURED);
    exitCode = EXIT.failure;
  }
  return { exitCode, failures, annotations, regressed: regressed.length + allocations.length > 0 };
}

/**
 * A cell that crashed, timed out or could not prove its preload is easy to miss in a table: each
 * gets a warning, as does every note on a cell (e.g. a slow first run).
 */
function cellAnnotations(results: Results, title: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const cell of results.cells) {
    const label = `${placeLabel(results, cell)}/${cell.allocator}${cell.tree === 'base' ? ' (base)' : ''}`;
    for (const note of cell.warnings ?? [])
      annotations.push({ level: 'warning', title, message: `${label}: ${note}` });
    if (cell.status === 'ok' || cell.status === 'unavailable') continue;
    annotations.push({ level: 'warning', title, message: `${label}: ${cell.status}: ${cell.reason ?? ''}` });
  }
  return annotations;
}

/** What failed the gate, from the results alone (also in report mode): all cells together, then each cell. */
export function regressedComparisons(results: Results): (CellComparison | MatrixComparison)[] {
  const matrix = results.matrix?.verdict === 'regressed' ? [results.matrix] : [];
  return [...matrix, ...(results.comparisons ?? []).filter((c) => c.verdict === 'regressed')];
}

/** Whether any cell produced numbers: a run in which none did is no pass. */
export function anyCellMeasured(results: Results): boolean {
  return results.cells.some((c) => c.status === 'ok' || c.status === 'partial');
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/**
 * `musl/jemalloc: cpu +7.2% [+5.1%, +9.8%] (paired, same job)`, `arm64 musl/jemalloc: …` in a
 * merge of shards, or `all 8 cells together: …`.
 */
export function describeRegression(c: CellComparison | MatrixComparison): string {
  const interval = c.interval ? ` [${pct(c.interval[0])}, ${pct(c.interval[1])}]` : '';
  const change = c.change !== undefined ? pct(c.change) : '?';
  const arch = 'arch' in c && c.arch !== undefined ? `${archLabel(c.arch)} ` : '';
  const where = 'cells' in c ? `all ${c.cells} cells together` : `${arch}${c.libc}/${c.allocator}`;
  const how = c.paired
    ? 'paired, same job'
    : c.history !== undefined
      ? `cross-run, against ${c.history} stored run${c.history === 1 ? '' : 's'}`
      : 'cross-run';
  return `${where}: ${c.metric} ${change}${interval} (${how})`;
}
