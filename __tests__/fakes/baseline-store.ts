// A typed fake of the BaselineStore port (the shape of @actions/cache): entries kept in memory,
// keyed like the real cache, restored to the paths they were saved from. As in the real cache,
// whose entry version hashes the paths, an entry only matches a restore of the same paths.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BaselineStore } from '../../src/baseline/cache-stores.js';

export class MemoryBaselineStore implements BaselineStore {
  /** key -> (path -> content), in the order saved. */
  readonly entries = new Map<string, Map<string, string>>();
  /** When set, save and restore reject with it (the cache service out of reach). */
  failure?: Error;

  async save(paths: string[], key: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.entries.has(key)) throw new Error(`another job may be creating the cache entry ${key}`);
    const files = new Map<string, string>();
    for (const file of paths) files.set(file, await readFile(file, 'utf8'));
    this.entries.set(key, files);
  }

  /** An exact match of the primary key first, then the newest entry under the first matching prefix. */
  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    if (this.failure) throw this.failure;
    const samePaths = (files: Map<string, string>) =>
      JSON.stringify([...files.keys()]) === JSON.stringify(paths);
    const keys = [...this.entries.entries()].filter(([, files]) => samePaths(files)).map(([k]) => k);
    const key = keys.includes(primaryKey)
      ? primaryKey
      : restoreKeys.map((prefix) => keys.filter((k) => k.startsWith(prefix)).at(-1)).find((k) => k);
    if (key === undefined) return undefined;
    const files = this.entries.get(key)!;
    for (const file of paths) {
      const content = files.get(file);
      if (content === undefined) continue;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    return key;
  }
}
