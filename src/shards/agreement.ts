// Pure: whether shards may be merged into one run. They must have measured the same command with
// the same settings on the same commits, and no cell twice; anything else would put numbers that
// mean different things into one table and one verdict, so the merge refuses and names the two.
import { archLabel, archOf } from '../results/arch.js';
import type { CellResult, Results } from '../results/model.js';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../baseline/cache-keys.js';

/** Shards that cannot be merged: they disagree, or two measured the same cell. */
export class ShardConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardConflictError';
  }
}

/** A shard's results with the name it goes by in messages: `x86_64-musl (artifact …)`. */
export interface NamedShard {
  label: string;
  results: Results;
}

function commandText(results: Results): string {
  const c = results.command;
  return c.kind === 'shell' ? c.script : c.argv.map((a) => JSON.stringify(a)).join(' ');
}

function quoted(text: string | undefined): string {
  if (text === undefined) return 'none';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

/**
 * How the rounds were chosen. With runs: auto each shard sizes its own rounds from its own pilot
 * timings, so the counts may differ; the settings they were sized with may not.
 */
function runsSetting(r: Results): string {
  const s = r.sizing;
  if (s?.mode !== 'auto') return String(r.config.runs);
  return `auto (min-runs ${s.minRuns}, min-time ${s.minTimeMs} ms, max-runs ${s.maxRuns}, max-time ${s.maxTimeMs} ms)`;
}

/** The settings every shard must share, each as text for the refusal message. */
function sharedSettings(r: Results): [string, string][] {
  const c = r.config;
  return [
    ['setup', quoted(c.setup)],
    ['executor', c.executor],
    ['runs', runsSetting(r)],
    ['warmup', String(c.warmup)],
    ['timeout', `${c.timeoutMs} ms`],
    ['metric', c.metric],
    ['env', [...c.envKeys].sort().join(',') || 'none'],
  ];
}

/**
 * A short hash of what every shard must share: the command and the settings above. The libcs,
 * allocators and images a shard takes from the matrix are left out.
 */
export function sharedConfigHash(r: Results): string {
  const shared = { command: r.command, settings: sharedSettings(r) };
  return createHash('sha256').update(canonicalJson(shared)).digest('hex').slice(0, 16);
}

/** Throws a ShardConflictError naming both shards when `b` cannot join `a`. */
export function checkAgreement(a: NamedShard, b: NamedShard): void {
  const refuse = (what: string, x: string, y: string): never => {
    throw new ShardConflictError(
      `shards ${a.label} and ${b.label} disagree on ${what}: ${x} vs ${y}; a merge takes the shards of one benchmark run only`,
    );
  };
  if (a.results.name !== b.results.name) refuse('the name', quoted(a.results.name), quoted(b.results.name));
  if (commandText(a.results) !== commandText(b.results)) {
    refuse('the command', quoted(commandText(a.results)), quoted(commandText(b.results)));
  }
  const hashA = sharedConfigHash(a.results);
  const hashB = sharedConfigHash(b.results);
  if (hashA !== hashB) {
    const settingsB = new Map(sharedSettings(b.results));
    const [key, valueA] = sharedSettings(a.results).find(([k, v]) => settingsB.get(k) !== v)!;
    refuse(`the config hash (${hashA} vs ${hashB})`, `${key} ${valueA}`, `${key} ${settingsB.get(key)}`);
  }
  const imagesA = a.results.config.images ?? {};
  const imagesB = b.results.config.images ?? {};
  for (const libc of ['musl', 'glibc'] as const) {
    const [x, y] = [imagesA[libc], imagesB[libc]];
    if (x !== undefined && y !== undefined && x !== y) refuse(`the ${libc} image`, x, y);
  }
  const [gitA, gitB] = [a.results.git ?? {}, b.results.git ?? {}];
  if (gitA.head !== gitB.head) refuse('the head commit', quoted(gitA.head), quoted(gitB.head));
  if (gitA.base !== undefined && gitB.base !== undefined && gitA.base !== gitB.base) {
    refuse('the base commit', quoted(gitA.base), quoted(gitB.base));
  }
}

/** `x86_64 musl/mimalloc (base)`: a cell as the overlap message names it. */
function cellText(results: Results, cell: CellResult): string {
  const tree = cell.tree === 'base' ? ' (base)' : '';
  return `${archLabel(archOf(results, cell))} ${cell.libc}/${cell.allocator}${tree}`;
}

/** Throws a ShardConflictError when two shards delivered the same cell. */
export function checkNoOverlap(shards: readonly NamedShard[]): void {
  const owner = new Map<string, NamedShard>();
  for (const shard of shards) {
    for (const cell of shard.results.cells) {
      const key = cellText(shard.results, cell);
      const first = owner.get(key);
      if (first !== undefined && first !== shard) {
        throw new ShardConflictError(
          `shards ${first.label} and ${shard.label} both measured ${key}; give each shard its own libcs, allocators or runner`,
        );
      }
      owner.set(key, shard);
    }
  }
}
