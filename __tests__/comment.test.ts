// The sticky comment through the real Octokit client (createOctokit with baseUrl) against a local
// stand-in for the GitHub REST API on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
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
import { FakeGitHub } from './fakes/github-server.js';

const TOKEN = 'ghs_testtoken1234567890SECRET';
const MARKER = '<!-- malloc-matrix:report name="json-parse" -->';
const TARGET: CommentTarget = { owner: 'acme', repo: 'widgets', issueNumber: 7 };
const FAST = { retries: 3, minRetryDelayMs: 1 };

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
