import { describe, expect, it } from '@jest/globals';
import { compareResults } from '../src/analysis/compare.js';
import { gate } from '../src/app/gate.js';
import { ConfigError } from '../src/base/errors.js';
import type { Config } from '../src/config/config.js';
import type { EventContext } from '../src/config/event.js';
import { parseConfig } from '../src/config/parse.js';
import type { CellComparison, Results } from '../src/results/model.js';
import { runMerge } from '../src/shards/merge-run.js';
import type { ShardInput } from '../src/shards/merge.js';
import { asShard } from '../src/shards/shard-run.js';
import { FakeBaselineSources } from './fakes/baseline-sources.js';
import { profile, withRepeats } from './fixtures/profiles.js';
import { shardResults, steady } from './fixtures/shards.js';

const PULL_REQUEST: EventContext = {
  eventName: 'pull_request',
  baseSha: 'abc1234def5678900000000000000000000abcde',
  branch: 'main',
  prNumber: 7,
};
const PUSH_MAIN: EventContext = { eventName: 'push', branch: 'main', defaultBranch: 'main' };

function mergeConfig(inputs: Record<string, string> = {}): Config {
  const given: Record<string, string> = { mode: 'merge', ...inputs };
  return parseConfig((name) => given[name], {
    label: (name) => `input '${name}'`,
    randomSeed: () => 1,
  });
}

function input(results: Results, id: string): ShardInput {
  return {
    source: `malloc-matrix-shard-0123abcd-${id}`,
    fromArtifact: true,
    id,
    results: asShard(results, id),
  };
}

const NO_BASELINES = new FakeBaselineSources();

function verdicts(comparisons: readonly CellComparison[] | undefined): string[] {
  return (comparisons ?? [])
    .filter((c) => c.metric === 'wall')
    .map((c) => `${c.arch} ${c.libc}/${c.allocator}: ${c.verdict}`);
}

/**
 * Head 5% + e slower than base per round, e in thousandths: nine rounds above the threshold and
 * one below it, the third smallest. Alone its one-sided signed-rank p is 5/1024 ≈ 0.0049.
 */
const BORDERLINE_HEAD = [1, 2, -3, 4, 5, 6, 7, 8, 9, 10].map((e) => 100 * 1.05 * Math.exp(e / 1000));
const BORDERLINE_BASE = Array<number>(10).fill(100);

describe('runMerge: one gate over every shard', () => {
  it('judges the merged cells paired, as one Holm family across the whole matrix', async () => {
    // musl: one borderline slowdown. Judged alone (its 3 cells share half of alpha, p ≤ 0.025 / 3)
    // it is a regression...
    const musl = shardResults({
      libcs: ['musl'],
      head: { mimalloc: BORDERLINE_HEAD },
      base: { mimalloc: BORDERLINE_BASE },
    });
    const alone = compareResults({
      cells: musl.cells,
      environments: musl.environments,
      host: musl.host,
      paired: true,
      metric: 'wall',
      threshold: 0.05,
      memoryThreshold: 0.1,
      minRuns: 10,
      looks: 1,
    });
    expect(alone.comparisons.find((c) => c.allocator === 'mimalloc' && c.metric === 'wall')?.verdict).toBe(
      'regressed',
    );

    // ...but among the 12 cells of four shards, Holm needs p ≤ 0.025 / 12: it is not proven.
    const shards = [
      input(musl, 'x86_64-musl'),
      input(shardResults({ libcs: ['glibc'], base: true }), 'x86_64-glibc'),
      input(shardResults({ arch: 'arm64', libcs: ['musl'], base: true }), 'arm64-musl'),
      input(shardResults({ arch: 'arm64', libcs: ['glibc'], base: true }), 'arm64-glibc'),
    ];
    const outcome = await runMerge(mergeConfig(), shards, {
      event: PULL_REQUEST,
      baselinesFor: () => NO_BASELINES,
    });
    expect(outcome.results.baseline).toMatchObject({ kind: 'base', paired: true });
    expect(verdicts(outcome.results.comparisons)).toEqual([
      'x64 musl/default: unchanged',
      'x64 musl/mimalloc: inconclusive',
      'x64 musl/jemalloc: unchanged',
      'x64 glibc/default: unchanged',
      'x64 glibc/mimalloc: unchanged',
      'x64 glibc/jemalloc: unchanged',
      'arm64 musl/default: unchanged',
      'arm64 musl/mimalloc: unchanged',
      'arm64 musl/jemalloc: unchanged',
      'arm64 glibc/default: unchanged',
      'arm64 glibc/mimalloc: unchanged',
      'arm64 glibc/jemalloc: unchanged',
    ]);
    expect(gate({ results: outcome.results }, outcome.config).failures).toEqual([]);
  });

  it('still finds a clear regression in one shard among many', async () => {
    const slow = steady(500).map((w) => w * 1.2);
    const shards = [
      input(
        shardResults({ libcs: ['musl'], head: { jemalloc: slow }, base: { jemalloc: steady(500) } }),
        'x86_64-musl',
      ),
      input(shardResults({ arch: 'arm64', libcs: ['musl'], base: true }), 'arm64-musl'),
    ];
    const outcome = await runMerge(mergeConfig(), shards, {
      event: PULL_REQUEST,
      baselinesFor: () => NO_BASELINES,
    });
    const regressed = outcome.results.comparisons?.filter((c) => c.verdict === 'regressed');
    expect(regressed?.map((c) => `${c.arch} ${c.libc}/${c.allocator} ${c.metric}`)).toEqual([
      'x64 musl/jemalloc wall',
    ]);
  });

  it('judges all cells together across the shards, and the gate fails on that verdict too', async () => {
    const walls = { default: 500, mimalloc: 510, jemalloc: 520 };
    const slower = Object.fromEntries(
      Object.entries(walls).map(([a, ms]) => [a, steady(ms).map((w) => w * 1.2)]),
    );
    const same = Object.fromEntries(Object.entries(walls).map(([a, ms]) => [a, steady(ms)]));
    const shards = [
      input(shardResults({ libcs: ['musl'], head: slower, base: same }), 'x86_64-musl'),
      input(shardResults({ arch: 'arm64', libcs: ['musl'], head: slower, base: same }), 'arm64-musl'),
    ];
    const outcome = await runMerge(mergeConfig(), shards, {
      event: PULL_REQUEST,
      baselinesFor: () => NO_BASELINES,
    });
    // One family: the all-cells verdict pools the six cells of both shards.
    expect(outcome.results.matrix).toMatchObject({ verdict: 'regressed', cells: 6, paired: true });
    const verdict = gate({ results: outcome.results }, outcome.config);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.failures).toHaveLength(1);
    expect(verdict.failures[0]).toMatch(
      /^all cells together and 6 cell\(s\) regressed beyond the threshold: all 6 cells together: wall \+20\.0%/,
    );
    expect(verdict.failures[0]).toContain('; arm64 musl/jemalloc: wall +20.0%');
  });

  it("carries every shard's allocation profiles and gates on them with the merge's threshold", async () => {
    const profiled = (libc: 'musl' | 'glibc', headCalls: number): Results => ({
      ...shardResults({ libcs: [libc], base: true }),
      profiles: [
        withRepeats(profile(libc), [[headCalls, 4_000_000]]),
        withRepeats(profile(libc, 'default', {}, 'base'), [[1000, 4_000_000]]),
      ],
    });
    const shards = [
      input(profiled('musl', 1200), 'x86_64-musl'),
      input(profiled('glibc', 1000), 'x86_64-glibc'),
    ];
    const merge = (inputs: Record<string, string> = {}) =>
      runMerge(mergeConfig(inputs), shards, { event: PULL_REQUEST, baselinesFor: () => NO_BASELINES });

    const strict = await merge();
    expect(strict.results.profiles).toHaveLength(4);
    expect(
      strict.results.allocationComparisons?.map((c) => `${c.libc}/${c.allocator} ${c.metric}: ${c.verdict}`),
    ).toEqual([
      'musl/default calls: regressed',
      'musl/default bytes: unchanged',
      'glibc/default calls: unchanged',
      'glibc/default bytes: unchanged',
    ]);
    const verdict = gate({ results: strict.results }, strict.config);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.failures).toEqual([
      'allocations grew beyond the allocation threshold: musl/default: allocation calls +20.0% (1,200 vs 1,000)',
    ]);

    const lenient = await merge({ 'allocation-threshold': '30%' });
    expect(lenient.results.config.allocationThreshold).toBe(0.3);
    expect(lenient.results.allocationComparisons?.every((c) => c.verdict === 'unchanged')).toBe(true);
    expect(gate({ results: lenient.results }, lenient.config).exitCode).toBe(0);
  });

  it('takes the gate settings from the merge job', async () => {
    const slower = steady(510).map((w) => w * 1.08);
    const shards = [
      input(
        shardResults({ libcs: ['musl'], head: { mimalloc: slower }, base: { mimalloc: steady(510) } }),
        'x86_64-musl',
      ),
    ];
    const strict = await runMerge(mergeConfig(), shards, {
      event: PULL_REQUEST,
      baselinesFor: () => NO_BASELINES,
    });
    const lenient = await runMerge(mergeConfig({ threshold: '10%' }), shards, {
      event: PULL_REQUEST,
      baselinesFor: () => NO_BASELINES,
    });
    expect(verdicts(strict.results.comparisons)).toContain('x64 musl/mimalloc: regressed');
    expect(verdicts(lenient.results.comparisons)).toContain('x64 musl/mimalloc: unchanged');
  });

  it('compares against the cache of the whole matrix, restored under the merged configuration', async () => {
    const cached = shardResults({ libcs: ['musl', 'glibc'] });
    let keyedBy: Config | undefined;
    const shards = [
      input(shardResults({ libcs: ['musl'] }), 'x86_64-musl'),
      input(shardResults({ libcs: ['glibc'] }), 'x86_64-glibc'),
      input(shardResults({ arch: 'arm64', libcs: ['musl'] }), 'arm64-musl'),
    ];
    const outcome = await runMerge(mergeConfig({ baseline: 'cache' }), shards, {
      event: PULL_REQUEST,
      baselinesFor: (runConfig) => {
        keyedBy = runConfig;
        return new FakeBaselineSources({ cache: { runs: [cached], key: 'malloc-matrix-0123-main-abc' } });
      },
    });
    expect(keyedBy?.libcs).toEqual(['musl', 'glibc']);
    expect(keyedBy?.command).toEqual(cached.command);
    expect(outcome.results.baseline).toMatchObject({
      kind: 'cache',
      paired: false,
      source: 'malloc-matrix-0123-main-abc',
    });
    const wall = (outcome.results.comparisons ?? []).filter((c) => c.metric === 'wall');
    // Every x86_64 cell was judged against the one cached run (so 🟡, for too little history).
    const x64 = wall.filter((c) => c.arch === 'x64');
    expect(x64.length).toBeGreaterThan(0);
    for (const c of x64) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(/^only 1 stored run to compare with/);
    }
    // The cached run was x86_64 only: the arm64 cells have nothing to compare with.
    const arm = wall.find((c) => c.arch === 'arm64' && c.allocator === 'default');
    expect(arm?.verdict).toBe('not-comparable');
    expect(arm?.reason).toContain('architecture differs: baseline ran on x64, this run on arm64');
  });

  it('saves to the cache on a push to the default branch, and says why nothing was compared', async () => {
    const outcome = await runMerge(mergeConfig(), [input(shardResults({ libcs: ['musl'] }), 'x86_64-musl')], {
      event: PUSH_MAIN,
      baselinesFor: () => NO_BASELINES,
    });
    expect(outcome.selection.saveToCache).toBe(true);
    expect(outcome.results.comparisons).toBeUndefined();
    expect(outcome.results.baseline?.unavailableReason).toBe(
      'a push to the default branch: results are saved as the baseline',
    );
  });

  it('fails require-baseline when the shards measured no base commit, with their reason', async () => {
    const shard = shardResults({ libcs: ['musl'] });
    shard.baseline = {
      kind: 'base',
      paired: false,
      unavailableReason: 'base commit abc1234 could not be fetched',
    };
    const outcome = await runMerge(
      mergeConfig({ 'require-baseline': 'true' }),
      [input(shard, 'x86_64-musl')],
      {
        event: PULL_REQUEST,
        baselinesFor: () => NO_BASELINES,
      },
    );
    expect(outcome.warnings).toContain('base commit abc1234 could not be fetched');
    expect(gate(outcome, outcome.config).failures).toEqual([
      'require-baseline is true but there is no baseline: base commit abc1234 could not be fetched',
    ]);
  });

  it('refuses a baseline file of another command unless allowed, as a single run does', async () => {
    const other = {
      ...shardResults({ libcs: ['musl'] }),
      command: { kind: 'shell' as const, script: './old-bench' },
    };
    const baselines = new FakeBaselineSources({ files: { 'old.json': other } });
    const shards = [input(shardResults({ libcs: ['musl'] }), 'x86_64-musl')];
    const refused = runMerge(mergeConfig({ baseline: 'old.json' }), shards, {
      event: PULL_REQUEST,
      baselinesFor: () => baselines,
    });
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow('"old.json" was measured with another command');
    const allowed = await runMerge(
      mergeConfig({ baseline: 'old.json', 'allow-different-command': 'true' }),
      shards,
      {
        event: PULL_REQUEST,
        baselinesFor: () => baselines,
      },
    );
    expect(allowed.results.comparisons?.length).toBe(6);
  });

  it('describes the merged run as one job for the report: its command, libcs and the first seed', async () => {
    const outcome = await runMerge(
      mergeConfig(),
      [
        input(shardResults({ libcs: ['glibc'] }), 'x86_64-glibc'),
        input(shardResults({ libcs: ['musl'] }), 'x86_64-musl'),
      ],
      { event: PULL_REQUEST, baselinesFor: () => NO_BASELINES },
    );
    expect(outcome.config.command).toEqual({
      kind: 'shell',
      script: './bench --iterations 200000 corpus/*.json',
    });
    expect(outcome.config.libcs).toEqual(['musl', 'glibc']);
    expect(outcome.config.name).toBe('json-parse');
    expect(outcome.config.env).toEqual([['MIMALLOC_ARENA_EAGER_COMMIT', '']]);
  });
});
