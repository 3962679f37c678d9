// The CLI: the action's flow from a terminal. stdout carries the table, stderr the progress
// and messages. Exit codes: 0 ok, 1 regression, 2 usage/config error, 3 run not carried out.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createBaselineSources } from '../baseline/sources.js';
import { parseCliArgs, USAGE } from './args.js';
import { runMergeCommand } from './merge-command.js';
import { EXIT, type InputName } from '../config/names.js';
import type { Config } from '../config/config.js';
import { ConfigError, messageOf } from '../base/errors.js';
import { createExecutor } from '../executors/factory.js';
import type { Executor } from '../measure/executor.js';
import { readGitHubContext } from '../github/context.js';
import { readHostInfo } from '../app/host-info.js';
import { parseConfig } from '../config/parse.js';
import type { Results } from '../results/model.js';
import {
  anyCellMeasured,
  describeRegression,
  regressedComparisons,
  runPipeline,
  type Logger,
} from '../app/run-benchmark.js';
import { createProgress } from '../app/progress.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTerminal } from '../report/terminal.js';
import { reproduceCommand } from '../report/reproduce.js';
import { readResultsFile, writeResultsAtomic } from '../results/io.js';
import { randomSeed } from '../base/rng.js';
import { TOOL_VERSION } from '../base/version.js';
import { mkdir, rm, writeFile } from 'node:fs/promises';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Registers a handler for SIGINT/SIGTERM; returns an unregister function. */
  onSignal: (handler: (signal: NodeJS.Signals) => void) => () => void;
}

const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  onSignal(handler) {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
};

const DEFAULT_JSON = 'malloc-matrix-results.json';

function isConfigError(error: unknown): boolean {
  return error instanceof ConfigError;
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`malloc-matrix: ${message}\n`);
    return code;
  };
  if (argv[0] === 'merge') return runMergeCommand(argv.slice(1), io);
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
    config = parseConfig((name: InputName) => args.inputs[name], {
      argv: args.command,
      label: (name) => (name === 'run' ? 'command' : `--${name}`),
      randomSeed,
    });
    if (config.mode === 'shard' || config.mode === 'merge') {
      throw new ConfigError(
        `--mode ${config.mode} is for the GitHub Action; merge results files with: malloc-matrix merge a.json b.json …`,
      );
    }
  } catch (error) {
    if (isConfigError(error)) return fail(EXIT.usage, messageOf(error));
    return fail(EXIT.failure, messageOf(error));
  }

  const jsonPath = path.resolve(io.cwd, config.jsonPath ?? DEFAULT_JSON);
  if (config.mode === 'report') {
    try {
      const results = await readResultsFile(path.resolve(io.cwd, config.resultsFile!));
      await emit(config, results, jsonPath, io, false);
      return EXIT.ok;
    } catch (error) {
      return fail(EXIT.usage, messageOf(error));
    }
  }

  const logger: Logger = {
    info: (m) => io.stderr.write(`${m}\n`),
    warning: (m) => io.stderr.write(`warning: ${m}\n`),
    group: async (name, fn) => {
      io.stderr.write(`${name}\n`);
      return fn();
    },
  };
  const runId = randomBytes(6).toString('hex');
  // Holds the base commit's worktree while the run lasts.
  const tmpDir = path.join(io.env.TMPDIR ?? '/tmp', `malloc-matrix-${runId}`);
  let executor: Executor | undefined;
  let snapshot: (() => Results) | undefined;
  let interrupted = false;
  let emitting: Promise<void> | undefined;
  // After a signal the handler alone writes the results and exits: the main flow, which goes on
  // once the containers are gone, must not overwrite them with a file that hides the interruption.
  const leaveToHandler = (): Promise<number> => new Promise<number>(() => undefined);
  const unregister = io.onSignal((signal) => {
    if (interrupted) return;
    interrupted = true;
    io.stderr.write(`\nmalloc-matrix: ${signal} received, cleaning up\n`);
    void (async () => {
      await executor?.cleanup().catch(() => undefined);
      // Complete results already being written are kept as they are.
      const partial = emitting ? undefined : snapshot?.();
      await emitting?.catch(() => undefined);
      if (partial) {
        partial.fatalError = `interrupted by ${signal}`;
        await writeResultsAtomic(jsonPath, partial).catch(() => undefined);
        io.stderr.write(`Partial results written to ${jsonPath}\n`);
      }
      // The main flow's `finally` never runs after a signal.
      await rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    })();
  });
  try {
    const workspace = io.cwd;
    const created = await createExecutor(config, { runId, log: logger, env: Object.fromEntries(config.env) });
    executor = created.executor;
    const github = readGitHubContext(io.env);
    await mkdir(tmpDir, { recursive: true });
    const baselines = createBaselineSources({
      config,
      github,
      workspace,
      libcs: created.libcs,
      tmpDir,
      mode: 'cli',
      cacheDir,
    });
    const outcome = await runPipeline(config, {
      executor,
      progress: createProgress({
        write: (t) => io.stderr.write(t),
        isTTY: io.stderr.isTTY === true,
        columns: io.stderr.columns,
      }),
      log: logger,
      github,
      baselines,
      host: readHostInfo(),
      workspace,
      libcs: created.libcs,
      toolVersion: TOOL_VERSION,
      now: () => new Date(),
      onSession: (s) => (snapshot = s),
    });
    if (outcome.selection.saveToCache) await baselines.saveCache(outcome.results, logger);
    if (interrupted) return await leaveToHandler();
    emitting = emit(config, outcome.results, jsonPath, io, true);
    await emitting;
    if (outcome.missingRequiredBaseline) {
      return fail(
        EXIT.failure,
        `require-baseline is true but there is no baseline: ${outcome.missingRequiredBaseline}`,
      );
    }
    const regressed = regressedComparisons(outcome.results);
    if (regressed.length > 0) {
      for (const c of regressed) io.stderr.write(`regression: ${describeRegression(c)}\n`);
      if (config.failOnRegression) return EXIT.regression;
    }
    if (!anyCellMeasured(outcome.results))
      return fail(EXIT.failure, 'no cell could be measured; see the table for each cell’s reason');
    return EXIT.ok;
  } catch (error) {
    if (interrupted) return await leaveToHandler();
    const partial = (error as { partialResults?: Results }).partialResults;
    if (partial) {
      await writeResultsAtomic(jsonPath, partial).catch(() => undefined);
      io.stderr.write(`Partial results written to ${jsonPath}\n`);
    }
    if (isConfigError(error)) return fail(EXIT.usage, messageOf(error));
    return fail(EXIT.failure, messageOf(error));
  } finally {
    unregister();
    await rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function emit(
  config: Config,
  results: Results,
  jsonPath: string,
  io: CliIo,
  writeJson: boolean,
): Promise<void> {
  if (writeJson) {
    await writeResultsAtomic(jsonPath, results);
    io.stderr.write(`Results written to ${jsonPath}\n`);
  }
  const table = renderTerminal(results, { color: io.stdout.isTTY === true && !io.env.NO_COLOR });
  io.stdout.write(table.endsWith('\n') ? table : `${table}\n`);
  if (config.markdownPath) {
    const markdownPath = path.resolve(io.cwd, config.markdownPath);
    await writeFile(markdownPath, renderMarkdown(results, { reproduceCommand: reproduceCommand(config) }));
    io.stderr.write(`Markdown report written to ${markdownPath}\n`);
  }
}
