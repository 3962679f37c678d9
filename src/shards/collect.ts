// Gathers the shards' results for a merge, from the run's artifacts or from files. Every shard
// file is untrusted input (a shard runs the pull request's code): it is read with the size and
// count limits of results files made elsewhere, and validated against the results schema. A shard
// that cannot be had becomes a refusal with its reason, never an error that loses the others.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../base/errors.js';
import { readUntrustedResultsFile } from '../results/io.js';
import type { ShardStore } from './artifact-store.js';
import type { ShardInput } from './merge.js';
import { shardIdOfArtifact } from './shard-id.js';

/** Reads one shard file; a refusal with the reason when it cannot be read or is invalid. */
async function readShard(file: string, input: Omit<ShardInput, 'results' | 'refused'>): Promise<ShardInput> {
  try {
    return { ...input, results: await readUntrustedResultsFile(file, 'shard results') };
  } catch (error) {
    return { ...input, refused: messageOf(error) };
  }
}

/** The shards given as results files (the CLI's `malloc-matrix merge a.json b.json`). */
export async function collectFromFiles(files: readonly string[]): Promise<ShardInput[]> {
  return Promise.all(files.map((file) => readShard(file, { source: file })));
}

/** The one JSON file an artifact holds, or why there is not exactly one. */
async function resultsFileIn(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const json = files.filter((f) => f.endsWith('.json'));
  if (json.length !== 1 || files.length !== 1) {
    throw new Error(
      `the artifact holds ${files.length} file(s), ${json.length} of them JSON; a shard uploads exactly one results file`,
    );
  }
  return json[0];
}

/**
 * The shards of this workflow run: every shard artifact (of benchmark `name`, when given),
 * downloaded and read. Downloads go one at a time: a run has a handful of small shards.
 */
export async function collectFromStore(store: ShardStore, name?: string): Promise<ShardInput[]> {
  const artifacts = (await store.list()).filter((a) => shardIdOfArtifact(a, name) !== undefined).sort();
  const shards: ShardInput[] = [];
  for (const artifact of artifacts) {
    const input = { source: artifact, fromArtifact: true, id: shardIdOfArtifact(artifact, name)! };
    let file: string;
    try {
      file = await resultsFileIn(await store.download(artifact));
    } catch (error) {
      shards.push({ ...input, refused: messageOf(error) });
      continue;
    }
    shards.push(await readShard(file, input));
  }
  return shards;
}
