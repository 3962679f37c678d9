// A typed fake of the ProcessControl port: a test sends the signal, and the exit code is
// recorded instead of ending the test runner.
import type { ProcessControl } from '../../src/app/ports.js';

export class FakeProcess implements ProcessControl {
  readonly exits: number[] = [];
  private readonly handlers = new Set<(signal: NodeJS.Signals) => void>();
  private exited!: (code: number) => void;
  /** Resolves with the first exit code. */
  readonly exitCode = new Promise<number>((resolve) => (this.exited = resolve));

  onSignal(handler: (signal: NodeJS.Signals) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  exit(code: number): void {
    this.exits.push(code);
    this.exited(code);
  }

  /** Delivers a signal to every handler listening now. */
  send(signal: NodeJS.Signals): void {
    for (const handler of [...this.handlers]) handler(signal);
  }

  get listening(): number {
    return this.handlers.size;
  }
}
