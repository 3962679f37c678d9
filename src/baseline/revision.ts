// A baseline named by a git revision (`--baseline origin/main`, `HEAD~3`, a tag): the commit it
// names, and the state of the working tree that is measured as head beside it.
import type { ResolvedRevision } from '../app/ports.js';
import { messageOf } from '../base/errors.js';
import { GitCommandError, type GitRepository } from './git.js';

export async function resolveRevision(repo: GitRepository, ref: string): Promise<ResolvedRevision> {
  let head: string;
  let dirty: boolean;
  try {
    head = await repo.headCommit();
    dirty = await repo.isDirty();
  } catch (error) {
    const why = error instanceof GitCommandError ? error.detail : messageOf(error);
    return { error: `cannot be looked up: ${repo.dir} is not a git working tree with a commit (${why})` };
  }
  const commit = await repo.resolveCommit(ref);
  if (commit === undefined) {
    return {
      error: `names no commit in the repository at ${repo.dir} (git rev-parse --verify ${ref}^{commit})`,
    };
  }
  return { commit, head: { commit: head, dirty } };
}
