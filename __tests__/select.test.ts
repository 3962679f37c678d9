import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

describe('selectBaseline', () => {
  it.each<[BaselineSpec, EventContext, string, boolean]>([
    [{ kind: 'auto' }, PR, 'base', false],
    [{ kind: 'auto' }, PUSH_MAIN, 'none', true],
    [{ kind: 'auto' }, PUSH_TOPIC, 'none', false],
    [{ kind: 'auto' }, LOCAL, 'none', false],
    [{ kind: 'base' }, PR, 'base', false],
    [{ kind: 'base' }, PUSH_MAIN, 'base-missing', false],
    [{ kind: 'cache' }, PR, 'cache', false],
    [{ kind: 'cache' }, PUSH_MAIN, 'none', true],
    [{ kind: 'none' }, PUSH_MAIN, 'none', false],
    [{ kind: 'file', path: 'b.json' }, PR, 'file', false],
  ])('%j on %j compares against %s (saves: %s)', (spec, event, plan, saves) => {
    const selection = selectBaseline(spec, event);
    expect(selection.plan.kind).toBe(plan);
    expect(selection.saveToCache).toBe(saves);
  });

  it('names the base commit and the base branch it compares against', () => {
    expect(selectBaseline({ kind: 'auto' }, PR).plan).toEqual({ kind: 'base', baseSha: BASE });
    expect(selectBaseline({ kind: 'cache' }, PR).plan).toEqual({ kind: 'cache', branch: 'main' });
  });
});

describe('readGitHubContext', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-event-'));

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
