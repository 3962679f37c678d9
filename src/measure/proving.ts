// What a cell's proof run (its first run, traced) says about the cell: measurable, or stopped
// with a status and a reason before any round. Pure.
import type { Variant } from './executor.js';
import { judgeProof } from './proof.js';
import type { CellResult, RunRecord } from '../results/model.js';
import { describeFailure } from '../results/runs.js';

/** Sets the cell's proof, and its status and reason when the proof run rules it out. */
export function applyProofRun(
  cell: CellResult,
  variant: Variant,
  proofRun: RunRecord | undefined,
  timeoutMs: number,
): void {
  if (!proofRun) {
    // A batch that died part-way has already said why (the helper's exit, the engine's error):
    // keep that reason, which a user can act on.
    if (cell.status === 'ok') {
      cell.status = 'failed';
      cell.reason = 'the proof run did not report';
    }
    return;
  }
  if (proofRun.outcome === 'timeout') {
    // A run that times out once would cost the full timeout every round: stop here.
    cell.status = 'timeout';
    cell.reason = `the first run exceeded the timeout (${timeoutMs} ms)`;
    return;
  }
  if (proofRun.outcome === 'oom') {
    // As with a timeout, the first run's fate stops the cell: its rounds would most likely be
    // killed too, and the tracer does not look at a killed process, so there is no proof.
    cell.status = 'oom';
    cell.reason = describeFailure(proofRun);
    return;
  }
  if (proofRun.outcome === 'exec-error') {
    cell.status = 'failed';
    cell.reason = `exit code 127: ${proofRun.error ?? 'could not start the command'}`;
    return;
  }
  if (!variant.preload) {
    cell.proof = { applied: null };
    return;
  }
  const proof = judgeProof(proofRun.processes ?? [], { library: variant.preload, shell: variant.shell });
  cell.proof = proof;
  if (proof.applied === false) {
    cell.status = 'not-applied';
    cell.reason = proof.explanation ?? 'the preloaded library was not loaded';
  }
}
