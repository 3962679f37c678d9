// Where `baseline: cache` keeps results between runs: GitHub's Actions cache, or a directory
// that behaves like it (for the CLI and for tests).
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** The shape of @actions/cache's saveCache/restoreCache. */
export interface BaselineStore {
  /** Throws when the entry could not be saved. */
  save(paths: string[], key: string): Promise<void>;
  /** The key of the entry restored into `paths`, or undefined on a miss. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
}

/** GitHub's Actions cache. Loaded on first use, so that the CLI and tests never load it. */
export function actionsCacheStore(): BaselineStore {
  const load = async () => {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
      throw new Error('the GitHub Actions cache service is not available to this job');
    }
    return cache;
  };
  return {
    async save(paths, key) {
      const cache = await load();
      // saveCache reports some failures (another job reserved the key) as a warning and -1.
      if ((await cache.saveCache(paths, key)) === -1) {
        throw new Error(`the cache did not accept ${key} (its warning above says why)`);
      }
    },
    async restore(paths, primaryKey, restoreKeys) {
      const cache = await load();
      return cache.restoreCache(paths, primaryKey, restoreKeys);
    },
  };
}

interface Manifest {
  key: string;
  paths: string[];
  /** Increases with every save: "newest" without trusting the clock's resolution. */
  sequence: number;
  savedAt: string;
}

const MANIFEST = 'manifest.json';

/**
 * A cache kept under `dir`, matching the way GitHub's does: entries are immutable, an entry
 * only restores into the same paths it was saved from, and a restore takes the exact primary
 * key, else the newest entry whose key starts with the primary key, else with each restore key
 * in turn.
 */
export function fileSystemStore(dir: string): BaselineStore {
  const entryDir = (key: string) =>
    path.join(dir, createHash('sha256').update(key).digest('hex').slice(0, 32));

  async function manifests(): Promise<Manifest[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const found: Manifest[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const file = path.join(dir, name, MANIFEST);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      found.push(parseManifest(text, file));
    }
    return found;
  }

  return {
    async save(paths, key) {
      checkKey(key);
      if (paths.length === 0) throw new Error(`cache ${dir}: nothing to save under ${key} (no paths)`);
      const target = entryDir(key);
      if (await exists(target))
        throw new Error(`cache ${dir}: an entry ${key} already exists (entries are immutable)`);
      const existing = await manifests();
      const sequence = Math.max(0, ...existing.map((m) => m.sequence)) + 1;
      // Build the entry beside its final place and rename it in, so a failed save leaves nothing.
      await mkdir(dir, { recursive: true });
      const staging = path.join(dir, `.staging-${process.pid}-${sequence}-${Date.now()}`);
      try {
        for (const [index, source] of paths.entries()) {
          if (!(await exists(source)))
            throw new Error(`cache ${dir}: cannot save ${key}: ${source} does not exist`);
          await cp(source, path.join(staging, 'files', String(index)), { recursive: true });
        }
        const manifest: Manifest = { key, paths: [...paths], sequence, savedAt: new Date().toISOString() };
        await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
        await rename(staging, target);
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    },

    async restore(paths, primaryKey, restoreKeys) {
      checkKey(primaryKey);
      const version = JSON.stringify(paths);
      const candidates = (await manifests()).filter((m) => JSON.stringify(m.paths) === version);
      const newestWithPrefix = (prefix: string) =>
        candidates.filter((m) => m.key.startsWith(prefix)).sort((a, b) => b.sequence - a.sequence)[0];
      const match =
        candidates.find((m) => m.key === primaryKey) ??
        [primaryKey, ...restoreKeys].map(newestWithPrefix).find((m) => m !== undefined);
      if (match === undefined) return undefined;
      for (const [index, target] of paths.entries()) {
        await rm(target, { recursive: true, force: true });
        await mkdir(path.dirname(target), { recursive: true });
        await cp(path.join(entryDir(match.key), 'files', String(index)), target, { recursive: true });
      }
      return match.key;
    },
  };
}

function checkKey(key: string): void {
  if (key === '' || key.includes(',') || key.length > 512) {
    throw new Error(`cache key "${key.slice(0, 60)}" is not valid: 1 to 512 characters, no commas`);
  }
}

function parseManifest(text: string, file: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`cache entry ${file} is not valid JSON (${(error as Error).message})`);
  }
  const m = value as Partial<Manifest> | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    typeof m.key !== 'string' ||
    !Array.isArray(m.paths) ||
    typeof m.sequence !== 'number'
  ) {
    throw new Error(`cache entry ${file} lacks key, paths or sequence`);
  }
  return m as Manifest;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
