// Runs one batch through an environment's helper and files every record under its cell as it
// arrives. A batch that dies part-way keeps what was recorded and marks the cells it cut short.
import type { Batch, PreparedEnvironment } from './executor.js';
import type { CellResult, ProbeSample, RunRecord } from '../results/model.js';
import { messageOf } from '../base/errors.js';

/** The shape of a batch of measured rounds, for progress that counts rounds and time left. */
export interface RoundsShape {
  rounds: number;
  /** Steps per round: the variants measured, and the probe when there is one. */
  perRound: number;
  /** Each round also runs the calibration probe: a step that is not a run of any cell. */
  probe?: boolean;
  /** The estimated time of the batches still to come after this one, in milliseconds. */
  laterMs: number;
}

export interface ProgressSink {
  /** A step of preparation, e.g. `musl: installing allocators`. */
  phase(message: string): void;
  /** A batch of runs begins; `rounds` is given for batches of measured rounds. */
  batchStart(label: string, total: number, rounds?: RoundsShape): void;
  /** One step of the batch finished: a run with its record, or (`probe`, no record) the probe. */
  runDone(label: string, done: number, total: number, variantId: string, record?: RunRecord): void;
  batchEnd(label: string): void;
}

export interface BatchTargets {
  progress: ProgressSink;
  /** The cells by variant id; records are appended to their runs. */
  cells: Map<string, CellResult>;
  /** Receives the ids of cells whose batch died before their last run. */
  interrupted: Set<string>;
  /** Receives the batch's probe samples. */
  probes?: ProbeSample[];
  rounds?: RoundsShape;
}

export async function runRecordedBatch(
  env: PreparedEnvironment,
  batch: Batch,
  label: string,
  targets: BatchTargets,
): Promise<void> {
  const { progress, cells, interrupted } = targets;
  progress.batchStart(label, batch.runs.length, targets.rounds);
  // Records received in this batch alone: cells also hold runs of earlier batches.
  const received = new Map<string, number>();
  let done = 0;
  try {
    await env.runBatch(batch, (reported) => {
      done += 1;
      if ('probe' in reported) {
        targets.probes?.push(reported.probe);
        progress.runDone(label, done, batch.runs.length, 'probe');
        return;
      }
      const { variantId, record } = reported;
      received.set(variantId, (received.get(variantId) ?? 0) + 1);
      cells.get(variantId)?.runs.push(record);
      progress.runDone(label, done, batch.runs.length, variantId, record);
    });
  } catch (error) {
    // The helper or the engine died mid-batch: keep what was recorded, mark the rest.
    const message = messageOf(error);
    for (const variant of batch.variants) {
      const cell = cells.get(variant.id);
      const expected = batch.runs.filter((r) => 'variantId' in r && r.variantId === variant.id).length;
      if (cell && cell.status === 'ok' && (received.get(variant.id) ?? 0) < expected) {
        cell.status = 'failed';
        cell.reason = `measurement interrupted: ${message}`;
        interrupted.add(variant.id);
      }
    }
  } finally {
    progress.batchEnd(label);
  }
}
