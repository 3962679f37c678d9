// Pure: what a shard is called. A shard's id says what it measured (`x86_64-musl`, or
// `arm64-glibc-mimalloc-jemalloc` for an allocator subset) unless the workflow names it with
// `shard-id`; its artifact's name carries the benchmark's name (hashed, so any name fits) and the
// id, so that a merge finds its own shards among a run's artifacts and knows whose each one is.
import { createHash } from 'node:crypto';
import { DEFAULT_ALLOCATORS } from '../config/allocators.js';
import { archLabel } from '../results/arch.js';
import { LIBC_NAMES, type LibcName, type Results } from '../results/model.js';

const ARTIFACT_PREFIX = 'malloc-matrix-shard-';
const ARTIFACT_NAME = /^malloc-matrix-shard-([0-9a-f]{8})-(.+)$/;
const MAX_ID_CHARS = 64;

/** Node's architecture names as `x86_64` / `arm64`, and back. */
const ARCH_BY_LABEL: Record<string, string> = { x86_64: 'x64', arm64: 'arm64' };

/** The parts of a run a derived shard id is made of. */
export interface ShardScope {
  arch: string;
  libcs: readonly LibcName[];
  allocators: readonly string[];
  executor: 'docker' | 'host';
}

/**
 * `x86_64-musl`, `arm64-musl-glibc`; the allocators are named only when they are not the
 * executor's default list. An id too long for an artifact name ends in a hash instead.
 */
export function deriveShardId(scope: ShardScope): string {
  const defaults: readonly string[] = DEFAULT_ALLOCATORS[scope.executor];
  const sameAsDefault =
    scope.allocators.length === defaults.length && scope.allocators.every((a, i) => a === defaults[i]);
  const parts = [archLabel(scope.arch), ...scope.libcs, ...(sameAsDefault ? [] : scope.allocators)];
  const id = parts.join('-').replace(/[^A-Za-z0-9._-]/g, '_');
  if (id.length <= MAX_ID_CHARS) return id;
  return `${id.slice(0, MAX_ID_CHARS - 9)}-${shortHash(id)}`;
}

/** The scope a results file covers: its machine, libcs and allocators. */
export function scopeOf(results: Results): ShardScope {
  return {
    arch: results.host.arch,
    libcs: results.config.libcs,
    allocators: results.config.allocators.map((a) => a.name),
    executor: results.config.executor,
  };
}

/**
 * What a derived id says it measured: `arm64-musl` is arm64 and musl. Undefined for an id that
 * was not derived (a `shard-id` of the workflow's own choosing).
 */
export function scopeFromId(id: string): { arch: string; libcs: LibcName[] } | undefined {
  const [label, ...rest] = id.split('-');
  const arch = ARCH_BY_LABEL[label];
  const libcs = rest.filter((part): part is LibcName => (LIBC_NAMES as readonly string[]).includes(part));
  if (arch === undefined || libcs.length === 0) return undefined;
  return { arch, libcs };
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The artifact a shard of benchmark `name` uploads: `malloc-matrix-shard-<hash of name>-<id>`. */
export function shardArtifactName(name: string, shardId: string): string {
  return `${ARTIFACT_PREFIX}${shortHash(name)}-${shardId}`;
}

/**
 * The shard id of a shard artifact, or undefined for another artifact. With `name`, only the
 * shards of that benchmark count.
 */
export function shardIdOfArtifact(artifact: string, name?: string): string | undefined {
  const match = ARTIFACT_NAME.exec(artifact);
  if (!match) return undefined;
  if (name !== undefined && match[1] !== shortHash(name)) return undefined;
  return match[2];
}
