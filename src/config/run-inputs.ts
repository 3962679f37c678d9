// The readers of the inputs that describe a run: the command, the matrix (libcs, allocators),
// the environment, images and baseline. Built on the generic readers of values.ts.
import { ConfigError } from '../base/errors.js';
import { dockerSizeBytes } from '../base/units.js';
import type { AllocatorRequest, Command, LibcName } from '../results/model.js';
import { LIBC_NAMES } from '../results/model.js';
import { DEFAULT_ALLOCATORS, KNOWN_ALLOCATORS, findAllocator } from './allocators.js';
import type { BaselineSpec, ExecutorKind, Mode } from './config.js';
import { splitList, ValueParser } from './values.js';
import { ALLOCATOR_NAME, ENV_KEY, parseVariants } from './variants.js';

// Docker image references: [registry[:port]/]path:tag@digest. No leading dash (it would read as
// an option).
const IMAGE_REF =
  /^([A-Za-z0-9][A-Za-z0-9.-]*(:\d{1,5})?\/)?[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const LIBRARY_PATH = /^\/[A-Za-z0-9._+/-]+$/;
/**
 * What `baseline` accepts, said the same way by the parser and by the run that resolves a ref.
 */
export const BASELINE_ACCEPTED =
  'none, auto, base, cache, the path of an earlier results .json file (* and ? name several), or a git commit-ish of this repository such as origin/main, HEAD~3 or v1.2.0';
// A commit-ish as git spells one: a ref name with ~N, ^N and @{...} suffixes; never an option.
const GIT_REVISION = /^(?!-)[A-Za-z0-9._/~^@{}+-]{1,200}$/;

export class InputParser extends ValueParser {
  command(mode: Mode): Command {
    const argv = this.ctx.argv ?? [];
    const run = this.read('run');
    if (mode === 'report' || mode === 'merge') {
      if ((run !== undefined && run.trim() !== '') || argv.length > 0) {
        const what =
          mode === 'report' ? 'only reports an existing results file' : "merges the shards' results";
        throw new ConfigError(
          `${this.ctx.label('run')} is not used in ${this.ctx.label('mode')} "${mode}", which ${what}.`,
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
            'a custom allocator name of lowercase letters, digits, ".", "_", "+" or "-"',
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

  /** The `variants` lines, each a cell of its own after the `allocators`. */
  variants(allocators: readonly AllocatorRequest[]): AllocatorRequest[] {
    const value = this.read('variants');
    if (value === undefined || value.trim() === '') return [];
    return parseVariants(value, allocators, (line, accepted) => this.fail('variants', line, accepted));
  }

  env(): [string, string][] {
    const value = this.read('env');
    if (value === undefined || value === '') return [];
    const accepted =
      'KEY=VALUE lines, or a bare KEY to pass that variable from the environment (KEY of letters, digits and "_", not starting with a digit)';
    const out: [string, string][] = [];
    for (const line of value.split(/\r?\n/)) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const eq = line.indexOf('=');
      // Errors show the key only: the value may be a secret.
      const shown = eq < 0 ? line : `${line.slice(0, eq)}=…`;
      const key = (eq < 0 ? line : line.slice(0, eq)).trim();
      if (!ENV_KEY.test(key)) this.fail('env', shown, accepted);
      if (key === 'LD_PRELOAD') {
        this.fail(
          'env',
          shown,
          'no LD_PRELOAD: malloc-matrix sets it per cell (use allocators: name=/path/lib.so)',
        );
      }
      const val = eq < 0 ? this.fromEnvironment(key) : line.slice(eq + 1);
      if (val.includes('\0')) this.fail('env', shown, 'values without NUL bytes');
      if (out.some(([k]) => k === key)) this.fail('env', shown, `${accepted}, each KEY at most once`);
      out.push([key, val]);
    }
    return out;
  }

  /** The value of a bare `env` KEY, from the process's environment; never shown in an error. */
  private fromEnvironment(key: string): string {
    const value = this.ctx.environment?.(key);
    if (value === undefined) {
      throw new ConfigError(
        `${this.ctx.label('env')} passes ${key} from the environment, but ${key} is not set; set it, or give ${key}=VALUE.`,
      );
    }
    return value;
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
    return this.size('memory-limit', 6, 'a Docker memory size of at least 6m, such as 512m or 2g');
  }

  diskLimit(): string | undefined {
    return this.size('disk-limit', 64, 'a size of at least 64m, such as 512m or 20g');
  }

  /** An optional size in Docker's notation, at least `minMiB`; lower-cased as Docker takes it. */
  private size(name: 'memory-limit' | 'disk-limit', minMiB: number, accepted: string): string | undefined {
    const value = this.read(name);
    if (value === undefined || value === '') return undefined;
    const bytes = dockerSizeBytes(value);
    if (bytes === undefined || bytes < minMiB * 1024 ** 2) this.fail(name, value, accepted);
    return value.trim().toLowerCase();
  }

  /**
   * A keyword, a results file (any value ending in .json), or else a git revision, resolved
   * against the repository when the run starts (app/resolve-baseline.ts).
   */
  baseline(): BaselineSpec {
    const value = this.required('baseline', BASELINE_ACCEPTED);
    switch (value) {
      case 'none':
      case 'auto':
      case 'base':
      case 'cache':
        return { kind: value };
      default:
        if (/[\0\n\r]/.test(value)) this.fail('baseline', value, BASELINE_ACCEPTED);
        if (/\.json$/i.test(value)) return { kind: 'file', path: value };
        if (!GIT_REVISION.test(value) || value.includes('..'))
          this.fail('baseline', value, BASELINE_ACCEPTED);
        return { kind: 'ref', ref: value };
    }
  }
}
