// The bundled action (dist/index.js) with the docker executor, driven as GitHub drives it
// (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE), against real containers of the
// stand-in Alpaquita images: the full 2 by 5 matrix built by `setup` in each container, the
// missing-engine failure, and the post step that removes what a killed main step left behind.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseResults } from '../src/results/schema.js';
import type { Results } from '../src/results/model.js';
import { runAction, waitFor } from './support/bench.js';
import {
  CHECKED_CHURN,
  containersOfRun,
  containersTagged,
  dockerEngineUp,
  removeContainers,
  sourceWorkspace,
  TAG_VAR,
  uniqueTag,
} from './support/docker-e2e.js';
import { ensureStandinImages, type StandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

const RUN_ID_STATE = 'malloc-matrix-run-id';
const PRELOADED = ['mimalloc', 'mimalloc-secure', 'jemalloc'];

describeWithEngine('dist/index.js with the docker executor', () => {
  let images: StandinImages;
  const tags: string[] = [];

  beforeAll(async () => {
    images = await ensureStandinImages();
  }, 50 * 60_000);

  afterAll(async () => {
    // Only reached with something to remove when a test failed before its own checks.
    for (const tag of tags) await removeContainers(await containersTagged(tag));
  });

  const standinInputs = (): Record<string, string> => ({
    'image-musl': images.musl,
    'image-glibc': images.glibc,
    pull: 'never',
    comment: 'never',
  });

  it('measures the full 2 by 5 matrix, with setup building the benchmark in each container', async () => {
    const ws = sourceWorkspace();
    const run = await runAction(
      { ...standinInputs(), run: CHECKED_CHURN, setup: 'make', runs: '3', seed: '11' },
      { GITHUB_WORKSPACE: ws },
    );
    expect(run.stdout).not.toContain('::error');
    expect(run.code).toBe(0);
    const results: Results = parseResults(readFileSync(run.outputs.results, 'utf8'), 'results');

    // Ten cells: eight measured, rpmalloc unavailable under both libcs (the apk stand-in has none).
    expect(results.cells.map((c) => `${c.libc}/${c.allocator}:${c.status}`)).toEqual([
      'musl/default:ok',
      'musl/mimalloc:ok',
      'musl/mimalloc-secure:ok',
      'musl/jemalloc:ok',
      'musl/rpmalloc:unavailable',
      'glibc/default:ok',
      'glibc/mimalloc:ok',
      'glibc/mimalloc-secure:ok',
      'glibc/jemalloc:ok',
      'glibc/rpmalloc:unavailable',
    ]);
    for (const cell of results.cells.filter((c) => c.allocator === 'rpmalloc')) {
      expect(cell.reason).toMatch(/apk add rpmalloc failed: .*rpmalloc \(no such package\)/);
      expect(cell.runs).toEqual([]);
    }

    for (const env of results.environments) {
      const cells = results.cells.filter((c) => c.libc === env.libc && c.status === 'ok');
      for (const cell of cells) {
        // Every measured run passed the per-libc build check in CHECKED_CHURN and was counted.
        expect(cell.summary?.wall.n).toBe(3);
        expect(cell.failedRuns).toBe(0);
        if (cell.allocator === 'default') {
          expect(cell.proof).toEqual({ applied: null });
          expect(cell.library).toBeUndefined();
          continue;
        }
        const recorded = env.allocators[cell.allocator];
        expect(recorded?.status).toBe('ready');
        expect(cell.library).toBe(recorded?.library);
        expect(cell.library).toMatch(new RegExp(`^/usr/lib/lib${cell.allocator}\\.so\\.`));
        expect(cell.proof?.applied).toBe(true);
        expect(cell.proof?.library).toBe(cell.library);
        // The traced processes include both programs setup built in the container's own copy.
        const exes = (cell.proof?.processes ?? []).map((p) => p.exe);
        expect(exes).toEqual(expect.arrayContaining(['/mm/head/built-for', '/mm/head/churn']));
        for (const p of cell.proof?.processes ?? []) {
          if (p.exe.startsWith('/mm/head/')) expect(p).toMatchObject({ mapped: true, static: false });
        }
      }
    }

    // The environments: which image, which libc, which allocator packages.
    expect(results.environments.map((e) => [e.libc, e.executor, e.image])).toEqual([
      ['musl', 'docker', images.musl],
      ['glibc', 'docker', images.glibc],
    ]);
    for (const env of results.environments) {
      expect(env.failure).toBeUndefined();
      expect(env.imageDigest).toMatch(/^(sha256:|.+@sha256:)[0-9a-f]{64}$/);
      expect(env.osRelease?.ID).toBe('alpaquita');
      expect(env.osRelease?.LIBC_TYPE).toBe(env.libc);
      expect(env.libcVersion).toMatch(/^\d+\.\d+(\.\d+)?$/);
      for (const name of PRELOADED) expect(env.allocators[name]?.version).toMatch(/^\d+\.\d+\.\d+-r\d+$/);
      expect(env.allocators.rpmalloc?.status).toBe('unavailable');
    }
    expect(results.environments[0].muslFlavor).toBe('musl-perf');
    expect(results.environments[1].muslFlavor).toBeUndefined();
    expect(results.config.images).toEqual({ musl: images.musl, glibc: images.glibc });
    expect(results.config.setup).toBe('make');

    // setup ran in private copies: nothing was built in the host workspace.
    expect(existsSync(path.join(ws, 'churn'))).toBe(false);
    expect(existsSync(path.join(ws, 'built-for'))).toBe(false);

    // setup's output sits in a collapsible group per libc.
    expect(run.stdout).toContain('::group::musl: setup (head)');
    expect(run.stdout).toContain('::group::glibc: setup (head)');
    expect(run.stdout).toContain('cc -O2 -o built-for built-for.c');

    expect(run.outputs.regressed).toBe('false');
    expect(run.outputs.report).toContain('rpmalloc');
    expect(run.summary).toContain(run.outputs.report.split('\n')[0]);

    // A normal end leaves no container of this run.
    const runId = run.state[RUN_ID_STATE];
    expect(runId).toMatch(/^[0-9a-f]{12}$/);
    expect(await containersOfRun(runId)).toEqual([]);
  });

  it('fails the step at once with one clear message when there is no Docker engine', async () => {
    const run = await runAction(
      { ...standinInputs(), executor: 'docker', run: 'true', runs: '2' },
      { GITHUB_WORKSPACE: sourceWorkspace(), DOCKER_HOST: 'unix:///nonexistent.sock' },
    );
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::Docker engine not available \(.*nonexistent\.sock.*\)\. Start Docker, or use executor: host\.$/,
    );
    expect(run.stdout).not.toMatch(/\n\s+at /);
    // Nothing was prepared: no setup, no allocator resolution.
    expect(run.stdout).not.toContain('resolving allocators');
  });

  it('removes the containers of a killed main step in the post step', async () => {
    const tag = uniqueTag();
    tags.push(tag);
    const inputs = {
      ...standinInputs(),
      libcs: 'musl',
      allocators: 'default',
      run: 'sleep 0.3',
      runs: '50',
      env: `${TAG_VAR}=${tag}`,
    };
    let pid: number | undefined;
    const main = runAction(
      inputs,
      { GITHUB_WORKSPACE: sourceWorkspace() },
      {
        onSpawn: (p) => (pid = p),
      },
    );
    // The main step's container is up: kill the step as a cancelled job would, with no chance
    // to clean up.
    const started = await waitFor(
      'the main step to start its container',
      async () => {
        const names = await containersTagged(tag);
        return names.length > 0 ? names : undefined;
      },
      120_000,
    );
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    const killed = await main;
    expect(killed.signal).toBe('SIGKILL');
    const runId = killed.state[RUN_ID_STATE];
    expect(runId).toMatch(/^[0-9a-f]{12}$/);
    // The kill left the container behind: that is what the post step is for.
    expect(await containersOfRun(runId)).toEqual(started);

    const post = await runAction(inputs, {
      GITHUB_WORKSPACE: sourceWorkspace(),
      'STATE_malloc-matrix-is-post': 'true',
      [`STATE_${RUN_ID_STATE}`]: runId,
    });
    expect(post.stdout).not.toContain('::error');
    expect(post.stdout).not.toContain('::warning');
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`Removed ${started.length} leftover container(s) of this run.`);
    // The post step measures nothing.
    expect(post.outputs.results).toBeUndefined();
    expect(await containersOfRun(runId)).toEqual([]);
    expect(await containersTagged(tag)).toEqual([]);
  });

  it('warns without failing when the post step cannot reach the engine, and skips it for the host executor', async () => {
    const postEnv = {
      GITHUB_WORKSPACE: sourceWorkspace(),
      DOCKER_HOST: 'unix:///nonexistent.sock',
      'STATE_malloc-matrix-is-post': 'true',
      [`STATE_${RUN_ID_STATE}`]: 'abc123def456',
    };
    const docker = await runAction({ ...standinInputs(), run: 'true' }, postEnv);
    expect(docker.code).toBe(0);
    expect(docker.stdout).toMatch(/^::warning::could not list the containers of run abc123def456: .+$/m);
    expect(docker.stdout).not.toContain('::error');

    const host = await runAction({ executor: 'host', run: 'true', comment: 'never' }, postEnv);
    expect(host.code).toBe(0);
    expect(host.stdout).not.toContain('::warning');
    expect(host.stdout).not.toContain('::error');
  });
});
