// The bundled action (dist/index.js) driven exactly as GitHub drives it: inputs as INPUT_*,
// outputs and the job summary through file commands, the event from GITHUB_EVENT_PATH, and the
// real Octokit client talking to a local GitHub API stand-in. Host executor: no Docker needed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseResults } from '../src/results/schema.js';
import { FakeGitHub } from './fakes/github-server.js';
import { benchWorkspace, runAction, tempDir } from './support/bench.js';
import { expectSingleStoredRunReason, expectTimingReportsMatchVerdicts } from './support/verdicts.js';

const TOKEN = 'ghs_actionTestToken0123456789';
const HOST = { executor: 'host', allocators: 'default,jemalloc,mimalloc', comment: 'never' };

let gh: FakeGitHub;
beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterAll(async () => gh.stop());

describe('dist/index.js (host executor)', () => {
  it('measures, writes the summary and sets the outputs', async () => {
    const ws = benchWorkspace();
    const run = await runAction({ ...HOST, run: './churn', runs: '3', seed: '7' }, { GITHUB_WORKSPACE: ws });
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
    const results = parseResults(readFileSync(run.outputs.results, 'utf8'), 'results');
    expect(results.seed).toBe(7);
    expect(results.cells.map((c) => `${c.allocator}:${c.status}`)).toEqual([
      'default:ok',
      'jemalloc:ok',
      'mimalloc:ok',
    ]);
    for (const cell of results.cells.filter((c) => c.allocator !== 'default'))
      expect(cell.proof?.applied).toBe(true);
    expect(run.outputs.regressed).toBe('false');
    expect(run.outputs.report).toContain('| jemalloc |');
    expect(run.summary).toContain(run.outputs.report.split('\n')[0]);
    expect(run.state['malloc-matrix-run-id']).toMatch(/^[0-9a-f]{12}$/);
  });

  it('fails the step with one line for a bad input, and runs nothing', async () => {
    const run = await runAction({ ...HOST, run: './churn', runs: 'abc' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::Invalid input 'runs': "abc". Expected auto, or a whole number from 1 to 10000.`,
    );
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.outputs.results).toBeUndefined();
  });

  it('fails on doubled allocations against a baseline file, annotates, and comments on the PR', async () => {
    // The baseline: the same command measured on the unchanged benchmark.
    const before = benchWorkspace(0);
    const base = await runAction(
      { ...HOST, run: './churn', runs: '10', seed: '1' },
      { GITHUB_WORKSPACE: before },
    );
    expect(base.code).toBe(0);
    const baselineFile = path.join(tempDir('baseline'), 'baseline.json');
    writeFileSync(baselineFile, readFileSync(base.outputs.results));

    // The head: twice the allocations in the hot loop.
    const after = benchWorkspace(100);
    const eventPath = path.join(tempDir('event'), 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 7,
          base: { sha: 'a'.repeat(40), ref: 'main' },
          head: { sha: 'b'.repeat(40) },
        },
      }),
    );
    const head = await runAction(
      {
        ...HOST,
        name: 'churn',
        run: './churn',
        runs: '10',
        seed: '2',
        baseline: baselineFile,
        comment: 'always',
        'github-token': TOKEN,
      },
      {
        GITHUB_WORKSPACE: after,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'acme/widgets',
        GITHUB_API_URL: gh.baseUrl,
      },
    );
    expect(head.code).toBe(1);
    expect(head.outputs.regressed).toBe('true');
    const results = parseResults(readFileSync(head.outputs.results, 'utf8'), 'results');
    // The doubled allocations fail the step on any machine: allocation counts are exact.
    expect(head.stdout).toContain(
      '::error title=malloc-matrix%3A churn::Allocation regression: glibc/default: allocation calls +',
    );
    expect(head.stdout).toMatch(
      /::error::allocations grew beyond the allocation threshold: glibc\/default: /,
    );
    // Whether the timings prove a slowdown depends on this machine's noise, so no timing verdict is
    // required here (npm run bench measures that); each verdict must be reported as judged.
    expectTimingReportsMatchVerdicts({ by: 'action', output: head.stdout, name: 'churn' }, results, 'cpu');
    const guarded = results.baseline?.machineDiffers === true;
    // The token is registered as a secret (the runner masks it) and appears nowhere else.
    expect(head.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(head.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    expect(results.baseline?.kind).toBe('file');
    // One stored run is too little history: a cell counts only when proven beyond +25%, and one
    // whose allocator softens the doubled allocations may stay inconclusive, saying why.
    const cpu = results.comparisons?.filter((c) => c.metric === 'cpu') ?? [];
    expect(cpu).toHaveLength(3);
    // When this job's machine ran the calibration probe more than the tolerance off the baseline's, no
    // timing verdict may fail the step (the machine guard).
    if (guarded) for (const c of cpu) expect(c.verdict).not.toBe('regressed');
    for (const c of cpu.filter((c) => c.verdict === 'inconclusive'))
      expectSingleStoredRunReason(results, c, guarded);
    // The comment holds the same report as the summary, found again by its marker.
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0].body).toBe(head.outputs.report);
    expect(head.summary).toContain(head.outputs.report.split('\n')[0]);
    expect(head.outputs.report).toMatch(/^❌ .*(regressed|Allocation regression) against /m);
    expect(head.outputs['comment-url']).toContain('issuecomment-');
    expect(gh.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(readFileSync(head.outputs.results, 'utf8')).not.toContain(TOKEN);
  });

  it('mode: report renders and comments an earlier results file without running anything', async () => {
    // Part 1 of the fork-safe pattern: a pull_request run records the PR number in its results.
    const ws = benchWorkspace();
    const eventPath = path.join(tempDir('event'), 'event.json');
    const headSha = 'c'.repeat(40);
    writeFileSync(
      eventPath,
      JSON.stringify({ pull_request: { number: 7, head: { sha: headSha }, base: { ref: 'main' } } }),
    );
    const measured = await runAction(
      { ...HOST, name: 'fork-safe', run: './churn', runs: '2', baseline: 'none' },
      { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath },
    );
    expect(measured.code).toBe(0);
    const artifact = path.join(tempDir('artifact'), 'results.json');
    writeFileSync(artifact, readFileSync(measured.outputs.results));

    // Part 2: a workflow_run job with a write token reports it; the workspace has no benchmark.
    // The pull request comes from that event, which names the run's head commit.
    const runEventPath = path.join(tempDir('event'), 'workflow-run.json');
    writeFileSync(
      runEventPath,
      JSON.stringify({
        workflow_run: {
          event: 'pull_request',
          head_sha: headSha,
          head_repository: { full_name: 'acme/widgets' },
          pull_requests: [{ number: 7, head: { sha: headSha } }],
        },
      }),
    );
    const before = gh.comments.length;
    const report = await runAction(
      { mode: 'report', 'results-file': artifact, 'github-token': TOKEN, 'fail-on-regression': 'false' },
      {
        GITHUB_WORKSPACE: tempDir('empty'),
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: runEventPath,
        GITHUB_REPOSITORY: 'acme/widgets',
        GITHUB_API_URL: gh.baseUrl,
      },
    );
    expect(report.code).toBe(0);
    expect(report.stdout).not.toContain('measuring');
    expect(gh.comments.length).toBe(before + 1);
    const comment = gh.comments[gh.comments.length - 1];
    expect(comment.body).toContain('malloc-matrix:report name="fork-safe"');
    expect(comment.body).toBe(report.outputs.report);
    expect(report.summary).toContain('fork-safe');
  });

  it('on cancellation (SIGTERM) writes the partial results and the summary, and fails the step', async () => {
    const ws = benchWorkspace();
    // Each run of the benchmark leaves a line: the test knows when measured runs are under way.
    const count = path.join(ws, 'runs.count');
    let pid = 0;
    const running = runAction(
      { ...HOST, allocators: 'default', run: 'echo x >> runs.count; sleep 0.1', runs: '200' },
      { GITHUB_WORKSPACE: ws },
      { onSpawn: (p) => (pid = p) },
    );
    // One proof run and one warm-up run come first.
    const deadline = Date.now() + 60_000;
    while (!(existsSync(count) && readFileSync(count, 'utf8').split('\n').length > 4)) {
      if (Date.now() > deadline) throw new Error('the measured runs never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.kill(pid, 'SIGTERM');
    const run = await running;
    expect(run.code).toBe(143);
    expect(run.stdout).toContain('::error::interrupted by SIGTERM');
    const results = parseResults(readFileSync(run.outputs.results, 'utf8'), 'results');
    expect(results.fatalError).toBe('interrupted by SIGTERM');
    const measured = results.cells[0].runs.filter((r) => r.kind === 'measured').length;
    expect(measured).toBeGreaterThan(0);
    expect(measured).toBeLessThan(200);
    expect(run.summary).toContain('## malloc-matrix: ');
    expect(run.summary).toContain('interrupted by SIGTERM');
  });
});
