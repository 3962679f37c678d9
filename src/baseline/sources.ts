// Wires the baseline sources to the real world: results files, the base commit's worktree,
// and the cache (GitHub's in the action, a directory for the CLI).
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.js';
import type { GitHubContext } from '../github/context.js';
import type { Results } from '../model.js';
import type { BaselineSources, Logger } from '../pipeline.js';
import { readResultsFile } from '../results-io.js';
import { actionsCacheStore, configHash, fileSystemStore, restoreBaseline, saveBaseline, type BaselineStore } from './cache.js';
import { createGit, prepareBaseTree } from './git.js';

export interface SourcesOptions {
  config: Config;
  github: GitHubContext;
  workspace: string;
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
  const store: BaselineStore =
    opts.mode === 'action'
      ? actionsCacheStore()
      : fileSystemStore(opts.cacheDir ?? path.join(os.homedir(), '.cache', 'malloc-matrix', 'baselines'));
  const git = createGit(opts.workspace);
  let worktree: string | undefined;
  const hash = configHash({
    command: config.command,
    setup: config.setup,
    images: config.executor === 'docker' ? config.images : undefined,
    allocators: config.allocators,
    libcs: config.libcs,
    metric: config.metric,
    runs: config.runs,
  });
  const keyParts = (branch: string, commit: string) => ({
    prefix: config.cacheKeyPrefix,
    configHash: hash,
    branch,
    commit,
    eventName: github.eventName,
    tmpDir: opts.tmpDir,
  });
  return {
    readFile: (file) => readResultsFile(path.resolve(opts.workspace, file)),
    async prepareBaseTree(baseSha) {
      const result = await prepareBaseTree(git, {
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
      if (worktree) await git.removeWorktree(worktree).catch(() => undefined);
    },
    restoreCache: (branch) => restoreBaseline(store, keyParts(branch, '')),
    async saveCache(results, log) {
      const branch = github.branch ?? 'unknown';
      const commit = github.headSha ?? 'unknown';
      try {
        await saveBaseline(store, results, keyParts(branch, commit));
        log.info(`Saved these results as the baseline for ${branch} (cache key prefix ${config.cacheKeyPrefix}).`);
      } catch (error) {
        log.warning(`Could not save the baseline to the cache: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
