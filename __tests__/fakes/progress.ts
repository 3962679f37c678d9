// A typed fake of the ProgressSink port that records what the session reports.
import type { ProgressSink } from '../../src/measure/session.js';

export class RecordingProgress implements ProgressSink {
  readonly phases: string[] = [];
  readonly batches: { label: string; total: number; done: number }[] = [];

  phase(message: string): void {
    this.phases.push(message);
  }

  batchStart(label: string, total: number): void {
    this.batches.push({ label, total, done: 0 });
  }

  runDone(_label: string, done: number): void {
    const current = this.batches.at(-1);
    if (current) current.done = done;
  }

  batchEnd(): void {}
}
