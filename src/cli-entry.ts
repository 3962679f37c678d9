// The CLI's entry point: runs the CLI and exits with its code.
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
