// `mode: shard`: one job of a workflow matrix measures its part (the libcs, allocators and
// runner its inputs select), marks its results with its shard id and architecture, and uploads
// them for the merge. It neither comments nor gates: the merge judges all cells at once.
import { messageOf } from '../base/errors.js';
import type { Config } from '../config/config.js';
import { withArchStamped } from '../results/arch.js';
import { writeResultsAtomic } from '../results/io.js';
import type { Results } from '../results/model.js';
import type { ShardStore } from './artifact-store.js';
import { shardInfoOf } from './merge.js';
import { deriveShardId, scopeOf, shardArtifactName } from './shard-id.js';

/**
 * What a shard runs: its own settings, with the comment and the gate left to the merge. A cached
 * baseline is left to the merge too: it is keyed by the whole matrix, which no shard knows.
 */
export function shardPipelineConfig(config: Config): Config {
  return {
    ...config,
    comment: 'never',
    failOnRegression: false,
    requireBaseline: false,
    baseline: config.baseline.kind === 'cache' ? { kind: 'none' } : config.baseline,
    // The merge judges every cell in one look at the full alpha; re-measuring the cells a shard
    // found inconclusive first would be optional stopping, and raise the false-alarm rate.
    retries: 0,
  };
}

/** The results as one shard's: each part carries its architecture, and the shard says who it is. */
export function asShard(results: Results, shardId?: string): Results {
  const id = shardId ?? deriveShardId(scopeOf(results));
  return { ...withArchStamped(results), shards: [shardInfoOf(results, id)] };
}

export interface UploadedShard {
  /** The results as uploaded: marked as this shard's. */
  results: Results;
  shardId: string;
  artifact: string;
}

/**
 * Writes the shard's results to `file` and uploads it as the shard's artifact. Throws when the
 * upload fails: without it the merge would miss this shard's cells. The file stays written.
 */
export async function uploadShard(
  store: ShardStore,
  results: Results,
  opts: { file: string; shardId?: string },
): Promise<UploadedShard> {
  const shard = asShard(results, opts.shardId);
  const shardId = shard.shards![0].id;
  const artifact = shardArtifactName(results.name, shardId);
  await writeResultsAtomic(opts.file, shard);
  try {
    await store.upload(artifact, opts.file);
  } catch (error) {
    throw new Error(`could not upload this shard's results as artifact ${artifact}: ${messageOf(error)}`);
  }
  return { results: shard, shardId, artifact };
}
