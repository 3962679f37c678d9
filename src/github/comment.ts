// The sticky pull request comment: one comment per benchmark, found again by its hidden marker
// and edited in place on every push. Only a comment written by the token's own identity counts:
// anyone can post a comment that holds the marker. The GitHub API sits behind IssueCommentsApi so
// the logic can be tested against any implementation; the real one is Octokit with retries.
import { getOctokit } from '@actions/github';
import { retry, type RetryPlugin } from '@octokit/plugin-retry';

/** A client from createOctokit. */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  html_url: string;
}

export interface IssueCommentsApi {
  /**
   * The login the token acts as (`GET /user`), or undefined when the token cannot say: the
   * workflow's GITHUB_TOKEN, an app installation token, is refused that call (403).
   */
  viewer(): Promise<string | undefined>;
  list(page: number, perPage: number): Promise<IssueComment[]>;
  create(body: string): Promise<{ id: number; html_url: string }>;
  update(id: number, body: string): Promise<{ id: number; html_url: string }>;
}

export interface CommentTarget {
  owner: string;
  repo: string;
  /** The pull request (or issue) number. */
  issueNumber: number;
}

export interface ClientOptions {
  /** API root, e.g. for GitHub Enterprise Server; defaults to GITHUB_API_URL or api.github.com. */
  baseUrl?: string;
  /** How many times a failed request is retried (default 3). */
  retries?: number;
  /** The backoff unit: retry k waits k² times this (default 1000 ms). */
  minRetryDelayMs?: number;
}

const PER_PAGE = 100;
/** A safety stop: 100 pages is 10,000 comments, far beyond any real pull request. */
const MAX_PAGES = 100;
/** Rate-limit waits longer than this are not worth holding a CI job for. */
const MAX_RATE_LIMIT_WAIT_S = 60;

/**
 * Every 4xx status: client errors that repeating the request cannot fix. Rate limits (403/429
 * with rate-limit headers) are the exception, handled by `rateLimitRetry` below.
 */
const DO_NOT_RETRY = Array.from({ length: 100 }, (_, i) => 400 + i);

type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;
type RetryableError = Parameters<RetryPlugin['retry']['retryRequest']>[0];

interface HookError {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * Seconds to wait before retrying a rate-limited response (a 403 or 429 that says so in its
 * headers), or undefined when the response is not a rate limit or the wait is too long.
 */
export function rateLimitWaitSeconds(
  status: number | undefined,
  headers: Record<string, string | number | undefined>,
  nowMs: number,
): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  let wait: number | undefined;
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
    wait = Number(retryAfter);
  } else if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
    wait = Number(headers['x-ratelimit-reset']) - Math.floor(nowMs / 1000);
  }
  if (wait === undefined || !Number.isFinite(wait) || wait > MAX_RATE_LIMIT_WAIT_S) return undefined;
  return Math.max(1, wait);
}

/**
 * plugin-retry never retries a status in doNotRetry, yet GitHub answers rate limits with 403 or
 * 429 and `retry-after` / `x-ratelimit-*` headers. This hook runs inside plugin-retry's and marks
 * such responses for retry after the wait the headers ask for (in units of minRetryDelayMs/1000).
 */
const rateLimitRetry: OctokitPlugin = (octokit, options) => {
  const retries = options.retry?.retries ?? 3;
  octokit.hook.error('request', (error): never => {
    const e = error as HookError;
    const wait = rateLimitWaitSeconds(e.status, e.response?.headers ?? {}, Date.now());
    const plugin = (octokit as unknown as Partial<RetryPlugin>).retry;
    if (wait !== undefined && plugin) throw plugin.retryRequest(error as RetryableError, retries, wait);
    throw error;
  });
};

/**
 * An Octokit client (from @actions/github, so proxies and GHES work) that retries server errors
 * and rate limits with backoff, and never retries other 4xx answers.
 */
export function createOctokit(token: string, opts: ClientOptions = {}): GitHubClient {
  if (!token) throw new Error('GitHub token is empty; pass github-token (usually ${{ github.token }})');
  const options: Parameters<typeof getOctokit>[1] = {
    retry: {
      retries: opts.retries ?? 3,
      doNotRetry: DO_NOT_RETRY,
      retryAfterBaseValue: opts.minRetryDelayMs ?? 1000,
    },
    // Octokit would log failed requests with console.warn; the caller gets every error anyway.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  };
  if (opts.baseUrl) options.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  // Plugins apply in order and the first registered hook runs innermost, so the rate-limit hook
  // comes before plugin-retry, which then sees the marked error.
  return getOctokit(token, options, rateLimitRetry, retry);
}

export function octokitCommentsApi(octokit: GitHubClient, target: CommentTarget): IssueCommentsApi {
  const { owner, repo, issueNumber } = target;
  return {
    async viewer() {
      try {
        return (await octokit.rest.users.getAuthenticated()).data.login;
      } catch (error) {
        // A refusal, not a rate limit: this token has no user (GITHUB_TOKEN answers 403).
        const e = error as HookError;
        const headers = e.response?.headers ?? {};
        const limited =
          String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined;
        if ((e.status === 403 && !limited) || e.status === 404) return undefined;
        throw error;
      }
    },
    async list(page, perPage) {
      const res = await octokit.rest.issues.listComments({
        owner,
        repo,
        issue_number: issueNumber,
        page,
        per_page: perPage,
      });
      return res.data;
    },
    async create(body) {
      const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
      return { id: res.data.id, html_url: res.data.html_url };
    },
    async update(id, body) {
      const res = await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body });
      return { id: res.data.id, html_url: res.data.html_url };
    },
  };
}

/** The login the workflow's GITHUB_TOKEN posts as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * Whose comments count as the report: the token's own login, or, when the token cannot name
 * itself (GITHUB_TOKEN), the Actions bot. A user cannot post as a Bot, so a planted comment with
 * the marker is never taken for ours.
 */
export type CommentOwner = { kind: 'login'; login: string } | { kind: 'actions-bot' };

/** Asks once who the token is. */
export async function identifyCommentOwner(api: IssueCommentsApi): Promise<CommentOwner> {
  const login = await api.viewer();
  return login ? { kind: 'login', login } : { kind: 'actions-bot' };
}

export function isWrittenBy(comment: IssueComment, owner: CommentOwner): boolean {
  const login = comment.user?.login?.toLowerCase();
  if (owner.kind === 'login') return login === owner.login.toLowerCase();
  return comment.user?.type === 'Bot' && login === ACTIONS_BOT_LOGIN;
}

/**
 * The most recent comment by `owner` that begins with `marker`, looking through every page. Only
 * the beginning counts: our reports start with it, and a comment that merely quotes it (another
 * report's output tail, a bot that echoes text from the pull request) is not ours to overwrite.
 */
export async function findStickyComment(
  api: IssueCommentsApi,
  marker: string,
  owner: CommentOwner,
): Promise<IssueComment | undefined> {
  let found: IssueComment | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const comments = await api.list(page, PER_PAGE);
    // Comments come oldest first, so a later match is more recent.
    for (const c of comments) if (c.body?.startsWith(marker) && isWrittenBy(c, owner)) found = c;
    if (comments.length < PER_PAGE) break;
  }
  return found;
}

/** Edits our earlier comment (only one we wrote that carries our marker), or creates it. */
export async function upsertStickyComment(
  api: IssueCommentsApi,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; url: string; id: number }> {
  if (!marker.trim())
    throw new Error('sticky comment marker is empty; expected a hidden HTML comment such as <!-- name -->');
  if (!body.startsWith(marker))
    throw new Error('comment body does not begin with its marker; the next run could not find it');
  const existing = await findStickyComment(api, marker, await identifyCommentOwner(api));
  if (existing) {
    const updated = await api.update(existing.id, body);
    return { action: 'updated', url: updated.html_url, id: updated.id };
  }
  const created = await api.create(body);
  return { action: 'created', url: created.html_url, id: created.id };
}

export interface ReportCommentRequest {
  token: string;
  /** The pull request to comment on; undefined outside pull requests, which skips the comment. */
  target: CommentTarget | undefined;
  marker: string;
  body: string;
  client?: ClientOptions;
}

export interface ReportCommentResult {
  status: 'created' | 'updated' | 'skipped' | 'warning';
  url?: string;
  message?: string;
}

export type ConnectComments = (
  token: string,
  target: CommentTarget,
  client: ClientOptions,
) => IssueCommentsApi;

export const connectOctokit: ConnectComments = (token, target, client) =>
  octokitCommentsApi(createOctokit(token, client), target);

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

/** The one-line explanation of why the comment could not be written, without the token. */
export function describeCommentFailure(error: unknown, where: string, token: string): string {
  const e = error as HookError & { message?: unknown };
  const detail = redact(String(e?.message ?? error).split('\n')[0] ?? '', token);
  const headers = e?.response?.headers ?? {};
  const rateLimited =
    String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined;
  if ((e?.status === 403 || e?.status === 429) && rateLimited) {
    return `Could not write the report comment on ${where} (HTTP ${e.status}): the GitHub API rate limit was reached; the report is still in the job summary.`;
  }
  if (e?.status === 403 || e?.status === 404) {
    return (
      `Could not write the report comment on ${where} (HTTP ${e.status}): the token may not write pull request comments. ` +
      'Grant `permissions: pull-requests: write` to the job; for pull requests from forks, whose token is read-only, ' +
      'upload the results as an artifact and post the comment from a second workflow triggered by `workflow_run`.'
    );
  }
  const status = typeof e?.status === 'number' ? ` (HTTP ${e.status})` : '';
  return `Could not write the report comment on ${where}${status}: ${detail}`;
}

/**
 * Posts or updates the report comment. Never throws for API failures: a comment is a courtesy,
 * so failures come back as a 'warning' with a message that says how to fix them.
 */
export async function postReportComment(
  request: ReportCommentRequest,
  connect: ConnectComments = connectOctokit,
): Promise<ReportCommentResult> {
  const { token, target, marker, body } = request;
  if (!target) return { status: 'skipped', message: 'Not a pull request: no report comment to write.' };
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
  try {
    const api = connect(token, target, request.client ?? {});
    const done = await upsertStickyComment(api, marker, body);
    return { status: done.action, url: done.url };
  } catch (error: unknown) {
    return { status: 'warning', message: describeCommentFailure(error, where, token) };
  }
}
