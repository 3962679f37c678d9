// `--baseline REV` end to end: a real git repository whose head commit adds allocations to the
// benchmark's hot loop, a working tree with uncommitted changes, and the bundled CLI and action
// on the host executor. The revision is checked out beside the working tree, each tree builds
// its own benchmark with `setup`, and the two are measured paired, in the same rounds.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Results } from '../src/results/model.js';
import { parseResults } from '../src/results/schema.js';
import { CLI, runAction, runNode, tempDir, type ProcessResult } from './support/bench.js';
import { addExtraAllocations, benchRepo, BUILD_CHURN, git, type BenchRepo } from './support/git-repo.js';
import { expectTimingReportsMatchVerdicts } from './support/verdicts.js';

/** The gate judges CPU time: on a shared runner it moves far less than wall time from run to run. */
// A fixed sample: 16 rounds and no re-measurement, so the rounds counted below do not depend on
// whether a noisy first look came out inconclusive.
const HOST = [
  '--executor',
  'host',
  '--metric',
  'cpu',
  '--allocators',
  'default',
  '--runs',
  '16',
  '--retries',
  '0',
];

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function track(repo: BenchRepo): BenchRepo {
  roots.push(repo.root);
  return repo;
}

interface CliRun extends ProcessResult {
  results?: Results;
  /** TMPDIR of the run: the base worktree lived there. */
  tmp: string;
}

/** The CLI in `cwd` with no GitHub event at all: a developer's terminal. */
async function cliIn(cwd: string, args: string[]): Promise<CliRun> {
  const tmp = tempDir('ref-tmp');
  roots.push(tmp);
  const json = path.join(tempDir('ref-out'), 'results.json');
  roots.push(path.dirname(json));
  const run = await runNode(
    CLI,
    [...args.slice(0, args.indexOf('--')), '--json', json, ...args.slice(args.indexOf('--'))],
    {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmp },
    },
  );
  let results: Results | undefined;
  try {
    results = parseResults(readFileSync(json, 'utf8'), 'results');
  } catch {
    results = undefined;
  }
  return { ...run, tmp, ...(results ? { results } : {}) };
}

function measuredRounds(results: Results, tree: 'head' | 'base'): number[] {
  const cell = results.cells.find((c) => c.allocator === 'default' && c.tree === tree);
  expect(cell?.status).toBe('ok');
  return cell!.runs.filter((r) => r.kind === 'measured').map((r) => r.round);
}

/** A regression of the working tree against `baseSha`, measured paired, and no worktree left behind. */
function expectRegressedAgainst(run: CliRun, repo: BenchRepo, ref: string, baseSha: string): Results {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(1);
  const results = run.results!;
  // No timing verdict is required (it depends on this machine's noise; npm run bench measures the
  // gate's power), but each is printed as judged; the added allocations always fail the step.
  expectTimingReportsMatchVerdicts({ by: 'cli', output: run.stderr }, results, 'cpu');
  expect(run.stderr).toMatch(/^allocation regression: \w+\/default: allocation calls \+/m);
  expect(results.baseline).toMatchObject({ kind: 'base', paired: true, commit: baseSha, ref });
  expect(results.baseline?.source).not.toContain('A/A');
  expect(results.git).toEqual({ head: repo.headSha, base: baseSha, dirty: true });
  const head = measuredRounds(results, 'head');
  expect(head).toHaveLength(16);
  expect(measuredRounds(results, 'base')).toEqual(head);
  const cpu = results.comparisons?.find((c) => c.metric === 'cpu');
  expect(cpu?.paired).toBe(true);
  if (cpu?.verdict === 'regressed') expect(run.stderr).toMatch(/: cpu \+[\d.]+% \[.*\] \(paired, same job\)/);
  // The terminal names both commits and the uncommitted changes.
  expect(run.stdout).toContain(
    `baseline ${ref} (${baseSha.slice(0, 12)}), paired · head ${repo.headSha.slice(0, 12)} with uncommitted changes`,
  );
  expect(git(repo.clone, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  expect(readdirSync(run.tmp).filter((name) => name.startsWith('malloc-matrix-'))).toEqual([]);
  return results;
}

describe('--baseline REV through the CLI (host executor, no GitHub event)', () => {
  it('compares a dirty working tree whose head commit is heavier against HEAD~1, paired', async () => {
    const repo = track(benchRepo({ head: (dir) => addExtraAllocations(dir, 30) }));
    // Uncommitted changes that do not touch the benchmark: the tree is dirty all the same.
    writeFileSync(path.join(repo.clone, 'README.md'), '# churn\n\nA note not yet committed.\n');
    writeFileSync(path.join(repo.clone, 'notes.txt'), 'untracked\n');
    const run = await cliIn(repo.clone, [
      ...HOST,
      '--seed',
      '7',
      '--baseline',
      'HEAD~1',
      '--setup',
      BUILD_CHURN,
      '--',
      './churn',
    ]);
    expectRegressedAgainst(run, repo, 'HEAD~1', repo.baseSha);
    // The working tree is left as it was.
    expect(git(repo.clone, 'status', '--porcelain').split('\n')).toEqual(['M README.md', '?? notes.txt']);
  });

  it('measures the working tree as it is: uncommitted allocations against HEAD are a regression, not an A/A run', async () => {
    const repo = track(benchRepo({ head: () => undefined }));
    addExtraAllocations(repo.clone, 30);
    const run = await cliIn(repo.clone, [
      ...HOST,
      '--seed',
      '3',
      '--baseline',
      'HEAD',
      '--setup',
      BUILD_CHURN,
      '--',
      './churn',
    ]);
    expectRegressedAgainst(run, repo, 'HEAD', repo.headSha);
  });

  it('checks out the same subdirectory of the revision when run from inside the repository', async () => {
    const repo = track(
      benchRepo({
        // The benchmark lives in bench/ only: measured at the top of the base tree, it would not build.
        base: (dir) => {
          mkdirSync(path.join(dir, 'bench'));
          renameSync(path.join(dir, 'churn.c'), path.join(dir, 'bench', 'churn.c'));
        },
        head: (dir) => addExtraAllocations(path.join(dir, 'bench'), 30),
      }),
    );
    writeFileSync(path.join(repo.clone, 'bench', 'wip.txt'), 'untracked\n');
    const run = await cliIn(path.join(repo.clone, 'bench'), [
      ...HOST,
      '--seed',
      '5',
      '--baseline',
      'origin/main~1',
      '--setup',
      BUILD_CHURN,
      '--',
      './churn',
    ]);
    expectRegressedAgainst(run, repo, 'origin/main~1', repo.baseSha);
  });

  it('names a revision that resolves to no commit in one line, exits 2 and writes nothing', async () => {
    const repo = track(benchRepo({ head: () => undefined }));
    const run = await cliIn(repo.clone, [...HOST, '--baseline', 'mian', '--', './churn']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^malloc-matrix: Invalid baseline: "mian" names no commit in the repository at .*\. Expected none, auto, base, cache, the path of an earlier results \.json file \(\* and \? name several\), or a git commit-ish/,
      ),
    ]);
    expect(run.results).toBeUndefined();
  });

  it('says a directory outside any repository has no revisions', async () => {
    const dir = tempDir('not-a-repo');
    roots.push(dir);
    const run = await cliIn(dir, [...HOST, '--baseline', 'origin/main', '--', 'true']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^malloc-matrix: Invalid baseline: "origin\/main" cannot be looked up: .* is not a git working tree/,
    );
  });
});

describe('baseline: REV through dist/index.js', () => {
  it('measures the workspace against a revision on a push, paired, and fails the step on the slowdown', async () => {
    const repo = track(benchRepo({ head: (dir) => addExtraAllocations(dir, 30) }));
    const run = await runAction(
      {
        executor: 'host',
        metric: 'cpu',
        allocators: 'default',
        runs: '8',
        seed: '9',
        comment: 'never',
        baseline: 'HEAD~1',
        setup: BUILD_CHURN,
        run: './churn',
      },
      {
        GITHUB_WORKSPACE: repo.clone,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: repo.headSha,
      },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.regressed).toBe('true');
    const results = parseResults(readFileSync(run.outputs.results, 'utf8'), 'results');
    expect(results.baseline).toMatchObject({
      kind: 'base',
      paired: true,
      commit: repo.baseSha,
      ref: 'HEAD~1',
    });
    expect(results.git).toEqual({ head: repo.headSha, base: repo.baseSha, dirty: false });
    // Markdown escapes the tilde. The headline says regressed (timing) or an allocation regression
    // (the counts), whichever this machine's noise let be proven; the counts always are.
    expect(run.outputs.report).toMatch(/^❌ .*(regressed|Allocation regression) against HEAD\\~1 \(/m);
    expect(run.outputs.report).toContain(`against HEAD\\~1 (${repo.baseSha.slice(0, 7)})`);
    expect(
      results.allocationComparisons?.find((c) => c.allocator === 'default' && c.metric === 'calls')?.verdict,
    ).toBe('regressed');
  });
});
