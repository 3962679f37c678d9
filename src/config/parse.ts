// Every input is read, parsed and validated here, once, into one typed Config. The action and
// the CLI both feed raw strings through `parseConfig`, so a bad value gets the same one-line
// error everywhere: the input's name, the value, and what is accepted.
import { ConfigError } from '../base/errors.js';
import type { Config } from './config.js';
import { InputParser } from './run-inputs.js';
import type { InputReader, ParseContext } from './values.js';

export type { InputReader, ParseContext } from './values.js';

export function parseConfig(read: InputReader, ctx: ParseContext): Config {
  const p = new InputParser(read, ctx);
  const mode = p.choice('mode', ['benchmark', 'report', 'shard', 'merge'] as const);
  const executor = p.choice('executor', ['docker', 'host'] as const);
  const command = p.command(mode);
  // A merge takes its name from the shards unless given one, which then picks that benchmark's; a
  // report takes the results file's unless given one, which that file must then have.
  const name = (mode === 'merge' || mode === 'report') && !read('name') ? '' : p.name(command);
  const runs = p.countOrAuto('runs', 1, 10_000);
  const minRuns = p.integer('min-runs', 1, 10_000);
  const maxRuns = p.integer('max-runs', 1, 10_000);
  const warmup = p.integer('warmup', 0, 1_000);
  const retries = p.integer('retries', 0, 5);
  const baseline = p.baseline();
  const requireBaseline = p.boolean('require-baseline');
  const allowDifferentCommand = p.boolean('allow-different-command');
  const memoryLimit = p.memoryLimit();
  const allocators = p.allocators(executor);
  const config: Config = {
    mode,
    name,
    command,
    executor,
    libcs: p.libcs(),
    allocators: [...allocators, ...p.variants(allocators)],
    runs,
    minRuns,
    minTimeMs: p.duration('min-time'),
    maxRuns,
    maxTimeMs: p.duration('max-time'),
    warmup,
    seed: p.seed(),
    timeoutMs: p.duration('timeout'),
    env: p.env(),
    workingDirectory: p.workingDirectory(),
    images: { musl: p.image('image-musl'), glibc: p.image('image-glibc') },
    setup: p.optionalText('setup'),
    setupTimeoutMs: p.duration('setup-timeout'),
    pull: p.choice('pull', ['always', 'missing', 'never'] as const),
    memoryLimit,
    pidsLimit: p.integer('pids-limit', 32, 4_194_304),
    diskLimit: p.diskLimit(),
    metric: p.choice('metric', ['wall', 'cpu'] as const),
    threshold: p.percent('threshold'),
    memoryThreshold: p.percent('memory-threshold'),
    profile: p.choice('profile', ['off', 'default', 'all'] as const),
    allocationThreshold: p.percentOrOff('allocation-threshold'),
    baseline,
    history: p.integer('history', 1, 50),
    retries,
    failOnRegression: p.boolean('fail-on-regression'),
    allowDifferentCommand,
    requireBaseline,
    cacheKeyPrefix: p.pattern(
      'cache-key-prefix',
      /^[A-Za-z0-9._-]{1,64}$/,
      'letters, digits, ".", "_" or "-" (1 to 64)',
    ),
    comment: p.choice('comment', ['always', 'on-regression', 'never'] as const),
    githubToken: p.optionalText('github-token'),
    resultsFile: p.optionalPath('results-file'),
    prNumber: p.optionalInteger('pr-number', 1, 1e9),
    // It becomes part of an artifact's name, which allows no quotes, slashes or colons.
    shardId: p.optionalPattern(
      'shard-id',
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'letters, digits, ".", "_" or "-" (1 to 64, starting with a letter or digit)',
    ),
    jsonPath: p.optionalPath('json'),
    markdownPath: p.optionalPath('markdown'),
    exportBmfPath: p.optionalPath('export-bmf'),
    exportGabPath: p.optionalPath('export-gab'),
  };
  checkConflicts(config, p);
  return config;
}

function checkConflicts(config: Config, p: InputParser): void {
  const { label } = p.ctx;
  if (config.requireBaseline && config.baseline.kind === 'none') {
    throw new ConfigError(
      `${label('require-baseline')} is true but ${label('baseline')} is "none": give a baseline (auto, base, cache or a results file) or drop require-baseline.`,
    );
  }
  if (config.allowDifferentCommand && config.baseline.kind !== 'file' && config.baseline.kind !== 'cache') {
    throw new ConfigError(
      `${label('allow-different-command')} only applies to a stored baseline (a results file or cache); ${label('baseline')} is "${config.baseline.kind}".`,
    );
  }
  if (config.executor === 'host' && config.memoryLimit !== undefined) {
    throw new ConfigError(
      `${label('memory-limit')} needs the docker executor; ${label('executor')} is "host", which cannot limit memory.`,
    );
  }
  if (config.executor === 'host' && config.diskLimit !== undefined) {
    throw new ConfigError(
      `${label('disk-limit')} needs the docker executor; ${label('executor')} is "host", which cannot limit what the benchmark writes.`,
    );
  }
  if (config.minRuns > config.maxRuns) {
    throw new ConfigError(
      `${label('min-runs')} (${config.minRuns}) is above ${label('max-runs')} (${config.maxRuns}): the fewest rounds cannot exceed the most.`,
    );
  }
  if (config.mode === 'report' && config.resultsFile === undefined) {
    throw new ConfigError(
      `${label('mode')} "report" needs ${label('results-file')}: the results JSON to report on.`,
    );
  }
  if (config.mode !== 'report' && config.resultsFile !== undefined) {
    throw new ConfigError(`${label('results-file')} is only read in ${label('mode')} "report".`);
  }
  if (config.mode !== 'shard' && config.shardId !== undefined) {
    throw new ConfigError(`${label('shard-id')} only names a shard in ${label('mode')} "shard".`);
  }
}
