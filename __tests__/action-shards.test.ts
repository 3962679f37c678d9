// The action's shard and merge modes against a fake runner (ActionIo), fakes of the real world
// and an in-memory artifact store: a shard uploads its part and neither comments, fails on a
// regression nor saves a baseline; the merge reports, comments, gates and saves as one run.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, type ActionDeps } from '../src/action/main.js';
import type { InputName } from '../src/config/names.js';
import { ExecutorUnavailableError, type PlannedRun } from '../src/measure/executor.js';
import type { Results } from '../src/results/model.js';
import { parseResults } from '../src/results/schema.js';
import { FakeActionIo } from './fakes/action-io.js';
import { FakeBaselineSources } from './fakes/baseline-sources.js';
import { connectTo, FakeIssueComments } from './fakes/comments.js';
import { FakeExecutor, type FakeExecutorOptions, type RunScript } from './fakes/executor.js';
import { fakeServices } from './fakes/services.js';
import { FakeShardStore } from './fakes/shard-store.js';

const TOKEN = 'ghs_fakeShardToken0123456789';
const BENCH: Partial<Record<InputName, string>> = {
  run: './bench',
  allocators: 'default,jemalloc',
  runs: '8',
  metric: 'wall', // the fake executor scales wall times
  seed: '5',
  baseline: 'none',
  comment: 'never',
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-action-shards-'));
  dirs.push(dir);
  return dir;
}

function eventEnv(name: 'pull_request' | 'push'): Record<string, string> {
  const file = path.join(tempDir(), 'event.json');
  const payload =
    name === 'pull_request'
      ? {
          pull_request: {
            number: 7,
            base: { sha: 'a'.repeat(40), ref: 'main' },
            head: { sha: 'b'.repeat(40) },
          },
        }
      : { repository: { default_branch: 'main' } };
  writeFileSync(file, JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_API_URL: 'https://api.github.example',
    ...(name === 'push' ? { GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' } : {}),
  };
}

function slowHead(headMs: number): RunScript {
  return (variantId: string, r: PlannedRun) => ({
    wallMs:
      (variantId.endsWith('/head') ? headMs : 10) * (1 + (((r.round * 3 + r.position) % 5) - 2) * 0.004),
  });
}

function action(
  inputs: Partial<Record<InputName, string>>,
  opts: {
    store: FakeShardStore;
    env?: Record<string, string>;
    executor?: FakeExecutorOptions;
    sources?: FakeBaselineSources;
  },
) {
  const io = new FakeActionIo(inputs);
  const fake = fakeServices({
    executor: new FakeExecutor(opts.executor),
    ...(opts.sources ? { sources: opts.sources } : {}),
  });
  const comments = new FakeIssueComments();
  const deps: ActionDeps = {
    io,
    env: { RUNNER_TEMP: tempDir(), GITHUB_WORKSPACE: tempDir(), ...opts.env },
    services: fake.services,
    removeLeftovers: () => Promise.resolve(0),
    connectComments: connectTo(comments),
    shardStore: opts.store,
  };
  return { io, fake, comments, done: () => run(deps) };
}

function resultsOf(io: FakeActionIo): Results {
  return parseResults(readFileSync(io.outputs.results, 'utf8'), 'results');
}

/** A plain run of both libcs at 10 ms per run: the baseline file the merge compares against. */
async function earlierRun(): Promise<Results> {
  const earlier = action({ ...BENCH, libcs: 'musl,glibc' }, { store: new FakeShardStore(tempDir()) });
  await earlier.done();
  return resultsOf(earlier.io);
}

describe('mode: shard', () => {
  it('uploads its results and neither comments, annotates nor fails on its own regression', async () => {
    const store = new FakeShardStore(tempDir());
    const before = await earlierRun();
    const a = action(
      {
        ...BENCH,
        mode: 'shard',
        libcs: 'musl',
        baseline: 'before.json',
        comment: 'always',
        'github-token': TOKEN,
      },
      {
        store,
        env: eventEnv('pull_request'),
        executor: { envs: { musl: slowHead(13) } },
        sources: new FakeBaselineSources({ files: { 'before.json': before } }),
      },
    );
    await a.done();
    expect(a.io.failures).toEqual([]);
    expect(a.io.annotations.filter((n) => n.level === 'error')).toEqual([]);
    expect(a.io.warnings.join('\n')).not.toContain('regressed');
    expect(a.comments.comments).toEqual([]);
    expect(store.uploads).toEqual([expect.stringMatching(/^malloc-matrix-shard-[0-9a-f]{8}-x86_64-musl-/)]);
    expect(a.io.lines).toContain(
      `Uploaded shard ${resultsOf(a.io).shards?.[0].id} as artifact ${store.uploads[0]}.`,
    );
    // Its own comparisons are kept as a preview; the uploaded file is the results file.
    const results = resultsOf(a.io);
    expect(results.comparisons?.some((c) => c.verdict === 'regressed')).toBe(true);
    expect(results.cells.every((c) => c.arch === 'x64')).toBe(true);
  });

  it('saves no baseline on a push to the default branch: the merge saves the whole matrix', async () => {
    const sources = new FakeBaselineSources();
    const a = action(
      { ...BENCH, mode: 'shard', libcs: 'musl', baseline: 'auto' },
      { store: new FakeShardStore(tempDir()), env: eventEnv('push'), sources },
    );
    await a.done();
    expect(a.io.failures).toEqual([]);
    expect(sources.saved).toEqual([]);
  });

  it('uploads what a failed run measured, and fails the step with the run’s own reason', async () => {
    const store = new FakeShardStore(tempDir());
    const gone = new ExecutorUnavailableError('Docker engine not available (gone)');
    const a = action(
      { ...BENCH, mode: 'shard', libcs: 'musl,glibc' },
      { store, executor: { envs: { glibc: gone } } },
    );
    await a.done();
    expect(a.io.failures).toEqual(['Docker engine not available (gone)']);
    expect(store.uploads).toHaveLength(1);
    const uploaded = resultsOf(a.io);
    expect(uploaded.shards?.[0]).toMatchObject({
      status: 'failed',
      reason: 'Docker engine not available (gone)',
    });
    expect(uploaded.cells.some((c) => c.status === 'ok')).toBe(true);
  });

  it('fails the step when a complete shard cannot be uploaded: the merge would miss its cells', async () => {
    const store = new FakeShardStore(tempDir());
    store.upload = () => Promise.reject(new Error('artifact service unavailable'));
    const a = action({ ...BENCH, mode: 'shard', libcs: 'musl' }, { store });
    await a.done();
    expect(a.io.failures).toEqual([
      expect.stringMatching(
        /^could not upload this shard's results as artifact malloc-matrix-shard-.*: artifact service unavailable$/,
      ),
    ]);
  });
});

describe('mode: merge', () => {
  async function twoShards(store: FakeShardStore, headMs = 13): Promise<void> {
    for (const libc of ['musl', 'glibc'] as const) {
      const shard = action(
        { ...BENCH, mode: 'shard', libcs: libc },
        { store, executor: { envs: { [libc]: slowHead(headMs) } } },
      );
      await shard.done();
      expect(shard.io.failures).toEqual([]);
    }
  }

  it('merges the shards into one report, one comment and one gate over every cell', async () => {
    const store = new FakeShardStore(tempDir());
    await twoShards(store);
    const before = await earlierRun();
    const a = action(
      { mode: 'merge', baseline: 'before.json', comment: 'always', 'github-token': TOKEN },
      {
        store,
        env: eventEnv('pull_request'),
        sources: new FakeBaselineSources({ files: { 'before.json': before } }),
      },
    );
    await a.done();
    const merged = resultsOf(a.io);
    expect(merged.shards?.map((s) => [s.status, s.cells])).toEqual([
      ['merged', 2],
      ['merged', 2],
    ]);
    expect(merged.matrix).toMatchObject({ verdict: 'regressed', cells: 4 });
    expect(a.io.outputs.regressed).toBe('true');
    expect(a.io.failures).toEqual([
      expect.stringMatching(
        /^all cells together and 4 cell\(s\) regressed beyond the threshold: all 4 cells together: /,
      ),
    ]);
    expect(a.io.annotations.filter((n) => n.level === 'error').map((n) => n.message)).toEqual([
      expect.stringMatching(/^Regression: all 4 cells together: wall \+/),
      expect.stringMatching(/^Regression: x86_64 musl\/default: wall \+/),
      expect.stringMatching(/^Regression: x86_64 musl\/jemalloc: wall \+/),
      expect.stringMatching(/^Regression: x86_64 glibc\/default: wall \+/),
      expect.stringMatching(/^Regression: x86_64 glibc\/jemalloc: wall \+/),
    ]);
    expect(a.comments.comments.map((c) => c.body)).toEqual([a.io.outputs.report]);
    // The report describes the merged run as one job of both libcs.
    expect(a.io.outputs.report).toContain('malloc-matrix --executor docker --libcs musl,glibc');
  });

  it('saves the merged results as the baseline on a push to the default branch', async () => {
    const store = new FakeShardStore(tempDir());
    await twoShards(store, 10);
    const sources = new FakeBaselineSources();
    const a = action({ mode: 'merge', baseline: 'auto' }, { store, env: eventEnv('push'), sources });
    await a.done();
    expect(a.io.failures).toEqual([]);
    expect(sources.saved.map((r) => r.shards?.length)).toEqual([2]);
    expect(a.io.lines).toContain('Saved these results as the baseline.');
  });

  it('fails with one line when the workflow run has no shard artifacts', async () => {
    const a = action({ mode: 'merge' }, { store: new FakeShardStore(tempDir()) });
    await a.done();
    expect(a.io.failures).toEqual([
      'this workflow run has no shard artifacts: the jobs with mode: shard upload them',
    ]);
  });
});
