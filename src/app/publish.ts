// Where a report goes after a run (or, in report mode, after reading a results file): the
// markdown both adapters render the same way, and the sticky pull request comment, which is
// posted only when asked for and possible. A comment that cannot be written is a warning.
import { showValue } from '../base/errors.js';
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import {
  createOctokit,
  postReportComment,
  type ClientOptions,
  type ConnectComments,
} from '../github/comment.js';
import {
  octokitPullRequestsApi,
  reportTargetRequest,
  resolveReportTarget,
  type PullRequestsApi,
  type ReportTarget,
} from '../github/report-target.js';
import { gatesAChange } from '../baseline/select.js';
import { renderMarkdown, reportMarker } from '../report/markdown.js';
import { reproduceCommand } from '../report/reproduce.js';
import type { Results } from '../results/model.js';
import type { Notice } from './ports.js';

/**
 * The markdown report of these results: the job summary, the comment and `--markdown`. On a pull
 * request or a merge queue group whose baseline could not be had, its headline says the gate did
 * not run.
 */
export function reportMarkdown(
  results: Results,
  config: Config,
  github: Pick<GitHubContext, 'eventName' | 'baseSha'> = {},
): string {
  // Report mode did not measure: its own settings would give a wrong line (no command, its own
  // seed), and the measuring job's were chosen by whoever wrote its workflow, a fork's pull
  // request too, so no line of theirs goes into this job's comment for readers to paste. The
  // measuring job's own summary has it.
  const reproduce =
    config.mode === 'report' ? {} : { reproduceCommand: reproduceCommand(config, results.baseline?.commit) };
  return renderMarkdown(results, { ...reproduce, gatingEvent: gatesAChange(github) });
}

/** The pull request lookups behind report mode's target check (the real client when absent). */
export type ConnectPullRequests = (
  token: string,
  repository: { owner: string; repo: string },
  client: ClientOptions,
) => PullRequestsApi;

export const connectOctokitPullRequests: ConnectPullRequests = (token, repository, client) =>
  octokitPullRequestsApi(createOctokit(token, client), repository);

/**
 * The pull request a report may comment on. A run of the benchmark comments on its own event's
 * pull request (or `pr-number`). Report mode trusts only the event, checked through the API for
 * pull requests from forks, and never the pull request number the results file records.
 */
export async function commentTarget(
  config: Config,
  github: GitHubContext,
  results: Results,
  connect: ConnectPullRequests = connectOctokitPullRequests,
): Promise<ReportTarget> {
  if (config.mode !== 'report') {
    const number = config.prNumber ?? github.prNumber;
    return number === undefined
      ? { kind: 'none', reason: 'Not a pull request: the report is in the job summary only.', notes: [] }
      : { kind: 'pull-request', number, notes: [] };
  }
  const api =
    config.githubToken && github.owner && github.repo
      ? connect(config.githubToken, { owner: github.owner, repo: github.repo }, { baseUrl: github.apiUrl })
      : undefined;
  return resolveReportTarget(reportTargetRequest(github, config.prNumber, results.git), api);
}

/**
 * Why a results file must not be reported under this job's `name`, or undefined when it may. The
 * name is the sticky comment's identity: a report job that names its benchmark must not let a
 * file of another (which a pull request's own run can write) post or overwrite that one's
 * comment. A job that names none takes the file's, which the target checks still bound to the
 * event's own pull request.
 */
export function reportNameMismatch(expected: string, claimed: string, label: string): string | undefined {
  if (expected === '' || expected === claimed) return undefined;
  return `the results file is of benchmark ${showValue(claimed)}, but ${label} is ${showValue(expected)}: refusing to report it`;
}

export interface CommentRequest {
  config: Config;
  github: GitHubContext;
  results: Results;
  markdown: string;
  /** Whether any cell regressed (comment: on-regression). */
  regressed: boolean;
  /** The pull request to comment on (commentTarget), if any. */
  prNumber: number | undefined;
}

export interface CommentOutcome {
  /** The comment's address, when one was written. */
  url?: string;
  notice?: Notice;
}

export async function publishComment(
  request: CommentRequest,
  connect?: ConnectComments,
): Promise<CommentOutcome> {
  const { config, github, results, prNumber } = request;
  const wanted = config.comment === 'always' || (config.comment === 'on-regression' && request.regressed);
  if (!wanted) return {};
  if (prNumber === undefined || !github.owner || !github.repo) {
    return {
      notice: { level: 'info', message: 'Not a pull request: the report is in the job summary only.' },
    };
  }
  if (!config.githubToken) {
    return {
      notice: {
        level: 'warning',
        message: 'No github-token: the report is in the job summary only. Pass github-token to comment.',
      },
    };
  }
  const posted = await postReportComment(
    {
      token: config.githubToken,
      target: { owner: github.owner, repo: github.repo, issueNumber: prNumber },
      marker: reportMarker(results.name),
      body: request.markdown,
      client: { baseUrl: github.apiUrl },
    },
    connect,
  );
  const url = posted.url ? { url: posted.url } : {};
  if (posted.status === 'warning') {
    return {
      ...url,
      notice: { level: 'warning', message: posted.message ?? 'Could not comment on the pull request.' },
    };
  }
  if (posted.url)
    return { ...url, notice: { level: 'info', message: `Report comment ${posted.status}: ${posted.url}` } };
  return url;
}
