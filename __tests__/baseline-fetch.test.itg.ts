// The base fetch in a clone made the way actions/checkout makes it: shallow, with checkout's own
// Authorization header persisted in .git/config, from a loopback git smart-HTTP server that
// answers two Authorization headers with 400, as GitHub does.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { basicAuthHeader, prepareBaseTree, removeBaseTree } from '../src/baseline/git.js';
import { authorizationValue, startGitHttpServer, type GitHttpServer } from './support/git-http-server.js';

const CHECKOUT_TOKEN = 'ghs_checkoutPersistedToken';
const ACTION_TOKEN = 'ghs_actionInputToken';

/** Git without the machine's own configuration, never prompting. */
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: gitEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/**
 * Git that talks to the server: asynchronous, because the server runs in this very process and
 * a synchronous call would keep it from answering.
 */
function gitOverHttp(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = gitEnv,
): Promise<{ ok: boolean; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env }, (error, _stdout, stderr) => resolve({ ok: !error, stderr }));
  });
}

let root: string;
let server: GitHttpServer;
let baseSha: string;
let headSha: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'mm-baseline-fetch-'));
  const author = path.join(root, 'author');
  const identity = [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.invalid',
    '-c',
    'commit.gpgsign=false',
  ];
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', 'origin.git');
  git(root, 'init', '--quiet', '--initial-branch=main', author);
  writeFileSync(path.join(author, 'bench.c'), 'int main(void) { return 0; } /* base */\n');
  git(author, 'add', 'bench.c');
  git(author, ...identity, 'commit', '--quiet', '-m', 'base');
  baseSha = git(author, 'rev-parse', 'HEAD');
  writeFileSync(path.join(author, 'bench.c'), 'int main(void) { return 1; } /* head */\n');
  git(author, ...identity, 'commit', '--quiet', '-am', 'head');
  headSha = git(author, 'rev-parse', 'HEAD');
  git(author, 'push', '--quiet', path.join(root, 'origin.git'), 'main');
  server = await startGitHttpServer({
    projectRoot: root,
    accepted: [
      authorizationValue(basicAuthHeader(CHECKOUT_TOKEN)),
      authorizationValue(basicAuthHeader(ACTION_TOKEN)),
    ],
  });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

let clones = 0;

/**
 * A clone as actions/checkout leaves it on a pull request: init, origin, the extra header
 * persisted for the server, then a depth-1 fetch of the head commit, checked out detached.
 */
async function checkoutStyleClone(): Promise<string> {
  const dir = path.join(root, `clone-${(clones += 1)}`);
  git(root, 'init', '--quiet', dir);
  git(dir, 'remote', 'add', 'origin', `${server.url}/origin.git`);
  git(dir, 'config', '--local', `http.${server.url}/.extraheader`, basicAuthHeader(CHECKOUT_TOKEN));
  const fetched = await gitOverHttp(dir, [
    '-c',
    'protocol.version=2',
    'fetch',
    '--no-tags',
    '--prune',
    '--no-recurse-submodules',
    '--depth=1',
    'origin',
    `+${headSha}:refs/remotes/pull/7/merge`,
  ]);
  if (!fetched.ok) throw new Error(`the checkout-style fetch failed: ${fetched.stderr}`);
  git(dir, 'checkout', '--quiet', '--force', 'refs/remotes/pull/7/merge');
  return dir;
}

/** The requests the server answers while `fn` runs. */
async function requestsDuring<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; requests: GitHttpServer['seen'] }> {
  const before = server.seen.length;
  const value = await fn();
  return { value, requests: server.seen.slice(before) };
}

describe('fetching the base commit behind actions/checkout', () => {
  test('the clone is shallow, lacks the base, and keeps checkout’s header in its config', async () => {
    const clone = await checkoutStyleClone();
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(
      spawnSync('git', ['cat-file', '-e', `${baseSha}^{commit}`], { cwd: clone, env: gitEnv }).status,
    ).not.toBe(0);
    expect(readFileSync(path.join(clone, '.git', 'config'), 'utf8')).toContain(
      `[http "${server.url}/"]\n\textraheader = ${basicAuthHeader(CHECKOUT_TOKEN)}`,
    );
  });

  test('adding a second header, as the fetch used to, gets 400 from the server', async () => {
    const clone = await checkoutStyleClone();
    const before = server.seen.length;
    const fetch = await gitOverHttp(
      clone,
      ['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', baseSha],
      {
        ...gitEnv,
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: `http.${server.url}/.extraheader`,
        GIT_CONFIG_VALUE_0: basicAuthHeader(ACTION_TOKEN),
      },
    );
    expect(fetch.ok).toBe(false);
    expect(fetch.stderr).toMatch(/400/);
    const requests = server.seen.slice(before);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.authorizations.length === 2 && r.status === 400)).toBe(true);
  });

  test('prepareBaseTree fetches the base with exactly one header, its own', async () => {
    const clone = await checkoutStyleClone();
    const { value: result, requests } = await requestsDuring(() =>
      prepareBaseTree({ repoDir: clone, baseSha, token: ACTION_TOKEN, tmpDir: root, serverUrl: server.url }),
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.commit).toBe(baseSha);
    expect(readFileSync(path.join(result.dir, 'bench.c'), 'utf8')).toContain('/* base */');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.map((r) => r.authorizations)).toEqual(
      requests.map(() => [authorizationValue(basicAuthHeader(ACTION_TOKEN))]),
    );
    expect(requests.every((r) => r.status === 200)).toBe(true);
    // checkout's header is still there for the job's later steps.
    expect(git(clone, 'config', '--get-all', `http.${server.url}/.extraheader`)).toBe(
      basicAuthHeader(CHECKOUT_TOKEN),
    );
    await removeBaseTree(clone, result.dir);
  });

  test('without a token of its own it fetches with checkout’s header', async () => {
    const clone = await checkoutStyleClone();
    const { value: result, requests } = await requestsDuring(() =>
      prepareBaseTree({ repoDir: clone, baseSha, tmpDir: root, serverUrl: server.url }),
    );
    if ('error' in result) throw new Error(result.error);
    expect(requests.map((r) => r.authorizations)).toEqual(
      requests.map(() => [authorizationValue(basicAuthHeader(CHECKOUT_TOKEN))]),
    );
    await removeBaseTree(clone, result.dir);
  });

  test('a token the server refuses gives one line, and checkout’s header is not sent beside it', async () => {
    const clone = await checkoutStyleClone();
    const { value: result, requests } = await requestsDuring(() =>
      prepareBaseTree({ repoDir: clone, baseSha, token: 'ghs_revoked', tmpDir: root, serverUrl: server.url }),
    );
    expect(result).toEqual({
      error: expect.stringMatching(/^base commit [0-9a-f]{7} could not be fetched: /),
    });
    expect('error' in result && result.error).not.toContain('\n');
    expect(requests.map((r) => [r.authorizations, r.status])).toEqual(
      requests.map(() => [[authorizationValue(basicAuthHeader('ghs_revoked'))], 401]),
    );
  });
});
