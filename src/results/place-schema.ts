// The parts of the results model about where cells ran: the machine, its architecture, and, for
// a merge of shards (jobs of a workflow matrix that each measured part of the cells), each shard.
// Kept apart so model.ts stays one screenful.
import { z } from 'zod';

const count = z.int().nonnegative();
const timestamp = z.iso.datetime({ offset: true });
const libc = z.enum(['musl', 'glibc']);

export const ARCH_NAME = /^[a-z][a-z0-9_]{0,15}$/;
/**
 * A place cells ran in: a libc, after an architecture's label when it is not the run's host's
 * (`musl`, `arm64 glibc`). Built from ARCH_NAME, so every architecture a file may name gives a
 * place the same file may name.
 */
export const PLACE_NAME = new RegExp(`^(?:${ARCH_NAME.source.slice(1, -1)} )?(?:${libc.options.join('|')})$`);
/**
 * An architecture's name. Held to Node's kind of name because it reaches the report as it is
 * (row labels): a results file from an artifact must not bring markdown, mentions or a megabyte.
 */
export const archName = z.string().regex(ARCH_NAME, {
  message: 'must be an architecture name such as x64 or arm64 (a-z, 0-9, _; at most 16)',
});
/**
 * The machine architecture a cell, environment or comparison ran on (Node's names: `x64`,
 * `arm64`). Set by a merge of shards, whose cells may come from several architectures; absent in
 * a single run, where it is the run's `host.arch`.
 */
export const arch = archName.optional();

/**
 * An allocator's name, as the inputs accept it (config/variants.ts). A results file from an
 * artifact or a stored run is held to it too, so that no name can carry markup or a megabyte.
 */
export const ALLOCATOR_NAME = /^[a-z0-9][a-z0-9._+-]{0,39}$/;
export const allocatorName = z.string().regex(ALLOCATOR_NAME, {
  message: 'must be an allocator name (a-z, 0-9, . _ + -; at most 40, starting with a letter or digit)',
});

export const hostInfo = z.object({
  cpuModel: z.string(),
  cores: count,
  kernel: z.string(),
  arch: archName,
  os: z.string(),
});

export const shardInfo = z
  .object({
    id: z.string().min(1),
    /** The artifact its results came in, if any. */
    artifact: z.string().optional(),
    /** `failed`: its run failed as a whole (`reason`), its cells are merged; `refused`: unreadable, none are. */
    status: z.enum(['merged', 'failed', 'refused']),
    reason: z.string().optional(),
    host: hostInfo.optional(),
    libcs: z.array(libc),
    allocators: z.array(allocatorName),
    /** Head and base cells the shard delivered. */
    cells: count,
    seed: z.int().optional(),
    startedAt: timestamp.optional(),
    finishedAt: timestamp.optional(),
  })
  .describe('One shard of a sharded run: a job of the workflow matrix that measured part of the cells.');
