// The action's adapter against a fake runner (ActionIo) and fakes of the real world: what it
// writes where, what fails the step, the report mode, the post step and a cancelled job.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, type ActionDeps } from '../src/action/main.js';
import type { InputName } from '../src/config/names.js';
import { ExecutorUnavailableError, type PlannedRun } from '../src/measure/executor.js';
import { serializeResults } from '../src/results/io.js';
import type { Results } from '../src/results/model.js';
import { parseResults } from '../src/results/schema.js';
import { FakeActionIo } from './fakes/action-io.js';
import { FakeBaselineSources } from './fakes/baseline-sources.js';
import { connectTo, FakeIssueComments } from './fakes/comments.js';
import { FakeExecutor, type FakeExecutorOptions, type RunScript } from './fakes/executor.js';
import { connectPullRequestsTo, FakePullRequests } from './fakes/pull-requests.js';
import { fakeServices } from './fakes/services.js';
import { allOkResults, withPairedBaseline } from './fixtures/results.js';

const TOKEN = 'ghs_fakeActionToken0123456789';
const BENCH: Partial<Record<InputName, string>> = {
  run: './bench',
  allocators: 'default,jemalloc',
  libcs: 'musl',
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
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-action-'));
  dirs.push(dir);
  return dir;
}

function pullRequestEvent(): Record<string, string> {
  const file = path.join(tempDir(), 'event.json');
  writeFileSync(
    file,
    JSON.stringify({
      pull_request: { number: 7, base: { sha: 'a'.repeat(40), ref: 'main' }, head: { sha: 'b'.repeat(40) } },
    }),
  );
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_API_URL: 'https://api.github.example',
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
    env?: Record<string, string>;
    executor?: FakeExecutorOptions;
    sources?: FakeBaselineSources;
    state?: Record<string, string>;
  } = {},
) {
  const io = new FakeActionIo(inputs, opts.state);
  const fake = fakeServices({
    executor: new FakeExecutor(opts.executor),
    ...(opts.sources ? { sources: opts.sources } : {}),
  });
  const comments = new FakeIssueComments();
  const connect = connectTo(comments);
  const pulls = new FakePullRequests();
  const connectPulls = connectPullRequestsTo(pulls);
  const removed: string[] = [];
  const runnerTemp = tempDir();
  const deps: ActionDeps = {
    io,
    env: { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: tempDir(), ...opts.env },
    services: fake.services,
    removeLeftovers: (runId) => {
      removed.push(runId);
      return Promise.resolve(1);
    },
    connectComments: connect,
    connectPullRequests: connectPulls,
  };
  return {
    io,
    deps,
    fake,
    comments,
    connect,
    pulls,
    connectPulls,
    removed,
    runnerTemp,
    done: () => run(deps),
  };
}

function resultsOf(io: FakeActionIo): Results {
  return parseResults(readFileSync(io.outputs.results, 'utf8'), 'results');
}

describe('the action (main step)', () => {
  it('measures, writes the results file, the outputs and the summary, and saves the run id', async () => {
    const a = action(BENCH);
    await a.done();
    expect(a.io.failures).toEqual([]);
    expect(a.io.state).toEqual({ 'malloc-matrix-is-post': 'true', 'malloc-matrix-run-id': '0123456789ab' });
    expect(a.fake.createExecutor.calls[0].ctx.runId).toBe('0123456789ab');
    const results = resultsOf(a.io);
    expect(a.io.outputs.results.startsWith(path.join(a.runnerTemp, 'malloc-matrix-'))).toBe(true);
    expect(results.seed).toBe(5);
    expect(results.cells.map((c) => `${c.allocator}:${c.status}`)).toEqual(['default:ok', 'jemalloc:ok']);
    expect(a.io.outputs.regressed).toBe('false');
    expect(a.io.outputs.report).toContain('| jemalloc |');
    expect(a.io.outputs.report).toContain('Reproduce locally');
    expect(a.io.summaries).toEqual([a.io.outputs.report]);
    expect(a.io.annotations).toEqual([]);
    expect(a.io.outputs['comment-url']).toBeUndefined();
    // Progress reaches the log one line at a time, each batch's runs in a collapsed group and
    // each cell's result after it.
    expect(a.io.lines).toContain('musl: preparing the environment');
    // 8 rounds of 2 cells, and the calibration probe once in each: the probe is not a run.
    const title = 'musl: measuring: 16 runs in 8 rounds, each with the calibration probe';
    expect(a.io.groups).toEqual(expect.arrayContaining([title]));
    const measuring = a.io.lines.indexOf(`::group::${title}`);
    const end = a.io.lines.indexOf('::endgroup::', measuring);
    expect(a.io.lines.slice(measuring + 1, end).every((l) => l.startsWith('['))).toBe(true);
    expect(a.io.lines.slice(end + 1, end + 3)).toEqual([
      'musl/default: 10.0 ms · median wall time of 8 runs',
      'musl/jemalloc: 10.0 ms · median wall time of 8 runs',
    ]);
  });

  it('gives the results to dashboards: Bencher Metric Format as an output and a file, and github-action-benchmark’s file', async () => {
    const a = action(BENCH);
    await a.done();
    expect(a.io.failures).toEqual([]);
    const bmf = JSON.parse(a.io.outputs.bmf) as Record<string, Record<string, { value: number }>>;
    expect(Object.keys(bmf)).toEqual(['./bench musl/default', './bench musl/jemalloc']);
    expect(bmf['./bench musl/jemalloc'].latency.value).toBeCloseTo(10e6, -3);
    expect(JSON.parse(readFileSync(a.io.outputs['bmf-file'], 'utf8'))).toEqual(bmf);
    const gab = JSON.parse(readFileSync(a.io.outputs['gab-file'], 'utf8')) as {
      name: string;
      unit: string;
    }[];
    expect(gab.map((e) => `${e.name} [${e.unit}]`)).toEqual([
      './bench musl/default - wall time [ms]',
      './bench musl/default - peak RSS [KiB]',
      './bench musl/jemalloc - wall time [ms]',
      './bench musl/jemalloc - peak RSS [KiB]',
    ]);
    expect(path.dirname(a.io.outputs['gab-file'])).toBe(path.dirname(a.io.outputs.results));
  });

  it('fails with one line for a bad input, and starts nothing', async () => {
    const a = action({ ...BENCH, runs: 'abc' });
    await a.done();
    expect(a.io.failures).toEqual([
      `Invalid input 'runs': "abc". Expected auto, or a whole number from 1 to 10000.`,
    ]);
    expect(a.io.outputs).toEqual({});
    expect(a.io.summaries).toEqual([]);
    expect(a.io.state['malloc-matrix-run-id']).toBeUndefined();
    expect(a.fake.createExecutor.calls).toEqual([]);
  });

  it('fails on a regression against a baseline file, annotates it, and comments on the pull request', async () => {
    const earlier = action(BENCH);
    await earlier.done();
    const baseline = resultsOf(earlier.io);
    const a = action(
      { ...BENCH, name: 'churn', baseline: 'before.json', comment: 'always', 'github-token': TOKEN },
      {
        env: pullRequestEvent(),
        executor: { envs: { musl: slowHead(13) } },
        sources: new FakeBaselineSources({ files: { 'before.json': baseline } }),
      },
    );
    await a.done();
    expect(a.io.secrets).toEqual([TOKEN]);
    expect(a.io.outputs.regressed).toBe('true');
    expect(a.io.failures).toEqual([
      expect.stringMatching(
        /^all cells together and 2 cell\(s\) regressed beyond the threshold: all 2 cells together: wall \+.*; musl\/default/,
      ),
    ]);
    expect(a.io.annotations.filter((n) => n.level === 'error')).toEqual([
      {
        level: 'error',
        title: 'malloc-matrix: churn',
        message: expect.stringMatching(/^Regression: all 2 cells together: wall \+/),
      },
      {
        level: 'error',
        title: 'malloc-matrix: churn',
        message: expect.stringMatching(/^Regression: musl\/default: wall \+/),
      },
      {
        level: 'error',
        title: 'malloc-matrix: churn',
        message: expect.stringMatching(/^Regression: musl\/jemalloc: wall \+/),
      },
    ]);
    expect(a.connect.connections).toEqual([
      {
        token: TOKEN,
        target: { owner: 'acme', repo: 'widgets', issueNumber: 7 },
        client: { baseUrl: 'https://api.github.example' },
      },
    ]);
    expect(a.comments.comments.map((c) => c.body)).toEqual([a.io.outputs.report]);
    expect(a.io.outputs['comment-url']).toBe(a.comments.comments[0].html_url);
    expect(readFileSync(a.io.outputs.results, 'utf8')).not.toContain(TOKEN);
  });

  it('fails when a required baseline cannot be had, and says why', async () => {
    const a = action(
      { ...BENCH, baseline: 'auto', 'require-baseline': 'true' },
      {
        env: pullRequestEvent(),
        sources: new FakeBaselineSources({ base: { error: 'could not fetch aaaaaaa' } }),
      },
    );
    await a.done();
    expect(a.io.failures).toEqual([
      'require-baseline is true but there is no baseline: could not fetch aaaaaaa',
    ]);
    expect(a.io.warnings).toContain('could not fetch aaaaaaa');
    expect(resultsOf(a.io).baseline?.unavailableReason).toBe('could not fetch aaaaaaa');
  });

  it('keeps the partial results and the summary when the run cannot go on', async () => {
    const a = action(
      { ...BENCH, libcs: 'musl,glibc' },
      { executor: { envs: { glibc: new ExecutorUnavailableError('Docker engine not available (gone)') } } },
    );
    await a.done();
    expect(a.io.failures).toEqual(['Docker engine not available (gone)']);
    expect(resultsOf(a.io).fatalError).toBe('Docker engine not available (gone)');
    expect(a.io.summaries).toHaveLength(1);
    // Partial results are no verdict: no report or regressed output.
    expect(Object.keys(a.io.outputs)).toEqual(['results']);
  });

  it('says so, without failing, when a comment is wanted outside a pull request', async () => {
    const a = action({ ...BENCH, comment: 'always', 'github-token': TOKEN });
    await a.done();
    expect(a.io.failures).toEqual([]);
    expect(a.io.lines).toContain('Not a pull request: the report is in the job summary only.');
    expect(a.connect.connections).toEqual([]);
  });
});

describe('the action (report mode)', () => {
  it('renders, comments and judges an earlier results file without measuring', async () => {
    const file = path.join(tempDir(), 'results.json');
    const results = { ...withPairedBaseline(allOkResults()), git: { head: 'b'.repeat(40), pr: 7 } };
    writeFileSync(file, serializeResults(results));
    const a = action(
      { mode: 'report', 'results-file': file, 'github-token': TOKEN, 'fail-on-regression': 'false' },
      { env: pullRequestEvent() },
    );
    await a.done();
    expect(a.fake.createExecutor.calls).toEqual([]);
    expect(a.io.state['malloc-matrix-run-id']).toBeUndefined();
    expect(a.io.failures).toEqual([]);
    expect(a.io.outputs.regressed).toBe('true');
    expect(resultsOf(a.io)).toEqual(results);
    expect(a.comments.comments.map((c) => c.body)).toEqual([a.io.outputs.report]);
    // The event's own pull request is trusted as it is: no lookup through the API.
    expect(a.connectPulls.connections.map((c) => c.token)).toEqual([TOKEN]);
    expect(a.pulls.calls).toEqual([]);
    expect(a.io.outputs.report).toContain('malloc-matrix:report name="json-parse"');
    // It measured nothing: no command line of its own settings, nor of the measuring job's.
    expect(a.io.outputs.report).not.toContain('Reproduce locally');
    expect(a.io.outputs.report).not.toContain('malloc-matrix --');
    expect(a.io.annotations.at(-1)).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/\(fail-on-regression is false\)$/),
    });
  });

  it('refuses results of another commit than the event names, and comments nowhere', async () => {
    const file = path.join(tempDir(), 'results.json');
    // A pull request's own run could write any pull request number and any commit into the file.
    const results = { ...withPairedBaseline(allOkResults()), git: { head: 'c'.repeat(40), pr: 1 } };
    writeFileSync(file, serializeResults(results));
    const a = action(
      { mode: 'report', 'results-file': file, 'github-token': TOKEN },
      { env: pullRequestEvent() },
    );
    await a.done();
    expect(a.io.failures).toEqual([
      `the results file is for commit ${'c'.repeat(12)}, but the run it came from measured ${'b'.repeat(12)}: refusing to report it`,
    ]);
    expect(a.comments.comments).toEqual([]);
    expect(a.io.outputs.report).toBeUndefined();
  });

  it("refuses a results file of another benchmark than its 'name' input, and comments nowhere", async () => {
    const file = path.join(tempDir(), 'results.json');
    // The name is the sticky comment's identity: a pull request's run could write any.
    const results = { ...withPairedBaseline(allOkResults()), git: { head: 'b'.repeat(40), pr: 7 } };
    writeFileSync(file, serializeResults({ ...results, name: 'startup' }));
    const inputs = { mode: 'report', 'results-file': file, 'github-token': TOKEN, name: 'json-parse' };
    const a = action(inputs, { env: pullRequestEvent() });
    await a.done();
    expect(a.io.failures).toEqual([
      `the results file is of benchmark "startup", but input 'name' is "json-parse": refusing to report it`,
    ]);
    expect(a.comments.comments).toEqual([]);
    expect(a.connectPulls.connections).toEqual([]);
    expect(a.io.outputs.report).toBeUndefined();

    writeFileSync(file, serializeResults(results));
    const own = action(inputs, { env: pullRequestEvent() });
    await own.done();
    expect(own.comments.comments.map((c) => c.body)).toEqual([own.io.outputs.report]);
    expect(own.io.outputs.report).toContain('malloc-matrix:report name="json-parse"');
  });

  it('fails with one line for a results file that is not there', async () => {
    const a = action({ mode: 'report', 'results-file': path.join(tempDir(), 'missing.json') });
    await a.done();
    expect(a.io.failures).toEqual([expect.stringMatching(/missing\.json/)]);
    expect(a.io.outputs).toEqual({});
  });
});

describe('the action (post step)', () => {
  it('removes the containers of the run the main step started', async () => {
    const a = action(BENCH, {
      state: { 'malloc-matrix-is-post': 'true', 'malloc-matrix-run-id': 'feedfeedfeed' },
    });
    await a.done();
    expect(a.removed).toEqual(['feedfeedfeed']);
    expect(a.io.lines).toEqual(['Removed 1 leftover container(s) of this run.']);
    expect(a.fake.createExecutor.calls).toEqual([]);
  });

  it('asks no container engine after the host executor, or when no run started', async () => {
    const host = action(
      { ...BENCH, executor: 'host' },
      { state: { 'malloc-matrix-is-post': 'true', 'malloc-matrix-run-id': 'x' } },
    );
    await host.done();
    const none = action(BENCH, { state: { 'malloc-matrix-is-post': 'true' } });
    await none.done();
    expect([...host.removed, ...none.removed]).toEqual([]);
  });
});

describe('the action, cancelled', () => {
  it('writes the partial results and the summary at once, fails the step, and leaves the containers to the post step', async () => {
    let reached!: () => void;
    const atMeasuredRun = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = action(BENCH, {
      executor: {
        beforeMeasuredRun: () => {
          reached();
          return held;
        },
      },
    });
    const main = a.done();
    await atMeasuredRun;
    a.fake.process.send('SIGTERM');
    expect(await a.fake.process.exitCode).toBe(143);
    expect(a.io.warnings).toContain('SIGTERM received: writing the results measured so far.');
    expect(a.io.failures).toEqual(['interrupted by SIGTERM']);
    const partial = resultsOf(a.io);
    expect(partial.fatalError).toBe('interrupted by SIGTERM');
    expect(partial.cells.flatMap((c) => c.runs).length).toBeGreaterThan(0);
    expect(a.io.summaries).toHaveLength(1);
    expect(a.io.summaries[0]).toContain('interrupted by SIGTERM');
    expect(a.fake.executor).toMatchObject({ cleanups: 0 });
    // A second signal (the runner's SIGTERM after its SIGINT) changes nothing.
    a.fake.process.send('SIGINT');
    release();
    await main;
    expect(a.fake.process.exits).toEqual([143]);
    expect(a.io.summaries).toHaveLength(1);
    expect(a.io.outputs.report).toBeUndefined();
    expect(a.fake.process.listening).toBe(0);
  });
});
