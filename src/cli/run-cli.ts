// The CLI's entry adapter: argv -> Config -> the core (runBenchmark, gate) -> table on stdout,
// messages on stderr, results and markdown files -> exit code (0 ok, 1 regression, 2 usage or
// configuration error, 3 run not carried out). It holds no logic of its own.
import path from 'node:path';
import type { Config } from '../config/config.js';
import { EXIT, type InputName } from '../config/names.js';
import { parseConfig } from '../config/parse.js';
import { ConfigError, messageOf } from '../base/errors.js';
import { randomSeed } from '../base/rng.js';
import { TOOL_VERSION } from '../base/version.js';
import { readGitHubContext } from '../github/context.js';
import type { Results } from '../results/model.js';
import { readUntrustedResultsFile, writeResultsAtomic } from '../results/io.js';
import type { Logger, RunPorts, Services } from '../app/ports.js';
import { createProgress } from '../app/progress.js';
import { reportNameMismatch } from '../app/publish.js';
import { worthWriting } from '../app/record.js';
import { runPortsFor, startBenchmark } from '../app/run-benchmark.js';
import { exitOnSignal } from '../app/signals.js';
import { optionName, parseCliArgs, USAGE } from './args.js';
import { runMergeCommand } from './merge-command.js';
import { judge, showResults } from './output.js';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const DEFAULT_JSON = 'malloc-matrix-results.json';

/** One invocation: what was asked, and where its output goes. */
interface Invocation {
  config: Config;
  io: CliIo;
  services: Services;
  jsonPath: string;
  cacheDir?: string;
}

export async function runCli(argv: string[], io: CliIo, services: Services): Promise<number> {
  // A subcommand, as the first word only, like help and version (args.ts).
  if (argv[0] === 'merge') return runMergeCommand(argv.slice(1), io, services);
  let config: Config;
  let cacheDir: string | undefined;
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (args.version) {
      io.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT.ok;
    }
    cacheDir = args.cacheDir;
    const inputs: Partial<Record<InputName, string>> = { ...args.inputs };
    // The token is better kept out of argv, which `ps` shows to every user of the machine.
    if (inputs['github-token'] === undefined && io.env.GITHUB_TOKEN?.trim()) {
      inputs['github-token'] = io.env.GITHUB_TOKEN;
    }
    config = parseConfig((name) => inputs[name], {
      argv: args.command,
      label: (name) => (name === 'run' ? 'command' : `--${optionName(name)}`),
      randomSeed,
      environment: (key) => io.env[key],
    });
    if (config.mode === 'shard' || config.mode === 'merge') {
      throw new ConfigError(
        `--mode ${config.mode} is for the GitHub Action; merge results files with: malloc-matrix merge a.json b.json …`,
      );
    }
  } catch (error) {
    return fail(io, error instanceof ConfigError ? EXIT.usage : EXIT.failure, messageOf(error));
  }
  const jsonPath = path.resolve(io.cwd, config.jsonPath ?? DEFAULT_JSON);
  const call: Invocation = { config, io, services, jsonPath, ...(cacheDir ? { cacheDir } : {}) };
  if (config.mode === 'report') return report(call);
  return benchmark(call);
}

async function report(call: Invocation): Promise<number> {
  try {
    const results = await readUntrustedResultsFile(path.resolve(call.io.cwd, call.config.resultsFile!));
    const wrongName = reportNameMismatch(call.config.name, results.name, '--name');
    if (wrongName) return fail(call.io, EXIT.usage, wrongName);
    await showResults(call.config, call.io, results);
    return judge(call.config, call.io, { results });
  } catch (error) {
    return fail(call.io, EXIT.usage, messageOf(error));
  }
}

async function benchmark(call: Invocation): Promise<number> {
  const { io, services } = call;
  const run = startBenchmark(call.config, runPorts(call));
  let emitting: Promise<void> | undefined;
  // After a signal the handler alone writes the results and exits: the main flow, which goes on
  // once the containers are gone, must not overwrite them with a file that hides the interruption.
  const guard = exitOnSignal(services.process, async (signal) => {
    io.stderr.write(`\nmalloc-matrix: ${signal} received, cleaning up\n`);
    await run.release();
    // Complete results already being written are kept as they are.
    const partial = emitting ? undefined : run.interrupted(signal);
    await emitting?.catch(() => undefined);
    if (worthWriting(partial)) await writeJson(call, partial, 'Partial results');
  });
  try {
    const outcome = await run.outcome;
    if (guard.interrupted) return await guard.interrupted;
    if (outcome.fatal) {
      if (worthWriting(outcome.results))
        await writeJson(call, outcome.results, 'Partial results').catch(() => undefined);
    } else if (worthWriting(outcome.results)) {
      const results = outcome.results;
      emitting = writeJson(call, results, 'Results').then(() => showResults(call.config, call.io, results));
      await emitting;
    }
    return judge(call.config, call.io, outcome);
  } catch (error) {
    if (guard.interrupted) return await guard.interrupted;
    return fail(io, EXIT.failure, messageOf(error));
  } finally {
    guard.stop();
  }
}

async function writeJson(call: Invocation, results: Results, what: string): Promise<void> {
  await writeResultsAtomic(call.jsonPath, results);
  call.io.stderr.write(`${what} written to ${call.jsonPath}\n`);
}

function fail(io: CliIo, code: number, message: string): number {
  io.stderr.write(`malloc-matrix: ${message}\n`);
  return code;
}

function runPorts({ io, services, cacheDir, config }: Invocation): RunPorts {
  const log: Logger = {
    info: (m) => io.stderr.write(`${m}\n`),
    warning: (m) => io.stderr.write(`warning: ${m}\n`),
    group: async (name, fn) => {
      io.stderr.write(`${name}\n`);
      return fn();
    },
    // The CLI run as a workflow step is read by the runner too.
    readsCommands: io.env.GITHUB_ACTIONS === 'true',
  };
  return runPortsFor(services, {
    log,
    progress: createProgress({
      write: (t) => io.stderr.write(t),
      isTTY: io.stderr.isTTY === true,
      columns: io.stderr.columns,
      metric: config.metric,
    }),
    github: readGitHubContext(io.env),
    workspace: io.cwd,
    // Holds the base commit's worktree while the run lasts.
    tempRoot: io.env.TMPDIR ?? '/tmp',
    ...(cacheDir !== undefined ? { cacheDir } : {}),
  });
}
