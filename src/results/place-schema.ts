// The parts of the results model about where cells ran: the machine, its architecture, and, for
// a merge of shards (jobs of a workflow matrix that each measured part of the cells), each shard.
// Kept apart so model.ts stays one screenful.
import { z } from 'zod';

const count = z.int().nonnegative();
const timestamp = z.iso.datetime({ offset: true });
const libc = z.enum(['musl', 'glibc']);

/**
 * The machine architecture a cell, environment or comparison ran on (Node's names: `x64`,
 * `arm64`). Set by a merge of shards, whose cells may come from several architectures; absent in
 * a single run, where it is the run's `host.arch`.
 */
export const arch = z.string().min(1).max(40).optional();

export const hostInfo = z.object({
  cpuModel: z.string(),
  cores: count,
  kernel: z.string(),
  arch: z.string(),
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
    allocators: z.array(z.string()),
    /** Head and base cells the shard delivered. */
    cells: count,
    seed: z.int().optional(),
    startedAt: timestamp.optional(),
    finishedAt: timestamp.optional(),
  })
  .describe('One shard of a sharded run: a job of the workflow matrix that measured part of the cells.');
