// Every docker CLI call goes through this one small interface, so the executor's logic can be
// tested with a fake and the real calls never go through a shell.
import type { Readable } from 'node:stream';
import { describeFailure, runProcess, type ProcessResult } from '../../process/run-process.js';
import { lastLine } from './alpaquita.js';

export interface DockerRunOptions {
  /** Fed to the command's stdin: text, bytes, or a stream (e.g. a tar archive). */
  input?: Buffer | string | Readable;
  /** Added to the docker CLI's own environment (values for `-e KEY` flags). */
  env?: Record<string, string>;
  /** Kills the docker CLI after this long; default DOCKER_TIMEOUTS.default. */
  timeoutMs?: number;
  /** Called with each output line as it arrives (stdout and stderr), cut at `maxLineBytes`. */
  onLine?: (line: string) => void;
  /** Where onLine's lines are cut (and marked); default 4 KiB. */
  maxLineBytes?: number;
}

/** How a docker command ended, in the one process convention. */
export type DockerResult = ProcessResult;

export interface DockerClient {
  /** The docker CLI as spawned, for callers that run their own long-lived process through it. */
  readonly binary: string;
  /** Runs `docker ...args`. Rejects only when the CLI cannot be started at all. */
  run(args: string[], opts?: DockerRunOptions): Promise<DockerResult>;
}

/**
 * Time limits of docker calls outside the timed runs, so a hung registry, daemon or copy fails
 * that libc with one line instead of holding the job until the CI's own limit.
 */
export const DOCKER_TIMEOUTS = {
  /** Small commands: inspect, run --detach, exec of a read, rm, ps. */
  default: 2 * 60_000,
  engineCheck: 30_000,
  /** One pull attempt. */
  pull: 10 * 60_000,
  /** One `apk add`. */
  apk: 10 * 60_000,
  /** Copying one tree into a container (and the tar that produces it). */
  copy: 10 * 60_000,
} as const;

/** The real client: spawns the docker CLI directly (no shell), argv passed as given. */
export function createDockerClient(binary = 'docker'): DockerClient {
  return {
    binary,
    async run(args, opts = {}) {
      const result = await runProcess(binary, args, {
        // The CLI needs the caller's environment (DOCKER_HOST, DOCKER_CONFIG, PATH for helpers).
        env: { ...process.env, ...opts.env },
        timeoutMs: opts.timeoutMs ?? DOCKER_TIMEOUTS.default,
        ...(opts.input !== undefined ? { input: opts.input } : {}),
        ...(opts.onLine ? { onLine: (line: string) => opts.onLine?.(line) } : {}),
        ...(opts.maxLineBytes !== undefined ? { maxLineBytes: opts.maxLineBytes } : {}),
      });
      if (result.startError) {
        throw new Error(
          result.startError.code === 'ENOENT'
            ? `the docker CLI '${binary}' was not found on PATH`
            : `could not start '${binary}': ${result.startError.message}`,
        );
      }
      return result;
    },
  };
}

/**
 * Why a docker command failed, in one line: docker's own last error line when it exited with
 * one, otherwise how it ended (`docker pull x timed out after 10m`).
 */
export function dockerFailure(label: string, result: DockerResult): string {
  if (result.startError) return result.startError.message;
  if (result.exitCode !== null && !result.timedOut && !result.aborted) {
    const line = lastLine(result.stderr);
    if (line) return line;
  }
  return describeFailure(label, result);
}
