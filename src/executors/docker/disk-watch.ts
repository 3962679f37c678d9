// The disk bound of a container. Docker has no portable cap on a container's writable layer
// (`--storage-opt size` needs overlay2 on xfs with project quotas, which GitHub's runners do not
// have), so a benchmark or a setup could fill the runner's disk, and with it the job: no results
// written, no report. The watch asks the engine, every few seconds, how much the container has
// written (its writable layer: tree copies, packages, and everything setup and the benchmark
// wrote) while something runs in it, and kills the container once that passes the limit. The engine measures from outside
// the container, so nothing inside can hide or fake the size.
import { describeBytes, withThousands } from '../../base/units.js';
import { succeeded } from '../../process/run-process.js';
import type { DockerClient, DockerResult } from './client.js';

/** How often the writable layer is measured: what a container can overshoot is what it writes in this time. */
export const DISK_CHECK_EVERY_MS = 2_000;
/**
 * The engine walks the whole layer to size it, which takes longer the more files the trees have,
 * on the cores the timed runs use: a tick is skipped until this many times the last query's
 * duration has passed since it ended, so the watch takes at most about 1/20 of a core.
 */
const QUIET_FACTOR = 19;
/** One size query or kill; a slow engine skips a check rather than piling them up. */
const INSPECT_TIMEOUT_MS = 60_000;

/** The watch's sense of time, injectable: a repeating timer and a clock. */
export interface Ticker {
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

/** Real time; the timer does not keep the process alive on its own. */
export const realTicker: Ticker = {
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
  now: () => performance.now(),
};

export interface DiskWatch {
  /** Why the container was stopped, once its writes passed the limit. */
  readonly exceeded: string | undefined;
  /** Measures once now (also what each tick does); resolves when done. */
  check(): Promise<void>;
  /**
   * Runs `work` (a setup, a batch) with the ticks on. Between them nothing runs in the container
   * (the helper and the setup step kill what is left), so ticks then would only cost CPU that
   * the other container's timed runs may be sharing.
   */
  during<T>(work: () => Promise<T>): Promise<T>;
  stop(): void;
}

export interface DiskWatchSpec {
  container: string;
  /** Names the container in the reason, e.g. `musl`. */
  label: string;
  /** The input's text, e.g. `4g`, as the user wrote it. */
  limitText: string;
  limitBytes: number;
}

/** `docker container inspect --size` prints the writable layer's size in bytes as SizeRw. */
export function parseSizeRw(stdout: string): number | undefined {
  const text = stdout.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const bytes = Number(text);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

export function diskExceededReason(spec: DiskWatchSpec, written: number): string {
  // What was written is rarely whole mebibytes: one decimal reads at a glance, the bytes are exact.
  const amount = `${(written / 1024 ** 2).toFixed(1)} MiB (${withThousands(written)} bytes)`;
  return (
    `the ${spec.label} container wrote ${amount} to its disk, beyond disk-limit ` +
    `${spec.limitText} (${describeBytes(spec.limitBytes)}), and was stopped; raise disk-limit if the ` +
    `benchmark or its setup needs that much`
  );
}

/** A docker call whose failure only means "not this time": the watch never throws into a timer. */
async function tryRun(docker: DockerClient, args: string[]): Promise<DockerResult | undefined> {
  try {
    return await docker.run(args, { timeoutMs: INSPECT_TIMEOUT_MS });
  } catch {
    return undefined;
  }
}

export function watchDisk(docker: DockerClient, ticker: Ticker, spec: DiskWatchSpec): DiskWatch {
  const now = () => ticker.now();
  let exceeded: string | undefined;
  // When the last size query ended, and how long it took.
  let lastEnd = Number.NEGATIVE_INFINITY;
  let lastTook = 0;
  let stopped = false;
  let inFlight: Promise<void> | undefined;
  let cancel: () => void = () => undefined;
  let busy = 0;

  async function measure(): Promise<void> {
    const started = now();
    const result = await tryRun(docker, [
      'container',
      'inspect',
      '--size',
      '--format',
      '{{.SizeRw}}',
      spec.container,
    ]);
    lastEnd = now();
    lastTook = lastEnd - started;
    // A container that is gone or an engine that did not answer this time: the next tick asks
    // again, and a dead engine fails the run through its own calls.
    if (result === undefined || !succeeded(result) || stopped || exceeded !== undefined) return;
    const written = parseSizeRw(result.stdout);
    if (written === undefined || written <= spec.limitBytes) return;
    exceeded = diskExceededReason(spec, written);
    cancel();
    // Killed, not stopped gracefully: what it writes while it shuts down is not bounded.
    await tryRun(docker, ['kill', spec.container]);
  }

  function check(): Promise<void> {
    inFlight ??= measure().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  cancel = ticker.every(DISK_CHECK_EVERY_MS, () => {
    if (busy > 0 && now() - lastEnd >= QUIET_FACTOR * lastTook) void check();
  });

  return {
    get exceeded() {
      return exceeded;
    },
    check,
    async during(work) {
      busy += 1;
      try {
        return await work();
      } finally {
        busy -= 1;
      }
    },
    stop() {
      stopped = true;
      cancel();
    },
  };
}
