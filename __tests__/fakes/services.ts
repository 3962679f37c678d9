// The Services bundle (the real world behind the core's ports) made of fakes, for tests of the
// core and of the two entry adapters.
import type { Services } from '../../src/app/ports.js';
import type { Executor } from '../../src/measure/executor.js';
import type { HostInfo, LibcName } from '../../src/results/model.js';
import { FakeBaselineSources, fakeBaselinesFactory } from './baseline-sources.js';
import { FakeClock } from './clock.js';
import { FakeExecutor, fakeExecutorFactory } from './executor.js';
import { FakeProcess } from './process.js';

export const FAKE_HOST: HostInfo = {
  cpuModel: 'Fake CPU @ 3.00GHz',
  cores: 4,
  kernel: '6.1.0-fake',
  arch: 'x64',
  os: 'Fake Linux 1',
};

export interface FakeServicesOptions {
  executor?: Executor;
  /** The libcs the executor reports (default: the config's). */
  libcs?: LibcName[];
  sources?: FakeBaselineSources;
  runIds?: string[];
}

export function fakeServices(opts: FakeServicesOptions = {}) {
  const executor = opts.executor ?? new FakeExecutor();
  const sources = opts.sources ?? new FakeBaselineSources();
  const process = new FakeProcess();
  const runIds = [...(opts.runIds ?? ['0123456789ab'])];
  const createExecutor = fakeExecutorFactory(executor, opts.libcs);
  const createBaselines = fakeBaselinesFactory(sources);
  const services: Services = {
    createExecutor,
    createBaselines,
    readHost: () => FAKE_HOST,
    clock: new FakeClock(),
    newRunId: () => runIds.shift() ?? 'fedcba987654',
    process,
  };
  return { services, executor, sources, process, createExecutor, createBaselines };
}
