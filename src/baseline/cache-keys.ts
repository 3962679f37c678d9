// Pure: the cache keys under which a run's results are saved for later `baseline: cache`
// comparisons, and the hash of the configuration that decides which runs are comparable.
import { createHash } from 'node:crypto';
import type { AllocatorRequest, Command, LibcName, Results } from '../results/model.js';

/** The settings that change what is measured; runs that differ in any of them do not compare. */
export interface ConfigHashInput {
  command: Command;
  setup?: string;
  images?: Partial<Record<LibcName, string>>;
  allocators: AllocatorRequest[];
  libcs: LibcName[];
  metric: 'wall' | 'cpu';
  /** A fixed count, or `auto`: sized rounds vary from run to run and must not split baselines. */
  runs: number | 'auto';
}

export interface RestoreKeyParts {
  /** Chosen by the caller, e.g. `malloc-matrix-<name>-<os>-<arch>`. */
  prefix: string;
  configHash: string;
  branch: string;
}

export interface CacheKeyParts extends RestoreKeyParts {
  commit: string;
}

/** GitHub's cache refuses longer keys. */
const MAX_KEY_LENGTH = 512;
const CONFIG_HASH = /^[0-9a-f]{16}$/;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** A short (16 hex digit) sha256 of the settings, independent of key order and list order. */
export function configHash(input: ConfigHashInput): string {
  // Libcs and allocators are sets: rounds are shuffled, so the order they were listed in
  // measures nothing and must not split otherwise identical runs into separate baselines.
  const normalized = {
    command: input.command,
    setup: input.setup,
    images: input.images,
    allocators: [...input.allocators].map(canonicalJson).sort(),
    libcs: [...input.libcs].sort(),
    metric: input.metric,
    runs: input.runs,
  };
  return createHash('sha256').update(canonicalJson(normalized)).digest('hex').slice(0, 16);
}

export function configHashOf(results: Results): string {
  const { setup, images, allocators, libcs, metric } = results.config;
  const runs = results.sizing?.mode === 'auto' ? 'auto' : results.config.runs;
  return configHash({ command: results.command, setup, images, allocators, libcs, metric, runs });
}

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A branch name as a key part: letters, digits, `.` and `_` stay, everything else (including
 * `-` and `/`) becomes `%XX`. Without `-` inside it, the prefix of `main` (`...-main-`) cannot
 * also match `main-old`, and `feature/x` and `feature-x` stay distinct.
 */
export function encodeBranch(branch: string): string {
  if (branch === '') throw new Error('cache key: the branch name is empty');
  let out = '';
  for (const byte of Buffer.from(branch, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9._]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `${prefix}-${configHash}-${branch}-`: what restores the newest baseline of a branch. */
export function restoreKeys(parts: RestoreKeyParts): string[] {
  checkPrefix(parts.prefix);
  if (!CONFIG_HASH.test(parts.configHash)) {
    throw new Error(
      `cache key: config hash "${parts.configHash}" is not 16 lowercase hex digits (from configHash())`,
    );
  }
  return [checkLength(`${parts.prefix}-${parts.configHash}-${encodeBranch(parts.branch)}-`)];
}

/** `${prefix}-${configHash}-${branch}-${commit}`: one run's results, saved once. */
export function cacheKey(parts: CacheKeyParts): string {
  if (!COMMIT.test(parts.commit)) {
    throw new Error(`cache key: commit "${parts.commit}" is not a full commit id (40 hex digits)`);
  }
  const [branchPrefix] = restoreKeys(parts);
  return checkLength(`${branchPrefix}${parts.commit.toLowerCase()}`);
}

function checkPrefix(prefix: string): void {
  if (prefix === '' || /[,\s]/.test(prefix)) {
    throw new Error(`cache key: prefix "${prefix}" must be non-empty, without commas or white space`);
  }
}

function checkLength(key: string): string {
  if (key.length > MAX_KEY_LENGTH) {
    throw new Error(
      `cache key: ${key.slice(0, 40)}... is ${key.length} characters, over the cache's ${MAX_KEY_LENGTH}`,
    );
  }
  return key;
}
