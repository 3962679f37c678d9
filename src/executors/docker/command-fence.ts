// Output from inside a container reaches the runner's log, where a line such as `::error::` or
// `::stop-commands::` would be obeyed as a workflow command. Every streamed container line goes
// through here, between `::stop-commands::<token>` and `::<token>::`: the runner takes no command
// from what lies between, and the container cannot end the span early because it never sees the
// random token. A log that no runner reads (the CLI in a terminal) gets the lines as they are.
//
// Here too the amount is bounded: each line is already cut at 4 KiB, and each span shows at most
// CONTAINER_LOG_LIMITS of it, then how much was left out and its last lines (LogBudget).
import { randomBytes } from 'node:crypto';
import { LogBudget, type LogLimits } from '../../process/output.js';

/** Where fenced lines go, and whether a runner that obeys workflow commands reads it. */
export interface CommandLog {
  info(line: string): void;
  readonly readsCommands?: boolean;
}

/**
 * What one span (one tree's setup, one libc's `apk add`) may put in the log. A setup that
 * compiles a large project prints a few thousand lines; the tail is where a failure explains
 * itself, and the report keeps its own last lines of a failed setup besides.
 */
export const CONTAINER_LOG_LIMITS: LogLimits = { lines: 10_000, bytes: 4 << 20, tailLines: 200 };

/** Runs `stream` with a line sink whose lines the runner shows as text, never as commands. */
export async function withCommandsStopped<T>(
  log: CommandLog,
  stream: (line: (text: string) => void) => Promise<T>,
  token: string = randomBytes(16).toString('hex'),
  limits: LogLimits = CONTAINER_LOG_LIMITS,
): Promise<T> {
  const raw = (text: string) => log.info(text);
  const budget = new LogBudget(raw, limits);
  const fenced = log.readsCommands === true;
  if (fenced) raw(`::stop-commands::${token}`);
  try {
    return await stream((text) => budget.line(text));
  } finally {
    // What was held back is container output too: it is shown inside the fence.
    budget.end();
    if (fenced) raw(`::${token}::`);
  }
}
