// The allocation profile's part of the results model: what a profiled run asked of malloc, per
// call kind and per process, and the allocation gate's verdict rows. The schemas that need the
// model's libc, tree and verdict enums are made by `allocationSchemas`, which model.ts calls with
// its own, so this module imports nothing from model.ts and the types still derive from one place.
import { z } from 'zod';
import { allocatorName } from './place-schema.js';

const count = z.int().nonnegative();

/** The call kinds the profiler counts, in the order reports list them. */
export const PROFILE_KINDS = [
  'malloc',
  'calloc',
  'realloc',
  'reallocarray',
  'posix_memalign',
  'aligned_alloc',
  'memalign',
  'valloc',
  'pvalloc',
  'free',
] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

const kindCounts = z
  .object({
    calls: count,
    /** Bytes requested (n × size for calloc and reallocarray); 0 for free. */
    bytes: count,
    histogram: z
      .array(count)
      .describe('Calls by requested size: bucket b holds sizes in [2^(b-1), 2^b), bucket 0 size 0.'),
    topSizes: z
      .array(z.tuple([count, count]))
      .describe('The most frequent exact sizes as [size, calls], most frequent first.'),
  })
  .describe('What one call kind asked for.');
export type KindCounts = z.infer<typeof kindCounts>;

const processProfile = z
  .object({
    pid: z.int(),
    ppid: z.int(),
    /** The program image (readlink of /proc/self/exe), inside the environment. */
    exe: z.string(),
    /** `exec`: the counts of a process image up to its exec; `exit`: up to its exit. */
    ending: z.enum(['exit', 'exec']),
    threads: count,
    calls: count,
    bytes: count,
    peakLiveBytes: count,
  })
  .describe('One process (or one exec segment of it) of a profiled run.');
export type ProcessProfile = z.infer<typeof processProfile>;

export const profileSummarySchema = z
  .object({
    /** Allocation calls: every kind but free. */
    calls: count,
    /** Bytes requested by those calls. */
    bytes: count,
    frees: count,
    kinds: z.record(z.string(), kindCounts).describe('Counts by call kind; kinds never called are absent.'),
    peakLiveBytes: count.describe(
      "The largest peak of live bytes of any one process, by the allocator's malloc_usable_size.",
    ),
    /** The most threads that allocated in any one process. */
    threads: count,
    processes: z.array(processProfile).describe('The busiest processes, most calls first.'),
    /** Processes left out of `processes` (their counts are in the totals). */
    processesOmitted: count.optional(),
    /** Record files that could not be read (a process killed while writing its record). */
    unreadableRecords: count.optional(),
  })
  .describe('The records of every process of one profiled run, summed.');
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

const profileRepeat = z.object({
  wallMs: z.number().nonnegative(),
  calls: count,
  bytes: count,
});
export type ProfileRepeat = z.infer<typeof profileRepeat>;

/** Builds the schemas that carry the model's own libc, tree and verdict enums. */
export function allocationSchemas<L extends z.ZodType, T extends z.ZodType, V extends z.ZodType>(
  libc: L,
  tree: T,
  verdict: V,
) {
  const allocationProfile = z
    .object({
      libc,
      tree,
      allocator: allocatorName,
      status: z
        .enum(['ok', 'not-applied', 'failed'])
        .describe('not-applied: the program is statically linked, so no profiler can reach its malloc.'),
      reason: z.string().optional(),
      /** Every profiling run: one, or three when the counts can differ between runs (threads). */
      repeats: z.array(profileRepeat),
      summary: profileSummarySchema
        .optional()
        .describe('The first profiling run, summed over its processes.'),
      overhead: z
        .number()
        .positive()
        .optional()
        .describe("The profiled run's wall time ÷ the cell's median wall time (the profiler's own cost)."),
    })
    .describe('The allocation profile of one libc × allocator × tree, from runs outside the timed ones.');

  const allocationComparison = z
    .object({
      libc,
      allocator: allocatorName,
      metric: z.enum(['calls', 'bytes']),
      verdict,
      head: z.number().nonnegative(),
      base: z.number().nonnegative(),
      change: z.number().optional().describe('head/base - 1 (0.3 = 30% more).'),
      /** The largest relative spread between repeats on either side; 0 when the counts are exact. */
      spread: z.number().nonnegative().optional(),
      reason: z.string().optional(),
    })
    .describe('The allocation gate: head against the baseline, on allocation calls or bytes requested.');
  return { allocationProfile, allocationComparison };
}
