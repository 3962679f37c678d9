// How a finished process is told about in one line, the same way for every caller.
import type { ProcessResult } from './run-process.js';

const MAX_DETAIL = 300;

/** True only for a program that ran and exited 0 by itself. */
export function succeeded(result: ProcessResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.aborted && result.startError === undefined;
}

/** A duration in the inputs' own syntax: `30m`, `90s`, `1h`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * How it ended, after `label`: `docker cp timed out after 10m`, `setup exited with code 2`,
 * `git fetch was killed by SIGKILL`, `tar could not be started: tar was not found`.
 */
export function howItEnded(label: string, result: ProcessResult): string {
  const start = result.startError;
  if (start) {
    const why = start.missingDirectory
      ? `the directory ${start.missingDirectory} does not exist`
      : start.code === 'ENOENT'
        ? `${result.command} was not found`
        : start.message;
    return `${label} could not be started: ${why}`;
  }
  if (result.timedOut) {
    return result.timeoutMs === undefined
      ? `${label} timed out`
      : `${label} timed out after ${formatDuration(result.timeoutMs)}`;
  }
  if (result.aborted) return `${label} was cancelled`;
  if (result.signal) return `${label} was killed by ${result.signal}`;
  return `${label} exited with code ${result.exitCode}`;
}

/** The last non-blank line of stderr, or of stdout when stderr has none; shortened to one line. */
export function lastOutputLine(result: Pick<ProcessResult, 'stdout' | 'stderr'>): string {
  const last = (text: string): string =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? '';
  const line = last(result.stderr) || last(result.stdout);
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

/** howItEnded, plus the program's last words when it ended by itself or by a signal. */
export function describeFailure(label: string, result: ProcessResult): string {
  const ended = howItEnded(label, result);
  if (result.startError || result.timedOut || result.aborted) return ended;
  const detail = lastOutputLine(result);
  return detail ? `${ended}: ${detail}` : ended;
}
