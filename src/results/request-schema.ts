// What the user asked to run, as recorded in the results: the command, and each allocator as
// requested (a catalogue name, a custom library, or a variant with its own environment). Part of
// the results model (model.ts), which infers the types.
import { z } from 'zod';
import { allocatorName } from './place-schema.js';

export const command = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('shell'), script: z.string() }),
    z.object({ kind: z.literal('argv'), argv: z.array(z.string()).min(1) }),
  ])
  .describe('What was measured: a shell script, or a program and its arguments.');

export const allocatorRequest = z.discriminatedUnion('kind', [
  z.object({ name: allocatorName, kind: z.literal('builtin') }),
  z.object({ name: allocatorName, kind: z.literal('custom'), path: z.string().min(1) }),
  z
    .object({
      name: allocatorName,
      kind: z.literal('variant'),
      /** The allocator it tunes: a catalogue name, or a custom allocator of the same run. */
      base: z.string().min(1),
      /** The custom library's path when the base is a custom allocator. */
      path: z.string().min(1).optional(),
      env: z.array(z.tuple([z.string().min(1), z.string()])),
    })
    .describe('An allocator with its own environment (tunables), measured as a cell of its own.'),
]);
