import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { selectBaseline } from '../src/baseline/select.js';
import type { BaselineSpec } from '../src/config/config.js';
import type { EventContext } from '../src/config/event.js';
import { readGitHubContext } from '../src/github/context.js';

const BASE = 'a'.repeat(40);
const PR: EventContext = { eventName: 'pull_request', baseSha: BASE, branch: 'main', defaultBranch: 'main' };
const PUSH_MAIN: EventContext = { eventName: 'push', branch: 'main', defaultBranch: 'main' };
const PUSH_TOPIC: EventContext = { eventName: 'push', branch: 'topic', defaultBranch: 'main' };
const LOCAL: EventContext = {};
/** A merge queue's group, built on the target branch's commit BASE. */
const MERGE_GROUP: EventContext = {
  eventName: 'merge_group',
  baseSha: BASE,
  branch: 'main',
  defaultBranch: 'main',
};

describe('selectBaseline', () => {
  it.each<[BaselineSpec, EventContext, string, boolean]>([
    [{ kind: 'auto' }, PR, 'base', false],
    [{ kind: 'auto' }, PUSH_MAIN, 'none', true],
    [{ kind: 'auto' }, PUSH_TOPIC, 'none', false],
    [{ kind: 'auto' }, LOCAL, 'none', false],
    [{ kind: 'base' }, PR, 'base', false],
    [{ kind: 'base' }, PUSH_MAIN, 'base-missing', false],
    [{ kind: 'cache' }, PR, 'cache', false],
    [{ kind: 'cache' }, PUSH_MAIN, 'cache', true],
    [{ kind: 'cache' }, PUSH_TOPIC, 'none', false],
    [{ kind: 'none' }, PUSH_MAIN, 'none', false],
    [{ kind: 'file', path: 'b.json' }, PR, 'file', false],
    [{ kind: 'auto' }, MERGE_GROUP, 'base', false],
    [{ kind: 'base' }, MERGE_GROUP, 'base', false],
    [{ kind: 'cache' }, MERGE_GROUP, 'cache', false],
    [{ kind: 'none' }, MERGE_GROUP, 'none', false],
  ])('%j on %j compares against %s (saves: %s)', (spec, event, plan, saves) => {
    const selection = selectBaseline(spec, event);
    expect(selection.plan.kind).toBe(plan);
    expect(selection.saveToCache).toBe(saves);
  });

  it('names the base commit and the base branch it compares against', () => {
    expect(selectBaseline({ kind: 'auto' }, PR).plan).toEqual({ kind: 'base', baseSha: BASE });
    expect(selectBaseline({ kind: 'cache' }, PR).plan).toEqual({ kind: 'cache', branch: 'main' });
  });

  it('on a push to the default branch, compares with the branch history (a trend) before saving', () => {
    expect(selectBaseline({ kind: 'cache' }, PUSH_MAIN)).toEqual({
      plan: { kind: 'cache', branch: 'main', trend: true },
      saveToCache: true,
    });
    // auto keeps the history too, but compares only pull requests and merge queues.
    expect(selectBaseline({ kind: 'auto' }, PUSH_MAIN).plan.kind).toBe('none');
  });

  it('compares a merge queue group with its base commit, like a pull request', () => {
    expect(selectBaseline({ kind: 'auto' }, MERGE_GROUP).plan).toEqual({ kind: 'base', baseSha: BASE });
    expect(selectBaseline({ kind: 'auto' }, { ...MERGE_GROUP, baseSha: undefined }).plan).toEqual({
      kind: 'base-missing',
      reason: 'baseline: base needs a pull_request or merge_group event with a base commit',
    });
  });
});

describe('readGitHubContext', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-event-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a pull_request event: base commit and branch, head, number', () => {
    const eventPath = path.join(dir, 'pr.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: { number: 7, base: { sha: BASE, ref: 'main' }, head: { sha: 'b'.repeat(40) } },
        repository: { default_branch: 'main' },
      }),
    );
    expect(
      readGitHubContext({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'acme/widgets',
        GITHUB_SHA: 'c'.repeat(40),
      }),
    ).toMatchObject({
      eventName: 'pull_request',
      baseSha: BASE,
      branch: 'main',
      defaultBranch: 'main',
      headSha: 'b'.repeat(40),
      prNumber: 7,
      owner: 'acme',
      repo: 'widgets',
      apiUrl: 'https://api.github.com',
    });
  });

  it('reads a merge_group event: its base commit and target branch, and its head', () => {
    const eventPath = path.join(dir, 'merge-group.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        merge_group: {
          head_sha: 'd'.repeat(40),
          head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-' + BASE,
          base_sha: BASE,
          base_ref: 'refs/heads/main',
        },
        repository: { default_branch: 'main' },
      }),
    );
    const context = readGitHubContext({
      GITHUB_EVENT_NAME: 'merge_group',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: 'refs/heads/gh-readonly-queue/main/pr-7-' + BASE,
      GITHUB_SHA: 'd'.repeat(40),
    });
    expect(context).toMatchObject({
      eventName: 'merge_group',
      baseSha: BASE,
      branch: 'main',
      headSha: 'd'.repeat(40),
    });
    expect(context.prNumber).toBeUndefined();
    expect(selectBaseline({ kind: 'auto' }, context)).toEqual({
      plan: { kind: 'base', baseSha: BASE },
      saveToCache: false,
    });
  });

  it('reads a workflow_run event: the run, its head and the pull requests GitHub listed', () => {
    const eventPath = path.join(dir, 'workflow-run.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        workflow_run: {
          event: 'pull_request',
          head_sha: 'e'.repeat(40),
          head_branch: 'feature',
          head_repository: { full_name: 'acme/widgets' },
          pull_requests: [
            {
              number: 7,
              head: { sha: 'e'.repeat(40) },
              base: { repo: { url: 'https://api.github.com/repos/acme/widgets' } },
            },
            { number: 'eight' },
          ],
        },
      }),
    );
    const context = readGitHubContext({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: eventPath });
    expect(context.workflowRun).toEqual({
      event: 'pull_request',
      headSha: 'e'.repeat(40),
      headBranch: 'feature',
      headRepository: 'acme/widgets',
      pullRequests: [
        {
          number: 7,
          headSha: 'e'.repeat(40),
          baseRepositoryUrl: 'https://api.github.com/repos/acme/widgets',
        },
      ],
    });
    expect(
      readGitHubContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventPath }).workflowRun,
    ).toBeUndefined();
  });

  it('reads a push to a branch, and survives a missing or corrupt event file', () => {
    const eventPath = path.join(dir, 'push.json');
    writeFileSync(eventPath, '{ not json');
    const context = readGitHubContext({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: 'refs/heads/release/1.x',
      GITHUB_SHA: 'c'.repeat(40),
    });
    expect(context).toMatchObject({ eventName: 'push', branch: 'release/1.x', headSha: 'c'.repeat(40) });
    expect(context.baseSha).toBeUndefined();
    expect(readGitHubContext({}).eventName).toBeUndefined();
  });
});
