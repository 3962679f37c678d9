// Pure: the results record of a run, assembled from what the measurement has so far. Called at
// the end of a run, and by a signal handler in the middle of one (partial results).
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import type { CrossRunRecord } from '../analysis/compare.js';
import type {
  AllocationComparison,
  AllocationProfile,
  BaselineInfo,
  CellComparison,
  CellResult,
  EnvironmentInfo,
  HostInfo,
  LibcName,
  MatrixComparison,
  ProbeResults,
  Results,
  Sizing,
  TreeName,
} from '../results/model.js';
import { RESULTS_VERSION } from '../results/model.js';

export interface RunRecordParts {
  config: Config;
  toolVersion: string;
  host: HostInfo;
  github: GitHubContext;
  libcs: LibcName[];
  startedAt: string;
  finishedAt: string;
  environments: EnvironmentInfo[];
  cells: CellResult[];
  /** The calibration probe's samples, once any round was measured. */
  probe?: ProbeResults;
  baseline: BaselineInfo;
  /** Whether the base tree was checked out for this run (it is then named in `git.base`). */
  hasBaseTree: boolean;
  /** The working tree measured as head, when it was read from git rather than from the event. */
  head?: { commit: string; dirty: boolean };
  /** Measured rounds per cell: the fixed count, or with runs: auto the most planned. */
  runs: number;
  /** How the rounds were sized; absent before the measurement sized them. */
  sizing?: Sizing;
  comparisons?: CellComparison[];
  /** The all-cells verdict, when at least two cells could be compared. */
  matrix?: MatrixComparison;
  /** What a cross-run comparison learned from the stored runs; merged into the baseline record. */
  crossRun?: CrossRunRecord;
  fatalError?: string;
  /** The allocation profiles and, against a baseline's, the allocation gate's rows. */
  profiles?: AllocationProfile[];
  allocationComparisons?: AllocationComparison[];
}

export function assembleResults(p: RunRecordParts): Results {
  const { config, libcs, baseline, github } = p;
  return {
    schema: 'malloc-matrix/results',
    version: RESULTS_VERSION,
    tool: { name: 'malloc-matrix', version: p.toolVersion },
    name: config.name,
    command: config.command,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    seed: config.seed,
    config: {
      executor: config.executor,
      libcs,
      allocators: config.allocators,
      runs: p.runs,
      warmup: config.warmup,
      timeoutMs: config.timeoutMs,
      metric: config.metric,
      memoryThreshold: config.memoryThreshold,
      ...(config.allocationThreshold !== undefined
        ? { allocationThreshold: config.allocationThreshold }
        : {}),
      envKeys: config.env.map(([k]) => k),
      ...(config.setup !== undefined ? { setup: config.setup } : {}),
      ...(config.executor === 'docker'
        ? { images: Object.fromEntries(libcs.map((l) => [l, config.images[l]])) }
        : {}),
    },
    host: p.host,
    environments: p.environments,
    cells: p.cells,
    baseline: { ...baseline, ...p.crossRun },
    ...(p.comparisons ? { comparisons: p.comparisons } : {}),
    ...(p.profiles ? { profiles: p.profiles } : {}),
    ...(p.allocationComparisons ? { allocationComparisons: p.allocationComparisons } : {}),
    ...(p.matrix ? { matrix: p.matrix } : {}),
    ...(p.sizing ? { sizing: p.sizing } : {}),
    ...(p.probe ? { probe: p.probe } : {}),
    ...(p.fatalError ? { fatalError: p.fatalError } : {}),
    git: {
      ...(p.head
        ? { head: p.head.commit, dirty: p.head.dirty }
        : github.headSha
          ? { head: github.headSha }
          : {}),
      ...(p.hasBaseTree && baseline.commit ? { base: baseline.commit } : {}),
      ...(github.prNumber ? { pr: github.prNumber } : {}),
    },
  };
}

/**
 * Why no base cell was measured while some head cell was (e.g. the base's setup failed in every
 * environment), or undefined when the base can be compared.
 */
export function unmeasuredBase(cells: CellResult[]): string | undefined {
  const measured = (tree: TreeName) => cells.some((c) => c.tree === tree && c.summary !== undefined);
  if (measured('base') || !measured('head')) return undefined;
  const reasons = new Set(cells.filter((c) => c.tree === 'base' && c.reason).map((c) => c.reason!));
  return reasons.size > 0 ? [...reasons].join('; ') : 'no base cell could be measured';
}

/**
 * Whether results are worth a file: not when the run stopped before any cell existed (no
 * engine, a bad baseline file), where the file would only repeat the error message.
 */
export function worthWriting(results: Results | undefined): results is Results {
  return results !== undefined && results.cells.length > 0;
}
