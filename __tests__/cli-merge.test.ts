import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliIo } from '../src/cli/run-cli.js';
import { EXIT } from '../src/config/names.js';
import { serializeResults } from '../src/results/io.js';
import type { Results } from '../src/results/model.js';
import { resultsSchema } from '../src/results/model.js';
import { fakeServices } from './fakes/services.js';
import { shardResults, steady } from './fixtures/shards.js';

let tmp: string;
let out: string;
let err: string;

function io(): CliIo {
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    env: {},
    cwd: tmp,
  };
}

function file(name: string, results: Results): string {
  writeFileSync(path.join(tmp, name), serializeResults(results));
  return name;
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mm-cli-merge-'));
  out = '';
  err = '';
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('malloc-matrix merge', () => {
  it('merges results files into one table, one markdown report and one JSON file', async () => {
    const a = file('musl.json', shardResults({ libcs: ['musl'], base: true }));
    const b = file('glibc.json', shardResults({ libcs: ['glibc'], base: true }));
    const code = await runCli(
      ['merge', a, b, '--markdown', 'report.md', '--json', 'merged.json'],
      io(),
      fakeServices().services,
    );
    expect(err).not.toContain('warning');
    expect(code).toBe(EXIT.ok);
    expect(out.split('\n')[0]).toMatch(/^libc\s+default\s+mimalloc\s+jemalloc$/);
    expect(out).toMatch(/^musl\s/m);
    expect(out).toMatch(/^glibc\s/m);
    const merged = resultsSchema.parse(JSON.parse(readFileSync(path.join(tmp, 'merged.json'), 'utf8')));
    expect(merged.shards?.map((s) => s.id)).toEqual([
      'x86_64-musl-default-mimalloc-jemalloc',
      'x86_64-glibc-default-mimalloc-jemalloc',
    ]);
    expect(merged.comparisons).toHaveLength(12);
    const markdown = readFileSync(path.join(tmp, 'report.md'), 'utf8');
    expect(markdown).toContain('| **musl** |');
    expect(markdown).toContain('Compared with base');
    expect(markdown).toContain('malloc-matrix --executor docker --libcs musl,glibc');
  });

  it('keys the rows by architecture for x86_64 files and one that claims arm64', async () => {
    const files = [
      file('x-musl.json', shardResults({ arch: 'x64', libcs: ['musl'] })),
      file('x-glibc.json', shardResults({ arch: 'x64', libcs: ['glibc'] })),
      file('arm.json', shardResults({ arch: 'arm64', libcs: ['musl', 'glibc'] })),
    ];
    expect(await runCli(['merge', ...files], io(), fakeServices().services)).toBe(EXIT.ok);
    const rows = out.split('\n').flatMap((line) => /^(x86_64|arm64) (musl|glibc)\b/.exec(line)?.[0] ?? []);
    expect(rows).toEqual(['x86_64 musl', 'x86_64 glibc', 'arm64 musl', 'arm64 glibc']);
  });

  it('exits 1 on a regression of any shard, naming the cell with its architecture', async () => {
    const slow = steady(500).map((w) => w * 1.2);
    const files = [
      file('x.json', shardResults({ libcs: ['musl'], base: true })),
      file(
        'a.json',
        shardResults({
          arch: 'arm64',
          libcs: ['musl'],
          head: { default: slow },
          base: { default: steady(500) },
        }),
      ),
    ];
    expect(await runCli(['merge', ...files], io(), fakeServices().services)).toBe(EXIT.regression);
    expect(err).toMatch(/^regression: arm64 musl\/default: wall \+20\.0%/m);
    expect(
      await runCli(['merge', ...files, '--fail-on-regression', 'false'], io(), fakeServices().services),
    ).toBe(EXIT.ok);
  });

  it('exits 3 naming both files when they ran different commands, and 3 when none can be read', async () => {
    const a = file('a.json', shardResults({ libcs: ['musl'] }));
    const b = file('b.json', shardResults({ libcs: ['glibc'], command: './other' }));
    expect(await runCli(['merge', a, b], io(), fakeServices().services)).toBe(EXIT.failure);
    expect(err).toContain(`(${path.join(tmp, 'a.json')}) and `);
    expect(err).toContain(`(${path.join(tmp, 'b.json')}) disagree on the command`);
    err = '';
    expect(await runCli(['merge', 'missing.json'], io(), fakeServices().services)).toBe(EXIT.failure);
    expect(err).toBe(
      `malloc-matrix merge: no shard delivered results (${path.join(tmp, 'missing.json')}: shard results ${path.join(tmp, 'missing.json')} does not exist)\n`,
    );
  });

  it('warns about a file it could not read and merges the rest', async () => {
    const a = file('a.json', shardResults({ libcs: ['musl'] }));
    writeFileSync(path.join(tmp, 'broken.json'), '{');
    expect(await runCli(['merge', a, 'broken.json'], io(), fakeServices().services)).toBe(EXIT.ok);
    expect(err).toContain(`warning: shard ${path.join(tmp, 'broken.json')}: its results were refused: `);
  });

  it.each([
    [['merge'], 'malloc-matrix merge needs the shards’ results files'],
    [
      ['merge', 'a.json', '--runs', '5'],
      "--runs is not used by malloc-matrix merge: the shards' own settings apply",
    ],
    [['merge', 'a.json', '--threshold', 'lots'], 'Invalid --threshold: "lots"'],
    [
      ['--mode', 'merge'],
      '--mode merge is for the GitHub Action; merge results files with: malloc-matrix merge',
    ],
  ])('exits 2 on %j', async (argv, message) => {
    expect(await runCli(argv, io(), fakeServices().services)).toBe(EXIT.usage);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
