// Each container gets its own copy of every tree, so a musl build and a glibc build never
// overwrite each other's outputs, and the user's setup runs in that copy.
import type { Readable } from 'node:stream';
import type { EnvironmentRequest, PreparedEnvironment } from '../../measure/executor.js';
import { howItEnded, streamProcess, succeeded } from '../../process/run-process.js';
import type { TreeName } from '../../results/model.js';
import { messageOf } from '../../base/errors.js';
import { lastLine, tailLines } from './alpaquita.js';
import { DOCKER_TIMEOUTS, type DockerClient } from './client.js';
import { CONTAINER_SHELL, copyArchiveIn, execIn, treeDirsFor } from './container.js';
import type { DockerLog } from './executor.js';

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

/**
 * Copies each tree into the container and runs setup there; failures are per tree, except a
 * setup that outlived its time limit.
 */
export async function prepareTrees(
  tools: { docker: DockerClient; archiver: TreeArchiver },
  log: DockerLog,
  container: string,
  request: EnvironmentRequest,
  env: PreparedEnvironment,
): Promise<void> {
  const { libc } = request;
  for (const [tree, hostDir] of Object.entries(request.trees) as [TreeName, string | undefined][]) {
    if (hostDir === undefined) continue;
    const dirs = treeDirsFor(tree, request.workingDirectory);
    try {
      log.info(`${libc}: copying the ${tree} tree into ${dirs.root}`);
      await copyTree(tools.docker, tools.archiver, container, hostDir, dirs.root);
    } catch (error) {
      env.treeFailures[tree] = `copying the ${tree} tree failed: ${messageOf(error)}`;
      continue;
    }
    const isDir = await execIn(tools.docker, container, ['test', '-d', dirs.cwd]);
    if (!succeeded(isDir)) {
      env.treeFailures[tree] =
        `working directory '${request.workingDirectory}' does not exist in the ${tree} tree`;
      continue;
    }
    env.treeDirs[tree] = dirs.cwd;
    const setup = request.setup;
    if (setup === undefined || setup.trim() === '') continue;
    const outcome = await log.group(`${libc}: setup (${tree})`, () =>
      runSetup(tools.docker, container, dirs.cwd, setup, (l) => log.info(l), request.setupTimeoutMs),
    );
    if (outcome.ok) continue;
    env.info.setupLogTail = outcome.tail;
    if (outcome.timedOut) {
      // Ending `docker exec` does not end what it started in the container, and a hung setup
      // left running would disturb every measurement there. Only removing the container stops
      // it, so the whole environment fails (the session then disposes of it).
      env.info.failure = `${outcome.failure} in the ${tree} tree`;
      return;
    }
    env.treeFailures[tree] = outcome.failure;
  }
}
