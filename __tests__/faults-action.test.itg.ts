// The fault campaign, infrastructure half: the GitHub API failing, the cache service out of
// reach, broken baseline files and a full disk, each injected into a real run of the bundled
// action (host executor: these faults do not involve containers).
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensureHelperBinary } from '../src/harness/build.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseResults } from '../src/results/schema.js';
import { nodeAtomicWriteFs, writeResultsAtomic, type AtomicWriteFs } from '../src/results/io.js';
import { FakeGitHub, type Scripted } from './fakes/github-server.js';
import { runAction, tempDir, type ActionRun } from './support/bench.js';
import { hostFaultyWorkspace, readRunResults, record } from './support/campaign.js';

const TOKEN = 'ghs_campaignToken0123456789abcdef';
const HOST = { executor: 'host', allocators: 'default', run: './faulty none', runs: '3', seed: '5' };

async function fault(
  name: string,
  scenario: () => Promise<{ resultsExpected: boolean; resultsKept: boolean }>,
): Promise<void> {
  try {
    record({ kind: 'fault', name, ok: true, ...(await scenario()) });
  } catch (error) {
    record({ kind: 'fault', name, ok: false, resultsExpected: true, resultsKept: false });
    throw error;
  }
}

function pullRequestEvent(): string {
  const file = path.join(tempDir('event'), 'event.json');
  writeFileSync(
    file,
    JSON.stringify({
      pull_request: { number: 7, base: { sha: 'a'.repeat(40), ref: 'main' }, head: { sha: 'b'.repeat(40) } },
    }),
  );
  return file;
}

/** The run completed its work: results valid, summary written, no stack trace. */
function completed(run: ActionRun) {
  const check = readRunResults(run);
  expect(check.problem).toBeUndefined();
  expect(run.summary).toContain(`## malloc-matrix: ${check.results!.name}`);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  return check.results!;
}

let gh: FakeGitHub;
let workspace: string;
/** A valid results file from a clean run, the raw material of the broken baselines. */
let good: string;
beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
  workspace = hostFaultyWorkspace();
  const run = await runAction(
    { ...HOST, baseline: 'none', comment: 'never' },
    { GITHUB_WORKSPACE: workspace },
  );
  good = readFileSync(run.outputs.results, 'utf8');
});
afterAll(async () => {
  await gh.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('8. the GitHub API failing never changes the step result', () => {
  const cases: [string, Scripted[], RegExp][] = [
    ['403 forbidden', [{ status: 403 }], /403/],
    ['404 not found', [{ status: 404 }], /404/],
    ['422 unprocessable', [{ status: 422 }], /422/],
    ['500, once (the retry succeeds)', [{ status: 500 }], /^$/],
    ['502, persistently', Array(4).fill({ status: 502 }), /502/],
    [
      'rate limited (403, remaining 0)',
      Array(4).fill({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'retry-after': '0' } }),
      /rate limit|403/i,
    ],
    [
      'rate limited (429)',
      Array(4).fill({ status: 429, headers: { 'retry-after': '0' } }),
      /rate limit|429/i,
    ],
  ];
  it.each(cases)('GitHub answers %s: a warning, the report stays in the summary', (what, failures, said) =>
    fault(`GitHub API ${what}`, async () => {
      gh.comments = [];
      gh.requests = [];
      gh.failures = failures.map((f) => ({ ...f }));
      const run = await runAction(
        { ...HOST, baseline: 'none', comment: 'always', 'github-token': TOKEN },
        {
          GITHUB_WORKSPACE: workspace,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: pullRequestEvent(),
          GITHUB_REPOSITORY: 'acme/widgets',
          GITHUB_API_URL: gh.baseUrl,
        },
      );
      completed(run);
      expect(gh.requests.length).toBeGreaterThan(0);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('::error');
      const warning = run.stdout.split('\n').find((l) => l.startsWith('::warning::')) ?? '';
      expect(warning).toMatch(said);
      // A comment is posted only when the API recovered (after a retry).
      expect(gh.comments).toHaveLength(warning === '' ? 1 : 0);
      expect(run.outputs['comment-url'] !== undefined).toBe(warning === '');
      expect(run.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
      return { resultsExpected: true, resultsKept: true };
    }),
  );
});

describe('9. the cache service out of reach is a warning and "no baseline"', () => {
  const cases: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['no cache service configured', {}, /::warning::.*cache service is not available/],
    [
      'the cache service does not answer',
      {
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/',
        ACTIONS_CACHE_URL: 'http://127.0.0.1:1/',
        ACTIONS_RUNTIME_TOKEN: 'not-a-real-runtime-token',
      },
      /::warning::Failed to restore: .*ECONNREFUSED/,
    ],
  ];
  it.each(cases)('%s', (what, cacheEnv, said) =>
    fault(`cache unreachable: ${what}`, async () => {
      const run = await runAction(
        { ...HOST, baseline: 'cache', comment: 'never' },
        {
          GITHUB_WORKSPACE: workspace,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: pullRequestEvent(),
          GITHUB_REPOSITORY: 'acme/widgets',
          ...cacheEnv,
        },
      );
      const results = completed(run);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('::error');
      expect(run.stdout).toMatch(said);
      expect(results.baseline?.kind).toBe('cache');
      expect(results.baseline?.unavailableReason).toMatch(/cache/i);
      expect(results.comparisons).toBeUndefined();
      expect(run.summary).toContain('no baseline: the gate did not run');
      return { resultsExpected: true, resultsKept: true };
    }),
  );
});

describe('10. a broken baseline file is a clear error naming the input', () => {
  const cases: [string, (good: string) => string, RegExp][] = [
    ['corrupt', () => '{"schema": "malloc-matrix/results", oops', /not valid JSON|JSON/i],
    ['truncated', (g) => g.slice(0, Math.floor(g.length / 2)), /not valid JSON|JSON/i],
    ['of a future version', (g) => g.replace(/"version": \d+,/, '"version": 99,'), /version 99/],
    ['not a results file', () => '{"hello": "world"}', /schema|results/i],
  ];
  it.each(cases)('%s', (what, make, said) =>
    fault(`baseline file ${what}`, async () => {
      const file = path.join(tempDir('bad-baseline'), 'baseline.json');
      writeFileSync(file, make(good));
      const run = await runAction(
        { ...HOST, baseline: file, comment: 'never' },
        { GITHUB_WORKSPACE: workspace },
      );
      expect(run.code).toBe(1);
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`::error::Invalid baseline: baseline file ${file}`);
      expect(errors[0]).toMatch(said);
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
      // Rejected before anything ran: there is nothing to keep.
      expect(run.outputs.results).toBeUndefined();
      return { resultsExpected: false, resultsKept: false };
    }),
  );
});

describe('11b. a full disk when results are written', () => {
  const root = process.getuid?.() === 0;
  (root ? it : it.skip)('a tiny, full tmpfs: one-line error, no half-written JSON', () =>
    fault('disk full (tmpfs) when writing results', async () => {
      const mount = tempDir('tinyfs');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
      try {
        // Fill it up: the directory can still be made, no byte of the results fits.
        const filler = openSync(path.join(mount, 'filler'), 'w');
        try {
          for (;;) writeSync(filler, Buffer.alloc(4096, 1));
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        } finally {
          closeSync(filler);
        }
        // The helper is built per job under RUNNER_TEMP, which is full here: hand in a prebuilt one,
        // so that what fails is writing the results.
        const helper = await ensureHelperBinary({ cacheDir: tempDir('helper') });
        const run = await runAction(
          { ...HOST, baseline: 'none', comment: 'never' },
          { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: mount, MALLOC_MATRIX_HELPER: helper },
        );
        expect(run.code).toBe(1);
        const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^::error::could not write results to .*results\.json: .*ENOSPC/);
        expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
        // No half-written JSON and no temporary file left behind.
        const dirs = readdirSync(mount).filter((d) => d.startsWith('malloc-matrix-'));
        expect(dirs).toHaveLength(1);
        expect(readdirSync(path.join(mount, dirs[0]))).toEqual([]);
        // The report still reached the job summary.
        expect(run.summary).toContain('## malloc-matrix:');
      } finally {
        execFileSync('umount', [mount]);
        rmSync(mount, { recursive: true, force: true });
      }
      // The disk refused them: that is reported, not a result lost silently.
      return { resultsExpected: false, resultsKept: false };
    }),
  );

  it('writes to /dev/full fail cleanly and keep the previous file whole', () =>
    fault('disk full (/dev/full) when writing results', async () => {
      const dir = tempDir('devfull');
      const file = path.join(dir, 'results.json');
      const previous = good;
      writeFileSync(file, previous);
      // Every write lands on /dev/full, which answers ENOSPC like a full disk.
      const full: AtomicWriteFs = {
        ...nodeAtomicWriteFs,
        create(temp) {
          writeFileSync(temp, '');
          const fd = openSync('/dev/full', 'w');
          return Promise.resolve({
            writeFile: (data: string) => Promise.resolve().then(() => void writeSync(fd, data)),
            sync: () => Promise.resolve(),
            close: () => Promise.resolve(closeSync(fd)),
          });
        },
      };
      const results = parseResults(previous, 'previous');
      await expect(writeResultsAtomic(file, { ...results, name: 'new' }, full)).rejects.toThrow(
        /^could not write results to .*results\.json: .*ENOSPC.*; the previous file is unchanged$/,
      );
      expect(readFileSync(file, 'utf8')).toBe(previous);
      expect(readdirSync(dir)).toEqual(['results.json']);
      return { resultsExpected: true, resultsKept: true };
    }));
});
