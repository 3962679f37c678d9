// A typed fake of the ProgressOutput port: a terminal (or a log, when not a TTY) that keeps every
// write, so a test can read the bar and the lines exactly as they were drawn.
import type { ProgressOutput } from '../../src/app/progress.js';

export class FakeTerminal implements ProgressOutput {
  readonly written: string[] = [];

  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {}

  write(text: string): void {
    this.written.push(text);
  }
}
