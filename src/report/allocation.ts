// The "Allocation profile" part of the report: what the benchmark asked of malloc, per libc (the
// calls by kind, the bytes, the most frequent sizes, the peak of live bytes), a mermaid chart of
// the requested sizes, and each allocator's memory overhead, peak RSS ÷ peak live bytes.
import { DEFAULT_ALLOCATOR } from '../config/allocators.js';
import type { AllocationProfile, Results } from '../results/model.js';
import { PROFILE_KINDS, type KindCounts, type ProfileSummary } from '../results/profile-model.js';
import { escapeInline } from './escape.js';
import { formatCount, formatMemory, roundRatio } from './format.js';
import { allocatorColumns, findCell, isMeasured, libcRows } from './grid.js';
import { detailsBlock } from './details.js';

/** Profiles of the head tree, in the report's libc and allocator order. */
export function headProfiles(results: Results): AllocationProfile[] {
  const columns = allocatorColumns(results);
  const rows = libcRows(results);
  return (results.profiles ?? [])
    .filter((p) => p.tree === 'head')
    .sort(
      (a, b) =>
        rows.indexOf(a.libc) - rows.indexOf(b.libc) ||
        columns.indexOf(a.allocator) - columns.indexOf(b.allocator),
    );
}

function bytes(n: number): string {
  return formatMemory(n / 1024);
}

function share(part: number, whole: number): string {
  const pct = whole > 0 ? (part / whole) * 100 : 0;
  return pct > 0 && pct < 0.1 ? '<0.1%' : `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/** The kind with the most calls among those that allocate (malloc, usually). */
function busiestKind(summary: ProfileSummary): [string, KindCounts] | undefined {
  const kinds = Object.entries(summary.kinds).filter(([kind]) => kind !== 'free');
  return kinds.sort((a, b) => b[1].calls - a[1].calls)[0];
}

/** `malloc: 8225 B 47% · 4117 B 1.6%`, the guide's `n_u32=8225 47%` for the busiest kind. */
export function topSizesText(summary: ProfileSummary, count = 3): string {
  const busiest = busiestKind(summary);
  if (!busiest) return '—';
  const [kind, counts] = busiest;
  const sizes = counts.topSizes
    .slice(0, count)
    .map(([size, n]) => `\`${size}\` ${share(n, counts.calls)}`)
    .join(' · ');
  return `${kind}: ${sizes || '—'}`;
}

function statusText(p: AllocationProfile): string {
  return `_${p.status}${p.reason ? `: ${escapeInline(p.reason, 200)}` : ''}_`;
}

function overheadText(p: AllocationProfile): string {
  return p.overhead === undefined ? '—' : `${p.overhead.toFixed(2)}×`;
}

/** Whether the profiling runs counted differently (threads): the first run is then one of several. */
function varies(p: AllocationProfile): boolean {
  return new Set(p.repeats.map((r) => r.calls)).size > 1;
}

function summaryRow(p: AllocationProfile): string {
  const name = `${p.libc} | ${escapeInline(p.allocator, 60)}`;
  const s = p.summary;
  if (p.status !== 'ok' || !s) return `| ${name} | ${statusText(p)} | | | | | | |`;
  const processes = s.processes.length + (s.processesOmitted ?? 0);
  const cols = [
    `${formatCount(s.calls)}${varies(p) ? '*' : ''}`,
    bytes(s.bytes),
    formatCount(s.frees),
    bytes(s.peakLiveBytes),
    `${s.threads} / ${processes}`,
    topSizesText(s),
    overheadText(p),
  ];
  return `| ${name} | ${cols.join(' | ')} |`;
}

/** The kinds present in any profile, in the profiler's order. */
function kindsUsed(profiles: readonly AllocationProfile[]): string[] {
  const present = new Set(profiles.flatMap((p) => Object.keys(p.summary?.kinds ?? {})));
  return PROFILE_KINDS.filter((k) => present.has(k));
}

function kindsTable(profiles: readonly AllocationProfile[]): string | undefined {
  const withSummary = profiles.filter((p) => p.summary);
  const kinds = kindsUsed(withSummary);
  if (kinds.length === 0) return undefined;
  const rows = withSummary.map((p) => {
    const cells = kinds.map((k) => {
      const c = p.summary!.kinds[k];
      if (!c) return '—';
      return k === 'free' ? formatCount(c.calls) : `${formatCount(c.calls)} · ${bytes(c.bytes)}`;
    });
    return `| ${p.libc} | ${escapeInline(p.allocator, 60)} | ${cells.join(' | ')} |`;
  });
  return [
    `| libc | allocator | ${kinds.map((k) => `\`${k}\``).join(' | ')} |`,
    `|---|---|${kinds.map(() => '---').join('|')}|`,
    ...rows,
  ].join('\n');
}

/** `1`, `2`, ..., `512`, `1K`, ..., `1M`: the lower bound of a power-of-two bucket. */
export function bucketLabel(bucket: number): string {
  if (bucket === 0) return '0';
  const low = 2 ** (bucket - 1);
  const units: [number, string][] = [
    [2 ** 40, 'T'],
    [2 ** 30, 'G'],
    [2 ** 20, 'M'],
    [2 ** 10, 'K'],
  ];
  for (const [factor, unit] of units) if (low >= factor) return `${low / factor}${unit}`;
  return String(low);
}

/** Allocation calls by size bucket over every kind but free, trimmed to the non-empty range. */
export function sizeHistogram(summary: ProfileSummary): { labels: string[]; calls: number[] } {
  const total: number[] = [];
  for (const [kind, counts] of Object.entries(summary.kinds)) {
    if (kind === 'free') continue;
    counts.histogram.forEach((n, i) => (total[i] = (total[i] ?? 0) + n));
  }
  const filled = Array.from(total, (n) => n ?? 0);
  const first = filled.findIndex((n) => n > 0);
  if (first < 0) return { labels: [], calls: [] };
  const last = filled.length - 1 - [...filled].reverse().findIndex((n) => n > 0);
  const range = filled.slice(first, last + 1);
  return { labels: range.map((_, i) => bucketLabel(first + i)), calls: range };
}

/** A mermaid bar chart of one profile's requested sizes, or undefined without allocations. */
export function histogramChart(p: AllocationProfile): string | undefined {
  if (!p.summary) return undefined;
  const { labels, calls } = sizeHistogram(p.summary);
  if (calls.length === 0) return undefined;
  const allocator = p.allocator.replace(/[^A-Za-z0-9._/-]/g, '_').slice(0, 40);
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${p.libc} / ${allocator}: allocation calls by requested size (bytes)"`,
    `    x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    '    y-axis "calls"',
    `    bar [${calls.join(', ')}]`,
    '```',
  ].join('\n');
}

/** The main table of the profile: one row per profiled libc × allocator. */
export function renderAllocationProfile(results: Results): string | undefined {
  const profiles = headProfiles(results);
  if (profiles.length === 0) return undefined;
  const starred = profiles.some(varies);
  return [
    '### Allocation profile',
    '',
    '_What the benchmark asked of malloc, counted by a profiler preloaded in front of the allocator in a run after the timed ones (never part of a measurement). Counts include the C library’s own calls; sizes are bytes, with their share of the kind’s calls._',
    '',
    '| libc | allocator | allocation calls | bytes requested | frees | peak live bytes | threads / processes | top sizes | profiled run ÷ median |',
    '|---|---|---|---|---|---|---|---|---|',
    ...profiles.map(summaryRow),
    ...(starred
      ? ['', '_* the counts differ between runs (threads): the first of several profiling runs._']
      : []),
  ].join('\n');
}

/** The calls by kind and the size charts, collapsed: the first part to go when space is short. */
export function renderAllocationDetails(results: Results): string | undefined {
  const profiles = headProfiles(results);
  const table = kindsTable(profiles);
  if (table === undefined) return undefined;
  // One chart per libc: its default allocator's profile, or its first one.
  const charts = libcRows(results)
    .map((libc) => {
      const mine = profiles.filter((p) => p.libc === libc && p.summary);
      return mine.find((p) => p.allocator === DEFAULT_ALLOCATOR) ?? mine[0];
    })
    .map((p) => (p ? histogramChart(p) : undefined))
    .filter((c): c is string => c !== undefined);
  const body = [
    'Calls (and bytes requested) by call kind:',
    '',
    table,
    ...charts.flatMap((c) => ['', c]),
    '',
    '_A bar counts the calls whose size is at least its label and less than twice it._',
  ].join('\n');
  return detailsBlock('Allocation calls by kind and by size', body);
}

/** Peak RSS ÷ peak live bytes of every measured cell, against its libc's default profile. */
export function renderMemoryOverhead(results: Results): string | undefined {
  const columns = allocatorColumns(results);
  const rows: string[] = [];
  const used: string[] = [];
  for (const libc of libcRows(results)) {
    const live = headProfiles(results).find(
      (p) => p.libc === libc && p.allocator === DEFAULT_ALLOCATOR && p.status === 'ok',
    )?.summary?.peakLiveBytes;
    if (!live) continue;
    used.push(`${libc} ${bytes(live)}`);
    const cells = columns.map((allocator) => {
      const cell = findCell(results, libc, allocator);
      if (!isMeasured(cell)) return '—';
      return `${roundRatio((cell.summary.rss.median * 1024) / live)}×`;
    });
    rows.push(`| **${libc}** | ${cells.join(' | ')} |`);
  }
  if (rows.length === 0) return undefined;
  return [
    '### Memory overhead: peak RSS ÷ peak live bytes',
    '',
    `| libc | ${columns.map((c) => escapeInline(c, 60)).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
    '',
    `_Peak live bytes: the most the program held allocated at once, from the libc default's profile (${used.join(', ')}). RSS also holds code, stacks and the allocator's own overhead._`,
  ].join('\n');
}
