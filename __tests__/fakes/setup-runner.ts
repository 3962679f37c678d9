// A typed fake of the host executor's setup runner: records each setup (directory, script and
// environment) and answers with the exit code and output a test gives per directory.
import type { HostExecutorDeps, SetupResult } from '../../src/executors/host/executor.js';
import { exited } from '../fixtures/process-results.js';

export interface SetupCall {
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export class FakeSetupRunner {
  readonly calls: SetupCall[] = [];

  /** Per working directory prefix: how its setup ends (default: exit 0, no output). */
  constructor(private readonly outcomes: Record<string, { code: number; output: string }> = {}) {}

  readonly run: HostExecutorDeps['runSetup'] = (script, cwd, env) => {
    this.calls.push({ script, cwd, env });
    const found = Object.entries(this.outcomes).find(([prefix]) => cwd.startsWith(prefix));
    const { code, output } = found?.[1] ?? { code: 0, output: '' };
    const result: SetupResult = { ...exited(code), output };
    return Promise.resolve(result);
  };
}
