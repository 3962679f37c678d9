// The docker executor's logic: one long-lived Alpaquita container per libc, prepared step by
// step (image, container, libc facts, allocators, private trees, setup), then whole batches
// run through the measuring helper with one `docker exec` each. Every collaborator is passed
// in; index.ts wires the real ones.
import type { PullPolicy } from '../../config/config.js';
import type { EnvironmentInfo, LibcName } from '../../results/model.js';
import { detectLibc, parseOsRelease } from './alpaquita.js';
import { resolveAllocators } from './allocators.js';
import { dockerFailure, type DockerClient } from './client.js';
import { withCommandsStopped } from './command-fence.js';
import {
  CONTAINER_SHELL,
  DEFAULT_DISK_LIMIT,
  HELPER_PATH,
  defaultMemoryLimit,
  hasMuslLoader,
  readFileIn,
  readLibcVersion,
  startContainer,
} from './container.js';
import { watchDisk, type DiskWatch, type Ticker } from './disk-watch.js';
import {
  checkEngine,
  failedResult,
  onlyAlreadyGone,
  REMOVE_TIMEOUT_MS,
  removeContainersByLabel,
} from './engine.js';
import { succeeded } from '../../process/run-process.js';
import { ensureImage } from './image.js';
import { detectMuslFlavor } from './installed.js';
import { dockerProfilerAccess, settleProfiler } from './profiler.js';
import type { TreeArchiver } from './trees.js';
import { prepareTrees } from './workspace.js';
import type {
  Batch,
  BatchRecord,
  EnvironmentRequest,
  Executor,
  PreparedEnvironment,
} from '../../measure/executor.js';
import { messageOf } from '../../base/errors.js';
import { dockerSizeBytes } from '../../base/units.js';

export { EngineUnavailableError, removeContainersByLabel } from './engine.js';

/** Structurally the pipeline's Logger: lines, warnings, and collapsible groups. */
export interface DockerLog {
  info(line: string): void;
  warning(line: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** The log is read by a runner that obeys workflow commands (see Logger). */
  readonly readsCommands?: boolean;
}

export interface DockerExecutorOptions {
  /** Labels every container (`malloc-matrix.run=<runId>`) so leftovers can be found. */
  runId: string;
  images: Record<LibcName, string>;
  pull: PullPolicy;
  /** Docker's `--memory` for each container, e.g. `512m`; absent: a share of the runner's memory. */
  memoryLimit?: string;
  /** How many containers this run keeps at once (one per libc): they share the default memory. */
  containersAtOnce: number;
  /** Docker's `--pids-limit` for each container. */
  pidsLimit: number;
  /** What each container may write to its disk, e.g. `4g`; absent: DEFAULT_DISK_LIMIT. */
  diskLimit?: string;
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
  /** The runner's memory in bytes (os.totalmem), for the default memory cap. */
  totalMemory: () => number;
  /** The disk watch's timer and clock. */
  ticker: Ticker;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

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
  // Every container's disk watch, so cleanup stops those of environments never disposed.
  const diskWatches = new Set<DiskWatch>();

  async function prepare(request: EnvironmentRequest): Promise<PreparedEnvironment> {
    if (cleanedUp) throw new Error('the docker executor was cleaned up; it prepares no more environments');
    engineChecked ??= checkEngine(docker);
    await engineChecked;
    const { libc } = request;
    const image = opts.images[libc];
    const memoryLimit = opts.memoryLimit ?? defaultMemoryLimit(deps.totalMemory(), opts.containersAtOnce);
    const diskLimit = opts.diskLimit ?? DEFAULT_DISK_LIMIT;
    const diskLimitBytes = dockerSizeBytes(diskLimit);
    if (diskLimitBytes === undefined) throw new Error(`disk limit '${diskLimit}' is not a size such as 4g`);
    const info: EnvironmentInfo = {
      libc,
      executor: 'docker',
      image,
      allocators: {},
      memoryLimit,
      pidsLimit: opts.pidsLimit,
      diskLimit,
    };
    // The running container and its disk watch, from its start until it is disposed of.
    let live: { container: string; disk: DiskWatch } | undefined;
    // Once the watch stopped the container, every later failure in it is that one.
    const diskReasonOr = (failure: string): string => live?.disk.exceeded ?? failure;
    const env: PreparedEnvironment = {
      info,
      treeDirs: {},
      treeFailures: {},
      shell: CONTAINER_SHELL,
      async runBatch(batch, onRecord) {
        if (live === undefined) {
          throw new Error(`the ${libc} environment has no container (${info.failure ?? 'not prepared'})`);
        }
        const { container, disk } = live;
        if (disk.exceeded !== undefined) throw new Error(disk.exceeded);
        const args = ['exec', '--interactive', container, HELPER_PATH];
        try {
          await disk.during(() => deps.runHelper({ command: docker.binary, args }, batch, onRecord));
        } catch (error) {
          throw new Error(disk.exceeded ?? messageOf(error));
        }
        // A batch shorter than the watch's interval is measured at its end too: what it wrote
        // stops the next batch, and its own records stand (they all arrived).
        await disk.check();
        if (disk.exceeded !== undefined) throw new Error(disk.exceeded);
      },
      async dispose() {
        if (live === undefined) return;
        const id = live.container;
        live.disk.stop();
        live = undefined;
        const removed = await docker
          .run(['rm', '--force', id], { timeoutMs: REMOVE_TIMEOUT_MS })
          .catch((e: unknown) => failedResult(e));
        if (!succeeded(removed) && !onlyAlreadyGone(removed.stderr))
          log.warning(`could not remove container ${id}: ${dockerFailure('docker rm', removed)}`);
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
      memoryLimit,
      pidsLimit: opts.pidsLimit,
      env: opts.env,
    });
    if (!started.ok) return withFailure(env, started.failure);
    const watch = watchDisk(docker, deps.ticker, {
      container: started.id,
      label: libc,
      limitText: diskLimit,
      limitBytes: diskLimitBytes,
    });
    live = { container: started.id, disk: watch };
    diskWatches.add(watch);
    env.profiler = 'path' in profilerHost ? dockerProfilerAccess(docker, started.id) : profilerHost;
    if (cleanedUp) {
      await env.dispose();
      throw new Error('the docker executor was cleaned up while a container was starting');
    }

    try {
      const failure = await watch.during(() => prepareInside(started.id, imageOutcome.facts.architecture));
      if (failure) return withFailure(env, diskReasonOr(failure));
      // What setup wrote is measured now, not only at the next tick, before anything is timed.
      await watch.check();
      if (watch.exceeded !== undefined) return withFailure(env, watch.exceeded);
    } catch (error) {
      return withFailure(env, diskReasonOr(messageOf(error)));
    }
    return env;

    /** The libc's facts, the allocators, the trees and their setup; a failure of the whole libc. */
    async function prepareInside(id: string, architecture: string | undefined): Promise<string | undefined> {
      const failure = await inspectLibc(docker, id, image, libc, info);
      if (failure) return failure;
      log.info(`${libc}: resolving allocators in ${image}`);
      // apk's output is the container's: it is streamed with workflow commands stopped.
      const resolved = await withCommandsStopped(log, (line) =>
        resolveAllocators(
          { docker, container: id, image, architecture, libc, log: line },
          request.allocators,
        ),
      );
      info.allocators = resolved.allocators;
      if (libc === 'musl') {
        info.muslFlavor = await detectMuslFlavor(docker, id, resolved.packages);
      }
      return prepareTrees(
        {
          docker,
          archiver: deps.archiver,
          log,
          sleep: deps.sleep,
          container: id,
          stoppedBecause: () => watch.exceeded,
        },
        request,
        env,
      );
    }
  }

  return {
    kind: 'docker',
    prepare,
    async cleanup() {
      cleanedUp = true;
      for (const watch of diskWatches) watch.stop();
      if (!startAttempted) return;
      await removeContainersByLabel(docker, opts.runId, (m) => log.warning(m));
    },
  };
}

function withFailure(env: PreparedEnvironment, failure: string): PreparedEnvironment {
  env.info.failure = failure;
  return env;
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
