// The data model shared by every module: what a run measures, what a cell is, and what the
// results file holds. Pure types only, so that any module can import it without side effects.

/** The C library a cell runs under. The host executor reports the host's own libc. */
export type LibcName = 'musl' | 'glibc';
export const LIBC_NAMES: readonly LibcName[] = ['musl', 'glibc'];

/** Which tree a variant runs: the pull request's head, or its base commit (baseline: base). */
export type TreeName = 'head' | 'base';

/** What the user asked to measure. A single CLI argument or the action's `run` is a shell script. */
export type Command = { kind: 'shell'; script: string } | { kind: 'argv'; argv: string[] };

/** An allocator as requested: one of the catalogue's names, or a custom library by path. */
export type AllocatorRequest =
  { name: string; kind: 'builtin' } | { name: string; kind: 'custom'; path: string };

/**
 * The status of one cell. `ok` is the only one that carries a full sample.
 * - `partial`: some measured runs failed; statistics come from the rest and no verdict is made.
 * - `failed`: the benchmark exited non-zero or died by a signal in every run (or setup failed).
 * - `timeout`: runs were killed by the per-run timeout.
 * - `oom`: the kernel's OOM killer ended the runs (memory-limit).
 * - `unavailable`: the allocator (or the whole libc environment) could not be provided.
 * - `not-applied`: the preload was proven not to reach the benchmark (static binary, cleared env).
 */
export type CellStatus = 'ok' | 'partial' | 'failed' | 'timeout' | 'oom' | 'unavailable' | 'not-applied';

/** How one run of the benchmark ended, as the measuring helper saw it. */
export type RunOutcome = 'exited' | 'signaled' | 'timeout' | 'oom' | 'exec-error';

export type RunKind = 'proof' | 'warmup' | 'measured';

/** One process seen by the tracer during a proof run, judged later by `proof.ts`. */
export interface TracedProcess {
  pid: number;
  /** The program image the process ended with (readlink of /proc/PID/exe), inside the environment. */
  exe: string;
  /** How many successful execve() calls the process made. */
  execs: number;
  /** True when the process had no dynamic loader (auxv AT_BASE == 0): a static binary. */
  static: boolean;
  /** True when the preloaded library was mapped when the process exited. */
  mapped: boolean;
  /** True when LD_PRELOAD was still in the process's environment at exit. */
  preloadInEnv: boolean;
}

/** One run of one variant, exactly as recorded. Times are milliseconds, memory KiB. */
export interface RunRecord {
  kind: RunKind;
  /** Measured round index from 0; -1 for proof and warm-up runs. */
  round: number;
  /** Position of this run within its round (the shuffled order), or the warm-up index. */
  position: number;
  outcome: RunOutcome;
  exitCode: number | null;
  signal: number | null;
  wallMs: number;
  userMs: number;
  sysMs: number;
  maxRssKiB: number;
  /** A short tail of the benchmark's output, kept only for runs that did not exit 0. */
  outputTail?: string;
  /** The helper's own message, e.g. why exec failed. */
  error?: string;
  /** Processes seen by the tracer; present on proof runs of preloaded cells. */
  processes?: TracedProcess[];
}

export type MetricName = 'wall' | 'cpu' | 'user' | 'sys' | 'rss';
export const METRICS: readonly MetricName[] = ['wall', 'cpu', 'user', 'sys', 'rss'];

/** Summary statistics of one metric of one cell. Units are those of the metric (ms or KiB). */
export interface Summary {
  n: number;
  median: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  mad: number;
  /** 95% confidence interval of the median, from a seeded bootstrap. */
  ci95: [number, number];
  /** Indices (into the successful measured samples) whose modified z-score exceeds 3.5. */
  outliers: number[];
}

export type CellSummaries = Record<MetricName, Summary>;

/** The result of the preload proof for one cell. */
export interface PreloadProof {
  /** `true` proven mapped, `false` proven not applied, `null` not checked (default allocator). */
  applied: boolean | null;
  library?: string;
  /** Human-readable explanation; always set when applied is false. */
  explanation?: string;
  processes?: TracedProcess[];
}

export interface CellResult {
  libc: LibcName;
  allocator: string;
  tree: TreeName;
  status: CellStatus;
  /** Why the cell is not `ok`: shown in the report verbatim (after escaping). */
  reason?: string;
  library?: string;
  proof?: PreloadProof;
  /** Every run: proof, warm-up and measured, in execution order. */
  runs: RunRecord[];
  /** Statistics over successful measured runs; absent when there are fewer than one. */
  summary?: CellSummaries;
  /** How many measured runs ended unsuccessfully. */
  failedRuns: number;
  /** Things a reader should know that do not change the status, e.g. a slow first run. */
  warnings?: string[];
}

/** Facts about one libc environment (a container, or the host). */
export interface EnvironmentInfo {
  libc: LibcName;
  executor: 'docker' | 'host';
  image?: string;
  imageDigest?: string;
  osRelease?: Record<string, string>;
  libcVersion?: string;
  /** musl only: `musl-perf`, `musl-default`, or `unknown`. */
  muslFlavor?: string;
  allocators: Record<
    string,
    { library?: string; version?: string; status: 'ready' | 'unavailable'; reason?: string }
  >;
  /** Set when the whole environment could not be prepared (image, setup, engine). */
  failure?: string;
  setupLogTail?: string;
}

export interface HostInfo {
  cpuModel: string;
  cores: number;
  kernel: string;
  arch: string;
  os: string;
}

/** The comparison against a baseline for one cell, filled by verdict.ts. */
export type Verdict = 'regressed' | 'improved' | 'unchanged' | 'inconclusive' | 'not-comparable';

export interface CellComparison {
  libc: LibcName;
  allocator: string;
  metric: 'wall' | 'cpu' | 'rss';
  verdict: Verdict;
  /** Relative change head/base - 1 (0.072 = +7.2%). */
  change?: number;
  /** Confidence interval of the relative change at the family-wise level used. */
  interval?: [number, number];
  /** One-sided p-value before Holm's correction. */
  pValue?: number;
  paired: boolean;
  reason?: string;
}

/**
 * The all-cells verdict: one stratified test of the change common to every comparable cell (each
 * cell a stratum), next to the per-cell verdicts. Filled by verdict.ts.
 */
export interface MatrixComparison {
  metric: 'wall' | 'cpu';
  verdict: Verdict;
  /** The common relative change head/base - 1 (a stratified Hodges–Lehmann estimate). */
  change?: number;
  /** Its two-sided confidence interval, at the level of the all-cells test's share of alpha. */
  interval?: [number, number];
  /** One-sided p-value of the test in the direction of the verdict, before alpha is shared. */
  pValue?: number;
  paired: boolean;
  /** How many cells were pooled. */
  cells: number;
  reason?: string;
}

/** How many measured rounds one environment ran, and why. */
export interface EnvironmentSizing {
  libc: LibcName;
  /** Measured rounds planned (every cell of the environment runs once per round). */
  rounds: number;
  /** Rounds the sizing asked for before the max-time budget trimmed them (auto only). */
  wanted?: number;
  /** The estimated time of one run of each variant (ms), from the proof and warm-up runs. */
  pilotMs?: Record<string, number>;
  /** Rounds added later to re-measure inconclusive cells. */
  extraRounds?: number;
}

/** How the sample size was chosen: fixed (`runs: N`) or from the pilot timings (`runs: auto`). */
export interface Sizing {
  mode: 'fixed' | 'auto';
  minRuns?: number;
  minTimeMs?: number;
  maxRuns?: number;
  maxTimeMs?: number;
  environments: EnvironmentSizing[];
  /** What the max-time budget cut, in words; absent when nothing was cut. */
  trimmed?: string;
}

export interface BaselineInfo {
  kind: 'none' | 'file' | 'base' | 'cache';
  /** Where it came from: a path, a commit, a cache key. */
  source?: string;
  commit?: string;
  createdAt?: string;
  paired: boolean;
  /** Set when a baseline was wanted but could not be had; the report says why. */
  unavailableReason?: string;
}

export interface Results {
  schema: 'malloc-matrix/results';
  version: 1;
  tool: { name: 'malloc-matrix'; version: string };
  name: string;
  command: Command;
  startedAt: string;
  finishedAt: string;
  seed: number;
  config: {
    executor: 'docker' | 'host';
    libcs: LibcName[];
    allocators: AllocatorRequest[];
    /** Measured rounds per cell: the fixed count, or with runs: auto the most any environment planned. */
    runs: number;
    warmup: number;
    timeoutMs: number;
    metric: 'wall' | 'cpu';
    envKeys: string[];
    setup?: string;
    images?: Partial<Record<LibcName, string>>;
  };
  host: HostInfo;
  environments: EnvironmentInfo[];
  cells: CellResult[];
  baseline?: BaselineInfo;
  comparisons?: CellComparison[];
  /** The all-cells verdict, when at least two cells could be compared. */
  matrix?: MatrixComparison;
  /** How many rounds each environment measured and why. */
  sizing?: Sizing;
  /** Set when the run as a whole could not be carried out (still written). */
  fatalError?: string;
  git?: { head?: string; base?: string; pr?: number };
}
