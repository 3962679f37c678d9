// A timer and clock the test drives by hand, so code that polls (the disk watch) runs its ticks
// exactly when a test says, never on the clock. Each tick moves the clock on by the interval.
import type { Ticker } from '../../src/executors/docker/disk-watch.js';

export class ManualTicker implements Ticker {
  private readonly timers = new Map<number, { ms: number; fn: () => void }>();
  private next = 0;
  private clock = 0;

  readonly every = (ms: number, fn: () => void): (() => void) => {
    const id = this.next++;
    this.timers.set(id, { ms, fn });
    return () => {
      this.timers.delete(id);
    };
  };

  readonly now = (): number => this.clock;

  /** How many timers are running. */
  get running(): number {
    return this.timers.size;
  }

  /** The intervals of the running timers, in milliseconds. */
  intervals(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  /** Moves the clock on without firing anything (time a command took). */
  advance(ms: number): void {
    this.clock += ms;
  }

  /** Moves the clock on by the shortest interval and fires every running timer once. */
  tick(): void {
    const timers = [...this.timers.values()];
    if (timers.length > 0) this.clock += Math.min(...timers.map((t) => t.ms));
    for (const timer of timers) timer.fn();
  }
}
