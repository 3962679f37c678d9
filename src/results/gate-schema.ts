// The parts of the results model about the gate's own decisions: how many rounds were measured
// and why (sizing), and the all-cells verdict. Kept apart so model.ts stays one screenful.
import { z } from 'zod';
import { arch } from './place-schema.js';
import { crossRunComparison } from './cross-run-schema.js';

const count = z.int().nonnegative();
const measure = z.number().nonnegative();
const libc = z.enum(['musl', 'glibc']);

export const matrixComparison = z
  .object({
    metric: z.enum(['wall', 'cpu']),
    verdict: z.enum(['regressed', 'improved', 'unchanged', 'inconclusive', 'not-comparable']),
    change: z.number().optional().describe('Common relative change head/base - 1 across the pooled cells.'),
    interval: z.tuple([z.number(), z.number()]).optional(),
    pValue: z.number().min(0).max(1).optional(),
    paired: z.boolean(),
    cells: count.describe('How many cells were pooled.'),
    leftOut: z
      .array(z.string().max(200))
      .min(1)
      .max(256)
      .optional()
      .describe(
        'Comparable cells not pooled (`libc/allocator`): in a cross-run comparison, those whose share of system time moved, as a slower or faster kernel moves it.',
      ),
    reason: z.string().optional(),
    ...crossRunComparison,
  })
  .describe('The all-cells verdict: a stratified test of the change common to every comparable cell.');

const environmentSizing = z.object({
  libc,
  arch,
  rounds: count.describe('Measured rounds planned; each runs every cell of the environment once.'),
  wanted: count.optional().describe('Rounds asked for before the max-time budget trimmed them.'),
  pilotMs: z
    .record(z.string(), measure)
    .optional()
    .describe('Estimated time of one run of each variant (ms), from the proof and warm-up runs.'),
  extraRounds: count.optional().describe('Rounds added later to re-measure inconclusive cells.'),
});

export const sizing = z
  .object({
    mode: z.enum(['fixed', 'auto']),
    minRuns: count.optional(),
    minTimeMs: count.optional(),
    maxRuns: count.optional(),
    maxTimeMs: count.optional(),
    environments: z.array(environmentSizing),
    trimmed: z.string().optional().describe('What the max-time budget cut, in words.'),
  })
  .describe('How the sample size was chosen: fixed (runs: N) or from the pilot timings (runs: auto).');
