// Each container gets its own copy of every tree, so a musl build and a glibc build never
// overwrite each other's outputs, and the user's setup runs in that copy.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { tailLines } from './alpaquita.js';
import type { DockerClient } from './client.js';
import { CONTAINER_SHELL, copyArchiveIn, execIn } from './container.js';

/** Produces a tar stream of a host directory. */
export interface TreeArchiver {
  /** `done` settles when the archiver has finished, rejecting when it failed. */
  archive(hostDir: string): { stream: Readable; done: Promise<void> };
}

/**
 * The host's `tar`. Everything is copied except `.git` directories (and submodules' `.git`
 * files): history is large and the benchmark has no business with it. `node_modules`, build
 * outputs and the like are copied, because the benchmark may need them as they are.
 */
export function createTarArchiver(tarBinary = 'tar'): TreeArchiver {
  return {
    archive(hostDir) {
      const child = spawn(tarBinary, ['-C', hostDir, '--exclude=.git', '-cf', '-', '.'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const done = new Promise<void>((resolve, reject) => {
        child.on('error', (error) =>
          reject(new Error(`could not run ${tarBinary} to copy ${hostDir}: ${error.message}`)),
        );
        child.on('close', (code) => {
          if (code === 0) resolve();
          else
            reject(
              new Error(
                `${tarBinary} of ${hostDir} exited with code ${code}: ${tailLines(withoutTarSummary(stderr), 1)[0] ?? ''}`,
              ),
            );
        });
      });
      return { stream: child.stdout, done };
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
  let done: Promise<void> | undefined;
  const copying = copyArchiveIn(docker, container, dir, () => {
    const archive = archiver.archive(hostDir);
    done = archive.done;
    // Handled below, after the copy; this only keeps an early failure from counting as unhandled.
    done.catch(() => undefined);
    return archive.stream;
  });
  // Both sides must finish; the archiver's own error names the real cause when both fail.
  const [copied] = await Promise.allSettled([copying]);
  if (done) await done;
  if (copied.status === 'rejected') throw copied.reason;
}

export type SetupOutcome = { ok: true } | { ok: false; failure: string; tail: string };

/** How many lines of a failed setup's output the report keeps. */
const SETUP_TAIL_LINES = 20;

/** Runs the user's setup with the container's shell in `cwd`, streaming its output to `log`. */
export async function runSetup(
  docker: DockerClient,
  container: string,
  cwd: string,
  setup: string,
  log: (line: string) => void,
): Promise<SetupOutcome> {
  const lines: string[] = [];
  const result = await execIn(docker, container, [CONTAINER_SHELL, '-c', setup], {
    workdir: cwd,
    onLine: (line) => {
      lines.push(line);
      if (lines.length > SETUP_TAIL_LINES * 4) lines.splice(0, lines.length - SETUP_TAIL_LINES);
      log(line);
    },
  });
  if (result.code === 0) return { ok: true };
  // A client that does not stream lines still returns the output at the end.
  const output = lines.length > 0 ? lines.join('\n') : `${result.stdout}\n${result.stderr}`;
  const tail = tailLines(output, SETUP_TAIL_LINES).join('\n');
  const last = tailLines(tail, 3).join(' | ');
  return {
    ok: false,
    failure: `setup exited with code ${result.code}${last ? `: ${last}` : ''}`,
    tail,
  };
}
