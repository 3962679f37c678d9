import { describe, expect, it } from '@jest/globals';
import { resultsSchema, type Results } from '../src/results/model.js';
import { mergeShards, ShardConflictError, type ShardInput } from '../src/shards/merge.js';
import { sharedConfigHash } from '../src/shards/agreement.js';
import { asShard } from '../src/shards/shard-run.js';
import { parseConfig } from '../src/config/parse.js';
import { roundsText } from '../src/report/sizing.js';
import { mergedRunConfig } from '../src/shards/merge-run.js';
import { shardResults } from './fixtures/shards.js';

function fromArtifact(results: Results, id?: string): ShardInput {
  const shard = asShard(results, id);
  const shardId = shard.shards![0].id;
  return {
    source: `malloc-matrix-shard-0123abcd-${shardId}`,
    fromArtifact: true,
    id: shardId,
    results: shard,
  };
}

function conflictOf(inputs: ShardInput[]): string {
  try {
    mergeShards(inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(ShardConflictError);
    return (error as Error).message;
  }
  throw new Error('the merge did not refuse');
}

const head = (r: Results) => r.cells.filter((c) => c.tree === 'head');

/** A shard whose rounds runs: auto sized from its own pilot timings. */
function sized(results: Results, rounds: number, minTimeMs = 3000): Results {
  return {
    ...results,
    config: { ...results.config, runs: rounds },
    sizing: {
      mode: 'auto',
      minRuns: 10,
      minTimeMs,
      maxRuns: 200,
      maxTimeMs: 600_000,
      environments: results.config.libcs.map((libc) => ({ libc, rounds })),
    },
  };
}

describe('mergeShards', () => {
  it('puts the musl and glibc shards of one run into one valid results file', () => {
    const musl = shardResults({ libcs: ['musl'] });
    const glibc = shardResults({ libcs: ['glibc'] });
    const { results, warnings } = mergeShards([
      fromArtifact(glibc, 'x86_64-glibc'),
      fromArtifact(musl, 'x86_64-musl'),
    ]);
    expect(warnings).toEqual([]);
    expect(resultsSchema.parse(results)).toBeDefined();
    expect(results.config.libcs).toEqual(['musl', 'glibc']);
    expect(results.shards?.map((s) => [s.id, s.status, s.cells])).toEqual([
      ['x86_64-musl', 'merged', 3],
      ['x86_64-glibc', 'merged', 3],
    ]);
    expect(head(results).map((c) => `${c.arch} ${c.libc}/${c.allocator}`)).toEqual([
      'x64 musl/default',
      'x64 musl/mimalloc',
      'x64 musl/jemalloc',
      'x64 glibc/default',
      'x64 glibc/mimalloc',
      'x64 glibc/jemalloc',
    ]);
    expect(results.environments.map((e) => `${e.arch} ${e.libc}`)).toEqual(['x64 musl', 'x64 glibc']);
    expect(results.config.images).toEqual({
      musl: 'bellsoft/alpaquita-linux-base:stream-musl',
      glibc: 'bellsoft/alpaquita-linux-base:stream-glibc',
    });
    expect(results.fatalError).toBeUndefined();
  });

  it('keeps each architecture apart: the same libc on x86_64 and arm64 is two places, not an overlap', () => {
    const inputs = [
      fromArtifact(shardResults({ arch: 'arm64', libcs: ['musl'] }), 'arm64-musl'),
      fromArtifact(shardResults({ arch: 'x64', libcs: ['musl'] }), 'x86_64-musl'),
    ];
    const { results } = mergeShards(inputs);
    expect([...new Set(head(results).map((c) => c.arch))]).toEqual(['x64', 'arm64']);
    expect(results.host.arch).toBe('x64');
    expect(results.shards?.map((s) => s.host?.cpuModel)).toEqual([
      'AMD EPYC 7763 64-Core Processor',
      'Neoverse-N2',
    ]);
  });

  it("keeps every shard's calibration probe, each environment marked with its architecture", () => {
    const probed = (results: Results, cpuMs: number, workload = 1): Results => ({
      ...results,
      probe: {
        workload,
        environments: results.config.libcs.map((libc) => ({
          libc,
          samples: [{ round: 0, position: 1, wallMs: cpuMs + 1, cpuMs, computeMs: 2, memoryMs: 3 }],
        })),
      },
    });
    const arm = probed(shardResults({ arch: 'arm64', libcs: ['musl'] }), 40);
    const x64 = probed(shardResults({ arch: 'x64', libcs: ['musl'] }), 20);
    const { results, warnings } = mergeShards([
      fromArtifact(arm, 'arm64-musl'),
      fromArtifact(x64, 'x86_64-musl'),
    ]);
    expect(warnings).toEqual([]);
    expect(resultsSchema.parse(results)).toBeDefined();
    expect(results.probe?.workload).toBe(1);
    expect(results.probe?.environments.map((e) => [e.arch, e.libc, e.samples.map((s) => s.cpuMs)])).toEqual(
      expect.arrayContaining([
        ['x64', 'musl', [20]],
        ['arm64', 'musl', [40]],
      ]),
    );
    expect(results.probe?.environments).toHaveLength(2);

    const other = mergeShards([
      fromArtifact(probed(shardResults({ arch: 'arm64', libcs: ['musl'] }), 40, 2), 'arm64-musl'),
      fromArtifact(x64, 'x86_64-musl'),
    ]);
    expect(other.results.probe).toBeUndefined();
    expect(other.warnings).toEqual([
      expect.stringMatching(/probe samples were left out: the shards ran probe workloads (1, 2|2, 1)/),
    ]);
  });

  it('takes a shard id from the results, or derives one, when no artifact names it', () => {
    const named = { source: 'a.json', results: asShard(shardResults({ libcs: ['musl'] }), 'fast-runner') };
    const plain = { source: 'b.json', results: shardResults({ arch: 'arm64', libcs: ['glibc'] }) };
    const { results } = mergeShards([named, plain]);
    expect(results.shards?.map((s) => s.id)).toEqual([
      'fast-runner',
      'arm64-glibc-default-mimalloc-jemalloc',
    ]);
    expect(results.shards?.every((s) => s.artifact === undefined)).toBe(true);
  });

  it('reports a refused shard as its cells unavailable, naming it, and keeps the other shards', () => {
    const musl = fromArtifact(shardResults({ libcs: ['musl'] }), 'x86_64-musl');
    const broken: ShardInput = {
      source: 'malloc-matrix-shard-0123abcd-x86_64-glibc',
      fromArtifact: true,
      id: 'x86_64-glibc',
      refused: 'shard results x.json is not valid JSON',
    };
    const { results, warnings } = mergeShards([musl, broken]);
    const glibc = head(results).filter((c) => c.libc === 'glibc');
    expect(glibc.map((c) => [c.allocator, c.status])).toEqual([
      ['default', 'unavailable'],
      ['mimalloc', 'unavailable'],
      ['jemalloc', 'unavailable'],
    ]);
    expect(glibc[0].reason).toBe('not measured: its shard x86_64-glibc was refused');
    expect(
      head(results)
        .filter((c) => c.libc === 'musl')
        .every((c) => c.status === 'ok'),
    ).toBe(true);
    expect(results.shards?.find((s) => s.id === 'x86_64-glibc')).toMatchObject({
      status: 'refused',
      libcs: ['glibc'],
      cells: 0,
    });
    expect(warnings).toEqual([
      'shard x86_64-glibc: its results were refused: shard results x.json is not valid JSON',
      'x86_64 glibc: 3 cell(s) not measured: its shard x86_64-glibc was refused',
    ]);
  });

  it('names the shard that never uploaded: the arm64 musl cells when only arm64 glibc arrived', () => {
    const { results, warnings } = mergeShards([
      fromArtifact(shardResults({ arch: 'x64', libcs: ['musl'] }), 'x86_64-musl'),
      fromArtifact(shardResults({ arch: 'x64', libcs: ['glibc'] }), 'x86_64-glibc'),
      fromArtifact(shardResults({ arch: 'arm64', libcs: ['glibc'] }), 'arm64-glibc'),
    ]);
    const missing = head(results).filter((c) => c.status === 'unavailable');
    expect(missing.map((c) => `${c.arch} ${c.libc}/${c.allocator}`)).toEqual([
      'arm64 musl/default',
      'arm64 musl/mimalloc',
      'arm64 musl/jemalloc',
    ]);
    expect(missing[0].reason).toBe('not measured: shard arm64-musl is missing or failed before uploading');
    expect(warnings).toHaveLength(1);
  });

  it("keeps a failed shard's measured cells and marks the ones it never reached", () => {
    const failed = shardResults({ libcs: ['glibc'], fatalError: 'the Docker engine went away' });
    failed.cells[2] = { ...failed.cells[2], runs: [], summary: undefined };
    const { results, warnings } = mergeShards([
      fromArtifact(shardResults({ libcs: ['musl'] }), 'x86_64-musl'),
      fromArtifact(failed, 'x86_64-glibc'),
    ]);
    const glibc = head(results).filter((c) => c.libc === 'glibc');
    expect(glibc.map((c) => c.status)).toEqual(['ok', 'ok', 'unavailable']);
    expect(glibc[2].reason).toBe(
      'shard x86_64-glibc failed before measuring it: the Docker engine went away',
    );
    expect(results.shards?.find((s) => s.id === 'x86_64-glibc')).toMatchObject({
      status: 'failed',
      reason: 'the Docker engine went away',
    });
    expect(results.fatalError).toBeUndefined();
    expect(warnings).toEqual([
      'shard x86_64-glibc failed: the Docker engine went away; the cells it measured are merged',
    ]);
  });

  it('fails with one line when no shard delivered anything', () => {
    const refused: ShardInput = { source: 'a.json', refused: 'shard results a.json does not exist' };
    expect(() => mergeShards([refused])).toThrow(
      'no shard delivered results (a.json: shard results a.json does not exist)',
    );
    expect(() => mergeShards([])).toThrow('no shard delivered results');
  });
});

describe('shards that cannot be merged', () => {
  const musl = () => fromArtifact(shardResults({ libcs: ['musl'] }), 'x86_64-musl');

  it('refuses a shard with another command, naming both', () => {
    const other = fromArtifact(
      shardResults({ libcs: ['glibc'], command: './bench --quick' }),
      'x86_64-glibc',
    );
    expect(conflictOf([musl(), other])).toBe(
      'shards x86_64-musl (artifact malloc-matrix-shard-0123abcd-x86_64-musl) and x86_64-glibc (artifact malloc-matrix-shard-0123abcd-x86_64-glibc) disagree on the command: "./bench --iterations 200000 corpus/*.json" vs "./bench --quick"; a merge takes the shards of one benchmark run only',
    );
  });

  it('refuses a shard of another configuration, naming the config hashes and the setting', () => {
    const other = fromArtifact(shardResults({ libcs: ['glibc'], runs: 20 }), 'x86_64-glibc');
    const message = conflictOf([musl(), other]);
    const [a, b] = [musl(), other].map((s) => sharedConfigHash(s.results!));
    expect(a).not.toBe(b);
    expect(message).toContain(`disagree on the config hash (${a} vs ${b}): runs 10 vs runs 20`);
    expect(message).toContain('x86_64-musl');
    expect(message).toContain('x86_64-glibc');
  });

  it('merges runs: auto shards that sized different rounds with the same settings', () => {
    const { results } = mergeShards([
      fromArtifact(sized(shardResults({ libcs: ['musl'] }), 40), 'x86_64-musl'),
      fromArtifact(sized(shardResults({ arch: 'arm64', libcs: ['glibc'] }), 25), 'arm64-glibc'),
    ]);
    expect(resultsSchema.parse(results)).toBeDefined();
    expect(results.config.runs).toBe(40);
    expect(results.sizing?.environments).toEqual([
      { libc: 'musl', arch: 'x64', rounds: 40 },
      { libc: 'glibc', arch: 'arm64', rounds: 25 },
    ]);
    expect(roundsText(results)).toBe('40 (x86_64 musl) / 25 (arm64 glibc)');
    // The merged run is described as runs: auto, so the gate needs the floor, not the most rounds.
    const config = mergedRunConfig(
      parseConfig((name) => ({ mode: 'merge', 'min-runs': '5' })[name as string], {
        label: (name) => name,
        randomSeed: () => 1,
      }),
      results,
    );
    expect([config.runs, config.minRuns, config.minTimeMs]).toEqual(['auto', 10, 3000]);
  });

  it('refuses runs: auto shards sized with other settings', () => {
    const other = fromArtifact(sized(shardResults({ libcs: ['glibc'] }), 25, 5000), 'x86_64-glibc');
    const mine = fromArtifact(sized(shardResults({ libcs: ['musl'] }), 40), 'x86_64-musl');
    expect(conflictOf([mine, other])).toContain(
      'runs auto (min-runs 10, min-time 3000 ms, max-runs 200, max-time 600000 ms) vs runs auto (min-runs 10, min-time 5000 ms, max-runs 200, max-time 600000 ms)',
    );
  });

  it('refuses shards of another commit', () => {
    const other = fromArtifact(
      shardResults({ libcs: ['glibc'], headCommit: 'a'.repeat(40) }),
      'x86_64-glibc',
    );
    expect(conflictOf([musl(), other])).toContain(
      `disagree on the head commit: "f00dfeed1234567890abcdef1234567890abcdef" vs "${'a'.repeat(40)}"`,
    );
  });

  it('refuses two shards that measured the same cell, naming both and the cell', () => {
    const again = fromArtifact(
      shardResults({ libcs: ['musl'], allocators: ['jemalloc'] }),
      'x86_64-musl-jemalloc',
    );
    expect(conflictOf([musl(), again])).toBe(
      'shards x86_64-musl (artifact malloc-matrix-shard-0123abcd-x86_64-musl) and x86_64-musl-jemalloc (artifact malloc-matrix-shard-0123abcd-x86_64-musl-jemalloc) both measured x86_64 musl/jemalloc; give each shard its own libcs, allocators or runner',
    );
  });

  it('merges allocator subsets of one libc that do not overlap', () => {
    const a = fromArtifact(
      shardResults({ libcs: ['musl'], allocators: ['default', 'mimalloc'] }),
      'x86_64-musl-a',
    );
    const b = fromArtifact(shardResults({ libcs: ['musl'], allocators: ['jemalloc'] }), 'x86_64-musl-b');
    const { results, warnings } = mergeShards([a, b]);
    expect(warnings).toEqual([]);
    expect(results.config.allocators.map((x) => x.name)).toEqual(['default', 'mimalloc', 'jemalloc']);
    expect(head(results).every((c) => c.status === 'ok')).toBe(true);
  });
});
