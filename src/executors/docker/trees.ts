// Each container gets its own copy of every tree, so a musl build and a glibc build never
// overwrite each other's outputs, and the user's setup runs in that copy.
import type { Readable } from 'node:stream';
import { howItEnded, streamProcess, succeeded } from '../../process/run-process.js';
import { lastLine, tailLines } from './alpaquita.js';
import { DOCKER_TIMEOUTS, type DockerClient } from './client.js';
import { CONTAINER_SHELL, copyArchiveIn, execIn } from './container.js';

/** Produces a tar stream of a host directory. */
export interface TreeArchiver {
  /** `done` settles when the archiver has finished, rejecting when it failed. */
  archive(hostDir: string): { stream: Readable; done: Promise<void> };
}

/** The archiver stopped only because its reader went away: the reader's failure is the cause. */
export class ArchiveReaderGoneError extends Error {}

/**
 * The host's `tar`. Everything is copied except `.git` directories (and submodules' `.git`
 * files): history is large and the benchmark has no business with it. `node_modules`, build
 * outputs and the like are copied, because the benchmark may need them as they are.
 */
export function createTarArchiver(tarBinary = 'tar', timeoutMs: number = DOCKER_TIMEOUTS.copy): TreeArchiver {
  return {
    archive(hostDir) {
      const { stdout, result } = streamProcess(
        tarBinary,
        ['-C', hostDir, '--exclude=.git', '-cf', '-', '.'],
        {
          env: process.env,
          timeoutMs,
          maxOutputBytes: 64 << 10,
          keep: 'tail',
        },
      );
      const done = result.then((r) => {
        if (succeeded(r)) return;
        const label = `${tarBinary} of ${hostDir}`;
        if (r.signal === 'SIGPIPE') throw new ArchiveReaderGoneError(howItEnded(label, r));
        const detail = r.exitCode === null ? '' : lastLine(withoutTarSummary(r.stderr));
        throw new Error(detail ? `${howItEnded(label, r)}: ${detail}` : howItEnded(label, r));
      });
      return { stream: stdout, done };
    },
  };
}

/** GNU tar ends with a line that names no cause; the line before it says what went wrong. */
function withoutTarSummary(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/Exiting with failure status due to previous errors/.test(line))
    .join('\n');
}

/** Copies a host tree into `dir` in the container; throws with the reason when it cannot. */
export async function copyTree(
  docker: DockerClient,
  archiver: TreeArchiver,
  container: string,
  hostDir: string,
  dir: string,
): Promise<void> {
  let done: Promise<void> = Promise.resolve();
  const copying = copyArchiveIn(docker, container, dir, () => {
    const archive = archiver.archive(hostDir);
    done = archive.done;
    // Handled below, after the copy; this only keeps an early failure from counting as unhandled.
    done.catch(() => undefined);
    return archive.stream;
  });
  // Both sides must finish. The archiver's own error names the real cause when both fail (an
  // unreadable file cuts the archive short), unless it failed only because docker stopped reading.
  const [copied] = await Promise.allSettled([copying]);
  const [archived] = await Promise.allSettled([done]);
  if (archived.status === 'rejected' && !(archived.reason instanceof ArchiveReaderGoneError)) {
    throw archived.reason;
  }
  if (copied.status === 'rejected') throw copied.reason;
  if (archived.status === 'rejected') throw archived.reason;
}

export type SetupOutcome = { ok: true } | { ok: false; failure: string; tail: string; timedOut: boolean };

/** How many lines of a failed setup's output the report keeps. */
const SETUP_TAIL_LINES = 20;

/** Runs the user's setup with the container's shell in `cwd`, streaming its output to `log`. */
export async function runSetup(
  docker: DockerClient,
  container: string,
  cwd: string,
  setup: string,
  log: (line: string) => void,
  timeoutMs = Number.POSITIVE_INFINITY,
): Promise<SetupOutcome> {
  const lines: string[] = [];
  const result = await execIn(docker, container, [CONTAINER_SHELL, '-c', setup], {
    workdir: cwd,
    timeoutMs,
    onLine: (line) => {
      lines.push(line);
      if (lines.length > SETUP_TAIL_LINES * 4) lines.splice(0, lines.length - SETUP_TAIL_LINES);
      log(line);
    },
  });
  if (succeeded(result)) return { ok: true };
  // A client that does not stream lines still returns the output at the end.
  const output = lines.length > 0 ? lines.join('\n') : `${result.stdout}\n${result.stderr}`;
  const tail = tailLines(output, SETUP_TAIL_LINES).join('\n');
  const last = result.timedOut ? '' : tailLines(tail, 3).join(' | ');
  const ended = howItEnded('setup', result);
  return { ok: false, failure: last ? `${ended}: ${last}` : ended, tail, timedOut: result.timedOut };
}
