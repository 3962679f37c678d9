// The real executor factory: which executor a config gets, and which libcs it will measure.
import { describe, expect, it } from '@jest/globals';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import { createExecutor, hostLibc } from '../src/executors/factory.js';
import { RecordingLogger } from './fakes/logger.js';

function config(inputs: Partial<Record<InputName, string>>) {
  const all: Partial<Record<InputName, string>> = { run: './bench', ...inputs };
  return parseConfig((name) => all[name], { label: (n) => n, randomSeed: () => 0 });
}

const ctx = { runId: 'abc123abc123', log: new RecordingLogger(), env: {} };

describe('createExecutor', () => {
  it('gives the docker executor the libcs asked for, without touching the engine', async () => {
    const { executor, libcs } = await createExecutor(config({ libcs: 'glibc' }), ctx);
    expect(executor.kind).toBe('docker');
    expect(libcs).toEqual(['glibc']);
    expect(ctx.log.lines).toEqual([]);
  });

  it('gives the host executor the host’s own libc, whatever libcs says', async () => {
    const { executor, libcs } = await createExecutor(config({ executor: 'host', libcs: 'musl,glibc' }), ctx);
    expect(executor.kind).toBe('host');
    expect(libcs).toEqual([hostLibc()]);
  });
});
