// The action's side of GitHub Actions, behind one small port: inputs in; outputs, job summary,
// annotations, state and the step's result out. core-io.ts implements it over @actions/core;
// tests hand in a recording fake.
import type { Annotation } from '../app/gate.js';
import type { InputName } from '../config/names.js';

export interface ActionIo {
  /** The raw input, or undefined when it was not given at all (an empty one is ''). */
  getInput(name: InputName): string | undefined;
  setOutput(name: string, value: string): void;
  /** Appends to the job summary; does nothing outside a job that has one. */
  appendSummary(markdown: string): Promise<void>;
  annotate(annotation: Annotation): void;
  /** State saved by the main step for the post step; '' when none. */
  getState(name: string): string;
  saveState(name: string, value: string): void;
  /** Fails the step with one error line; may be called more than once. */
  setFailed(message: string): void;
  /** Masks a value in the job log from here on. */
  setSecret(secret: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Opens a collapsed section of the job log, for lines that arrive over time (progress). */
  startGroup(name: string): void;
  endGroup(): void;
  info(message: string): void;
  warning(message: string): void;
}
