// Pure: many shards' results in, one run's results out. Every cell keeps its architecture, so
// shards from x86_64 and arm64 runners sit side by side. A shard whose results could not be read,
// or that failed before it measured some cells, loses only those cells: they are `unavailable`,
// with the shard named, and every other shard's cells are kept. The comparison with a baseline is
// made afterwards over all merged cells at once (merge-run.ts), so the gate is one family.
import { KNOWN_ALLOCATORS } from '../config/allocators.js';
import { archLabel, withArchStamped } from '../results/arch.js';
import {
  LIBC_NAMES,
  type AllocatorRequest,
  type CellResult,
  type LibcName,
  type ProbeResults,
  type Results,
  type ShardInfo,
  type Sizing,
} from '../results/model.js';
import { checkAgreement, checkNoOverlap, type NamedShard } from './agreement.js';
import { deriveShardId, scopeFromId, scopeOf } from './shard-id.js';

export { ShardConflictError } from './agreement.js';

/** One shard as the merge receives it: its results, or why they could not be had. */
export interface ShardInput {
  /** Where it came from, for messages: an artifact's name or a file's path. */
  source: string;
  /** `source` is an artifact (else a file). */
  fromArtifact?: boolean;
  /** The id its artifact's name gives; otherwise the results say, or it is derived from them. */
  id?: string;
  results?: Results;
  /** Why the results could not be had; set exactly when `results` is not. */
  refused?: string;
}

export interface MergedShards {
  /** The merged run, without a baseline or comparisons yet. */
  results: Results;
  /** One line per shard that failed or was refused and per place no shard delivered. */
  warnings: string[];
}

interface Delivered extends NamedShard {
  id: string;
  input: ShardInput;
}

const ARCH_ORDER = ['x64', 'arm64'];

function rank(list: readonly string[], item: string): number {
  const i = list.indexOf(item);
  return i < 0 ? list.length : i;
}

function idOf(input: ShardInput, results: Results): string {
  if (input.id !== undefined) return input.id;
  const own = results.shards?.length === 1 ? results.shards[0].id : undefined;
  return own ?? deriveShardId(scopeOf(results));
}

function labelOf(id: string, input: ShardInput): string {
  return `${id} (${input.fromArtifact ? 'artifact ' : ''}${input.source})`;
}

/** Delivered shards in a stable order: x86_64 before arm64, musl before glibc, then by id. */
function delivered(inputs: readonly ShardInput[]): Delivered[] {
  const out = inputs.flatMap((input) => {
    if (input.results === undefined) return [];
    const results = withArchStamped(input.results);
    const id = idOf(input, results);
    return [{ id, input, results, label: labelOf(id, input) }];
  });
  const key = (d: Delivered) => [
    rank(ARCH_ORDER, d.results.host.arch),
    d.results.host.arch,
    rank(LIBC_NAMES, d.results.config.libcs[0] ?? ''),
    d.id,
  ];
  return out.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

function union<T>(lists: readonly (readonly T[])[], same: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) if (!out.some((o) => same(o, item))) out.push(item);
  return out;
}

/** The entry of the shards list that describes a shard's own results. */
export function shardInfoOf(results: Results, id: string, artifact?: string): ShardInfo {
  const failed = results.fatalError !== undefined;
  return {
    id,
    ...(artifact !== undefined ? { artifact } : {}),
    status: failed ? 'failed' : 'merged',
    ...(failed ? { reason: results.fatalError } : {}),
    host: results.host,
    libcs: results.config.libcs,
    allocators: results.config.allocators.map((a) => a.name),
    cells: results.cells.length,
    seed: results.seed,
    startedAt: results.startedAt,
    finishedAt: results.finishedAt,
  };
}

/** The shard entries a delivered shard contributes: its own, or those of an earlier merge. */
function shardEntries(d: Delivered): ShardInfo[] {
  if ((d.results.shards?.length ?? 0) > 1) return d.results.shards!;
  return [shardInfoOf(d.results, d.id, d.input.fromArtifact ? d.input.source : undefined)];
}

/** A failed shard's cells it never reached carry no numbers and no reason: say why. */
function cellsOf(d: Delivered): CellResult[] {
  const fatal = d.results.fatalError;
  return d.results.cells.map((cell) =>
    fatal !== undefined && cell.status === 'ok' && cell.summary === undefined
      ? { ...cell, status: 'unavailable', reason: `shard ${d.id} failed before measuring it: ${fatal}` }
      : cell,
  );
}

function refusedEntry(input: ShardInput): ShardInfo {
  const id = input.id ?? input.source;
  return {
    id,
    ...(input.fromArtifact ? { artifact: input.source } : {}),
    status: 'refused',
    reason: input.refused ?? 'no results',
    libcs: scopeFromId(id)?.libcs ?? [],
    allocators: [],
    cells: 0,
  };
}

/**
 * Why no shard delivered a place: the refused shard whose id names it, or the derived id of the
 * shard that would have measured it (when ids are derived, that is the workflow's shard).
 */
function missingShardName(place: { arch: string; libc: LibcName }, refused: readonly ShardInfo[]): string {
  const named = refused.find((s) => {
    const scope = scopeFromId(s.id);
    return scope?.arch === place.arch && scope.libcs.includes(place.libc);
  });
  if (named) return `its shard ${named.id} was refused`;
  return `shard ${archLabel(place.arch)}-${place.libc} is missing or failed before uploading`;
}

/** Head cells every architecture should have had, for each libc and allocator any shard ran. */
function missingCells(
  cells: readonly CellResult[],
  arches: readonly string[],
  libcs: readonly LibcName[],
  allocators: readonly AllocatorRequest[],
  refused: readonly ShardInfo[],
): { cells: CellResult[]; warnings: string[] } {
  const out: CellResult[] = [];
  const warnings: string[] = [];
  for (const arch of arches) {
    for (const libc of libcs) {
      const has = (name: string) =>
        cells.some((c) => c.tree === 'head' && c.arch === arch && c.libc === libc && c.allocator === name);
      const lacking = allocators.filter((a) => !has(a.name));
      if (lacking.length === 0) continue;
      const why = missingShardName({ arch, libc }, refused);
      warnings.push(`${archLabel(arch)} ${libc}: ${lacking.length} cell(s) not measured: ${why}`);
      for (const a of lacking) {
        out.push({
          libc,
          arch,
          allocator: a.name,
          tree: 'head',
          status: 'unavailable',
          reason: `not measured: ${why}`,
          runs: [],
          failedRuns: 0,
        });
      }
    }
  }
  return { cells: out, warnings };
}

/**
 * How the shards sized their rounds, as one record: the settings they share (agreement.ts), and
 * every shard's environments, each marked with its architecture.
 */
function mergedSizing(shards: readonly Delivered[]): Sizing | undefined {
  const sized = shards.flatMap((s) => (s.results.sizing ? [s.results] : []));
  if (sized.length === 0) return undefined;
  const trimmed = sized.flatMap((r) => r.sizing!.trimmed ?? []);
  return {
    ...sized[0].sizing!,
    environments: sized.flatMap((r) => r.sizing!.environments.map((e) => ({ ...e, arch: r.host.arch }))),
    trimmed: trimmed.length > 0 ? trimmed.join('; ') : undefined,
  };
}

/**
 * Every shard's probe samples, each environment marked with its architecture, so that a cross-run
 * comparison of the merged run still has its machine factor. Left out (with a warning) when the
 * shards ran different probe workloads, whose times must not be compared.
 */
function mergedProbe(shards: readonly Delivered[]): { probe?: ProbeResults; warning?: string } {
  const probed = shards.flatMap((s) => (s.results.probe ? [{ shard: s, probe: s.results.probe }] : []));
  if (probed.length === 0) return {};
  const workloads = new Set(probed.map((p) => p.probe.workload));
  if (workloads.size > 1) {
    return {
      warning: `the probe samples were left out: the shards ran probe workloads ${[...workloads].join(', ')}`,
    };
  }
  const environments = probed.flatMap(({ shard, probe }) =>
    probe.environments.map((e) => ({ ...e, arch: e.arch ?? shard.results.host.arch })),
  );
  return { probe: { workload: probed[0].probe.workload, environments } };
}

function earliest(times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/**
 * Merges the shards. Throws a ShardConflictError when shards disagree on the command, the
 * configuration or the commits, or two measured the same cell; an Error when none delivered.
 */
export function mergeShards(inputs: readonly ShardInput[]): MergedShards {
  const shards = delivered(inputs);
  const refused = inputs.filter((i) => i.results === undefined).map(refusedEntry);
  if (shards.length === 0) {
    const why = refused.map((s) => `${s.id}: ${s.reason}`).join('; ');
    throw new Error(`no shard delivered results${why ? ` (${why})` : ''}`);
  }
  const [first, ...rest] = shards;
  for (const shard of rest) checkAgreement(first, shard);
  checkNoOverlap(shards);

  const cells = shards.flatMap(cellsOf);
  const arches = union(
    [shards.map((s) => s.results.host.arch), refused.flatMap((s) => scopeFromId(s.id)?.arch ?? [])],
    (a, b) => a === b,
  );
  const libcs = LIBC_NAMES.filter((l) =>
    [...shards.flatMap((s) => s.results.config.libcs), ...refused.flatMap((s) => s.libcs)].includes(l),
  );
  // The catalogue's order (the libc's default first), then custom allocators as first seen.
  const allocators = union(
    shards.map((s) => s.results.config.allocators),
    (a, b) => a.name === b.name,
  ).sort((a, b) => rank(KNOWN_ALLOCATORS, a.name) - rank(KNOWN_ALLOCATORS, b.name));
  const missing = missingCells(cells, arches, libcs, allocators, refused);
  // Each place's cells together, in the order of the table: architecture, libc, tree, allocator.
  const order = (c: CellResult) => [
    arches.indexOf(c.arch!),
    libcs.indexOf(c.libc),
    c.tree === 'head' ? 0 : 1,
    allocators.findIndex((a) => a.name === c.allocator),
  ];
  const sorted = [...cells, ...missing.cells].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
  });
  const images = Object.assign({}, ...shards.map((s) => s.results.config.images ?? {})) as Record<
    string,
    string
  >;
  const git = Object.assign({}, ...shards.map((s) => s.results.git ?? {})) as Results['git'];
  const sizing = mergedSizing(shards);
  const probe = mergedProbe(shards);
  // The allocation profiles as each shard made them; the merge judges them (merge-run.ts).
  const profiles = shards.flatMap((s) => s.results.profiles ?? []);
  const base = first.results;
  const results: Results = {
    schema: base.schema,
    version: base.version,
    tool: base.tool,
    name: base.name,
    command: base.command,
    startedAt: earliest(shards.map((s) => s.results.startedAt)),
    finishedAt: latest(shards.map((s) => s.results.finishedAt)),
    seed: base.seed,
    config: {
      ...base.config,
      // With runs: auto each shard sized its own rounds: the most any of them planned.
      runs: Math.max(...shards.map((s) => s.results.config.runs)),
      libcs,
      allocators,
      ...(Object.keys(images).length > 0 ? { images } : {}),
    },
    host: base.host,
    environments: shards.flatMap((s) => s.results.environments),
    cells: sorted,
    ...(profiles.length > 0 ? { profiles } : {}),
    ...(sizing ? { sizing } : {}),
    ...(probe.probe ? { probe: probe.probe } : {}),
    ...(git && Object.keys(git).length > 0 ? { git } : {}),
    shards: [...shards.flatMap(shardEntries), ...refused],
  };
  const warnings = [
    ...refused.map((s) => `shard ${s.id}: its results were refused: ${s.reason}`),
    ...shards
      .filter((s) => s.results.fatalError !== undefined)
      .map((s) => `shard ${s.id} failed: ${s.results.fatalError}; the cells it measured are merged`),
    ...missing.warnings,
    ...(probe.warning ? [probe.warning] : []),
  ];
  return { results, warnings };
}
