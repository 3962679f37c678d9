// Every docker CLI call goes through this one small interface, so the executor's logic can be
// tested with a fake and the real calls never go through a shell.
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import type { Readable } from 'node:stream';

export interface DockerRunOptions {
  /** Fed to the command's stdin: text, bytes, or a stream (e.g. a tar archive). */
  input?: Buffer | string | Readable;
  /** Added to the docker CLI's own environment (values for `-e KEY` flags). */
  env?: Record<string, string>;
  /** Kills the docker CLI process after this long and reports code 124. */
  timeoutMs?: number;
  /** Called with each complete output line as it arrives (stdout and stderr). */
  onLine?: (line: string) => void;
}

export interface DockerResult {
  /** Exit code; 124 on timeout, 128+N when killed by signal N. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface DockerClient {
  /** The docker CLI as spawned, for callers that run their own long-lived process through it. */
  readonly binary: string;
  /** Runs `docker ...args`. Rejects only when the CLI cannot be started at all. */
  run(args: string[], opts?: DockerRunOptions): Promise<DockerResult>;
}

/** Keeps only the last `limit` characters, so a chatty setup cannot exhaust memory. */
class TailBuffer {
  private text = '';
  constructor(private readonly limit: number) {}
  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }
  toString(): string {
    return this.text.length > this.limit ? this.text.slice(-this.limit) : this.text;
  }
}

/** Splits a byte stream into lines for `onLine`, holding back a partial last line. */
function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.replace(/\r$/, ''));
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

const OUTPUT_LIMIT = 1 << 20;

/** The real client: spawns the docker CLI directly (no shell), argv passed as given. */
export function createDockerClient(binary = 'docker'): DockerClient {
  return {
    binary,
    run(args, opts = {}) {
      return new Promise<DockerResult>((resolve, reject) => {
        const child = spawn(binary, args, {
          env: { ...process.env, ...opts.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const stdout = new TailBuffer(OUTPUT_LIMIT);
        const stderr = new TailBuffer(OUTPUT_LIMIT);
        const outLines = opts.onLine ? lineSplitter(opts.onLine) : undefined;
        const errLines = opts.onLine ? lineSplitter(opts.onLine) : undefined;
        let timedOut = false;
        const timer =
          opts.timeoutMs !== undefined
            ? setTimeout(() => {
                timedOut = true;
                child.kill('SIGKILL');
              }, opts.timeoutMs)
            : undefined;
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout.push(chunk);
          outLines?.push(chunk);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr.push(chunk);
          errLines?.push(chunk);
        });
        child.on('error', (error: NodeJS.ErrnoException) => {
          if (timer) clearTimeout(timer);
          reject(
            new Error(
              error.code === 'ENOENT'
                ? `the docker CLI '${binary}' was not found on PATH`
                : `could not start '${binary}': ${error.message}`,
            ),
          );
        });
        child.on('close', (code, signal) => {
          if (timer) clearTimeout(timer);
          outLines?.end();
          errLines?.end();
          const exitCode = timedOut ? 124 : (code ?? 128 + signalNumber(signal));
          resolve({ code: exitCode, stdout: stdout.toString(), stderr: stderr.toString() });
        });
        // A command that exits without reading all of stdin closes the pipe early: that is
        // its business (its exit code tells), not a reason to crash the process.
        child.stdin.on('error', () => undefined);
        feedInput(child.stdin, opts.input);
      });
    },
  };
}

function feedInput(stdin: NodeJS.WritableStream, input: DockerRunOptions['input']): void {
  if (input === undefined) {
    stdin.end();
  } else if (typeof input === 'string' || Buffer.isBuffer(input)) {
    stdin.end(input);
  } else {
    input.pipe(stdin);
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? osConstants.signals[signal] : 0;
}
