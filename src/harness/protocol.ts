// The wire format between the engine and the measuring helper (harness/mm-helper.c).
//
// Plan (helper stdin): tokens separated by spaces or newlines; every string is length-prefixed
// as `<byte count>:<bytes>` so commands with newlines, spaces or any byte except NUL are safe.
//
//   MMPLAN1
//   variants <n>
//   variant <id> <timeout_ms> <argc> <arg>... <cwd> <envc> <KEY=VALUE>... <preload> <shell>
//   runs <m>
//   run <variant id> <proof|warmup|measured> <round> <position>     (m entries in all, of
//   probe <round> <position>                                         either kind)
//   end
//
// An empty preload or shell string means none. A probe entry runs the calibration probe in the
// helper itself.
//
// Output (helper stdout): one JSON object per finished entry, in plan order; see HelperLine and
// ProbeLine, and runRecordFromWire and probeSampleFromWire for how they become the model's records.
import { z } from 'zod';
import { isProbe, type Batch, type BatchRecord, type Variant } from '../measure/executor.js';
import {
  runKindSchema,
  runOutcomeSchema,
  type ProbeSample,
  type RunRecord,
  type TracedProcess,
} from '../results/model.js';
import { messageOf } from '../base/errors.js';

function str(value: string, what: string): Buffer {
  if (value.includes('\0'))
    throw new Error(`${what} ${JSON.stringify(value)} contains a NUL byte; C strings cannot hold it`);
  const bytes = Buffer.from(value, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length}:`, 'ascii'), bytes]);
}

function uint(value: number, what: string, min: number): string {
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${what} must be an integer >= ${min}, got ${value}`);
  return String(value);
}

function encodeVariant(v: Variant): Buffer {
  const name = `variant ${JSON.stringify(v.id)}`;
  if (v.argv.length === 0) throw new Error(`${name} has an empty argv; expected at least the program`);
  const env = Object.entries(v.env).map(([key, value]) => {
    if (key === '' || key.includes('='))
      throw new Error(
        `${name}: environment name ${JSON.stringify(key)} is invalid; expected a non-empty name without '='`,
      );
    return str(`${key}=${value}`, `${name} environment entry`);
  });
  const parts: Buffer[] = [
    Buffer.from('variant '),
    str(v.id, 'variant id'),
    Buffer.from(` ${uint(v.timeoutMs, `${name} timeoutMs`, 1)} ${v.argv.length}`),
    ...v.argv.flatMap((a) => [Buffer.from(' '), str(a, `${name} argument`)]),
    Buffer.from(' '),
    str(v.cwd, `${name} cwd`),
    Buffer.from(` ${env.length}`),
    ...env.flatMap((e) => [Buffer.from(' '), e]),
    Buffer.from(' '),
    str(v.preload ?? '', `${name} preload`),
    Buffer.from(' '),
    str(v.shell ?? '', `${name} shell`),
    Buffer.from('\n'),
  ];
  return Buffer.concat(parts);
}

/** Encodes a batch as the helper's plan. Throws on values the helper could not carry. */
export function encodePlan(batch: Batch): Buffer {
  const ids = new Set<string>();
  for (const v of batch.variants) {
    if (ids.has(v.id))
      throw new Error(`duplicate variant id ${JSON.stringify(v.id)} in a batch; ids must be unique`);
    ids.add(v.id);
  }
  const parts: Buffer[] = [Buffer.from(`MMPLAN1\nvariants ${batch.variants.length}\n`)];
  for (const v of batch.variants) parts.push(encodeVariant(v));
  parts.push(Buffer.from(`runs ${batch.runs.length}\n`));
  batch.runs.forEach((run, i) => {
    if (isProbe(run)) {
      parts.push(
        Buffer.from(
          `probe ${uint(run.round, `probe ${i} round`, 0)} ${uint(run.position, `probe ${i} position`, 0)}\n`,
        ),
      );
      return;
    }
    if (!ids.has(run.variantId))
      throw new Error(`run ${i} names unknown variant ${JSON.stringify(run.variantId)}`);
    parts.push(
      Buffer.from('run '),
      str(run.variantId, 'run variant id'),
      Buffer.from(
        ` ${run.kind} ${uint(run.round, `run ${i} round`, -1)} ${uint(run.position, `run ${i} position`, 0)}\n`,
      ),
    );
  });
  parts.push(Buffer.from('end\n'));
  return Buffer.concat(parts);
}

const count = z.int().min(0);

const wireProcess = z.strictObject({
  pid: z.int().min(1),
  exe: z.string(),
  execs: count,
  static: z.boolean(),
  mapped: z.boolean(),
  preload_in_env: z.boolean(),
  cpu_us: count.optional(),
  killed: z.literal(true).optional(),
});

/** A run's resource usage in the units the kernel gives: wall ns, CPU µs, peak RSS KiB. */
const wireUsage = { wall_ns: count, user_us: count, sys_us: count, maxrss_kib: count };
/** wait4's minor faults and voluntary/involuntary context switches; absent from older helpers. */
const wireCounters = { minflt: count.optional(), nvcsw: count.optional(), nivcsw: count.optional() };

/**
 * One line of helper output, exactly as mm-helper writes it: snake_case names and the kernel's
 * units (ns, µs). The run kind and outcome are the model's own words.
 */
const helperLine = z.strictObject({
  variant: z.string(),
  kind: runKindSchema,
  round: z.int().min(-1),
  position: count,
  outcome: runOutcomeSchema,
  exit_code: z.int().min(0).max(255).nullable(),
  signal: z.int().min(1).max(128).nullable(),
  ...wireUsage,
  ...wireCounters,
  output_tail: z.string().optional(),
  error: z.string().optional(),
  leftover_processes: count.optional(),
  processes: z.array(wireProcess).optional(),
});

export type HelperLine = z.infer<typeof helperLine>;

/** One line of a probe's output: its whole time and CPU time, and each part's time, in ns. */
const probeLine = z.strictObject({
  kind: z.literal('probe'),
  round: count,
  position: count,
  wall_ns: count,
  cpu_ns: count,
  compute_ns: count,
  memory_ns: count,
  process_ns: count,
  process_cpu_ns: count,
});

export type ProbeLine = z.infer<typeof probeLine>;

function preview(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

/** Validates one line of helper output and converts it to a record of the given batch. */
export function parseHelperLine(line: string, batch: Batch): BatchRecord {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new Error(`malformed helper output (not JSON: ${messageOf(error)}): ${preview(line)}`);
  }
  if (typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'probe') {
    return { probe: probeSampleFromWire(validLine(probeLine, json, line)) };
  }
  const wire = validHelperLine(validLine(helperLine, json, line), line, batch);
  return { variantId: wire.variant, record: runRecordFromWire(wire) };
}

function validLine<T>(schema: z.ZodType<T>, json: unknown, line: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(line)';
    throw new Error(`malformed helper output (${where}: ${issue?.message ?? 'invalid'}): ${preview(line)}`);
  }
  return parsed.data;
}

/** The probe's times in the model's unit, milliseconds. */
export function probeSampleFromWire(p: ProbeLine): ProbeSample {
  return {
    round: p.round,
    position: p.position,
    wallMs: p.wall_ns / 1e6,
    cpuMs: p.cpu_ns / 1e6,
    computeMs: p.compute_ns / 1e6,
    memoryMs: p.memory_ns / 1e6,
    processMs: p.process_ns / 1e6,
    processCpuMs: p.process_cpu_ns / 1e6,
  };
}

function validHelperLine(h: HelperLine, line: string, batch: Batch): HelperLine {
  if (!batch.variants.some((v) => v.id === h.variant)) {
    throw new Error(
      `malformed helper output (unknown variant ${JSON.stringify(h.variant)}): ${preview(line)}`,
    );
  }
  // Exactly one of exit code and signal describes how the process ended.
  if ((h.exit_code === null) === (h.signal === null)) {
    throw new Error(
      `malformed helper output (expected exactly one of exit_code and signal): ${preview(line)}`,
    );
  }
  return h;
}

/** The one mapping from the wire format to the model: names to camelCase, times to milliseconds. */
export function runRecordFromWire(h: HelperLine): RunRecord {
  const record: RunRecord = {
    kind: h.kind,
    round: h.round,
    position: h.position,
    outcome: h.outcome,
    exitCode: h.exit_code,
    signal: h.signal,
    wallMs: h.wall_ns / 1e6,
    userMs: h.user_us / 1e3,
    sysMs: h.sys_us / 1e3,
    maxRssKiB: h.maxrss_kib,
  };
  if (h.minflt !== undefined) record.minorFaults = h.minflt;
  if (h.nvcsw !== undefined) record.voluntarySwitches = h.nvcsw;
  if (h.nivcsw !== undefined) record.involuntarySwitches = h.nivcsw;
  if (h.output_tail !== undefined) record.outputTail = h.output_tail;
  if (h.error !== undefined) record.error = h.error;
  if (h.leftover_processes !== undefined) record.leftoverProcesses = h.leftover_processes;
  if (h.processes !== undefined) {
    record.processes = h.processes.map((p): TracedProcess => ({
      pid: p.pid,
      exe: p.exe,
      execs: p.execs,
      static: p.static,
      mapped: p.mapped,
      preloadInEnv: p.preload_in_env,
      ...(p.cpu_us !== undefined ? { cpuMs: p.cpu_us / 1e3 } : {}),
      ...(p.killed ? { killed: true as const } : {}),
    }));
  }
  return record;
}
