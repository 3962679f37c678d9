// The sticky comment through the real Octokit client (createOctokit with baseUrl) against a local
// stand-in for the GitHub REST API on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  ACTIONS_BOT_LOGIN,
  connectOctokit,
  createOctokit,
  findStickyComment,
  identifyCommentOwner,
  isWrittenBy,
  octokitCommentsApi,
  postReportComment,
  rateLimitWaitSeconds,
  upsertStickyComment,
  type CommentOwner,
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

const BOT: CommentOwner = { kind: 'actions-bot' };

/** The paths of the requests made so far, in order. */
function paths(): string[] {
  return gh.requests.map((r) => `${r.method} ${new URL(r.url, gh.baseUrl).pathname}`);
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
      .filter((r) => r.method === 'GET' && r.url.includes('/issues/7/comments'))
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
    // A bot comment that quotes our marker further down (another report's output tail) is not ours.
    const quoting = gh.add(`<!-- other -->\noutput tail:\n${MARKER}`, 'github-actions[bot]', 'Bot');
    const newer = gh.add(`${MARKER}\nnewer`, 'github-actions[bot]', 'Bot');

    const result = await upsertStickyComment(api(), MARKER, `${MARKER}\nlatest`);

    expect(result.id).toBe(newer.id);
    expect(newer.body).toBe(`${MARKER}\nlatest`);
    expect(older.body).toBe(`${MARKER}\nolder`);
    expect(gh.comments.filter((c) => c.body.includes('latest'))).toHaveLength(1);
    // The most recent comment holding the marker is the quoting one: still not taken.
    gh.add(`<!-- other -->\n${MARKER}`, 'github-actions[bot]', 'Bot');
    expect((await findStickyComment(api(), MARKER, BOT))?.id).toBe(newer.id);
    expect(quoting.body).toBe(`<!-- other -->\noutput tail:\n${MARKER}`);
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
    expect(paths()).toEqual([
      'GET /user',
      'GET /repos/acme/widgets/issues/7/comments',
      'GET /repos/acme/widgets/issues/7/comments',
      'POST /repos/acme/widgets/issues/7/comments',
    ]);
    expect(gh.comments).toHaveLength(1);
  });

  test('retries a rate-limited 403 but not a plain 403', async () => {
    gh.failures.push({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '1' } });
    await expect(findStickyComment(api(), MARKER, BOT)).resolves.toBeUndefined();
    expect(gh.requests).toHaveLength(2);

    gh.requests = [];
    gh.failures.push({ status: 403 });
    await expect(findStickyComment(api(), MARKER, BOT)).rejects.toMatchObject({ status: 403 });
    expect(gh.requests).toHaveLength(1);
  });

  test('gives up on a persistent 500 after the configured retries', async () => {
    for (let i = 0; i < 10; i++) gh.failures.push({ status: 500 });
    const octokit = createOctokit(TOKEN, { baseUrl: gh.baseUrl, retries: 2, minRetryDelayMs: 1 });
    await expect(findStickyComment(octokitCommentsApi(octokit, TARGET), MARKER, BOT)).rejects.toMatchObject({
      status: 500,
    });
    expect(gh.requests).toHaveLength(3);
  });

  test('refuses a body that lacks its marker', async () => {
    await expect(upsertStickyComment(api(), MARKER, 'no marker here')).rejects.toThrow(
      'does not begin with its marker',
    );
    expect(gh.requests).toHaveLength(0);
  });
});

describe("only the token's own comments count as the report", () => {
  test('GITHUB_TOKEN: a marker planted by a user is neither edited nor counted', async () => {
    const planted = gh.add(`${MARKER}\n✅ No regression (forged)`, 'mallory');
    const first = await upsertStickyComment(api(), MARKER, `${MARKER}\nfirst report`);
    expect(first.action).toBe('created');
    // A later plant, more recent than ours, does not win either.
    const plantedLater = gh.add(`${MARKER}\n✅ forged again`, 'mallory');

    const second = await upsertStickyComment(api(), MARKER, `${MARKER}\nsecond report`);

    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(planted.body).toBe(`${MARKER}\n✅ No regression (forged)`);
    expect(plantedLater.body).toBe(`${MARKER}\n✅ forged again`);
    expect(gh.comments.find((c) => c.id === first.id)).toMatchObject({
      body: `${MARKER}\nsecond report`,
      user: { login: ACTIONS_BOT_LOGIN, type: 'Bot' },
    });
    const edits = gh.requests.filter((r) => r.method === 'PATCH').map((r) => r.url);
    expect(edits).toEqual([`/repos/acme/widgets/issues/comments/${first.id}`]);
    // GET /user was asked once per report, and refused (403) for this token.
    expect(paths().filter((p) => p === 'GET /user')).toHaveLength(2);
  });

  test('GITHUB_TOKEN: a user merely named like the bot is not the bot', async () => {
    const impostor = gh.add(`${MARKER}\nforged`, ACTIONS_BOT_LOGIN, 'User');
    const result = await upsertStickyComment(api(), MARKER, `${MARKER}\nreport`);
    expect(result.action).toBe('created');
    expect(impostor.body).toBe(`${MARKER}\nforged`);
  });

  test('a personal access token: only its own login counts, not even the Actions bot', async () => {
    gh.viewer = 'release-bot-user';
    const botComment = gh.add(`${MARKER}\nwritten by another workflow`, ACTIONS_BOT_LOGIN, 'Bot');
    const planted = gh.add(`${MARKER}\nforged`, 'mallory');
    const ours = gh.add(`${MARKER}\nour old report`, 'Release-Bot-User');

    const result = await upsertStickyComment(api(), MARKER, `${MARKER}\nnew report`);

    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    expect(ours.body).toBe(`${MARKER}\nnew report`);
    expect(botComment.body).toBe(`${MARKER}\nwritten by another workflow`);
    expect(planted.body).toBe(`${MARKER}\nforged`);
  });

  test('identifyCommentOwner asks GET /user once and falls back to the bot on 403', async () => {
    await expect(identifyCommentOwner(api())).resolves.toEqual({ kind: 'actions-bot' });
    gh.viewer = 'octocat';
    await expect(identifyCommentOwner(api())).resolves.toEqual({ kind: 'login', login: 'octocat' });
    expect(paths()).toEqual(['GET /user', 'GET /user']);
  });

  test('identifyCommentOwner does not hide a server failure or a rate limit behind the fallback', async () => {
    for (let i = 0; i < 4; i++) gh.viewerFailures.push({ status: 500 });
    await expect(identifyCommentOwner(api())).rejects.toMatchObject({ status: 500 });
    const limited = { status: 403, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '0' } };
    for (let i = 0; i < 4; i++) gh.viewerFailures.push(limited);
    await expect(identifyCommentOwner(api())).rejects.toMatchObject({ status: 403 });
    gh.viewerFailures.push({ status: 404 });
    await expect(identifyCommentOwner(api())).resolves.toEqual({ kind: 'actions-bot' });
  });

  test.each<[string, { login?: string; type?: string } | null, CommentOwner, boolean]>([
    ['the bot, for GITHUB_TOKEN', { login: ACTIONS_BOT_LOGIN, type: 'Bot' }, BOT, true],
    ['another app bot', { login: 'renovate[bot]', type: 'Bot' }, BOT, false],
    ['a user', { login: 'mallory', type: 'User' }, BOT, false],
    ['a deleted user', null, BOT, false],
    ['the login, any case', { login: 'OctoCat', type: 'User' }, { kind: 'login', login: 'octocat' }, true],
    ['another login', { login: 'mallory', type: 'User' }, { kind: 'login', login: 'octocat' }, false],
    ['no login', {}, { kind: 'login', login: 'octocat' }, false],
  ])('isWrittenBy: %s', (_what, user, owner, expected) => {
    expect(isWrittenBy({ id: 1, html_url: '', body: MARKER, user }, owner)).toBe(expected);
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
      expect(paths()).toEqual(['GET /user', 'GET /repos/acme/widgets/issues/7/comments']);
    },
  );

  test('reports other failures with their status code after the retries', async () => {
    for (let i = 0; i < 10; i++) gh.failures.push({ status: 503 });
    const result = await postReportComment(request());
    expect(result.status).toBe('warning');
    expect(result.message).toContain('HTTP 503');
    expect(result.message).not.toContain('pull-requests: write');
    // GET /user, then the listing: once and three retries.
    expect(gh.requests).toHaveLength(5);
  });

  test('never leaks the token, even when an error message contains it', async () => {
    const leaky = () => ({
      viewer: () => Promise.resolve(undefined),
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
