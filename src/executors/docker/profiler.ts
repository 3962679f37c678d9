// The allocation profiler inside a container: the library is bind-mounted read-only next to the
// measuring helper, each profiling run gets a fresh directory under the container's /tmp, and
// the records are read back through `docker exec`, one line per record file.
import { PROFILE_RECORD_LIMITS, tooManyRecords, type ProfilerAccess } from '../../measure/executor.js';
import { succeeded } from '../../process/run-process.js';
import { dockerFailure, type DockerClient } from './client.js';
import { CONTAINER_SHELL, PROFILER_PATH, execIn } from './container.js';

// Constant text; the directory comes in as $1. `echo` ends a record cut short by a killed
// process, so the next file's record starts on its own line. What comes past the limits is read
// and dropped (the read has docker's time limit): it takes no more memory here than the limits.
const COLLECT_SCRIPT =
  'exec 2>/dev/null; for f in "$1"/*.json; do [ -f "$f" ] && cat "$f" && echo; done; rm -rf "$1"';

/** The profiler's host path, or why it cannot be had; a failure never stops the environment. */
export async function settleProfiler(
  build: (() => Promise<string>) | undefined,
): Promise<{ path: string } | { unavailable: string }> {
  if (!build) return { unavailable: 'no allocation profiler was provided' };
  try {
    const path = await build();
    // --mount cannot take these; a profile is not worth failing the container for.
    if (/[,"\n]/.test(path))
      return { unavailable: `profiler path '${path}' contains a comma, quote or newline` };
    return { path };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

export function dockerProfilerAccess(
  docker: DockerClient,
  container: string,
  limits = PROFILE_RECORD_LIMITS,
): ProfilerAccess {
  return {
    library: PROFILER_PATH,
    async newRecordDir() {
      const made = await execIn(docker, container, ['mktemp', '-d', '/tmp/mm-profile.XXXXXX']);
      const dir = made.stdout.trim();
      if (!succeeded(made) || dir === '') {
        throw new Error(
          `could not create a profile directory in the container: ${dockerFailure('mktemp', made)}`,
        );
      }
      return dir;
    },
    async collectRecords(dir) {
      const lines: string[] = [];
      let bytes = 0;
      let beyond = false;
      const read = await execIn(docker, container, [CONTAINER_SHELL, '-c', COLLECT_SCRIPT, 'sh', dir], {
        // A record is one line. Cut at the usual 4 KiB, a long record would be lost (no longer
        // JSON) and a huge one would count as 4 KiB: here a line is cut only past the byte limit,
        // which it then passes.
        maxLineBytes: limits.bytes + 1,
        onLine: (line) => {
          if (beyond || line.trim() === '') return;
          bytes += Buffer.byteLength(line) + 1;
          beyond = lines.length >= limits.records || bytes > limits.bytes;
          if (!beyond) lines.push(line);
        },
      });
      if (beyond) throw new Error(tooManyRecords(limits));
      if (!succeeded(read)) {
        throw new Error(`could not read the profile records in ${dir}: ${dockerFailure('the read', read)}`);
      }
      return lines;
    },
  };
}
