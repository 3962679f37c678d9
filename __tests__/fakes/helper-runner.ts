// A typed fake of the function that runs the measuring helper over a batch (the docker
// executor's RunHelper, the host executor's runBatch): records each call and sends the records a
// test gives it, without starting a process.
import type { RunHelper } from '../../src/executors/docker/executor.js';
import type { BatchRecord } from '../../src/measure/executor.js';

export class FakeHelperRunner {
  readonly calls: Parameters<RunHelper>[] = [];

  /** `records` are sent to every batch's onRecord, in order. */
  constructor(private readonly records: BatchRecord[] = []) {}

  readonly run: RunHelper = (...args) => {
    this.calls.push(args);
    for (const record of this.records) args[2](record);
    return Promise.resolve();
  };

  /** The helper commands run, one per call. */
  get specs(): Parameters<RunHelper>[0][] {
    return this.calls.map((call) => call[0]);
  }
}
