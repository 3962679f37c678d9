// `mode: merge` and `malloc-matrix merge`: merges the shards, then judges all their cells against
// the baseline at once, as one family (every cell and the all-cells verdict), exactly as a single
// run of the whole matrix would be judged. Paired when the shards measured the base commit beside
// the head (each shard pairs its own cells); otherwise against the stored baseline the merge's
// own `baseline` setting selects. The gate itself (app/gate.ts) then judges the merged results.
import { compareAllocations } from '../analysis/allocation-gate.js';
import { compareResults } from '../analysis/compare.js';
import { selectBaseline, type BaselineSelection } from '../baseline/select.js';
import type { Config } from '../config/config.js';
import type { EventContext } from '../config/event.js';
import type { BaselineSources, Logger } from '../app/ports.js';
import { resolveBaseline, type ResolvedBaseline } from '../app/resolve-baseline.js';
import { withArchStamped } from '../results/arch.js';
import type { BaselineInfo, Results } from '../results/model.js';
import { mergeShards, type ShardInput } from './merge.js';

export interface MergeDeps {
  event: EventContext;
  /**
   * The baselines of the merged run. They are keyed by its configuration (the cache key hashes
   * the command, libcs and allocators), which only the shards know: so they are made after the merge.
   */
  baselinesFor(runConfig: Config): BaselineSources;
}

export interface MergeOutcome {
  results: Results;
  /** The configuration of the merged run, as if one job had measured every cell. */
  config: Config;
  selection: BaselineSelection;
  /** Shards refused or failed, places no shard delivered, a baseline that could not be had. */
  warnings: string[];
}

/** The merged run described as one job's configuration: the merge's gate settings, the shards' run. */
export function mergedRunConfig(config: Config, merged: Results): Config {
  const c = merged.config;
  const sizing = merged.sizing;
  return {
    ...config,
    name: merged.name,
    command: merged.command,
    executor: c.executor,
    libcs: c.libcs,
    allocators: c.allocators,
    // runs: auto sized each shard's rounds on its own; the settings it sized them with are shared.
    ...(sizing?.mode === 'auto'
      ? {
          runs: 'auto' as const,
          minRuns: sizing.minRuns ?? config.minRuns,
          minTimeMs: sizing.minTimeMs ?? config.minTimeMs,
          maxRuns: sizing.maxRuns ?? config.maxRuns,
          maxTimeMs: sizing.maxTimeMs ?? config.maxTimeMs,
        }
      : { runs: c.runs }),
    warmup: c.warmup,
    seed: merged.seed,
    timeoutMs: c.timeoutMs,
    env: c.envKeys.map((key) => [key, '']),
    images: { ...config.images, ...c.images },
    setup: c.setup,
    metric: c.metric,
  };
}

/** The shards measured the base commit in the same rounds as the head: compare paired. */
function pairedBaseline(merged: Results, shards: readonly ShardInput[]): BaselineInfo | undefined {
  const paired = shards.flatMap((s) => (s.results?.baseline?.paired ? [s.results.baseline] : []));
  if (paired.length === 0 || !merged.cells.some((c) => c.tree === 'base')) return undefined;
  return { ...paired[0], kind: 'base', paired: true };
}

/**
 * The stored baseline, as a single run resolves it (a file, the cache), or why there is none. The
 * base commit is never prepared here: the shards measured it, or say why they could not.
 */
async function storedBaseline(
  config: Config,
  shards: readonly ShardInput[],
  selection: BaselineSelection,
  sources: BaselineSources,
  warnings: string[],
): Promise<ResolvedBaseline> {
  const plan = selection.plan;
  if (plan.kind === 'base') {
    const why = shards.flatMap((s) => s.results?.baseline?.unavailableReason ?? [])[0];
    const unavailableReason = why ?? 'the shards did not measure the base commit';
    warnings.push(unavailableReason);
    return { baseline: { kind: 'base', paired: false, unavailableReason } };
  }
  const log: Logger = {
    info: () => undefined,
    warning: (message) => warnings.push(message),
    group: (_name, fn) => fn(),
  };
  return resolveBaseline(config, plan, sources, log);
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
  const { baseline, history } = paired
    ? { baseline: paired, history: undefined }
    : await storedBaseline(runConfig, shards, selection, deps.baselinesFor(runConfig), warnings);
  const stored = history?.[0]?.results;
  const judgement =
    paired || history
      ? compareResults({
          cells: merged.cells,
          environments: merged.environments,
          host: merged.host,
          ...(merged.shards ? { shards: merged.shards } : {}),
          ...(history
            ? { history: history.map((run) => ({ ...run, results: withArchStamped(run.results) })) }
            : {}),
          paired: paired !== undefined,
          metric: merged.config.metric,
          threshold: config.threshold,
          memoryThreshold: config.memoryThreshold,
          minRuns: runConfig.runs === 'auto' ? runConfig.minRuns : runConfig.runs,
          // One look: the merge measures nothing more (each shard ran its own retries).
          looks: 1,
        })
      : undefined;
  // The allocation gate, too, over every shard's profiles at once: paired with the base tree's
  // profiles the shards made, else against the stored baseline's.
  const allocationComparisons = compareAllocations({
    profiles: merged.profiles ?? [],
    stored: stored?.profiles,
    threshold: config.allocationThreshold,
  });
  const results: Results = {
    ...merged,
    // The merge's gate settings judged the merged cells.
    config: {
      ...merged.config,
      memoryThreshold: config.memoryThreshold,
      allocationThreshold: config.allocationThreshold,
    },
    baseline: { ...baseline, ...judgement?.crossRun },
    ...(judgement ? { comparisons: judgement.comparisons } : {}),
    ...(judgement?.matrix ? { matrix: judgement.matrix } : {}),
    ...(allocationComparisons ? { allocationComparisons } : {}),
  };
  return { results, config: runConfig, selection, warnings };
}
