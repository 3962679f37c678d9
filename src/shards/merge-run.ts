// `mode: merge` and `malloc-matrix merge`: merges the shards, then judges all their cells against
// the baseline at once, as one family, exactly as a single run of the whole matrix would be
// judged. Paired when the shards measured the base commit beside the head (each shard pairs its
// own cells); otherwise against the stored baseline the merge's own `baseline` setting selects.
import { compareResults } from '../analysis/compare.js';
import { selectBaseline, type BaselineSelection, type EventContext } from '../baseline/select.js';
import type { Config } from '../config/config.js';
import { messageOf } from '../base/errors.js';
import { withArchStamped } from '../results/arch.js';
import type { BaselineInfo, CellComparison, Results } from '../results/model.js';
import { mergeShards, type ShardInput } from './merge.js';

/** The stored baselines a merge can compare against (the real ones live in baseline/sources.ts). */
export interface MergeBaselines {
  readFile(path: string): Promise<Results>;
  restoreCache(branch: string): Promise<{ results: Results; key: string } | { warning: string }>;
}

export interface MergeDeps {
  event: EventContext;
  /**
   * The baselines of the merged run. They are keyed by its configuration (the cache key hashes
   * the command, libcs and allocators), which only the shards know: so they are made after the merge.
   */
  baselinesFor(runConfig: Config): MergeBaselines;
}

export interface MergeOutcome {
  results: Results;
  /** The configuration of the merged run, as if one job had measured every cell. */
  config: Config;
  selection: BaselineSelection;
  /** Set when require-baseline is true and no baseline could be had. */
  missingRequiredBaseline?: string;
  /** Shards refused or failed, places no shard delivered, a baseline that could not be had. */
  warnings: string[];
}

/** The merged run described as one job's configuration: the merge's gate settings, the shards' run. */
export function mergedRunConfig(config: Config, merged: Results): Config {
  const c = merged.config;
  return {
    ...config,
    name: merged.name,
    command: merged.command,
    executor: c.executor,
    libcs: c.libcs,
    allocators: c.allocators,
    runs: c.runs,
    warmup: c.warmup,
    seed: merged.seed,
    timeoutMs: c.timeoutMs,
    env: c.envKeys.map((key) => [key, '']),
    images: { ...config.images, ...c.images },
    setup: c.setup,
    metric: c.metric,
  };
}

function commandText(c: Results['command']): string {
  return c.kind === 'shell' ? c.script : c.argv.join(' ');
}

/** The shards measured the base commit in the same rounds as the head: compare paired. */
function pairedBaseline(merged: Results, shards: readonly ShardInput[]): BaselineInfo | undefined {
  const paired = shards.flatMap((s) => (s.results?.baseline?.paired ? [s.results.baseline] : []));
  if (paired.length === 0 || !merged.cells.some((c) => c.tree === 'base')) return undefined;
  return { ...paired[0], kind: 'base', paired: true };
}

interface Stored {
  baseline: BaselineInfo;
  stored?: Results;
}

async function storedBaseline(
  config: Config,
  merged: Results,
  shards: readonly ShardInput[],
  selection: BaselineSelection,
  baselines: MergeBaselines,
): Promise<Stored> {
  const plan = selection.plan;
  switch (plan.kind) {
    case 'none':
      return { baseline: { kind: 'none', paired: false, unavailableReason: plan.reason } };
    case 'base-missing':
      return { baseline: { kind: 'base', paired: false, unavailableReason: plan.reason } };
    case 'base': {
      // The shards wanted the base commit but measured none of it: say why, from the shards.
      const why = shards.flatMap((s) => s.results?.baseline?.unavailableReason ?? [])[0];
      return {
        baseline: {
          kind: 'base',
          paired: false,
          unavailableReason: why ?? 'the shards did not measure the base commit',
        },
      };
    }
    case 'file': {
      let stored: Results;
      try {
        stored = await baselines.readFile(plan.path);
      } catch (error) {
        return { baseline: { kind: 'file', paired: false, unavailableReason: messageOf(error) } };
      }
      const [mine, theirs] = [commandText(merged.command), commandText(stored.command)];
      if (mine !== theirs && !config.allowDifferentCommand) {
        const unavailableReason = `${plan.path} was measured with another command (${JSON.stringify(theirs.slice(0, 60))}); set allow-different-command: true to compare anyway`;
        return { baseline: { kind: 'file', source: plan.path, paired: false, unavailableReason } };
      }
      const info = { source: plan.path, commit: stored.git?.head, createdAt: stored.finishedAt };
      return { baseline: { kind: 'file', paired: false, ...info }, stored };
    }
    case 'cache': {
      const restored = await baselines.restoreCache(plan.branch);
      if ('warning' in restored) {
        return { baseline: { kind: 'cache', paired: false, unavailableReason: restored.warning } };
      }
      const stored = restored.results;
      const info = { source: restored.key, commit: stored.git?.head, createdAt: stored.finishedAt };
      return { baseline: { kind: 'cache', paired: false, ...info }, stored };
    }
  }
}

/** Merges the shards and judges every merged cell against the baseline in one family. */
export async function runMerge(
  config: Config,
  shards: readonly ShardInput[],
  deps: MergeDeps,
): Promise<MergeOutcome> {
  const { results: merged, warnings } = mergeShards(shards);
  const runConfig = mergedRunConfig(config, merged);
  const selection = selectBaseline(config.baseline, deps.event);
  const paired = pairedBaseline(merged, shards);
  const { baseline, stored } = paired
    ? { baseline: paired, stored: undefined }
    : await storedBaseline(runConfig, merged, shards, selection, deps.baselinesFor(runConfig));
  if (baseline.unavailableReason !== undefined && baseline.kind !== 'none') {
    warnings.push(baseline.unavailableReason);
  }
  let comparisons: CellComparison[] | undefined;
  if (paired || stored) {
    comparisons = compareResults({
      cells: merged.cells,
      environments: merged.environments,
      host: merged.host,
      ...(merged.shards ? { shards: merged.shards } : {}),
      ...(stored ? { baseline: withArchStamped(stored) } : {}),
      paired: paired !== undefined,
      metric: merged.config.metric,
      threshold: config.threshold,
      memoryThreshold: config.memoryThreshold,
      minRuns: merged.config.runs,
    });
  }
  const results: Results = { ...merged, baseline, ...(comparisons ? { comparisons } : {}) };
  const missingRequiredBaseline =
    config.requireBaseline && comparisons === undefined
      ? (baseline.unavailableReason ?? 'no baseline could be had')
      : undefined;
  return { results, config: runConfig, selection, missingRequiredBaseline, warnings };
}
