// A typed fake of the ActionIo port: inputs and state given up front, everything the action
// says to the runner recorded in the order it was said.
import type { ActionIo } from '../../src/action/io.js';
import type { Annotation } from '../../src/app/gate.js';
import type { InputName } from '../../src/config/names.js';

export class FakeActionIo implements ActionIo {
  readonly outputs: Record<string, string> = {};
  readonly summaries: string[] = [];
  readonly annotations: Annotation[] = [];
  readonly failures: string[] = [];
  readonly secrets: string[] = [];
  readonly groups: string[] = [];
  readonly lines: string[] = [];
  readonly warnings: string[] = [];
  readonly state: Record<string, string>;

  constructor(
    private readonly inputs: Partial<Record<InputName, string>> = {},
    state: Record<string, string> = {},
  ) {
    this.state = { ...state };
  }

  getInput(name: InputName): string | undefined {
    return this.inputs[name];
  }

  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }

  appendSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
    return Promise.resolve();
  }

  annotate(annotation: Annotation): void {
    this.annotations.push(annotation);
  }

  getState(name: string): string {
    return this.state[name] ?? '';
  }

  saveState(name: string, value: string): void {
    this.state[name] = value;
  }

  setFailed(message: string): void {
    this.failures.push(message);
  }

  setSecret(secret: string): void {
    this.secrets.push(secret);
  }

  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.groups.push(name);
    return fn();
  }

  /** Group markers go into `lines` as the job log shows them. */
  startGroup(name: string): void {
    this.groups.push(name);
    this.lines.push(`::group::${name}`);
  }

  endGroup(): void {
    this.lines.push('::endgroup::');
  }

  info(message: string): void {
    this.lines.push(message);
  }

  warning(message: string): void {
    this.warnings.push(message);
  }
}
