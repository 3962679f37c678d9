// Turns the baseline plan (baseline/select.ts) into what the measurement needs: the base tree to
// measure beside head, or stored results to compare against (a history, newest first), and the
// record of where they came from. A baseline that cannot be had is a warning and "no baseline",
// except results files the user named, which must be right (a ConfigError).
import type { BaselinePlan } from '../baseline/select.js';
import type { Config } from '../config/config.js';
import { BASELINE_ACCEPTED } from '../config/run-inputs.js';
import type { BaselineInfo, Results } from '../results/model.js';
import type { StoredRun } from '../analysis/compare.js';
import { ConfigError, messageOf, showValue } from '../base/errors.js';
import type { BaselineSources, Logger, WorkingTreeState } from './ports.js';

export interface ResolvedBaseline {
  baseline: BaselineInfo;
  /** Host directory of the base tree, when it is measured in this run. */
  baseTree?: string;
  /** Runs measured earlier (files or the cache), newest first, when compared against. */
  history?: StoredRun[];
  /** What the cache held before this run (even one of another command): kept behind it on save. */
  cached?: Results[];
  /** The working tree measured as head, when the baseline is a revision the user named. */
  head?: WorkingTreeState;
}

export async function resolveBaseline(
  config: Config,
  plan: BaselinePlan,
  sources: BaselineSources,
  log: Logger,
): Promise<ResolvedBaseline> {
  switch (plan.kind) {
    case 'none':
      return { baseline: { kind: 'none', paired: false, unavailableReason: plan.reason } };
    case 'base-missing':
      return { baseline: { kind: 'base', paired: false, unavailableReason: plan.reason } };
    case 'file':
      return readBaselineFiles(config, sources, plan.path);
    case 'base':
      return prepareBase(plan.baseSha, sources, log);
    case 'ref':
      return prepareRevision(plan.ref, sources, log);
    case 'cache':
      return restoreCached(config, plan.branch, sources, log);
  }
}

async function prepareBase(
  baseSha: string,
  sources: BaselineSources,
  log: Logger,
  named?: { ref: string; head: WorkingTreeState },
): Promise<ResolvedBaseline> {
  const base = await log.group(`Preparing the base commit ${baseSha.slice(0, 12)}`, () =>
    sources.prepareBaseTree(baseSha),
  );
  if ('error' in base) {
    log.warning(base.error);
    return {
      baseline: {
        kind: 'base',
        paired: false,
        unavailableReason: base.error,
        ...(named ? { ref: named.ref } : {}),
      },
      ...(named ? { head: named.head } : {}),
    };
  }
  const short = base.commit.slice(0, 12);
  // The committed trees may be equal while the working tree is not: that is no A/A run.
  const sameTree = base.sameTreeAsHead === true && named?.head.dirty !== true;
  // Same tree on both sides is still measured: an A/A run shows the gate's noise floor.
  if (sameTree) log.info('Head and base have the same tree: measuring anyway (an A/A run).');
  const name = named ? `${named.ref} at ${short}` : `base commit ${short}`;
  return {
    baseline: {
      kind: 'base',
      paired: true,
      commit: base.commit,
      source: sameTree ? `${name}, the same tree as head (an A/A run)` : name,
      ...(named ? { ref: named.ref } : {}),
    },
    baseTree: base.dir,
    ...(named ? { head: named.head } : {}),
  };
}

/**
 * A revision the user named (`--baseline origin/main`): a name that resolves to no commit is their
 * mistake (a ConfigError); the working tree, dirty or not, is the head it is compared with.
 */
async function prepareRevision(ref: string, sources: BaselineSources, log: Logger) {
  const revision = await sources.resolveRevision(ref);
  if ('error' in revision) {
    throw new ConfigError(
      `Invalid baseline: ${showValue(ref)} ${revision.error}. Expected ${BASELINE_ACCEPTED}.`,
    );
  }
  const { head, commit } = revision;
  const changes = head.dirty ? ', with uncommitted changes' : '';
  log.info(
    `Comparing the working tree (${head.commit.slice(0, 12)}${changes}) with ${ref} (${commit.slice(0, 12)}).`,
  );
  return prepareBase(commit, sources, log, { ref, head });
}

async function restoreCached(
  config: Config,
  branch: string,
  sources: BaselineSources,
  log: Logger,
): Promise<ResolvedBaseline> {
  const restored = await sources.restoreCache(branch);
  if ('warning' in restored) {
    log.warning(restored.warning);
    return { baseline: { kind: 'cache', paired: false, unavailableReason: restored.warning } };
  }
  for (const note of restored.notes) log.info(note);
  const runs = restored.runs.slice(0, config.history);
  const baseline = storedInfo('cache', restored.key, runs[0]);
  const mismatch = commandMismatch(config, runs[0]);
  if (mismatch && !config.allowDifferentCommand) {
    baseline.unavailableReason = `the cached baseline ran another command (${mismatch}); set allow-different-command: true to compare anyway`;
    log.warning(baseline.unavailableReason);
    return { baseline, cached: restored.runs };
  }
  const history = runs.map((results, i) => ({
    results,
    source: i === 0 ? restored.key : `${restored.key} (run ${i + 1} of ${runs.length})`,
  }));
  return { baseline, history, cached: restored.runs };
}

function storedInfo(kind: 'file' | 'cache', source: string, stored: Results): BaselineInfo {
  return { kind, paired: false, source, commit: stored.git?.head, createdAt: stored.finishedAt };
}

/** The results files a `baseline` path names, newest first (by when they finished), at most `history`. */
async function readBaselineFiles(
  config: Config,
  sources: BaselineSources,
  pattern: string,
): Promise<ResolvedBaseline> {
  const files = await sources.findFiles(pattern);
  if (files.length === 0) {
    throw new ConfigError(`Invalid baseline: ${showValue(pattern)} matches no file.`);
  }
  const read: StoredRun[] = [];
  for (const file of files)
    read.push({ results: await readBaselineFile(config, sources, file), source: file });
  const history = read
    .sort((a, b) => Date.parse(b.results.finishedAt) - Date.parse(a.results.finishedAt))
    .slice(0, config.history);
  const source = files.length === 1 ? pattern : `${pattern} (${history.length} of ${files.length} files)`;
  return { baseline: storedInfo('file', source, history[0].results), history };
}

async function readBaselineFile(config: Config, sources: BaselineSources, path: string): Promise<Results> {
  let stored: Results;
  try {
    stored = await sources.readFile(path);
  } catch (error) {
    throw new ConfigError(`Invalid baseline: ${messageOf(error)}`);
  }
  const mismatch = commandMismatch(config, stored);
  if (mismatch && !config.allowDifferentCommand) {
    throw new ConfigError(
      `Invalid baseline: ${JSON.stringify(path)} was measured with another command (${mismatch}). Expected the same command, or allow-different-command: true.`,
    );
  }
  return stored;
}

function commandText(c: Results['command']): string {
  return c.kind === 'shell' ? c.script : c.argv.join(' ');
}

function commandMismatch(config: Config, stored: Results): string | undefined {
  const mine = commandText(config.command);
  const theirs = commandText(stored.command);
  if (mine === theirs) return undefined;
  return `${JSON.stringify(theirs.slice(0, 60))} instead of ${JSON.stringify(mine.slice(0, 60))}`;
}
