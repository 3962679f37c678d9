// Wires the baseline sources to the real world: results files, the base commit's worktree,
// and the cache (GitHub's in the action, a directory for the CLI).
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { GitHubContext } from '../github/context.js';
import type { LibcName, Results } from '../results/model.js';
import type { BaselineSources, Logger } from '../app/run-benchmark.js';
import { readResultsFile } from '../results/io.js';
import {
  actionsCacheStore,
  configHash,
  fileSystemStore,
  restoreBaseline,
  saveBaseline,
  type BaselineStore,
} from './cache.js';
import { prepareBaseTree, removeBaseTree } from './git.js';

export interface SourcesOptions {
  config: Config;
  github: GitHubContext;
  workspace: string;
  /** The libcs this run measures: the hash must match what the results record. */
  libcs: LibcName[];
  tmpDir: string;
  mode: 'action' | 'cli';
  /** CLI: where `baseline: cache` keeps results. */
  cacheDir?: string;
}

export interface WiredBaselineSources extends BaselineSources {
  saveCache(results: Results, log: Logger): Promise<void>;
}

export function createBaselineSources(opts: SourcesOptions): WiredBaselineSources {
  const { config, github } = opts;
  const storeDir = path.resolve(
    opts.cacheDir ?? path.join(os.homedir(), '.cache', 'malloc-matrix', 'baselines'),
  );
  const store: BaselineStore = opts.mode === 'action' ? actionsCacheStore() : fileSystemStore(storeDir);
  // Save and restore must name the same file: a cache restores entries only to the paths they
  // were saved from, so the path must be the same in every run (not under the run's own tmpDir).
  const cacheFile = path.join(
    opts.mode === 'action' ? (process.env.RUNNER_TEMP ?? os.tmpdir()) : os.tmpdir(),
    'malloc-matrix-baseline',
    `${config.cacheKeyPrefix}.json`,
  );
  let worktree: string | undefined;
  const hash = configHash({
    command: config.command,
    setup: config.setup,
    images:
      config.executor === 'docker'
        ? Object.fromEntries(opts.libcs.map((l) => [l, config.images[l]]))
        : undefined,
    allocators: config.allocators,
    libcs: opts.libcs,
    metric: config.metric,
    runs: config.runs,
  });
  return {
    readFile: (file) => readResultsFile(path.resolve(opts.workspace, file), 'baseline file'),
    async prepareBaseTree(baseSha) {
      const result = await prepareBaseTree({
        repoDir: opts.workspace,
        baseSha,
        token: config.githubToken,
        tmpDir: opts.tmpDir,
        serverUrl: github.serverUrl,
      });
      if ('dir' in result) worktree = result.dir;
      return result;
    },
    async cleanupBaseTree() {
      if (worktree) await removeBaseTree(opts.workspace, worktree).catch(() => undefined);
      worktree = undefined;
    },
    restoreCache: (branch) =>
      restoreBaseline(store, {
        key: {
          prefix: config.cacheKeyPrefix,
          configHash: hash,
          branch,
          ...(github.baseSha ? { commit: github.baseSha } : {}),
        },
        file: cacheFile,
      }),
    async saveCache(results, log) {
      const outcome = await saveBaseline(store, results, {
        key: {
          prefix: config.cacheKeyPrefix,
          configHash: hash,
          branch: github.branch ?? 'unknown',
          commit: github.headSha ?? '',
        },
        eventName: github.eventName,
        file: cacheFile,
      });
      if (outcome.kind === 'saved')
        log.info(`Saved these results as the baseline (cache key ${outcome.key}).`);
      else if (outcome.kind === 'skipped') log.info(`Baseline not saved: ${outcome.reason}.`);
      else log.warning(outcome.warning);
    },
  };
}
