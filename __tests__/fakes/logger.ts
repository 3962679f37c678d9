// A typed fake of the Logger port that records every line, warning and group.
import type { Logger } from '../../src/app/ports.js';

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  readonly warnings: string[] = [];
  readonly groups: string[] = [];

  /** As the action's log: a runner reads it and obeys workflow commands. */
  constructor(readonly readsCommands = true) {}

  info(message: string): void {
    this.lines.push(message);
  }

  warning(message: string): void {
    this.warnings.push(message);
  }

  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.groups.push(name);
    return fn();
  }
}
