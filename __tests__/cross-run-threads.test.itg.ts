// The guard for threads in a cross-run comparison, on real processes: a benchmark whose workers
// ran in parallel when the baseline was stored, and one after another in the head, uses less CPU
// time for that alone, so only a rise of its CPU time can be proven, and the report says how many
// cores each side kept busy. Host executor and the bundled CLI; no Docker needed.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { busyCores } from '../src/analysis/cross-run-gate.js';
import { parseResults } from '../src/results/schema.js';
import type { Results } from '../src/results/model.js';
import { CLI, runNode, tempDir } from './support/bench.js';

const HOST = ['--executor', 'host', '--allocators', 'default,jemalloc', '--runs', '6'];

/**
 * Six shell workers of fixed work, all started at once and then waited for (`parallel`), or each
 * waited for before the next starts. Both fork the same processes and run the same shell code, so
 * only how many of them run at once differs, not what they allocate.
 */
function benchmark(dir: string, parallel: boolean): void {
  const script = [
    'spin() { i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; }',
    parallel ? 'for w in 1 2 3 4 5 6; do spin & done; wait' : 'for w in 1 2 3 4 5 6; do spin & wait; done',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'bench.sh'), script);
}

function headCells(results: Results) {
  return results.cells.filter((c) => c.tree === 'head' && c.status === 'ok');
}

describe('cross-run: a cell whose threads ran another way', () => {
  it('can only be proven to have risen, and the report names the busy cores of both sides', async () => {
    const dir = tempDir('threads');
    benchmark(dir, true);
    const stored = path.join(dir, 'stored.json');
    const base = await runNode(
      CLI,
      [...HOST, '--baseline', 'none', '--json', stored, '--', 'sh', 'bench.sh'],
      {
        cwd: dir,
      },
    );
    expect(base.code).toBe(0);
    const storedResults = parseResults(readFileSync(stored, 'utf8'), 'results');
    // Six workers on every core there is: well above one busy core.
    for (const cell of headCells(storedResults)) expect(busyCores(cell)).toBeGreaterThan(1.25);

    benchmark(dir, false);
    const json = path.join(dir, 'head.json');
    const md = path.join(dir, 'head.md');
    const head = await runNode(
      CLI,
      [...HOST, '--baseline', stored, '--json', json, '--markdown', md, '--', 'sh', 'bench.sh'],
      { cwd: dir },
    );
    const results = parseResults(readFileSync(json, 'utf8'), 'results');
    expect(results.baseline?.kind).toBe('file');
    const cells = headCells(results);
    expect(cells).toHaveLength(2);
    const cpu = results.comparisons?.filter((c) => c.metric === 'cpu') ?? [];
    expect(cpu).toHaveLength(2);
    for (const c of cpu) {
      const mine = busyCores(cells.find((x) => x.allocator === c.allocator)!)!;
      const theirs = busyCores(headCells(storedResults).find((x) => x.allocator === c.allocator)!)!;
      expect(mine).toBeLessThan(1.1);
      // The same work, one worker at a time: no rise of 25% (one stored run's floor) to prove.
      expect(c.verdict).toBe('inconclusive');
      // One stored run: the reason is its busy cores, as measured, not the short history.
      expect(c.reason).toBe(
        `this cell kept ${mine.toFixed(1)} cores busy against ${theirs.toFixed(1)} in the stored runs: its threads ran less in parallel, which by itself lowers its CPU time, so only a rise can be proven`,
      );
    }
    expect(results.matrix?.verdict).toBe('inconclusive');
    expect(results.matrix?.reason).toMatch(
      /^2 of 2 cells ran their threads less in parallel than in the stored runs \(glibc\/\w+: \d\.\d cores busy against \d\.\d\), which by itself lowers their CPU time, so only a rise of all cells together can be proven$/,
    );
    // The same processes allocate alike, so nothing else can fail the step.
    expect((results.allocationComparisons ?? []).map((c) => c.verdict)).not.toContain('regressed');
    expect(head.code).toBe(0);
    expect(head.stdout).not.toMatch(/^regression:/m);
    const report = readFileSync(md, 'utf8');
    expect(report).toContain('cores busy against');
  });
});
