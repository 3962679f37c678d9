// Git for `baseline: base`: fetch the pull request's base commit (actions/checkout leaves a
// depth-1 clone without it) and check it out into a separate worktree, so base and head can be
// built and measured side by side. Every git call goes through the small `Git` interface.
import { mkdtemp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { messageOf } from '../base/errors.js';
import { describeFailure, runProcess, succeeded, type ProcessResult } from '../process/run-process.js';

/** How a git command ended, in the one process convention. */
export type GitResult = ProcessResult;

export interface GitRunOptions {
  cwd: string;
  /** Added to the inherited environment. */
  env?: Record<string, string>;
  /** Default GIT_TIMEOUTS.default. */
  timeoutMs?: number;
}

export interface Git {
  run(args: readonly string[], opts: GitRunOptions): Promise<GitResult>;
}

/** A stalled server or a huge checkout fails the baseline with one line instead of holding the job. */
export const GIT_TIMEOUTS = { default: 2 * 60_000, fetch: 10 * 60_000, worktree: 10 * 60_000 } as const;

/** The `git` on PATH. It never prompts: a fetch that needs credentials fails instead of hanging. */
export function systemGit(executable = 'git'): Git {
  return {
    run: (args, opts) =>
      runProcess(executable, args, {
        cwd: opts.cwd,
        // git needs the caller's environment (HOME for its config, proxies, SSH agents).
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...opts.env },
        timeoutMs: opts.timeoutMs ?? GIT_TIMEOUTS.default,
      }),
  };
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export function isFullCommitId(value: string): boolean {
  return FULL_SHA.test(value);
}

/** The header value GitHub accepts for a token over HTTPS, as actions/checkout sends it. */
export function basicAuthHeader(token: string): string {
  return `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`;
}

export interface GitRepositoryOptions {
  /** Where the token is sent (GITHUB_SERVER_URL); it goes to no other host. */
  serverUrl?: string;
  /** The environment git inherits, to append to any GIT_CONFIG_COUNT entries already there. */
  env?: NodeJS.ProcessEnv;
}

/** The git operations on one repository that a base-commit baseline needs. Failures throw one line. */
export class GitRepository {
  private readonly serverUrl: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly git: Git,
    readonly dir: string,
    options: GitRepositoryOptions = {},
  ) {
    this.serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
    this.env = options.env ?? process.env;
  }

  /** The full commit id `rev` names, or undefined when it names no commit here. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    if (rev.startsWith('-')) return undefined;
    const result = await this.git.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
      cwd: this.dir,
    });
    return succeeded(result) ? result.stdout.trim() : undefined;
  }

  async hasCommit(sha: string): Promise<boolean> {
    return (await this.resolveCommit(sha)) !== undefined;
  }

  async isShallow(): Promise<boolean> {
    return (
      (await this.check(['rev-parse', '--is-shallow-repository'], 'check whether the clone is shallow')) ===
      'true'
    );
  }

  /**
   * Fetch one commit from origin. The token travels in an extra HTTP header set through
   * GIT_CONFIG_COUNT/KEY/VALUE: not in the arguments (which logs and `ps` show), not in .git/config.
   * A header already configured for the server (actions/checkout persists its own) is dropped
   * for this fetch: git would send both, and GitHub answers two Authorization headers with 400.
   */
  async fetchCommit(sha: string, token?: string): Promise<void> {
    if (!isFullCommitId(sha))
      throw new Error(`cannot fetch "${sha}": expected a full commit id (40 hex digits)`);
    const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet'];
    if (await this.isShallow()) args.push('--depth=1');
    args.push('origin', sha);
    const env = token === undefined || token === '' ? undefined : this.headerEnv(token);
    await this.check(args, `fetch ${sha.slice(0, 7)} from origin`, env, GIT_TIMEOUTS.fetch);
  }

  /** Check `sha` out, detached, into `dir` (which must not exist or be empty). */
  async addWorktree(sha: string, dir: string): Promise<void> {
    await this.check(
      ['worktree', 'add', '--detach', '--force', '--quiet', dir, sha],
      `check out ${sha.slice(0, 7)} into ${dir}`,
      undefined,
      GIT_TIMEOUTS.worktree,
    );
  }

  async removeWorktree(dir: string): Promise<void> {
    await this.check(['worktree', 'remove', '--force', dir], `remove the worktree ${dir}`);
  }

  async headCommit(): Promise<string> {
    return this.check(['rev-parse', '--verify', 'HEAD^{commit}'], 'resolve HEAD');
  }

  /** Whether the working tree differs from HEAD: changed, staged or untracked (not ignored) files. */
  async isDirty(): Promise<boolean> {
    const status = await this.check(
      ['--no-optional-locks', 'status', '--porcelain', '--untracked-files=normal'],
      'read the status of the working tree',
    );
    return status !== '';
  }

  /** The path of the repository's directory `dir` is, relative to the top (`sub/dir/`, or ''). */
  async prefix(): Promise<string> {
    return this.check(['rev-parse', '--show-prefix'], 'find the directory within the repository');
  }

  /** The tree a commit records: equal trees mean base and head are the same code (an A/A run). */
  async treeHash(sha: string): Promise<string> {
    if (sha.startsWith('-')) throw new Error(`cannot read the tree of "${sha}": not a commit`);
    return this.check(['rev-parse', '--verify', `${sha}^{tree}`], `read the tree of ${sha.slice(0, 7)}`);
  }

  private headerEnv(token: string): Record<string, string> {
    const start = Number.parseInt(this.env.GIT_CONFIG_COUNT ?? '0', 10);
    const index = Number.isInteger(start) && start > 0 ? start : 0;
    const key = `http.${this.serverUrl}/.extraheader`;
    return {
      GIT_CONFIG_COUNT: String(index + 2),
      // Entries from the environment come after the repository's config, and an empty value
      // resets the list of extra headers gathered so far: only ours is sent.
      [`GIT_CONFIG_KEY_${index}`]: key,
      [`GIT_CONFIG_VALUE_${index}`]: '',
      [`GIT_CONFIG_KEY_${index + 1}`]: key,
      [`GIT_CONFIG_VALUE_${index + 1}`]: basicAuthHeader(token),
    };
  }

  /** Run git and return its trimmed stdout, or throw `could not <what>: <git's message>`. */
  private async check(
    args: string[],
    what: string,
    env?: Record<string, string>,
    timeoutMs?: number,
  ): Promise<string> {
    const result = await this.git.run(args, {
      cwd: this.dir,
      ...(env !== undefined ? { env } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    if (!succeeded(result)) {
      // git's own words when it ended by itself; how it ended when it was stopped or never ran.
      const own = result.exitCode !== null && !result.timedOut ? oneLine(result.stderr) : '';
      throw new GitCommandError(what, own || describeFailure(`git ${args[0]}`, result));
    }
    return result.stdout.trim();
  }
}

/** A git command that failed: `could not <what>: <git's own message>`. */
export class GitCommandError extends Error {
  constructor(
    what: string,
    /** Git's message, on one line. */
    readonly detail: string,
  ) {
    super(`could not ${what}: ${detail}`);
    this.name = 'GitCommandError';
  }
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('; ');
}

export interface PrepareBaseTreeOptions {
  /** The checked-out repository (the head). */
  repoDir: string;
  /** pull_request.base.sha */
  baseSha: string;
  /** Used only when the base commit has to be fetched. */
  token?: string;
  /** The worktree is created in a new directory under this one. */
  tmpDir: string;
  git?: Git;
  serverUrl?: string;
}

export type BaseTree = { dir: string; commit: string; sameTreeAsHead: boolean } | { error: string };

/**
 * Check the base commit out into its own worktree, fetching it first when the clone lacks it.
 * Never throws: a base that cannot be had is reported as `{ error }` so the run goes on without it.
 */
export async function prepareBaseTree(options: PrepareBaseTreeOptions): Promise<BaseTree> {
  const { baseSha, tmpDir } = options;
  if (!isFullCommitId(baseSha)) {
    return { error: `base commit "${baseSha}" is not a full commit id (expected 40 hex digits)` };
  }
  const short = baseSha.slice(0, 7);
  const repo = new GitRepository(options.git ?? systemGit(), options.repoDir, {
    serverUrl: options.serverUrl,
  });
  try {
    if (!(await repo.hasCommit(baseSha))) {
      try {
        await repo.fetchCommit(baseSha, options.token);
      } catch (error) {
        const why = error instanceof GitCommandError ? error.detail : messageOf(error);
        return { error: `base commit ${short} could not be fetched: ${why}` };
      }
      if (!(await repo.hasCommit(baseSha))) {
        return { error: `base commit ${short} could not be fetched: origin sent no such commit` };
      }
    }
    const sameTreeAsHead = (await repo.treeHash(baseSha)) === (await repo.treeHash('HEAD'));
    const dir = await mkdtemp(path.join(tmpDir, `malloc-matrix-base-${short}-`));
    try {
      await repo.addWorktree(baseSha, dir);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      return { error: `base commit ${short} could not be checked out: ${messageOf(error)}` };
    }
    return { dir, commit: baseSha.toLowerCase(), sameTreeAsHead };
  } catch (error) {
    return { error: `base commit ${short} could not be prepared: ${messageOf(error)}` };
  }
}

/** Remove a worktree made by prepareBaseTree, and git's record of it. */
export async function removeBaseTree(repoDir: string, dir: string, git: Git = systemGit()): Promise<void> {
  await new GitRepository(git, repoDir).removeWorktree(dir);
}
