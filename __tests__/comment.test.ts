// The sticky comment through the real Octokit client (createOctokit with baseUrl) against a local
// stand-in for the GitHub REST API on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  connectOctokit,
  createOctokit,
  findStickyComment,
  octokitCommentsApi,
  postReportComment,
  rateLimitWaitSeconds,
  upsertStickyComment,
  type CommentTarget,
} from '../src/github/comment.js';

const TOKEN = 'ghs_testtoken1234567890SECRET';
const MARKER = '<!-- malloc-matrix:report name="json-parse" -->';
const TARGET: CommentTarget = { owner: 'acme', repo: 'widgets', issueNumber: 7 };
const FAST = { retries: 3, minRetryDelayMs: 1 };

interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
}

/** A tiny GitHub REST API: issue comments with pagination, and scripted failures. */
class FakeGitHub {
  comments: StoredComment[] = [];
  requests: { method: string; url: string; authorization?: string }[] = [];
  /** Responses to give instead of the real answer, consumed one per request. */
  failures: Scripted[] = [];
  private nextId = 1000;
  private server = http.createServer((req, res) => this.handle(req, res));
  baseUrl = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  add(body: string, login = 'someone', type = 'User'): StoredComment {
    const c = { id: this.nextId++, body, user: { login, type } };
    this.comments.push(c);
    return c;
  }

  private view(c: StoredComment) {
    return { ...c, html_url: `https://github.com/acme/widgets/pull/7#issuecomment-${c.id}` };
  }

  private send(
    res: http.ServerResponse,
    status: number,
    data: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(data));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
      });
      const failure = this.failures.shift();
      if (failure) {
        this.send(res, failure.status, { message: `scripted ${failure.status}` }, failure.headers);
        return;
      }
      const url = new URL(req.url ?? '/', this.baseUrl);
      const list = url.pathname.match(/^\/repos\/acme\/widgets\/issues\/7\/comments$/);
      const one = url.pathname.match(/^\/repos\/acme\/widgets\/issues\/comments\/(\d+)$/);
      if (list && req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const perPage = Number(url.searchParams.get('per_page') ?? '30');
        const last = Math.max(1, Math.ceil(this.comments.length / perPage));
        const slice = this.comments.slice((page - 1) * perPage, page * perPage).map((c) => this.view(c));
        const link = (p: number, rel: string) =>
          `<${this.baseUrl}${url.pathname}?page=${p}&per_page=${perPage}>; rel="${rel}"`;
        const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
        this.send(res, 200, slice, links.length ? { link: links.join(', ') } : {});
      } else if (list && req.method === 'POST') {
        const c = this.add((JSON.parse(raw) as { body: string }).body, 'github-actions[bot]', 'Bot');
        this.send(res, 201, this.view(c));
      } else if (one && req.method === 'PATCH') {
        const c = this.comments.find((x) => x.id === Number(one[1]));
        if (!c) return this.send(res, 404, { message: 'Not Found' });
        c.body = (JSON.parse(raw) as { body: string }).body;
        this.send(res, 200, this.view(c));
      } else {
        this.send(res, 404, { message: 'Not Found' });
      }
    });
  }
}

let gh: FakeGitHub;
beforeEach(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterEach(async () => {
  await gh.stop();
});

function api() {
  return octokitCommentsApi(createOctokit(TOKEN, { baseUrl: gh.baseUrl, ...FAST }), TARGET);
}

describe('upsertStickyComment with the real Octokit client', () => {
  test('creates the comment the first time and updates it the second', async () => {
    gh.add('LGTM', 'reviewer');
    const first = await upsertStickyComment(api(), MARKER, `${MARKER}\nfirst report`);
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(api(), MARKER, `${MARKER}\nsecond report`);
    expect(second).toEqual({ action: 'updated', id: first.id, url: first.url });
    expect(gh.comments.map((c) => c.body)).toEqual(['LGTM', `${MARKER}\nsecond report`]);
    expect(first.url).toContain(`issuecomment-${first.id}`);
  });

  test('finds the marker on page 3 behind 250 other comments and leaves the others alone', async () => {
    for (let i = 0; i < 250; i++) gh.add(`comment ${i}`, `user${i % 7}`);
    const ours = gh.add(`${MARKER}\nold report`, 'github-actions[bot]', 'Bot');
    const others = gh.comments.filter((c) => c !== ours).map((c) => ({ ...c }));

    const result = await upsertStickyComment(api(), MARKER, `${MARKER}\nnew report`);

    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    expect(ours.body).toBe(`${MARKER}\nnew report`);
    expect(gh.comments.filter((c) => c !== ours)).toEqual(others);
    const pages = gh.requests
      .filter((r) => r.method === 'GET')
      .map((r) => new URL(r.url, gh.baseUrl).searchParams);
    expect(pages.map((p) => [p.get('page'), p.get('per_page')])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
  });

  test('edits only a comment with our marker, the most recent one if several', async () => {
    const older = gh.add(`${MARKER}\nolder`, 'github-actions[bot]', 'Bot');
    gh.add(
      '<!-- malloc-matrix:report name="other-bench" -->\nanother benchmark',
      'github-actions[bot]',
      'Bot',
    );
    gh.add(`quoting: malloc-matrix report json-parse`, 'octocat');
    const newer = gh.add(`${MARKER}\nnewer`, 'github-actions[bot]', 'Bot');

    const result = await upsertStickyComment(api(), MARKER, `${MARKER}\nlatest`);

    expect(result.id).toBe(newer.id);
    expect(newer.body).toBe(`${MARKER}\nlatest`);
    expect(older.body).toBe(`${MARKER}\nolder`);
    expect(gh.comments.filter((c) => c.body.includes('latest'))).toHaveLength(1);
  });

  test('sends the token in the Authorization header', async () => {
    await upsertStickyComment(api(), MARKER, `${MARKER}\nreport`);
    expect(gh.requests.length).toBeGreaterThan(0);
    for (const r of gh.requests) expect(r.authorization).toBe(`token ${TOKEN}`);
  });

  test('retries a 502 and then succeeds', async () => {
    gh.failures.push({ status: 502 });
    const result = await upsertStickyComment(api(), MARKER, `${MARKER}\nreport`);
    expect(result.action).toBe('created');
    expect(gh.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
    expect(gh.comments).toHaveLength(1);
  });

  test('retries a rate-limited 403 but not a plain 403', async () => {
    gh.failures.push({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '1' } });
    await expect(upsertStickyComment(api(), MARKER, `${MARKER}\nreport`)).resolves.toMatchObject({
      action: 'created',
    });
    expect(gh.requests.filter((r) => r.method === 'GET')).toHaveLength(2);

    gh.requests = [];
    gh.failures.push({ status: 403 });
    await expect(upsertStickyComment(api(), MARKER, `${MARKER}\nreport`)).rejects.toMatchObject({
      status: 403,
    });
    expect(gh.requests).toHaveLength(1);
  });

  test('gives up on a persistent 500 after the configured retries', async () => {
    for (let i = 0; i < 10; i++) gh.failures.push({ status: 500 });
    const octokit = createOctokit(TOKEN, { baseUrl: gh.baseUrl, retries: 2, minRetryDelayMs: 1 });
    await expect(findStickyComment(octokitCommentsApi(octokit, TARGET), MARKER)).rejects.toMatchObject({
      status: 500,
    });
    expect(gh.requests).toHaveLength(3);
  });

  test('refuses a body that lacks its marker', async () => {
    await expect(upsertStickyComment(api(), MARKER, 'no marker here')).rejects.toThrow(
      'does not contain its marker',
    );
    expect(gh.requests).toHaveLength(0);
  });
});

describe('postReportComment', () => {
  const request = (body = `${MARKER}\nreport`) => ({
    token: TOKEN,
    target: TARGET,
    marker: MARKER,
    body,
    client: { baseUrl: gh.baseUrl, ...FAST },
  });

  test('creates, then updates', async () => {
    await expect(postReportComment(request())).resolves.toMatchObject({ status: 'created' });
    const second = await postReportComment(request(`${MARKER}\nagain`));
    expect(second.status).toBe('updated');
    expect(second.url).toMatch(/issuecomment-\d+$/);
    expect(gh.comments).toHaveLength(1);
  });

  test('skips outside a pull request without calling the API', async () => {
    const result = await postReportComment({ ...request(), target: undefined });
    expect(result.status).toBe('skipped');
    expect(gh.requests).toHaveLength(0);
  });

  test.each([403, 404])(
    'turns a %i (read-only fork token) into a warning that explains the fix',
    async (status) => {
      gh.failures.push({ status });
      const result = await postReportComment(request());
      expect(result.status).toBe('warning');
      expect(result.message).toContain(`HTTP ${status}`);
      expect(result.message).toContain('acme/widgets#7');
      expect(result.message).toContain('pull-requests: write');
      expect(result.message).toContain('workflow_run');
      expect(result.message).not.toContain(TOKEN);
      expect(gh.requests).toHaveLength(1);
    },
  );

  test('reports other failures with their status code after the retries', async () => {
    for (let i = 0; i < 10; i++) gh.failures.push({ status: 503 });
    const result = await postReportComment(request());
    expect(result.status).toBe('warning');
    expect(result.message).toContain('HTTP 503');
    expect(result.message).not.toContain('pull-requests: write');
    expect(gh.requests).toHaveLength(4);
  });

  test('never leaks the token, even when an error message contains it', async () => {
    const leaky = () => ({
      list: () =>
        Promise.reject(new Error(`request to https://x-access-token:${TOKEN}@example.invalid failed`)),
      create: () => Promise.reject(new Error('unused')),
      update: () => Promise.reject(new Error('unused')),
    });
    const result = await postReportComment(request(), leaky);
    expect(result.status).toBe('warning');
    expect(result.message).toContain('***');
    expect(result.message).not.toContain(TOKEN);
  });

  test('the default connection is the real Octokit client', async () => {
    const comments = connectOctokit(TOKEN, TARGET, { baseUrl: gh.baseUrl });
    gh.add(`${MARKER}\nx`);
    await expect(comments.list(1, 100)).resolves.toHaveLength(1);
  });
});

describe('rateLimitWaitSeconds', () => {
  const now = Date.parse('2025-03-14T10:00:00Z');
  test.each([
    [403, { 'retry-after': '5' }, 5],
    [429, { 'retry-after': '0' }, 1],
    [403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }, 30],
    [403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3600) }, undefined],
    [403, { 'x-ratelimit-remaining': '4999' }, undefined],
    [403, {}, undefined],
    [500, { 'retry-after': '5' }, undefined],
  ])('%i %j → %s', (status, headers, expected) => {
    expect(rateLimitWaitSeconds(status, headers, now)).toBe(expected);
  });
});
