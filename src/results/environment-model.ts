// Facts about one libc environment, kept apart so model.ts stays one screenful. The schema takes
// the model's libc, architecture and executor schemas, so the types still derive from one place.
import { z } from 'zod';

const count = z.int().nonnegative();

export function environmentSchema<L extends z.ZodType, A extends z.ZodType, E extends z.ZodType>(
  libc: L,
  arch: A,
  executorKind: E,
) {
  return z
    .object({
      libc,
      arch,
      executor: executorKind,
      image: z.string().optional(),
      imageDigest: z.string().optional(),
      osRelease: z.record(z.string(), z.string()).optional(),
      libcVersion: z.string().optional(),
      /** musl only: `musl-perf`, `musl-default`, or `unknown`. */
      muslFlavor: z.string().optional(),
      allocators: z.record(
        z.string(),
        z.object({
          library: z.string().optional(),
          version: z.string().optional(),
          status: z.enum(['ready', 'unavailable']),
          reason: z.string().optional(),
        }),
      ),
      /** Docker's memory cap of the container (`--memory`), e.g. `9216m`: the input or the default share. */
      memoryLimit: z.string().optional(),
      /** Docker's cap on the processes of the container (`--pids-limit`). */
      pidsLimit: count.optional(),
      /** What the container may write to its disk before it is stopped (`disk-limit`), e.g. `4g`. */
      diskLimit: z.string().optional(),
      /** Set when the whole environment could not be prepared (image, setup, engine). */
      failure: z.string().optional(),
      setupLogTail: z.string().optional(),
    })
    .describe('Facts about one libc environment (a container, or the host).');
}
