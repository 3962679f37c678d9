// The docker executor's logic: one long-lived Alpaquita container per libc, prepared step by
// step (image, container, libc facts, allocators, private trees, setup), then whole batches
// run through the measuring helper with one `docker exec` each. Every collaborator is passed
// in; docker.ts wires the real ones.
import type { PullPolicy } from '../../config/config.js';
import type { EnvironmentInfo, LibcName, TreeName } from '../../results/model.js';
import { detectLibc, lastLine, muslFlavorFrom, parseOsRelease } from './alpaquita.js';
import { readApkPackages, resolveAllocators } from './allocators.js';
import type { DockerClient } from './client.js';
import {
  CONTAINER_SHELL,
  HELPER_PATH,
  RUN_LABEL,
  execIn,
  hasMuslLoader,
  readFileIn,
  readLibcVersion,
  startContainer,
  treeDirsFor,
} from './container.js';
import { ensureImage } from './image.js';
import { dockerProfilerAccess, settleProfiler } from './profiler.js';
import { copyTree, runSetup, type TreeArchiver } from './trees.js';
import type {
  Batch,
  BatchRecord,
  EnvironmentRequest,
  Executor,
  PreparedEnvironment,
} from '../../measure/executor.js';
import { ExecutorUnavailableError } from '../../measure/executor.js';
import { messageOf } from '../../base/errors.js';

/** No Docker engine to talk to: the whole run cannot go on (the CLI exits with code 3). */
export class EngineUnavailableError extends ExecutorUnavailableError {
  constructor(reason: string) {
    super(`Docker engine not available (${reason}). Start Docker, or use executor: host.`);
  }
}

/** Structurally the pipeline's Logger: lines, warnings, and collapsible groups. */
export interface DockerLog {
  info(line: string): void;
  warning(line: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface DockerExecutorOptions {
  /** Labels every container (`malloc-matrix.run=<runId>`) so leftovers can be found. */
  runId: string;
  images: Record<LibcName, string>;
  pull: PullPolicy;
  /** Docker's `--memory` for each container, e.g. `512m`. */
  memoryLimit?: string;
  /** The user's environment, set in each container (so `setup` sees it too). */
  env: Record<string, string>;
  log: DockerLog;
}

export type RunHelper = (
  spec: { command: string; args: string[]; env?: NodeJS.ProcessEnv },
  batch: Batch,
  onRecord: (r: BatchRecord) => void,
  signal?: AbortSignal,
) => Promise<void>;

export interface DockerExecutorDeps {
  docker: DockerClient;
  /** Host path of the static measuring helper. */
  helperBinary: () => Promise<string>;
  /** Host path of the allocation profiler library; without it no cell is profiled. */
  profilerLibrary?: () => Promise<string>;
  runHelper: RunHelper;
  archiver: TreeArchiver;
  sleep: (ms: number) => Promise<void>;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ENGINE_CHECK_TIMEOUT_MS = 30_000;

export function createDockerExecutorWith(opts: DockerExecutorOptions, deps: DockerExecutorDeps): Executor {
  if (!RUN_ID.test(opts.runId)) {
    throw new Error(`run id '${opts.runId}' is invalid; expected letters, digits, '.', '_' and '-'`);
  }
  const { docker, log } = { docker: deps.docker, log: opts.log };
  let engineChecked: Promise<void> | undefined;
  let helperPath: Promise<string> | undefined;
  let profiler: ReturnType<typeof settleProfiler> | undefined;
  let cleanedUp = false;
  // Until a container was asked for there is nothing to remove, and an engine that never
  // answered should not produce a second warning at cleanup.
  let startAttempted = false;

  async function prepare(request: EnvironmentRequest): Promise<PreparedEnvironment> {
    if (cleanedUp) throw new Error('the docker executor was cleaned up; it prepares no more environments');
    engineChecked ??= checkEngine(docker);
    await engineChecked;
    const { libc } = request;
    const image = opts.images[libc];
    const info: EnvironmentInfo = { libc, executor: 'docker', image, allocators: {} };
    let container: string | undefined;
    const env: PreparedEnvironment = {
      info,
      treeDirs: {},
      treeFailures: {},
      shell: CONTAINER_SHELL,
      async runBatch(batch, onRecord) {
        if (container === undefined) {
          throw new Error(`the ${libc} environment has no container (${info.failure ?? 'not prepared'})`);
        }
        const args = ['exec', '--interactive', container, HELPER_PATH];
        await deps.runHelper({ command: docker.binary, args }, batch, onRecord);
      },
      async dispose() {
        if (container === undefined) return;
        const id = container;
        container = undefined;
        const removed = await docker.run(['rm', '--force', id]).catch((e: unknown) => failedResult(e));
        if (removed.code !== 0 && !onlyAlreadyGone(removed.stderr))
          log.warning(`could not remove container ${id}: ${lastLine(removed.stderr)}`);
      },
    };

    const imageOutcome = await ensureImage(
      { docker, sleep: deps.sleep, log: (l) => log.info(l) },
      image,
      opts.pull,
    );
    if (!imageOutcome.ok) return withFailure(env, imageOutcome.failure);
    info.imageDigest = imageOutcome.facts.digest;

    helperPath ??= deps.helperBinary();
    const helper = await helperPath;
    profiler ??= settleProfiler(deps.profilerLibrary);
    const profilerHost = await profiler;
    startAttempted = true;
    const started = await startContainer(docker, {
      name: `malloc-matrix-${opts.runId}-${libc}`,
      image,
      runId: opts.runId,
      libc,
      helperPath: helper,
      ...('path' in profilerHost ? { profilerPath: profilerHost.path } : {}),
      memoryLimit: opts.memoryLimit,
      env: opts.env,
    });
    if (!started.ok) return withFailure(env, started.failure);
    container = started.id;
    env.profiler = 'path' in profilerHost ? dockerProfilerAccess(docker, started.id) : profilerHost;
    if (cleanedUp) {
      await env.dispose();
      throw new Error('the docker executor was cleaned up while a container was starting');
    }

    try {
      const failure = await inspectLibc(docker, started.id, image, libc, info);
      if (failure) return withFailure(env, failure);
      log.info(`${libc}: resolving allocators in ${image}`);
      const resolved = await resolveAllocators(
        {
          docker,
          container: started.id,
          image,
          architecture: imageOutcome.facts.architecture,
          log: (l) => log.info(l),
        },
        request.allocators,
      );
      info.allocators = resolved.allocators;
      if (libc === 'musl') {
        info.muslFlavor = muslFlavorFrom(resolved.packages ?? (await readApkPackages(docker, started.id)));
      }
      await prepareTrees(deps, log, started.id, request, env);
    } catch (error) {
      return withFailure(env, messageOf(error));
    }
    return env;
  }

  return {
    kind: 'docker',
    prepare,
    async cleanup() {
      cleanedUp = true;
      if (!startAttempted) return;
      await removeContainersByLabel(docker, opts.runId, (m) => log.warning(m));
    },
  };
}

function withFailure(env: PreparedEnvironment, failure: string): PreparedEnvironment {
  env.info.failure = failure;
  return env;
}

/**
 * True when `docker rm` failed only because the containers are gone already or being removed by
 * another `rm` (a signal handler's clean-up racing the normal one): nothing is left behind.
 */
function onlyAlreadyGone(stderr: string): boolean {
  const errors = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return errors.length > 0 && errors.every((l) => /No such container|is already in progress/.test(l));
}

function failedResult(error: unknown): { code: number; stdout: string; stderr: string } {
  return { code: -1, stdout: '', stderr: messageOf(error) };
}

async function checkEngine(docker: DockerClient): Promise<void> {
  let reason: string;
  try {
    const result = await docker.run(['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: ENGINE_CHECK_TIMEOUT_MS,
    });
    if (result.code === 0 && result.stdout.trim() !== '') return;
    reason =
      result.code === 124
        ? `docker version did not answer within ${ENGINE_CHECK_TIMEOUT_MS / 1000} s`
        : lastLine(result.stderr) || `docker version exited with code ${result.code}`;
  } catch (error) {
    reason = messageOf(error);
  }
  throw new EngineUnavailableError(reason);
}

/** Records os-release and the libc's facts; returns a failure when the image is the wrong flavour. */
async function inspectLibc(
  docker: DockerClient,
  container: string,
  image: string,
  libc: LibcName,
  info: EnvironmentInfo,
): Promise<string | undefined> {
  const osRelease = parseOsRelease((await readFileIn(docker, container, '/etc/os-release')) ?? '');
  info.osRelease = osRelease;
  const actual = detectLibc(osRelease, await hasMuslLoader(docker, container));
  if (actual !== libc) {
    return osRelease.LIBC_TYPE
      ? `image ${image} reports LIBC_TYPE=${osRelease.LIBC_TYPE}, expected ${libc}`
      : `image ${image} has no LIBC_TYPE in /etc/os-release and looks like ${actual}, expected ${libc}`;
  }
  const version = await readLibcVersion(docker, container, libc);
  if (version !== undefined) info.libcVersion = version;
  return undefined;
}

/** Copies each tree into the container and runs setup there; failures are per tree. */
async function prepareTrees(
  deps: DockerExecutorDeps,
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
      await copyTree(deps.docker, deps.archiver, container, hostDir, dirs.root);
    } catch (error) {
      env.treeFailures[tree] = `copying the ${tree} tree failed: ${messageOf(error)}`;
      continue;
    }
    const isDir = await execIn(deps.docker, container, ['test', '-d', dirs.cwd]);
    if (isDir.code !== 0) {
      env.treeFailures[tree] =
        `working directory '${request.workingDirectory}' does not exist in the ${tree} tree`;
      continue;
    }
    env.treeDirs[tree] = dirs.cwd;
    const setup = request.setup;
    if (setup === undefined || setup.trim() === '') continue;
    const outcome = await log.group(`${libc}: setup (${tree})`, () =>
      runSetup(deps.docker, container, dirs.cwd, setup, (l) => log.info(l)),
    );
    if (!outcome.ok) {
      env.treeFailures[tree] = outcome.failure;
      env.info.setupLogTail = outcome.tail;
    }
  }
}

/**
 * Removes every container labelled with this run id, running or not. Never throws: it runs in
 * the action's post step and signal handlers, where the engine may be half gone. Returns how
 * many containers were removed.
 */
export async function removeContainersByLabel(
  docker: DockerClient,
  runId: string,
  warn: (message: string) => void = () => undefined,
): Promise<number> {
  const listed = await docker
    .run(['ps', '--all', '--quiet', '--filter', `label=${RUN_LABEL}=${runId}`], { timeoutMs: 30_000 })
    .catch((e: unknown) => failedResult(e));
  if (listed.code !== 0) {
    warn(
      `could not list the containers of run ${runId}: ${lastLine(listed.stderr) || `exit code ${listed.code}`}`,
    );
    return 0;
  }
  const ids = listed.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (ids.length === 0) return 0;
  const removed = await docker
    .run(['rm', '--force', ...ids], { timeoutMs: 60_000 })
    .catch((e: unknown) => failedResult(e));
  if (removed.code !== 0 && !onlyAlreadyGone(removed.stderr)) {
    warn(`could not remove the containers of run ${runId} (${ids.join(' ')}): ${lastLine(removed.stderr)}`);
    return 0;
  }
  return ids.length;
}
