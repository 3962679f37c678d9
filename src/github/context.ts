// Reads the GitHub event from the runner's environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
// GITHUB_REF...) into plain data. Kept apart from @actions/github's import-time context so tests
// can hand in any environment.
import { readFileSync } from 'node:fs';
import type { EventContext } from '../config/event.js';
import type { WorkflowRunEvent } from './report-target.js';

export interface GitHubContext extends EventContext {
  owner?: string;
  repo?: string;
  apiUrl: string;
  serverUrl: string;
  runUrl?: string;
  /** The finished run a `workflow_run` event reports on; set only for that event. */
  workflowRun?: WorkflowRunEvent;
}

/** The event payload is read field by field: a field of the wrong type counts as absent. */
type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function readPayload(eventPath: string | undefined): Json {
  if (!eventPath) return {};
  try {
    return object(JSON.parse(readFileSync(eventPath, 'utf8'))) ?? {};
  } catch {
    return {};
  }
}

function withoutHeadsPrefix(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** `workflow_run` in the payload, as report-target.ts needs it. */
export function readWorkflowRun(payload: Json): WorkflowRunEvent | undefined {
  const run = object(payload.workflow_run);
  if (!run) return undefined;
  const pullRequests: WorkflowRunEvent['pullRequests'] = [];
  for (const entry of Array.isArray(run.pull_requests) ? run.pull_requests : []) {
    const pr = object(entry);
    const number = positiveInteger(pr?.number);
    if (number === undefined) continue;
    const headSha = text(object(pr?.head)?.sha);
    const baseRepositoryUrl = text(object(object(pr?.base)?.repo)?.url);
    pullRequests.push({
      number,
      ...(headSha ? { headSha } : {}),
      ...(baseRepositoryUrl ? { baseRepositoryUrl } : {}),
    });
  }
  const event = text(run.event);
  const headSha = text(run.head_sha);
  const headBranch = text(run.head_branch);
  const headRepository = text(object(run.head_repository)?.full_name);
  return {
    pullRequests,
    ...(event ? { event } : {}),
    ...(headSha ? { headSha } : {}),
    ...(headBranch ? { headBranch } : {}),
    ...(headRepository ? { headRepository } : {}),
  };
}

export function readGitHubContext(env: NodeJS.ProcessEnv): GitHubContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pr = object(payload.pull_request);
  // A merge queue's group is gated like a pull request: against the commit it was built on.
  const group = env.GITHUB_EVENT_NAME === 'merge_group' ? object(payload.merge_group) : undefined;
  const workflowRun = env.GITHUB_EVENT_NAME === 'workflow_run' ? readWorkflowRun(payload) : undefined;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  let baseSha: string | undefined;
  let branch: string | undefined;
  let headSha: string | undefined;
  if (pr) {
    baseSha = text(object(pr.base)?.sha);
    branch = text(object(pr.base)?.ref);
    headSha = text(object(pr.head)?.sha);
  } else if (group) {
    baseSha = text(group.base_sha);
    branch = withoutHeadsPrefix(text(group.base_ref));
    headSha = text(group.head_sha);
  } else {
    branch = withoutHeadsPrefix(env.GITHUB_REF);
  }
  return {
    eventName: env.GITHUB_EVENT_NAME,
    baseSha,
    branch,
    defaultBranch: text(object(payload.repository)?.default_branch),
    headSha: headSha ?? env.GITHUB_SHA,
    prNumber: positiveInteger(pr?.number) ?? workflowRun?.pullRequests[0]?.number,
    owner: owner || undefined,
    repo: repo || undefined,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    ...(workflowRun ? { workflowRun } : {}),
  };
}
