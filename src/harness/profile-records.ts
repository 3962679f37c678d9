// The profiler's wire format (harness/mm-profiler.c): one JSON record per process, or per exec
// segment of a process, written into the run's record directory. `sumProfileRecords` validates
// them and sums one run's records into the model's ProfileSummary. Pure: texts in, data out.
import { z } from 'zod';
import {
  PROFILE_KINDS,
  type KindCounts,
  type ProcessProfile,
  type ProfileSummary,
} from '../results/profile-model.js';

/** Sizes and counts are 64-bit in C; a saturated product (a calloc that overflows) exceeds 2^53. */
const wideCount = z.number().nonnegative();

const wireKind = z.object({
  calls: wideCount,
  bytes: wideCount,
  untrackedSizes: wideCount,
  histogram: z.array(wideCount).max(65),
  topSizes: z.array(z.tuple([wideCount, wideCount])).max(64),
});

const wireRecord = z.object({
  pid: z.int(),
  ppid: z.int(),
  segment: z.int().nonnegative(),
  ending: z.enum(['exit', 'exec']),
  exe: z.string(),
  threads: wideCount,
  usableSize: z.boolean(),
  peakLiveBytes: wideCount,
  kinds: z.record(z.string(), wireKind),
});
type WireRecord = z.infer<typeof wireRecord>;

/** How many exact sizes a summed kind keeps, as the profiler does per process. */
export const TOP_SIZES = 10;
/** How many processes the per-process breakdown keeps; the rest only count in the totals. */
export const MAX_PROCESSES = 20;

const KNOWN_KINDS: readonly string[] = PROFILE_KINDS;

function safe(n: number): number {
  return Math.min(Math.round(n), Number.MAX_SAFE_INTEGER);
}

/** The record, or undefined when the text is not one (a process killed while writing it). */
export function parseProfileRecord(text: string): WireRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = wireRecord.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Allocation calls (every kind but free) and their bytes, of one record. */
function allocationTotals(record: WireRecord): { calls: number; bytes: number } {
  let calls = 0;
  let bytes = 0;
  for (const [kind, counts] of Object.entries(record.kinds)) {
    if (kind === 'free' || !KNOWN_KINDS.includes(kind)) continue;
    calls += counts.calls;
    bytes += counts.bytes;
  }
  return { calls: safe(calls), bytes: safe(bytes) };
}

interface KindSum {
  calls: number;
  bytes: number;
  histogram: number[];
  sizes: Map<number, number>;
}

function addKind(sum: KindSum, counts: z.infer<typeof wireKind>): void {
  sum.calls += counts.calls;
  sum.bytes += counts.bytes;
  counts.histogram.forEach((n, i) => (sum.histogram[i] = (sum.histogram[i] ?? 0) + n));
  for (const [size, n] of counts.topSizes) sum.sizes.set(size, (sum.sizes.get(size) ?? 0) + n);
}

/**
 * The most frequent sizes over all processes. Each process reports only its own top sizes, so
 * a size that is frequent overall but never in one process's top list is undercounted; with one
 * busy process (the usual case) the list is exact.
 */
function topSizes(sizes: Map<number, number>): [number, number][] {
  return [...sizes]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP_SIZES)
    .map(([size, n]) => [safe(size), safe(n)]);
}

function finishKind(sum: KindSum): KindCounts {
  return {
    calls: safe(sum.calls),
    bytes: safe(sum.bytes),
    histogram: Array.from(sum.histogram, (n) => safe(n ?? 0)),
    topSizes: topSizes(sum.sizes),
  };
}

function processOf(record: WireRecord): ProcessProfile {
  return {
    pid: record.pid,
    ppid: record.ppid,
    exe: record.exe,
    ending: record.ending,
    threads: safe(record.threads),
    ...allocationTotals(record),
    peakLiveBytes: safe(record.peakLiveBytes),
  };
}

/**
 * Sums the record texts of one profiled run. Unknown call kinds (a newer profiler) are skipped;
 * texts that are not records are counted as unreadable.
 */
export function sumProfileRecords(texts: readonly string[]): ProfileSummary {
  const records: WireRecord[] = [];
  let unreadable = 0;
  for (const text of texts) {
    if (text.trim() === '') continue;
    const record = parseProfileRecord(text);
    if (record) records.push(record);
    else unreadable += 1;
  }
  const kinds = new Map<string, KindSum>();
  for (const record of records) {
    for (const [kind, counts] of Object.entries(record.kinds)) {
      if (!KNOWN_KINDS.includes(kind) || counts.calls === 0) continue;
      let sum = kinds.get(kind);
      if (!sum) kinds.set(kind, (sum = { calls: 0, bytes: 0, histogram: [], sizes: new Map() }));
      addKind(sum, counts);
    }
  }
  const processes = records.map(processOf).sort((a, b) => b.calls - a.calls || a.pid - b.pid);
  const totals = processes.reduce((t, p) => ({ calls: t.calls + p.calls, bytes: t.bytes + p.bytes }), {
    calls: 0,
    bytes: 0,
  });
  const summary: ProfileSummary = {
    calls: safe(totals.calls),
    bytes: safe(totals.bytes),
    frees: safe(kinds.get('free')?.calls ?? 0),
    kinds: Object.fromEntries(
      PROFILE_KINDS.filter((k) => kinds.has(k)).map((k) => [k, finishKind(kinds.get(k)!)]),
    ),
    peakLiveBytes: Math.max(0, ...processes.map((p) => p.peakLiveBytes)),
    threads: Math.max(0, ...processes.map((p) => p.threads)),
    processes: processes.slice(0, MAX_PROCESSES),
  };
  if (processes.length > MAX_PROCESSES) summary.processesOmitted = processes.length - MAX_PROCESSES;
  if (unreadable > 0) summary.unreadableRecords = unreadable;
  return summary;
}
