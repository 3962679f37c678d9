// Drives one helper process through one batch: plan in on stdin, one record out per finished
// run on stdout. Works the same for the host binary and for `docker exec -i <ctr> mm-helper`.
import { spawn } from 'node:child_process';
import type { Batch, BatchRecord } from '../measure/executor.js';
import { encodePlan, parseHelperLine } from './protocol.js';

export interface HelperSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

const STDERR_KEEP = 4000;

function describe(spec: HelperSpec): string {
  return [spec.command, ...spec.args].join(' ');
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
    const child = spawn(spec.command, spec.args, {
      env: spec.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let pending = '';
    let received = 0;
    let failure: Error | undefined;

    // Settles at once: descendants of a killed helper may hold its pipes open for long.
    const fail = (error: Error): void => {
      if (failure) return;
      failure = error;
      child.kill('SIGKILL');
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
        const r = record.record;
        if (
          !planned ||
          planned.variantId !== record.variantId ||
          planned.kind !== r.kind ||
          planned.round !== r.round ||
          planned.position !== r.position
        ) {
          throw new Error(
            `measuring helper reported run ${received} as ${record.variantId}/${r.kind}/${r.round}/${r.position}, ` +
              `but the plan has ${planned ? `${planned.variantId}/${planned.kind}/${planned.round}/${planned.position}` : 'no more runs'}`,
          );
        }
        received += 1;
        onRecord(record);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        handleLine(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    // A helper that exits early (bad plan) closes its stdin: the close below reports why.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      const startError = new Error(`cannot start the measuring helper (${describe(spec)}): ${error.message}`);
      fail(startError);
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (pending !== '') handleLine(pending);
      const errTail = stderr.trim() ? `: ${stderr.trim()}` : '';
      if (failure) return;
      if (code !== 0)
        reject(
          new Error(
            `measuring helper (${describe(spec)}) ${sig ? `was killed by ${sig}` : `exited with code ${code}`}${errTail}`,
          ),
        );
      else if (received < batch.runs.length)
        reject(
          new Error(
            `measuring helper (${describe(spec)}) reported ${received} of ${batch.runs.length} planned runs${errTail}`,
          ),
        );
      else resolve();
    });
    child.stdin.end(plan);
  });
}
