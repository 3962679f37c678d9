// The flow shared by the action and the CLI: config -> baseline -> measure -> compare (with
// re-runs of inconclusive cells) -> results. Side effects come in through `deps`; the caller
// decides where results, the report and the comment go.
import { selectBaseline, type BaselineSelection } from '../baseline/select.js';
import type { Config } from '../config/config.js';
import { MeasurementSession, type ProgressSink } from '../measure/session.js';
import type { Executor } from '../measure/executor.js';
import { compareResults, inconclusiveCells } from '../analysis/compare.js';
import type {
  BaselineInfo,
  CellComparison,
  CellResult,
  HostInfo,
  LibcName,
  Results,
  TreeName,
} from '../results/model.js';
import type { GitHubContext } from '../github/context.js';
import { ConfigError, messageOf } from '../base/errors.js';
import { allocationResults } from '../measure/profile-run.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** Where the baseline comes from, behind small functions so tests can hand in fakes. */
export interface BaselineSources {
  readFile(path: string): Promise<Results>;
  /** Prepares the base commit's tree; an error string when it cannot be had. */
  prepareBaseTree(
    baseSha: string,
  ): Promise<{ dir: string; commit: string; sameTreeAsHead?: boolean } | { error: string }>;
  restoreCache(branch: string): Promise<{ results: Results; key: string } | { warning: string }>;
  /** Drops the base worktree (best effort). */
  cleanupBaseTree(): Promise<void>;
}

export interface PipelineDeps {
  executor: Executor;
  progress: ProgressSink;
  log: Logger;
  github: GitHubContext;
  baselines: BaselineSources;
  host: HostInfo;
  /** Host directory of the head tree (the workspace). */
  workspace: string;
  /** The libcs to run: config.libcs for docker, the host's own for the host executor. */
  libcs: LibcName[];
  toolVersion: string;
  now: () => Date;
  /** Receives the session as soon as it exists, so a signal handler can write partial results. */
  onSession?: (snapshot: () => Results) => void;
}

export interface PipelineOutcome {
  results: Results;
  selection: BaselineSelection;
  /** Set when require-baseline is true and no baseline could be had. */
  missingRequiredBaseline?: string;
}

export async function runPipeline(config: Config, deps: PipelineDeps): Promise<PipelineOutcome> {
  const startedAt = deps.now().toISOString();
  const selection = selectBaseline(config.baseline, deps.github);
  const trees: Partial<Record<TreeName, string>> = { head: deps.workspace };
  const baseline: BaselineInfo = { kind: 'none', paired: false };
  let stored: Results | undefined;

  const plan = selection.plan;
  switch (plan.kind) {
    case 'none':
      baseline.unavailableReason = plan.reason;
      break;
    case 'base-missing':
      baseline.kind = 'base';
      baseline.unavailableReason = plan.reason;
      break;
    case 'file': {
      stored = await readBaselineFile(config, deps, plan.path);
      Object.assign(baseline, {
        kind: 'file',
        source: plan.path,
        commit: stored.git?.head,
        createdAt: stored.finishedAt,
      });
      break;
    }
    case 'base': {
      baseline.kind = 'base';
      baseline.paired = true;
      const base = await deps.log.group(`Preparing the base commit ${plan.baseSha.slice(0, 12)}`, () =>
        deps.baselines.prepareBaseTree(plan.baseSha),
      );
      if ('error' in base) {
        baseline.paired = false;
        baseline.unavailableReason = base.error;
        deps.log.warning(base.error);
      } else {
        trees.base = base.dir;
        baseline.commit = base.commit;
        // Same tree on both sides is still measured: an A/A run shows the gate's noise floor.
        baseline.source = base.sameTreeAsHead
          ? `base commit ${base.commit.slice(0, 12)}, the same tree as head (an A/A run)`
          : `base commit ${base.commit.slice(0, 12)}`;
        if (base.sameTreeAsHead)
          deps.log.info('Head and base have the same tree: measuring anyway (an A/A run).');
      }
      break;
    }
    case 'cache': {
      baseline.kind = 'cache';
      const restored = await deps.baselines.restoreCache(plan.branch);
      if ('warning' in restored) {
        baseline.unavailableReason = restored.warning;
        deps.log.warning(restored.warning);
      } else {
        stored = restored.results;
        Object.assign(baseline, {
          source: restored.key,
          commit: stored.git?.head,
          createdAt: stored.finishedAt,
        });
        const mismatch = commandMismatch(config, stored);
        if (mismatch && !config.allowDifferentCommand) {
          stored = undefined;
          baseline.unavailableReason = `the cached baseline ran another command (${mismatch}); set allow-different-command: true to compare anyway`;
          deps.log.warning(baseline.unavailableReason);
        }
      }
      break;
    }
  }

  const session = new MeasurementSession({
    config,
    trees,
    executor: deps.executor,
    progress: deps.progress,
    libcs: deps.libcs,
  });
  let comparisons: CellComparison[] | undefined;
  let fatalError: string | undefined;
  const assembled = (): Results =>
    assemble(config, deps, startedAt, session, baseline, comparisons, fatalError, trees.base !== undefined);
  const snapshot = (): Results => ({
    ...assembled(),
    ...allocationResults(session, stored, config.allocationThreshold),
  });
  deps.onSession?.(snapshot);
  try {
    await session.prepare();
    await session.measure();
    const baseFailure = trees.base !== undefined ? unmeasuredBase(session.cellResults()) : undefined;
    if (baseFailure !== undefined) {
      // The base was had but not measured (its setup failed): nothing to judge against.
      baseline.paired = false;
      baseline.unavailableReason = `base commit ${(baseline.commit ?? '').slice(0, 7)} could not be measured: ${baseFailure}`;
      deps.log.warning(baseline.unavailableReason);
    }
    const paired = trees.base !== undefined && baseFailure === undefined;
    comparisons = compare(config, deps.host, session, stored, paired);
    for (let attempt = 0; comparisons && attempt < config.retries; attempt++) {
      const again = inconclusiveCells(comparisons);
      if (again.length === 0) break;
      deps.log.info(
        `Re-measuring ${again.length} inconclusive cell(s): ${again.map((c) => `${c.libc}/${c.allocator}`).join(', ')}`,
      );
      await session.remeasure(again);
      comparisons = compare(config, deps.host, session, stored, paired);
    }
  } catch (error) {
    fatalError = messageOf(error);
    throw Object.assign(error instanceof Error ? error : new Error(fatalError), {
      partialResults: snapshot(),
    });
  } finally {
    await session.close();
    await deps.baselines.cleanupBaseTree().catch(() => undefined);
  }

  const results = snapshot();
  const missingRequiredBaseline =
    config.requireBaseline && comparisons === undefined
      ? (baseline.unavailableReason ?? 'no baseline could be had')
      : undefined;
  return { results, selection, missingRequiredBaseline };
}

/** The comparisons the gate failed, from the results alone (also in report mode). */
export function regressedComparisons(results: Results): CellComparison[] {
  return (results.comparisons ?? []).filter((c) => c.verdict === 'regressed');
}

/** Whether any cell produced numbers: a run in which none did is no pass. */
export function anyCellMeasured(results: Results): boolean {
  return results.cells.some((c) => c.status === 'ok' || c.status === 'partial');
}

/**
 * Why no base cell was measured while some head cell was (e.g. the base's setup failed in every
 * environment), or undefined when the base can be compared.
 */
function unmeasuredBase(cells: CellResult[]): string | undefined {
  const measured = (tree: TreeName) => cells.some((c) => c.tree === tree && c.summary !== undefined);
  if (measured('base') || !measured('head')) return undefined;
  const reasons = new Set(cells.filter((c) => c.tree === 'base' && c.reason).map((c) => c.reason!));
  return reasons.size > 0 ? [...reasons].join('; ') : 'no base cell could be measured';
}

function compare(
  config: Config,
  host: HostInfo,
  session: MeasurementSession,
  stored: Results | undefined,
  paired: boolean,
): CellComparison[] | undefined {
  if (!paired && !stored) return undefined;
  return compareResults({
    cells: session.cellResults(),
    environments: session.environmentsInfo(),
    host,
    baseline: stored,
    paired,
    metric: config.metric,
    threshold: config.threshold,
    memoryThreshold: config.memoryThreshold,
    minRuns: config.runs,
  });
}

function assemble(
  config: Config,
  deps: PipelineDeps,
  startedAt: string,
  session: MeasurementSession,
  baseline: BaselineInfo,
  comparisons: CellComparison[] | undefined,
  fatalError: string | undefined,
  hasBase: boolean,
): Results {
  return {
    schema: 'malloc-matrix/results',
    version: 1,
    tool: { name: 'malloc-matrix', version: deps.toolVersion },
    name: config.name,
    command: config.command,
    startedAt,
    finishedAt: deps.now().toISOString(),
    seed: config.seed,
    config: {
      executor: config.executor,
      libcs: deps.libcs,
      allocators: config.allocators,
      runs: config.runs,
      warmup: config.warmup,
      timeoutMs: config.timeoutMs,
      metric: config.metric,
      memoryThreshold: config.memoryThreshold,
      ...(config.allocationThreshold !== undefined
        ? { allocationThreshold: config.allocationThreshold }
        : {}),
      envKeys: config.env.map(([k]) => k),
      ...(config.setup !== undefined ? { setup: config.setup } : {}),
      ...(config.executor === 'docker'
        ? { images: Object.fromEntries(deps.libcs.map((l) => [l, config.images[l]])) }
        : {}),
    },
    host: deps.host,
    environments: session.environmentsInfo(),
    cells: session.cellResults(),
    baseline,
    ...(comparisons ? { comparisons } : {}),
    ...(fatalError ? { fatalError } : {}),
    git: {
      ...(deps.github.headSha ? { head: deps.github.headSha } : {}),
      ...(hasBase && baseline.commit ? { base: baseline.commit } : {}),
      ...(deps.github.prNumber ? { pr: deps.github.prNumber } : {}),
    },
  };
}

async function readBaselineFile(config: Config, deps: PipelineDeps, path: string): Promise<Results> {
  let stored: Results;
  try {
    stored = await deps.baselines.readFile(path);
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

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

export function describeRegression(c: CellComparison): string {
  const interval = c.interval ? ` [${pct(c.interval[0])}, ${pct(c.interval[1])}]` : '';
  const change = c.change !== undefined ? pct(c.change) : '?';
  return `${c.libc}/${c.allocator}: ${c.metric} ${change}${interval} (${c.paired ? 'paired, same job' : 'cross-run'})`;
}
