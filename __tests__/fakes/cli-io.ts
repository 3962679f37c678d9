// A typed fake of the CLI's terminal (CliIo): stdout and stderr captured as text.
import type { CliIo } from '../../src/cli/run-cli.js';

export class FakeCliIo implements CliIo {
  out = '';
  err = '';
  readonly stdout = { write: (text: string) => (this.out += text), isTTY: false };
  readonly stderr = { write: (text: string) => (this.err += text), isTTY: false, columns: 100 };

  constructor(
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv = {},
  ) {}

  /** stderr, one entry per line. */
  get errLines(): string[] {
    return this.err.split('\n').filter((l) => l !== '');
  }
}
