// The CLI's entry point: runs the CLI in the real process and exits with its code.
import { systemServices } from './app/system.js';
import { processCliIo } from './cli/process-io.js';
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), processCliIo(), systemServices('cli'));
