import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { hostProfiler, hostProfilerAccess } from '../src/executors/host/profiler.js';

describe('the profiler on the host', () => {
  it('gives each run a fresh directory and reads its record files, then removes it', async () => {
    const access = hostProfilerAccess('/cache/profiler.so');
    const dir = await access.newRecordDir();
    const other = await access.newRecordDir();
    expect(other).not.toBe(dir);
    writeFileSync(join(dir, '12-1.json'), '{"pid":12,"segment":1}\n');
    writeFileSync(join(dir, '12-0.json'), '{"pid":12,"segment":0}\n');
    writeFileSync(join(dir, 'core'), 'not a record');
    expect(await access.collectRecords(dir)).toEqual([
      '{"pid":12,"segment":0}\n',
      '{"pid":12,"segment":1}\n',
    ]);
    expect(existsSync(dir)).toBe(false);
    expect(await access.collectRecords(other)).toEqual([]);
  });

  it('reads back no more than the records and bytes it may hold, and still removes the directory', async () => {
    const access = hostProfilerAccess('/cache/profiler.so', { records: 2, bytes: 100 });
    const fill = async (sizes: number[]) => {
      const dir = await access.newRecordDir();
      sizes.forEach((size, i) => writeFileSync(join(dir, `${i}.json`), 'x'.repeat(size)));
      return dir;
    };
    expect(await access.collectRecords(await fill([40, 40]))).toHaveLength(2);
    for (const sizes of [
      [10, 10, 10],
      [60, 60],
    ]) {
      const dir = await fill(sizes);
      await expect(access.collectRecords(dir)).rejects.toThrow(
        /^the profile directory held more than 2 records or 100 bytes: more than the profiler writes/,
      );
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('turns a failed build into a reason', async () => {
    expect(await hostProfiler(() => Promise.reject(new Error('no C compiler found')))).toEqual({
      unavailable: 'no C compiler found',
    });
    expect(await hostProfiler(undefined)).toEqual({ unavailable: 'no allocation profiler was provided' });
    const access = await hostProfiler(() => Promise.resolve('/cache/p.so'));
    expect('library' in access && access.library).toBe('/cache/p.so');
  });
});
