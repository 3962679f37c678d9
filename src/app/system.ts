// The real world behind the core's ports, as both entry adapters plug it in: the executors, the
// baseline sources, the host's facts, the clock, run ids and the process.
import { randomBytes } from 'node:crypto';
import { createBaselineSources } from '../baseline/sources.js';
import { createExecutor } from '../executors/factory.js';
import { readHostInfo } from './host-info.js';
import type { Services } from './ports.js';
import { nodeProcess } from './signals.js';

export function systemServices(mode: 'action' | 'cli'): Services {
  return {
    createExecutor,
    createBaselines: (request, cacheDir) => createBaselineSources({ ...request, mode, cacheDir }),
    readHost: readHostInfo,
    clock: { now: () => new Date() },
    newRunId: () => randomBytes(6).toString('hex'),
    process: nodeProcess,
  };
}
