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
  for (const name of [`${PREFIX}.json`, `${PREFIX}.history.json`])
    rmSync(path.join(os.tmpdir(), 'malloc-matrix-baseline', name), { force: true });
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
    expect((restored as { runs: Results[] }).runs).toEqual([results]);
  });

  describe.each([
    ['the Actions cache', () => ({ store: new MemoryBaselineStore() })],
    ['a --cache-dir directory', () => ({ cacheDir: path.join(tempDir(), 'cache') })],
  ])('the history of a branch in %s', (_name, where) => {
    const sha = (n: number) => String(n).repeat(40);

    async function pushes(cfg: Config, place: Partial<SourcesOptions>, count: number): Promise<Results[]> {
      const runs: Results[] = [];
      for (let n = 1; n <= count; n++) {
        const results = { ...(await measured(cfg)), seed: n, git: { head: sha(n) } };
        const push = sources({
          config: cfg,
          github: github({ eventName: 'push', branch: 'main', defaultBranch: 'main', headSha: sha(n) }),
          ...place,
        });
        // The first push starts the history; the others carry on what the cache holds.
        const saved = await push.saveCache(results);
        const before = Math.min(n - 1, cfg.history - 1);
        expect(saved.message).toMatch(
          before === 0
            ? /^Saved these results as the baseline \(cache key /
            : new RegExp(`^Saved these results as the baseline, with the ${before} run\\(s\\) before them`),
        );
        runs.push(results);
      }
      return runs;
    }

    it('keeps the last K runs, newest first, and a pull request restores them all', async () => {
      const cfg = config({ baseline: 'cache', history: '3' });
      const place = where();
      const runs = await pushes(cfg, place, 5);
      const pr = sources({
        config: cfg,
        github: github({ eventName: 'pull_request', branch: 'main' }),
        ...place,
      });
      const restored = await pr.restoreCache('main');
      expect('runs' in restored && restored.runs.map((r) => r.seed)).toEqual([5, 4, 3]);
      expect('runs' in restored && restored.runs[0]).toEqual(runs[4]);
    });

    it("restores the history as it was at the pull request's base commit", async () => {
      const cfg = config({ baseline: 'cache', history: '8' });
      const place = where();
      await pushes(cfg, place, 4);
      const pr = sources({
        config: cfg,
        github: github({ eventName: 'pull_request', branch: 'main', baseSha: sha(2) }),
        ...place,
      });
      const restored = await pr.restoreCache('main');
      expect('runs' in restored && restored.runs.map((r) => r.seed)).toEqual([2, 1]);
    });

    it('takes the history given on save, instead of fetching it again', async () => {
      const cfg = config({ baseline: 'cache', history: '2' });
      const place = where();
      const older = await pushes(cfg, place, 1);
      const results = { ...(await measured(cfg)), seed: 9, git: { head: sha(9) } };
      const push = sources({
        config: cfg,
        github: github({ eventName: 'push', branch: 'main', defaultBranch: 'main', headSha: sha(9) }),
        ...place,
      });
      await push.saveCache(results, [...older, ...older]);
      const pr = sources({
        config: cfg,
        github: github({ eventName: 'pull_request', branch: 'main' }),
        ...place,
      });
      const restored = await pr.restoreCache('main');
      expect('runs' in restored && restored.runs.map((r) => r.seed)).toEqual([9, 1]);
    });
  });

  it('reads an entry saved before histories (one results file) as a history of one', async () => {
    const store = new MemoryBaselineStore();
    const cfg = config({ baseline: 'cache' });
    const results = { ...(await measured(cfg)), git: { head: 'e'.repeat(40) } };
    const push = sources({
      config: cfg,
      github: github({ eventName: 'push', branch: 'main', defaultBranch: 'main', headSha: 'e'.repeat(40) }),
      store,
    });
    await push.saveCache(results);
    // Re-file the entry as an older version saved it: the bare results, under the old path.
    const [key, files] = [...store.entries.entries()][0];
    const legacyPath = path.join(os.tmpdir(), 'malloc-matrix-baseline', `${PREFIX}.json`);
    store.entries.set(key, new Map([[legacyPath, serializeResults(results)]]));
    expect([...files.keys()][0]).not.toBe(legacyPath);
    const pr = sources({ config: cfg, github: github({ eventName: 'pull_request', branch: 'main' }), store });
    const restored = await pr.restoreCache('main');
    expect('runs' in restored && restored.runs).toEqual([results]);
  });

  it('finds the results files a pattern names, sorted, and takes a plain path as it is', async () => {
    const workspace = tempDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(workspace, 'runs', 'a'), { recursive: true });
    mkdirSync(path.join(workspace, 'runs', 'b'), { recursive: true });
    for (const file of [
      'runs/a/r.json',
      'runs/b/r.json',
      'runs/2.json',
      'runs/1.json',
      'runs/.hidden.json',
      'runs/x.txt',
    ])
      writeFileSync(path.join(workspace, file), '{}');
    const s = sources({ config: config(), github: github({}), workspace });
    expect(await s.findFiles('runs/*.json')).toEqual([
      path.join(workspace, 'runs', '1.json'),
      path.join(workspace, 'runs', '2.json'),
    ]);
    expect(await s.findFiles('runs/*/r.json')).toEqual([
      path.join(workspace, 'runs', 'a', 'r.json'),
      path.join(workspace, 'runs', 'b', 'r.json'),
    ]);
    expect(await s.findFiles('runs/?.json')).toHaveLength(2);
    expect(await s.findFiles('nothing/*.json')).toEqual([]);
    expect(await s.findFiles('runs/1.json')).toEqual(['runs/1.json']);
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
