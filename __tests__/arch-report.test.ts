// The report of results merged from shards on several architectures: rows per arch × libc in
// the tables, the terminal and the chart, comparisons and environments named by their place, and
// the notes and table about the shards themselves.
import { describe, expect, it } from '@jest/globals';
import { archesOf, archLabel, placeOf, spansArches } from '../src/results/arch.js';
import { wallChartBars } from '../src/report/chart.js';
import { gridRows } from '../src/report/grid.js';
import { allOkResults } from './fixtures/results.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTerminal } from '../src/report/terminal.js';
import { mergeShards, type ShardInput } from '../src/shards/merge.js';
import { asShard } from '../src/shards/shard-run.js';
import { shardResults, steady } from './fixtures/shards.js';
import { compareResults } from '../src/analysis/compare.js';
import type { Results } from '../src/results/model.js';

function input(results: Results, id: string): ShardInput {
  return {
    source: `malloc-matrix-shard-0123abcd-${id}`,
    fromArtifact: true,
    id,
    results: asShard(results, id),
  };
}

/** x86_64 musl and glibc, arm64 glibc with a faster mimalloc, and arm64 musl refused. */
function twoArches(): Results {
  const { results } = mergeShards([
    input(shardResults({ arch: 'x64', libcs: ['musl'] }), 'x86_64-musl'),
    input(shardResults({ arch: 'x64', libcs: ['glibc'] }), 'x86_64-glibc'),
    input(shardResults({ arch: 'arm64', libcs: ['glibc'], head: { mimalloc: steady(300) } }), 'arm64-glibc'),
    {
      source: 'malloc-matrix-shard-0123abcd-arm64-musl',
      fromArtifact: true,
      id: 'arm64-musl',
      refused: 'not valid JSON',
    },
  ]);
  return results;
}

describe('rows per architecture × libc', () => {
  it('lays out the grid by arch and libc, each row with its own best cell and reference', () => {
    const rows = gridRows(twoArches(), 'wall');
    expect(rows.map((r) => [r.label, r.arch, r.libc])).toEqual([
      ['x86_64 musl', 'x64', 'musl'],
      ['x86_64 glibc', 'x64', 'glibc'],
      ['arm64 musl', 'arm64', 'musl'],
      ['arm64 glibc', 'arm64', 'glibc'],
    ]);
    const armGlibc = rows[3].places.map((p) => [p.allocator, p.cell?.arch, p.best]);
    expect(armGlibc).toEqual([
      ['default', 'arm64', false],
      ['mimalloc', 'arm64', true],
      ['jemalloc', 'arm64', false],
    ]);
    expect(rows[1].places.find((p) => p.best)?.allocator).toBe('default');
  });

  it('labels the chart bars by place, each against its own row’s default', () => {
    const bars = wallChartBars(twoArches());
    expect(bars.map((b) => b.label)).toEqual([
      'x86_64 musl/default',
      'x86_64 musl/mimalloc',
      'x86_64 musl/jemalloc',
      'x86_64 glibc/default',
      'x86_64 glibc/mimalloc',
      'x86_64 glibc/jemalloc',
      'arm64 glibc/default',
      'arm64 glibc/mimalloc',
      'arm64 glibc/jemalloc',
    ]);
    expect(bars.find((b) => b.label === 'arm64 glibc/mimalloc')?.ratio).toBeCloseTo(0.6, 2);
  });

  it('prints the terminal table with a row per place', () => {
    const text = renderTerminal(twoArches(), { color: false });
    const rows = text.split('\n').flatMap((l) => /^(x86_64|arm64) (musl|glibc)/.exec(l)?.[0] ?? []);
    expect(rows).toEqual(['x86_64 musl', 'x86_64 glibc', 'arm64 musl', 'arm64 glibc']);
  });

  it('names places in the markdown tables, environments and notes', () => {
    const markdown = renderMarkdown(twoArches());
    expect(markdown).toContain('| arch, libc | default | mimalloc | jemalloc |');
    expect(markdown).toContain(
      '| **arm64 glibc** | 500 ms ±1.1% | **300 ms ±1.1% · −40%** | 520 ms ±1.1% · +4.0% |',
    );
    expect(markdown).toContain('| arm64 glibc | docker |');
    expect(markdown).toContain(
      '> ⚠️ Shard `arm64-musl` was refused: not valid JSON; none of its cells are shown.',
    );
    expect(markdown).toContain('> ⚠️ No results for arm64 musl: its shard arm64-musl was refused (3 cells).');
    expect(markdown).toContain('<details><summary>Shards: 4 job(s) on x86_64 and arm64</summary>');
    expect(markdown).toContain(
      '| `arm64-glibc` | merged | Neoverse-N2 (4 cores, arm64) | glibc | 3 | `malloc-matrix-shard-0123abcd-arm64-glibc` |',
    );
    expect(markdown).toContain('| `arm64-musl` | refused: not valid JSON | — | musl | 0 |');
  });

  it('names comparisons by place, so the same libc/allocator on two machines stays two cells', () => {
    const results = twoArches();
    const paired = results.cells
      .filter((c) => c.tree === 'head')
      .map((c) => ({ ...c, tree: 'base' as const }));
    const { comparisons } = compareResults({
      cells: [...results.cells, ...paired],
      environments: results.environments,
      host: results.host,
      shards: results.shards,
      paired: true,
      metric: 'wall',
      threshold: 0.05,
      memoryThreshold: 0.1,
      minRuns: 10,
      looks: 1,
    });
    const markdown = renderMarkdown({ ...results, baseline: { kind: 'base', paired: true }, comparisons });
    expect(markdown).toContain('| x86_64 glibc / mimalloc | 0.0% [0.0, 0.0] ⚪ unchanged |');
    expect(markdown).toContain('| arm64 glibc / mimalloc | 0.0% [0.0, 0.0] ⚪ unchanged |');
    expect(
      comparisons.filter((c) => c.libc === 'glibc' && c.allocator === 'mimalloc' && c.metric === 'wall'),
    ).toHaveLength(2);
  });
});

describe('results on one architecture', () => {
  it('keep plain libc rows, merged or not, and show no shard sections when nothing went wrong', () => {
    const { results } = mergeShards([
      input(shardResults({ libcs: ['musl'] }), 'x86_64-musl'),
      input(shardResults({ libcs: ['glibc'] }), 'x86_64-glibc'),
    ]);
    expect(spansArches(results)).toBe(false);
    expect(gridRows(results, 'wall').map((r) => r.label)).toEqual(['musl', 'glibc']);
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('| libc | default | mimalloc | jemalloc |');
    expect(markdown).not.toContain('x86_64 musl');
    expect(markdown).not.toContain('⚠️ Shard');
    expect(markdown).toContain('Shards: 2 job(s) on x86_64');
    expect(renderMarkdown(allOkResults())).not.toContain('Shards:');
  });
});

describe('arch helpers', () => {
  it('read a single run’s host arch and a merge’s per-part arch alike', () => {
    expect(archesOf(allOkResults())).toEqual(['arm64']);
    expect(archesOf(twoArches())).toEqual(['x64', 'arm64']);
    expect(archLabel('x64')).toBe('x86_64');
  });

  it('find the machine a place ran on: its shard, or the run’s own host', () => {
    const results = twoArches();
    expect(placeOf(results, 'arm64', 'glibc').host.cpuModel).toBe('Neoverse-N2');
    expect(placeOf(results, 'x64', 'musl').environments.map((e) => e.libc)).toEqual(['musl', 'glibc']);
    const single = allOkResults();
    expect(placeOf(single, 'x64', 'musl').host).toBe(single.host);
  });
});
