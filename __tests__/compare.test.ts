import { describe, expect, it } from '@jest/globals';
import { compareResults } from '../src/analysis/compare.js';
import type { CellResult, Results } from '../src/results/model.js';
import { signedRankInterval } from '../src/analysis/rank-tests.js';
import { allOkResults, okCell, run } from './fixtures/results.js';

/** A cell whose measured wall times are the given ones, one per round. */
function cellWith(tree: CellResult['tree'], allocator: string, walls: number[]): CellResult {
  return {
    ...okCell('glibc', allocator, walls[0], 12_000, tree),
    runs: walls.map((w, i) => run('measured', i, w, 12_000)),
  };
}

const BASE = [100, 101, 99, 100.5, 100.2, 99.7, 100.1, 100.4, 99.9, 100.3];
const HEAD = [110, 112, 108, 111, 109.5, 110.8, 111.2, 109.9, 110.4, 110.6];

function request(cells: CellResult[], stored?: Results) {
  const here = allOkResults();
  return {
    cells,
    environments: here.environments,
    host: here.host,
    ...(stored ? { history: [{ results: stored, source: 'stored.json' }] } : {}),
    paired: stored === undefined,
    metric: 'wall' as const,
    threshold: 0.05,
    memoryThreshold: 0.1,
    minRuns: 10,
    looks: 1,
  };
}

describe('compareResults', () => {
  it('pairs head and base by round and prints the 90% interval, whose ends are the one-sided 95% bounds', () => {
    const [wall] = compareResults(
      request([cellWith('head', 'jemalloc', HEAD), cellWith('base', 'jemalloc', BASE)]),
    ).comparisons;
    const ratios = HEAD.map((h, i) => Math.log(h / BASE[i]));
    const [lo, hi] = signedRankInterval(ratios, 0.9);
    expect(wall).toMatchObject({
      libc: 'glibc',
      allocator: 'jemalloc',
      metric: 'wall',
      verdict: 'regressed',
      paired: true,
    });
    expect(wall.interval![0]).toBeCloseTo(Math.expm1(lo), 12);
    expect(wall.interval![1]).toBeCloseTo(Math.expm1(hi), 12);
  });

  it('says a cell the stored baseline never had is not comparable', () => {
    const stored = allOkResults(['default']);
    const [wall] = compareResults(request([cellWith('head', 'tcmalloc', HEAD)], stored)).comparisons;
    expect(wall).toMatchObject({
      verdict: 'not-comparable',
      reason: expect.stringContaining('the baseline has no such cell'),
    });
  });

  it('refuses to compare across CPU models, naming both', () => {
    const stored = allOkResults(['jemalloc']);
    stored.cells = [cellWith('head', 'jemalloc', BASE)];
    stored.host = { ...stored.host, cpuModel: 'Another CPU 9000' };
    const [wall] = compareResults(request([cellWith('head', 'jemalloc', HEAD)], stored)).comparisons;
    expect(wall).toMatchObject({ verdict: 'not-comparable', paired: false });
    expect(wall.reason).toContain('CPU model differs: baseline ran on Another CPU 9000');
  });

  it('pools the comparable cells into the all-cells verdict, paired like the cells', () => {
    const slower = (walls: number[]) => walls.map((w) => w * 1.02);
    const judged = compareResults(
      request([
        cellWith('head', 'jemalloc', HEAD),
        cellWith('base', 'jemalloc', BASE),
        cellWith('head', 'mimalloc', slower(HEAD)),
        cellWith('base', 'mimalloc', slower(BASE)),
      ]),
    );
    expect(judged.matrix).toMatchObject({ verdict: 'regressed', paired: true, cells: 2, metric: 'wall' });
    expect(judged.comparisons.filter((c) => c.metric === 'wall')).toHaveLength(2);
  });
});
