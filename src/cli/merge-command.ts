// `malloc-matrix merge a.json b.json …`: the merge of `mode: merge` from a terminal, for shards'
// results files (downloaded artifacts, or `--json` files of runs on several machines). Prints the
// merged table, writes --json and --markdown, and exits through the same gate as the CLI: 0, 1 on
// a regression, 2 on a bad option, 3 when the shards cannot be merged.
import path from 'node:path';
import { ConfigError, messageOf } from '../base/errors.js';
import { randomSeed } from '../base/rng.js';
import type { Config } from '../config/config.js';
import { EXIT, type InputName } from '../config/names.js';
import { parseConfig } from '../config/parse.js';
import { readGitHubContext } from '../github/context.js';
import { writeResultsAtomic } from '../results/io.js';
import type { Services } from '../app/ports.js';
import { collectFromFiles } from '../shards/collect.js';
import { runMerge } from '../shards/merge-run.js';
import { parseCliArgs, USAGE, type CliArgs } from './args.js';
import { judge, showResults } from './output.js';
import type { CliIo } from './run-cli.js';

/** The options a merge reads: where its output goes and how it gates; the shards set the rest. */
const MERGE_OPTIONS: readonly InputName[] = [
  'name',
  'baseline',
  'threshold',
  'memory-threshold',
  'fail-on-regression',
  'require-baseline',
  'allow-different-command',
  'cache-key-prefix',
  'json',
  'markdown',
];

export async function runMergeCommand(argv: string[], io: CliIo, services: Services): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`malloc-matrix merge: ${message}\n`);
    return code;
  };
  let args: CliArgs;
  let config: Config;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    const unused = (Object.keys(args.inputs) as InputName[]).find((n) => !MERGE_OPTIONS.includes(n));
    if (unused !== undefined) {
      throw new ConfigError(
        `--${unused} is not used by malloc-matrix merge: the shards' own settings apply. It reads ${MERGE_OPTIONS.map((n) => `--${n}`).join(', ')}.`,
      );
    }
    if (args.command.length === 0) {
      throw new ConfigError(
        'malloc-matrix merge needs the shards’ results files: malloc-matrix merge a.json b.json …',
      );
    }
    config = parseConfig((name) => (name === 'mode' ? 'merge' : args.inputs[name]), {
      label: (name) => `--${name}`,
      randomSeed,
      environment: (key) => io.env[key],
    });
  } catch (error) {
    return fail(error instanceof ConfigError ? EXIT.usage : EXIT.failure, messageOf(error));
  }

  try {
    const github = readGitHubContext(io.env);
    const shards = await collectFromFiles(args.command.map((f) => path.resolve(io.cwd, f)));
    const outcome = await runMerge(config, shards, {
      event: github,
      baselinesFor: (runConfig) =>
        services.createBaselines(
          {
            config: runConfig,
            github,
            workspace: io.cwd,
            libcs: runConfig.libcs,
            tmpDir: io.env.TMPDIR ?? '/tmp',
          },
          args.cacheDir,
        ),
    });
    for (const warning of outcome.warnings) io.stderr.write(`warning: ${warning}\n`);
    const results = outcome.results;
    if (config.jsonPath) {
      const jsonPath = path.resolve(io.cwd, config.jsonPath);
      await writeResultsAtomic(jsonPath, results);
      io.stderr.write(`Merged results written to ${jsonPath}\n`);
    }
    await showResults(outcome.config, io, results);
    return judge(outcome.config, io, { results });
  } catch (error) {
    return fail(error instanceof ConfigError ? EXIT.usage : EXIT.failure, messageOf(error));
  }
}
