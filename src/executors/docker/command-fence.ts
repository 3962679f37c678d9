// Output from inside a container reaches the runner's log, where a line such as `::error::` or
// `::stop-commands::` would be obeyed as a workflow command. Every streamed container line goes
// through here, between `::stop-commands::<token>` and `::<token>::`: the runner takes no command
// from what lies between, and the container cannot end the span early because it never sees the
// random token.
import { randomBytes } from 'node:crypto';

/** Runs `stream` with a line sink whose lines the runner shows as text, never as commands. */
export async function withCommandsStopped<T>(
  log: (line: string) => void,
  stream: (line: (text: string) => void) => Promise<T>,
  token: string = randomBytes(16).toString('hex'),
): Promise<T> {
  log(`::stop-commands::${token}`);
  try {
    return await stream(log);
  } finally {
    log(`::${token}::`);
  }
}
