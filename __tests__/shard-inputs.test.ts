import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config/parse.js';

function parse(inputs: Record<string, string>) {
  return parseConfig((name) => inputs[name], { label: (name) => `input '${name}'`, randomSeed: () => 7 });
}

function errorOf(inputs: Record<string, string>): string {
  try {
    parse(inputs);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('mode: shard', () => {
  it('measures like a benchmark, with an optional shard id', () => {
    expect(parse({ mode: 'shard', run: './bench', libcs: 'musl' })).toMatchObject({
      mode: 'shard',
      libcs: ['musl'],
      shardId: undefined,
    });
    expect(parse({ mode: 'shard', run: './bench', 'shard-id': 'arm64-glibc.2' }).shardId).toBe(
      'arm64-glibc.2',
    );
  });

  it.each([
    ['a/b', 'the artifact name allows no slash'],
    ['-x86', 'no leading dash'],
    ['x'.repeat(65), 'at most 64 characters'],
    ['musl glibc', 'no space'],
  ])('refuses shard-id %j (%s)', (value) => {
    expect(errorOf({ mode: 'shard', run: './bench', 'shard-id': value })).toBe(
      `Invalid input 'shard-id': ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}. Expected letters, digits, ".", "_" or "-" (1 to 64, starting with a letter or digit).`,
    );
  });

  it('refuses a shard id outside mode shard', () => {
    expect(errorOf({ run: './bench', 'shard-id': 'x86_64-musl' })).toBe(
      `input 'shard-id' only names a shard in input 'mode' "shard".`,
    );
  });
});

describe('mode: merge', () => {
  it('needs no command and takes its name from the shards unless given one', () => {
    const merge = parse({ mode: 'merge' });
    expect(merge.mode).toBe('merge');
    expect(merge.name).toBe('');
    expect(parse({ mode: 'merge', name: 'json-parse' }).name).toBe('json-parse');
    expect(parse({ mode: 'merge', threshold: '3%' }).threshold).toBeCloseTo(0.03);
  });

  it('refuses a command: the shards ran it', () => {
    expect(errorOf({ mode: 'merge', run: './bench' })).toBe(
      `input 'run' is not used in input 'mode' "merge", which merges the shards' results.`,
    );
  });

  it('refuses a results file, which only report mode reads', () => {
    expect(errorOf({ mode: 'merge', 'results-file': 'r.json' })).toBe(
      `input 'results-file' is only read in input 'mode' "report".`,
    );
  });

  it('names the accepted modes', () => {
    expect(errorOf({ mode: 'split', run: './bench' })).toBe(
      `Invalid input 'mode': "split". Expected one of benchmark, report, shard, merge.`,
    );
  });
});
