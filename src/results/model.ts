// The data model shared by every module: what a run measures, what a cell is, and what the
// results file (version 2) holds. It is written once, as zod schemas, and every TypeScript type
// here is inferred from them, so the types, the validation of external files (schema.ts) and
// the published JSON Schema (docs/results-schema.json) cannot drift apart.
//
// Objects strip unknown keys rather than reject them: a later writer of the same version may add
// optional fields, and an older reader should still compare against its file.
import { z } from 'zod';
import { allocationSchemas } from './profile-model.js';
import { environmentSchema } from './environment-model.js';
import { matrixComparison, sizing } from './gate-schema.js';
import { allocatorName, arch, hostInfo, shardInfo } from './place-schema.js';
import { allocatorRequest, command } from './request-schema.js';
import { crossRunBaseline, crossRunComparison, probeSection } from './cross-run-schema.js';

export const RESULTS_SCHEMA_ID = 'malloc-matrix/results';
/** Version 2 added the calibration probe and the cross-run history; schema.ts still reads 1. */
export const RESULTS_VERSION = 2;

const count = z.int().nonnegative();
/** Milliseconds or KiB: finite (zod rejects NaN and Infinity) and never negative. */
const measure = z.number().nonnegative();
const executorKind = z.enum(['docker', 'host']);
const timestamp = z.iso.datetime({ offset: true });

const libc = z.enum(['musl', 'glibc']).describe('The C library a cell or environment runs under.');
/** The C library a cell runs under. The host executor reports the host's own libc. */
export type LibcName = z.infer<typeof libc>;
export const LIBC_NAMES: readonly LibcName[] = libc.options;

const tree = z.enum(['head', 'base']);
/** Which tree a variant runs: the pull request's head, or its base commit (baseline: base). */
export type TreeName = z.infer<typeof tree>;

/** What the user asked to measure. A single CLI argument or the action's `run` is a shell script. */
export type Command = z.infer<typeof command>;

/**
 * An allocator as requested: one of the catalogue's names, a custom library by path, or a
 * variant (an allocator run with extra environment, such as MALLOC_CONF).
 */
export type AllocatorRequest = z.infer<typeof allocatorRequest>;

const cellStatus = z.enum(['ok', 'partial', 'failed', 'timeout', 'oom', 'unavailable', 'not-applied']);
/**
 * The status of one cell. `ok` is the only one that carries a full sample.
 * - `partial`: some measured runs failed; statistics come from the rest and no verdict is made.
 * - `failed`: the benchmark exited non-zero or died by a signal in every run (or setup failed).
 * - `timeout`: runs were killed by the per-run timeout.
 * - `oom`: the kernel's OOM killer ended the runs (memory-limit).
 * - `unavailable`: the allocator (or the whole libc environment) could not be provided.
 * - `not-applied`: the preload was proven not to reach the benchmark (static binary, cleared env).
 */
export type CellStatus = z.infer<typeof cellStatus>;

/** How one run of the benchmark ended, as the measuring helper saw it. */
export const runOutcomeSchema = z.enum(['exited', 'signaled', 'timeout', 'oom', 'exec-error']);
export type RunOutcome = z.infer<typeof runOutcomeSchema>;

export const runKindSchema = z.enum(['proof', 'warmup', 'measured']);
export type RunKind = z.infer<typeof runKindSchema>;

const tracedProcess = z
  .object({
    pid: z.int(),
    /** The program image the process ended with (readlink of /proc/PID/exe), inside the environment. */
    exe: z.string(),
    /** How many successful execve() calls the process made. */
    execs: count,
    /** True when the process had no dynamic loader (auxv AT_BASE == 0): a static binary. */
    static: z.boolean(),
    /** True when the preloaded library was mapped when the process exited. */
    mapped: z.boolean(),
    /** True when LD_PRELOAD was still in the process's environment at exit. */
    preloadInEnv: z.boolean(),
    /** CPU time of the process (all its threads), in milliseconds, when the tracer could read it. */
    cpuMs: z.number().min(0).optional(),
    /**
     * Present when the process died of SIGKILL (the OOM killer, a timeout). The tracer lets such
     * a process go without looking at it, so `mapped` and `preloadInEnv` say nothing; the proof
     * leaves it out.
     */
    killed: z.literal(true).optional(),
  })
  .describe('One process seen by the tracer during a proof run.');
/** One process seen by the tracer during a proof run, judged later by `proof.ts`. */
export type TracedProcess = z.infer<typeof tracedProcess>;

const runRecord = z
  .object({
    kind: runKindSchema,
    round: z.int().min(-1).describe('Measured round index from 0; -1 for proof and warm-up runs.'),
    position: count.describe('Position of this run within its round, or the warm-up index.'),
    outcome: runOutcomeSchema,
    exitCode: z.int().nullable(),
    signal: z.int().nullable(),
    wallMs: measure,
    userMs: measure,
    sysMs: measure,
    maxRssKiB: measure,
    /** From wait4's rusage: minor page faults, voluntary and involuntary context switches. */
    minorFaults: count.optional(),
    voluntarySwitches: count.optional(),
    involuntarySwitches: count.optional(),
    /** A short tail of the benchmark's output, kept only for runs that did not exit 0. */
    outputTail: z.string().optional(),
    /** The helper's own message, e.g. why exec failed. */
    error: z.string().optional(),
    /** Processes of the run still alive after its own process ended; they were killed. */
    leftoverProcesses: count.optional(),
    /** Processes seen by the tracer; present on proof runs of preloaded cells. */
    processes: z.array(tracedProcess).optional(),
  })
  .describe('One run of one variant. Times are milliseconds, memory KiB.');
/** One run of one variant, exactly as recorded. Times are milliseconds, memory KiB. */
export type RunRecord = z.infer<typeof runRecord>;

const summary = z
  .object({
    n: count,
    median: measure,
    mean: measure,
    stddev: measure,
    min: measure,
    max: measure,
    mad: measure,
    ci95: z.tuple([measure, measure]).describe('95% confidence interval of the median (seeded bootstrap).'),
    outliers: z.array(count).describe('Indices of samples whose modified z-score exceeds 3.5.'),
  })
  .describe('Summary statistics of one metric, in its unit (ms or KiB).');
/** Summary statistics of one metric of one cell. Units are those of the metric (ms or KiB). */
export type Summary = z.infer<typeof summary>;

const metricName = z.enum(['wall', 'cpu', 'user', 'sys', 'rss']);
export type MetricName = z.infer<typeof metricName>;
export const METRICS: readonly MetricName[] = metricName.options;

// `satisfies` keeps the keys exactly the metric names: none missing, none extra.
const cellSummaries = z.object({
  wall: summary,
  cpu: summary,
  user: summary,
  sys: summary,
  rss: summary,
} satisfies Record<MetricName, typeof summary>);
export type CellSummaries = z.infer<typeof cellSummaries>;

const preloadProof = z.object({
  applied: z
    .boolean()
    .nullable()
    .describe('true: proven mapped; false: proven not applied; null: not checked.'),
  library: z.string().optional(),
  /** Human-readable explanation; always set when applied is false. */
  explanation: z.string().optional(),
  processes: z.array(tracedProcess).optional(),
  /** Programs that ran without the library while the cell still counts as applied, by CPU share. */
  notUnderAllocator: z.array(z.object({ exe: z.string(), cpuShare: z.number().min(0).max(1) })).optional(),
});
/** The result of the preload proof for one cell. */
export type PreloadProof = z.infer<typeof preloadProof>;

const cellResult = z
  .object({
    libc,
    arch,
    allocator: allocatorName,
    tree,
    status: cellStatus,
    /** Why the cell is not `ok`: shown in the report verbatim (after escaping). */
    reason: z.string().optional(),
    library: z.string().optional(),
    proof: preloadProof.optional(),
    runs: z.array(runRecord).describe('Every run (proof, warm-up, measured) in execution order.'),
    /** Statistics over successful measured runs; absent when there are fewer than one. */
    summary: cellSummaries.optional(),
    /** How many measured runs ended unsuccessfully. */
    failedRuns: count,
    warnings: z
      .array(z.string())
      .optional()
      .describe('Notes that do not change the status, such as a slow first measured run.'),
  })
  .describe('One libc x allocator x tree cell.');
export type CellResult = z.infer<typeof cellResult>;

const environmentInfo = environmentSchema(libc, arch, executorKind);
/** Facts about one libc environment (a container, or the host). */
export type EnvironmentInfo = z.infer<typeof environmentInfo>;

export type HostInfo = z.infer<typeof hostInfo>;

const verdict = z.enum(['regressed', 'improved', 'unchanged', 'inconclusive', 'not-comparable']);
/** The comparison against a baseline for one cell, filled by verdict.ts. */
export type Verdict = z.infer<typeof verdict>;

const cellComparison = z.object({
  libc,
  arch,
  allocator: allocatorName,
  metric: z.enum(['wall', 'cpu', 'rss']),
  verdict,
  change: z.number().optional().describe('Relative change head/base - 1 (0.072 = +7.2%).'),
  /** Confidence interval of the relative change at the family-wise level used. */
  interval: z.tuple([z.number(), z.number()]).optional(),
  /** One-sided p-value before Holm's correction. */
  pValue: z.number().min(0).max(1).optional(),
  paired: z.boolean(),
  reason: z.string().optional(),
  ...crossRunComparison,
});
export type CellComparison = z.infer<typeof cellComparison>;

const baselineInfo = z.object({
  kind: z.enum(['none', 'file', 'base', 'cache']),
  /** Where it came from: a path, a commit, a cache key. */
  source: z.string().optional(),
  commit: z.string().optional(),
  /** The git revision the baseline was named by (`baseline: origin/main`), resolved to `commit`. */
  ref: z.string().optional(),
  createdAt: z.string().optional(),
  paired: z.boolean(),
  /** Set when a baseline was wanted but could not be had; the report says why. */
  unavailableReason: z.string().optional(),
  ...crossRunBaseline,
});
export type BaselineInfo = z.infer<typeof baselineInfo>;

const { allocationProfile, allocationComparison } = allocationSchemas(libc, tree, verdict);
/** The allocation profile of one libc × allocator × tree (profile-model.ts). */
export type AllocationProfile = z.infer<typeof allocationProfile>;
export type AllocationComparison = z.infer<typeof allocationComparison>;
/** The all-cells verdict, next to the per-cell ones. Filled by verdict.ts. */
export type MatrixComparison = z.infer<typeof matrixComparison>;
/** How the sample size was chosen: fixed (`runs: N`) or from the pilot timings (`runs: auto`). */
export type Sizing = z.infer<typeof sizing>;
/** How many measured rounds one environment ran, and why. */
export type EnvironmentSizing = Sizing['environments'][number];
/** One shard of a merged run, as the merge found it. */
export type ShardInfo = z.infer<typeof shardInfo>;
export type { HistoryEntry, ProbeResults, ProbeSample } from './cross-run-schema.js';

export const resultsSchema = z
  .object({
    schema: z.literal(RESULTS_SCHEMA_ID),
    version: z.literal(RESULTS_VERSION),
    tool: z.object({ name: z.literal('malloc-matrix'), version: z.string() }),
    name: z.string(),
    command,
    startedAt: timestamp,
    finishedAt: timestamp,
    seed: z.int().describe('Seed of the round-order shuffle and the bootstrap.'),
    config: z.object({
      executor: executorKind,
      libcs: z.array(libc),
      allocators: z.array(allocatorRequest),
      runs: count.describe('Measured rounds per cell: the fixed count, or with runs: auto the most planned.'),
      warmup: count,
      timeoutMs: count,
      metric: z.enum(['wall', 'cpu']),
      /** The gates' thresholds as fractions; absent from files written before they were recorded. */
      memoryThreshold: z.number().nonnegative().optional(),
      allocationThreshold: z.number().nonnegative().optional(),
      envKeys: z.array(z.string()),
      setup: z.string().optional(),
      images: z.object({ musl: z.string().optional(), glibc: z.string().optional() }).optional(),
    }),
    host: hostInfo,
    environments: z.array(environmentInfo),
    cells: z.array(cellResult),
    baseline: baselineInfo.optional(),
    comparisons: z.array(cellComparison).optional(),
    profiles: z.array(allocationProfile).optional(),
    allocationComparisons: z.array(allocationComparison).optional(),
    matrix: matrixComparison.optional(),
    sizing: sizing.optional(),
    probe: probeSection.optional(),
    fatalError: z.string().optional().describe('Set when the run as a whole could not be carried out.'),
    git: z
      .object({
        head: z.string().optional(),
        base: z.string().optional(),
        pr: z.int().positive().optional(),
        dirty: z.boolean().optional().describe('True when head was a working tree with uncommitted changes.'),
      })
      .optional(),
    /** Present when the file is the merge of shards: where each part came from. */
    shards: z.array(shardInfo).optional(),
  })
  .meta({
    title: 'malloc-matrix results',
    description:
      'Everything one malloc-matrix run measured: every run of every libc x allocator cell, ' +
      'their statistics, the environments, and the comparison against a baseline.',
  });
/** A whole results file. */
export type Results = z.infer<typeof resultsSchema>;
