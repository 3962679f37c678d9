import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readResultsFile, serializeResults, writeResultsAtomic } from '../src/results/io.js';
import { fullDiskFs } from './fakes/atomic-write-fs.js';
import { allOkResults, mixedResults } from './fixtures/results.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mm-results-io-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeResultsAtomic', () => {
  test('writes a file that reads back equal, creating its directory', async () => {
    const file = path.join(dir, 'out', 'nested', 'results.json');
    const results = mixedResults();
    await writeResultsAtomic(file, results);
    expect(await readFile(file, 'utf8')).toBe(serializeResults(results));
    expect(await readResultsFile(file)).toEqual(JSON.parse(JSON.stringify(results)));
    expect(await readdir(path.dirname(file))).toEqual(['results.json']);
  });

  test('replaces an existing file', async () => {
    const file = path.join(dir, 'results.json');
    await writeResultsAtomic(file, mixedResults());
    await writeResultsAtomic(file, allOkResults());
    expect((await readResultsFile(file)).cells).toHaveLength(allOkResults().cells.length);
  });

  test('on a full disk: a clear error, the old file intact, no temporary file left', async () => {
    const file = path.join(dir, 'results.json');
    await writeResultsAtomic(file, mixedResults());
    const before = await readFile(file, 'utf8');
    await expect(writeResultsAtomic(file, allOkResults(), fullDiskFs())).rejects.toThrow(
      `could not write results to ${file}: ENOSPC: no space left on device, write; the previous file is unchanged`,
    );
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['results.json']);
  });

  test('on a full disk with no earlier file: no file at all rather than half of one', async () => {
    const file = path.join(dir, 'results.json');
    await expect(writeResultsAtomic(file, mixedResults(), fullDiskFs())).rejects.toThrow(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });

  test('says so when even the temporary file cannot be removed', async () => {
    const file = path.join(dir, 'results.json');
    const stuck = fullDiskFs({ unlink: () => Promise.reject(new Error('EPERM: operation not permitted')) });
    await expect(writeResultsAtomic(file, mixedResults(), stuck)).rejects.toThrow(
      /the previous file is unchanged \(and the temporary file .*\.tmp could not be removed: EPERM: operation not permitted\)$/,
    );
  });

  test('refuses results that could not be read back (a NaN) and leaves the target alone', async () => {
    const file = path.join(dir, 'results.json');
    const results = mixedResults();
    results.cells[0].summary!.wall.median = Number.NaN;
    await expect(writeResultsAtomic(file, results)).rejects.toThrow(
      new RegExp(
        `^refusing to write invalid results to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cells\\[0\\]\\.summary\\.wall\\.median: `,
      ),
    );
    expect(await readdir(dir)).toEqual([]);
  });

  test('names the directory it cannot create', async () => {
    const blocker = path.join(dir, 'blocker');
    await writeFile(blocker, 'a file, not a directory');
    const file = path.join(blocker, 'results.json');
    await expect(writeResultsAtomic(file, mixedResults())).rejects.toThrow(
      `could not write results to ${file}: cannot create directory ${blocker}`,
    );
  });
});

describe('readResultsFile', () => {
  test('a missing file names the path', async () => {
    const file = path.join(dir, 'nope.json');
    await expect(readResultsFile(file, 'baseline file')).rejects.toThrow(
      `baseline file ${file} does not exist`,
    );
  });

  test('a directory is named as such', async () => {
    const sub = path.join(dir, 'sub');
    await mkdir(sub);
    await expect(readResultsFile(sub)).rejects.toThrow(
      `results file ${sub} is a directory, expected a JSON file`,
    );
  });

  test('a truncated file names the file and the JSON problem', async () => {
    const file = path.join(dir, 'cut.json');
    const text = serializeResults(mixedResults());
    await writeFile(file, text.slice(0, 200));
    await expect(readResultsFile(file, 'baseline file')).rejects.toThrow(
      new RegExp(`^baseline file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(`),
    );
  });

  test('a future version is refused with the version named', async () => {
    const file = path.join(dir, 'v2.json');
    await writeFile(file, JSON.stringify({ ...mixedResults(), version: 3 }));
    await expect(readResultsFile(file)).rejects.toThrow(
      `results file ${file}: version 3 is newer than this malloc-matrix understands (2)`,
    );
  });
});
