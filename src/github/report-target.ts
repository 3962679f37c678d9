// Which pull request a report (mode: report) may comment on. That mode runs in a privileged
// `workflow_run` job on a results file made by untrusted pull request code, so the target comes
// only from the event GitHub sent, checked through the API for pull requests from forks (whose
// event lists no pull request). The results file's own `git.pr` is never used: whoever wrote the
// file could otherwise post on, or overwrite the report of, any pull request of the repository.
import { messageOf } from '../base/errors.js';
import type { GitHubClient } from './comment.js';

/** The `workflow_run` part of the event payload: the finished run whose results are reported. */
export interface WorkflowRunEvent {
  /** What triggered that run: `pull_request`, `push`, ... */
  event?: string;
  /** The commit that run measured. */
  headSha?: string;
  headBranch?: string;
  /** owner/name of the repository the head commit came from: a fork's for fork pull requests. */
  headRepository?: string;
  /** `workflow_run.pull_requests`: GitHub leaves it empty for pull requests from forks. */
  pullRequests: { number: number; headSha?: string; baseRepositoryUrl?: string }[];
}

/** A pull request as far as the checks need it. */
export interface PullRequestSummary {
  number: number;
  headSha: string;
  /** owner/name of the head repository; absent when that fork was deleted. */
  headRepository?: string;
  /** owner/name of the repository the pull request targets. */
  baseRepository?: string;
}

/** The pull request lookups the target needs, in this repository. */
export interface PullRequestsApi {
  /** The pull request with this number, or undefined when there is none (404). */
  get(number: number): Promise<PullRequestSummary | undefined>;
  /** Open pull requests whose head is `owner:branch`. */
  listOpenByHead(head: string): Promise<PullRequestSummary[]>;
  /** Pull requests that contain this commit. */
  listForCommit(sha: string): Promise<PullRequestSummary[]>;
}

export interface ReportTargetRequest {
  /** The repository the report job runs in, where the comment goes. */
  repository: { owner: string; repo: string };
  eventName?: string;
  /** A pull_request (or pull_request_target) event's own pull request. */
  pullRequest?: { number: number; headSha?: string };
  workflowRun?: WorkflowRunEvent;
  /** The `pr-number` input: it must name the same pull request as the event. */
  explicitNumber?: number;
  /** What the results file says about itself: checked against the event, never used as a target. */
  claimed?: { head?: string; pr?: number };
}

export type ReportTarget =
  /** Comment on this pull request. */
  | { kind: 'pull-request'; number: number; notes: string[] }
  /** Nothing to comment on (e.g. the run was a push): the report goes to the summary only. */
  | { kind: 'none'; reason: string; notes: string[] }
  /** The results or the inputs do not match the event: do not report them at all. */
  | { kind: 'refused'; reason: string };

const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

function short(sha: string): string {
  return sha.slice(0, 12);
}

function sameName(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The request for the action's report mode, from the event, the inputs and the results file. */
export function reportTargetRequest(
  github: {
    owner?: string;
    repo?: string;
    eventName?: string;
    prNumber?: number;
    headSha?: string;
    workflowRun?: WorkflowRunEvent;
  },
  explicitNumber: number | undefined,
  resultsGit: { head?: string; pr?: number } | undefined,
): ReportTargetRequest {
  const isPullRequestEvent = github.eventName !== undefined && PULL_REQUEST_EVENTS.includes(github.eventName);
  return {
    repository: { owner: github.owner ?? '', repo: github.repo ?? '' },
    eventName: github.eventName,
    ...(isPullRequestEvent && github.prNumber !== undefined
      ? { pullRequest: { number: github.prNumber, headSha: github.headSha } }
      : {}),
    ...(github.workflowRun ? { workflowRun: github.workflowRun } : {}),
    ...(explicitNumber !== undefined ? { explicitNumber } : {}),
    ...(resultsGit ? { claimed: resultsGit } : {}),
  };
}

/**
 * The pull request to comment on, or why there is none, or why the results must not be reported.
 * `api` is needed only for pull requests from forks and for an explicit `pr-number` on a
 * workflow_run event; without it those end in `none`.
 */
export async function resolveReportTarget(
  request: ReportTargetRequest,
  api: PullRequestsApi | undefined,
): Promise<ReportTarget> {
  const trustedHead = request.workflowRun ? request.workflowRun.headSha : request.pullRequest?.headSha;
  if (request.eventName === 'workflow_run' && trustedHead === undefined) {
    return { kind: 'refused', reason: 'the workflow_run event names no head commit; refusing to report' };
  }
  if (trustedHead !== undefined) {
    const head = request.claimed?.head;
    if (head === undefined || head.toLowerCase() !== trustedHead.toLowerCase()) {
      return {
        kind: 'refused',
        reason: `the results file is for commit ${head === undefined ? '(none recorded)' : short(head)}, but the run it came from measured ${short(trustedHead)}: refusing to report it`,
      };
    }
  }
  const found = await findTarget(request, api);
  if (found.kind === 'refused') return found;
  const notes: string[] = [];
  const claimedPr = request.claimed?.pr;
  if (claimedPr !== undefined && (found.kind === 'none' || claimedPr !== found.number)) {
    const actual = found.kind === 'none' ? 'no pull request' : `#${found.number}`;
    notes.push(
      `the results file names pull request #${claimedPr}, but the event names ${actual}; the file's number is not trusted and was ignored`,
    );
  }
  return { ...found, notes };
}

type Found =
  | { kind: 'pull-request'; number: number }
  | { kind: 'none'; reason: string }
  | { kind: 'refused'; reason: string };

async function findTarget(request: ReportTargetRequest, api: PullRequestsApi | undefined): Promise<Found> {
  const explicit = request.explicitNumber;
  if (request.pullRequest) {
    const number = request.pullRequest.number;
    if (explicit !== undefined && explicit !== number) return mismatch(explicit, [number]);
    return { kind: 'pull-request', number };
  }
  const run = request.workflowRun;
  if (!run) {
    // No event names a pull request (e.g. workflow_dispatch): only a maintainer's pr-number does.
    if (explicit !== undefined) return { kind: 'pull-request', number: explicit };
    return {
      kind: 'none',
      reason: `a ${request.eventName ?? 'local'} run has no pull request to comment on`,
    };
  }
  if (run.event === undefined || !PULL_REQUEST_EVENTS.includes(run.event)) {
    return {
      kind: 'none',
      reason: `the run that made these results was triggered by ${run.event ?? 'an unknown event'}, not by a pull request`,
    };
  }
  try {
    const candidates = await candidatesFor(request, run, api);
    if (typeof candidates === 'string') return { kind: 'none', reason: candidates };
    if (explicit === undefined) return { kind: 'pull-request', number: candidates[0] };
    if (candidates.includes(explicit)) return { kind: 'pull-request', number: explicit };
    if (candidates.length > 0) return mismatch(explicit, candidates);
    return await checkExplicit(explicit, request, run, api);
  } catch (error) {
    return {
      kind: 'none',
      reason: `the pull request could not be looked up: ${messageOf(error).split('\n')[0]}`,
    };
  }
}

function mismatch(explicit: number, actual: number[]): Found {
  return {
    kind: 'refused',
    reason: `pr-number ${explicit} does not match the pull request of the event (${actual.map((n) => `#${n}`).join(', ')}): refusing to report`,
  };
}

/** Whether a pull request is the one that ran: same head commit, same head repository, this base. */
function ranThisRun(pr: PullRequestSummary, request: ReportTargetRequest, run: WorkflowRunEvent): boolean {
  const { owner, repo } = request.repository;
  return (
    sameName(pr.headSha, run.headSha) &&
    sameName(pr.headRepository, run.headRepository) &&
    (pr.baseRepository === undefined || sameName(pr.baseRepository, `${owner}/${repo}`))
  );
}

/**
 * The numbers of the pull requests the run belongs to (the event's first), an empty list when an
 * explicit number is still to be checked, or a string saying why there is none.
 */
async function candidatesFor(
  request: ReportTargetRequest,
  run: WorkflowRunEvent,
  api: PullRequestsApi | undefined,
): Promise<number[] | string> {
  const { owner, repo } = request.repository;
  // GitHub has listed pull requests of other repositories here; only this one's count.
  const ours = run.pullRequests.filter(
    (pr) =>
      pr.baseRepositoryUrl === undefined ||
      pr.baseRepositoryUrl.toLowerCase().endsWith(`/repos/${owner}/${repo}`.toLowerCase()),
  );
  const listed = ours.filter((pr) => sameName(pr.headSha, run.headSha));
  if (listed.length > 0) return listed.map((pr) => pr.number);
  if (ours.length > 0) {
    return `pull request #${ours[0].number} has moved on from ${short(run.headSha!)}; a later run reports its new head`;
  }
  if (request.explicitNumber !== undefined) return [];
  // A fork's pull request: the event lists none, so ask the API, trusting only a pull request
  // whose head is exactly the commit and repository that ran.
  if (!api) return 'the run came from a fork and there is no github-token to look up its pull request';
  const owned: PullRequestSummary[] = [];
  const headOwner = run.headRepository?.split('/')[0];
  if (headOwner && run.headBranch)
    owned.push(...(await api.listOpenByHead(`${headOwner}:${run.headBranch}`)));
  let matches = owned.filter((pr) => ranThisRun(pr, request, run));
  if (matches.length === 0)
    matches = (await api.listForCommit(run.headSha!)).filter((pr) => ranThisRun(pr, request, run));
  if (matches.length === 0) {
    return `no pull request of ${owner}/${repo} has head ${short(run.headSha!)} from ${run.headRepository ?? 'the head repository'}`;
  }
  return [...new Set(matches.map((pr) => pr.number))].sort((a, b) => a - b);
}

async function checkExplicit(
  explicit: number,
  request: ReportTargetRequest,
  run: WorkflowRunEvent,
  api: PullRequestsApi | undefined,
): Promise<Found> {
  if (!api) return { kind: 'none', reason: `there is no github-token to check pr-number ${explicit}` };
  const pr = await api.get(explicit);
  if (!pr)
    return { kind: 'refused', reason: `pr-number ${explicit} is not a pull request of this repository` };
  if (!ranThisRun(pr, request, run)) {
    return {
      kind: 'refused',
      reason: `pr-number ${explicit} has head ${short(pr.headSha)} from ${pr.headRepository ?? 'a deleted repository'}, but the run measured ${short(run.headSha!)} from ${run.headRepository ?? 'an unknown repository'}: refusing to report`,
    };
  }
  return { kind: 'pull-request', number: explicit };
}

interface OctokitPull {
  number: number;
  head: { sha: string; repo?: { full_name?: string } | null };
  base: { repo?: { full_name?: string } | null };
}

function summarize(pr: OctokitPull): PullRequestSummary {
  const headRepository = pr.head.repo?.full_name;
  const baseRepository = pr.base.repo?.full_name;
  return {
    number: pr.number,
    headSha: pr.head.sha,
    ...(headRepository ? { headRepository } : {}),
    ...(baseRepository ? { baseRepository } : {}),
  };
}

/** The lookups through Octokit (createOctokit in comment.ts: retries, GHES base URL). */
export function octokitPullRequestsApi(
  octokit: GitHubClient,
  repository: { owner: string; repo: string },
): PullRequestsApi {
  const { owner, repo } = repository;
  return {
    async get(number) {
      try {
        return summarize((await octokit.rest.pulls.get({ owner, repo, pull_number: number })).data);
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return undefined;
        throw error;
      }
    },
    async listOpenByHead(head) {
      const res = await octokit.rest.pulls.list({ owner, repo, state: 'open', head, per_page: 100 });
      return res.data.map(summarize);
    },
    async listForCommit(sha) {
      const res = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        owner,
        repo,
        commit_sha: sha,
        per_page: 100,
      });
      return res.data.map(summarize);
    },
  };
}
