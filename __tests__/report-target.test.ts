// Which pull request mode: report may comment on: only the one the event names (or, for a fork,
// the one the API shows with exactly the head that ran), never the one the results file names.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOctokit } from '../src/github/comment.js';
import { readGitHubContext } from '../src/github/context.js';
import {
  octokitPullRequestsApi,
  reportTargetRequest,
  resolveReportTarget,
  type ReportTargetRequest,
  type WorkflowRunEvent,
} from '../src/github/report-target.js';
import { FakePullRequests, type FakePull } from './fakes/pull-requests.js';
import { FakeGitHub } from './fakes/github-server.js';

const HEAD = 'f00d'.repeat(10);
const OTHER = 'beef'.repeat(10);
const REPOSITORY = { owner: 'acme', repo: 'widgets' };

/** A workflow_run event for a run of a pull request from the same repository (#7). */
function sameRepoRun(over: Partial<WorkflowRunEvent> = {}): WorkflowRunEvent {
  return {
    event: 'pull_request',
    headSha: HEAD,
    headBranch: 'feature',
    headRepository: 'acme/widgets',
    pullRequests: [
      { number: 7, headSha: HEAD, baseRepositoryUrl: 'https://api.github.com/repos/acme/widgets' },
    ],
    ...over,
  };
}

/** A workflow_run event for a run of a pull request from a fork: GitHub lists no pull request. */
function forkRun(over: Partial<WorkflowRunEvent> = {}): WorkflowRunEvent {
  return sameRepoRun({ headRepository: 'forker/widgets', pullRequests: [], ...over });
}

function request(
  workflowRun: WorkflowRunEvent,
  over: Partial<ReportTargetRequest> = {},
): ReportTargetRequest {
  return { repository: REPOSITORY, eventName: 'workflow_run', workflowRun, claimed: { head: HEAD }, ...over };
}

function forkPull(over: Partial<FakePull> = {}): FakePull {
  return {
    number: 12,
    headSha: HEAD,
    headBranch: 'feature',
    headRepository: 'forker/widgets',
    baseRepository: 'acme/widgets',
    open: true,
    ...over,
  };
}

describe('resolveReportTarget: the pull request comes from the event', () => {
  it('takes a same-repository pull request from the event without asking the API', async () => {
    const api = new FakePullRequests();
    await expect(resolveReportTarget(request(sameRepoRun()), api)).resolves.toEqual({
      kind: 'pull-request',
      number: 7,
      notes: [],
    });
    expect(api.calls).toEqual([]);
  });

  it('ignores the pull request number in the results file, and says so', async () => {
    const target = await resolveReportTarget(
      request(sameRepoRun(), { claimed: { head: HEAD, pr: 99 } }),
      undefined,
    );
    expect(target).toMatchObject({ kind: 'pull-request', number: 7 });
    expect(target.kind === 'pull-request' && target.notes).toEqual([
      "the results file names pull request #99, but the event names #7; the file's number is not trusted and was ignored",
    ]);
  });

  it('never falls back to the results file when the event names no pull request', async () => {
    const target = await resolveReportTarget(
      request(sameRepoRun({ event: 'push', pullRequests: [] }), { claimed: { head: HEAD, pr: 3 } }),
      new FakePullRequests([forkPull({ number: 3 })]),
    );
    expect(target).toMatchObject({
      kind: 'none',
      reason: 'the run that made these results was triggered by push, not by a pull request',
    });
    expect(target.kind === 'none' && target.notes[0]).toContain('#3');
  });

  it('skips listed pull requests of other repositories and one whose head moved on', async () => {
    const run = sameRepoRun({
      pullRequests: [
        { number: 1, headSha: HEAD, baseRepositoryUrl: 'https://api.github.com/repos/someone/else' },
        { number: 7, headSha: OTHER, baseRepositoryUrl: 'https://api.github.com/repos/acme/widgets' },
      ],
    });
    await expect(resolveReportTarget(request(run), new FakePullRequests())).resolves.toMatchObject({
      kind: 'none',
      reason: `pull request #7 has moved on from ${HEAD.slice(0, 12)}; a later run reports its new head`,
    });
  });
});

describe('resolveReportTarget: pull requests from forks are looked up', () => {
  it('finds the open pull request whose head is the commit and repository that ran', async () => {
    const api = new FakePullRequests([
      forkPull({ number: 11, headSha: OTHER }),
      forkPull({ number: 12 }),
      forkPull({ number: 13, headRepository: 'mallory/widgets' }),
    ]);
    await expect(resolveReportTarget(request(forkRun()), api)).resolves.toEqual({
      kind: 'pull-request',
      number: 12,
      notes: [],
    });
    expect(api.calls).toEqual(['listOpenByHead forker:feature']);
  });

  it('falls back to the pull requests of the commit', async () => {
    const api = new FakePullRequests([forkPull({ headBranch: 'renamed' })]);
    await expect(resolveReportTarget(request(forkRun()), api)).resolves.toMatchObject({
      kind: 'pull-request',
      number: 12,
    });
    expect(api.calls).toEqual(['listOpenByHead forker:feature', `listForCommit ${HEAD}`]);
  });

  it.each<[string, FakePull[]]>([
    ['the head moved on', [forkPull({ headSha: OTHER })]],
    ['another repository has the same commit', [forkPull({ headRepository: 'mallory/widgets' })]],
    ['the fork was deleted', [forkPull({ headRepository: undefined })]],
    ['the pull request targets another repository', [forkPull({ baseRepository: 'someone/else' })]],
    ['there is none', []],
  ])('comments nowhere when %s', async (_what, pulls) => {
    const target = await resolveReportTarget(request(forkRun()), new FakePullRequests(pulls));
    expect(target).toMatchObject({
      kind: 'none',
      reason: `no pull request of acme/widgets has head ${HEAD.slice(0, 12)} from forker/widgets`,
    });
  });

  it('says why without a token, and when the API fails', async () => {
    await expect(resolveReportTarget(request(forkRun()), undefined)).resolves.toMatchObject({
      kind: 'none',
      reason: 'the run came from a fork and there is no github-token to look up its pull request',
    });
    const api = new FakePullRequests();
    api.failure = new Error('HttpError: Bad credentials\n  at somewhere');
    await expect(resolveReportTarget(request(forkRun()), api)).resolves.toMatchObject({
      kind: 'none',
      reason: 'the pull request could not be looked up: HttpError: Bad credentials',
    });
  });
});

describe('resolveReportTarget: results and inputs must match the event', () => {
  it.each<[string, { head?: string; pr?: number } | undefined, string]>([
    ['another commit', { head: OTHER, pr: 7 }, OTHER.slice(0, 12)],
    ['no commit', { pr: 7 }, '(none recorded)'],
    ['no git section', undefined, '(none recorded)'],
  ])('refuses results made for %s', async (_what, claimed, shown) => {
    const api = new FakePullRequests();
    const target = await resolveReportTarget(request(sameRepoRun(), { claimed }), api);
    expect(target).toEqual({
      kind: 'refused',
      reason: `the results file is for commit ${shown}, but the run it came from measured ${HEAD.slice(0, 12)}: refusing to report it`,
    });
    expect(api.calls).toEqual([]);
  });

  it('refuses a workflow_run event without a head commit', async () => {
    const target = await resolveReportTarget(request(sameRepoRun({ headSha: undefined })), undefined);
    expect(target).toMatchObject({ kind: 'refused', reason: expect.stringContaining('no head commit') });
  });

  it('accepts a pr-number that names the event’s pull request and refuses one that does not', async () => {
    await expect(
      resolveReportTarget(request(sameRepoRun(), { explicitNumber: 7 }), undefined),
    ).resolves.toMatchObject({
      kind: 'pull-request',
      number: 7,
    });
    await expect(
      resolveReportTarget(request(sameRepoRun(), { explicitNumber: 8 }), undefined),
    ).resolves.toEqual({
      kind: 'refused',
      reason: 'pr-number 8 does not match the pull request of the event (#7): refusing to report',
    });
  });

  it('checks a pr-number for a fork run through the API', async () => {
    const api = new FakePullRequests([
      forkPull(),
      forkPull({ number: 20, headRepository: 'mallory/widgets' }),
    ]);
    await expect(resolveReportTarget(request(forkRun(), { explicitNumber: 12 }), api)).resolves.toMatchObject(
      {
        kind: 'pull-request',
        number: 12,
      },
    );
    expect(api.calls).toEqual(['get 12']);
    await expect(resolveReportTarget(request(forkRun(), { explicitNumber: 20 }), api)).resolves.toMatchObject(
      {
        kind: 'refused',
        reason: `pr-number 20 has head ${HEAD.slice(0, 12)} from mallory/widgets, but the run measured ${HEAD.slice(0, 12)} from forker/widgets: refusing to report`,
      },
    );
    await expect(resolveReportTarget(request(forkRun(), { explicitNumber: 404 }), api)).resolves.toEqual({
      kind: 'refused',
      reason: 'pr-number 404 is not a pull request of this repository',
    });
  });

  it('a pull_request event: its own number and head, and a pr-number must agree', async () => {
    const onPr: ReportTargetRequest = {
      repository: REPOSITORY,
      eventName: 'pull_request',
      pullRequest: { number: 5, headSha: HEAD },
      claimed: { head: HEAD, pr: 5 },
    };
    await expect(resolveReportTarget(onPr, undefined)).resolves.toEqual({
      kind: 'pull-request',
      number: 5,
      notes: [],
    });
    await expect(resolveReportTarget({ ...onPr, explicitNumber: 6 }, undefined)).resolves.toMatchObject({
      kind: 'refused',
    });
    await expect(
      resolveReportTarget({ ...onPr, claimed: { head: OTHER } }, undefined),
    ).resolves.toMatchObject({
      kind: 'refused',
    });
  });

  it('other events: only a maintainer’s pr-number names a pull request', async () => {
    const dispatch: ReportTargetRequest = {
      repository: REPOSITORY,
      eventName: 'workflow_dispatch',
      claimed: { pr: 9 },
    };
    await expect(resolveReportTarget(dispatch, undefined)).resolves.toMatchObject({
      kind: 'none',
      reason: 'a workflow_dispatch run has no pull request to comment on',
    });
    await expect(resolveReportTarget({ ...dispatch, explicitNumber: 4 }, undefined)).resolves.toMatchObject({
      kind: 'pull-request',
      number: 4,
    });
  });
});

describe('reportTargetRequest from a real event file', () => {
  it('a fork run: the pull request comes from the API, not from the results', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-target-'));
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        workflow_run: {
          event: 'pull_request',
          head_sha: HEAD,
          head_branch: 'feature',
          head_repository: { full_name: 'forker/widgets' },
          pull_requests: [],
        },
      }),
    );
    const github = readGitHubContext({
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/widgets',
    });
    const target = await resolveReportTarget(
      reportTargetRequest(github, undefined, { head: HEAD, pr: 1 }),
      new FakePullRequests([forkPull()]),
    );
    expect(target).toMatchObject({ kind: 'pull-request', number: 12 });
  });
});

describe('octokitPullRequestsApi with the real Octokit client', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = new FakeGitHub();
    await gh.start();
  });
  afterEach(async () => {
    await gh.stop();
  });

  function api() {
    const octokit = createOctokit('ghs_test', { baseUrl: gh.baseUrl, retries: 0, minRetryDelayMs: 1 });
    return octokitPullRequestsApi(octokit, REPOSITORY);
  }

  function pull(number: number, sha: string, fork: string | null, ref = 'feature') {
    return {
      number,
      state: 'open' as const,
      head: { sha, ref, repo: fork === null ? null : { full_name: fork } },
      base: { ref: 'main', repo: { full_name: 'acme/widgets' } },
    };
  }

  it('resolves a fork run and checks a pr-number over HTTP', async () => {
    gh.pulls.push(pull(12, HEAD, 'forker/widgets'), pull(13, HEAD, 'mallory/widgets'), pull(14, OTHER, null));
    await expect(resolveReportTarget(request(forkRun()), api())).resolves.toMatchObject({
      kind: 'pull-request',
      number: 12,
    });
    const listing = new URL(gh.requests[0].url, gh.baseUrl);
    expect(listing.pathname).toBe('/repos/acme/widgets/pulls');
    expect(listing.searchParams.get('head')).toBe('forker:feature');
    expect(listing.searchParams.get('state')).toBe('open');

    await expect(
      resolveReportTarget(request(forkRun(), { explicitNumber: 13 }), api()),
    ).resolves.toMatchObject({
      kind: 'refused',
    });
    await expect(api().get(14)).resolves.toEqual({
      number: 14,
      headSha: OTHER,
      baseRepository: 'acme/widgets',
    });
    await expect(api().get(99)).resolves.toBeUndefined();
    await expect(api().listForCommit(HEAD)).resolves.toHaveLength(2);
  });
});
