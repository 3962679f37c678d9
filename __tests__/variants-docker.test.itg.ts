// Allocator variants and glibc-debug in real containers of the stand-in images. The benchmark
// shows from the inside which environment each cell got: where jemalloc prints its statistics at
// exit (MALLOC_CONF=stats_print:true, the variant's setting) it does five times the work, so the
// variant's CPU time says that its setting reached the allocator and the plain cell's that it did
// not; glibc's debug malloc must run with its tunable, and the user's `env` must reach every cell
// (a cell failing either check exits non-zero and is `failed`).
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Results } from '../src/results/model.js';
import { parseResults } from '../src/results/schema.js';
import { BENCH_SOURCE, CLI, runNode, tempDir } from './support/bench.js';
import {
  containersTagged,
  dockerEngineUp,
  removeContainers,
  TAG_VAR,
  uniqueTag,
} from './support/docker-e2e.js';
import { ensureStandinImages, standinCliArgs, type StandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

/**
 * Shell builtins only besides ./churn, so that the preload proof judges churn alone (the musl
 * image's busybox is static). Exit 4: glibc-debug without its tunable; exit 5: the user's env lost.
 */
const BENCHMARK = [
  './churn 2> stderr.txt',
  'while IFS= read -r line; do case "$line" in *"Begin jemalloc statistics"*) stats=yes ;; esac; done < stderr.txt',
  'if [ "$stats" = yes ]; then for i in 1 2 3 4; do ./churn 2>/dev/null || exit 3; done; fi',
  'case "$LD_PRELOAD" in *malloc_debug*) [ "$GLIBC_TUNABLES" = glibc.malloc.check=3 ] || exit 4 ;; esac',
  '[ "$MM_USER" = kept ] || exit 5',
].join('\n');

describeWithEngine('allocator variants in containers', () => {
  let images: StandinImages;
  let results: Results;
  let stderr: string;
  let stdout: string;
  const tag = uniqueTag();

  beforeAll(async () => {
    images = await ensureStandinImages();
    const dir = tempDir('variants');
    copyFileSync(BENCH_SOURCE, path.join(dir, 'churn.c'));
    const json = path.join(tempDir('variants-out'), 'results.json');
    const run = await runNode(
      CLI,
      [
        ...standinCliArgs(images),
        ...['--env', `${TAG_VAR}=${tag}`, '--env', 'MM_USER=kept'],
        ...['--allocators', 'default,jemalloc,glibc-debug', '--runs', '3', '--seed', '8'],
        ...['--variant', 'jemalloc+stats = jemalloc MALLOC_CONF=stats_print:true'],
        ...['--setup', 'cc -O2 -o churn churn.c', '--json', json, '--', BENCHMARK],
      ],
      { cwd: dir },
    );
    stderr = run.stderr;
    stdout = run.stdout;
    expect(run.stderr).not.toContain('Invalid');
    results = parseResults(readFileSync(json, 'utf8'), 'results');
  }, 50 * 60_000);

  afterAll(async () => {
    await removeContainers(await containersTagged(tag));
  });

  function cell(libc: 'musl' | 'glibc', allocator: string) {
    const found = results.cells.find((c) => c.libc === libc && c.allocator === allocator);
    expect(found).toBeDefined();
    return found!;
  }

  it('gives the variant’s environment to its own cell only, proven and measured on both libcs', () => {
    for (const libc of ['musl', 'glibc'] as const) {
      for (const allocator of ['default', 'jemalloc', 'jemalloc+stats']) {
        const c = cell(libc, allocator);
        const why = c.runs.find((r) => r.exitCode !== 0)?.outputTail ?? c.reason ?? '';
        expect(`${libc}/${allocator}: ${c.status} ${why}`.trim()).toBe(`${libc}/${allocator}: ok`);
        expect(c.summary?.wall.n).toBe(3);
      }
      const variant = cell(libc, 'jemalloc+stats');
      expect(variant.proof?.applied).toBe(true);
      // Five times the work where jemalloc printed its statistics: in the variant, and only there.
      const ratio = variant.summary!.cpu.median / cell(libc, 'jemalloc').summary!.cpu.median;
      expect([libc, ratio > 2.5]).toEqual([libc, true]);
      // The variant runs its base's library.
      expect(variant.library).toBe(cell(libc, 'jemalloc').library);
      expect(variant.library).toMatch(/libjemalloc\.so\.\d+$/);
    }
    expect(results.config.allocators.at(-1)).toEqual({
      name: 'jemalloc+stats',
      kind: 'variant',
      base: 'jemalloc',
      env: [['MALLOC_CONF', 'stats_print:true']],
    });
  });

  it('measures glibc-debug on glibc, proven to map libc_malloc_debug, and marks it unavailable on musl', () => {
    const debug = cell('glibc', 'glibc-debug');
    expect(debug.status).toBe('ok');
    expect(debug.library).toMatch(/\/libc_malloc_debug\.so\.0$/);
    expect(debug.proof).toMatchObject({ applied: true, library: debug.library });
    expect(cell('musl', 'glibc-debug')).toMatchObject({
      status: 'unavailable',
      reason: 'glibc-debug exists for glibc only, not musl',
    });
  });

  it('names the variants in the terminal table and in the progress, and leaves no container', async () => {
    expect(stdout).toMatch(/^libc\s+default\s+jemalloc\s+glibc-debug\s+jemalloc\+stats$/m);
    expect(stderr).toMatch(/^glibc\/jemalloc\+stats: [\d.]+ [µm]?s · median CPU time of 3 runs$/m);
    expect(stderr).toMatch(/^glibc\/glibc-debug: [\d.]+ [µm]?s · median CPU time of 3 runs$/m);
    expect(await containersTagged(tag)).toEqual([]);
  });
});
