// The churn workloads of the gate figures, and real git repositories whose head commit makes
// them do N% more work than their base commit, with the pull_request event that names the base.
import { copyFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CHURN_SOURCE, REPO_ROOT, tempDir } from './util.mjs';

const THREADED_SOURCE = path.join(REPO_ROOT, 'scripts', 'bench', 'churn-threads.c');

/**
 * Two workloads of about 20 ms per run in the non-default cells (on a quiet machine of today):
 * the single-threaded churn of the test suite, and the same hot loop on 2 threads at once.
 */
export const WORKLOADS = [
  { id: '1t', label: '1 thread', threads: 1, operations: 200_000 },
  { id: '2t', label: '2 threads', threads: 2, operations: 150_000 },
];

export function workloadById(id) {
  const found = WORKLOADS.find((w) => w.id === id);
  if (!found)
    throw new Error(
      `unknown workload ${JSON.stringify(id)}; expected ${WORKLOADS.map((w) => w.id).join(', ')}`,
    );
  return found;
}

/** The command that runs a workload: `./churn <operations>` (and `<threads>`). */
export function workloadCommand(workload) {
  return workload.threads === 1
    ? ['./churn', String(workload.operations)]
    : ['./churn', String(workload.operations), String(workload.threads)];
}

/** The workload's sources and a Makefile; `make` builds `churn` doing `extra`% more work. */
export function writeWorkloadTree(dir, workload, extra) {
  const source = workload.threads === 1 ? 'churn.c' : 'churn-threads.c';
  copyFileSync(workload.threads === 1 ? CHURN_SOURCE : THREADED_SOURCE, path.join(dir, source));
  const flags = workload.threads === 1 ? '-O2' : '-O2 -pthread';
  writeFileSync(
    path.join(dir, 'Makefile'),
    `EXTRA ?= ${extra}\nchurn: ${source} Makefile\n\tcc ${flags} -DEXTRA_PERCENT=$(EXTRA) -o churn ${source}\n`,
  );
}

const IDENTITY = [
  '-c',
  'user.name=bench',
  '-c',
  'user.email=bench@example.invalid',
  '-c',
  'commit.gpgsign=false',
];

function git(cwd, ...args) {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/**
 * A repository whose HEAD is a pull request's head, and the environment of a pull_request event
 * naming its base. extra = 0: one commit, base == head (A/A). Otherwise head's Makefile builds
 * the workload with `extra`% more allocations: a real code change.
 */
export function makeRepo(workload, extra) {
  const root = tempDir('repo');
  const dir = path.join(root, 'work');
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  writeWorkloadTree(dir, workload, 0);
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  if (extra > 0) {
    writeWorkloadTree(dir, workload, extra);
    git(dir, 'commit', '--quiet', '-am', `${extra}% more allocations`);
  }
  const headSha = git(dir, 'rev-parse', 'HEAD');
  const eventPath = path.join(root, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      pull_request: { number: 1, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha } },
      repository: { default_branch: 'main' },
    }),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
  Object.assign(env, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath });
  return { root, dir, env };
}
