import { describe, expect, it } from '@jest/globals';
import {
  deriveShardId,
  scopeFromId,
  scopeOf,
  shardArtifactName,
  shardIdOfArtifact,
  type ShardScope,
} from '../src/shards/shard-id.js';
import { shardResults } from './fixtures/shards.js';

const DOCKER_DEFAULT = ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'];

describe('deriveShardId', () => {
  it.each<[string, ShardScope, string]>([
    [
      'one libc on x86_64',
      { arch: 'x64', libcs: ['musl'], allocators: DOCKER_DEFAULT, executor: 'docker' },
      'x86_64-musl',
    ],
    [
      'arm64 keeps its name',
      { arch: 'arm64', libcs: ['glibc'], allocators: DOCKER_DEFAULT, executor: 'docker' },
      'arm64-glibc',
    ],
    [
      'both libcs',
      { arch: 'x64', libcs: ['musl', 'glibc'], allocators: DOCKER_DEFAULT, executor: 'docker' },
      'x86_64-musl-glibc',
    ],
    [
      'an allocator subset is named',
      { arch: 'arm64', libcs: ['glibc'], allocators: ['mimalloc', 'jemalloc'], executor: 'docker' },
      'arm64-glibc-mimalloc-jemalloc',
    ],
    [
      "the host executor's default list is not named",
      {
        arch: 'x64',
        libcs: ['glibc'],
        allocators: ['default', 'mimalloc', 'jemalloc', 'tcmalloc'],
        executor: 'host',
      },
      'x86_64-glibc',
    ],
    [
      'another architecture as Node names it',
      { arch: 'riscv64', libcs: ['musl'], allocators: DOCKER_DEFAULT, executor: 'docker' },
      'riscv64-musl',
    ],
  ])('%s', (_name, scope, id) => {
    expect(deriveShardId(scope)).toBe(id);
  });

  it('shortens a long id with a hash that still tells two lists apart', () => {
    const many = Array.from({ length: 12 }, (_, i) => `custom-allocator-${i}`);
    const a = deriveShardId({ arch: 'x64', libcs: ['musl'], allocators: many, executor: 'docker' });
    const b = deriveShardId({ arch: 'x64', libcs: ['musl'], allocators: [...many, 'x'], executor: 'docker' });
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).toMatch(/^x86_64-musl-custom-allocator-0-.*-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it('is what a results file says it measured', () => {
    const results = shardResults({ arch: 'arm64', libcs: ['musl'] });
    expect(deriveShardId(scopeOf(results))).toBe('arm64-musl-default-mimalloc-jemalloc');
  });
});

describe('scopeFromId', () => {
  it('reads the architecture and libcs back from a derived id', () => {
    expect(scopeFromId('arm64-musl')).toEqual({ arch: 'arm64', libcs: ['musl'] });
    expect(scopeFromId('x86_64-musl-glibc-mimalloc')).toEqual({ arch: 'x64', libcs: ['musl', 'glibc'] });
  });

  it('knows nothing of an id the workflow chose', () => {
    expect(scopeFromId('fast-runner')).toBeUndefined();
    expect(scopeFromId('x86_64-mimalloc')).toBeUndefined();
  });
});

describe('shard artifact names', () => {
  it('carry a hash of the benchmark name and the shard id, and read back', () => {
    const name = shardArtifactName('json-parse', 'x86_64-musl');
    expect(name).toMatch(/^malloc-matrix-shard-[0-9a-f]{8}-x86_64-musl$/);
    expect(shardIdOfArtifact(name)).toBe('x86_64-musl');
    expect(shardIdOfArtifact(name, 'json-parse')).toBe('x86_64-musl');
  });

  it("are not another benchmark's, and other artifacts are no shards", () => {
    const name = shardArtifactName('json-parse', 'x86_64-musl');
    expect(shardIdOfArtifact(name, 'xml-parse')).toBeUndefined();
    expect(shardIdOfArtifact('malloc-matrix-results')).toBeUndefined();
    expect(shardIdOfArtifact('coverage-report')).toBeUndefined();
  });

  it('fit any benchmark name into the characters an artifact name allows', () => {
    const name = shardArtifactName('parse: "a/b" | c\\d *?<>', 'arm64-glibc');
    expect(name).not.toMatch(/["<>|*?\\/:\r\n]/);
  });
});
