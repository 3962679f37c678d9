// Pure: the results record of a run, assembled from what the measurement has so far. Called at
// the end of a run, and by a signal handler in the middle of one (partial results).
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import type { Comparison } from '../analysis/compare.js';
import type {
  BaselineInfo,
  CellResult,
  EnvironmentInfo,
  HostInfo,
  LibcName,
  ProbeResults,
  Results,
  Sizing,
  TreeName,
} from '../results/model.js';

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
  /** The gate's comparisons and all-cells verdict, once there is a baseline to judge against. */
  judgement?: Comparison;
  /** How many rounds each environment measured and why. */
  sizing?: Sizing;
  /** Measured rounds per cell: the fixed count, or with runs: auto the most any environment planned. */
  roundsPerCell: number;
  fatalError?: string;
}

export function assembleResults(p: RunRecordParts): Results {
  const { config, libcs, baseline, github } = p;
  return {
    schema: 'malloc-matrix/results',
    version: 1,
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
      runs: p.roundsPerCell,
      warmup: config.warmup,
      timeoutMs: config.timeoutMs,
      metric: config.metric,
      envKeys: config.env.map(([k]) => k),
      ...(config.setup !== undefined ? { setup: config.setup } : {}),
      ...(config.executor === 'docker'
        ? { images: Object.fromEntries(libcs.map((l) => [l, config.images[l]])) }
        : {}),
    },
    host: p.host,
    environments: p.environments,
    cells: p.cells,
    baseline: { ...baseline, ...p.judgement?.crossRun },
    ...(p.judgement ? { comparisons: p.judgement.comparisons } : {}),
    ...(p.judgement?.matrix ? { matrix: p.judgement.matrix } : {}),
    ...(p.sizing ? { sizing: p.sizing } : {}),
    ...(p.probe ? { probe: p.probe } : {}),
    ...(p.fatalError ? { fatalError: p.fatalError } : {}),
    git: {
      ...(github.headSha ? { head: github.headSha } : {}),
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
