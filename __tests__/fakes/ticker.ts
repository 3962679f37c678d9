// A repeating timer the test fires by hand, so code that polls (the disk watch) runs its ticks
// exactly when a test says, never on the clock.
import type { Every } from '../../src/executors/docker/disk-watch.js';

export class ManualTicker {
  private readonly timers = new Map<number, { ms: number; fn: () => void }>();
  private next = 0;

  readonly every: Every = (ms, fn) => {
    const id = this.next++;
    this.timers.set(id, { ms, fn });
    return () => {
      this.timers.delete(id);
    };
  };

  /** How many timers are running. */
  get running(): number {
    return this.timers.size;
  }

  /** The intervals of the running timers, in milliseconds. */
  intervals(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  /** Fires every running timer once. */
  tick(): void {
    for (const timer of [...this.timers.values()]) timer.fn();
  }
}
