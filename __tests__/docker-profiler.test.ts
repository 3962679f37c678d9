// The profiler's place in a container: its mount, its record directories and how records are
// read back. The real containers are in profiler.test.itg.ts.
import { describe, expect, it } from '@jest/globals';
import type { DockerClient, DockerResult, DockerRunOptions } from '../src/executors/docker/client.js';
import { containerRunArgs, PROFILER_PATH } from '../src/executors/docker/container.js';
import { dockerProfilerAccess, settleProfiler } from '../src/executors/docker/profiler.js';
import { LineSplitter } from '../src/process/output.js';
import { DEFAULT_MAX_LINE_BYTES } from '../src/process/run-process.js';
import { exited } from './fixtures/process-results.js';

/**
 * Answers each call from `answer`, streaming its stdout through onLine like the real client:
 * cut into lines where the caller asks (4 KiB unless it says otherwise).
 */
function scripted(answer: (args: string[]) => DockerResult): DockerClient & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    binary: 'docker',
    calls,
    run(args: string[], opts: DockerRunOptions = {}) {
      calls.push(args);
      const result = answer(args);
      if (opts.onLine) {
        const lines = new LineSplitter(opts.onLine, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
        lines.push(Buffer.from(result.stdout));
        lines.end();
      }
      return Promise.resolve(result);
    },
  };
}

const spec = {
  name: 'malloc-matrix-r-musl',
  image: 'alpaquita:musl',
  runId: 'r',
  libc: 'musl' as const,
  helperPath: '/cache/helper-abc',
  memoryLimit: '512m',
  pidsLimit: 4096,
  env: {},
};

describe('the profiler in a container', () => {
  it('is mounted read-only next to the helper when there is one', () => {
    const { args } = containerRunArgs({ ...spec, profilerPath: '/cache/profiler-abc-x64.so' });
    expect(args).toContain(`type=bind,source=/cache/profiler-abc-x64.so,target=${PROFILER_PATH},readonly`);
    expect(PROFILER_PATH).toBe('/opt/malloc-matrix/mm-profiler.so');
    expect(containerRunArgs(spec).args.join(' ')).not.toContain('mm-profiler');
  });

  it('bounds what it reads back: past the records or bytes it may hold, the profile fails and says why', async () => {
    const many = (n: number, text = '{"pid":1}') => exited(0, `${Array(n).fill(text).join('\n\n')}\n`);
    const limits = { records: 3, bytes: 1024 };
    const within = await dockerProfilerAccess(
      scripted(() => many(3)),
      'ctr',
      limits,
    ).collectRecords('/d');
    expect(within).toHaveLength(3);
    const tooMany = dockerProfilerAccess(
      scripted(() => many(4)),
      'ctr',
      limits,
    ).collectRecords('/d');
    await expect(tooMany).rejects.toThrow(
      'the profile directory held more than 3 records or 1,024 bytes: more than the profiler writes, so the benchmark wrote into MM_PROFILE_DIR too',
    );
    const tooBig = dockerProfilerAccess(
      scripted(() => many(2, 'x'.repeat(600))),
      'ctr',
      limits,
    );
    await expect(tooBig.collectRecords('/d')).rejects.toThrow(
      /^the profile directory held more than 3 records/,
    );
  });

  it('reads a record longer than a log line whole, and counts a huge one at its size', async () => {
    const limits = { records: 3, bytes: 64 << 10 };
    const long = `{"pid":1,"pad":"${'x'.repeat(10_000)}"}`;
    const read = dockerProfilerAccess(
      scripted(() => exited(0, `${long}\n`)),
      'ctr',
      limits,
    );
    expect(await read.collectRecords('/d')).toEqual([long]);
    const huge = `{"pid":1,"pad":"${'x'.repeat(1 << 20)}"}`;
    const refused = dockerProfilerAccess(
      scripted(() => exited(0, `${huge}\n`)),
      'ctr',
      limits,
    );
    await expect(refused.collectRecords('/d')).rejects.toThrow(
      /^the profile directory held more than 3 records/,
    );
  });

  it('makes a fresh directory per run and reads one record per file, then removes them', async () => {
    const records = ['{"pid":7}', '{"pid":8}'];
    const docker = scripted((args) =>
      args.includes('mktemp')
        ? exited(0, '/tmp/mm-profile.AbC123\n')
        : exited(0, `${records[0]}\n\n${records[1]}\n\n`),
    );
    const access = dockerProfilerAccess(docker, 'ctr');
    expect(access.library).toBe(PROFILER_PATH);
    const dir = await access.newRecordDir();
    expect(dir).toBe('/tmp/mm-profile.AbC123');
    expect(await access.collectRecords(dir)).toEqual(records);
    expect(docker.calls[0]).toEqual(['exec', 'ctr', 'mktemp', '-d', '/tmp/mm-profile.XXXXXX']);
    // The directory travels as an argument; the script is constant text.
    const read = docker.calls[1];
    expect(read.slice(0, 3)).toEqual(['exec', 'ctr', '/bin/sh']);
    expect(read.slice(-2)).toEqual(['sh', dir]);
    expect(read[4]).toContain('rm -rf "$1"');
    expect(read[4]).not.toContain(dir);
  });

  it('says why a directory or the records could not be had', async () => {
    const docker = scripted(() => exited(1, '', 'mktemp: Read-only file system'));
    const access = dockerProfilerAccess(docker, 'ctr');
    await expect(access.newRecordDir()).rejects.toThrow(
      'could not create a profile directory in the container: mktemp: Read-only file system',
    );
    await expect(access.collectRecords('/tmp/x')).rejects.toThrow(
      'could not read the profile records in /tmp/x',
    );
  });
});

describe('settleProfiler', () => {
  it('turns a failed build into a reason, never an error', async () => {
    expect(await settleProfiler(() => Promise.resolve('/cache/p.so'))).toEqual({ path: '/cache/p.so' });
    expect(await settleProfiler(() => Promise.reject(new Error('no C compiler found')))).toEqual({
      unavailable: 'no C compiler found',
    });
    expect(await settleProfiler(undefined)).toEqual({ unavailable: 'no allocation profiler was provided' });
    expect(await settleProfiler(() => Promise.resolve('/cache/a,b.so'))).toEqual({
      unavailable: "profiler path '/cache/a,b.so' contains a comma, quote or newline",
    });
  });
});
