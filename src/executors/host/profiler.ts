// The allocation profiler on the host: the cached library is preloaded by its own path, and each
// profiling run writes its records into a fresh temporary directory.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PROFILE_RECORD_LIMITS,
  tooManyRecords,
  type PreparedEnvironment,
  type ProfilerAccess,
} from '../../measure/executor.js';

export function hostProfilerAccess(library: string, limits = PROFILE_RECORD_LIMITS): ProfilerAccess {
  return {
    library,
    newRecordDir: () => mkdtemp(join(tmpdir(), 'mm-profile-')),
    async collectRecords(dir) {
      try {
        const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
        // The count, then the sizes: nothing past the limits is looked at or read into memory.
        if (files.length > limits.records) throw new Error(tooManyRecords(limits));
        const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).size));
        if (sizes.reduce((a, b) => a + b, 0) > limits.bytes) throw new Error(tooManyRecords(limits));
        return await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The profiler for a prepared host environment, or why there is none (never a failure). */
export async function hostProfiler(
  build: (() => Promise<string>) | undefined,
): Promise<NonNullable<PreparedEnvironment['profiler']>> {
  if (!build) return { unavailable: 'no allocation profiler was provided' };
  try {
    return hostProfilerAccess(await build());
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}
