// One long-lived container per libc: how it is started, and the small reads and commands the
// executor runs in it. User-controlled strings only ever travel as argv, never inside `sh -c`
// (the user's `setup` is the one exception: it is a shell command by design).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { LibcName } from '../../results/model.js';
import { parseGlibcVersion, parseMuslLoaderVersion } from './alpaquita.js';
import { succeeded } from '../../process/run-process.js';
import { messageOf } from '../../base/errors.js';
import {
  DOCKER_TIMEOUTS,
  dockerFailure,
  type DockerClient,
  type DockerResult,
  type DockerRunOptions,
} from './client.js';

/** Where the measuring helper is mounted, read-only, in every container. */
export const HELPER_DIR = '/opt/malloc-matrix';
export const HELPER_PATH = `${HELPER_DIR}/mm-helper`;
/** Where the allocation profiler library is mounted, read-only, next to the helper. */
export const PROFILER_PATH = `${HELPER_DIR}/mm-profiler.so`;
/** The root of the private copies of the trees, `/mm/head` and `/mm/base`. */
export const TREES_ROOT = '/mm';
export const CONTAINER_SHELL = '/bin/sh';

export const LABEL = 'malloc-matrix';
export const RUN_LABEL = 'malloc-matrix.run';

export interface ContainerSpec {
  name: string;
  image: string;
  runId: string;
  libc: LibcName;
  /** Host path of the static helper binary. */
  helperPath: string;
  /** Host path of the allocation profiler library, mounted next to the helper when given. */
  profilerPath?: string;
  /** Docker's `--memory` value, e.g. `512m`; swap is capped to the same so the limit is real. */
  memoryLimit: string;
  /** Docker's `--pids-limit`: processes and threads the container may hold at once. */
  pidsLimit: number;
  /** The user's environment, set in the container so `setup` sees it too. */
  env: Record<string, string>;
}

/**
 * The only capabilities the container keeps (`--cap-drop ALL` drops the rest, NET_RAW among
 * them). Tried with the stand-in images: the benchmark, its `ptrace`d proof runs (a tracer of
 * its own children needs no SYS_PTRACE) and building in the trees need none of them. They are
 * what `apk` needs as root: CHOWN, FOWNER and FSETID to give package files their owners and
 * modes, DAC_OVERRIDE to write into directories a package gave to another user (and into tree
 * files that `docker cp` keeps owned by the runner's user), and SYS_CHROOT because apk runs
 * package scripts and triggers (ldconfig, for one) chrooted. Without SETUID/SETGID no process
 * becomes another user, so the helper can always kill what a run leaves behind.
 */
export const CONTAINER_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'SYS_CHROOT'] as const;

/**
 * What each container may write to its disk (disk-watch.ts) when `disk-limit` is not given: room
 * for two trees, their builds and the allocator packages, while the two containers of a run
 * together stay well inside the 14 GB a GitHub-hosted runner has free.
 */
export const DEFAULT_DISK_LIMIT = '4g';

/** Share of the runner's memory the containers that run at once may use together. */
export const DEFAULT_MEMORY_SHARE = 0.75;
const MIB = 1024 ** 2;

/**
 * The memory cap of each container when `memory-limit` is not given: 75% of the runner's memory,
 * split evenly between the containers alive at the same time (one per libc, all kept until the
 * end), so that together they leave the runner a quarter. In MiB, never below Docker's 6m.
 */
export function defaultMemoryLimit(totalBytes: number, containersAtOnce: number): string {
  const share = (totalBytes * DEFAULT_MEMORY_SHARE) / Math.max(1, containersAtOnce);
  return `${Math.max(6, Math.floor(share / MIB))}m`;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names the docker CLI reads itself: handing them to it would redirect the CLI, not the container. */
const CLI_OWN_NAME = /^(DOCKER_\w*|PATH|HOME)$/;

/**
 * The `docker run` argv and the CLI environment that carries the user's values. Values travel
 * through the CLI's environment (`-e KEY`), so they never appear on a command line, except for
 * the few names the CLI itself obeys.
 */
export function containerRunArgs(spec: ContainerSpec): { args: string[]; env: Record<string, string> } {
  if (/[,"\n]/.test(spec.helperPath)) {
    throw new Error(
      `helper path '${spec.helperPath}' contains a comma, quote or newline, which --mount cannot take`,
    );
  }
  const args = [
    'run',
    '--detach',
    '--init',
    '--name',
    spec.name,
    '--label',
    `${LABEL}=1`,
    '--label',
    `${RUN_LABEL}=${spec.runId}`,
    '--label',
    `${LABEL}.libc=${spec.libc}`,
    '--mount',
    `type=bind,source=${spec.helperPath},target=${HELPER_PATH},readonly`,
    '--memory',
    spec.memoryLimit,
    '--memory-swap',
    spec.memoryLimit,
    '--pids-limit',
    String(spec.pidsLimit),
    '--cap-drop',
    'ALL',
    ...CONTAINER_CAPABILITIES.flatMap((c) => ['--cap-add', c]),
    '--security-opt',
    'no-new-privileges',
  ];
  if (spec.profilerPath !== undefined)
    args.push('--mount', `type=bind,source=${spec.profilerPath},target=${PROFILER_PATH},readonly`);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.env)) {
    if (!ENV_NAME.test(key)) {
      throw new Error(`environment variable name '${key}' is invalid; expected letters, digits and _`);
    }
    if (CLI_OWN_NAME.test(key)) {
      args.push('--env', `${key}=${value}`);
    } else {
      args.push('--env', key);
      env[key] = value;
    }
  }
  // busybox and coreutils `sleep` both take this (2^31-1 s); the entrypoint is replaced so an
  // image's own entrypoint cannot interfere.
  args.push('--entrypoint', 'sleep', '--', spec.image, '2147483647');
  return { args, env };
}

export type StartOutcome = { ok: true; id: string } | { ok: false; failure: string };

export async function startContainer(docker: DockerClient, spec: ContainerSpec): Promise<StartOutcome> {
  const { args, env } = containerRunArgs(spec);
  const result = await docker.run(args, { env });
  if (!succeeded(result)) {
    return {
      ok: false,
      failure: `could not start a container from ${spec.image}: ${dockerFailure('docker run', result)}`,
    };
  }
  return { ok: true, id: result.stdout.trim() || spec.name };
}

/** `docker exec` in the container; `argv` is passed through unchanged. */
export function execIn(
  docker: DockerClient,
  container: string,
  argv: string[],
  opts: DockerRunOptions & { workdir?: string; stdin?: boolean } = {},
): Promise<DockerResult> {
  const flags = [
    ...(opts.stdin ? ['--interactive'] : []),
    ...(opts.workdir ? ['--workdir', opts.workdir] : []),
  ];
  return docker.run(['exec', ...flags, container, ...argv], opts);
}

/** Reads a file in the container; undefined when it does not exist. */
export async function readFileIn(
  docker: DockerClient,
  container: string,
  file: string,
): Promise<string | undefined> {
  const result = await execIn(docker, container, ['cat', '--', file]);
  return succeeded(result) ? result.stdout : undefined;
}

/**
 * Lists which of the globs match existing files, as `glob<TAB>path` lines. The globs arrive as
 * arguments and are expanded by leaving `$g` unquoted; the script text itself is constant.
 */
export async function listGlobs(
  docker: DockerClient,
  container: string,
  globs: readonly string[],
): Promise<string> {
  if (globs.length === 0) return '';
  const script =
    'for g in "$@"; do for f in $g; do if [ -e "$f" ]; then printf "%s\\t%s\\n" "$g" "$f"; fi; done; done';
  const result = await execIn(docker, container, [CONTAINER_SHELL, '-c', script, 'sh', ...globs]);
  if (!succeeded(result))
    throw new Error(`listing ${globs.join(' ')} failed: ${dockerFailure('docker exec', result)}`);
  return result.stdout;
}

/** The file a path resolves to, so the preload path matches what /proc/PID/maps shows. */
export async function realPathIn(docker: DockerClient, container: string, file: string): Promise<string> {
  const result = await execIn(docker, container, ['readlink', '-f', '--', file]);
  const resolved = result.stdout.trim();
  return succeeded(result) && resolved !== '' ? resolved : file;
}

export async function fileExistsIn(docker: DockerClient, container: string, file: string): Promise<boolean> {
  return succeeded(await execIn(docker, container, ['test', '-f', file]));
}

const GLIBC_DIRS = ['/lib', '/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu'];

/** Runs the libc itself to learn its version: the musl loader, or glibc's libc.so.6. */
export async function readLibcVersion(
  docker: DockerClient,
  container: string,
  libc: LibcName,
): Promise<string | undefined> {
  const globs = libc === 'musl' ? ['/lib/ld-musl-*.so.1'] : GLIBC_DIRS.map((d) => `${d}/libc.so.6`);
  const found = (await listGlobs(docker, container, globs))
    .split('\n')
    .map((l) => l.split('\t')[1])
    .filter((p): p is string => p !== undefined && p !== '');
  const program = found[0];
  if (program === undefined) return undefined;
  // The musl loader exits 1 after printing its banner; glibc exits 0. Only the text matters.
  const result = await execIn(docker, container, [program]);
  const output = `${result.stdout}\n${result.stderr}`;
  return libc === 'musl' ? parseMuslLoaderVersion(output) : parseGlibcVersion(output);
}

export async function hasMuslLoader(docker: DockerClient, container: string): Promise<boolean> {
  return (await listGlobs(docker, container, ['/lib/ld-musl-*.so.1'])).trim() !== '';
}

/** Where a tree's copy lives in the container, and its working directory within. */
export function treeDirsFor(tree: string, workingDirectory: string): { root: string; cwd: string } {
  const relative = path.posix.normalize(workingDirectory.replace(/\\/g, '/') || '.');
  if (path.posix.isAbsolute(relative) || relative === '..' || relative.startsWith('../')) {
    throw new Error(
      `working directory '${workingDirectory}' leaves the workspace; expected a relative path inside it`,
    );
  }
  const root = `${TREES_ROOT}/${tree}`;
  return { root, cwd: relative === '.' ? root : `${root}/${relative}` };
}

/**
 * Copies a tar stream into `dir` in the container. The stream is asked for only once the
 * directory exists: a child process's pipe left unread while we wait can lose its data.
 */
export async function copyArchiveIn(
  docker: DockerClient,
  container: string,
  dir: string,
  openArchive: () => Readable,
): Promise<void> {
  const made = await execIn(docker, container, ['mkdir', '-p', '--', dir]);
  if (!succeeded(made))
    throw new Error(`could not create ${dir} in the container: ${dockerFailure('mkdir', made)}`);
  const copied = await docker.run(['cp', '-', `${container}:${dir}`], {
    input: openArchive(),
    timeoutMs: DOCKER_TIMEOUTS.copy,
  });
  if (!succeeded(copied))
    throw new Error(`copying the tree into ${dir} failed: ${dockerFailure('docker cp', copied)}`);
}

/**
 * Kills every process left in the container besides its init and main process (a setup's
 * background jobs, a fork bomb), using the read-only helper. Resolves with how many there were.
 */
export async function killStrayProcesses(docker: DockerClient, container: string): Promise<number> {
  const result = await execIn(docker, container, [HELPER_PATH, '--kill-all'], { timeoutMs: 60_000 });
  const count = Number(result.stdout.trim());
  if (!succeeded(result) || !Number.isSafeInteger(count)) {
    throw new Error(dockerFailure('the helper --kill-all', result));
  }
  return count;
}

/**
 * How many processes the container holds besides its init and main process, asked of the engine
 * (`docker top` reads them from the host, so it needs no process slot in the container).
 * Undefined when the engine cannot say.
 */
export async function countStrayProcesses(
  docker: DockerClient,
  container: string,
): Promise<number | undefined> {
  let result;
  try {
    result = await docker.run(['top', container, '-o', 'pid']);
  } catch {
    return undefined;
  }
  if (!succeeded(result)) return undefined;
  const pids = result.stdout.split('\n').filter((line) => /^\s*\d+\s*$/.test(line));
  return pids.length >= 2 ? pids.length - 2 : undefined;
}

/**
 * Restarts the container at once (no grace period): every process in it ends, its files, mounts
 * and limits stay. The main process (`sleep`) starts again under a fresh init.
 */
export async function restartContainer(
  docker: DockerClient,
  container: string,
): Promise<{ ok: true } | { ok: false; failure: string }> {
  try {
    const result = await docker.run(['restart', '--time', '0', container]);
    return succeeded(result) ? { ok: true } : { ok: false, failure: dockerFailure('docker restart', result) };
  } catch (error) {
    return { ok: false, failure: messageOf(error) };
  }
}

/**
 * A digest of every entry under `dir` (names, modes, owners, sizes, inodes, mtimes and ctimes),
 * listed by the read-only helper rather than by the container's own tools, which a setup can
 * replace. Any write under `dir` changes it.
 */
export async function treeDigest(docker: DockerClient, container: string, dir: string): Promise<string> {
  const hash = createHash('sha256');
  const result = await execIn(docker, container, [HELPER_PATH, '--tree-digest', dir], {
    timeoutMs: 300_000,
    onLine: (line) => hash.update(`${line}\n`),
  });
  if (!succeeded(result)) {
    throw new Error(`listing ${dir} failed: ${dockerFailure('the helper --tree-digest', result)}`);
  }
  return hash.digest('hex');
}
