// The results file's schema (version 1) as zod, mirroring `Results` in model.ts, and
// `parseResults`, which turns any external JSON (a baseline file, a cache entry) into `Results`
// or throws one line naming the source, the place and the problem.
//
// Objects strip unknown keys rather than reject them: a later 1.x writer may add optional
// fields, and an older reader should still compare against its file.
import { z } from 'zod';
import type { Results } from './model.js';
import { messageOf } from '../base/errors.js';
import { matrixComparison, sizing } from './gate-schema.js';

export const RESULTS_SCHEMA_ID = 'malloc-matrix/results';
export const RESULTS_VERSION = 1;

const count = z.int().nonnegative();
/** Milliseconds or KiB: finite (zod rejects NaN and Infinity) and never negative. */
const measure = z.number().nonnegative();
const libc = z.enum(['musl', 'glibc']).describe('The C library a cell or environment runs under.');
const executor = z.enum(['docker', 'host']);
const timestamp = z.iso.datetime({ offset: true });

const command = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('shell'), script: z.string() }),
    z.object({ kind: z.literal('argv'), argv: z.array(z.string()).min(1) }),
  ])
  .describe('What was measured: a shell script, or a program and its arguments.');

const allocatorRequest = z.discriminatedUnion('kind', [
  z.object({ name: z.string().min(1), kind: z.literal('builtin') }),
  z.object({ name: z.string().min(1), kind: z.literal('custom'), path: z.string().min(1) }),
]);

const tracedProcess = z
  .object({
    pid: z.int(),
    exe: z.string(),
    execs: count,
    static: z.boolean(),
    mapped: z.boolean(),
    preloadInEnv: z.boolean(),
  })
  .describe('One process seen by the tracer during a proof run.');

const runRecord = z
  .object({
    kind: z.enum(['proof', 'warmup', 'measured']),
    round: z.int().min(-1).describe('Measured round index from 0; -1 for proof and warm-up runs.'),
    position: count.describe('Position of this run within its round, or the warm-up index.'),
    outcome: z.enum(['exited', 'signaled', 'timeout', 'oom', 'exec-error']),
    exitCode: z.int().nullable(),
    signal: z.int().nullable(),
    wallMs: measure,
    userMs: measure,
    sysMs: measure,
    maxRssKiB: measure,
    outputTail: z.string().optional(),
    error: z.string().optional(),
    processes: z.array(tracedProcess).optional(),
  })
  .describe('One run of one variant. Times are milliseconds, memory KiB.');

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

const cellSummaries = z.object({ wall: summary, cpu: summary, user: summary, sys: summary, rss: summary });

const preloadProof = z.object({
  applied: z
    .boolean()
    .nullable()
    .describe('true: proven mapped; false: proven not applied; null: not checked.'),
  library: z.string().optional(),
  explanation: z.string().optional(),
  processes: z.array(tracedProcess).optional(),
});

const cellResult = z
  .object({
    libc,
    allocator: z.string().min(1),
    tree: z.enum(['head', 'base']),
    status: z.enum(['ok', 'partial', 'failed', 'timeout', 'oom', 'unavailable', 'not-applied']),
    reason: z.string().optional(),
    library: z.string().optional(),
    proof: preloadProof.optional(),
    runs: z.array(runRecord).describe('Every run (proof, warm-up, measured) in execution order.'),
    summary: cellSummaries.optional(),
    failedRuns: count,
    warnings: z
      .array(z.string())
      .optional()
      .describe('Notes that do not change the status, such as a slow first measured run.'),
  })
  .describe('One libc x allocator x tree cell.');

const environmentInfo = z
  .object({
    libc,
    executor,
    image: z.string().optional(),
    imageDigest: z.string().optional(),
    osRelease: z.record(z.string(), z.string()).optional(),
    libcVersion: z.string().optional(),
    muslFlavor: z.string().optional(),
    allocators: z.record(
      z.string(),
      z.object({
        library: z.string().optional(),
        version: z.string().optional(),
        status: z.enum(['ready', 'unavailable']),
        reason: z.string().optional(),
      }),
    ),
    failure: z.string().optional(),
    setupLogTail: z.string().optional(),
  })
  .describe('Facts about one libc environment (a container, or the host).');

const hostInfo = z.object({
  cpuModel: z.string(),
  cores: count,
  kernel: z.string(),
  arch: z.string(),
  os: z.string(),
});

const cellComparison = z.object({
  libc,
  allocator: z.string().min(1),
  metric: z.enum(['wall', 'cpu', 'rss']),
  verdict: z.enum(['regressed', 'improved', 'unchanged', 'inconclusive', 'not-comparable']),
  change: z.number().optional().describe('Relative change head/base - 1 (0.072 = +7.2%).'),
  interval: z.tuple([z.number(), z.number()]).optional(),
  pValue: z.number().min(0).max(1).optional(),
  paired: z.boolean(),
  reason: z.string().optional(),
});

const baselineInfo = z.object({
  kind: z.enum(['none', 'file', 'base', 'cache']),
  source: z.string().optional(),
  commit: z.string().optional(),
  createdAt: z.string().optional(),
  paired: z.boolean(),
  unavailableReason: z.string().optional(),
});

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
      executor,
      libcs: z.array(libc),
      allocators: z.array(allocatorRequest),
      runs: count,
      warmup: count,
      timeoutMs: count,
      metric: z.enum(['wall', 'cpu']),
      envKeys: z.array(z.string()),
      setup: z.string().optional(),
      images: z.object({ musl: z.string().optional(), glibc: z.string().optional() }).optional(),
    }),
    host: hostInfo,
    environments: z.array(environmentInfo),
    cells: z.array(cellResult),
    baseline: baselineInfo.optional(),
    comparisons: z.array(cellComparison).optional(),
    matrix: matrixComparison.optional(),
    sizing: sizing.optional(),
    fatalError: z.string().optional().describe('Set when the run as a whole could not be carried out.'),
    git: z
      .object({ head: z.string().optional(), base: z.string().optional(), pr: z.int().positive().optional() })
      .optional(),
  })
  .meta({
    title: 'malloc-matrix results',
    description:
      'Everything one malloc-matrix run measured: every run of every libc x allocator cell, ' +
      'their statistics, the environments, and the comparison against a baseline.',
  });

// The zod type and the hand-written interface must not drift apart: this file stops compiling
// unless they are the same type. Identity, not mutual assignability, because assignability
// would let an optional field go missing from the schema unnoticed.
type ParsedResults = z.infer<typeof resultsSchema>;
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesModel: Identical<ParsedResults, Results> = true;
void schemaMatchesModel;

/**
 * Validate `json` (the text of a file, or an already parsed value) as a version 1 results file.
 * `source` names where it came from, e.g. `baseline file x.json`; every error starts with it.
 */
export function parseResults(json: unknown, source: string): Results {
  const value = typeof json === 'string' ? parseJsonText(json, source) : json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${source}: expected a JSON object, got ${describeValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (record.schema !== RESULTS_SCHEMA_ID) {
    throw new Error(
      `${source}: not a malloc-matrix results file (schema is ${describeValue(record.schema)}, expected "${RESULTS_SCHEMA_ID}")`,
    );
  }
  checkVersion(record.version, source);
  const parsed = resultsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${source}: ${describeIssues(parsed.error.issues, value)}`);
  return parsed.data;
}

function parseJsonText(text: string, source: string): unknown {
  if (text.trim() === '') throw new Error(`${source}: the file is empty (expected a results JSON object)`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${messageOf(error)})`);
  }
}

function checkVersion(version: unknown, source: string): void {
  if (version === RESULTS_VERSION) return;
  if (typeof version === 'number' && Number.isInteger(version) && version > RESULTS_VERSION) {
    throw new Error(
      `${source}: version ${version} is newer than this malloc-matrix understands (${RESULTS_VERSION}); upgrade malloc-matrix`,
    );
  }
  throw new Error(
    `${source}: version ${describeValue(version)} is not supported (expected ${RESULTS_VERSION})`,
  );
}

function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const first = issues[0];
  if (first === undefined) return 'does not match the results schema';
  const place = formatPath(first.path);
  const actual = valueAt(input, first.path);
  const got = actual.found && isPrimitive(actual.value) ? ` (got ${describeValue(actual.value)})` : '';
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${place === '' ? '' : `${place}: `}${first.message}${got}${more}`;
}

/** `['cells', 3, 'status']` → `cells[3].status`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'bigint') return `${value.toString()}n`;
  // JSON.stringify gives undefined for functions and symbols: name their type instead.
  const text = (JSON.stringify(value) as string | undefined) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The JSON Schema of a results file (draft 2020-12), committed as docs/results-schema.json. */
export function resultsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(resultsSchema, { target: 'draft-2020-12', io: 'input' });
}
