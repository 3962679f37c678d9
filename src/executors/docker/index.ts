// The docker executor with its real collaborators: the docker CLI, the host's tar, the static
// measuring helper and the helper driver. The logic lives in executor.ts.
import { totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureHelperBinary } from '../../harness/build.js';
import { ensureProfilerLibrary } from '../../harness/build-profiler.js';
import { runHelperBatch } from '../../harness/run.js';
import { createDockerClient, type DockerClient } from './client.js';
import {
  createDockerExecutorWith,
  removeContainersByLabel,
  type DockerExecutorDeps,
  type DockerExecutorOptions,
} from './executor.js';
import { createTarArchiver } from './trees.js';
import { realTicker } from './disk-watch.js';
import type { Executor } from '../../measure/executor.js';

export { EngineUnavailableError, removeContainersByLabel } from './executor.js';
export type { DockerExecutorOptions, DockerLog } from './executor.js';
export { createDockerClient, type DockerClient } from './client.js';

/** Creates the docker executor; any collaborator may be replaced (tests, other CLIs). */
export function createDockerExecutor(opts: DockerExecutorOptions & Partial<DockerExecutorDeps>): Executor {
  return createDockerExecutorWith(opts, {
    docker: opts.docker ?? createDockerClient(),
    helperBinary: opts.helperBinary ?? (() => ensureHelperBinary()),
    profilerLibrary: opts.profilerLibrary ?? (() => ensureProfilerLibrary()),
    runHelper: opts.runHelper ?? runHelperBatch,
    archiver: opts.archiver ?? createTarArchiver(),
    sleep: opts.sleep ?? ((ms) => sleep(ms)),
    totalMemory: opts.totalMemory ?? totalmem,
    ticker: opts.ticker ?? realTicker,
  });
}

/** Removes the containers a run left behind (the action's post step, the CLI's signal handler). */
export function removeDockerLeftovers(
  runId: string,
  warn?: (message: string) => void,
  docker: DockerClient = createDockerClient(),
): Promise<number> {
  return removeContainersByLabel(docker, runId, warn);
}
