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
import { expandPattern, isPattern } from './files.js';

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
  // Entries saved before histories hold one results file under the old name.
  const cacheDir = path.join(
    opts.mode === 'action' ? (process.env.RUNNER_TEMP ?? os.tmpdir()) : os.tmpdir(),
    'malloc-matrix-baseline',
  );
  const historyFile = path.join(cacheDir, `${config.cacheKeyPrefix}.history.json`);
  const legacyFile = path.join(cacheDir, `${config.cacheKeyPrefix}.json`);
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
  const restore = (branch: string, commit?: string) =>
    restoreBaseline(store, {
      key: {
        prefix: config.cacheKeyPrefix,
        configHash: hash,
        branch,
        ...(commit ? { commit } : {}),
      },
      file: historyFile,
      legacyFile,
    });
  return {
    readFile: (file) => readResultsFile(path.resolve(opts.workspace, file), 'baseline file'),
    findFiles: async (pattern) => (isPattern(pattern) ? expandPattern(opts.workspace, pattern) : [pattern]),
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
    restoreCache: (branch) => restore(branch, github.baseSha),
    async saveCache(results, previous) {
      const branch = github.branch ?? 'unknown';
      let history = previous;
      if (history === undefined) {
        // Only to carry the history on: a miss or a bad entry starts a new one.
        const restored = await restore(branch);
        history = 'runs' in restored ? restored.runs : [];
      }
      const outcome = await saveBaseline(store, results, {
        key: { prefix: config.cacheKeyPrefix, configHash: hash, branch, commit: github.headSha ?? '' },
        eventName: github.eventName,
        file: historyFile,
        previous: history,
        keep: config.history,
      });
      if (outcome.kind === 'saved') {
        const before = outcome.runs - 1;
        const behind = before === 0 ? '' : `, with the ${before} run(s) before them as its history`;
        return {
          level: 'info',
          message: `Saved these results as the baseline${behind} (cache key ${outcome.key}).`,
        };
      }
      if (outcome.kind === 'skipped')
        return { level: 'info', message: `Baseline not saved: ${outcome.reason}.` };
      return { level: 'warning', message: outcome.warning };
    },
  };
}
