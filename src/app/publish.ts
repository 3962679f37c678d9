// Where a report goes after a run (or, in report mode, after reading a results file): the
// markdown both adapters render the same way, and the sticky pull request comment, which is
// posted only when asked for and possible. A comment that cannot be written is a warning.
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import { postReportComment, type ConnectComments } from '../github/comment.js';
import { renderMarkdown, reportMarker } from '../report/markdown.js';
import { reproduceCommand } from '../report/reproduce.js';
import type { Results } from '../results/model.js';
import type { Notice } from './ports.js';

/** The markdown report of these results: the job summary, the comment and `--markdown`. */
export function reportMarkdown(results: Results, config: Config): string {
  return renderMarkdown(results, { reproduceCommand: reproduceCommand(config) });
}

export interface CommentRequest {
  config: Config;
  github: GitHubContext;
  results: Results;
  markdown: string;
  /** Whether any cell regressed (comment: on-regression). */
  regressed: boolean;
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
  const { config, github, results } = request;
  const wanted = config.comment === 'always' || (config.comment === 'on-regression' && request.regressed);
  if (!wanted) return {};
  const prNumber = config.prNumber ?? results.git?.pr ?? github.prNumber;
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
