// Every input is read, parsed and validated here, once, into one typed Config. The action and
// the CLI both feed raw strings through `parseConfig`, so a bad value gets the same one-line
// error everywhere: the input's name, the value, and what is accepted.
import { DEFAULT_ALLOCATORS, KNOWN_ALLOCATORS, findAllocator } from './allocators.js';
import type { BaselineSpec, Config, ExecutorKind } from './config.js';
import { INPUT_DEFAULTS, type InputName } from './names.js';
import type { AllocatorRequest, Command, LibcName } from '../results/model.js';
import { LIBC_NAMES } from '../results/model.js';

export class ConfigError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`Invalid ${input}: ${showValue(value)}. Expected ${accepted}.`);
    this.name = 'ConfigError';
  }
}

/** A contradiction between two inputs: both are named. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function showValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}

/** Returns the raw value of an input, or undefined when it was not given at all. */
export type InputReader = (name: InputName) => string | undefined;

export interface ParseContext {
  /** Command from the CLI's positional arguments (after `--`). */
  argv?: string[];
  /** How the input names are shown in errors: `input 'runs'` (action) or `--runs` (CLI). */
  label: (name: InputName) => string;
  /** Supplies a seed when none is given. */
  randomSeed: () => number;
}

const BOOLEAN_TRUE = ['true', 'True', 'TRUE'];
const BOOLEAN_FALSE = ['false', 'False', 'FALSE'];
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ALLOCATOR_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
// Docker image references: [registry[:port]/]path:tag@digest. No leading dash (it would read as
// an option).
const IMAGE_REF =
  /^([A-Za-z0-9][A-Za-z0-9.-]*(:\d{1,5})?\/)?[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const LIBRARY_PATH = /^\/[A-Za-z0-9._+/-]+$/;
const MEMORY_LIMIT = /^(\d+)([bkmg])?$/i;

export function parseConfig(read: InputReader, ctx: ParseContext): Config {
  const p = new Parser(read, ctx);
  const mode = p.choice('mode', ['benchmark', 'report'] as const);
  const executor = p.choice('executor', ['docker', 'host'] as const);
  const command = p.command(mode);
  const name = p.name(command);
  const runs = p.integer('runs', 1, 10_000);
  const warmup = p.integer('warmup', 0, 1_000);
  const retries = p.integer('retries', 0, 5);
  const baseline = p.baseline();
  const requireBaseline = p.boolean('require-baseline');
  const allowDifferentCommand = p.boolean('allow-different-command');
  const memoryLimit = p.memoryLimit();
  const config: Config = {
    mode,
    name,
    command,
    executor,
    libcs: p.libcs(),
    allocators: p.allocators(executor),
    runs,
    warmup,
    seed: p.seed(),
    timeoutMs: p.duration('timeout'),
    env: p.env(),
    workingDirectory: p.workingDirectory(),
    images: { musl: p.image('image-musl'), glibc: p.image('image-glibc') },
    setup: p.optionalText('setup'),
    pull: p.choice('pull', ['always', 'missing', 'never'] as const),
    memoryLimit,
    metric: p.choice('metric', ['wall', 'cpu'] as const),
    threshold: p.percent('threshold'),
    memoryThreshold: p.percent('memory-threshold'),
    baseline,
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
    jsonPath: p.optionalPath('json'),
    markdownPath: p.optionalPath('markdown'),
  };
  checkConflicts(config, p);
  return config;
}

function checkConflicts(config: Config, p: Parser): void {
  const { label } = p.ctx;
  if (config.requireBaseline && config.baseline.kind === 'none') {
    throw new ConflictError(
      `${label('require-baseline')} is true but ${label('baseline')} is "none": give a baseline (auto, base, cache or a results file) or drop require-baseline.`,
    );
  }
  if (config.allowDifferentCommand && config.baseline.kind !== 'file' && config.baseline.kind !== 'cache') {
    throw new ConflictError(
      `${label('allow-different-command')} only applies to a stored baseline (a results file or cache); ${label('baseline')} is "${config.baseline.kind}".`,
    );
  }
  if (config.executor === 'host' && config.memoryLimit !== undefined) {
    throw new ConflictError(
      `${label('memory-limit')} needs the docker executor; ${label('executor')} is "host", which cannot limit memory.`,
    );
  }
  if (config.mode === 'report' && config.resultsFile === undefined) {
    throw new ConflictError(
      `${label('mode')} "report" needs ${label('results-file')}: the results JSON to report on.`,
    );
  }
  if (config.mode === 'benchmark' && config.resultsFile !== undefined) {
    throw new ConflictError(`${label('results-file')} is only read in ${label('mode')} "report".`);
  }
}

class Parser {
  constructor(
    private readonly read: InputReader,
    readonly ctx: ParseContext,
  ) {}

  /** The given value, or the documented default; a given value that is blank is an error. */
  private raw(name: InputName): string {
    const value = this.read(name);
    if (value === undefined) return INPUT_DEFAULTS[name];
    return value;
  }

  private fail(name: InputName, value: string, accepted: string): never {
    throw new ConfigError(this.ctx.label(name), value, accepted);
  }

  /** A required value: blank (empty or whitespace) is rejected rather than silently defaulted. */
  private required(name: InputName, accepted: string): string {
    const value = this.raw(name);
    if (value.trim() === '') this.fail(name, value, accepted);
    return value.trim();
  }

  choice<T extends string>(name: InputName, options: readonly T[]): T {
    const accepted = `one of ${options.join(', ')}`;
    const value = this.required(name, accepted);
    if (!(options as readonly string[]).includes(value)) this.fail(name, value, accepted);
    return value as T;
  }

  integer(name: InputName, min: number, max: number): number {
    const accepted = `a whole number from ${min} to ${max}`;
    const value = this.required(name, accepted);
    if (!/^\d+$/.test(value)) this.fail(name, value, accepted);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) this.fail(name, value, accepted);
    return n;
  }

  optionalInteger(name: InputName, min: number, max: number): number | undefined {
    const value = this.read(name);
    if (value === undefined || value === '') return undefined;
    return this.integer(name, min, max);
  }

  boolean(name: InputName): boolean {
    const accepted = 'true or false';
    const value = this.required(name, accepted);
    if (BOOLEAN_TRUE.includes(value)) return true;
    if (BOOLEAN_FALSE.includes(value)) return false;
    return this.fail(name, value, accepted);
  }

  percent(name: InputName): number {
    const accepted = 'a percentage from 0% to 1000%, such as 5%';
    const value = this.required(name, accepted);
    const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
    if (!m) this.fail(name, value, accepted);
    const pct = Number(m[1]);
    if (!Number.isFinite(pct) || pct > 1000) this.fail(name, value, accepted);
    return pct / 100;
  }

  duration(name: InputName): number {
    const accepted = 'a duration from 1ms to 24h, such as 500ms, 90s, 10m or 1h (a bare number is seconds)';
    const value = this.required(name, accepted);
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
    if (!m) this.fail(name, value, accepted);
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
    const ms = Math.round(Number(m[1]) * factor);
    if (!Number.isFinite(ms) || ms < 1 || ms > 86_400_000) this.fail(name, value, accepted);
    return ms;
  }

  pattern(name: InputName, re: RegExp, accepted: string): string {
    const value = this.required(name, accepted);
    if (!re.test(value)) this.fail(name, value, accepted);
    return value;
  }

  seed(): number {
    const value = this.read('seed');
    if (value === undefined || value === '' || value === INPUT_DEFAULTS.seed) return this.ctx.randomSeed();
    return this.integer('seed', 0, 0xffffffff);
  }

  /** Free text that may be absent; whitespace-only counts as absent only when it is empty. */
  optionalText(name: InputName): string | undefined {
    const value = this.read(name);
    if (value === undefined || value === '') return undefined;
    if (value.trim() === '') this.fail(name, value, 'a non-blank value, or leave it unset');
    return value;
  }

  optionalPath(name: InputName): string | undefined {
    const value = this.optionalText(name);
    if (value === undefined) return undefined;
    if (/[\0\n\r]/.test(value)) this.fail(name, value, 'a file path on one line');
    return value.trim();
  }

  command(mode: 'benchmark' | 'report'): Command {
    const argv = this.ctx.argv ?? [];
    const run = this.read('run');
    if (mode === 'report') {
      if ((run !== undefined && run.trim() !== '') || argv.length > 0) {
        throw new ConflictError(
          `${this.ctx.label('run')} is not used in ${this.ctx.label('mode')} "report", which only reports an existing results file.`,
        );
      }
      return { kind: 'shell', script: '' };
    }
    if (argv.length > 1) {
      if (argv[0].trim() === '') this.fail('run', argv[0], 'a command to benchmark');
      return { kind: 'argv', argv };
    }
    const script = argv.length === 1 ? argv[0] : (run ?? '');
    if (script.trim() === '') this.fail('run', script, 'a command to benchmark (a shell command line)');
    if (script.includes('\0')) this.fail('run', script, 'a shell command without NUL bytes');
    return { kind: 'shell', script };
  }

  name(command: Command): string {
    const value = this.read('name');
    if (value === undefined || value === '') {
      const text = command.kind === 'shell' ? command.script : command.argv.join(' ');
      const firstLine = text.trim().split('\n')[0] ?? '';
      return firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine || 'results';
    }
    if (value.trim() === '' || value.length > 100 || /[\n\r\0]/.test(value)) {
      this.fail('name', value, 'a single line of 1 to 100 characters');
    }
    return value.trim();
  }

  libcs(): LibcName[] {
    const accepted = `a comma-separated list of ${LIBC_NAMES.join(', ')}`;
    const value = this.required('libcs', accepted);
    const items = splitList(value);
    if (items.length === 0) this.fail('libcs', value, accepted);
    const out: LibcName[] = [];
    for (const item of items) {
      if (!(LIBC_NAMES as readonly string[]).includes(item)) this.fail('libcs', item, accepted);
      if (out.includes(item as LibcName)) this.fail('libcs', value, `${accepted}, each at most once`);
      out.push(item as LibcName);
    }
    return out;
  }

  allocators(executor: ExecutorKind): AllocatorRequest[] {
    const given = this.read('allocators');
    // Empty means "the executor's default list" (action.yml's documented default).
    const value = given === undefined || given === '' ? DEFAULT_ALLOCATORS[executor].join(',') : given;
    const accepted = `a comma-separated list of ${KNOWN_ALLOCATORS.join(', ')}, or name=/path/to/lib.so`;
    if (value.trim() === '') this.fail('allocators', value, accepted);
    const out: AllocatorRequest[] = [];
    for (const item of splitList(value)) {
      const eq = item.indexOf('=');
      let request: AllocatorRequest;
      if (eq >= 0) {
        const name = item.slice(0, eq);
        const path = item.slice(eq + 1);
        if (!ALLOCATOR_NAME.test(name)) {
          this.fail(
            'allocators',
            item,
            'a custom allocator name of lowercase letters, digits, ".", "_" or "-"',
          );
        }
        if (findAllocator(name) !== undefined) {
          this.fail(
            'allocators',
            item,
            `a custom name that is not a built-in one (${KNOWN_ALLOCATORS.join(', ')})`,
          );
        }
        if (!LIBRARY_PATH.test(path) || path.includes('/../') || path.endsWith('/')) {
          this.fail(
            'allocators',
            item,
            'name=/absolute/path/to/lib.so (letters, digits, ".", "_", "+", "-", "/")',
          );
        }
        request = { name, kind: 'custom', path };
      } else {
        if (findAllocator(item) === undefined) this.fail('allocators', item, accepted);
        request = { name: item, kind: 'builtin' };
      }
      if (out.some((a) => a.name === request.name)) {
        this.fail('allocators', request.name, `${accepted}, each name at most once`);
      }
      out.push(request);
    }
    return out;
  }

  env(): [string, string][] {
    const value = this.read('env');
    if (value === undefined || value === '') return [];
    const accepted = 'KEY=VALUE lines (KEY of letters, digits and "_", not starting with a digit)';
    const out: [string, string][] = [];
    for (const line of value.split(/\r?\n/)) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq <= 0) this.fail('env', line, accepted);
      const key = line.slice(0, eq).trim();
      const val = line.slice(eq + 1);
      if (!ENV_KEY.test(key)) this.fail('env', line, accepted);
      if (key === 'LD_PRELOAD') {
        this.fail(
          'env',
          line,
          'no LD_PRELOAD: malloc-matrix sets it per cell (use allocators: name=/path/lib.so)',
        );
      }
      if (val.includes('\0')) this.fail('env', line, 'values without NUL bytes');
      if (out.some(([k]) => k === key)) this.fail('env', line, `${accepted}, each KEY at most once`);
      out.push([key, val]);
    }
    return out;
  }

  workingDirectory(): string {
    const accepted = 'a directory inside the workspace, such as . or bench';
    const value = this.required('working-directory', accepted);
    if (/[\0\n\r]/.test(value) || value.startsWith('/') || value.split(/[\\/]/).includes('..')) {
      this.fail('working-directory', value, accepted);
    }
    return value;
  }

  image(name: 'image-musl' | 'image-glibc'): string {
    const accepted = 'a Docker image reference such as bellsoft/alpaquita-linux-base:stream-musl';
    const value = this.required(name, accepted);
    if (!IMAGE_REF.test(value) || value.length > 255) this.fail(name, value, accepted);
    return value;
  }

  memoryLimit(): string | undefined {
    const value = this.read('memory-limit');
    if (value === undefined || value === '') return undefined;
    const accepted = 'a Docker memory size of at least 6m, such as 512m or 2g';
    const m = MEMORY_LIMIT.exec(value.trim());
    if (!m) this.fail('memory-limit', value, accepted);
    const unit = (m[2] ?? 'b').toLowerCase() as 'b' | 'k' | 'm' | 'g';
    const bytes = Number(m[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit];
    if (bytes < 6 * 1024 ** 2) this.fail('memory-limit', value, accepted);
    return value.trim().toLowerCase();
  }

  baseline(): BaselineSpec {
    const accepted = 'none, auto, base, cache, or the path of an earlier results JSON file';
    const value = this.required('baseline', accepted);
    switch (value) {
      case 'none':
      case 'auto':
      case 'base':
      case 'cache':
        return { kind: value };
      default:
        if (/[\0\n\r]/.test(value) || !/\.json$/i.test(value)) this.fail('baseline', value, accepted);
        return { kind: 'file', path: value };
    }
  }
}

/** Splits a list on commas, whitespace and newlines, dropping empty items. */
function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
