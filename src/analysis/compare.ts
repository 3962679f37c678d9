// Pure: turns the measured cells and a baseline into gate cells for verdict.ts. Paired when the
// base tree ran in the same rounds of the same container; unpaired against a stored result, in
// which case environments that differ (CPU model, image digest...) make cells not comparable.
import { compareEnvironments } from '../baseline/environments.js';
import { archOf, placeOf, sameCell } from '../results/arch.js';
import type { CellResult, EnvironmentInfo, HostInfo, Results, ShardInfo } from '../results/model.js';
import {
  gateSide,
  judgeGate,
  retryPlan,
  type GateCell,
  type GateJudgement,
  type GateSide,
  type PreviousLook,
} from './verdict.js';

export type { GateJudgement, PreviousLook, Remeasured } from './verdict.js';

export interface CompareRequest {
  cells: CellResult[];
  environments: EnvironmentInfo[];
  host: HostInfo;
  /** A stored result (file or cache); absent in paired mode. */
  baseline?: Results;
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
  /** A merge of shards: which machine each architecture's and libc's cells ran on. */
  shards?: ShardInfo[];
}

/** The baseline side of a cell the baseline never had (another allocator list, say). */
const NO_SUCH_CELL: GateSide = {
  status: 'failed',
  reason: 'the baseline has no such cell',
  timing: [],
  rss: [],
};

export function compareResults(request: CompareRequest): GateJudgement {
  const heads = request.cells.filter((c) => c.tree === 'head');
  const stored = request.baseline;
  const gateCells: GateCell[] = heads.map((head) => {
    const base = stored
      ? stored.cells.find((c) => c.tree === 'head' && sameCell(head, request, c, stored))
      : request.cells.find((c) => c.tree === 'base' && sameCell(head, request, c, request));
    const reasons = stored ? environmentReasons(request, stored, head) : [];
    return {
      libc: head.libc,
      allocator: head.allocator,
      head: gateSide(head, request.metric),
      baseline: base ? gateSide(base, request.metric) : NO_SUCH_CELL,
      ...(reasons.length > 0 ? { notComparableReason: reasons.join('; ') } : {}),
    };
  });
  const judgement = judgeGate(
    gateCells,
    {
      metric: request.metric,
      threshold: request.threshold,
      memoryThreshold: request.memoryThreshold,
      paired: request.paired,
      minRuns: request.minRuns,
      looks: request.looks,
      // A cell's printed interval is its one-sided 95% bounds (a two-sided 90% interval): the
      // bound a lone cell would be gated on. In the family its test is stricter (see verdict.ts).
      intervalLevel: 0.9,
    },
    request.previous,
  );
  // judgeGate gives two comparisons per cell (timing, then memory), in input order.
  const comparisons = judgement.comparisons.map((c, i) => {
    const arch = heads[i >> 1].arch;
    return arch === undefined ? c : { ...c, arch };
  });
  return { ...judgement, comparisons };
}

/** Why a head cell's machine or environment differs from the stored baseline's, per architecture. */
function environmentReasons(request: CompareRequest, stored: Results, head: CellResult): string[] {
  const arch = archOf(request, head);
  const here = placeOf(request, arch, head.libc);
  return compareEnvironments(here, placeOf(stored, arch, head.libc))[head.libc] ?? [];
}

/** What to re-measure before the next look (empty when nothing is inconclusive). */
export const cellsToRemeasure = retryPlan;
