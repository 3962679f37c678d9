import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  cacheKey,
  configHash,
  configHashOf,
  encodeBranch,
  fileSystemStore,
  restoreBaseline,
  restoreKeys,
  saveBaseline,
  type BaselineStore,
  type ConfigHashInput,
} from '../src/baseline/cache.js';
import type { Results } from '../src/results/model.js';
import { serializeResults } from '../src/results/io.js';
import { allOkResults, mixedResults } from './fixtures/results.js';

const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'b'.repeat(40);
const COMMIT_C = 'c'.repeat(40);

const CONFIG: ConfigHashInput = {
  command: { kind: 'shell', script: './bench' },
  allocators: [
    { name: 'default', kind: 'builtin' },
    { name: 'mimalloc', kind: 'builtin' },
  ],
  libcs: ['musl', 'glibc'],
  metric: 'wall',
  runs: 10,
};

describe('configHash', () => {
  test('is 16 hex digits and ignores key order, list order and absent fields', () => {
    const hash = configHash(CONFIG);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const reordered: ConfigHashInput = {
      runs: 10,
      metric: 'wall',
      libcs: ['glibc', 'musl'],
      allocators: [
        { kind: 'builtin', name: 'mimalloc' },
        { kind: 'builtin', name: 'default' },
      ],
      command: { script: './bench', kind: 'shell' },
      setup: undefined,
    };
    expect(configHash(reordered)).toBe(hash);
  });

  test.each<[string, Partial<ConfigHashInput>]>([
    ['the command', { command: { kind: 'shell', script: './bench --fast' } }],
    ['argv instead of shell', { command: { kind: 'argv', argv: ['./bench'] } }],
    ['the setup script', { setup: 'apk add zlib' }],
    ['the images', { images: { musl: 'example/musl:2' } }],
    ['the allocators', { allocators: [{ name: 'default', kind: 'builtin' }] }],
    ['a custom allocator path', { allocators: [{ name: 'mimalloc', kind: 'custom', path: './libm.so' }] }],
    ['the libcs', { libcs: ['musl'] }],
    ['the metric', { metric: 'cpu' }],
    ['the number of runs', { runs: 20 }],
  ])('changes with %s', (_name, change) => {
    expect(configHash({ ...CONFIG, ...change })).not.toBe(configHash(CONFIG));
  });

  test('configHashOf reads the same settings from a results file', () => {
    const results = mixedResults();
    const { setup, images, allocators, libcs, metric, runs } = results.config;
    expect(configHashOf(results)).toBe(
      configHash({ command: results.command, setup, images, allocators, libcs, metric, runs }),
    );
  });
});

describe('cache keys', () => {
  const hash = configHash(CONFIG);

  test('cacheKey is prefix-hash-branch-commit and starts with the restore key', () => {
    const parts = {
      prefix: 'malloc-matrix-json',
      configHash: hash,
      branch: 'main',
      commit: COMMIT_A.toUpperCase(),
    };
    expect(cacheKey(parts)).toBe(`malloc-matrix-json-${hash}-main-${COMMIT_A}`);
    expect(restoreKeys(parts)).toEqual([`malloc-matrix-json-${hash}-main-`]);
    expect(cacheKey(parts).startsWith(restoreKeys(parts)[0])).toBe(true);
  });

  test.each([
    ['main', 'main'],
    ['release/1.2', 'release%2F1.2'],
    ['feature-x', 'feature%2Dx'],
    ['fix/ü', 'fix%2F%C3%BC'],
    ['a,b c', 'a%2Cb%20c'],
  ])('branch %s is encoded as %s', (branch, encoded) => {
    expect(encodeBranch(branch)).toBe(encoded);
  });

  test('the restore key of one branch matches no key of another', () => {
    const key = (branch: string) => cacheKey({ prefix: 'p', configHash: hash, branch, commit: COMMIT_A });
    const [mainPrefix] = restoreKeys({ prefix: 'p', configHash: hash, branch: 'main' });
    for (const other of ['main-old', 'main/next', 'mainline'])
      expect(key(other).startsWith(mainPrefix)).toBe(false);
    expect(key('feature/x')).not.toBe(key('feature-x'));
  });

  test.each<[string, Record<string, string>, string]>([
    [
      'an empty prefix',
      { prefix: '' },
      'cache key: prefix "" must be non-empty, without commas or white space',
    ],
    ['a prefix with a comma', { prefix: 'a,b' }, 'cache key: prefix "a,b" must be non-empty'],
    ['an empty branch', { branch: '' }, 'cache key: the branch name is empty'],
    [
      'a short commit',
      { commit: 'abc1234' },
      'cache key: commit "abc1234" is not a full commit id (40 hex digits)',
    ],
    [
      'a bad config hash',
      { configHash: 'XYZ' },
      'cache key: config hash "XYZ" is not 16 lowercase hex digits',
    ],
    ['a key over 512 characters', { prefix: 'p'.repeat(500) }, "characters, over the cache's 512"],
  ])('refuses %s', (_name, change, message) => {
    expect(() =>
      cacheKey({ prefix: 'p', configHash: hash, branch: 'main', commit: COMMIT_A, ...change }),
    ).toThrow(message);
  });
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mm-baseline-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saveText(store: BaselineStore, file: string, text: string, key: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  await store.save([file], key);
}

describe('fileSystemStore', () => {
  test('restores the exact key, else the newest entry by prefix, restore keys in order', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'work', 'entry.txt');
    await saveText(store, file, 'main A', 'p-main-A');
    await saveText(store, file, 'main B', 'p-main-B');
    await saveText(store, file, 'dev C', 'p-dev-C');
    const restore = async (primary: string, keys: string[]) => {
      await rm(file, { force: true });
      const key = await store.restore([file], primary, keys);
      return key === undefined ? undefined : { key, text: await readFile(file, 'utf8') };
    };
    expect(await restore('p-main-A', ['p-main-'])).toEqual({ key: 'p-main-A', text: 'main A' });
    expect(await restore('p-main-Z', ['p-main-'])).toEqual({ key: 'p-main-B', text: 'main B' });
    expect(await restore('p-main-', [])).toEqual({ key: 'p-main-B', text: 'main B' });
    expect(await restore('p-feature-Z', ['p-main-', 'p-dev-'])).toEqual({ key: 'p-main-B', text: 'main B' });
    expect(await restore('p-feature-Z', ['p-dev-', 'p-main-'])).toEqual({ key: 'p-dev-C', text: 'dev C' });
    expect(await restore('p-feature-Z', ['p-feature-'])).toBeUndefined();
  });

  test('an entry restores only into the paths it was saved from', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    await saveText(store, path.join(dir, 'one.json'), 'x', 'k-1');
    expect(await store.restore([path.join(dir, 'two.json')], 'k-1', [])).toBeUndefined();
  });

  test('entries are immutable, and a failed save leaves no entry', async () => {
    const cacheDir = path.join(dir, 'cache');
    const store = fileSystemStore(cacheDir);
    const file = path.join(dir, 'f.txt');
    await saveText(store, file, 'first', 'k-1');
    await expect(saveText(store, file, 'second', 'k-1')).rejects.toThrow(
      `cache ${cacheDir}: an entry k-1 already exists`,
    );
    await expect(store.save([path.join(dir, 'missing.txt')], 'k-2')).rejects.toThrow(
      /missing\.txt does not exist/,
    );
    expect(await readdir(cacheDir)).toHaveLength(1);
    expect(await store.restore([path.join(dir, 'missing.txt')], 'k-2', ['k-'])).toBeUndefined();
  });

  test('a missing cache directory is an empty cache', async () => {
    expect(
      await fileSystemStore(path.join(dir, 'none')).restore([path.join(dir, 'f')], 'k', ['k']),
    ).toBeUndefined();
  });
});

/** Records calls; restore answers from a fixed function. */
function recordingStore(inner?: BaselineStore): BaselineStore & { saves: string[] } {
  const saves: string[] = [];
  return {
    saves,
    async save(paths, key) {
      saves.push(key);
      if (inner) await inner.save(paths, key);
    },
    restore: (paths, primary, keys) =>
      inner ? inner.restore(paths, primary, keys) : Promise.resolve(undefined),
  };
}

function branchPartsFor(results: Results, branch = 'main') {
  return { prefix: 'malloc-matrix-json-parse', configHash: configHashOf(results), branch };
}

function keyFor(results: Results, branch = 'main', commit = COMMIT_A) {
  return { ...branchPartsFor(results, branch), commit };
}

describe('saveBaseline and restoreBaseline', () => {
  test('a push saves; a pull request of that branch restores the same results', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'baseline', 'results.json');
    const results = mixedResults();
    const saved = await saveBaseline(store, results, { key: keyFor(results), eventName: 'push', file });
    expect(saved).toEqual({ kind: 'saved', key: cacheKey(keyFor(results)), runs: 1 });

    await rm(file);
    const branchParts = branchPartsFor(results);
    const restored = await restoreBaseline(store, { key: branchParts, file });
    expect(restored).toEqual({
      runs: [JSON.parse(serializeResults(results))],
      key: cacheKey(keyFor(results)),
      notes: [],
    });
  });

  test("restore takes the newest run of the branch, or the base commit's own when named", async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'results.json');
    for (const [commit, seed] of [
      [COMMIT_A, 1],
      [COMMIT_B, 2],
      [COMMIT_C, 3],
    ] as const) {
      const results = { ...mixedResults(), seed };
      await saveBaseline(store, results, { key: keyFor(results, 'main', commit), eventName: 'push', file });
    }
    const branchParts = branchPartsFor(mixedResults());
    const newest = await restoreBaseline(store, { key: branchParts, file });
    expect('runs' in newest && newest.runs[0].seed).toBe(3);
    const own = await restoreBaseline(store, { key: { ...branchParts, commit: COMMIT_A }, file });
    expect('runs' in own && own.runs[0].seed).toBe(1);
  });

  test.each(['pull_request', 'pull_request_target'])('a %s run saves nothing', async (eventName) => {
    const store = recordingStore();
    const file = path.join(dir, 'results.json');
    const outcome = await saveBaseline(store, mixedResults(), {
      key: keyFor(mixedResults()),
      eventName,
      file,
    });
    expect(outcome).toEqual({ kind: 'skipped', reason: `a ${eventName} run does not save a baseline` });
    expect(store.saves).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  test('a run that failed as a whole is not saved', async () => {
    const store = recordingStore();
    const results = { ...mixedResults(), fatalError: 'docker is not running' };
    const outcome = await saveBaseline(store, results, {
      key: keyFor(results),
      eventName: 'push',
      file: path.join(dir, 'r.json'),
    });
    expect(outcome.kind).toBe('skipped');
    expect(store.saves).toEqual([]);
  });

  test('a cache that refuses the save gives a warning naming the key', async () => {
    const store: BaselineStore = {
      save: () =>
        Promise.reject(new Error('Unable to reserve cache, another job may be creating this cache')),
      restore: () => Promise.resolve(undefined),
    };
    const results = mixedResults();
    const outcome = await saveBaseline(store, results, {
      key: keyFor(results),
      eventName: 'push',
      file: path.join(dir, 'r.json'),
    });
    expect(outcome).toEqual({
      kind: 'failed',
      warning: `baseline not saved to the cache as ${cacheKey(keyFor(results))}: Unable to reserve cache, another job may be creating this cache`,
    });
  });

  test('a bad key part gives a warning, not an exception', async () => {
    const results = mixedResults();
    const outcome = await saveBaseline(recordingStore(), results, {
      key: { ...keyFor(results), commit: 'unknown' },
      eventName: 'push',
      file: path.join(dir, 'r.json'),
    });
    expect(outcome).toEqual({
      kind: 'failed',
      warning: 'baseline not saved: cache key: commit "unknown" is not a full commit id (40 hex digits)',
    });
  });

  test('a miss is a warning, and a stale file from earlier is not taken for a hit', async () => {
    const file = path.join(dir, 'results.json');
    await writeFile(file, serializeResults(mixedResults()));
    const branchParts = branchPartsFor(mixedResults());
    const outcome = await restoreBaseline(fileSystemStore(path.join(dir, 'cache')), {
      key: branchParts,
      file,
    });
    expect(outcome).toEqual({
      warning: `no cached baseline: nothing matches ${restoreKeys(branchParts)[0]} (a push to main saves one)`,
    });
    expect(existsSync(file)).toBe(false);
  });

  test('a cache that cannot be reached is a warning', async () => {
    const store: BaselineStore = {
      save: () => Promise.resolve(),
      restore: () =>
        Promise.reject(new Error('getaddrinfo ENOTFOUND results-receiver.actions.githubusercontent.com')),
    };
    const branchParts = branchPartsFor(mixedResults());
    expect(await restoreBaseline(store, { key: branchParts, file: path.join(dir, 'r.json') })).toEqual({
      warning:
        'no cached baseline: the cache could not be read (getaddrinfo ENOTFOUND results-receiver.actions.githubusercontent.com)',
    });
  });

  test.each<[string, string, RegExp]>([
    [
      'a truncated entry',
      serializeResults(mixedResults()).slice(0, 300),
      /: not valid JSON \(.+\); ignoring it$/,
    ],
    [
      'an entry from a newer malloc-matrix',
      JSON.stringify({ ...mixedResults(), version: 3 }),
      /: version 3 is newer than this malloc-matrix understands \(2\); upgrade malloc-matrix; ignoring it$/,
    ],
    [
      'an entry with a wrong field',
      serializeResults(mixedResults()).replace('"status": "ok"', '"status": 7'),
      /: cells\[0\]\.status: .*\(got 7\); ignoring it$/,
    ],
  ])('%s is a warning naming the key', async (_name, text, expected) => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'results.json');
    const key = cacheKey(keyFor(mixedResults()));
    await saveText(store, file, text, key);
    const branchParts = branchPartsFor(mixedResults());
    const outcome = await restoreBaseline(store, { key: branchParts, file });
    expect(outcome).toEqual({ warning: expect.stringMatching(expected) });
    expect('warning' in outcome && outcome.warning.startsWith(`cached baseline ${key}: `)).toBe(true);
  });

  test('keeps the runs given before this one, newest first, up to `keep`', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'history.json');
    const at = (seed: number) => ({ ...mixedResults(), seed });
    const saved = await saveBaseline(store, at(4), {
      key: keyFor(at(4), 'main', COMMIT_B),
      eventName: 'push',
      file,
      previous: [at(3), at(2), at(1)],
      keep: 3,
    });
    expect(saved).toMatchObject({ kind: 'saved', runs: 3 });
    const restored = await restoreBaseline(store, { key: branchPartsFor(at(4)), file });
    expect('runs' in restored && restored.runs.map((r) => r.seed)).toEqual([4, 3, 2]);
  });

  test('an older stored run that cannot be read, or of other settings, is left out with a note', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'history.json');
    const newest = { ...mixedResults(), seed: 5 };
    const other = { ...allOkResults(['default']), finishedAt: '2025-03-01T00:00:00.000Z' };
    const text = JSON.stringify({
      schema: 'malloc-matrix/history',
      version: 1,
      runs: [newest, { ...mixedResults(), version: 3 }, other, { ...mixedResults(), seed: 4 }],
    });
    const key = cacheKey(keyFor(newest));
    await saveText(store, file, text, key);
    const restored = await restoreBaseline(store, { key: branchPartsFor(newest), file });
    expect('runs' in restored && restored.runs.map((r) => r.seed)).toEqual([5, 4]);
    expect('notes' in restored && restored.notes).toEqual([
      `cached baseline ${key} (run 2 of 4): version 3 is newer than this malloc-matrix understands (2); upgrade malloc-matrix; left out`,
      'a stored run of 2025-03-01T00:00:00.000Z was measured with another configuration; left out',
    ]);
  });

  test('a history whose newest run cannot be read is a warning', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'history.json');
    const text = JSON.stringify({ schema: 'malloc-matrix/history', version: 1, runs: [{ nope: 1 }] });
    await saveText(store, file, text, cacheKey(keyFor(mixedResults())));
    const outcome = await restoreBaseline(store, { key: branchPartsFor(mixedResults()), file });
    expect(outcome).toEqual({
      warning: expect.stringMatching(/\(run 1 of 1\): not a malloc-matrix results file .*; ignoring it$/),
    });
  });

  test('an entry measured with other settings than its key says is a warning', async () => {
    const store = fileSystemStore(path.join(dir, 'cache'));
    const file = path.join(dir, 'results.json');
    const expected = mixedResults();
    const other = allOkResults(['default']);
    const key = cacheKey(keyFor(expected));
    await saveText(store, file, serializeResults(other), key);
    const branchParts = branchPartsFor(expected);
    expect(await restoreBaseline(store, { key: branchParts, file })).toEqual({
      warning:
        `cached baseline ${key} was measured with another configuration ` +
        `(config hash ${configHashOf(other)}, expected ${configHashOf(expected)}); ignoring it`,
    });
  });
});
