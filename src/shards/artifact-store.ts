// Where shards leave their results for the merge: the workflow run's artifacts. The ShardStore
// port is what the shard and merge steps need; actionsArtifactStore implements it with
// @actions/artifact (the Actions results service and its blob storage), and tests pass a fake.
import { DefaultArtifactClient } from '@actions/artifact';
import path from 'node:path';

export interface ShardStore {
  /** Uploads one results file as the named artifact, replacing an earlier one of that name. */
  upload(name: string, file: string): Promise<void>;
  /** The names of the artifacts of this workflow run (every job's). */
  list(): Promise<string[]>;
  /** Downloads the named artifact; returns the directory its files were written to. */
  download(name: string): Promise<string>;
}

/** The calls of @actions/artifact's client the store makes. */
export type ArtifactClient = Pick<
  DefaultArtifactClient,
  'uploadArtifact' | 'listArtifacts' | 'downloadArtifact' | 'deleteArtifact'
>;

/**
 * A store on the run's artifacts. Downloads go to `downloadDir/<artifact name>`. Needs the
 * runner's ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL, which every JavaScript action has.
 */
export function actionsArtifactStore(
  downloadDir: string,
  client: ArtifactClient = new DefaultArtifactClient(),
): ShardStore {
  /** The newest artifact of each name: a re-run job uploads its shard again. */
  const newest = async (): Promise<Map<string, number>> => {
    const { artifacts } = await client.listArtifacts({ latest: true });
    return new Map(artifacts.map((a) => [a.name, a.id]));
  };
  return {
    async upload(name, file) {
      // Re-running a shard's job must replace its results, not fail on the name being taken.
      if ((await newest()).has(name)) await client.deleteArtifact(name);
      await client.uploadArtifact(name, [file], path.dirname(file));
    },
    async list() {
      return [...(await newest()).keys()];
    },
    async download(name) {
      const id = (await newest()).get(name);
      if (id === undefined) throw new Error(`artifact ${name} is not in this workflow run`);
      const dir = path.join(downloadDir, name);
      await client.downloadArtifact(id, { path: dir });
      return dir;
    },
  };
}
