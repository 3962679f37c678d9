// Reads the GitHub event from the runner's environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
// GITHUB_REF...) into plain data. Kept apart from @actions/github's import-time context so tests
// can hand in any environment.
import { readFileSync } from 'node:fs';
import type { EventContext } from '../config/event.js';

export interface GitHubContext extends EventContext {
  owner?: string;
  repo?: string;
  apiUrl: string;
  serverUrl: string;
  runUrl?: string;
}

interface Payload {
  pull_request?: { number?: number; base?: { sha?: string; ref?: string }; head?: { sha?: string } };
  repository?: { default_branch?: string };
  workflow_run?: { pull_requests?: { number?: number }[]; head_branch?: string };
}

export function readGitHubContext(env: NodeJS.ProcessEnv): GitHubContext {
  let payload: Payload = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Payload;
    } catch {
      payload = {};
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const ref = env.GITHUB_REF ?? '';
  const pushedBranch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  const pr = payload.pull_request;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    eventName: env.GITHUB_EVENT_NAME,
    baseSha: pr?.base?.sha,
    branch: pr ? pr.base?.ref : pushedBranch,
    defaultBranch: payload.repository?.default_branch,
    headSha: pr?.head?.sha ?? env.GITHUB_SHA,
    prNumber: pr?.number ?? payload.workflow_run?.pull_requests?.[0]?.number,
    owner: owner || undefined,
    repo: repo || undefined,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
  };
}
