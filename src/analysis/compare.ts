// Pure: turns the measured cells and a baseline into gate cells for verdict.ts. Paired when the
// base tree ran in the same rounds of the same container; cross-run against stored results (a
// file, files or the cache: the newest first), judged on the history's between-run spread by
// cross-run-gate.ts. A stored run whose environment differs (CPU model, image digest...) is left
// out for the libcs it differs in; with none left, that libc's cells are not comparable.
import { compareEnvironments } from '../baseline/environments.js';
import type {
  CellResult,
  EnvironmentInfo,
  HistoryEntry,
  HostInfo,
  LibcName,
  ProbeResults,
  Results,
} from '../results/model.js';
import { crossRunAnalyser, historyEntry, machineFactor, normalizesByProbe } from './cross-run-gate.js';
import {
  gateSide,
  judgeGate,
  retryPlan,
  type GateCell,
  type GateJudgement,
  type GateOptions,
  type GateSide,
  type PreviousLook,
} from './verdict.js';

export type { GateJudgement, PreviousLook, Remeasured } from './verdict.js';

/** A run stored by another job, and where it came from (a cache key, a file). */
export interface StoredRun {
  results: Results;
  source: string;
}

export interface CompareRequest {
  cells: CellResult[];
  environments: EnvironmentInfo[];
  host: HostInfo;
  /** This run's calibration probe samples. */
  probe?: ProbeResults;
  /** Stored runs (file, files or cache), newest first; absent in paired mode. */
  history?: StoredRun[];
  paired: boolean;
  metric: 'wall' | 'cpu';
  threshold: number;
  memoryThreshold: number;
  /** Fewest samples for a verdict: the rounds planned, so a partial sample is never judged. */
  minRuns: number;
  /** Looks planned: 1 + retries (alpha is split evenly between them). */
  looks: number;
  /** The earlier look and what was re-measured since; absent on the first look. */
  previous?: PreviousLook;
  /** Cross-run: divide times by the calibration probe (default NORMALIZE_BY_PROBE). */
  normalize?: boolean;
}

/** What a cross-run comparison adds to the baseline record. */
export interface CrossRunRecord {
  history: HistoryEntry[];
  machineFactor?: number;
  normalized: boolean;
}

export type Comparison = GateJudgement & { crossRun?: CrossRunRecord };

/** The baseline side of a cell the baseline never had (another allocator list, say). */
const NO_SUCH_CELL: GateSide = {
  status: 'failed',
  reason: 'the baseline has no such cell',
  timing: [],
  rss: [],
};

export function compareResults(request: CompareRequest): Comparison {
  const heads = request.cells.filter((c) => c.tree === 'head');
  const options: GateOptions = {
    metric: request.metric,
    threshold: request.threshold,
    memoryThreshold: request.memoryThreshold,
    paired: request.paired,
    minRuns: request.minRuns,
    looks: request.looks,
    // A cell's printed interval is its one-sided 95% bounds (a two-sided 90% interval): the
    // bound a lone cell would be gated on. In the family its test is stricter (see verdict.ts).
    intervalLevel: 0.9,
  };
  if (request.history === undefined || request.history.length === 0) {
    const gateCells = heads.map((head): GateCell => {
      const base = request.cells.find(
        (c) => c.tree === 'base' && c.libc === head.libc && c.allocator === head.allocator,
      );
      return { ...cellKey(head), head: gateSide(head, request.metric), baseline: sideOf(base, request) };
    });
    return judgeGate(gateCells, options, request.previous);
  }
  const usable = usableHistory(request, request.history);
  const gateCells = heads.map((head): GateCell => {
    const newest = usable.find((run) => !run.excluded.has(head.libc));
    const reasons = usable[0].differences[head.libc] ?? [];
    return {
      ...cellKey(head),
      head: gateSide(head, request.metric),
      baseline: sideOf(newest && findHeadCell(newest.view, head), request),
      ...(newest === undefined ? { notComparableReason: reasons.join('; ') } : {}),
    };
  });
  const current = { cells: request.cells, probe: request.probe };
  const views = usable.filter((run) => run.view.cells.length > 0).map((run) => run.view);
  const input = {
    head: current,
    history: views,
    metric: request.metric,
    minRuns: request.minRuns,
    ...(request.normalize !== undefined ? { normalize: request.normalize } : {}),
  };
  const analyser = crossRunAnalyser(input);
  const judgement = judgeGate(gateCells, options, request.previous, analyser);
  const sameMachineKind = usable.filter((run) => run.excluded.size === 0).map((run) => run.view);
  const factor = machineFactor(current, sameMachineKind, request.metric);
  return {
    ...judgement,
    crossRun: {
      history: usable.map((run) =>
        historyEntry(run.stored.results, run.stored.source, request.metric, run.note),
      ),
      ...(factor !== undefined ? { machineFactor: factor } : {}),
      normalized: normalizesByProbe(input),
    },
  };
}

function cellKey(cell: CellResult): { libc: LibcName; allocator: string } {
  return { libc: cell.libc, allocator: cell.allocator };
}

function findHeadCell(run: Pick<Results, 'cells'>, like: CellResult): CellResult | undefined {
  return run.cells.find((c) => c.tree === 'head' && c.libc === like.libc && c.allocator === like.allocator);
}

function sideOf(cell: CellResult | undefined, request: CompareRequest): GateSide {
  return cell ? gateSide(cell, request.metric) : NO_SUCH_CELL;
}

interface UsableRun {
  stored: StoredRun;
  /** The run without the cells of the libcs it cannot be compared in. */
  view: Results;
  excluded: Set<LibcName>;
  differences: Partial<Record<LibcName, string[]>>;
  /** Why some or all of it was left out. */
  note?: string;
}

/**
 * Every stored run, newest first, with the libcs whose environment differs from this run's left
 * out (the record keeps them all and says what was left out).
 */
function usableHistory(request: CompareRequest, history: StoredRun[]): UsableRun[] {
  const place = { host: request.host, environments: request.environments };
  return history.map((stored): UsableRun => {
    const differences = compareEnvironments(place, stored.results);
    const excluded = new Set(
      (Object.keys(differences) as LibcName[]).filter((libc) => (differences[libc] ?? []).length > 0),
    );
    const view = { ...stored.results, cells: stored.results.cells.filter((c) => !excluded.has(c.libc)) };
    const note =
      excluded.size === 0
        ? undefined
        : [...excluded].map((libc) => `${libc}: ${differences[libc]!.join('; ')}`).join(' · ');
    return { stored, view, excluded, differences, ...(note !== undefined ? { note } : {}) };
  });
}

/** What to re-measure before the next look (empty when nothing is inconclusive). */
export const cellsToRemeasure = retryPlan;
