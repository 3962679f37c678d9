// The one typed configuration every run is described by. Built once by inputs.ts from the
// action's inputs or the CLI's options; nothing else reads raw inputs.
import type { AllocatorRequest, Command, LibcName } from '../results/model.js';

export type ExecutorKind = 'docker' | 'host';
export type PullPolicy = 'always' | 'missing' | 'never';
export type CommentMode = 'always' | 'on-regression' | 'never';
export type GatedMetric = 'wall' | 'cpu';
export type Mode = 'benchmark' | 'report' | 'shard' | 'merge';
export type ProfileMode = 'off' | 'default' | 'all';

/**
 * Where the baseline comes from. `auto` is resolved against the event by baseline/select.ts; a
 * `ref` (any git commit-ish: origin/main, HEAD~3, a tag) is checked out beside the working tree.
 */
export type BaselineSpec =
  | { kind: 'none' }
  | { kind: 'auto' }
  | { kind: 'base' }
  | { kind: 'cache' }
  | { kind: 'file'; path: string }
  | { kind: 'ref'; ref: string };

export interface Config {
  /**
   * `benchmark` measures; `report` only renders and comments an existing results file; `shard`
   * measures one job's part of a matrix and uploads it; `merge` merges the shards and gates.
   */
  mode: Mode;
  /** The report's heading and the sticky comment's identity. Defaults to the command. */
  name: string;
  /** The benchmark. A shell script (`run`, or one CLI argument) or an argv (several CLI arguments). */
  command: Command;
  executor: ExecutorKind;
  /** Flavours to run under the docker executor. The host executor uses the host's libc. */
  libcs: LibcName[];
  /** The cells' allocators: the `allocators` list, then the `variants` in their order. */
  allocators: AllocatorRequest[];
  /**
   * Measured rounds (runs per cell): a fixed count, or `auto` to size them from the pilot
   * timings (proof and warm-up runs) before any comparison, with the four settings below.
   */
  runs: number | 'auto';
  /** runs: auto: the fewest rounds. */
  minRuns: number;
  /** runs: auto: the measured time each cell should get per tree, in milliseconds. */
  minTimeMs: number;
  /** runs: auto: the most rounds. */
  maxRuns: number;
  /** runs: auto: the budget of the whole run in milliseconds; rounds are trimmed evenly to fit it. */
  maxTimeMs: number;
  /** Discarded runs per cell before the measured rounds. */
  warmup: number;
  /** Seed of the round order and of every bootstrap; recorded in the results. */
  seed: number;
  /** Per-run timeout in milliseconds. */
  timeoutMs: number;
  /** Extra environment for the benchmark, in the order given. */
  env: [string, string][];
  /** Directory (relative to the workspace) the benchmark and setup run in. */
  workingDirectory: string;
  images: Record<LibcName, string>;
  /** Shell command run once per environment (and tree) before measuring. */
  setup?: string;
  /** Time limit of each setup run, in milliseconds. */
  setupTimeoutMs: number;
  pull: PullPolicy;
  /** Docker memory limit for each container, e.g. `512m`; absent: a share of the runner's memory. */
  memoryLimit?: string;
  /** Docker's `--pids-limit` for each container. */
  pidsLimit: number;
  /** What each container may write to its disk, e.g. `4g`; absent: the executor's default. */
  diskLimit?: string;
  metric: GatedMetric;
  /** Largest tolerated slowdown, as a fraction (0.05 = 5%). */
  threshold: number;
  /** Largest tolerated growth of peak RSS, as a fraction. */
  memoryThreshold: number;
  /** Which cells get an allocation profile: the libc default's (`default`), every one, or none. */
  profile: ProfileMode;
  /** Largest tolerated increase of allocation calls and bytes requested; undefined: not gated. */
  allocationThreshold?: number;
  baseline: BaselineSpec;
  /** Stored runs a cross-run comparison learns the between-run spread from; the cache keeps as many. */
  history: number;
  /** Re-runs of inconclusive cells before the verdict. */
  retries: number;
  failOnRegression: boolean;
  allowDifferentCommand: boolean;
  requireBaseline: boolean;
  cacheKeyPrefix: string;
  comment: CommentMode;
  /** Never logged, never written to results, never passed into a container. */
  githubToken?: string;
  /** Report mode: the results file to report on. */
  resultsFile?: string;
  /** Shard mode: the shard's name in its artifact; derived from the arch, libcs and allocators when absent. */
  shardId?: string;
  /** Overrides the pull request number (report mode after workflow_run). */
  prNumber?: number;
  /** Where to write the results JSON and the markdown report (CLI; the action picks a temp path). */
  jsonPath?: string;
  markdownPath?: string;
  /** CLI: where to write the Bencher Metric Format and github-action-benchmark exports. */
  exportBmfPath?: string;
  exportGabPath?: string;
}
