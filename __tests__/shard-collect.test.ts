import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeResults } from '../src/results/io.js';
import { collectFromFiles, collectFromStore } from '../src/shards/collect.js';
import { asShard, shardPipelineConfig, uploadShard } from '../src/shards/shard-run.js';
import { shardArtifactName } from '../src/shards/shard-id.js';
import { parseConfig } from '../src/config/parse.js';
import type { Results } from '../src/results/model.js';
import { FakeShardStore } from './fakes/shard-store.js';
import { shardResults } from './fixtures/shards.js';

let tmp: string;
let store: FakeShardStore;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mm-collect-'));
  store = new FakeShardStore(path.join(tmp, 'downloads'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const MUSL = shardArtifactName('json-parse', 'x86_64-musl');
const GLIBC = shardArtifactName('json-parse', 'x86_64-glibc');

describe('collectFromStore', () => {
  it('downloads every shard artifact of the run and leaves other artifacts alone', async () => {
    store.add(MUSL, { 'results.json': serializeResults(asShard(shardResults({ libcs: ['musl'] }))) });
    store.add('coverage', { 'lcov.info': 'TN:' });
    const shards = await collectFromStore(store);
    expect(shards.map((s) => [s.id, s.source, s.fromArtifact, s.refused])).toEqual([
      ['x86_64-musl', MUSL, true, undefined],
    ]);
    expect(shards[0].results?.config.libcs).toEqual(['musl']);
  });

  it('turns a failed download, a wrong file set and an invalid file into refusals with reasons', async () => {
    store.add(MUSL, { 'results.json': serializeResults(shardResults({ libcs: ['musl'] })) });
    store.add(GLIBC, { 'results.json': '{}' });
    store.add(shardArtifactName('json-parse', 'arm64-musl'), { 'a.json': '{}', 'b.json': '{}' });
    store.add(shardArtifactName('json-parse', 'arm64-glibc'), {});
    store.failing.set(
      shardArtifactName('json-parse', 'arm64-glibc'),
      'Artifact download failed after 5 retries.',
    );
    const shards = await collectFromStore(store);
    const refusals = Object.fromEntries(shards.map((s) => [s.id, s.refused]));
    expect(refusals['x86_64-musl']).toBeUndefined();
    expect(refusals['x86_64-glibc']).toMatch(/^shard results .*results\.json: /);
    expect(refusals['arm64-musl']).toBe(
      'the artifact holds 2 file(s), 2 of them JSON; a shard uploads exactly one results file',
    );
    expect(refusals['arm64-glibc']).toBe('Artifact download failed after 5 retries.');
  });
});

describe('collectFromFiles', () => {
  it('reads each file as untrusted input: a missing or oversized one is a refusal', async () => {
    const good = path.join(tmp, 'musl.json');
    writeFileSync(good, serializeResults(shardResults({ libcs: ['musl'] })));
    const huge = path.join(tmp, 'huge.json');
    writeFileSync(huge, JSON.stringify({ cells: Array.from({ length: 1001 }, () => ({})) }));
    const shards = await collectFromFiles([good, path.join(tmp, 'nope.json'), huge]);
    expect(shards[0].results?.name).toBe('json-parse');
    expect(shards[1].refused).toBe(`shard results ${path.join(tmp, 'nope.json')} does not exist`);
    expect(shards[2].refused).toBe(
      `shard results ${huge} is refused: cells has 1,001 entries; the limit is 1,000 cells`,
    );
  });
});

describe('a shard job', () => {
  it('writes its results marked as its own and uploads them under its artifact name', async () => {
    const file = path.join(tmp, 'out', 'results.json');
    const shard = await uploadShard(store, shardResults({ arch: 'arm64', libcs: ['glibc'] }), { file });
    expect(shard.shardId).toBe('arm64-glibc-default-mimalloc-jemalloc');
    expect(store.uploads).toEqual([shard.artifact]);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Results;
    expect(written.shards).toEqual([
      expect.objectContaining({ id: shard.shardId, status: 'merged', libcs: ['glibc'] }),
    ]);
    expect(written.cells.every((c) => c.arch === 'arm64')).toBe(true);
  });

  it('says which artifact it could not upload, and leaves the results file written', async () => {
    const file = path.join(tmp, 'out', 'results.json');
    store.upload = () =>
      Promise.reject(new Error('Failed to CreateArtifact: Received non-retryable error: (403)'));
    await expect(
      uploadShard(store, shardResults({ libcs: ['musl'] }), { file, shardId: 'x86_64-musl' }),
    ).rejects.toThrow(
      `could not upload this shard's results as artifact ${MUSL}: Failed to CreateArtifact: Received non-retryable error: (403)`,
    );
    expect((JSON.parse(readFileSync(file, 'utf8')) as Results).shards?.[0].id).toBe('x86_64-musl');
  });

  it('runs without comment, gate or cached baseline: the merge does those for every cell', () => {
    const given: Record<string, string> = {
      mode: 'shard',
      run: './bench',
      baseline: 'cache',
      'require-baseline': 'true',
    };
    const config = parseConfig((name) => given[name], { label: (name) => name, randomSeed: () => 1 });
    const run = shardPipelineConfig(config);
    expect([run.comment, run.failOnRegression, run.requireBaseline, run.baseline]).toEqual([
      'never',
      false,
      false,
      { kind: 'none' },
    ]);
    const paired = shardPipelineConfig({ ...config, baseline: { kind: 'auto' } });
    expect(paired.baseline).toEqual({ kind: 'auto' });
  });
});
