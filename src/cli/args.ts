// Parses the CLI's argv into raw inputs, named exactly like the action's inputs, so that
// config/parse.ts validates both the same way. Uses node:util parseArgs (no dependency needed).
import { parseArgs } from 'node:util';
import { INPUT_NAMES, type InputName } from '../config/names.js';
import { ConfigError, messageOf } from '../base/errors.js';

export interface CliArgs {
  help: boolean;
  version: boolean;
  /** Only the options that were given; absent ones fall back to the defaults in config/names.ts. */
  inputs: Partial<Record<InputName, string>>;
  command: string[];
  cacheDir?: string;
}

/**
 * Inputs that make no sense on the command line: the command comes after `--`, the CLI posts
 * no pull-request comment (so `comment` and `pr-number` would be silently ignored), and it
 * uploads no shard (`malloc-matrix merge` merges results files instead).
 */
const NOT_OPTIONS: readonly InputName[] = ['run', 'comment', 'pr-number', 'shard-id'];

/** Inputs of several lines that the CLI takes one value per option, repeated. */
const REPEATABLE: readonly InputName[] = ['env', 'variants'];

/** Options spelled otherwise than their input: one `--variant` per variant. */
const OPTION_NAMES: Partial<Record<InputName, string>> = { variants: 'variant' };

/** The option that sets an input: `--<this>`. */
export function optionName(input: InputName): string {
  return OPTION_NAMES[input] ?? input;
}

type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

function optionTable(): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
    'cache-dir': { type: 'string' },
  };
  for (const name of INPUT_NAMES) {
    if (NOT_OPTIONS.includes(name)) continue;
    options[optionName(name)] = { type: 'string', ...(REPEATABLE.includes(name) ? { multiple: true } : {}) };
  }
  return options;
}

export function parseCliArgs(argv: string[]): CliArgs {
  // `malloc-matrix help` and `malloc-matrix version`, as the first word only: `-- help` measures
  // a program named help.
  if (argv[0] === 'help' || argv[0] === 'version') {
    return { help: argv[0] === 'help', version: argv[0] === 'version', inputs: {}, command: [] };
  }
  const options = optionTable();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new ConfigError(`${cleanParseError(error)} Run malloc-matrix --help for the options.`);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const inputs: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) {
    const value = values[optionName(name)];
    if (value === undefined || typeof value === 'boolean') continue;
    inputs[name] = Array.isArray(value) ? value.join('\n') : value;
  }
  return {
    help: values.help === true,
    version: values.version === true,
    inputs,
    command: parsed.positionals,
    ...(typeof values['cache-dir'] === 'string' ? { cacheDir: values['cache-dir'] } : {}),
  };
}

/**
 * `--runs -1` and `--threshold -5%`: parseArgs refuses a value that starts with a dash as
 * ambiguous. A word after an option that takes a value is that value, unless it is `--`, a long
 * option, or one of our short flags, so that it reaches the input parser and gets its one-line
 * message like any other bad value.
 */
function joinDashValues(argv: string[], options: Record<string, OptionSpec>): string[] {
  const shortFlags = new Set(Object.values(options).flatMap((o) => (o.short ? [`-${o.short}`] : [])));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const takesValue = word.startsWith('--') && options[word.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-(?!-)/.test(next) && !shortFlags.has(next)) {
      out.push(`${word}=${next}`);
      i++;
    } else {
      out.push(word);
    }
  }
  return out;
}

/** parseArgs errors are multi-sentence and mention internals; keep the first line only. */
function cleanParseError(error: unknown): string {
  const message = messageOf(error);
  const first = message.split('\n')[0].trim();
  const unknown = /Unknown option '([^']+)'/.exec(first);
  if (unknown) return `Unknown option '${unknown[1]}'.`;
  const missing = /Option '([^']+)' argument (?:missing|is ambiguous)/.exec(first);
  if (missing) return `Option '${missing[1].split(',').pop()!.trim().split(' ')[0]}' needs a value.`;
  return first.endsWith('.') ? first : `${first}.`;
}

export const USAGE = `Usage: malloc-matrix [options] -- <command> [args...]
       malloc-matrix merge <results.json>... [--json FILE] [--markdown FILE] [--threshold PCT]
       malloc-matrix help | version

Runs <command> under every allocator for each libc and prints a comparison table.
One argument is run as a shell command line (sh -c); several are run as an argv.
\`merge\` merges the results of shards (runs of parts of the matrix, on one or several
machines) into one table and one verdict; it also reads --name, --baseline FILE.json,
--memory-threshold, --fail-on-regression, --require-baseline and --allow-different-command.
To measure a program named help, version or merge, put it after --.

Options (named like the GitHub Action's inputs; defaults in brackets):
  --executor docker|host        where to run [docker]
  --libcs musl,glibc            C libraries (docker executor) [musl,glibc]
  --allocators LIST             default,mimalloc,mimalloc-secure,jemalloc,rpmalloc,tcmalloc,
                                glibc-debug or name=/path/lib.so [executor's default list]
  --variant 'NAME = ALLOCATOR KEY=VALUE...'
                                an allocator with its own environment, measured as a cell
                                of its own (repeatable), e.g.
                                'jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true'
  --runs N|auto                 measured rounds per cell; auto sizes them from the first runs [auto]
  --min-runs N                  with auto: the fewest rounds [10]
  --min-time DURATION           with auto: measured time per cell and tree [3s]
  --max-runs N                  with auto: the most rounds [200]
  --max-time DURATION           with auto: time budget of the whole run [10m]
  --warmup N                    warm-up runs per cell [1]
  --timeout DURATION            per-run timeout, e.g. 90s, 10m [10m]
  --seed N                      seed of order and bootstrap [random]
  --env KEY=VALUE|KEY           extra environment; a bare KEY passes $KEY (repeatable)
  --working-directory DIR       where setup and the command run [.]
  --setup CMD                   shell command run once per container before measuring
  --setup-timeout DURATION      time limit of each setup run [30m]
  --image-musl IMAGE            [bellsoft/alpaquita-linux-base:stream-musl]
  --image-glibc IMAGE           [bellsoft/alpaquita-linux-base:stream-glibc]
  --pull always|missing|never   [missing]
  --memory-limit SIZE           container memory limit, e.g. 512m [75% of RAM / libcs]
  --pids-limit N                processes per container [4096]
  --disk-limit SIZE             what each container may write to disk, e.g. 20g [4g]
  --name NAME                   report heading [the command]
  --baseline none|auto|base|cache|FILE.json|REV
                                what to compare against [auto]; REV is a git commit-ish
                                (origin/main, HEAD~3, a tag) measured beside the working tree;
                                a FILE with * or ? names several stored runs (a history)
  --history N                   stored runs a cross-run comparison learns from [8]
  --metric cpu|wall             gated timing metric [cpu]
  --threshold PCT               tolerated slowdown [5%]
  --memory-threshold PCT        tolerated peak RSS growth [10%]
  --profile off|default|all     allocation profile of the libc default, of every allocator, or none [default]
  --allocation-threshold PCT|off  tolerated growth of allocation calls and bytes requested [10%]
  --retries N                   re-measurements of inconclusive cells [1]
  --fail-on-regression BOOL     exit 1 on a regression [true]
  --require-baseline BOOL       fail when the baseline cannot be had [false]
  --allow-different-command BOOL  compare with a baseline of another command [false]
  --cache-key-prefix PREFIX     cache key prefix for --baseline cache [malloc-matrix]
  --cache-dir DIR               where --baseline cache keeps results [~/.cache/malloc-matrix/baselines]
  --github-token TOKEN          token for fetching the pull request's base commit (--baseline base)
                                [$GITHUB_TOKEN]
  --json FILE                   where to write the results JSON [malloc-matrix-results.json]
  --markdown FILE               write the markdown report
  --export-bmf FILE             write the results in Bencher Metric Format (bencher run --adapter json)
  --export-gab FILE             write github-action-benchmark's customSmallerIsBetter JSON
  --mode benchmark|report       report re-renders --results-file without measuring
  --results-file FILE           results JSON for --mode report
  -h, --help                    this help
  --version, -V                 print the version

Exit codes: 0 success, 1 regression found, 2 usage or configuration error,
3 the run could not be carried out (e.g. no Docker engine). A run that stops before
any cell exists (a bad option, no Docker engine) writes no results file.
`;
