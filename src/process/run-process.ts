// The one way malloc-matrix starts a program: argv only (never a shell), an explicit
// environment, bounded output, a time limit and cancellation that end the whole process group,
// and one way of telling how it ended (`ProcessResult`).
//
// Built on node:child_process. `@actions/exec` is not used: it echoes every command line into
// the Actions log (user arguments, anything secret in them) and buffers output without bound,
// and nothing here needs more than `spawn`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { signalGroup, trackGroup, untrackGroup } from './groups.js';
import { BoundedCapture, LineSplitter, type KeepPart } from './output.js';

export type OutputStream = 'stdout' | 'stderr';
export type { KeepPart } from './output.js';

export interface ProcessOptions {
  /** The child's whole environment. Nothing is inherited unless the caller passes process.env. */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  input?: string | Buffer | Readable;
  /** After this long the process group gets SIGTERM, then SIGKILL after `killGraceMs`. */
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL on timeout or cancellation; default 2 s (0: SIGKILL at once). */
  killGraceMs?: number;
  /** Cancels the run: the process group is killed as on a timeout. */
  signal?: AbortSignal;
  /** Bytes of each stream kept in the result; default 1 MiB. */
  maxOutputBytes?: number;
  /** Which part of a longer stream is kept; default half the head and half the tail. */
  keep?: KeepPart;
  /** Called with each line of either stream as it arrives. */
  onLine?: (line: string, stream: OutputStream) => void;
  /** Longer lines reach `onLine` cut and marked; default 4 KiB. */
  maxLineBytes?: number;
}

/** Why a program could not be started at all. */
export interface StartError {
  /** Node's error code, such as ENOENT or EACCES. */
  code: string | undefined;
  message: string;
  /** Set when ENOENT was about the working directory, not the program. */
  missingDirectory?: string;
}

export interface ProcessResult {
  /** The program as started. */
  command: string;
  /** The exit code when the program exited; null when a signal ended it or it never started. */
  exitCode: number | null;
  /** The signal that ended it, reported as itself (never as 128+N). */
  signal: NodeJS.Signals | null;
  /** It outlived `timeoutMs` and its process group was killed. */
  timedOut: boolean;
  /** The caller's AbortSignal fired (before or while it ran). */
  aborted: boolean;
  /** Set when it could not be started; exitCode and signal are then null. */
  startError?: StartError;
  stdout: string;
  stderr: string;
  /** True for a stream that wrote more than `maxOutputBytes`; its text then marks the cut. */
  truncated: Record<OutputStream, boolean>;
  /** The limit it ran under, when one was given. */
  timeoutMs?: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;
export const DEFAULT_MAX_LINE_BYTES = 4 << 10;
const DEFAULT_KILL_GRACE_MS = 2000;
/**
 * After the program exits, how long its pipes may stay open: a descendant that escaped the
 * group (setsid) and kept them would otherwise hold the result back for as long as it lives.
 */
const PIPE_DRAIN_MS = 2000;

/** Runs `command` with `args` and resolves with how it ended. Never rejects. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessResult> {
  return startProcess(command, args, options, false).result;
}

/**
 * Like runProcess, but stdout is handed to the caller as a stream (to feed another process)
 * instead of being captured; the result's stdout is then empty.
 */
export function streamProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): { stdout: Readable; result: Promise<ProcessResult> } {
  return startProcess(command, args, options, true);
}

function startProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
  handOverStdout: boolean,
): { stdout: Readable; result: Promise<ProcessResult> } {
  const base = {
    command,
    stdout: '',
    stderr: '',
    truncated: { stdout: false, stderr: false },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const ended = { exitCode: null, signal: null, timedOut: false };
  if (options.signal?.aborted) {
    return { stdout: Readable.from([]), result: Promise.resolve({ ...base, ...ended, aborted: true }) };
  }
  let child: ChildProcess;
  try {
    // detached: the child leads a new process group, so a kill reaches its descendants too.
    child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
  } catch (error) {
    const startError = toStartError(error, options.cwd);
    return {
      stdout: Readable.from([]),
      result: Promise.resolve({ ...base, ...ended, aborted: false, startError }),
    };
  }
  const stdout = child.stdout as Readable;
  const result = new Promise<ProcessResult>((resolve) => {
    new Supervisor(child, options, handOverStdout, (fields) => resolve({ ...base, ...fields })).start();
  });
  return { stdout: handOverStdout ? stdout : Readable.from([]), result };
}

function toStartError(error: unknown, cwd: string | undefined): StartError {
  const e = error as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = e?.message ?? String(error);
  // Node reports a missing working directory as the program's ENOENT.
  if (code === 'ENOENT' && cwd !== undefined && !existsSync(cwd))
    return { code, message, missingDirectory: cwd };
  return { code, message };
}

type Outcome = Omit<ProcessResult, 'command' | 'timeoutMs'>;

/** Watches one child: feeds stdin, captures output, enforces the limits, and reports once. */
class Supervisor {
  private readonly captures: Record<OutputStream, BoundedCapture>;
  private readonly open = new Set<Readable>();
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private startError: StartError | undefined;
  private timedOut = false;
  private aborted = false;
  private done = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly onAbort = (): void => {
    this.aborted = true;
    this.kill();
  };

  constructor(
    private readonly child: ChildProcess,
    private readonly options: ProcessOptions,
    private readonly handOverStdout: boolean,
    private readonly report: (outcome: Outcome) => void,
  ) {
    const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const keep = options.keep ?? 'head-and-tail';
    this.captures = { stdout: new BoundedCapture(limit, keep), stderr: new BoundedCapture(limit, keep) };
  }

  start(): void {
    const { child, options } = this;
    if (child.pid !== undefined) trackGroup(child.pid);
    if (!this.handOverStdout) this.watch(child.stdout as Readable, 'stdout');
    this.watch(child.stderr as Readable, 'stderr');
    child.on('error', (error) => {
      // Only a failed spawn has no pid; later errors (a failed kill) change nothing here.
      if (child.pid !== undefined) return;
      this.startError = toStartError(error, options.cwd);
      for (const stream of this.open) stream.destroy();
      this.finish();
    });
    child.on('exit', (code, signal) => {
      if (child.pid === undefined) return; // a failed spawn is reported by 'error'
      this.exit = { code, signal };
      if (!this.timedOut && !this.aborted) untrackGroup(child.pid);
      this.timers.push(setTimeout(() => this.closePipes(), PIPE_DRAIN_MS));
      this.finish();
    });
    // Infinity means no limit; Node's timers take at most 2^31-1 ms (24.8 days).
    if (options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs)) {
      const fire = (): void => {
        this.timedOut = true;
        this.kill();
      };
      this.timers.push(setTimeout(fire, Math.min(Math.max(options.timeoutMs, 0), 2 ** 31 - 1)));
    }
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.feed(child.stdin!);
  }

  private watch(stream: Readable, name: OutputStream): void {
    const onLine = this.options.onLine;
    const lines = onLine
      ? new LineSplitter((line) => onLine(line, name), this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)
      : undefined;
    this.open.add(stream);
    stream.on('data', (chunk: Buffer) => {
      this.captures[name].push(chunk);
      lines?.push(chunk);
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      lines?.end();
      this.open.delete(stream);
      this.finish();
    });
  }

  private feed(stdin: NonNullable<ChildProcess['stdin']>): void {
    // A program that exits without reading all its input closes the pipe: its exit tells why.
    stdin.on('error', () => undefined);
    const input = this.options.input;
    if (input === undefined) stdin.end();
    else if (typeof input === 'string' || Buffer.isBuffer(input)) stdin.end(input);
    else {
      input.on('error', () => stdin.destroy());
      input.pipe(stdin);
    }
  }

  /** SIGTERM to the whole group now, SIGKILL after the grace period. */
  private kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const grace = this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    if (grace <= 0) {
      signalGroup(pid, 'SIGKILL');
      untrackGroup(pid);
      return;
    }
    signalGroup(pid, 'SIGTERM');
    // Not cleared when the leader exits: descendants that ignore SIGTERM must still go.
    setTimeout(() => {
      signalGroup(pid, 'SIGKILL');
      untrackGroup(pid);
    }, grace).unref();
  }

  private closePipes(): void {
    for (const stream of this.open) stream.destroy();
  }

  private finish(): void {
    if (this.done || (this.exit === undefined && this.startError === undefined) || this.open.size > 0) return;
    this.done = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    const input = this.options.input;
    if (input instanceof Readable && !input.readableEnded) {
      // Nobody reads it any more: a producer behind it must not block forever.
      input.unpipe();
      input.destroy();
    }
    this.report({
      exitCode: this.exit?.code ?? null,
      signal: this.exit?.signal ?? null,
      timedOut: this.timedOut,
      aborted: this.aborted,
      ...(this.startError ? { startError: this.startError } : {}),
      stdout: this.captures.stdout.text(),
      stderr: this.captures.stderr.text(),
      truncated: { stdout: this.captures.stdout.truncated, stderr: this.captures.stderr.truncated },
    });
  }
}

export { succeeded, describeFailure, howItEnded, lastOutputLine, formatDuration } from './describe.js';
