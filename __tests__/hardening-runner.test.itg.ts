// Hardening scenarios on the runner's side, with no container: report mode trusting only the
// event, secrets kept out of the comment, the sticky comment's owner, bounded report input and
// the measuring helper's trust. Each is a real run of the bundled action against the loopback
// GitHub API stand-in, built to fail on a build without the fix it names.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { reportMarker } from '../src/report/markdown.js';
import type { Results } from '../src/results/model.js';
import { FakeGitHub } from './fakes/github-server.js';
import { runAction, tempDir, type ActionRun } from './support/bench.js';
import { hostFaultyWorkspace, readRunResults } from './support/campaign.js';
import { CANARY_TOKEN, endState, hardening, seconds, size, thousands } from './support/hardening.js';

const NAME = 'widgets-bench';
const MARKER = reportMarker(NAME);
const HEAD = '4f1c0de5a7b3c9e2d1f0a8b7c6d5e4f3a2b1c0d9';
const MOVED_HEAD = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
const HOST = {
  executor: 'host',
  allocators: 'default',
  run: './faulty none',
  runs: '3',
  warmup: '0',
  seed: '3',
};

let gh: FakeGitHub;
let workspace: string;
/** The results a pull request's own run (PR #7, head HEAD) wrote: the artifact of report mode. */
let artifact: Results;

function writeJson(prefix: string, value: unknown): string {
  const file = path.join(tempDir(prefix), `${prefix}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

/** A pull_request run of acme/widgets#7 at `head`, talking to the API stand-in. */
function pullRequestEnv(head = HEAD): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: writeJson('event', {
      pull_request: {
        number: 7,
        base: { sha: 'a'.repeat(40), ref: 'main' },
        head: { sha: head, ref: 'feature' },
      },
    }),
    GITHUB_SHA: head,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_API_URL: gh.baseUrl,
  };
}

/**
 * A `workflow_run` job of acme/widgets reporting the run that measured `HEAD`: from a branch of
 * the repository (GitHub lists its pull requests) or from a fork (GitHub lists none).
 */
function workflowRunEnv(from: { repository: string; listed: number[] }): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: writeJson('event', {
      workflow_run: {
        event: 'pull_request',
        head_sha: HEAD,
        head_branch: 'feature',
        head_repository: { full_name: from.repository },
        pull_requests: from.listed.map((number) => ({
          number,
          head: { sha: HEAD },
          base: { repo: { url: `${gh.baseUrl}/repos/acme/widgets` } },
        })),
      },
    }),
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_API_URL: gh.baseUrl,
    GITHUB_WORKSPACE: tempDir('empty'),
  };
}

/** A report step; one that has not ended after `killAfterMs` (a stalled job) is killed. */
async function report(
  resultsFile: string,
  env: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
  killAfterMs = 120_000,
): Promise<ActionRun> {
  let pid = 0;
  const stall = setTimeout(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, killAfterMs);
  try {
    return await runAction(
      {
        mode: 'report',
        'results-file': resultsFile,
        'github-token': CANARY_TOKEN,
        comment: 'always',
        'fail-on-regression': 'false',
        ...extra,
      },
      env,
      { onSpawn: (p) => (pid = p) },
    );
  } finally {
    clearTimeout(stall);
  }
}

/** Each scenario's time limit: its runs, and a stalled report step killed after two minutes. */
const SCENARIO_MS = 180_000;

/** Comment writes (POST or PATCH) the API stand-in received, as `METHOD #issue|comment id`. */
function writes(): string[] {
  return gh.requests
    .filter((r) => r.method === 'POST' || r.method === 'PATCH')
    .map((r) => `${r.method} ${r.url.split('?')[0]}`);
}

function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((l) => l.startsWith('::error'));
}

function noStackTrace(run: ActionRun): void {
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
  workspace = hostFaultyWorkspace();
  const measured = await runAction(
    { ...HOST, name: NAME, baseline: 'none', comment: 'never', 'github-token': CANARY_TOKEN },
    { ...pullRequestEnv(), GITHUB_WORKSPACE: workspace },
  );
  artifact = readRunResults(measured).results!;
  expect(artifact.git).toMatchObject({ head: HEAD, pr: 7 });
}, 120_000);

afterAll(async () => {
  await gh.stop();
  rmSync(workspace, { recursive: true, force: true });
});

beforeEach(() => {
  gh.comments = [];
  gh.requests = [];
  gh.pulls = [];
  gh.viewer = undefined;
});

describe('hardening: report mode trusts the event, not the artifact', () => {
  it(
    'a forged pull request number in the artifact',
    () =>
      hardening(
        {
          name: 'a forged PR number',
          done: 'report mode (workflow_run of PR #7) on an artifact whose `git.pr` was edited to 8; #8 holds its own report',
          holds:
            'the report goes to #7, the event’s pull request; #8 and its report are never touched; a warning says the file’s number was ignored',
          fixedBy:
            '`src/github/report-target.ts` (`resolveReportTarget`), used by `commentTarget` in `src/app/publish.ts`',
        },
        async () => {
          const eight = gh.add(`${MARKER}\nthe report of #8's own run`, 'github-actions[bot]', 'Bot', 8);
          const forged = writeJson('forged', { ...artifact, git: { ...artifact.git, pr: 8 } });
          const run = await report(forged, workflowRunEnv({ repository: 'acme/widgets', listed: [7] }));
          expect(run.code).toBe(0);
          noStackTrace(run);
          expect(gh.comments.filter((c) => c.issue === 7)).toHaveLength(1);
          expect(eight.body).toBe(`${MARKER}\nthe report of #8's own run`);
          expect(gh.requests.filter((r) => r.url.includes('/issues/8/'))).toEqual([]);
          const warning = run.stdout.split('\n').find((l) => l.includes('names pull request #8')) ?? '';
          expect(warning).toMatch(/^::warning::.*not trusted and was ignored/);
          return {
            observed: `comment created on #7 (${writes().join(', ')}); 0 requests to #8, its report unchanged; warning: “${warning.replace('::warning::', '')}”`,
            end: endState([run], { resultsFrom: [run], alsoSeen: gh.comments.map((c) => c.body) }),
          };
        },
      ),
    SCENARIO_MS,
  );

  it(
    'the report of a fork’s pull request whose head moved on',
    () =>
      hardening(
        {
          name: 'fork PR whose head moved',
          done: 'report mode on a fork’s artifact (the event lists no pull request): once while PR #7’s head is the measured commit, once after it moved on',
          holds:
            'the first report is found through the API (same head commit, same head repository) and goes to #7; the second goes nowhere but the summary',
          fixedBy: '`candidatesFor` and `ranThisRun` in `src/github/report-target.ts`',
        },
        async () => {
          const fork = workflowRunEnv({ repository: 'forker/widgets', listed: [] });
          const pull = {
            number: 7,
            state: 'open' as const,
            head: { sha: HEAD, ref: 'feature', repo: { full_name: 'forker/widgets' } },
            base: { ref: 'main', repo: { full_name: 'acme/widgets' } },
          };
          gh.pulls = [pull];
          const file = writeJson('fork', artifact);
          const current = await report(file, fork);
          expect(current.code).toBe(0);
          expect(gh.comments.map((c) => c.issue)).toEqual([7]);
          const firstWrites = writes();
          // The pull request gets a new commit; the finished run still reports the old one.
          pull.head.sha = MOVED_HEAD;
          gh.requests = [];
          const moved = await report(file, fork);
          expect(moved.code).toBe(0);
          noStackTrace(moved);
          expect(writes()).toEqual([]);
          expect(gh.comments).toHaveLength(1);
          expect(moved.summary).toContain(`## malloc-matrix: ${NAME}`);
          const lookups = gh.requests.filter((r) => r.url.includes('/pulls')).length;
          return {
            observed: `head current: ${firstWrites.join(', ')} on #7; head moved: ${lookups} pull request lookups, 0 comment writes, the report in the summary only`,
            end: endState([current, moved], {
              resultsFrom: [current, moved],
              alsoSeen: gh.comments.map((c) => c.body),
            }),
          };
        },
      ),
    SCENARIO_MS,
  );

  it(
    'a pr-number input that names another pull request',
    () =>
      hardening(
        {
          name: 'pr-number not the event’s',
          done: 'report mode (workflow_run of PR #7) with `pr-number: 8`',
          holds: 'refused with one line before anything is reported; no comment anywhere',
          fixedBy: '`findTarget` in `src/github/report-target.ts`; the refusal in `src/action/main.ts`',
        },
        async () => {
          const started = Date.now();
          const run = await report(
            writeJson('results', artifact),
            workflowRunEnv({ repository: 'acme/widgets', listed: [7] }),
            { 'pr-number': '8' },
          );
          const took = Date.now() - started;
          expect(run.code).toBe(1);
          noStackTrace(run);
          expect(errorLines(run)).toEqual([
            '::error::pr-number 8 does not match the pull request of the event (#7): refusing to report',
          ]);
          expect(writes()).toEqual([]);
          return {
            observed: `refused in ${seconds(took)} (whole step): “${errorLines(run)[0].replace('::error::', '')}”; 0 comment writes`,
            end: endState([run]),
          };
        },
      ),
    SCENARIO_MS,
  );
});

describe('hardening: report mode keeps to its benchmark', () => {
  it(
    'an artifact renamed to another benchmark',
    () =>
      hardening(
        {
          name: 'an artifact of another name',
          done: 'report mode (workflow_run of PR #7) with `name: widgets-bench` on an artifact whose `name` was edited to `startup`; #7 also holds the bot’s report of `startup`',
          holds:
            'refused with one line before anything is reported; the `startup` report on #7 is never touched',
          fixedBy: '`reportNameMismatch` in `src/app/publish.ts`; the refusal in `src/action/main.ts`',
        },
        async () => {
          const other = reportMarker('startup');
          const startup = gh.add(
            `${other}\nthe startup benchmark's own report`,
            'github-actions[bot]',
            'Bot',
            7,
          );
          const renamed = writeJson('renamed', { ...artifact, name: 'startup' });
          const run = await report(renamed, workflowRunEnv({ repository: 'acme/widgets', listed: [7] }), {
            name: NAME,
          });
          expect(run.code).toBe(1);
          noStackTrace(run);
          expect(errorLines(run)).toEqual([
            `::error::the results file is of benchmark "startup", but input 'name' is "${NAME}": refusing to report it`,
          ]);
          expect(writes()).toEqual([]);
          expect(startup.body).toBe(`${other}\nthe startup benchmark's own report`);
          return {
            observed: `refused: “${errorLines(run)[0].replace('::error::', '')}”; 0 comment writes, the startup report unchanged`,
            end: endState([run]),
          };
        },
      ),
    SCENARIO_MS,
  );
});

describe('hardening: the comment', () => {
  it(
    'a secret passed through env',
    () =>
      hardening(
        {
          name: 'a secret in `env:`',
          done: 'a pull request run with `env: DEPLOY_KEY=<secret>` and `comment: always`',
          holds:
            'the value appears nowhere: not in the comment, the summary, the outputs, the results file or the log; the reproduce command names the key only',
          fixedBy:
            '`reproduceCommand` in `src/report/reproduce.ts` (`--env KEY`); `envKeys` in `src/app/record.ts`',
        },
        async () => {
          const secret = 'dk_live_7Hq2NwX9pLr4Vz8Ke1Tb';
          const run = await runAction(
            {
              ...HOST,
              name: NAME,
              env: `DEPLOY_KEY=${secret}`,
              baseline: 'none',
              comment: 'always',
              'github-token': CANARY_TOKEN,
            },
            { ...pullRequestEnv(), GITHUB_WORKSPACE: workspace },
          );
          expect(run.code).toBe(0);
          expect(gh.comments).toHaveLength(1);
          const body = gh.comments[0].body;
          expect(body).not.toContain(secret);
          const reproduce = body.split('\n').find((l) => l.includes(' --env ')) ?? '';
          expect(reproduce).toMatch(/^malloc-matrix .* --env DEPLOY_KEY -- /);
          expect(readRunResults(run).results!.config.envKeys).toEqual(['DEPLOY_KEY']);
          return {
            observed: `comment of ${thousands(body.length)} characters; reproduce line ends \`${reproduce.slice(reproduce.indexOf('--env'))}\`; the value found 0 times in comment, summary, outputs, results and log`,
            end: endState([run], { resultsFrom: [run], secrets: [secret], alsoSeen: [body] }),
          };
        },
      ),
    SCENARIO_MS,
  );

  it(
    'a comment with the report marker planted by someone else',
    () =>
      hardening(
        {
          name: 'a planted marker comment',
          done: 'before the run, another user posts a comment on #7 holding the report’s hidden marker and a forged “no regression”; then two runs with `comment: always`',
          holds:
            'the planted comment is never edited; the first run creates the bot’s own comment, the second edits that one',
          fixedBy: '`identifyCommentOwner` and `isWrittenBy` in `src/github/comment.ts`',
        },
        async () => {
          const forgedBody = `${MARKER}\n✅ No regression (forged)`;
          const planted = gh.add(forgedBody, 'mallory', 'User', 7);
          const inputs = {
            ...HOST,
            name: NAME,
            baseline: 'none',
            comment: 'always',
            'github-token': CANARY_TOKEN,
          };
          const env = { ...pullRequestEnv(), GITHUB_WORKSPACE: workspace };
          const first = await runAction(inputs, env);
          const second = await runAction(inputs, env);
          expect([first.code, second.code]).toEqual([0, 0]);
          expect(planted.body).toBe(forgedBody);
          const ours = gh.comments.filter((c) => c.id !== planted.id);
          expect(ours.map((c) => c.user)).toEqual([{ login: 'github-actions[bot]', type: 'Bot' }]);
          expect(writes()).toEqual([
            'POST /repos/acme/widgets/issues/7/comments',
            `PATCH /repos/acme/widgets/issues/comments/${ours[0].id}`,
          ]);
          return {
            observed: `writes: ${writes().join(', ')}; 0 writes to the planted comment ${planted.id}, its body unchanged`,
            end: endState([first, second], {
              resultsFrom: [first, second],
              alsoSeen: gh.comments.map((c) => c.body),
            }),
          };
        },
      ),
    SCENARIO_MS,
  );
});

describe('hardening: report mode reads bounded input', () => {
  it(
    'an artifact with 100,000 cells',
    () =>
      hardening(
        {
          name: 'a 10⁵-cell artifact',
          done: 'report mode on an artifact of 100,000 small cells (valid by the schema, under the size limit)',
          holds: 'refused with one line naming the limit, before validating or rendering; nothing posted',
          fixedBy:
            '`exceededLimit` in `src/results/limits.ts`, applied by `readUntrustedResultsFile` in `src/results/io.ts`',
        },
        async () => {
          const cells = Array.from({ length: 100_000 }, (_, i) => ({
            libc: 'musl',
            allocator: `a${i}`,
            tree: 'head',
            status: 'failed',
            reason: 'x',
            runs: [],
            failedRuns: 0,
          }));
          const file = writeJson('cells', { ...artifact, cells });
          const bytes = statSync(file).size;
          const started = Date.now();
          const run = await report(file, workflowRunEnv({ repository: 'acme/widgets', listed: [7] }));
          const took = Date.now() - started;
          // A step still rendering after two minutes was killed: SIGKILL here means it stalled.
          expect(run.signal).toBeNull();
          expect(run.code).toBe(1);
          noStackTrace(run);
          expect(errorLines(run)).toEqual([
            `::error::results file ${file} is refused: cells has 100,000 entries; the limit is 1,000 cells`,
          ]);
          expect(writes()).toEqual([]);
          return {
            observed: `${size(bytes)} file refused in ${seconds(took)} (whole step): “cells has 100,000 entries; the limit is 1,000 cells”; 0 comment writes`,
            end: endState([run]),
          };
        },
      ),
    SCENARIO_MS,
  );

  it(
    'an artifact over 16 MiB',
    () =>
      hardening(
        {
          name: 'a results file over 16 MiB',
          done: 'report mode on a valid artifact padded with whitespace to 17 MiB',
          holds: 'refused from its size, before it is read, with one line naming the limit; nothing posted',
          fixedBy: '`readAtMost` in `src/results/io.ts` (`REPORT_INPUT_LIMITS.fileBytes`)',
        },
        async () => {
          const text = JSON.stringify(artifact);
          const file = writeJson('big', text + ' '.repeat(17 * 1024 * 1024 - text.length));
          const started = Date.now();
          const run = await report(file, workflowRunEnv({ repository: 'acme/widgets', listed: [7] }));
          const took = Date.now() - started;
          expect(run.code).toBe(1);
          noStackTrace(run);
          expect(errorLines(run)).toEqual([
            `::error::results file ${file} is refused: it is 17 MiB (17,825,792 bytes); the limit is 16 MiB (16,777,216 bytes)`,
          ]);
          expect(writes()).toEqual([]);
          return {
            observed: `refused in ${seconds(took)} (whole step): “it is 17 MiB (17,825,792 bytes); the limit is 16 MiB (16,777,216 bytes)”; 0 comment writes`,
            end: endState([run]),
          };
        },
      ),
    SCENARIO_MS,
  );
});

describe('hardening: the measuring helper', () => {
  it(
    'a helper binary planted where a kept one lives',
    () =>
      hardening(
        {
          name: 'a planted helper binary',
          done: 'on a machine without RUNNER_TEMP (a kept helper under `~/.cache`), the kept binary is replaced by a script between two host runs',
          holds: 'the script never runs; the second run builds the helper again and measures',
          fixedBy:
            '`isTrusted` in `src/harness/build.ts` (owner and recorded SHA-256), `helperDir` (RUNNER_TEMP on a runner)',
        },
        async () => {
          const home = tempDir('home');
          const marker = path.join(tempDir('planted'), 'ran');
          // A persistent self-hosted machine: no per-job RUNNER_TEMP, the helper kept in HOME.
          const env = { GITHUB_WORKSPACE: workspace, HOME: home, RUNNER_TEMP: undefined };
          const inputs = { ...HOST, baseline: 'none', comment: 'never', 'github-token': CANARY_TOKEN };
          const first = await runAction(inputs, env);
          expect(first.code).toBe(0);
          const dir = path.join(home, '.cache', 'malloc-matrix');
          const kept = readdirSync(dir).filter((f) => f.startsWith('helper-') && !f.includes('.'));
          expect(kept).toHaveLength(1);
          const binary = path.join(dir, kept[0]);
          writeFileSync(binary, `#!/bin/sh\necho planted >> '${marker}'\nexit 1\n`);
          chmodSync(binary, 0o755);
          const second = await runAction(inputs, env);
          expect(second.code).toBe(0);
          expect(existsSync(marker)).toBe(false);
          expect(readRunResults(second).results!.cells[0].status).toBe('ok');
          const digest = createHash('sha256').update(readFileSync(binary)).digest('hex');
          expect(readFileSync(`${binary}.sha256`, 'utf8').trim()).toBe(digest);
          rmSync(home, { recursive: true, force: true });
          return {
            observed: `the planted script never ran; the second run built the helper again (SHA-256 ${digest.slice(0, 12)}…, matching its recorded digest) and measured ${readRunResults(second).results!.cells[0].runs.length} runs`,
            end: endState([first, second], { resultsFrom: [first, second] }),
          };
        },
      ),
    SCENARIO_MS,
  );
});
