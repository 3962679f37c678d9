// A typed fake of the Git port behind GitRepository: each call is answered by a function of its
// arguments, and recorded. A call the function does not answer fails like an unknown command.
import type { Git, GitResult, GitRunOptions } from '../../src/baseline/git.js';
import { exited } from '../fixtures/process-results.js';

export type GitResponder = (args: readonly string[]) => Partial<GitResult> | undefined;

export class FakeGit implements Git {
  readonly calls: { args: readonly string[]; opts: GitRunOptions }[] = [];

  constructor(private readonly respond: GitResponder) {}

  run(args: readonly string[], opts: GitRunOptions): Promise<GitResult> {
    this.calls.push({ args, opts });
    const answer = this.respond(args);
    if (!answer) return Promise.resolve(exited(1, '', `git: '${args.join(' ')}' is not scripted`, 'git'));
    return Promise.resolve({ ...exited(0, '', '', 'git'), ...answer });
  }

  /** The argv of every call whose first arguments equal `prefix`. */
  callsStartingWith(...prefix: string[]): (readonly string[])[] {
    return this.calls.map((c) => c.args).filter((a) => prefix.every((word, i) => a[i] === word));
  }
}
