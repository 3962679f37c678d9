// A typed fake of the Executor port and of the executor factory: environments prepared in
// memory, and batches answered run by run from a script, so the session and the core can be
// tested without a container or a helper process.
import type { ExecutorContext, ExecutorFactory } from '../../src/app/ports.js';
import type { Config } from '../../src/config/config.js';
import type {
  Batch,
  BatchRecord,
  EnvironmentRequest,
  Executor,
  PlannedProbe,
  PlannedRun,
  PreparedEnvironment,
} from '../../src/measure/executor.js';
import type { LibcName, ProbeSample, RunRecord, TracedProcess } from '../../src/results/model.js';

/** How one run goes: fields that replace those of a clean 10 ms run. */
export type RunScript = (variantId: string, run: PlannedRun) => Partial<RunRecord>;

export interface FakeExecutorOptions {
  kind?: 'docker' | 'host';
  /** Per libc: an error that prepare throws, or the script of its runs (default: clean runs). */
  envs?: Partial<Record<LibcName, Error | RunScript>>;
  /** Allocators the environments do not have. */
  unavailable?: string[];
  /** Trees whose setup failed, with the reason. */
  treeFailures?: Partial<Record<'head' | 'base', string>>;
  /** Throw from runBatch after this many records of cells (probes not counted) of a measuring batch. */
  dieAfter?: number;
  /** The proof batch dies (as a helper killed mid-batch) after this many proof runs. */
  proofDieAfter?: number;
  /** Awaited before each measured run: a test holds the run in the middle with it. */
  beforeMeasuredRun?: () => Promise<void>;
  /** How each probe goes: fields that replace those of a clean 5 ms probe. */
  probe?: (libc: LibcName, step: PlannedProbe) => Partial<ProbeSample>;
}

export function libraryOf(allocator: string): string {
  return `/usr/lib/lib${allocator}.so`;
}

function tracedBenchmark(mapped: boolean): TracedProcess {
  return { pid: 2, exe: '/mm/head/bench', execs: 1, static: false, mapped, preloadInEnv: mapped };
}

export class FakeExecutor implements Executor {
  readonly kind: 'docker' | 'host';
  readonly requests: EnvironmentRequest[] = [];
  readonly batches: Batch[] = [];
  disposed = 0;
  cleanups = 0;

  constructor(private readonly opts: FakeExecutorOptions = {}) {
    this.kind = opts.kind ?? 'docker';
  }

  prepare(request: EnvironmentRequest): Promise<PreparedEnvironment> {
    this.requests.push(request);
    const script = this.opts.envs?.[request.libc];
    if (script instanceof Error) return Promise.reject(script);
    const allocators = Object.fromEntries(
      request.allocators.map((a) =>
        this.opts.unavailable?.includes(a.name)
          ? [a.name, { status: 'unavailable' as const, reason: `${a.name} is not packaged here` }]
          : [a.name, { status: 'ready' as const, library: a.customPath ?? libraryOf(a.name) }],
      ),
    );
    const treeDirs = Object.fromEntries(Object.keys(request.trees).map((tree) => [tree, `/mm/${tree}`]));
    return Promise.resolve({
      info: { libc: request.libc, executor: this.kind, allocators },
      treeDirs,
      treeFailures: { ...this.opts.treeFailures },
      shell: '/bin/sh',
      runBatch: (batch, onRecord) => this.runBatch(request.libc, batch, onRecord, script),
      dispose: () => {
        this.disposed += 1;
        return Promise.resolve();
      },
    });
  }

  cleanup(): Promise<void> {
    this.cleanups += 1;
    return Promise.resolve();
  }

  private async runBatch(
    libc: LibcName,
    batch: Batch,
    onRecord: (r: BatchRecord) => void,
    script: RunScript | undefined,
  ): Promise<void> {
    this.batches.push(batch);
    const measuring = batch.runs.some((r) => r.kind === 'measured');
    let sent = 0;
    for (const run of batch.runs) {
      if (measuring && this.opts.dieAfter !== undefined && sent === this.opts.dieAfter) {
        throw new Error('Cannot connect to the Docker daemon');
      }
      if (!measuring && this.opts.proofDieAfter !== undefined && sent === this.opts.proofDieAfter) {
        throw new Error('measuring helper exited with code 137');
      }
      if (run.kind === 'probe') {
        const probe: ProbeSample = {
          round: run.round,
          position: run.position,
          wallMs: 5,
          cpuMs: 5,
          computeMs: 2,
          memoryMs: 1.5,
          processMs: 1.5,
          processCpuMs: 1.5,
          ...this.opts.probe?.(libc, run),
        };
        onRecord({ probe });
        continue; // dieAfter counts the runs of cells only
      }
      if (run.kind === 'measured') await this.opts.beforeMeasuredRun?.();
      const variant = batch.variants.find((v) => v.id === run.variantId);
      const record: RunRecord = {
        kind: run.kind,
        round: run.round,
        position: run.position,
        outcome: 'exited',
        exitCode: 0,
        signal: null,
        wallMs: 10,
        userMs: 9,
        sysMs: 1,
        maxRssKiB: 1000,
        ...(run.kind === 'proof' && variant?.preload ? { processes: [tracedBenchmark(true)] } : {}),
        ...script?.(run.variantId, run),
      };
      onRecord({ variantId: run.variantId, record });
      sent += 1;
    }
  }
}

/** An executor factory that hands out one given executor and records what it was asked. */
export function fakeExecutorFactory(
  executor: Executor,
  libcs?: LibcName[],
): ExecutorFactory & { calls: { config: Config; ctx: ExecutorContext }[] } {
  const calls: { config: Config; ctx: ExecutorContext }[] = [];
  const factory: ExecutorFactory = (config, ctx) => {
    calls.push({ config, ctx });
    return Promise.resolve({ executor, libcs: libcs ?? config.libcs });
  };
  return Object.assign(factory, { calls });
}

/** A factory that fails, as when no executor can be made at all. */
export function failingExecutorFactory(error: Error): ExecutorFactory {
  return () => Promise.reject(error);
}
