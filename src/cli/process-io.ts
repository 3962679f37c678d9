// The CLI's terminal: the real process's streams, environment and working directory.
import type { CliIo } from './run-cli.js';

export function processCliIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
