// Picks the executor the config asks for, with its real collaborators, and the libcs it will
// report: the docker executor runs the requested flavours, the host executor the host's own.
import type { LibcName } from '../results/model.js';
import type { ExecutorFactory } from '../app/ports.js';
import { createDockerClient, createDockerExecutor, removeContainersByLabel } from './docker/index.js';
import { createHostExecutor } from './host/executor.js';

/** The host's C library: Node reports the glibc it runs on; anything else here is musl. */
export function hostLibc(): LibcName {
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return report.header?.glibcVersionRuntime ? 'glibc' : 'musl';
}

export const createExecutor: ExecutorFactory = (config, ctx) => {
  if (config.executor === 'host') {
    return Promise.resolve({ executor: createHostExecutor({ env: ctx.env }), libcs: [hostLibc()] });
  }
  const executor = createDockerExecutor({
    runId: ctx.runId,
    images: config.images,
    pull: config.pull,
    ...(config.memoryLimit ? { memoryLimit: config.memoryLimit } : {}),
    // Every libc's container is kept until the end of the run: they share the default memory.
    containersAtOnce: config.libcs.length,
    pidsLimit: config.pidsLimit,
    ...(config.diskLimit ? { diskLimit: config.diskLimit } : {}),
    env: ctx.env,
    log: ctx.log,
  });
  return Promise.resolve({ executor, libcs: config.libcs });
};

/** The action's post step: removes every container of this run that is still there. */
export async function removeLeftovers(runId: string, warn?: (message: string) => void): Promise<number> {
  return removeContainersByLabel(createDockerClient(), runId, warn);
}
