// The one orchestration, shared by the action and the CLI: run id and scratch directory ->
// executor -> baseline -> measurement -> comparisons (with re-runs of inconclusive cells) ->
// cache save -> results. Everything outside comes in through ports; the outcome comes back as a
// value, partial results included, and the caller decides where results, report and comment go.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { selectBaseline } from '../baseline/select.js';
import type { Config } from '../config/config.js';
import { MeasurementSession } from '../measure/session.js';
import type { Executor } from '../measure/executor.js';
import {
  cellsToRemeasure,
  compareResults,
  leftUnsettled,
  type Comparison,
  type PreviousLook,
  type StoredRun,
} from '../analysis/compare.js';
import type { HostInfo, LibcName, Results, TreeName } from '../results/model.js';
import { ConfigError, messageOf } from '../base/errors.js';
import { allocationResults } from '../measure/profile-run.js';
import { TOOL_VERSION } from '../base/version.js';
import type { BaselineSources, RunPorts, Services } from './ports.js';
import { resolveBaseline, type ResolvedBaseline } from './resolve-baseline.js';
import { assembleResults, unmeasuredBase } from './record.js';

/** Why a run stopped before its end, and whether the user's configuration was at fault. */
export interface RunFailure {
  message: string;
  cause: 'config' | 'run';
}

export interface RunOutcome {
  /** The results; absent when the run stopped before the measurement began. */
  results?: Results;
  /** Set when the run stopped early: the results, if any, are partial and say so in fatalError. */
  fatal?: RunFailure;
}

/** A run under way, with what a signal handler needs to leave promptly without losing it. */
export interface BenchmarkRun {
  readonly runId: string;
  /** Resolves when the run has ended; never rejects. */
  readonly outcome: Promise<RunOutcome>;
  /** The results so far, or undefined before the measurement began. */
  snapshot(): Results | undefined;
  /** The results so far, marked as interrupted by this signal. */
  interrupted(signal: NodeJS.Signals): Results | undefined;
  /** Removes what the run created (containers, scratch directory); for a signal handler. */
  release(): Promise<void>;
}

interface LiveState {
  executor?: Executor;
  snapshot?: (fatalError?: string) => Results;
}

export function startBenchmark(config: Config, ports: RunPorts): BenchmarkRun {
  const runId = ports.newRunId();
  const scratch = path.join(ports.tempRoot, `malloc-matrix-${runId}`);
  const live: LiveState = {};
  const outcome = execute(config, ports, runId, scratch, live);
  return {
    runId,
    outcome,
    snapshot: () => live.snapshot?.(),
    interrupted: (signal) => live.snapshot?.(`interrupted by ${signal}`),
    async release() {
      await live.executor?.cleanup().catch(() => undefined);
      await removeScratch(scratch);
    },
  };
}

/** Where a run happens, as an entry adapter sees it; the rest of its ports are the Services. */
export type RunPlace = Pick<RunPorts, 'log' | 'progress' | 'github' | 'workspace' | 'tempRoot'> & {
  /** The CLI's directory for `baseline: cache`. */
  cacheDir?: string;
};

export function runPortsFor(services: Services, { cacheDir, ...place }: RunPlace): RunPorts {
  return {
    ...place,
    createExecutor: services.createExecutor,
    createBaselines: (request) => services.createBaselines(request, cacheDir),
    host: services.readHost(),
    clock: services.clock,
    newRunId: services.newRunId,
    toolVersion: TOOL_VERSION,
  };
}

/** Runs one benchmark to its end: `startBenchmark` for callers that need no signal handling. */
export function runBenchmark(config: Config, ports: RunPorts): Promise<RunOutcome> {
  return startBenchmark(config, ports).outcome;
}

async function execute(
  config: Config,
  ports: RunPorts,
  runId: string,
  scratch: string,
  live: LiveState,
): Promise<RunOutcome> {
  try {
    const { executor, libcs } = await ports.createExecutor(config, {
      runId,
      log: ports.log,
      env: Object.fromEntries(config.env),
    });
    live.executor = executor;
    await mkdir(scratch, { recursive: true });
    const sources = ports.createBaselines({
      config,
      github: ports.github,
      workspace: ports.workspace,
      libcs,
      tmpDir: scratch,
    });
    const selection = selectBaseline(config.baseline, ports.github);
    const startedAt = ports.clock.now().toISOString();
    const resolved = await resolveBaseline(config, selection.plan, sources, ports.log);
    const outcome = await measure(config, ports, { executor, libcs, sources, resolved, startedAt }, live);
    // A shard's results are only part of the matrix: the merge job saves the whole run instead.
    const saves = selection.saveToCache && config.mode !== 'shard';
    if (outcome.fatal === undefined && saves && outcome.results) {
      // The history restored for a trend comparison goes on behind this run; otherwise (auto)
      // the sources fetch it themselves.
      const previous = selection.plan.kind === 'cache' ? (resolved.cached ?? []) : undefined;
      const saved = await sources.saveCache(outcome.results, previous);
      ports.log[saved.level](saved.message);
    }
    return outcome;
  } catch (error) {
    // Before the measurement began: there are no results to keep.
    return { fatal: failureOf(error) };
  } finally {
    await removeScratch(scratch);
  }
}

interface Prepared {
  executor: Executor;
  libcs: LibcName[];
  sources: BaselineSources;
  resolved: ResolvedBaseline;
  startedAt: string;
}

async function measure(config: Config, ports: RunPorts, p: Prepared, live: LiveState): Promise<RunOutcome> {
  const { baseline, baseTree, history } = p.resolved;
  const trees: Partial<Record<TreeName, string>> = { head: ports.workspace };
  if (baseTree !== undefined) trees.base = baseTree;
  const session = new MeasurementSession({
    config,
    trees,
    executor: p.executor,
    progress: ports.progress,
    libcs: p.libcs,
    // max-time counts from the start of the run, baseline preparation included.
    clock: () => ports.clock.now().getTime(),
    startedAtMs: Date.parse(p.startedAt),
  });
  let judgement: Comparison | undefined;
  let fatal: RunFailure | undefined;
  const snapshot = (fatalError?: string): Results =>
    assembleResults({
      config,
      toolVersion: ports.toolVersion,
      host: ports.host,
      github: ports.github,
      libcs: p.libcs,
      startedAt: p.startedAt,
      finishedAt: ports.clock.now().toISOString(),
      environments: session.environmentsInfo(),
      cells: session.cellResults(),
      probe: session.probeResults(),
      baseline,
      hasBaseTree: baseTree !== undefined,
      head: p.resolved.head,
      runs: session.roundsPerCell(),
      sizing: session.sizingRecord(),
      comparisons: judgement?.comparisons,
      matrix: judgement?.matrix,
      crossRun: judgement?.crossRun,
      fatalError: fatalError ?? fatal?.message,
      ...allocationResults(session, history?.[0]?.results, config.allocationThreshold),
    });
  live.snapshot = snapshot;
  try {
    await session.prepare();
    await session.measure();
    const baseFailure = baseTree !== undefined ? unmeasuredBase(session.cellResults()) : undefined;
    if (baseFailure !== undefined) {
      // The base was had but not measured (its setup failed): nothing to judge against.
      baseline.paired = false;
      baseline.unavailableReason = `base commit ${(baseline.commit ?? '').slice(0, 7)} could not be measured: ${baseFailure}`;
      ports.log.warning(baseline.unavailableReason);
    }
    const paired = baseTree !== undefined && baseFailure === undefined;
    judgement = compare(config, ports.host, session, history, paired);
    // Each retry is one more look; alpha is split between the looks planned (verdict.ts).
    for (let attempt = 0; judgement && attempt < lookCount(config, paired) - 1; attempt++) {
      const again = cellsToRemeasure(judgement);
      if (again.cells.length === 0) break;
      const which = again.all
        ? `all ${again.cells.length} cells (the all-cells verdict is inconclusive)`
        : `${again.cells.length} inconclusive cell(s)`;
      // A proven timing regression already fails the step and stays proven, so more rounds would
      // only settle the table. A shard's verdicts are a preview (the merge judges one larger
      // family), so a shard re-measures anyway.
      const proven = judgement.look.regressed;
      if (proven.length > 0 && config.mode !== 'shard') {
        // With fail-on-regression off the step only warns, but the outcome is as settled.
        const outcome = config.failOnRegression ? 'the step fails' : 'the run is marked regressed';
        ports.log.info(
          `Not re-measuring ${which}: ${proven.join(', ')} already regressed, so ${outcome} whatever more rounds show`,
        );
        judgement = leftUnsettled(judgement, proven);
        break;
      }
      ports.log.info(
        `Re-measuring ${which}: ${again.cells.map((c) => `${c.libc}/${c.allocator}`).join(', ')}`,
      );
      await session.remeasure(again.cells);
      judgement = compare(config, ports.host, session, history, paired, { judgement, remeasured: again });
    }
  } catch (error) {
    fatal = failureOf(error);
  } finally {
    await session.close();
    await p.sources.cleanupBaseTree().catch(() => undefined);
  }
  const results = snapshot();
  return fatal ? { results, fatal } : { results };
}

function compare(
  config: Config,
  host: HostInfo,
  session: MeasurementSession,
  history: StoredRun[] | undefined,
  paired: boolean,
  previous?: PreviousLook,
): Comparison | undefined {
  if (!paired && !history) return undefined;
  const probe = session.probeResults();
  return compareResults({
    cells: session.cellResults(),
    environments: session.environmentsInfo(),
    host,
    ...(probe ? { probe } : {}),
    ...(!paired && history ? { history } : {}),
    paired,
    metric: config.metric,
    threshold: config.threshold,
    memoryThreshold: config.memoryThreshold,
    minRuns: config.runs === 'auto' ? config.minRuns : config.runs,
    looks: lookCount(config, paired),
    ...(previous ? { previous } : {}),
  });
}

/**
 * Looks at the data: 1 + retries when paired. A cross-run comparison looks once: its doubt is the
 * spread between runs, which more rounds of this run do not shrink, and one look keeps all of
 * alpha for it.
 */
function lookCount(config: Config, paired: boolean): number {
  return paired ? 1 + config.retries : 1;
}

function failureOf(error: unknown): RunFailure {
  return { message: messageOf(error), cause: error instanceof ConfigError ? 'config' : 'run' };
}

function removeScratch(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
