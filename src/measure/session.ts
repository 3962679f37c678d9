// The measurement session: prepares one environment per libc through the executor, proves
// each preload, then measures every cell in interleaved, seeded rounds with one helper process
// per batch. A failure in one cell or one environment never stops the others.
import { cellKey, slowFirstRunWarning, statusFromRuns } from '../results/runs.js';
import type { Config } from '../config/config.js';
import {
  ExecutorUnavailableError,
  type Batch,
  type Executor,
  type PreparedEnvironment,
  type Variant,
} from './executor.js';
import type { CellResult, EnvironmentInfo, LibcName, RunRecord, TreeName } from '../results/model.js';
import { planProofRuns, planRounds } from './plan.js';
import { judgeProof, proofNote } from './proof.js';
import { summarizeCell } from '../analysis/stats.js';
import { messageOf } from '../base/errors.js';
import { allocatorEnvironment, resolutionRequest } from '../config/allocators.js';

export interface ProgressSink {
  /** A step of preparation, e.g. `musl: installing allocators`. */
  phase(message: string): void;
  /** A batch of runs begins. */
  batchStart(label: string, total: number): void;
  /** One run of the batch finished, with its record. */
  runDone(label: string, done: number, total: number, variantId: string, record: RunRecord): void;
  batchEnd(label: string): void;
}

export interface SessionOptions {
  config: Config;
  /** Host directories of the trees to measure: head always, base in `baseline: base` mode. */
  trees: Partial<Record<TreeName, string>>;
  executor: Executor;
  progress: ProgressSink;
  /** The libcs to prepare (the host executor has exactly one). */
  libcs: LibcName[];
}

interface LiveEnvironment {
  libc: LibcName;
  env?: PreparedEnvironment;
  info: EnvironmentInfo;
}

/** Derives a per-environment seed so each container's order differs but is reproducible. */
function subSeed(seed: number, salt: string): number {
  let h = seed >>> 0;
  for (const ch of salt) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) + 0x9e3779b9) >>> 0;
  return h;
}

export class MeasurementSession {
  private readonly environments: LiveEnvironment[] = [];
  private readonly cells = new Map<string, CellResult>();
  private readonly variants = new Map<string, { variant: Variant; libc: LibcName }>();
  private readonly roundsDone = new Map<LibcName, number>();
  /** Cells whose batch died under them: their status says so and is not re-judged. */
  private readonly interrupted = new Set<string>();

  constructor(private readonly opts: SessionOptions) {}

  /** Prepares every environment; an environment that fails marks its cells and is skipped. */
  async prepare(): Promise<void> {
    const { config, executor, progress, trees } = this.opts;
    for (const libc of this.opts.libcs) {
      progress.phase(`${libc}: preparing the environment`);
      let env: PreparedEnvironment | undefined;
      let info: EnvironmentInfo;
      try {
        env = await executor.prepare({
          libc,
          trees,
          workingDirectory: config.workingDirectory,
          setup: config.setup,
          setupTimeoutMs: config.setupTimeoutMs,
          allocators: config.allocators.map(resolutionRequest),
        });
        info = env.info;
      } catch (error) {
        if (isFatalForRun(error)) throw error;
        info = { libc, executor: executor.kind, allocators: {}, failure: messageOf(error) };
      }
      const actualLibc = info.libc;
      this.environments.push({ libc: actualLibc, env: info.failure ? undefined : env, info });
      if (info.failure && env) await env.dispose().catch(() => undefined);
      this.createCells(actualLibc, info, env);
    }
  }

  private createCells(libc: LibcName, info: EnvironmentInfo, env: PreparedEnvironment | undefined): void {
    const { config } = this.opts;
    for (const tree of Object.keys(this.opts.trees) as TreeName[]) {
      for (const allocator of config.allocators) {
        const cell: CellResult = {
          libc,
          allocator: allocator.name,
          tree,
          status: 'ok',
          runs: [],
          failedRuns: 0,
        };
        this.cells.set(cellKey(libc, allocator.name, tree), cell);
        const alloc = info.allocators[allocator.name];
        if (info.failure || !env) {
          cell.status = 'failed';
          cell.reason = info.failure ?? 'environment unavailable';
          continue;
        }
        const treeFailure = env.treeFailures[tree];
        if (treeFailure) {
          cell.status = 'failed';
          cell.reason = treeFailure;
          continue;
        }
        if (allocator.name !== 'default' && (!alloc || alloc.status === 'unavailable')) {
          cell.status = 'unavailable';
          cell.reason = alloc?.reason ?? `${allocator.name} is not available`;
          continue;
        }
        const cwd = env.treeDirs[tree];
        if (cwd === undefined) {
          cell.status = 'failed';
          cell.reason = `the ${tree} tree is not available in this environment`;
          continue;
        }
        cell.library = alloc?.library;
        const id = cellKey(libc, allocator.name, tree);
        const variant: Variant = {
          id,
          argv:
            config.command.kind === 'shell' ? [env.shell, '-c', config.command.script] : config.command.argv,
          cwd,
          env: { ...Object.fromEntries(config.env), ...allocatorEnvironment(allocator) },
          timeoutMs: config.timeoutMs,
          ...(config.command.kind === 'shell' ? { shell: env.shell } : {}),
          ...(alloc?.library && allocator.name !== 'default' ? { preload: alloc.library } : {}),
        };
        this.variants.set(id, { variant, libc });
      }
    }
  }

  /** Proof runs, then warm-ups and interleaved measured rounds, one environment at a time. */
  async measure(): Promise<void> {
    for (const live of this.environments) {
      if (!live.env) continue;
      await this.proveEnvironment(live.libc, live.env);
      const ids = this.measurableIds(live.libc);
      if (ids.length === 0) continue;
      await this.measureRounds(
        live.libc,
        live.env,
        ids,
        Math.max(0, this.opts.config.warmup - 1),
        this.opts.config.runs,
      );
    }
    this.summarizeAll();
  }

  /** More rounds for the given cells (all their trees), e.g. to settle inconclusive verdicts. */
  async remeasure(cells: { libc: LibcName; allocator: string }[]): Promise<void> {
    for (const live of this.environments) {
      if (!live.env) continue;
      const ids = this.measurableIds(live.libc).filter((id) =>
        cells.some((c) => c.libc === live.libc && id.startsWith(`${c.libc}/${c.allocator}/`)),
      );
      if (ids.length === 0) continue;
      await this.measureRounds(live.libc, live.env, ids, 0, this.opts.config.runs);
    }
    this.summarizeAll();
  }

  private measurableIds(libc: LibcName): string[] {
    return [...this.variants.entries()]
      .filter(([id, v]) => v.libc === libc && this.cells.get(id)?.status === 'ok')
      .map(([id]) => id);
  }

  private async proveEnvironment(libc: LibcName, env: PreparedEnvironment): Promise<void> {
    const ids = [...this.variants.entries()].filter(([, v]) => v.libc === libc).map(([id]) => id);
    if (ids.length === 0) return;
    const batch: Batch = {
      variants: ids.map((id) => this.variants.get(id)!.variant),
      runs: planProofRuns(ids),
    };
    await this.runBatch(`${libc}: proving preloads`, env, batch);
    for (const id of ids) {
      const cell = this.cells.get(id)!;
      const variant = this.variants.get(id)!.variant;
      const proofRun = cell.runs.find((r) => r.kind === 'proof');
      if (!proofRun) {
        cell.status = 'failed';
        cell.reason = 'the proof run did not report';
        continue;
      }
      if (proofRun.outcome === 'timeout') {
        // A run that times out once would cost the full timeout every round: stop here.
        cell.status = 'timeout';
        cell.reason = `the first run exceeded the timeout (${this.opts.config.timeoutMs} ms)`;
        continue;
      }
      if (proofRun.outcome === 'exec-error') {
        cell.status = 'failed';
        cell.reason = `exit code 127: ${proofRun.error ?? 'could not start the command'}`;
        continue;
      }
      if (variant.preload) {
        const proof = judgeProof(proofRun.processes ?? [], {
          library: variant.preload,
          shell: variant.shell,
        });
        cell.proof = proof;
        if (proof.applied === false) {
          cell.status = 'not-applied';
          cell.reason = proof.explanation ?? 'the preloaded library was not loaded';
        }
      } else {
        cell.proof = { applied: null };
      }
    }
  }

  private async measureRounds(
    libc: LibcName,
    env: PreparedEnvironment,
    ids: string[],
    warmup: number,
    runs: number,
  ): Promise<void> {
    const firstRound = this.roundsDone.get(libc) ?? 0;
    const planned = planRounds({
      variantIds: ids,
      warmup,
      runs,
      seed: subSeed(this.opts.config.seed, `${libc}#${firstRound}`),
    }).map((r) => (r.kind === 'measured' ? { ...r, round: r.round + firstRound } : r));
    this.roundsDone.set(libc, firstRound + runs);
    const batch: Batch = { variants: ids.map((id) => this.variants.get(id)!.variant), runs: planned };
    await this.runBatch(`${libc}: measuring`, env, batch);
  }

  private async runBatch(label: string, env: PreparedEnvironment, batch: Batch): Promise<void> {
    const { progress } = this.opts;
    progress.batchStart(label, batch.runs.length);
    // Records received in this batch alone: cells also hold runs of earlier batches.
    const received = new Map<string, number>();
    let done = 0;
    try {
      await env.runBatch(batch, ({ variantId, record }) => {
        done += 1;
        received.set(variantId, (received.get(variantId) ?? 0) + 1);
        this.cells.get(variantId)?.runs.push(record);
        progress.runDone(label, done, batch.runs.length, variantId, record);
      });
    } catch (error) {
      // The helper or the engine died mid-batch: keep what was recorded, mark the rest.
      const message = messageOf(error);
      for (const variant of batch.variants) {
        const cell = this.cells.get(variant.id);
        const expected = batch.runs.filter((r) => r.variantId === variant.id).length;
        if (cell && cell.status === 'ok' && (received.get(variant.id) ?? 0) < expected) {
          cell.status = 'failed';
          cell.reason = `measurement interrupted: ${message}`;
          this.interrupted.add(variant.id);
        }
      }
    } finally {
      progress.batchEnd(label);
    }
  }

  private summarizeAll(): void {
    for (const [id, cell] of this.cells) {
      if (!this.variants.has(id)) continue;
      if (cell.status === 'not-applied' || cell.status === 'unavailable') continue;
      const measured = cell.runs.filter((r) => r.kind === 'measured');
      // A cell stopped before its rounds (the proof run timed out or could not start) keeps its status.
      if (measured.length === 0 && cell.status !== 'ok') continue;
      if (!this.interrupted.has(id)) {
        const judged = statusFromRuns(measured);
        cell.status = judged.status;
        cell.reason = judged.reason;
        cell.failedRuns = judged.failedRuns;
      }
      const summary = summarizeCell(cell.runs, subSeed(this.opts.config.seed, id));
      if (summary) cell.summary = summary;
      else delete cell.summary;
      const notes = [proofNote(cell.proof), slowFirstRunWarning(measured, this.opts.config.warmup)];
      const warnings = notes.filter((note): note is string => note !== undefined);
      if (warnings.length > 0) cell.warnings = warnings;
      else delete cell.warnings;
    }
  }

  environmentsInfo(): EnvironmentInfo[] {
    return this.environments.map((e) => e.info);
  }

  cellResults(): CellResult[] {
    return [...this.cells.values()];
  }

  async close(): Promise<void> {
    for (const live of this.environments) {
      if (live.env) await live.env.dispose().catch(() => undefined);
    }
    await this.opts.executor.cleanup().catch(() => undefined);
  }
}

/** Errors that mean the whole run cannot go on (no Docker engine at all). */
function isFatalForRun(error: unknown): boolean {
  return error instanceof ExecutorUnavailableError;
}
