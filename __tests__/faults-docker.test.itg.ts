// The fault campaign, Docker half: each fault of the reliability issue injected for real into a
// run of the bundled action against the stand-in Alpaquita images. Every test checks the
// verdict and message, the results file (with every cell that did measure), the report in the
// job summary, and that no container of the run is left behind.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Results } from '../src/results/model.js';
import { ACTION, runAction, runNode, tempDir, waitFor, type ActionRun } from './support/bench.js';
import {
  BUILD_FAULTY,
  DEAD_DAEMON,
  cellStatuses,
  deadDaemonDocker,
  dockerEngineUp,
  faultyInputs,
  FaultyWorkspaces,
  measuredCells,
  ourContainers,
  readRunResults,
  record,
  runIdFromState,
} from './support/campaign.js';
import { CANARY_TOKEN, endState, hardening, seconds, thousands } from './support/hardening.js';
import { ensureStandinImages, type StandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

const RUN_LABEL = 'malloc-matrix.run';
const NO_APK_IMAGE = `malloc-matrix-campaign-noapk:${process.pid}`;

/** Runs a fault scenario and writes its line in the campaign ledger, survived or not. */
async function fault(
  name: string,
  scenario: () => Promise<{ resultsExpected: boolean; resultsKept: boolean }>,
): Promise<void> {
  try {
    const outcome = await scenario();
    record({ kind: 'fault', name, ok: true, ...outcome });
  } catch (error) {
    record({ kind: 'fault', name, ok: false, resultsExpected: true, resultsKept: false });
    throw error;
  }
}

function runIdOf(run: ActionRun): string {
  const id = run.state['malloc-matrix-run-id'];
  expect(id).toMatch(/^[0-9a-f]{12}$/);
  return id;
}

/** The four checks every fault ends with; returns the results for the fault's own checks. */
function aftermath(run: ActionRun): Results {
  const check = readRunResults(run);
  expect(check.problem).toBeUndefined();
  const results = check.results!;
  // The report of this very run is in the job summary.
  expect(run.summary).toContain(`## malloc-matrix: ${results.name}`);
  expect(ourContainers(`label=${RUN_LABEL}=${runIdOf(run)}`)).toEqual([]);
  // Never a stack trace, whatever went wrong.
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  return results;
}

describeWithEngine('faults injected into real Docker runs', () => {
  let images: StandinImages;
  let base: Record<string, string>;
  const workspaces = new FaultyWorkspaces();
  const ws = () => workspaces.make();

  beforeAll(async () => {
    images = await ensureStandinImages();
    base = faultyInputs(images, '11');
  }, 50 * 60_000);

  afterAll(() => {
    execFileSync('docker', ['image', 'rm', '--force', NO_APK_IMAGE], { stdio: 'ignore' });
    workspaces.removeAll();
  });

  it('1. a crash under one allocator fails that cell with the signal; the others measure', () =>
    fault('crash (SIGSEGV) under one allocator', async () => {
      const run = await runAction(
        { ...base, allocators: 'default,jemalloc,mimalloc', run: './faulty segv jemalloc' },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      expect(cellStatuses(results)).toEqual({
        'musl/default': 'ok',
        'musl/jemalloc': 'failed',
        'musl/mimalloc': 'ok',
      });
      expect(results.cells.find((c) => c.allocator === 'jemalloc')?.reason).toBe('signal 11 (SIGSEGV)');
      expect(measuredCells(results)).toEqual(['musl/default', 'musl/mimalloc']);
      expect(run.summary).toContain('_failed: signal 11 (SIGSEGV)_');
      return { resultsExpected: true, resultsKept: true };
    }));

  it('2. a hang is cut by the per-run timeout and shown as such', () =>
    fault('hang (per-run timeout)', async () => {
      const run = await runAction(
        { ...base, allocators: 'default,jemalloc', run: './faulty hang jemalloc', timeout: '1s' },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      expect(cellStatuses(results)).toEqual({ 'musl/default': 'ok', 'musl/jemalloc': 'timeout' });
      expect(measuredCells(results)).toEqual(['musl/default']);
      expect(run.summary).toContain('_timeout: the first run exceeded the timeout (1000 ms)_');
      return { resultsExpected: true, resultsKept: true };
    }));

  it('3. the OOM killer under memory-limit gives an `oom` cell, shown plainly', () =>
    fault('OOM kill under memory-limit', async () => {
      const run = await runAction(
        { ...base, allocators: 'default,jemalloc', run: './faulty oom jemalloc', 'memory-limit': '32m' },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      expect(cellStatuses(results)).toEqual({ 'musl/default': 'ok', 'musl/jemalloc': 'oom' });
      expect(measuredCells(results)).toEqual(['musl/default']);
      // Killed in its first (proof) run, the cell stops there: no rounds are spent on it.
      const jemalloc = results.cells.find((c) => c.allocator === 'jemalloc')!;
      expect(jemalloc.runs.map((r) => [r.kind, r.outcome])).toEqual([['proof', 'oom']]);
      expect(jemalloc.runs[0].processes).toEqual([expect.objectContaining({ killed: true })]);
      expect(run.summary).toContain('_oom: killed by the OOM killer (memory-limit)_');
      return { resultsExpected: true, resultsKept: true };
    }));

  it('4. flaky exit codes give a `partial` cell with the count, and no verdict', () =>
    fault('flaky exit codes', async () => {
      // The baseline: the same benchmark without the fault, six clean runs.
      const clean = await runAction(
        { ...base, allocators: 'default', run: './faulty none', runs: '6' },
        { GITHUB_WORKSPACE: ws() },
      );
      aftermath(clean);
      const baselineFile = path.join(tempDir('flaky-baseline'), 'baseline.json');
      writeFileSync(baselineFile, readFileSync(clean.outputs.results));

      // Every third run fails (a counter in the container's copy of the tree): 2 of 6.
      const run = await runAction(
        {
          ...base,
          allocators: 'default',
          run: './faulty flaky',
          runs: '6',
          retries: '0',
          baseline: baselineFile,
          'allow-different-command': 'true',
        },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      const cell = results.cells.find((c) => c.allocator === 'default')!;
      expect(cell.status).toBe('partial');
      expect(cell.failedRuns).toBe(2);
      expect(cell.reason).toBe('2/6 runs failed: 2× exit code 1');
      expect(cell.summary?.wall.n).toBe(4);
      // Four successful runs are fewer than `runs`: no verdict is made from them.
      const wall = results.comparisons?.find((c) => c.metric === 'cpu');
      expect(wall?.verdict).toBe('not-comparable');
      expect(wall?.reason).toMatch(/partial: 2\/6 runs failed/);
      expect(run.outputs.regressed).toBe('false');
      expect(run.summary).toContain('partial: 2/6 runs failed');
      return { resultsExpected: true, resultsKept: true };
    }));

  it('5. the Docker daemon dying mid-run fails the cells it cuts; the post step cleans up after', () =>
    fault('Docker daemon stops mid-run', async () => {
      // Helper execs: musl proof, musl measuring, glibc proof, glibc measuring <- dies here.
      const fake = deadDaemonDocker(4);
      const run = await runAction(
        { ...base, libcs: 'musl,glibc', allocators: 'default', run: './faulty none && sleep 0.1' },
        { GITHUB_WORKSPACE: ws(), PATH: `${fake.dir}:${process.env.PATH}` },
      );
      expect(existsSync(fake.marker)).toBe(true);
      const check = readRunResults(run);
      expect(check.problem).toBeUndefined();
      const results = check.results!;
      expect(cellStatuses(results)).toEqual({ 'musl/default': 'ok', 'glibc/default': 'failed' });
      expect(measuredCells(results)).toEqual(['musl/default']);
      const glibc = results.cells.find((c) => c.libc === 'glibc')!;
      expect(glibc.reason).toContain('measurement interrupted');
      expect(glibc.reason).toContain(DEAD_DAEMON);
      expect(run.summary).toContain('## malloc-matrix:');
      // With the engine gone the containers cannot be removed: the run says so...
      expect(run.stdout).toMatch(/::warning::could not (remove|list) the containers of run/);
      const runId = runIdOf(run);
      expect(ourContainers(`label=${RUN_LABEL}=${runId}`).length).toBeGreaterThan(0);
      // ...and once the engine is back, the post step removes them.
      const post = await runAction(
        {},
        { 'STATE_malloc-matrix-is-post': 'true', 'STATE_malloc-matrix-run-id': runId },
      );
      expect(post.code).toBe(0);
      expect(post.stdout).toMatch(/Removed [12] leftover container\(s\) of this run\./);
      expect(ourContainers(`label=${RUN_LABEL}=${runId}`)).toEqual([]);
      return { resultsExpected: true, resultsKept: true };
    }));

  it('6. an image that cannot be pulled fails its libc after retries; the other libc runs', () =>
    fault('image cannot be pulled', async () => {
      const run = await runAction(
        {
          ...base,
          libcs: 'musl,glibc',
          allocators: 'default',
          run: './faulty none',
          pull: 'missing',
          'image-musl': 'localhost:1/malloc-matrix-campaign-none:latest',
        },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      expect(cellStatuses(results)).toEqual({ 'musl/default': 'failed', 'glibc/default': 'ok' });
      expect(results.cells.find((c) => c.libc === 'musl')?.reason).toMatch(
        /^docker pull localhost:1\/malloc-matrix-campaign-none:latest failed after 4 attempts: .*connection refused/,
      );
      expect(run.stdout.match(/retrying in \d+ s/g)).toHaveLength(3);
      expect(measuredCells(results)).toEqual(['glibc/default']);
      expect(run.summary).toContain('_failed: docker pull localhost:1/malloc-matrix-campaign-none:latest');
      return { resultsExpected: true, resultsKept: true };
    }));

  it('7a. `apk add` failing for one package makes only that allocator unavailable', () =>
    fault('apk add fails for one package', async () => {
      const run = await runAction(
        { ...base, allocators: 'default,jemalloc,rpmalloc', run: './faulty none' },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      expect(cellStatuses(results)).toEqual({
        'musl/default': 'ok',
        'musl/jemalloc': 'ok',
        'musl/rpmalloc': 'unavailable',
      });
      expect(results.cells.find((c) => c.allocator === 'rpmalloc')?.reason).toMatch(
        /^apk add rpmalloc failed: .*rpmalloc/,
      );
      expect(run.summary).toContain('_unavailable: apk add rpmalloc failed');
      return { resultsExpected: true, resultsKept: true };
    }));

  it('7b. `apk add` failing for every package leaves the default allocator measured', () =>
    fault('apk add fails for all packages', async () => {
      const context = tempDir('noapk');
      writeFileSync(
        path.join(context, 'apk'),
        '#!/bin/sh\necho "ERROR: unable to fetch the package index: network unreachable" >&2\nexit 1\n',
      );
      chmodSync(path.join(context, 'apk'), 0o755);
      writeFileSync(
        path.join(context, 'Dockerfile'),
        `FROM ${images.musl}\nCOPY apk /usr/sbin/apk\nCOPY apk /sbin/apk\n`,
      );
      execFileSync('docker', ['build', '--quiet', '--tag', NO_APK_IMAGE, context], { stdio: 'ignore' });
      const run = await runAction(
        {
          ...base,
          'image-musl': NO_APK_IMAGE,
          allocators: 'default,jemalloc,mimalloc',
          run: './faulty none',
        },
        { GITHUB_WORKSPACE: ws() },
      );
      const results = aftermath(run);
      expect(run.code).toBe(0);
      expect(cellStatuses(results)).toEqual({
        'musl/default': 'ok',
        'musl/jemalloc': 'unavailable',
        'musl/mimalloc': 'unavailable',
      });
      for (const name of ['jemalloc', 'mimalloc']) {
        expect(results.cells.find((c) => c.allocator === name)?.reason).toMatch(/network unreachable/);
      }
      expect(measuredCells(results)).toEqual(['musl/default']);
      return { resultsExpected: true, resultsKept: true };
    }));

  it('11a. a workspace file that cannot be read fails the tree copy with the reason', () =>
    fault('unreadable file in the workspace', async () => {
      const dir = ws();
      writeFileSync(path.join(dir, 'secret.key'), 'no one may read this\n');
      // Root reads any file: run the action as an unprivileged user that may use Docker.
      const asUser =
        process.getuid?.() === 0
          ? {
              uid: 65534,
              gid: Number(execFileSync('getent', ['group', 'docker'], { encoding: 'utf8' }).split(':')[2]),
            }
          : {};
      const home = tempDir('home');
      if (asUser.uid !== undefined) execFileSync('chown', ['-R', `${asUser.uid}:${asUser.gid}`, home, dir]);
      chmodSync(path.join(dir, 'secret.key'), 0o000);
      const run = await runAction(
        { ...base, allocators: 'default', run: './faulty none' },
        { GITHUB_WORKSPACE: dir, HOME: home },
        asUser,
      );
      const results = aftermath(run);
      expect(results.cells[0].status).toBe('failed');
      expect(results.cells[0].reason).toMatch(
        /^copying the head tree failed: .*secret\.key.*Permission denied/,
      );
      expect(run.summary).toContain('_failed: copying the head tree failed');
      // Nothing could be measured: the step fails, with one line.
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        '::error::no cell could be measured; see the table for each cell’s reason',
      );
      return { resultsExpected: true, resultsKept: true };
    }));

  // The faults the hardening added bounds for: recorded as hardening scenarios.
  describe('hardening', () => {
    it(
      '8a. a fork bomb in the benchmark is stopped by pids-limit; only its cell fails',
      () =>
        hardening(
          {
            name: 'a fork bomb',
            done: 'a benchmark that forks children waiting forever until fork fails, under one allocator, with `pids-limit: 256`',
            holds:
              'the bomb stops at the process limit; only its cell fails, with the bomb’s own message; its children are killed and counted after every run; the other cell measures',
            fixedBy:
              '`--pids-limit` in `startContainer` (`src/executors/docker/container.ts`); the helper’s kill-and-count after each run (`harness/mm-helper.c`)',
            unsafeBefore: 'without a process limit the bomb would fill the host’s process table',
          },
          async () => {
            const run = await runAction(
              {
                ...base,
                allocators: 'default,jemalloc',
                run: './faulty forkbomb jemalloc',
                'pids-limit': '256',
                'github-token': CANARY_TOKEN,
              },
              { GITHUB_WORKSPACE: ws() },
            );
            const results = aftermath(run);
            expect(run.code).toBe(0);
            expect(cellStatuses(results)).toEqual({ 'musl/default': 'ok', 'musl/jemalloc': 'failed' });
            expect(measuredCells(results)).toEqual(['musl/default']);
            const bomb = results.cells.find((c) => c.allocator === 'jemalloc')!;
            expect(bomb.reason).toBe('exit code 1');
            // Every run hit the limit, said why, and had its children killed and counted.
            for (const r of bomb.runs) {
              expect(r.outputTail).toContain('fork: Resource temporarily unavailable');
              expect(r.leftoverProcesses).toBeGreaterThan(128);
              expect(r.leftoverProcesses).toBeLessThanOrEqual(256);
            }
            expect(results.environments[0].pidsLimit).toBe(256);
            expect(run.summary).toContain('fork: Resource temporarily unavailable');
            expect(run.summary).toMatch(
              /were killed before the next one: musl \/ jemalloc: [\d,]+ processes after 4 runs/,
            );
            const killed = bomb.runs.map((r) => r.leftoverProcesses ?? 0);
            return {
              observed: `${bomb.runs.length} runs each stopped at the limit (“fork: Resource temporarily unavailable”); ${thousands(killed.reduce((a, b) => a + b, 0))} processes killed after them (${killed.join(', ')}); musl/default measured`,
              end: endState([run], { resultsFrom: [run] }),
            };
          },
        ),
      180_000,
    );

    it(
      '8b. a fork bomb in one libc’s setup fails that libc with the reason; the other measures',
      () =>
        hardening(
          {
            name: 'a fork bomb in setup',
            done: 'a `setup` that runs the fork bomb in the musl container only, with `pids-limit: 256`',
            holds:
              'musl’s cells fail with the setup’s message; the processes it left are stopped before anything else runs; glibc measures',
            fixedBy:
              '`--pids-limit` (`src/executors/docker/container.ts`); `runTreeSetup` stopping a setup’s processes (`src/executors/docker/workspace.ts`, `killStrayProcesses`)',
            unsafeBefore: 'without a process limit the bomb would fill the host’s process table',
          },
          async () => {
            const run = await runAction(
              {
                ...base,
                libcs: 'musl,glibc',
                allocators: 'default',
                run: './faulty none',
                setup: `${BUILD_FAULTY} && if grep -q LIBC_TYPE=musl /etc/os-release; then ./faulty forkbomb; fi`,
                'pids-limit': '256',
                'github-token': CANARY_TOKEN,
              },
              { GITHUB_WORKSPACE: ws() },
            );
            const results = aftermath(run);
            expect(run.code).toBe(0);
            expect(cellStatuses(results)).toEqual({ 'musl/default': 'failed', 'glibc/default': 'ok' });
            expect(measuredCells(results)).toEqual(['glibc/default']);
            expect(results.cells.find((c) => c.libc === 'musl')?.reason).toBe(
              'setup exited with code 1: fork: Resource temporarily unavailable',
            );
            // The bomb's children held the container's process slots; they were stopped after setup.
            const stopped =
              /::warning::musl: the head tree's setup left (\d{3}) processes running; they were stopped before measuring/.exec(
                run.stdout,
              );
            expect(stopped).not.toBeNull();
            return {
              observed: `musl: “setup exited with code 1: fork: Resource temporarily unavailable”, ${stopped![1]} processes stopped after the setup; glibc/default measured`,
              end: endState([run], { resultsFrom: [run] }),
            };
          },
        ),
      180_000,
    );

    it(
      '8c. a detached (setsid) child of every run is killed after the run and counted',
      () =>
        hardening(
          {
            name: 'a detached survivor',
            done: 'a benchmark that leaves one child behind in every run, detached with `setsid` and waiting forever',
            holds:
              'each survivor is killed after its run and counted; the cells measure; nothing runs on into later runs',
            fixedBy:
              'the helper as child subreaper killing what is left after each run (`harness/mm-helper.c`), reported by `src/report/details.ts`',
          },
          async () => {
            const run = await runAction(
              {
                ...base,
                allocators: 'default',
                run: './faulty detach',
                'github-token': CANARY_TOKEN,
              },
              { GITHUB_WORKSPACE: ws() },
            );
            const results = aftermath(run);
            expect(run.code).toBe(0);
            expect(cellStatuses(results)).toEqual({ 'musl/default': 'ok' });
            for (const cell of results.cells) {
              expect(cell.runs.map((r) => r.leftoverProcesses)).toEqual(cell.runs.map(() => 1));
            }
            expect(run.summary).toContain(
              'were killed before the next one: musl / default: 4 processes after 4 runs',
            );
            const runs = results.cells.reduce((n, c) => n + c.runs.length, 0);
            return {
              observed: `${runs} runs, ${runs} detached survivors killed (1 after each run); the cell measured`,
              end: endState([run], { resultsFrom: [run] }),
            };
          },
        ),
      180_000,
    );

    it(
      '12. cancelled mid-round (SIGTERM, then SIGKILL): partial results kept, the post step removes the container',
      () =>
        fault('cancellation mid-round', async () => {
          let kept = false;
          await hardening(
            {
              name: 'a cancelled job',
              done: 'SIGTERM to the action in the middle of a 200-run round, SIGKILL 2 s later if it is still there (the runner’s grace), then the post step',
              holds:
                'the main step writes the partial results and the summary and fails with one line; the post step removes the container',
              fixedBy:
                '`exitOnSignal` (`src/app/signals.ts`) in `benchmark` of `src/action/main.ts` (partial results from `interrupted`); the post step’s `removeLeftovers`',
            },
            async () => {
              const dir = ws();
              const state = path.join(tempDir('state'), 'state');
              writeFileSync(state, '');
              let pid = 0;
              const running = runAction(
                {
                  ...base,
                  allocators: 'default',
                  run: './faulty count && sleep 0.05',
                  runs: '200',
                  'github-token': CANARY_TOKEN,
                },
                { GITHUB_WORKSPACE: dir, GITHUB_STATE: state },
                { onSpawn: (p) => (pid = p) },
              );
              // Wait until measured runs are under way in the container (the proof run counts as 1).
              const runId = await waitFor(
                "the run id in the action's saved state",
                () => Promise.resolve(runIdFromState(state)),
                30_000,
              );
              let seen = 'no container yet';
              await waitFor(
                () => `5 counted runs in the run's container (last look: ${seen})`,
                () => {
                  const [container] = ourContainers(`label=${RUN_LABEL}=${runId}`);
                  if (container === undefined) {
                    seen = 'no container yet';
                    return Promise.resolve(undefined);
                  }
                  try {
                    const count = execFileSync(
                      'docker',
                      ['exec', container, 'cat', '/mm/head/faulty.count'],
                      {
                        encoding: 'utf8',
                        stdio: ['ignore', 'pipe', 'ignore'],
                      },
                    );
                    seen = `count ${count.trim()}`;
                    return Promise.resolve(Number(count) >= 5 ? true : undefined);
                  } catch {
                    seen = 'no count file yet';
                    return Promise.resolve(undefined);
                  }
                },
                30_000,
              );
              const signalled = Date.now();
              process.kill(pid, 'SIGTERM');
              let killed = false;
              const grace = setTimeout(() => {
                try {
                  process.kill(pid, 'SIGKILL');
                  killed = true;
                } catch {
                  // already gone
                }
              }, 2000);
              const run = await running;
              const exitMs = Date.now() - signalled;
              clearTimeout(grace);
              // The main step wrote what it had measured, and the summary, before the runner's kill.
              expect(killed).toBe(false);
              expect(run.signal).toBeNull();
              expect(run.code).toBe(143);
              expect(run.stdout).toContain('::error::interrupted by SIGTERM');
              const results = readRunResults(run).results!;
              expect(results.fatalError).toBe('interrupted by SIGTERM');
              const measured = results.cells[0].runs.filter((r) => r.kind === 'measured').length;
              expect(measured).toBeGreaterThan(0);
              expect(run.summary).toContain('interrupted by SIGTERM');
              // Removing containers is slow, so the main step leaves it to the post step.
              expect(ourContainers(`label=${RUN_LABEL}=${runId}`)).toHaveLength(1);
              const post = await runNode(ACTION, [], {
                env: {
                  PATH: process.env.PATH,
                  HOME: process.env.HOME,
                  'STATE_malloc-matrix-is-post': 'true',
                  'STATE_malloc-matrix-run-id': runId,
                },
              });
              expect(post.code).toBe(0);
              expect(post.stdout).toContain('Removed 1 leftover container(s) of this run.');
              expect(ourContainers(`label=${RUN_LABEL}=${runId}`)).toEqual([]);
              kept = true;
              return {
                observed: `exited 143 ${seconds(exitMs)} after SIGTERM (no SIGKILL needed) with “interrupted by SIGTERM”; ${measured} measured runs of 200 in the results and the summary; the post step removed 1 container`,
                // This run's state went to its own GITHUB_STATE file: name its run id here.
                end: endState([{ ...run, state: { ...run.state, 'malloc-matrix-run-id': runId } }], {
                  resultsFrom: [run],
                }),
              };
            },
          );
          return { resultsExpected: true, resultsKept: kept };
        }),
      180_000,
    );
  });
});
