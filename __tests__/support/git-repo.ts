// Real git repositories for the baseline tests: a bare `origin` whose `main` holds a base commit
// and a head commit of the churn benchmark, and a clone of it with the head checked out, the
// way actions/checkout leaves a pull request's workspace. Each tree builds its own binary with
// `setup`, so a change to churn.c in the head commit is a real change in the measured code.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_SOURCE, tempDir } from './bench.js';

const IDENTITY = [
  '-c',
  'user.name=Test',
  '-c',
  'user.email=test@example.invalid',
  '-c',
  'commit.gpgsign=false',
];

/** Compiles each tree's own churn.c; the command measured is then `./churn`. */
export const BUILD_CHURN = 'cc -O2 -o churn churn.c';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Edits churn.c in `dir` so that its hot loop makes `percent`% more allocations. */
export function addExtraAllocations(dir: string, percent: number): void {
  const file = path.join(dir, 'churn.c');
  const source = readFileSync(file, 'utf8');
  const edited = source.replace('#define EXTRA_PERCENT 0', `#define EXTRA_PERCENT ${percent}`);
  if (edited === source) throw new Error('churn.c has no "#define EXTRA_PERCENT 0" to change');
  writeFileSync(file, edited);
}

export interface BenchRepo {
  /** Holds origin.git, the author's repository and the clone; remove it when done. */
  root: string;
  origin: string;
  /** The workspace: a clone of origin with the head commit checked out. */
  clone: string;
  baseSha: string;
  headSha: string;
}

export interface BenchRepoOptions {
  /** Changes the author's tree (churn.c, README) for the head commit. */
  head: (dir: string) => void;
  /** Changes the tree for the base commit, after churn.c and README are in place. */
  base?: (dir: string) => void;
  /** Clone with --depth=1, as actions/checkout does: the base commit is then not in the clone. */
  shallow?: boolean;
}

export function benchRepo(options: BenchRepoOptions): BenchRepo {
  const root = tempDir('git');
  const origin = path.join(root, 'origin.git');
  const author = path.join(root, 'author');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  git(root, 'init', '--quiet', '--initial-branch=main', author);
  copyFileSync(BENCH_SOURCE, path.join(author, 'churn.c'));
  writeFileSync(path.join(author, 'README.md'), '# churn\n');
  writeFileSync(path.join(author, '.gitignore'), 'churn\n');
  options.base?.(author);
  git(author, 'add', '--all');
  git(author, 'commit', '--quiet', '-m', 'base');
  const baseSha = git(author, 'rev-parse', 'HEAD');
  options.head(author);
  git(author, 'add', '--all');
  git(author, 'commit', '--quiet', '--allow-empty', '-m', 'head');
  const headSha = git(author, 'rev-parse', 'HEAD');
  git(author, 'push', '--quiet', origin, 'main');
  const clone = path.join(root, 'clone');
  git(root, 'clone', '--quiet', ...(options.shallow ? ['--depth=1'] : []), `file://${origin}`, clone);
  return { root, origin, clone, baseSha, headSha };
}

/** Writes a pull_request event payload (as GITHUB_EVENT_PATH holds it) and returns its path. */
export function pullRequestEvent(repo: { baseSha: string; headSha: string }, baseRef = 'main'): string {
  const file = path.join(tempDir('event'), 'event.json');
  writeFileSync(
    file,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        base: { sha: repo.baseSha, ref: baseRef },
        head: { sha: repo.headSha, ref: 'feature' },
      },
      repository: { default_branch: 'main', full_name: 'acme/widgets' },
    }),
  );
  return file;
}

/** Writes a push event payload for the default branch `main` and returns its path. */
export function pushEvent(): string {
  const file = path.join(tempDir('event'), 'event.json');
  writeFileSync(file, JSON.stringify({ ref: 'refs/heads/main', repository: { default_branch: 'main' } }));
  return file;
}

/** The environment of a pull_request run of the base repository acme/widgets. */
export function pullRequestEnv(repo: { baseSha: string; headSha: string }): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: pullRequestEvent(repo),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_SHA: repo.headSha,
    GITHUB_REPOSITORY: 'acme/widgets',
  };
}
