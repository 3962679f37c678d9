// Allocator variants: an allocator run with environment of its own (tunables such as MALLOC_CONF,
// MIMALLOC_* or GLIBC_TUNABLES), measured as a cell of its own. One variant per line:
//
//   jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true
//
// The values go into the benchmark's environment as they are written; they never reach a shell,
// so nothing is quoted or expanded, and a quote is refused rather than passed on literally.
import type { AllocatorRequest } from '../results/model.js';
import { ALLOCATOR_NAME } from '../results/place-schema.js';
import { findAllocator, KNOWN_ALLOCATORS } from './allocators.js';

export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Allocator and variant names: they become table columns, cell ids and benchmark names. The
 * results schema holds every file it reads to the same rule.
 */
export { ALLOCATOR_NAME };

export const VARIANTS_ACCEPTED =
  'one variant per line: NAME = ALLOCATOR KEY=VALUE..., such as "jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true"';

/** Rejects one value with what is accepted instead; throws. */
export type Reject = (value: string, accepted: string) => never;

/**
 * The variants of the `variants` text, after the `allocators` they may build on. A variant's
 * base is a built-in allocator or a custom one of `allocators` (whose library it then uses).
 */
export function parseVariants(
  text: string,
  allocators: readonly AllocatorRequest[],
  reject: Reject,
): AllocatorRequest[] {
  const out: AllocatorRequest[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const variant = parseVariantLine(line, allocators, reject);
    if ([...allocators, ...out].some((a) => a.name === variant.name)) {
      reject(line, `a variant name not used by another allocator or variant (${variant.name} is)`);
    }
    out.push(variant);
  }
  return out;
}

function parseVariantLine(
  line: string,
  allocators: readonly AllocatorRequest[],
  reject: Reject,
): AllocatorRequest {
  const eq = line.indexOf('=');
  if (eq < 0) reject(line, VARIANTS_ACCEPTED);
  const name = line.slice(0, eq).trim();
  const [base = '', ...settings] = line
    .slice(eq + 1)
    .trim()
    .split(/\s+/);
  if (!ALLOCATOR_NAME.test(name)) {
    reject(line, `a variant NAME of lowercase letters, digits, ".", "_", "+" or "-" (${VARIANTS_ACCEPTED})`);
  }
  if (findAllocator(name) !== undefined) {
    reject(line, `a variant NAME that is not a built-in allocator (${KNOWN_ALLOCATORS.join(', ')})`);
  }
  const custom = allocators.find((a) => a.name === base && a.kind === 'custom');
  if (findAllocator(base) === undefined && custom === undefined) {
    reject(
      line,
      `an ALLOCATOR after "=" that is built in (${KNOWN_ALLOCATORS.join(', ')}) or a custom allocator of allocators`,
    );
  }
  if (settings.length === 0)
    reject(line, `at least one KEY=VALUE after the allocator (${VARIANTS_ACCEPTED})`);
  const env: [string, string][] = [];
  for (const setting of settings) {
    const [key, value] = splitSetting(setting, line, reject);
    if (env.some(([k]) => k === key)) reject(line, `each KEY at most once in a variant (${key} is repeated)`);
    env.push([key, value]);
  }
  return {
    name,
    kind: 'variant',
    base,
    ...(custom?.kind === 'custom' ? { path: custom.path } : {}),
    env,
  };
}

function splitSetting(setting: string, line: string, reject: Reject): [string, string] {
  const eq = setting.indexOf('=');
  const key = eq < 0 ? setting : setting.slice(0, eq);
  if (eq < 0 || !ENV_KEY.test(key)) {
    reject(line, `KEY=VALUE settings with a KEY of letters, digits and "_" ("${setting}" is not one)`);
  }
  if (key === 'LD_PRELOAD') reject(line, 'no LD_PRELOAD: the variant preloads its allocator itself');
  const value = setting.slice(eq + 1);
  if (/["'`\\\0]/.test(value)) {
    reject(line, `values without quotes or backslashes: they are passed as written, never through a shell`);
  }
  return [key, value];
}
