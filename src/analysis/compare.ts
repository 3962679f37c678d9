// Pure: turns the measured cells and a baseline into gate cells for verdict.ts. Paired when the
// base tree ran in the same rounds of the same container; cross-run against stored results (a
// file, files or the cache: the newest first), judged on the history's between-run spread by
// cross-run-gate.ts. A stored run whose machine or environment differs (CPU model, image
// digest...) is left out for the places (architecture and libc) it differs in; with none left,
// that place's cells are not comparable.
import { compareEnvironments } from '../baseline/environments.js';
import { archLabel, archOf, placeOf, sameCell } from '../results/arch.js';
import type {
  CellResult,
  EnvironmentInfo,
  HistoryEntry,
  HostInfo,
  LibcName,
  ProbeResults,
  Results,
  ShardInfo,
} from '../results/model.js';
import {
  crossRunAnalyser,
  historyEntry,
  machineCheckOf,
  normalizesByProbe,
  type RunTimes,
} from './cross-run-gate.js';
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
export { leftUnsettled } from './verdict.js';

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
  /** Largest tolerated peak RSS growth (a fraction). */
  memoryThreshold: number;
  minRuns: number;
  /** How many times the data may be looked at (1 + retries); alpha is split between them. */
  looks: number;
  /** The earlier look and what was re-measured since; absent on the first look. */
  previous?: PreviousLook;
  /** A merge of shards: which machine each architecture's and libc's cells ran on. */
  shards?: ShardInfo[];
  /** Cross-run: divide times by the calibration probe (default NORMALIZE_BY_PROBE). */
  normalize?: boolean;
}

/** What a cross-run comparison adds to the baseline record. */
export interface CrossRunRecord {
  history: HistoryEntry[];
  machineFactor?: number;
  /** How far the probe may move (a fraction) before the machine counts as another. */
  machineTolerance?: number;
  /** How many stored runs the probe was compared with. */
  machineRuns?: number;
  /** The probe moved beyond that: no cross-run verdict could fail the step. */
  machineDiffers?: boolean;
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
      const base = request.cells.find((c) => c.tree === 'base' && sameCell(head, request, c, request));
      return {
        ...cellKey(request, head),
        head: gateSide(head, request.metric),
        baseline: sideOf(base, request),
      };
    });
    return withArch(heads, judgeGate(gateCells, options, request.previous));
  }
  const usable = usableHistory(request, heads, request.history);
  const gateCells = heads.map((head): GateCell => {
    const place = placeKey(request, head);
    const newest = usable.find((run) => !run.excluded.has(place));
    const reasons = usable[0].reasons.get(place) ?? [];
    const stored = newest?.view.cells.find(
      (c) => c.tree === 'head' && sameCell(head, request, c, newest.view),
    );
    return {
      ...cellKey(request, head),
      head: gateSide(head, request.metric),
      baseline: sideOf(stored, request),
      ...(newest === undefined ? { notComparableReason: reasons.join('; ') } : {}),
    };
  });
  const current = { cells: request.cells, probe: request.probe, host: request.host };
  const views = usable.filter((run) => run.view.cells.length > 0).map((run) => run.view);
  // The probe is compared place by place, each stored run only in the places of the same kind of
  // machine and environment: a run left out in one libc still speaks for the other.
  const machine = machineCheckOf(
    current,
    usable.map((run) => probeInPlaces(request, run)),
    request.metric,
  );
  const input = {
    head: current,
    history: views,
    metric: request.metric,
    minRuns: request.minRuns,
    ...(request.normalize !== undefined ? { normalize: request.normalize } : {}),
    ...(machine ? { machine } : {}),
  };
  const judgement = judgeGate(gateCells, options, request.previous, crossRunAnalyser(input));
  return {
    ...withArch(heads, judgement),
    crossRun: {
      history: usable.map((run) =>
        historyEntry(run.stored.results, run.stored.source, request.metric, run.note, partlyLeftOut(run)),
      ),
      ...(machine
        ? {
            machineFactor: Math.expm1(machine.change),
            machineTolerance: Math.expm1(machine.tolerance),
            machineRuns: machine.stored,
            machineDiffers: machine.differs,
          }
        : {}),
      normalized: normalizesByProbe(input),
    },
  };
}

/** judgeGate gives two comparisons per cell (timing, then memory), in input order: name their arch. */
function withArch(heads: readonly CellResult[], judgement: GateJudgement): GateJudgement {
  const comparisons = judgement.comparisons.map((c, i) => {
    const arch = heads[i >> 1].arch;
    return arch === undefined ? c : { ...c, arch };
  });
  return { ...judgement, comparisons };
}

function cellKey(request: CompareRequest, cell: CellResult): Pick<GateCell, 'libc' | 'allocator' | 'arch'> {
  return { libc: cell.libc, allocator: cell.allocator, arch: archOf(request, cell) };
}

function sideOf(cell: CellResult | undefined, request: CompareRequest): GateSide {
  return cell ? gateSide(cell, request.metric) : NO_SUCH_CELL;
}

/** A stored run's view whose probe keeps only the environments of places not left out. */
function probeInPlaces(request: CompareRequest, run: UsableRun): RunTimes {
  const { view, excluded } = run;
  if (!view.probe || excluded.size === 0) return view;
  const environments = view.probe.environments.filter(
    (e) => !excluded.has(placeKey(request, { libc: e.libc, arch: archOf(view, e) })),
  );
  return { ...view, probe: { ...view.probe, environments } };
}

/** `musl`, or `arm64 musl` for a place on another architecture than this run's host. */
function placeKey(request: CompareRequest, cell: { libc: LibcName; arch?: string }): string {
  const arch = archOf(request, cell);
  return arch === request.host.arch ? cell.libc : `${archLabel(arch)} ${cell.libc}`;
}

interface UsableRun {
  stored: StoredRun;
  /** The run without the cells of the places it cannot be compared in. */
  view: Results;
  /** The places (placeKey) left out. */
  excluded: Set<string>;
  /** Why, per place this run measured. */
  reasons: Map<string, string[]>;
  /** Why some or all of it was left out. */
  note?: string;
}

/**
 * Every stored run, newest first, with the places whose machine or environment differs from this
 * run's left out (the record keeps them all and says what was left out).
 */
function usableHistory(
  request: CompareRequest,
  heads: readonly CellResult[],
  history: StoredRun[],
): UsableRun[] {
  return history.map((stored): UsableRun => {
    const reasons = new Map<string, string[]>();
    for (const head of heads) {
      const place = placeKey(request, head);
      if (reasons.has(place)) continue;
      const arch = archOf(request, head);
      const here = placeOf(request, arch, head.libc);
      reasons.set(
        place,
        compareEnvironments(here, placeOf(stored.results, arch, head.libc))[head.libc] ?? [],
      );
    }
    const excluded = new Set([...reasons].filter(([, why]) => why.length > 0).map(([place]) => place));
    const keep = (c: CellResult) =>
      !excluded.has(placeKey(request, { ...c, arch: archOf(stored.results, c) }));
    const view = { ...stored.results, cells: stored.results.cells.filter(keep) };
    const note =
      excluded.size === 0
        ? undefined
        : [...excluded].map((place) => `${place}: ${reasons.get(place)!.join('; ')}`).join(' · ');
    return { stored, view, excluded, reasons, ...(note !== undefined ? { note } : {}) };
  });
}

/** The places a stored run was left out in, when it still counts in others (undefined otherwise). */
function partlyLeftOut(run: UsableRun): string[] | undefined {
  return run.excluded.size > 0 && run.excluded.size < run.reasons.size ? [...run.excluded] : undefined;
}

/** What to re-measure before the next look (empty when nothing is inconclusive). */
export const cellsToRemeasure = retryPlan;
