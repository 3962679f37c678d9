// The measurement session: prepares one environment per libc through the executor, proves each
// preload, warms up, sizes the rounds from those pilot runs, then measures every cell in
// interleaved, seeded rounds with one helper process per batch. A failure in one cell or one
// environment never stops the others.
import { cellKey, slowFirstRunWarning, statusFromRuns } from '../results/runs.js';
import { proofNote } from './proof.js';
import type { Config } from '../config/config.js';
import {
  ExecutorUnavailableError,
  type Batch,
  type Executor,
  type PreparedEnvironment,
  type Variant,
} from './executor.js';
import type {
  AllocationProfile,
  CellResult,
  EnvironmentInfo,
  LibcName,
  ProbeResults,
  Sizing,
  TreeName,
} from '../results/model.js';
import { ProbeSamples } from './probes.js';
import { profileEnvironment } from './profile-run.js';
import { planProofRuns, planRounds, planWarmups } from './plan.js';
import { applyProofRun } from './proving.js';
import { environmentCells } from './cells.js';
import { formatDuration, laterMs, pilotTimes, roundCostMs, sessionSizing } from './sizing.js';
import { summarizeCell } from '../analysis/stats.js';
import { messageOf } from '../base/errors.js';
import { resolutionRequest } from '../config/allocators.js';
import { runRecordedBatch, type BatchTargets, type ProgressSink } from './batches.js';

export type { ProgressSink, RoundsShape } from './batches.js';

export interface SessionOptions {
  config: Config;
  /** Host directories of the trees to measure: head always, base in `baseline: base` mode. */
  trees: Partial<Record<TreeName, string>>;
  executor: Executor;
  progress: ProgressSink;
  /** The libcs to prepare (the host executor has exactly one). */
  libcs: LibcName[];
  /** Milliseconds of a clock, for the max-time budget; performance.now by default. */
  clock?: () => number;
  /** When the run began on that clock (max-time counts the whole run); the session's start by default. */
  startedAtMs?: number;
}

type MeasuredTargets = Pick<BatchTargets, 'rounds' | 'probes'>;

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
  private readonly probes = new ProbeSamples();
  /** Cells whose batch died under them: their status says so and is not re-judged. */
  private readonly interrupted = new Set<string>();
  /** Allocation profiles, made after each environment's timed rounds (profile-run.ts). */
  readonly profiles: AllocationProfile[] = [];
  private readonly clock: () => number;
  private readonly startedAt: number;
  private sizing?: Sizing;

  constructor(private readonly opts: SessionOptions) {
    this.clock = opts.clock ?? (() => performance.now());
    this.startedAt = opts.startedAtMs ?? this.clock();
  }

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
        if (error instanceof ExecutorUnavailableError) throw error;
        info = { libc, executor: executor.kind, allocators: {}, failure: messageOf(error) };
      }
      const live = { libc: info.libc, env: info.failure ? undefined : env, info };
      this.environments.push(live);
      if (info.failure && env) await env.dispose().catch(() => undefined);
      const made = environmentCells(config, Object.keys(trees) as TreeName[], live.libc, info, live.env);
      for (const cell of made.cells) this.cells.set(cellKey(cell.libc, cell.allocator, cell.tree), cell);
      for (const variant of made.variants) this.variants.set(variant.id, { variant, libc: live.libc });
    }
  }

  /**
   * Proof runs, then warm-ups, in every environment; then the rounds are sized from those pilot
   * runs, and each environment measures its rounds.
   */
  async measure(): Promise<void> {
    const live = this.environments.filter(
      (e): e is LiveEnvironment & { env: PreparedEnvironment } => !!e.env,
    );
    for (const { libc, env } of live) await this.proveEnvironment(libc, env);
    const warmup = Math.max(0, this.opts.config.warmup - 1); // the proof run is the first warm-up
    for (const { libc, env } of live) {
      const ids = this.measurableIds(libc);
      if (warmup === 0 || ids.length === 0) continue;
      const runs = planWarmups(ids, warmup, subSeed(this.opts.config.seed, `${libc}#warmup`));
      await this.runBatch(`${libc}: warming up`, env, { variants: this.variantsOf(ids), runs });
    }
    const sizing = this.decideSizing(live.map((e) => e.libc));
    this.sizing = sizing;
    for (const { libc, env } of live) {
      const rounds = sizing.environments.find((e) => e.libc === libc)?.rounds ?? 0;
      const ids = this.measurableIds(libc);
      if (ids.length === 0 || rounds === 0) continue;
      await this.measureRounds(libc, env, ids, rounds, laterMs(sizing, libc));
      const { variants, cells } = this;
      this.profiles.push(...(await profileEnvironment({ ...this.opts, libc, env, variants, cells })));
    }
    this.summarizeAll();
  }

  /**
   * More rounds for the given cells (all their trees), e.g. to settle inconclusive verdicts: as
   * many as the environment planned at first, so that every look has the same weight, trimmed
   * (runs: auto) to what is left of max-time. The sizing record counts them as extra rounds.
   */
  async remeasure(cells: { libc: LibcName; allocator: string }[]): Promise<void> {
    const { config } = this.opts;
    for (const live of this.environments) {
      if (!live.env) continue;
      const ids = this.measurableIds(live.libc).filter((id) =>
        cells.some((c) => c.libc === live.libc && id.startsWith(`${c.libc}/${c.allocator}/`)),
      );
      const sized = this.sizing?.environments.find((e) => e.libc === live.libc);
      if (ids.length === 0 || !sized) continue;
      let rounds = sized.rounds;
      if (config.runs === 'auto') {
        const cost = roundCostMs(ids.map((id) => sized.pilotMs?.[id] ?? 0));
        const left = config.maxTimeMs - (this.clock() - this.startedAt);
        rounds = Math.min(rounds, cost > 0 ? Math.floor(left / cost) : rounds);
        if (rounds < config.minRuns) {
          this.opts.progress.phase(
            `${live.libc}: no time left in max-time ${formatDuration(config.maxTimeMs)} to re-measure`,
          );
          continue;
        }
      }
      sized.extraRounds = (sized.extraRounds ?? 0) + rounds;
      await this.measureRounds(live.libc, live.env, ids, rounds, 0);
    }
    this.summarizeAll();
  }

  /** How the rounds were sized: fixed, or from the pilot runs (undefined before measure()). */
  sizingRecord(): Sizing | undefined {
    return this.sizing;
  }

  /** Measured rounds per cell as recorded in the results: the fixed count, or the most planned. */
  roundsPerCell(): number {
    const { runs } = this.opts.config;
    if (runs !== 'auto') return runs;
    return Math.max(0, ...(this.sizing?.environments.map((e) => e.rounds) ?? []));
  }

  private decideSizing(libcs: LibcName[]): Sizing {
    const { config, progress } = this.opts;
    const pilots = libcs.map((libc) => ({
      libc,
      pilotMs: pilotTimes(this.measurableIds(libc).map((id) => this.cells.get(id)!)),
    }));
    const sizing = sessionSizing(config, pilots, config.maxTimeMs - (this.clock() - this.startedAt));
    if (sizing.mode === 'fixed') return sizing;
    for (const e of sizing.environments) {
      const costMs = e.rounds * roundCostMs(Object.values(e.pilotMs ?? {}));
      progress.phase(`${e.libc}: ${e.rounds} rounds (about ${formatDuration(costMs)} of runs)`);
    }
    if (sizing.trimmed) progress.phase(`Trimmed to fit: ${sizing.trimmed}`);
    return sizing;
  }

  private measurableIds(libc: LibcName): string[] {
    return [...this.variants.entries()]
      .filter(([id, v]) => v.libc === libc && this.cells.get(id)?.status === 'ok')
      .map(([id]) => id);
  }

  private variantsOf(ids: readonly string[]): Variant[] {
    return ids.map((id) => this.variants.get(id)!.variant);
  }

  private async proveEnvironment(libc: LibcName, env: PreparedEnvironment): Promise<void> {
    const ids = [...this.variants.entries()].filter(([, v]) => v.libc === libc).map(([id]) => id);
    if (ids.length === 0) return;
    await this.runBatch(`${libc}: proving preloads`, env, {
      variants: this.variantsOf(ids),
      runs: planProofRuns(ids),
    });
    for (const id of ids) {
      const cell = this.cells.get(id)!;
      const proofRun = cell.runs.find((r) => r.kind === 'proof');
      applyProofRun(cell, this.variants.get(id)!.variant, proofRun, this.opts.config.timeoutMs);
    }
  }

  private async measureRounds(
    libc: LibcName,
    env: PreparedEnvironment,
    ids: string[],
    runs: number,
    laterMs: number,
  ): Promise<void> {
    const firstRound = this.roundsDone.get(libc) ?? 0;
    const planned = planRounds({
      variantIds: ids,
      warmup: 0,
      runs,
      seed: subSeed(this.opts.config.seed, `${libc}#${firstRound}`),
      probe: true,
    }).map((r) => ({ ...r, round: r.round + firstRound }));
    this.roundsDone.set(libc, firstRound + runs);
    // Each round is its cells and the probe.
    const rounds = { rounds: runs, perRound: ids.length + 1, probe: true, laterMs };
    const batch = { variants: this.variantsOf(ids), runs: planned };
    await this.runBatch(`${libc}: measuring`, env, batch, { rounds, probes: this.probes.of(libc) });
  }

  /** Runs a batch into the cells; a batch of measured rounds also gives its shape and takes probes. */
  private runBatch(label: string, env: PreparedEnvironment, batch: Batch, measured?: MeasuredTargets) {
    const { cells, interrupted, opts } = this;
    return runRecordedBatch(env, batch, label, { progress: opts.progress, cells, interrupted, ...measured });
  }

  /** The probe samples of every environment that measured rounds (undefined before any did). */
  probeResults(): ProbeResults | undefined {
    return this.probes.results();
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
