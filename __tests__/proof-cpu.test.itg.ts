// The preload proof judged by CPU share, in real containers of the stand-in images: a wrapper
// that calls a statically linked helper for a moment keeps its cell (with a note naming the
// helper), while a statically linked main program still gets `not-applied`.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
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

/** churn (dynamic), churn-static, and a static helper that only prints a word. */
function workspace(): string {
  const dir = tempDir('proof-cpu');
  copyFileSync(BENCH_SOURCE, path.join(dir, 'churn.c'));
  writeFileSync(
    path.join(dir, 'hello.c'),
    '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n',
  );
  writeFileSync(
    path.join(dir, 'Makefile'),
    [
      'all: churn churn-static hello-static',
      'churn: churn.c',
      '\tcc -O2 -o churn churn.c',
      'churn-static: churn.c',
      '\tcc -O2 -static -o churn-static churn.c',
      'hello-static: hello.c',
      '\tcc -O2 -static -o hello-static hello.c',
      '',
    ].join('\n'),
  );
  return dir;
}

describeWithEngine('the preload proof weighs processes by CPU time', () => {
  let images: StandinImages;
  const tags: string[] = [];

  beforeAll(async () => {
    images = await ensureStandinImages();
  }, 50 * 60_000);

  afterAll(async () => {
    for (const tag of tags) await removeContainers(await containersTagged(tag));
  });

  async function measure(command: string): Promise<Results> {
    const tag = uniqueTag();
    tags.push(tag);
    const json = path.join(tempDir('proof-cpu-out'), 'results.json');
    const run = await runNode(
      CLI,
      [
        ...standinCliArgs(images),
        ...['--env', `${TAG_VAR}=${tag}`, '--allocators', 'default,jemalloc', '--runs', '2'],
        ...['--setup', 'make', '--json', json, '--', command],
      ],
      { cwd: workspace() },
    );
    expect(run.stderr).not.toContain('Invalid');
    expect(await containersTagged(tag)).toEqual([]);
    return parseResults(readFileSync(json, 'utf8'), 'results');
  }

  it(
    'keeps a cell whose wrapper calls a static helper, and names the helper and its share',
    async () => {
      // churn does over 100 times the static helper's CPU work (the rule needs 95%): its share
      // stays far from the limit on a faster or a busier machine.
      const results = await measure('./hello-static >/dev/null && ./churn 3000000');
      for (const libc of ['musl', 'glibc'] as const) {
        const cell = results.cells.find((c) => c.libc === libc && c.allocator === 'jemalloc')!;
        expect(cell.status).toBe('ok');
        expect(cell.proof?.applied).toBe(true);
        const outside = cell.proof?.notUnderAllocator ?? [];
        expect(outside.map((o) => path.basename(o.exe))).toEqual(['hello-static']);
        expect(outside[0].cpuShare).toBeLessThan(0.05);
        expect(
          cell.warnings?.some((w) => /^not under the allocator: .*hello-static, .*% of CPU$/.test(w)),
        ).toBe(true);
        // The tracer read every process's CPU time; churn, the busiest, had the library.
        const churn = cell.proof?.processes?.find((p) => path.basename(p.exe) === 'churn');
        expect(churn?.mapped).toBe(true);
        expect(churn?.cpuMs).toBeGreaterThan(0);
      }
    },
    10 * 60_000,
  );

  it(
    'still refuses a cell whose main program is statically linked',
    async () => {
      const results = await measure('./churn-static 20000');
      for (const libc of ['musl', 'glibc'] as const) {
        const cell = results.cells.find((c) => c.libc === libc && c.allocator === 'jemalloc')!;
        expect(cell.status).toBe('not-applied');
        expect(cell.reason).toContain('churn-static is statically linked');
        expect(cell.summary).toBeUndefined();
      }
    },
    10 * 60_000,
  );
});
