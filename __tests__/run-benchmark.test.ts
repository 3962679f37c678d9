// The one orchestration against fakes of every port: which baseline it compares against (paired
// base, file, cache, none), what it keeps when the run cannot go on, what it saves to the cache,
// and that the scratch directory it owns is gone when it ends.
import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunPorts } from '../src/app/ports.js';
import { runBenchmark, startBenchmark } from '../src/app/run-benchmark.js';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import type { GitHubContext } from '../src/github/context.js';
import { ExecutorUnavailableError, type PlannedRun } from '../src/measure/executor.js';
import { serializeResults } from '../src/results/io.js';
import type { LibcName, Results } from '../src/results/model.js';
import { FakeBaselineSources } from './fakes/baseline-sources.js';
import { FakeClock } from './fakes/clock.js';
import { FakeExecutor, fakeExecutorFactory, type RunScript } from './fakes/executor.js';
import { fakeBaselinesFactory } from './fakes/baseline-sources.js';
import { RecordingLogger } from './fakes/logger.js';
import { RecordingProgress } from './fakes/progress.js';
import { FAKE_HOST } from './fakes/services.js';

const BASE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);
const PULL_REQUEST: Partial<GitHubContext> = {
  eventName: 'pull_request',
  baseSha: BASE_SHA,
  headSha: HEAD_SHA,
  branch: 'main',
  defaultBranch: 'main',
  prNumber: 7,
};
const PUSH_TO_MAIN: Partial<GitHubContext> = {
  eventName: 'push',
  branch: 'main',
  defaultBranch: 'main',
  headSha: HEAD_SHA,
};

function config(inputs: Partial<Record<InputName, string>> = {}): Config {
  const all: Partial<Record<InputName, string>> = {
    run: './bench',
    allocators: 'default,jemalloc',
    libcs: 'musl',
    runs: '8',
    metric: 'wall', // the fake executor scales wall times
    seed: '11',
    baseline: 'none',
    ...inputs,
  };
  return parseConfig((name) => all[name], { label: (n) => n, randomSeed: () => 0 });
}

/** A few tenths of a percent of deterministic noise, so that samples are not all equal. */
function noise(run: PlannedRun): number {
  return 1 + (((run.round * 3 + run.position) % 5) - 2) * 0.004;
}

/** Head runs take `headMs`, base runs 10 ms. */
function headTakes(headMs: number): RunScript {
  return (variantId, run) => ({ wallMs: (variantId.endsWith('/head') ? headMs : 10) * noise(run) });
}

function everyLibc(
  script: RunScript,
  libcs: LibcName[] = ['musl', 'glibc'],
): Partial<Record<LibcName, RunScript>> {
  return Object.fromEntries(libcs.map((l) => [l, script]));
}

const scratchRoots: string[] = [];
afterEach(() => {
  for (const dir of scratchRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function harness(
  opts: { executor?: FakeExecutor; sources?: FakeBaselineSources; github?: Partial<GitHubContext> } = {},
) {
  const executor = opts.executor ?? new FakeExecutor({ envs: everyLibc(headTakes(10)) });
  const sources = opts.sources ?? new FakeBaselineSources();
  const log = new RecordingLogger();
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'mm-core-'));
  scratchRoots.push(tempRoot);
  const createExecutor = fakeExecutorFactory(executor);
  const createBaselines = fakeBaselinesFactory(sources);
  const ports: RunPorts = {
    createExecutor,
    createBaselines,
    log,
    progress: new RecordingProgress(),
    github: { apiUrl: 'https://api.github.example', serverUrl: 'https://github.example', ...opts.github },
    host: FAKE_HOST,
    workspace: '/ws/head',
    tempRoot,
    clock: new FakeClock(),
    newRunId: () => 'run000000001',
    toolVersion: '9.9.9',
  };
  return { ports, executor, sources, log, tempRoot, createExecutor, createBaselines };
}

/** Results of a clean earlier run of the same command: a stored baseline. */
async function earlierResults(): Promise<Results> {
  const { results } = await runBenchmark(config(), harness().ports);
  return results!;
}

function wallVerdicts(results: Results | undefined): string[] {
  return (results?.comparisons ?? [])
    .filter((c) => c.metric === 'wall')
    .map((c) => `${c.allocator}:${c.verdict}`);
}

describe('runBenchmark', () => {
  it('measures the working tree against a revision the user names, on any event, and records both commits', async () => {
    const HEAD_COMMIT = 'c'.repeat(40);
    const h = harness({
      executor: new FakeExecutor({ envs: everyLibc(headTakes(12)) }),
      sources: new FakeBaselineSources({
        revisions: { 'HEAD~1': { commit: BASE_SHA, head: { commit: HEAD_COMMIT, dirty: true } } },
        base: { dir: '/ws/base', commit: BASE_SHA, sameTreeAsHead: true },
      }),
      github: PUSH_TO_MAIN,
    });
    const { results, fatal } = await runBenchmark(config({ baseline: 'HEAD~1' }), h.ports);
    expect(fatal).toBeUndefined();
    expect(h.sources.resolvedRevisions).toEqual(['HEAD~1']);
    expect(h.sources.preparedBases).toEqual([BASE_SHA]);
    expect(h.executor.requests[0].trees).toEqual({ head: '/ws/head', base: '/ws/base' });
    // The committed trees are equal, but the working tree has changes: no A/A run.
    expect(results!.baseline).toEqual({
      kind: 'base',
      paired: true,
      commit: BASE_SHA,
      ref: 'HEAD~1',
      source: `HEAD~1 at ${BASE_SHA.slice(0, 12)}`,
    });
    expect(results!.git).toEqual({ head: HEAD_COMMIT, dirty: true, base: BASE_SHA });
    expect(wallVerdicts(results)).toEqual(['default:regressed', 'jemalloc:regressed']);
    expect(h.log.lines).toContain(
      `Comparing the working tree (${HEAD_COMMIT.slice(0, 12)}, with uncommitted changes) with HEAD~1 (${BASE_SHA.slice(0, 12)}).`,
    );
    // Nothing is saved for later runs: a local comparison is not the branch's baseline.
    expect(h.sources.saved).toEqual([]);
  });

  it('stops with a configuration error naming a revision that names no commit', async () => {
    const h = harness({ sources: new FakeBaselineSources() });
    const { results, fatal } = await runBenchmark(config({ baseline: 'mian' }), h.ports);
    expect(results).toBeUndefined();
    expect(fatal).toEqual({
      cause: 'config',
      message:
        'Invalid baseline: "mian" names no commit in the repository. Expected none, auto, base, cache, the path of an earlier results .json file (* and ? name several), or a git commit-ish of this repository such as origin/main, HEAD~3 or v1.2.0.',
    });
    expect(h.executor.requests).toEqual([]);
  });

  it('measures head and base side by side on a pull request (paired) and finds the slowdown', async () => {
    const h = harness({
      executor: new FakeExecutor({ envs: everyLibc(headTakes(12)) }),
      sources: new FakeBaselineSources({ base: { dir: '/ws/base', commit: BASE_SHA } }),
      github: PULL_REQUEST,
    });
    const { results, fatal } = await runBenchmark(config({ baseline: 'auto' }), h.ports);
    expect(fatal).toBeUndefined();
    expect(h.sources.preparedBases).toEqual([BASE_SHA]);
    expect(h.executor.requests[0].trees).toEqual({ head: '/ws/head', base: '/ws/base' });
    expect(results!.baseline).toEqual({
      kind: 'base',
      paired: true,
      commit: BASE_SHA,
      source: `base commit ${BASE_SHA.slice(0, 12)}`,
    });
    expect(results!.git).toEqual({ head: HEAD_SHA, base: BASE_SHA, pr: 7 });
    expect(results!.cells.map((c) => `${c.allocator}/${c.tree}:${c.status}`)).toEqual([
      'default/head:ok',
      'jemalloc/head:ok',
      'default/base:ok',
      'jemalloc/base:ok',
    ]);
    expect(wallVerdicts(results)).toEqual(['default:regressed', 'jemalloc:regressed']);
    expect(results!.comparisons!.every((c) => c.paired)).toBe(true);
    // The base worktree and the environments are released once the run is over.
    expect(h.sources.cleanups).toBe(1);
    expect(h.executor.disposed).toBe(1);
    expect(h.executor.cleanups).toBe(1);
  });

  describe('re-measuring inconclusive cells (retries: 1, paired)', () => {
    /** default's head is 50% slower (proven at once); jemalloc's is about 6% slower, in wide noise. */
    const oneClearOneUnsure: RunScript = (variantId, run) => {
      const [, allocator, tree] = variantId.split('/');
      if (tree !== 'head') return { wallMs: 10 * noise(run) };
      if (allocator === 'default') return { wallMs: 15 * noise(run) };
      return { wallMs: 10.6 * (1 + ((run.round % 4) - 1.5) * 0.04) };
    };
    /** Both heads about 6% slower, in wide noise: nothing is proven at the first look. */
    const bothUnsure: RunScript = (variantId, run) => ({
      wallMs: variantId.endsWith('/head') ? 10.6 * (1 + ((run.round % 4) - 1.5) * 0.04) : 10 * noise(run),
    });

    function pairedRun(script: RunScript, inputs: Partial<Record<InputName, string>> = {}) {
      const h = harness({
        executor: new FakeExecutor({ envs: everyLibc(script, ['musl']) }),
        sources: new FakeBaselineSources({ base: { dir: '/ws/base', commit: BASE_SHA } }),
        github: PULL_REQUEST,
      });
      return { h, outcome: runBenchmark(config({ baseline: 'auto', retries: '1', ...inputs }), h.ports) };
    }

    it('skips the re-measurement once a regression is proven, and says why the rest stays inconclusive', async () => {
      const { h, outcome } = pairedRun(oneClearOneUnsure);
      const { results } = await outcome;
      expect(wallVerdicts(results)).toEqual(['default:regressed', 'jemalloc:inconclusive']);
      const measuring = h.executor.batches.filter((b) => b.runs.some((r) => r.kind === 'measured'));
      expect(measuring).toHaveLength(1);
      expect(results!.sizing?.environments[0].extraRounds).toBeUndefined();
      const jemalloc = results!.comparisons!.find((c) => c.allocator === 'jemalloc' && c.metric === 'wall');
      expect(jemalloc?.reason).toMatch(
        /^not re-measured: (all cells, )?musl\/default already regressed, so more rounds could not change the outcome$/,
      );
      expect(h.log.lines).toContainEqual(
        expect.stringMatching(
          /^Not re-measuring (1 inconclusive cell\(s\)|all 2 cells \(the all-cells verdict is inconclusive\)): musl\/default already regressed, so the step fails whatever more rounds show$/,
        ),
      );
    });

    it('with fail-on-regression off, skips it all the same and says the run is marked regressed', async () => {
      const { h, outcome } = pairedRun(oneClearOneUnsure, { 'fail-on-regression': 'false' });
      await outcome;
      expect(h.log.lines).toContainEqual(
        expect.stringMatching(
          /: musl\/default already regressed, so the run is marked regressed whatever more rounds show$/,
        ),
      );
      expect(h.log.lines.some((l) => l.includes('the step fails'))).toBe(false);
    });

    /** One more batch of as many rounds (8) for the inconclusive cells, and no word of skipping. */
    async function expectRemeasured({ h, outcome }: ReturnType<typeof pairedRun>): Promise<void> {
      const { results } = await outcome;
      const measuring = h.executor.batches.filter((b) => b.runs.some((r) => r.kind === 'measured'));
      expect(measuring).toHaveLength(2);
      expect(results!.sizing?.environments[0].extraRounds).toBe(8);
      expect(h.log.lines.some((l) => l.includes('Not re-measuring'))).toBe(false);
    }

    it('re-measures in a shard all the same: the merge judges its cells in a larger family', () =>
      expectRemeasured(pairedRun(oneClearOneUnsure, { mode: 'shard' })));

    it('re-measures the inconclusive cells when nothing is proven yet', () =>
      expectRemeasured(pairedRun(bothUnsure)));
  });

  it('compares against a results file, unpaired, and names it', async () => {
    const stored = await earlierResults();
    const h = harness({
      executor: new FakeExecutor({ envs: everyLibc(headTakes(13)) }),
      sources: new FakeBaselineSources({ files: { 'before.json': stored } }),
    });
    const { results } = await runBenchmark(config({ baseline: 'before.json' }), h.ports);
    expect(results!.baseline).toMatchObject({
      kind: 'file',
      paired: false,
      source: 'before.json',
      createdAt: stored.finishedAt,
      // Both runs have probe samples: times are divided by the probe time of their round.
      normalized: true,
      history: [expect.objectContaining({ source: 'before.json', createdAt: stored.finishedAt })],
    });
    // One stored run is too little history: only a change beyond the 25% floor counts, as +30% does.
    expect(wallVerdicts(results)).toEqual(['default:regressed', 'jemalloc:regressed']);
    expect(results!.probe?.environments.map((e) => [e.libc, e.samples.length])).toEqual([['musl', 8]]);
    expect(results!.comparisons!.some((c) => c.paired)).toBe(false);
    expect(h.sources.preparedBases).toEqual([]);
  });

  it('takes the newest `history` of the results files a pattern names, as the history', async () => {
    const stored = await earlierResults();
    const at = (day: number): Results => ({ ...stored, finishedAt: `2025-01-0${day}T00:00:00.000Z` });
    const h = harness({
      sources: new FakeBaselineSources({
        files: { 'runs/a.json': at(3), 'runs/b.json': at(1), 'runs/c.json': at(4), 'other.json': at(5) },
      }),
    });
    const { results } = await runBenchmark(config({ baseline: 'runs/*.json', history: '2' }), h.ports);
    expect(results!.baseline).toMatchObject({
      kind: 'file',
      source: 'runs/*.json (2 of 3 files)',
      createdAt: at(4).finishedAt,
    });
    expect(results!.baseline!.history!.map((e) => e.source)).toEqual(['runs/c.json', 'runs/a.json']);
    expect(results!.comparisons!.find((c) => c.metric === 'wall')).toMatchObject({ history: 2 });
  });

  it('judges cross-run once: re-measuring does not shrink the spread between runs', async () => {
    const stored = await earlierResults();
    const scaled = (factor: number, day: number): Results => ({
      ...stored,
      finishedAt: `2025-01-0${day}T00:00:00.000Z`,
      cells: stored.cells.map((c) => ({
        ...c,
        runs: c.runs.map((r) => ({ ...r, wallMs: r.wallMs * factor })),
      })),
    });
    const h = harness({
      executor: new FakeExecutor({ envs: everyLibc(headTakes(11.5)) }),
      sources: new FakeBaselineSources({
        files: {
          'runs/1.json': scaled(1, 1),
          'runs/2.json': scaled(1.08, 2),
          'runs/3.json': scaled(0.95, 3),
        },
      }),
    });
    const { results } = await runBenchmark(config({ baseline: 'runs/*.json', retries: '2' }), h.ports);
    expect(wallVerdicts(results)).toEqual(['default:inconclusive', 'jemalloc:inconclusive']);
    const measuring = h.executor.batches.filter((b) => b.runs.some((r) => r.kind === 'measured'));
    expect(measuring).toHaveLength(1);
    expect(results!.sizing?.environments[0].extraRounds).toBeUndefined();
  });

  it('a pattern that names no file is a configuration error', async () => {
    const outcome = await runBenchmark(config({ baseline: 'runs/*.json' }), harness().ports);
    expect(outcome).toEqual({
      fatal: { message: 'Invalid baseline: "runs/*.json" matches no file.', cause: 'config' },
    });
  });

  it('a results file that cannot be read is a configuration error, before anything runs', async () => {
    const h = harness({
      sources: new FakeBaselineSources({
        files: { 'broken.json': new Error('broken.json is not valid JSON') },
      }),
    });
    const outcome = await runBenchmark(config({ baseline: 'broken.json' }), h.ports);
    expect(outcome).toEqual({
      fatal: { message: 'Invalid baseline: broken.json is not valid JSON', cause: 'config' },
    });
    expect(h.executor.requests).toEqual([]);
    expect(readdirSync(h.tempRoot)).toEqual([]);
  });

  it('compares a pull request against the cached results of its base branch', async () => {
    const stored = await earlierResults();
    const h = harness({
      executor: new FakeExecutor({ envs: everyLibc(headTakes(10)) }),
      sources: new FakeBaselineSources({ cache: { runs: [stored], key: 'malloc-matrix-main-abc' } }),
      github: PULL_REQUEST,
    });
    const { results } = await runBenchmark(config({ baseline: 'cache' }), h.ports);
    expect(h.sources.restoredBranches).toEqual(['main']);
    expect(results!.baseline).toMatchObject({
      kind: 'cache',
      paired: false,
      source: 'malloc-matrix-main-abc',
    });
    // Judged against the one stored run: too little history for more than 🟡, and it says why.
    expect(wallVerdicts(results)).toEqual(['default:inconclusive', 'jemalloc:inconclusive']);
    for (const c of results!.comparisons!.filter((c) => c.metric === 'wall'))
      expect(c.reason).toMatch(/^only 1 stored run to compare with/);
    // A pull request never saves its results as the branch's baseline.
    expect(h.sources.saved).toEqual([]);
  });

  it('ignores a cached baseline of another command, with a warning', async () => {
    const stored = { ...(await earlierResults()), command: { kind: 'shell' as const, script: './other' } };
    const h = harness({
      sources: new FakeBaselineSources({ cache: { runs: [stored], key: 'k' } }),
      github: PULL_REQUEST,
    });
    const { results } = await runBenchmark(config({ baseline: 'cache' }), h.ports);
    expect(results!.comparisons).toBeUndefined();
    expect(results!.baseline!.unavailableReason).toMatch(
      /^the cached baseline ran another command \("\.\/other"/,
    );
    expect(h.log.warnings).toEqual([results!.baseline!.unavailableReason]);
  });

  it('a base commit that cannot be had is a warning and no comparison', async () => {
    const h = harness({
      sources: new FakeBaselineSources({ base: { error: 'could not fetch aaaaaaa from origin' } }),
      github: PULL_REQUEST,
    });
    const { results, fatal } = await runBenchmark(config({ baseline: 'auto' }), h.ports);
    expect(fatal).toBeUndefined();
    expect(results!.baseline).toEqual({
      kind: 'base',
      paired: false,
      unavailableReason: 'could not fetch aaaaaaa from origin',
    });
    expect(results!.comparisons).toBeUndefined();
    expect(results!.git).toEqual({ head: HEAD_SHA, pr: 7 });
    expect(h.log.warnings).toEqual(['could not fetch aaaaaaa from origin']);
    expect(h.executor.requests[0].trees).toEqual({ head: '/ws/head' });
  });

  it('a base whose setup failed everywhere is no baseline either', async () => {
    const h = harness({
      executor: new FakeExecutor({ treeFailures: { base: 'setup failed: make: not found' } }),
      sources: new FakeBaselineSources({ base: { dir: '/ws/base', commit: BASE_SHA } }),
      github: PULL_REQUEST,
    });
    const { results } = await runBenchmark(config({ baseline: 'base' }), h.ports);
    expect(results!.baseline).toMatchObject({
      paired: false,
      unavailableReason: 'base commit aaaaaaa could not be measured: setup failed: make: not found',
    });
    expect(results!.comparisons).toBeUndefined();
  });

  it('keeps the partial results when the run cannot go on, and saves nothing', async () => {
    const h = harness({
      executor: new FakeExecutor({
        envs: {
          musl: headTakes(10),
          glibc: new ExecutorUnavailableError('Docker engine not available (gone)'),
        },
      }),
      github: PUSH_TO_MAIN,
    });
    const { results, fatal } = await runBenchmark(config({ libcs: 'musl,glibc', baseline: 'auto' }), h.ports);
    expect(fatal).toEqual({ message: 'Docker engine not available (gone)', cause: 'run' });
    expect(results!.fatalError).toBe('Docker engine not available (gone)');
    expect(results!.cells.map((c) => `${c.libc}/${c.allocator}`)).toEqual(['musl/default', 'musl/jemalloc']);
    expect(h.sources.saved).toEqual([]);
    expect(h.executor.cleanups).toBe(1);
    expect(readdirSync(h.tempRoot)).toEqual([]);
  });

  it('an executor that cannot be made at all stops the run with no results', async () => {
    const h = harness();
    h.ports.createExecutor = () => Promise.reject(new Error('no helper binary for riscv64'));
    const outcome = await runBenchmark(config(), h.ports);
    expect(outcome).toEqual({ fatal: { message: 'no helper binary for riscv64', cause: 'run' } });
  });

  it('saves the results as the baseline on a push to the default branch', async () => {
    const h = harness({ github: PUSH_TO_MAIN });
    const { results } = await runBenchmark(config({ baseline: 'auto' }), h.ports);
    expect(h.sources.saved).toEqual([results]);
    // auto compares nothing on a push: the sources fetch the history to carry it on.
    expect(h.sources.savedPrevious).toEqual([undefined]);
    expect(h.log.lines).toContain('Saved these results as the baseline.');
    expect(results!.baseline!.unavailableReason).toBe(
      'a push to the default branch: results are saved as the baseline',
    );
  });

  it('with baseline: cache, a push to the default branch compares with the history, then saves it on', async () => {
    const stored = await earlierResults();
    const history = [stored, { ...stored, seed: 2 }, { ...stored, seed: 3 }];
    const h = harness({
      executor: new FakeExecutor({ envs: everyLibc(headTakes(10)) }),
      sources: new FakeBaselineSources({ cache: { runs: history, key: 'mm-main-x' } }),
      github: PUSH_TO_MAIN,
    });
    const { results } = await runBenchmark(config({ baseline: 'cache' }), h.ports);
    expect(h.sources.restoredBranches).toEqual(['main']);
    expect(results!.baseline).toMatchObject({ kind: 'cache', source: 'mm-main-x' });
    expect(wallVerdicts(results)).toEqual(['default:unchanged', 'jemalloc:unchanged']);
    expect(results!.comparisons!.find((c) => c.metric === 'wall')).toMatchObject({ history: 3 });
    // Saved with the history it was judged against behind it: no second restore.
    expect(h.sources.saved).toEqual([results]);
    expect(h.sources.savedPrevious).toEqual([history]);
  });

  it('with baseline: cache, the first push of a branch has no history and starts one', async () => {
    const h = harness({ github: PUSH_TO_MAIN });
    const { results } = await runBenchmark(config({ baseline: 'cache' }), h.ports);
    expect(results!.comparisons).toBeUndefined();
    expect(results!.baseline!.unavailableReason).toBe('no cached baseline for main');
    expect(h.sources.savedPrevious).toEqual([[]]);
  });

  it('owns the run id and the scratch directory, and hands both to the executor and the sources', async () => {
    let during: string[] = [];
    const h = harness({
      executor: new FakeExecutor({
        beforeMeasuredRun: () => {
          during = readdirSync(scratchRoots.at(-1)!);
          return Promise.resolve();
        },
      }),
    });
    const cfg = config({ env: 'A=1\nB=2' });
    const run = startBenchmark(cfg, h.ports);
    expect(run.runId).toBe('run000000001');
    await run.outcome;
    expect(h.createExecutor.calls[0].ctx).toMatchObject({ runId: 'run000000001', env: { A: '1', B: '2' } });
    const scratch = path.join(h.tempRoot, 'malloc-matrix-run000000001');
    expect(h.createBaselines.requests[0].request).toMatchObject({ tmpDir: scratch, libcs: ['musl'] });
    expect(during).toEqual(['malloc-matrix-run000000001']);
    expect(existsSync(scratch)).toBe(false);
  });

  it('gives a signal handler the results so far, marked as interrupted', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atFirstMeasuredRun = new Promise<void>((resolve) => (reached = resolve));
    const h = harness({
      executor: new FakeExecutor({
        beforeMeasuredRun: () => {
          reached();
          return held;
        },
      }),
    });
    const run = startBenchmark(config(), h.ports);
    expect(run.snapshot()).toBeUndefined();
    await atFirstMeasuredRun;
    const partial = run.interrupted('SIGTERM')!;
    expect(partial.fatalError).toBe('interrupted by SIGTERM');
    // The proof and warm-up runs are in; no measured run is.
    const kinds = partial.cells.flatMap((c) => c.runs.map((r) => r.kind));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds).not.toContain('measured');
    expect(run.snapshot()!.fatalError).toBeUndefined();
    await run.release();
    expect(h.executor.cleanups).toBe(1);
    expect(readdirSync(h.tempRoot)).toEqual([]);
    release();
    const { results } = await run.outcome;
    expect(results!.fatalError).toBeUndefined();
  });

  it('gives the same results for the same seed and samples', async () => {
    const once = async () => {
      const h = harness({ executor: new FakeExecutor({ envs: everyLibc(headTakes(12)) }) });
      return serializeResults((await runBenchmark(config({ libcs: 'musl,glibc' }), h.ports)).results!);
    };
    const first = await once();
    expect(await once()).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ seed: 11, startedAt: '2025-01-02T03:04:05.000Z' });
  });
});
