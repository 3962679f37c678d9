// Wires the baseline sources to the real world: results files, the base commit's worktree,
// and the cache (GitHub's in the action, a directory for the CLI).
import os from 'node:os';
import path from 'node:path';
import type { BaselineSources, BaselineSourcesRequest } from '../app/ports.js';
import { readResultsFile } from '../results/io.js';
import {
  actionsCacheStore,
  configHash,
  fileSystemStore,
  restoreBaseline,
  saveBaseline,
  type BaselineStore,
} from './cache.js';
import { GitRepository, prepareBaseTree, removeBaseTree, systemGit, type Git } from './git.js';
import { resolveRevision } from './revision.js';

export interface SourcesOptions extends BaselineSourcesRequest {
  mode: 'action' | 'cli';
  /** CLI: where `baseline: cache` keeps results. */
  cacheDir?: string;
  /** The cache and git to use instead of the real ones (tests). */
  store?: BaselineStore;
  git?: Git;
}

export function createBaselineSources(opts: SourcesOptions): BaselineSources {
  const { config, github } = opts;
  const storeDir = path.resolve(
    opts.cacheDir ?? path.join(os.homedir(), '.cache', 'malloc-matrix', 'baselines'),
  );
  const store: BaselineStore =
    opts.store ?? (opts.mode === 'action' ? actionsCacheStore() : fileSystemStore(storeDir));
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
  const repository = () => new GitRepository(opts.git ?? systemGit(), opts.workspace);
  return {
    readFile: (file) => readResultsFile(path.resolve(opts.workspace, file), 'baseline file'),
    resolveRevision: (ref) => resolveRevision(repository(), ref),
    async prepareBaseTree(baseSha) {
      const result = await prepareBaseTree({
        repoDir: opts.workspace,
        baseSha,
        token: config.githubToken,
        tmpDir: opts.tmpDir,
        serverUrl: github.serverUrl,
        git: opts.git,
      });
      if (!('dir' in result)) return result;
      worktree = result.dir;
      // The workspace may be a directory inside the repository (the CLI run from a subfolder):
      // the base tree is the same directory of the base commit.
      const prefix = await repository()
        .prefix()
        .catch(() => '');
      return prefix === '' ? result : { ...result, dir: path.join(result.dir, prefix) };
    },
    async cleanupBaseTree() {
      if (worktree) await removeBaseTree(opts.workspace, worktree, opts.git).catch(() => undefined);
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
    async saveCache(results) {
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
        return { level: 'info', message: `Saved these results as the baseline (cache key ${outcome.key}).` };
      if (outcome.kind === 'skipped')
        return { level: 'info', message: `Baseline not saved: ${outcome.reason}.` };
      return { level: 'warning', message: outcome.warning };
    },
  };
}
