// The one small interface every executor implements: prepare a libc environment, then run
// whole batches of runs in it through the measuring helper. The engine knows nothing else.
import type { AllocatorResolutionRequest } from '../config/allocators.js';
import type {
  EnvironmentInfo,
  LibcName,
  ProbeSample,
  RunKind,
  RunRecord,
  TreeName,
} from '../results/model.js';
import { describeBytes, withThousands } from '../base/units.js';

/** One program variant: a tree under an allocator, with its environment and argv. */
export interface Variant {
  /** Stable id within a batch, e.g. `musl/jemalloc/head`. */
  id: string;
  argv: string[];
  /** Working directory inside the environment. */
  cwd: string;
  env: Record<string, string>;
  /** Absolute library path inside the environment; absent for the libc default. */
  preload?: string;
  /** The shell's path when argv runs a shell script; the proof ignores processes running only it. */
  shell?: string;
  timeoutMs: number;
}

/** One run of a variant's program. */
export interface PlannedRun {
  variantId: string;
  kind: RunKind;
  round: number;
  position: number;
}

/** The calibration probe, which the helper runs itself, in its place in a measured round. */
export interface PlannedProbe {
  kind: 'probe';
  round: number;
  position: number;
}

export type PlannedStep = PlannedRun | PlannedProbe;

export interface Batch {
  variants: Variant[];
  runs: PlannedStep[];
}

/** What the helper reports for one run of a variant. */
export interface CellRecord {
  variantId: string;
  record: RunRecord;
}

/** What the helper reports for one planned step: a run of a variant, or a probe. */
export type BatchRecord = CellRecord | { probe: ProbeSample };

export function isProbe(step: PlannedStep): step is PlannedProbe {
  return step.kind === 'probe';
}

/** What the engine asks an executor to provide for one libc. */
export interface EnvironmentRequest {
  libc: LibcName;
  /** Trees to make available: head always, base in `baseline: base` mode. Host paths. */
  trees: Partial<Record<TreeName, string>>;
  /** Relative working directory within each tree. */
  workingDirectory: string;
  setup?: string;
  /** Each setup run is stopped after this long and fails its tree (absent: no limit). */
  setupTimeoutMs?: number;
  /** Allocators to resolve: builtin names, custom paths, or variants of either. */
  allocators: AllocatorResolutionRequest[];
}

/** A prepared libc environment, e.g. one long-lived container. */
export interface PreparedEnvironment {
  info: EnvironmentInfo;
  /** Absolute path inside the environment of each tree's working directory. */
  treeDirs: Partial<Record<TreeName, string>>;
  /** Trees whose setup failed in this environment, with the reason. */
  treeFailures: Partial<Record<TreeName, string>>;
  /** The shell used for shell commands inside this environment. */
  shell: string;
  /** Runs a whole batch with one helper process; calls onRecord as each run finishes. */
  runBatch(batch: Batch, onRecord: (r: BatchRecord) => void): Promise<void>;
  dispose(): Promise<void>;
  /** The allocation profiler in this environment, or why there is none. */
  profiler?: ProfilerAccess | { unavailable: string };
}

/**
 * How much of one profiling run's records is read back. The profiler writes a record of a few
 * KiB per process; the benchmark can write into the same directory (MM_PROFILE_DIR), so what it
 * leaves there is bounded like any other output: past either limit the profile fails, and says why.
 */
export const PROFILE_RECORD_LIMITS = { records: 10_000, bytes: 32 * 1024 * 1024 };

/** The reason a profile fails when its directory held more than `limits`. */
export function tooManyRecords(limits: typeof PROFILE_RECORD_LIMITS): string {
  return `the profile directory held more than ${withThousands(limits.records)} records or ${describeBytes(limits.bytes)}: more than the profiler writes, so the benchmark wrote into MM_PROFILE_DIR too`;
}

/** What a profiling run needs from an environment: the library, and a place for its records. */
export interface ProfilerAccess {
  /** The profiler library's path inside the environment, for LD_PRELOAD. */
  library: string;
  /** Creates an empty directory for one run's records; its path inside the environment. */
  newRecordDir(): Promise<string>;
  /**
   * The text of every record file in the directory, which is then removed; throws (with
   * tooManyRecords) past PROFILE_RECORD_LIMITS.
   */
  collectRecords(dir: string): Promise<string[]>;
}

/**
 * Thrown by an executor when no environment can be had at all (no container engine): the whole
 * run stops, where a failure of one environment only marks its cells.
 */
export class ExecutorUnavailableError extends Error {
  override readonly name = 'ExecutorUnavailableError';
}

export interface Executor {
  readonly kind: 'docker' | 'host';
  /** Resolves when the environment is ready, or with info.failure set when it could not be. */
  prepare(request: EnvironmentRequest): Promise<PreparedEnvironment>;
  /** Removes everything this executor created (idempotent; used on cancellation too). */
  cleanup(): Promise<void>;
}
