// The ports of the application core, declared here by their consumer: the core calls them,
// executors/ and baseline/ implement them, app/system.ts plugs the real ones in for the two entry
// adapters, and __tests__/fakes/ holds a typed fake of each. Types only: importing this module
// runs nothing.
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import type { Executor } from '../measure/executor.js';
import type { ProgressSink } from '../measure/session.js';
import type { HostInfo, LibcName, Results } from '../results/model.js';

/** Lines, warnings and collapsible groups: the job log in the action, stderr in the CLI. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * True when a GitHub Actions runner reads this log and obeys the workflow commands in it
   * (`::error::`, `::stop-commands::`): output from inside a container is then fenced off.
   */
  readonly readsCommands?: boolean;
}

/** A line for the log, said by a port that does not log itself. */
export interface Notice {
  level: 'info' | 'warning';
  message: string;
}

/** The base commit's tree, checked out beside the head's. */
export interface PreparedBaseTree {
  dir: string;
  commit: string;
  /** Base and head hold the same tree: measured anyway, as an A/A run. */
  sameTreeAsHead?: boolean;
}

/** The working tree measured as head: its commit, and whether it has changes beyond it. */
export interface WorkingTreeState {
  commit: string;
  dirty: boolean;
}

/** A git revision resolved in the workspace's repository, or why it could not be. */
export type ResolvedRevision = { commit: string; head: WorkingTreeState } | { error: string };

/** Where the baseline comes from: a results file, the base commit, or the cache. */
export interface BaselineSources {
  readFile(path: string): Promise<Results>;
  /** The files a `baseline` path names: itself, or (a pattern with * or ?) every match, sorted. */
  findFiles(pattern: string): Promise<string[]>;
  /** The commit a revision (origin/main, HEAD~3, a tag) names, and the working tree's state. */
  resolveRevision(ref: string): Promise<ResolvedRevision>;
  /** Prepares the base commit's tree; an error string when it cannot be had. */
  prepareBaseTree(baseSha: string): Promise<PreparedBaseTree | { error: string }>;
  /** Drops the base worktree (best effort). */
  cleanupBaseTree(): Promise<void>;
  /** The branch's stored history (newest first), with notes on runs left out; or why there is none. */
  restoreCache(
    branch: string,
  ): Promise<{ runs: Results[]; key: string; notes: string[] } | { warning: string }>;
  /**
   * Offers these results to the cache as the branch's newest, with the history before them
   * (`previous`, or when not given, what the cache holds for the branch); never throws.
   */
  saveCache(results: Results, previous?: Results[]): Promise<Notice>;
}

export interface BaselineSourcesRequest {
  config: Config;
  github: GitHubContext;
  /** Host directory of the head tree. */
  workspace: string;
  /** The libcs this run measures: a cached baseline must have measured the same. */
  libcs: LibcName[];
  /** The run's scratch directory (the base worktree goes there); removed when the run ends. */
  tmpDir: string;
}

export type BaselineSourcesFactory = (request: BaselineSourcesRequest) => BaselineSources;

export interface ExecutorContext {
  /** Labels everything the executor creates, so that leftovers can be found by it. */
  runId: string;
  log: Logger;
  /** The user's benchmark environment. */
  env: Record<string, string>;
}

/** Creates the executor the config asks for, and the libcs it will measure. */
export type ExecutorFactory = (
  config: Config,
  ctx: ExecutorContext,
) => Promise<{ executor: Executor; libcs: LibcName[] }>;

export interface Clock {
  now(): Date;
}

/** The process the adapters run in: signals in, an exit code out. */
export interface ProcessControl {
  /** Calls handler on SIGINT and SIGTERM; returns the function that stops listening. */
  onSignal(handler: (signal: NodeJS.Signals) => void): () => void;
  exit(code: number): void;
}

/** The real world as both entry adapters use it; tests hand in fakes. */
export interface Services {
  createExecutor: ExecutorFactory;
  /** The baseline sources; `cacheDir` is where the CLI keeps `baseline: cache` results. */
  createBaselines: (request: BaselineSourcesRequest, cacheDir?: string) => BaselineSources;
  readHost: () => HostInfo;
  clock: Clock;
  newRunId: () => string;
  process: ProcessControl;
}

/** Everything one benchmark run needs from outside the core. */
export interface RunPorts {
  createExecutor: ExecutorFactory;
  createBaselines: BaselineSourcesFactory;
  log: Logger;
  progress: ProgressSink;
  github: GitHubContext;
  host: HostInfo;
  /** Host directory of the head tree (the workspace). */
  workspace: string;
  /** Where the run's scratch directory is made. */
  tempRoot: string;
  clock: Clock;
  newRunId: () => string;
  toolVersion: string;
}
