// The merge job of a workflow, wired to the real world: the run's artifacts for the shards, and
// the baseline cache and files of the merged run. What it returns is published like a single
// run's results: report, comment, outputs, gate, and a cache save on the default branch.
import path from 'node:path';
import type { BaselineSources, BaselineSourcesRequest, Logger } from '../app/ports.js';
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import { actionsArtifactStore, type ShardStore } from './artifact-store.js';
import { collectFromStore } from './collect.js';
import { runMerge, type MergeOutcome } from './merge-run.js';

export interface MergeJobOptions {
  github: GitHubContext;
  workspace: string;
  /** This job's own temporary directory: the artifacts are downloaded under it. */
  tmpDir: string;
  log: Pick<Logger, 'info' | 'warning'>;
  /** The baseline sources of the merged run (the Services' in the action). */
  createBaselines: (request: BaselineSourcesRequest) => BaselineSources;
  /** The run's artifacts; the real ones by default. */
  store?: ShardStore;
}

export interface MergeJobOutcome extends MergeOutcome {
  /** Saves the merged results as the cache baseline of the whole matrix, and logs how it went. */
  saveCache(log: Pick<Logger, 'info' | 'warning'>): Promise<void>;
}

export async function mergeJob(config: Config, opts: MergeJobOptions): Promise<MergeJobOutcome> {
  const store = opts.store ?? actionsArtifactStore(path.join(opts.tmpDir, 'shards'));
  const name = config.name === '' ? undefined : config.name;
  const shards = await collectFromStore(store, name);
  if (shards.length === 0) {
    const of = name === undefined ? '' : ` of name ${JSON.stringify(name)}`;
    throw new Error(`this workflow run has no shard artifacts${of}: the jobs with mode: shard upload them`);
  }
  const found = shards.map((s) => `${s.id ?? s.source}${s.refused ? ' (refused)' : ''}`).join(', ');
  opts.log.info(`Merging ${shards.length} shard(s): ${found}`);
  const sourcesFor = (runConfig: Config): BaselineSources =>
    opts.createBaselines({
      config: runConfig,
      github: opts.github,
      workspace: opts.workspace,
      libcs: runConfig.libcs,
      tmpDir: opts.tmpDir,
    });
  const outcome = await runMerge(config, shards, { event: opts.github, baselinesFor: sourcesFor });
  for (const warning of outcome.warnings) opts.log.warning(warning);
  return {
    ...outcome,
    async saveCache(log) {
      const saved = await sourcesFor(outcome.config).saveCache(outcome.results);
      log[saved.level](saved.message);
    },
  };
}
