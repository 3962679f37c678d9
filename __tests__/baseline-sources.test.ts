// The baseline sources wired to a fake git and an in-memory cache: the base commit checked out
// beside head (fetched when the clone lacks it), and results saved on a push and restored on a
// pull request.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBenchmark } from '../src/app/run-benchmark.js';
import { basicAuthHeader } from '../src/baseline/git.js';
import { createBaselineSources, type SourcesOptions } from '../src/baseline/sources.js';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import type { GitHubContext } from '../src/github/context.js';
import { serializeResults } from '../src/results/io.js';
import type { Results } from '../src/results/model.js';
import { MemoryBaselineStore } from './fakes/baseline-store.js';
import { FakeBaselineSources, fakeBaselinesFactory } from './fakes/baseline-sources.js';
import { FakeClock } from './fakes/clock.js';
import { FakeExecutor, fakeExecutorFactory } from './fakes/executor.js';
import { FakeGit, type GitResponder } from './fakes/git.js';
import { RecordingLogger } from './fakes/logger.js';
import { RecordingProgress } from './fakes/progress.js';
import { FAKE_HOST } from './fakes/services.js';

const BASE = 'c'.repeat(40);
const SERVER = 'https://github.example';

const PREFIX = `mm-sources-${process.pid}`;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  // Where the CLI's sources keep the file they cache (the same path in every run).
  rmSync(path.join(os.tmpdir(), 'malloc-matrix-baseline', `${PREFIX}.json`), { force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-sources-'));
  dirs.push(dir);
  return dir;
}

function config(inputs: Partial<Record<InputName, string>> = {}): Config {
  const all: Partial<Record<InputName, string>> = {
    run: './bench',
    allocators: 'default,jemalloc',
    libcs: 'musl',
    runs: '4',
    seed: '2',
    // Unique per test file run: the cache file's path is shared by every run of a prefix.
    'cache-key-prefix': PREFIX,
    ...inputs,
  };
  return parseConfig((name) => all[name], { label: (n) => n, randomSeed: () => 0 });
}

function github(over: Partial<GitHubContext>): GitHubContext {
  return { apiUrl: 'https://api.github.example', serverUrl: SERVER, ...over };
}

function sources(opts: Partial<SourcesOptions> & Pick<SourcesOptions, 'config' | 'github'>) {
  return createBaselineSources({
    workspace: tempDir(),
    libcs: ['musl'],
    tmpDir: tempDir(),
    mode: 'cli',
    ...opts,
  });
}

/** A clone of the head with, or without, the base commit; its trees differ from head's. */
function clone(hasBase: { now: boolean }): GitResponder {
  return (args) => {
    const [command, ...rest] = args;
    if (command === 'rev-parse' && rest[0] === '--is-shallow-repository') return { stdout: 'true\n' };
    if (command === 'rev-parse' && rest.at(-1) === `${BASE}^{commit}`)
      return hasBase.now ? { stdout: `${BASE}\n` } : { exitCode: 1 };
    if (command === 'rev-parse' && rest.at(-1)?.endsWith('^{tree}'))
      return { stdout: `tree-of-${rest.at(-1)}\n` };
    if (command === 'fetch') {
      hasBase.now = true;
      return {};
    }
    if (command === 'worktree') return {};
    return undefined;
  };
}

async function measured(cfg: Config): Promise<Results> {
  const { results } = await runBenchmark(cfg, {
    createExecutor: fakeExecutorFactory(new FakeExecutor()),
    createBaselines: fakeBaselinesFactory(new FakeBaselineSources()),
    log: new RecordingLogger(),
    progress: new RecordingProgress(),
    github: github({}),
    host: FAKE_HOST,
    workspace: '/ws',
    tempRoot: tempDir(),
    clock: new FakeClock(),
    newRunId: () => 'abc',
    toolVersion: '1.0.0',
  });
  return results!;
}

describe('createBaselineSources', () => {
  it('checks the base commit out beside head when the clone has it, and removes it after', async () => {
    const git = new FakeGit(clone({ now: true }));
    const s = sources({ config: config(), github: github({}), git });
    const base = await s.prepareBaseTree(BASE);
    expect(base).toMatchObject({ commit: BASE, sameTreeAsHead: false });
    expect(git.callsStartingWith('fetch')).toEqual([]);
    const dir = (base as { dir: string }).dir;
    expect(git.callsStartingWith('worktree', 'add')).toEqual([
      ['worktree', 'add', '--detach', '--force', '--quiet', dir, BASE],
    ]);
    await s.cleanupBaseTree();
    expect(git.callsStartingWith('worktree', 'remove')).toEqual([['worktree', 'remove', '--force', dir]]);
  });

  it('fetches a base commit the shallow clone lacks, with the token in a header for the server only', async () => {
    const git = new FakeGit(clone({ now: false }));
    const s = sources({ config: config({ 'github-token': 'ghs_tok' }), github: github({}), git });
    expect(await s.prepareBaseTree(BASE)).toMatchObject({ commit: BASE });
    const fetch = git.calls.find((c) => c.args[0] === 'fetch')!;
    expect(fetch.args).toEqual([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--quiet',
      '--depth=1',
      'origin',
      BASE,
    ]);
    expect(fetch.opts.env).toMatchObject({
      [`GIT_CONFIG_KEY_${Number(fetch.opts.env!.GIT_CONFIG_COUNT) - 1}`]: `http.${SERVER}/.extraheader`,
      [`GIT_CONFIG_VALUE_${Number(fetch.opts.env!.GIT_CONFIG_COUNT) - 1}`]: basicAuthHeader('ghs_tok'),
    });
  });

  it('says why, in one line, when the base commit cannot be fetched', async () => {
    const git = new FakeGit((args) =>
      args[0] === 'fetch'
        ? { exitCode: 128, stderr: 'fatal: could not read from remote\n' }
        : clone({ now: false })(args),
    );
    const s = sources({ config: config(), github: github({}), git });
    expect(await s.prepareBaseTree(BASE)).toEqual({
      error: `base commit ${BASE.slice(0, 7)} could not be fetched: fatal: could not read from remote`,
    });
  });

  it('saves results on a push to the default branch and restores them on a pull request', async () => {
    const store = new MemoryBaselineStore();
    const cfg = config({ baseline: 'cache' });
    const results = { ...(await measured(cfg)), git: { head: 'd'.repeat(40) } };
    const push = sources({
      config: cfg,
      github: github({ eventName: 'push', branch: 'main', defaultBranch: 'main', headSha: 'd'.repeat(40) }),
      store,
    });
    const saved = await push.saveCache(results);
    expect(saved).toEqual({
      level: 'info',
      message: expect.stringMatching(/^Saved these results as the baseline \(cache key /),
    });
    expect(store.entries.size).toBe(1);

    const pr = sources({
      config: cfg,
      github: github({ eventName: 'pull_request', branch: 'main', baseSha: BASE }),
      store,
    });
    const restored = await pr.restoreCache('main');
    expect(restored).toMatchObject({ key: [...store.entries.keys()][0] });
    expect((restored as { results: Results }).results).toEqual(results);
  });

  it('a pull request saves nothing, and a cache out of reach is a warning', async () => {
    const store = new MemoryBaselineStore();
    const cfg = config({ baseline: 'cache' });
    const pr = sources({ config: cfg, github: github({ eventName: 'pull_request', branch: 'main' }), store });
    expect(await pr.saveCache(await measured(cfg))).toEqual({
      level: 'info',
      message: 'Baseline not saved: a pull_request run does not save a baseline.',
    });
    store.failure = new Error('ECONNREFUSED');
    expect(await pr.restoreCache('main')).toEqual({
      warning: 'no cached baseline: the cache could not be read (ECONNREFUSED)',
    });
  });

  it('reads a results file relative to the workspace', async () => {
    const workspace = tempDir();
    const results = await measured(config());
    writeFileSync(path.join(workspace, 'before.json'), serializeResults(results));
    const s = sources({ config: config(), github: github({}), workspace });
    expect(await s.readFile('before.json')).toEqual(results);
  });
});
