// Pure: the machine architecture of the parts of a results file. A single run records it once,
// as `host.arch`; a merge of shards from several architectures records it on every cell,
// environment and comparison. These helpers read both the same way.
import type { CellResult, EnvironmentInfo, HostInfo, LibcName, Results } from './model.js';

type HasArch = { arch?: string };

/** The architecture a cell, environment or comparison of `results` ran on. */
export function archOf(results: Pick<Results, 'host'>, part: HasArch): string {
  return part.arch ?? results.host.arch;
}

/** The architectures of the head cells, in order of first appearance. */
export function archesOf(results: Results): string[] {
  const arches: string[] = [];
  for (const cell of results.cells) {
    const arch = archOf(results, cell);
    if (cell.tree === 'head' && !arches.includes(arch)) arches.push(arch);
  }
  return arches;
}

/** Whether the head cells span more than one architecture: rows are then arch × libc. */
export function spansArches(results: Results): boolean {
  return archesOf(results).length > 1;
}

/** The name users know: Node's `x64` is `x86_64`; `arm64` stays. */
export function archLabel(arch: string): string {
  return arch === 'x64' ? 'x86_64' : arch;
}

/** A cell's, environment's or row's libc, as `x86_64 musl` when the results span architectures. */
export function placeLabel(results: Results, part: { libc: LibcName; arch?: string }): string {
  return spansArches(results) ? `${archLabel(archOf(results, part))} ${part.libc}` : part.libc;
}

/** A copy with the architecture written on every cell, environment and comparison. */
export function withArchStamped(results: Results): Results {
  const stamp = <T extends HasArch>(part: T): T => ({ ...part, arch: archOf(results, part) });
  return {
    ...results,
    cells: results.cells.map(stamp),
    environments: results.environments.map(stamp),
    ...(results.comparisons ? { comparisons: results.comparisons.map(stamp) } : {}),
  };
}

/** Where the cells of one architecture and libc ran: that machine, and that arch's environments. */
export interface RunPlace {
  host: HostInfo;
  environments: EnvironmentInfo[];
}

/**
 * The machine and environments a libc's cells on `arch` ran on: the shard that measured them
 * when the results are a merge, the run's own host otherwise (whose architecture may then differ
 * from `arch`, which is a reason not to compare).
 */
export function placeOf(
  run: Pick<Results, 'host' | 'environments' | 'shards'>,
  arch: string,
  libc: LibcName,
): RunPlace {
  const delivered = (run.shards ?? []).filter((s) => s.status !== 'refused' && s.host?.arch === arch);
  const shard = delivered.find((s) => s.libcs.includes(libc)) ?? delivered[0];
  const host = shard?.host ?? run.host;
  return { host, environments: run.environments.filter((e) => archOf(run, e) === host.arch) };
}

/** Whether two cells are the same libc × allocator on the same architecture. */
export function sameCell(
  a: CellResult,
  aResults: Pick<Results, 'host'>,
  b: CellResult,
  bResults: Pick<Results, 'host'>,
): boolean {
  return a.libc === b.libc && a.allocator === b.allocator && archOf(aResults, a) === archOf(bResults, b);
}
