// The parts of the results schema about comparing runs of different jobs: the calibration probe
// measured in every round, and the stored runs (the history) a cross-run comparison learned the
// between-run spread from. Kept apart so that model.ts stays one screenful.
import { z } from 'zod';
import { allocatorName, arch, PLACE_NAME } from './place-schema.js';

/**
 * The version of the calibration probe's workload (PROBE_* in harness/mm-helper.c). Raise it
 * whenever that work changes: probe times of different versions must not be divided into each other.
 */
export const PROBE_WORKLOAD = 2;

const count = z.int().nonnegative();
const measure = z.number().nonnegative();
const libc = z.enum(['musl', 'glibc']);

const probeSample = z
  .object({
    round: count.describe('The measured round the probe ran in, numbered as the cells of its environment.'),
    position: count.describe('Its place within the round.'),
    wallMs: measure.describe('Wall time of the whole probe.'),
    cpuMs: measure.describe(
      'CPU time of the whole probe: the helper thread that ran it, and the process it started.',
    ),
    computeMs: measure.describe('Wall time of the compute part.'),
    memoryMs: measure.describe('Wall time of the memory part.'),
    processMs: measure
      .optional()
      .describe('Wall time of the process part (workload 2 on; older files have no such part).'),
    processCpuMs: measure
      .optional()
      .describe("CPU time of the process part's child, user and system; counted in cpuMs too."),
  })
  .describe('One run of the calibration probe. Times are milliseconds.');

export const probeSection = z
  .object({
    workload: count.describe(
      'Version of the probe workload: samples of different versions measure different work.',
    ),
    environments: z.array(
      z.object({
        arch: arch.describe('The architecture, in results that span several.'),
        libc,
        samples: z.array(probeSample),
      }),
    ),
  })
  .describe(
    'The calibration probe: a fixed workload that no allocator or code change touches (a compute ' +
      'loop, strided writes over a buffer from mmap, and a process started to fault in fresh pages ' +
      'of a map), run by the measuring helper once in every ' +
      'measured round. Cross-run comparisons divide a cell time by the probe time of its round.',
  );

const historyEntry = z
  .object({
    source: z.string().describe('Where the stored run came from: a cache key or a file.'),
    commit: z.string().optional(),
    createdAt: z.string().optional(),
    /** Left out of the comparison, and why (another CPU model, say). */
    excluded: z.string().optional(),
    excludedPlaces: z
      // Shown in the report, which may be rendered from another job's file: names only.
      .array(
        z.string().regex(PLACE_NAME, {
          message: 'must be a libc, with an architecture before it if any: musl, glibc, arm64 musl',
        }),
      )
      .min(1)
      .max(64)
      .optional()
      .describe(
        'When it was left out only in some places: those (a libc, or an architecture and a libc); it still counts in the others. Absent with `excluded`: left out everywhere.',
      ),
    medians: z
      .array(
        z.object({
          arch: arch.describe('The architecture, in results that span several.'),
          libc,
          allocator: allocatorName,
          medianMs: measure,
        }),
      )
      .describe('Median time of each cell in the gated metric, in milliseconds.'),
    probeMs: measure.optional().describe('Median probe time of the run, when it had probes.'),
  })
  .describe('One stored run of the history, newest first.');

/** The calibration probe's samples, per environment. */
export type ProbeResults = z.infer<typeof probeSection>;
/** One run of the calibration probe, in milliseconds. */
export type ProbeSample = z.infer<typeof probeSample>;
/** One stored run of a cross-run history, as the results record it. */
export type HistoryEntry = z.infer<typeof historyEntry>;

/** What a cross-run comparison used beside the newest stored run; merged into the baseline record. */
export const crossRunBaseline = {
  history: z
    .array(historyEntry)
    .optional()
    .describe('The stored runs compared against, newest first (cross-run only).'),
  machineFactor: z
    .number()
    .optional()
    .describe(
      "This run's median probe time ÷ the stored runs' − 1: positive when this machine ran the probe slower.",
    ),
  machineTolerance: z
    .number()
    .optional()
    .describe(
      'How much slower (a fraction) the probe may run before this machine counts as another than the stored runs’; faster counts by the same ratio (0.5: 50% slower or 33% faster). A fixed tolerance, not learned from the stored runs.',
    ),
  machineRuns: count
    .optional()
    .describe('How many stored runs the probe was compared with (the mean of their log probe times).'),
  machineDiffers: z
    .boolean()
    .optional()
    .describe(
      'The probe moved beyond machineTolerance: this machine differs from the stored runs’, so no cross-run verdict could fail the step.',
    ),
  normalized: z
    .boolean()
    .optional()
    .describe('Whether cross-run changes are of cell time ÷ probe time of the same round.'),
};

/** What a cross-run verdict adds to a comparison; merged into the cell and all-cells records. */
export const crossRunComparison = {
  history: count.optional().describe('Stored runs the between-run spread was learned from (cross-run only).'),
  spread: measure
    .optional()
    .describe('Between-run standard deviation of the log median across the history (0.03 ≈ 3%).'),
};
