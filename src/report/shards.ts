// The parts of the report about shards, for results merged from the jobs of a workflow matrix:
// a loud note for each shard that failed or was refused and each place no shard delivered, and a
// collapsed table of the shards: which machine measured what. Pure.
import { archLabel, archOf, placeLabel } from '../results/arch.js';
import type { Results, ShardInfo } from '../results/model.js';
import { detailsBlock } from './details.js';
import { escapeInline } from './escape.js';

const NOT_MEASURED = 'not measured: ';

/** Notes for the top of the report, or undefined when every shard delivered everything. */
export function shardNotes(results: Results): string | undefined {
  const lines: string[] = [];
  for (const shard of results.shards ?? []) {
    if (shard.status === 'merged') continue;
    const what = shard.status === 'failed' ? 'failed' : 'was refused';
    const tail =
      shard.status === 'failed' ? '; the cells it measured are shown' : '; none of its cells are shown';
    lines.push(
      `> ⚠️ Shard \`${escapeInline(shard.id, 64)}\` ${what}: ${escapeInline(shard.reason ?? '', 300)}${tail}.`,
    );
  }
  const places = new Map<string, number>();
  for (const cell of results.cells) {
    if (cell.tree !== 'head' || cell.status !== 'unavailable' || !cell.reason?.startsWith(NOT_MEASURED))
      continue;
    const key = `${placeLabel(results, cell)}: ${cell.reason.slice(NOT_MEASURED.length)}`;
    places.set(key, (places.get(key) ?? 0) + 1);
  }
  for (const [place, count] of places) {
    lines.push(`> ⚠️ No results for ${escapeInline(place, 300)} (${count} cell${count === 1 ? '' : 's'}).`);
  }
  return lines.length > 0 ? lines.join('\n>\n') : undefined;
}

function machine(shard: ShardInfo): string {
  if (!shard.host) return '—';
  const { cpuModel, cores, arch } = shard.host;
  return `${escapeInline(cpuModel, 80)} (${cores} cores, ${escapeInline(archLabel(arch), 20)})`;
}

/** The table of shards, or undefined for results that were not merged from several. */
export function shardDetails(results: Results): string | undefined {
  const shards = results.shards ?? [];
  if (shards.length < 2 && shards.every((s) => s.status === 'merged')) return undefined;
  const rows = shards.map((s) => {
    const status = s.status === 'merged' ? 'merged' : `${s.status}: ${escapeInline(s.reason ?? '', 160)}`;
    const cols = [
      `\`${escapeInline(s.id, 64)}\``,
      status,
      machine(s),
      s.libcs.join(', ') || '—',
      String(s.cells),
      s.artifact ? `\`${escapeInline(s.artifact, 120)}\`` : '—',
    ];
    return `| ${cols.join(' | ')} |`;
  });
  const arches = new Set(results.cells.map((c) => archLabel(archOf(results, c))));
  const summary = `Shards: ${shards.length} job(s) on ${[...arches].join(' and ')}`;
  const table = [
    '| shard | status | machine | libcs | cells | artifact |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  return detailsBlock(summary, table);
}
