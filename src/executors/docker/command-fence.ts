// Output from inside a container reaches the runner's log, where a line such as `::error::` or
// `::stop-commands::` would be obeyed as a workflow command. Every streamed container line goes
// through here, between `::stop-commands::<token>` and `::<token>::`: the runner takes no command
// from what lies between, and the container cannot end the span early because it never sees the
// random token. A log that no runner reads (the CLI in a terminal) gets the lines as they are.
import { randomBytes } from 'node:crypto';

/** Where fenced lines go, and whether a runner that obeys workflow commands reads it. */
export interface CommandLog {
  info(line: string): void;
  readonly readsCommands?: boolean;
}

/** Runs `stream` with a line sink whose lines the runner shows as text, never as commands. */
export async function withCommandsStopped<T>(
  log: CommandLog,
  stream: (line: (text: string) => void) => Promise<T>,
  token: string = randomBytes(16).toString('hex'),
): Promise<T> {
  const line = (text: string) => log.info(text);
  if (log.readsCommands !== true) return stream(line);
  line(`::stop-commands::${token}`);
  try {
    return await stream(line);
  } finally {
    line(`::${token}::`);
  }
}
