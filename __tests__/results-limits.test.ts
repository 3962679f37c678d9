// A results file from elsewhere (mode: report) is refused with one line naming the limit when it
// is too big, or holds too many cells, runs, comparisons or too long strings.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readResultsFile, readUntrustedResultsFile, serializeResults } from '../src/results/io.js';
import { exceededLimit, type ResultsLimits } from '../src/results/limits.js';
import type { Results } from '../src/results/model.js';
import { mixedResults, okCell, run, unavailableCell, withPairedBaseline } from './fixtures/results.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mm-limits-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(text: string, name = 'results.json'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Limits small enough that each test can cross one of them with little data. */
const SMALL: ResultsLimits = {
  fileBytes: 1024 * 1024,
  cells: 30,
  runsPerCell: 50,
  comparisons: 10,
  environments: 3,
  allocators: 8,
  otherEntries: 20,
  stringChars: 100,
  depth: 8,
};

describe('readUntrustedResultsFile', () => {
  test('reads a real results file exactly as readResultsFile does', async () => {
    const file = await fileWith(serializeResults(withPairedBaseline(mixedResults())));
    await expect(readUntrustedResultsFile(file)).resolves.toEqual(await readResultsFile(file));
  });

  test('refuses an artifact of 100,000 cells with one line naming the limit', async () => {
    const results = mixedResults();
    const cell = unavailableCell('musl', 'x', 'unavailable');
    results.cells = Array.from({ length: 100_000 }, () => cell);
    const file = await fileWith(JSON.stringify(results));
    await expect(readUntrustedResultsFile(file)).rejects.toThrow(
      `results file ${file} is refused: cells has 100,000 entries; the limit is 1,000 cells`,
    );
  });

  test('refuses a file over 16 MiB from its size, before reading it', async () => {
    const file = await fileWith('{}');
    await truncate(file, 16 * 1024 * 1024 + 1);
    await expect(readUntrustedResultsFile(file, 'results-file')).rejects.toThrow(
      `results-file ${file} is refused: it is 16,777,217 bytes; the limit is 16 MiB (16,777,216 bytes)`,
    );
  });

  const endless = '/dev/zero';
  (existsSync(endless) ? test : test.skip)('stops reading a file that never ends at the limit', async () => {
    await expect(readUntrustedResultsFile(endless)).rejects.toThrow(
      `results file ${endless} is refused: it holds more than 16 MiB (16,777,216 bytes); the limit is 16 MiB (16,777,216 bytes)`,
    );
  });

  test('still names a missing file and invalid JSON as readResultsFile does', async () => {
    const missing = path.join(dir, 'nope.json');
    await expect(readUntrustedResultsFile(missing)).rejects.toThrow(`results file ${missing} does not exist`);
    const broken = await fileWith('{ not json');
    await expect(readUntrustedResultsFile(broken)).rejects.toThrow('not valid JSON');
    await expect(readUntrustedResultsFile(dir)).rejects.toThrow('is a directory');
  });

  test('accepts a long real run: 20 cells of 1,000 runs each', async () => {
    const results = mixedResults();
    const runs = Array.from({ length: 1_000 }, (_, i) => run('measured', i, 100 + (i % 7), 9000));
    results.cells = Array.from({ length: 20 }, (_, i) => ({
      ...okCell(i % 2 ? 'musl' : 'glibc', `a${i}`, 100, 9000),
      runs,
    }));
    const file = await fileWith(serializeResults(results));
    await expect(readUntrustedResultsFile(file)).resolves.toMatchObject({ name: results.name });
  });
});

describe('exceededLimit', () => {
  test('a real results file is within the default limits and the small ones', () => {
    expect(exceededLimit(withPairedBaseline(mixedResults()))).toBeUndefined();
    expect(exceededLimit(mixedResults(), { ...SMALL, stringChars: 1000 })).toBeUndefined();
  });

  const many = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);
  test.each<[string, (r: Results) => void, string]>([
    [
      'cells',
      (r) => (r.cells = many(31, unavailableCell('musl', 'x', 'gone'))),
      'cells has 31 entries; the limit is 30 cells',
    ],
    [
      'runs per cell',
      (r) => (r.cells[0].runs = many(51, run('measured', 0, 1, 1))),
      'cells[0].runs has 51 entries; the limit is 50 runs per cell',
    ],
    [
      'comparisons',
      (r) =>
        (r.comparisons = withPairedBaseline(r).comparisons!.concat(
          many(5, withPairedBaseline(r).comparisons![0]),
        )),
      'comparisons has 12 entries; the limit is 10 comparisons',
    ],
    [
      'environments',
      (r) => (r.environments = many(4, r.environments[0])),
      'environments has 4 entries; the limit is 3 environments',
    ],
    [
      'allocators',
      (r) => (r.config.allocators = many(9, { name: 'x', kind: 'builtin' })),
      'config.allocators has 9 entries; the limit is 8 allocators',
    ],
    [
      'any other list',
      (r) => (r.cells[0].warnings = many(21, 'slow')),
      'cells[0].warnings has 21 entries; the limit is 20 entries per list',
    ],
    [
      'a map',
      (r) => (r.environments[0].osRelease = Object.fromEntries(many(21, 0).map((_, i) => [`K${i}`, 'v']))),
      'environments[0].osRelease has 21 entries; the limit is 20 entries per map',
    ],
    [
      'a string',
      (r) => (r.cells[3].reason = 'x'.repeat(101)),
      'cells[3].reason is 101 characters long; the limit is 100 characters per string',
    ],
    [
      'a key',
      (r) => (r.environments[0].osRelease = { ['K'.repeat(101)]: 'v' }),
      'a key in environments[0].osRelease is 101 characters long; the limit is 100 characters per string',
    ],
  ])('refuses too many or too long: %s', (_what, grow, message) => {
    const results = mixedResults();
    results.config.allocators = results.config.allocators.slice(0, 5);
    results.cells = results.cells.slice(0, 6);
    grow(results);
    expect(exceededLimit(results, SMALL)).toBe(message);
  });

  test('refuses deep nesting, even 100,000 levels under an unknown key, without overflowing', () => {
    const text = `{"schema":"malloc-matrix/results","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(exceededLimit(JSON.parse(text))).toBe(
      `x${'[0]'.repeat(31)} nests deeper than 32 levels; the limit is 32 levels`,
    );
  });
});
