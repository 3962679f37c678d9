// Drives one helper process through one batch: plan in on stdin, one record out per finished
// run on stdout. Works the same for the host binary and for `docker exec -i <ctr> mm-helper`.
import { isProbe, type Batch, type BatchRecord, type PlannedStep } from '../measure/executor.js';
import { howItEnded, runProcess, succeeded } from '../process/run-process.js';
import { encodePlan, parseHelperLine } from './protocol.js';

export interface HelperSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

const STDERR_KEEP = 4000;
/**
 * A record carries output tails and, for a proof run, every process the benchmark started:
 * long, but bounded. A longer line is cut, fails to parse, and fails the batch with one line.
 */
const MAX_RECORD_BYTES = 4 << 20;
/** Per planned run, beyond its own time limit: the helper's own bookkeeping and the proof. */
const RUN_SLACK_MS = 30_000;
/** A probe is a few milliseconds of fixed work; this is its bound on the slowest machine. */
const PROBE_LIMIT_MS = 10_000;

function describe(spec: HelperSpec): string {
  return [spec.command, ...spec.args].join(' ');
}

/**
 * The helper enforces each run's limit itself; this bounds the whole batch in case the helper
 * (or the docker exec carrying it) hangs outside any run.
 */
function batchDeadlineMs(batch: Batch): number {
  const limits = new Map(batch.variants.map((v) => [v.id, v.timeoutMs]));
  return batch.runs.reduce(
    (sum, run) => sum + (isProbe(run) ? PROBE_LIMIT_MS : (limits.get(run.variantId) ?? 0) + RUN_SLACK_MS),
    RUN_SLACK_MS,
  );
}

/** `musl/jemalloc/head/measured/3/1`, or `probe/3/0`: one planned step, for messages. */
function describeStep(step: PlannedStep): string {
  return isProbe(step)
    ? `probe/${step.round}/${step.position}`
    : `${step.variantId}/${step.kind}/${step.round}/${step.position}`;
}

function reportedStep(record: BatchRecord): PlannedStep {
  if ('probe' in record) return { kind: 'probe', round: record.probe.round, position: record.probe.position };
  const r = record.record;
  return { variantId: record.variantId, kind: r.kind, round: r.round, position: r.position };
}

/**
 * Runs the batch and calls onRecord as each run finishes. Rejects when the helper fails, writes
 * something malformed or out of plan order, or reports fewer runs than planned.
 */
export function runHelperBatch(
  spec: HelperSpec,
  batch: Batch,
  onRecord: (r: BatchRecord) => void,
  signal?: AbortSignal,
): Promise<void> {
  const plan = encodePlan(batch);
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error(`measuring helper (${describe(spec)}) not started: aborted`));
      return;
    }
    const stop = new AbortController();
    let received = 0;
    let failure: Error | undefined;

    // Settles at once: descendants of a killed helper may hold its pipes open for a while.
    const fail = (error: Error): void => {
      if (failure) return;
      failure = error;
      stop.abort();
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    function onAbort(): void {
      fail(new Error(`measuring helper (${describe(spec)}) aborted`));
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    const handleLine = (line: string): void => {
      if (failure || line.trim() === '') return;
      try {
        const record = parseHelperLine(line, batch);
        const planned = batch.runs[received];
        const reported = describeStep(reportedStep(record));
        if (!planned || describeStep(planned) !== reported) {
          throw new Error(
            `measuring helper reported run ${received} as ${reported}, ` +
              `but the plan has ${planned ? describeStep(planned) : 'no more runs'}`,
          );
        }
        received += 1;
        onRecord(record);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    };

    void runProcess(spec.command, spec.args, {
      env: spec.env ?? process.env,
      input: plan,
      signal: stop.signal,
      killGraceMs: 0,
      timeoutMs: batchDeadlineMs(batch),
      maxOutputBytes: STDERR_KEEP,
      keep: 'tail',
      maxLineBytes: MAX_RECORD_BYTES,
      onLine: (line, stream) => {
        if (stream === 'stdout') handleLine(line);
      },
    }).then((result) => {
      signal?.removeEventListener('abort', onAbort);
      if (failure) return;
      const name = `measuring helper (${describe(spec)})`;
      const errTail = result.stderr.trim() ? `: ${result.stderr.trim()}` : '';
      if (result.startError) {
        reject(new Error(`cannot start the ${name}: ${result.startError.message}`));
      } else if (!succeeded(result)) reject(new Error(`${howItEnded(name, result)}${errTail}`));
      else if (received < batch.runs.length)
        reject(new Error(`${name} reported ${received} of ${batch.runs.length} planned runs${errTail}`));
      else resolve();
    });
  });
}
