// The bundled CLI (dist/cli/index.js) with the docker executor against real containers of the
// stand-in Alpaquita images: a setup that fails under one libc only, an image of the wrong
// flavour, and SIGTERM in the middle of a run. No run leaves a container behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseResults } from '../src/results/schema.js';
import { CLI, runNode, tempDir, waitFor } from './support/bench.js';
import {
  CHECKED_CHURN,
  containersTagged,
  dockerEngineUp,
  removeContainers,
  sourceWorkspace,
  TAG_VAR,
  uniqueTag,
} from './support/docker-e2e.js';
import { ensureStandinImages, standinCliArgs, type StandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

describeWithEngine('malloc-matrix CLI with the docker executor', () => {
  let images: StandinImages;
  const tags: string[] = [];

  beforeAll(async () => {
    images = await ensureStandinImages();
  }, 50 * 60_000);

  afterAll(async () => {
    // Only reached with something to remove when a test failed before its own checks.
    for (const tag of tags) await removeContainers(await containersTagged(tag));
  });

  /** Options for a run tagged so that its containers can be found; returns them and the tag. */
  const tagged = (): { tag: string; args: string[] } => {
    const tag = uniqueTag();
    tags.push(tag);
    return {
      tag,
      args: [...standinCliArgs(images), '--env', `${TAG_VAR}=${tag}`],
    };
  };

  it('measures the other libc when setup fails under one, and reports the exit code and output', async () => {
    const { tag, args } = tagged();
    const ws = sourceWorkspace();
    const json = path.join(tempDir('e2e-cli'), 'results.json');
    // Fails under musl only, after printing a line the report must keep.
    const setup =
      '. /etc/os-release; if [ "$LIBC_TYPE" = musl ]; then echo "no toolchain for $LIBC_TYPE here"; exit 7; fi; make';
    const run = await runNode(
      CLI,
      [
        ...args,
        '--allocators',
        'default,jemalloc',
        '--runs',
        '2',
        '--setup',
        setup,
        '--json',
        json,
        '--',
        CHECKED_CHURN,
      ],
      { cwd: ws },
    );
    expect(run.code).toBe(0);
    const results = parseResults(readFileSync(json, 'utf8'), 'results');
    expect(results.cells.map((c) => `${c.libc}/${c.allocator}:${c.status}`)).toEqual([
      'musl/default:failed',
      'musl/jemalloc:failed',
      'glibc/default:ok',
      'glibc/jemalloc:ok',
    ]);
    for (const cell of results.cells.filter((c) => c.libc === 'musl')) {
      expect(cell.reason).toBe('setup exited with code 7: no toolchain for musl here');
      expect(cell.runs).toEqual([]);
    }
    for (const cell of results.cells.filter((c) => c.libc === 'glibc')) {
      expect(cell.summary?.wall.n).toBe(2);
    }
    expect(results.cells.find((c) => c.libc === 'glibc' && c.allocator === 'jemalloc')?.proof?.applied).toBe(
      true,
    );
    const [musl, glibc] = results.environments;
    // The container itself was fine: only its tree's setup failed, with the tail of its output.
    expect(musl.failure).toBeUndefined();
    expect(musl.setupLogTail).toBe('no toolchain for musl here');
    expect(glibc.setupLogTail).toBeUndefined();
    expect(run.stdout).toMatch(/^musl\s+failed/m);
    expect(run.stderr).toContain('glibc: setup (head)');
    expect(existsSync(path.join(ws, 'churn'))).toBe(false);
    expect(await containersTagged(tag)).toEqual([]);
  });

  it('rejects an image whose os-release names the other libc, naming the image', async () => {
    const { tag, args } = tagged();
    const json = path.join(tempDir('e2e-cli'), 'results.json');
    const run = await runNode(
      CLI,
      [
        ...args,
        '--image-musl',
        images.wrongLibc,
        '--libcs',
        'musl',
        '--allocators',
        'default,jemalloc',
        '--runs',
        '2',
        '--json',
        json,
        '--',
        './churn',
      ],
      { cwd: sourceWorkspace() },
    );
    // Nothing could be measured: exit code 3 and the reason per cell.
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^malloc-matrix: no cell could be measured/m);
    const expected = `image ${images.wrongLibc} reports LIBC_TYPE=glibc, expected musl`;
    const results = parseResults(readFileSync(json, 'utf8'), 'results');
    expect(results.environments).toHaveLength(1);
    expect(results.environments[0].failure).toBe(expected);
    expect(results.environments[0].osRelease?.LIBC_TYPE).toBe('glibc');
    for (const cell of results.cells) {
      expect(cell).toMatchObject({ libc: 'musl', status: 'failed', reason: expected, runs: [] });
    }
    // Allocators were never installed in the wrong image.
    expect(run.stderr).not.toContain('apk add');
    expect(await containersTagged(tag)).toEqual([]);
  });

  it('on SIGTERM mid-run removes its containers, writes partial results and exits 143', async () => {
    const { tag, args } = tagged();
    const json = path.join(tempDir('e2e-cli'), 'results.json');
    // The CLI's own scratch directory goes here.
    const tmp = tempDir('e2e-tmp');
    const child = spawn(
      process.execPath,
      [
        CLI,
        ...args,
        '--libcs',
        'musl',
        '--allocators',
        'default',
        '--runs',
        '50',
        '--json',
        json,
        '--',
        'sleep 0.3',
      ],
      { cwd: sourceWorkspace(), env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );

    // Wait for measured runs to be under way, with the container up.
    await waitFor(
      'the first measured run',
      // Each round also runs the calibration probe: the runs counted are more than the rounds.
      () => Promise.resolve(/\[\d+\/\d+\] musl: measuring/.test(stderr) ? true : undefined),
      120_000,
    );
    const running = await containersTagged(tag);
    expect(running).toHaveLength(1);
    expect(readdirSync(tmp)).toEqual([expect.stringMatching(/^malloc-matrix-/)]);
    child.kill('SIGTERM');
    const ended = await exited;

    expect(ended).toEqual({ code: 143, signal: null });
    expect(stderr).toContain('malloc-matrix: SIGTERM received, cleaning up');
    expect(stderr).toContain(`Partial results written to ${json}`);
    expect(stderr).not.toContain('warning:');
    const results = parseResults(readFileSync(json, 'utf8'), 'results');
    expect(results.fatalError).toBe('interrupted by SIGTERM');
    const measured = results.cells[0].runs.filter((r) => r.kind === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.length).toBeLessThan(50);
    expect(await containersTagged(tag)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
