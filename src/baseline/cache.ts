// `baseline: cache`: a push to the default branch saves its results; a pull request restores
// the newest results saved for its base branch and compares against them (unpaired). The cache
// is infrastructure: whatever goes wrong with it becomes a warning, never a failed run.
import { readFile, rm } from 'node:fs/promises';
import type { Results } from '../results/model.js';
import { writeResultsAtomic } from '../results/io.js';
import { parseResults } from '../results/schema.js';
import {
  cacheKey,
  configHashOf,
  restoreKeys,
  type CacheKeyParts,
  type RestoreKeyParts,
} from './cache-keys.js';
import type { BaselineStore } from './cache-stores.js';
import { messageOf } from '../base/errors.js';

export { actionsCacheStore, fileSystemStore, type BaselineStore } from './cache-stores.js';
export { compareEnvironments, type EnvironmentDifferences } from './environments.js';
export {
  cacheKey,
  configHash,
  configHashOf,
  encodeBranch,
  restoreKeys,
  type CacheKeyParts,
  type ConfigHashInput,
  type RestoreKeyParts,
} from './cache-keys.js';

export interface SaveBaselineOptions {
  key: CacheKeyParts;
  /** GITHUB_EVENT_NAME; pull requests never save (their results are not the branch's). */
  eventName?: string;
  /** Where the results file is written to be cached; restore must use the same path. */
  file: string;
}

export type SaveOutcome =
  { kind: 'saved'; key: string } | { kind: 'skipped'; reason: string } | { kind: 'failed'; warning: string };

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export async function saveBaseline(
  store: BaselineStore,
  results: Results,
  options: SaveBaselineOptions,
): Promise<SaveOutcome> {
  if (options.eventName !== undefined && PULL_REQUEST_EVENTS.has(options.eventName)) {
    return { kind: 'skipped', reason: `a ${options.eventName} run does not save a baseline` };
  }
  if (results.fatalError !== undefined) {
    return { kind: 'skipped', reason: 'the run failed as a whole, so its results are no baseline' };
  }
  let key: string;
  try {
    key = cacheKey(options.key);
  } catch (error) {
    return { kind: 'failed', warning: `baseline not saved: ${messageOf(error)}` };
  }
  try {
    await writeResultsAtomic(options.file, results);
    await store.save([options.file], key);
    return { kind: 'saved', key };
  } catch (error) {
    return { kind: 'failed', warning: `baseline not saved to the cache as ${key}: ${messageOf(error)}` };
  }
}

export interface RestoreBaselineOptions {
  key: RestoreKeyParts & {
    /** The base commit, when known: its own entry is preferred over the branch's newest. */
    commit?: string;
  };
  /** The same path the results were saved from. */
  file: string;
}

export type RestoreOutcome = { results: Results; key: string } | { warning: string };

export async function restoreBaseline(
  store: BaselineStore,
  options: RestoreBaselineOptions,
): Promise<RestoreOutcome> {
  let prefixes: string[];
  let primaryKey: string;
  try {
    prefixes = restoreKeys(options.key);
    const { commit } = options.key;
    primaryKey = commit === undefined ? prefixes[0] : cacheKey({ ...options.key, commit });
  } catch (error) {
    return { warning: `no cached baseline: ${messageOf(error)}` };
  }
  let key: string | undefined;
  try {
    // A file left by an earlier restore must not pass for this one's.
    await rm(options.file, { force: true });
    key = await store.restore([options.file], primaryKey, prefixes);
  } catch (error) {
    return { warning: `no cached baseline: the cache could not be read (${messageOf(error)})` };
  }
  if (key === undefined) {
    return {
      warning: `no cached baseline: nothing matches ${prefixes[0]} (a push to ${options.key.branch} saves one)`,
    };
  }
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    return {
      warning: `cached baseline ${key}: restored, but ${options.file} cannot be read (${messageOf(error)})`,
    };
  }
  let results: Results;
  try {
    results = parseResults(text, `cached baseline ${key}`);
  } catch (error) {
    return { warning: `${messageOf(error)}; ignoring it` };
  }
  const hash = configHashOf(results);
  if (hash !== options.key.configHash) {
    return {
      warning:
        `cached baseline ${key} was measured with another configuration ` +
        `(config hash ${hash}, expected ${options.key.configHash}); ignoring it`,
    };
  }
  return { results, key };
}
