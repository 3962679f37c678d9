// Real git in temporary directories: a bare `origin` with a base and a head commit, and a
// depth-1 clone of it, the way actions/checkout leaves a pull request's workspace.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  basicAuthHeader,
  GitRepository,
  prepareBaseTree,
  removeBaseTree,
  systemGit,
  type Git,
  type GitRunOptions,
} from '../src/baseline/git.js';
import { exited } from './fixtures/process-results.js';

const IDENTITY = [
  '-c',
  'user.name=Test',
  '-c',
  'user.email=test@example.invalid',
  '-c',
  'commit.gpgsign=false',
];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

let root: string;
let clone: string;
let baseSha: string;
let headSha: string;
let emptyOnHeadSha: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mm-baseline-git-'));
  const origin = path.join(root, 'origin.git');
  const author = path.join(root, 'author');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  git(root, 'init', '--quiet', '--initial-branch=main', author);
  writeFileSync(path.join(author, 'bench.c'), 'int main(void) { return 0; } /* base */\n');
  git(author, 'add', 'bench.c');
  git(author, 'commit', '--quiet', '-m', 'base');
  baseSha = git(author, 'rev-parse', 'HEAD');
  writeFileSync(path.join(author, 'bench.c'), 'int main(void) { return 1; } /* head */\n');
  git(author, 'commit', '--quiet', '-am', 'head');
  headSha = git(author, 'rev-parse', 'HEAD');
  git(author, 'commit', '--quiet', '--allow-empty', '-m', 'same tree as head');
  emptyOnHeadSha = git(author, 'rev-parse', 'HEAD');
  git(author, 'push', '--quiet', origin, 'main');
  clone = path.join(root, 'clone');
  git(root, 'clone', '--quiet', '--depth=1', `file://${origin}`, clone);
  git(clone, 'checkout', '--quiet', '--detach', 'HEAD');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The real git, recording what each call was given. */
function recordingGit(): { git: Git; calls: Array<{ args: readonly string[]; opts: GitRunOptions }> } {
  const real = systemGit();
  const calls: Array<{ args: readonly string[]; opts: GitRunOptions }> = [];
  return {
    calls,
    git: {
      run(args, opts) {
        calls.push({ args, opts });
        return real.run(args, opts);
      },
    },
  };
}

describe('prepareBaseTree on a depth-1 clone', () => {
  test('the clone really lacks the base commit', async () => {
    const repo = new GitRepository(systemGit(), clone);
    expect(await repo.isShallow()).toBe(true);
    expect(await repo.hasCommit(baseSha)).toBe(false);
    expect(await repo.resolveCommit('HEAD')).toBe(emptyOnHeadSha);
  });

  test('fetches the base from origin, token in the environment only, and checks it out', async () => {
    const { git: recording, calls } = recordingGit();
    const token = 'ghs_secretTokenValue123';
    const result = await prepareBaseTree({ repoDir: clone, baseSha, token, tmpDir: root, git: recording });
    if ('error' in result) throw new Error(result.error);

    expect(result.commit).toBe(baseSha);
    expect(result.sameTreeAsHead).toBe(false);
    expect(path.dirname(result.dir)).toBe(root);
    expect(readFileSync(path.join(result.dir, 'bench.c'), 'utf8')).toContain('/* base */');
    expect(readFileSync(path.join(clone, 'bench.c'), 'utf8')).toContain('/* head */');

    const fetch = calls.find((call) => call.args[0] === 'fetch');
    expect(fetch?.args).toEqual([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--quiet',
      '--depth=1',
      'origin',
      baseSha,
    ]);
    expect(JSON.stringify(calls.map((call) => call.args))).not.toContain(token);
    const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
    expect(JSON.stringify(calls.map((call) => call.args))).not.toContain(encoded);
    expect(fetch?.opts.env).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: basicAuthHeader(token),
    });
    expect(readFileSync(path.join(clone, '.git', 'config'), 'utf8')).not.toMatch(
      /extraheader|x-access-token/i,
    );

    await removeBaseTree(clone, result.dir);
    expect(existsSync(result.dir)).toBe(false);
    expect(git(clone, 'worktree', 'list')).not.toContain(result.dir);
  });

  test('a base already present is used without fetching', async () => {
    const { git: recording, calls } = recordingGit();
    const result = await prepareBaseTree({ repoDir: clone, baseSha, tmpDir: root, git: recording });
    if ('error' in result) throw new Error(result.error);
    expect(calls.some((call) => call.args[0] === 'fetch')).toBe(false);
    await removeBaseTree(clone, result.dir);
  });

  test('a commit origin does not have gives an error result, and no worktree', async () => {
    const missing = 'deadbeef'.repeat(5);
    const before = git(clone, 'worktree', 'list');
    const result = await prepareBaseTree({ repoDir: clone, baseSha: missing, tmpDir: root });
    expect(result).toEqual({
      error: expect.stringMatching(/^base commit deadbee could not be fetched: .*not our ref/),
    });
    expect('error' in result && result.error).not.toContain('\n');
    expect(git(clone, 'worktree', 'list')).toBe(before);
  });

  test('a base that is not a commit id is refused before git sees it', async () => {
    const { git: recording, calls } = recordingGit();
    const result = await prepareBaseTree({
      repoDir: clone,
      baseSha: '--upload-pack=touch pwned',
      tmpDir: root,
      git: recording,
    });
    expect(result).toEqual({
      error: 'base commit "--upload-pack=touch pwned" is not a full commit id (expected 40 hex digits)',
    });
    expect(calls).toHaveLength(0);
  });

  test('a repository that is not there gives an error result, not an exception', async () => {
    const result = await prepareBaseTree({ repoDir: path.join(root, 'nowhere'), baseSha, tmpDir: root });
    expect(result).toEqual({ error: expect.stringMatching(/^base commit [0-9a-f]{7} could not be/) });
  });
});

describe('treeHash', () => {
  test('an empty commit has the same tree as its parent; a change gives another tree', async () => {
    const repo = new GitRepository(systemGit(), clone);
    await repo.fetchCommit(headSha);
    expect(await repo.treeHash(emptyOnHeadSha)).toBe(await repo.treeHash(headSha));
    expect(await repo.treeHash(headSha)).not.toBe(await repo.treeHash(baseSha));
  });

  test('prepareBaseTree marks an A/A run (same tree) as such', async () => {
    const result = await prepareBaseTree({ repoDir: clone, baseSha: headSha, tmpDir: root });
    if ('error' in result) throw new Error(result.error);
    expect(result.sameTreeAsHead).toBe(true);
    await removeBaseTree(clone, result.dir);
  });
});

describe('GitRepository', () => {
  test('headCommit names the checked-out commit', async () => {
    expect(await new GitRepository(systemGit(), clone).headCommit()).toBe(emptyOnHeadSha);
  });

  test('appends the header reset and the token header after config entries already in the environment', async () => {
    // A fake: the real git would rightly refuse GIT_CONFIG_KEY_0 and _1 being absent.
    const calls: Array<{ args: readonly string[]; opts: GitRunOptions }> = [];
    const fake: Git = {
      run(args, opts) {
        calls.push({ args, opts });
        return Promise.resolve(exited(0, args[0] === 'rev-parse' ? 'true\n' : ''));
      },
    };
    const repo = new GitRepository(fake, clone, {
      env: { GIT_CONFIG_COUNT: '2' },
      serverUrl: 'https://ghe.example.invalid/',
    });
    await repo.fetchCommit(baseSha, 'tok');
    expect(calls.find((call) => call.args[0] === 'fetch')?.opts.env).toEqual({
      GIT_CONFIG_COUNT: '4',
      GIT_CONFIG_KEY_2: 'http.https://ghe.example.invalid/.extraheader',
      GIT_CONFIG_VALUE_2: '',
      GIT_CONFIG_KEY_3: 'http.https://ghe.example.invalid/.extraheader',
      GIT_CONFIG_VALUE_3: basicAuthHeader('tok'),
    });
  });

  test('failures are one line naming the operation', async () => {
    const repo = new GitRepository(systemGit(), clone);
    await expect(repo.treeHash('0'.repeat(40))).rejects.toThrow(/^could not read the tree of 0000000: /);
    await expect(repo.removeWorktree(path.join(root, 'not-a-worktree'))).rejects.toThrow(
      /^could not remove the worktree /,
    );
  });
});
