// Pure: the CLI command line that reproduces a run locally, shown in the report's details, and
// how to install that CLI. Environment variables appear by name only (`--env KEY`, which the CLI
// fills from its own environment): a value may be a secret, and a comment is public.
import type { Config } from '../config/config.js';
import { INPUT_DEFAULTS } from '../config/names.js';
import { asInput } from './sizing.js';

/** Each GitHub release carries the CLI as the tarball `npm pack` makes. */
const RELEASES = 'https://github.com/malloc-matrix/malloc-matrix/releases';
const COMMIT_ID = /^[0-9a-f]{7,64}$/;
const RELEASE_VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,6}(-[0-9A-Za-z.]{1,40})?$/;

/**
 * The shell comment above the command: how to install the CLI of the version that made the
 * results. The version comes from the results file, so anything but a plain release number
 * (it could hold a newline and a command) gives the releases page instead.
 */
export function installHint(version: string): string {
  if (!RELEASE_VERSION.test(version))
    return `# install the CLI once: npm install -g <tarball from ${RELEASES}>`;
  return `# install the CLI once: npm install -g ${RELEASES}/download/v${version}/malloc-matrix-${version}.tgz`;
}

/** POSIX shell quoting: safe to paste whatever the value holds. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A fraction as the percentage input it was parsed from: 0.05 gives `5%`. */
function asPercent(fraction: number | undefined): string {
  return fraction === undefined ? 'off' : `${Number((fraction * 100).toPrecision(12))}%`;
}

/**
 * The CLI command that measures and judges as this run did. `baselineCommit`, the commit the run
 * was compared with, becomes `--baseline <commit>`: on a laptop that commit is checked out beside
 * the working tree and measured in the same run, whatever the run's own baseline was (a cache
 * entry or an artifact exists only on the runner).
 */
export function reproduceCommand(config: Config, baselineCommit?: string): string {
  const args: string[] = ['malloc-matrix'];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') args.push(`--${name}`, shellQuote(value));
  };
  /** Judging settings are named only when they differ from the defaults, to keep the line short. */
  const addChanged = (name: keyof typeof INPUT_DEFAULTS, value: string) => {
    if (value !== INPUT_DEFAULTS[name]) add(name, value);
  };
  add('executor', config.executor);
  if (config.executor === 'docker') {
    add('libcs', config.libcs.join(','));
    add('image-musl', config.images.musl);
    add('image-glibc', config.images.glibc);
    add('memory-limit', config.memoryLimit);
    add('disk-limit', config.diskLimit);
  }
  const listed = config.allocators.filter((a) => a.kind !== 'variant');
  add('allocators', listed.map((a) => (a.kind === 'custom' ? `${a.name}=${a.path}` : a.name)).join(','));
  for (const a of config.allocators) {
    if (a.kind === 'variant') add('variant', variantLine(a.name, a.base, a.env));
  }
  add('runs', String(config.runs));
  if (config.runs === 'auto') {
    // Only the settings that differ from the defaults, to keep the line short.
    const sizing = {
      'min-runs': String(config.minRuns),
      'min-time': asInput(config.minTimeMs),
      'max-runs': String(config.maxRuns),
      'max-time': asInput(config.maxTimeMs),
    } as const;
    for (const [name, value] of Object.entries(sizing) as [keyof typeof sizing, string][]) {
      if (value !== INPUT_DEFAULTS[name]) add(name, value);
    }
  }
  add('warmup', String(config.warmup));
  add('seed', String(config.seed));
  add('timeout', `${config.timeoutMs}ms`);
  if (config.workingDirectory !== '.') add('working-directory', config.workingDirectory);
  add('setup', config.setup);
  if (config.profile !== 'default') add('profile', config.profile);
  for (const [key] of config.env) add('env', key);
  addChanged('metric', config.metric);
  addChanged('threshold', asPercent(config.threshold));
  addChanged('memory-threshold', asPercent(config.memoryThreshold));
  addChanged('allocation-threshold', asPercent(config.allocationThreshold));
  addChanged('retries', String(config.retries));
  // Only a commit id: in report mode it comes from a results file someone else made.
  if (baselineCommit !== undefined && COMMIT_ID.test(baselineCommit)) add('baseline', baselineCommit);
  const command = config.command.kind === 'shell' ? [config.command.script] : config.command.argv;
  args.push('--', ...command.map(shellQuote));
  return args.join(' ');
}

/** A variant as its `variants` line: `jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true`. */
export function variantLine(name: string, base: string, env: readonly (readonly [string, string])[]): string {
  return [`${name} =`, base, ...env.map(([key, value]) => `${key}=${value}`)].join(' ');
}
