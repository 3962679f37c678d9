// The docker executor against a real engine and the stand-in Alpaquita images: containers,
// private trees, setup, apk allocators, the measuring helper, and clean-up.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDockerClient,
  createDockerExecutor,
  EngineUnavailableError,
  removeContainersByLabel,
} from '../src/executors/docker/index.js';
import type { Executor } from '../src/measure/executor.js';
import type { CellRecord } from '../src/measure/executor.js';
import { FAULTY_SOURCE } from './support/campaign.js';
import { dockerEngineUp } from './support/engine.js';
import { ensureStandinImages, type StandinImages } from './support/standin.js';

const docker = createDockerClient();
const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

const runId = `itg${process.pid}`;
const quietLog = (lines: string[]) => ({
  info: (l: string) => lines.push(l),
  warning: (l: string) => lines.push(`warning: ${l}`),
  group: async <T>(name: string, fn: () => Promise<T>) => {
    lines.push(`group: ${name}`);
    return fn();
  },
});

describeWithEngine('docker executor against real containers', () => {
  let images: StandinImages;
  let executor: Executor;
  let workspace: string;
  const lines: string[] = [];

  beforeAll(async () => {
    images = await ensureStandinImages();
    workspace = mkdtempSync(path.join(tmpdir(), 'mm-docker-itg-'));
    for (const tree of ['head', 'base']) {
      mkdirSync(path.join(workspace, tree, 'bench'), { recursive: true });
      mkdirSync(path.join(workspace, tree, '.git'), { recursive: true });
      writeFileSync(path.join(workspace, tree, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      writeFileSync(path.join(workspace, tree, 'bench', 'which'), `${tree}\n`);
    }
    executor = createDockerExecutor({
      runId,
      images: { musl: images.musl, glibc: images.glibc },
      pull: 'never',
      memoryLimit: '256m',
      containersAtOnce: 2,
      pidsLimit: 4096,
      env: { MM_ITG_VALUE: 'x y $z' },
      log: quietLog(lines),
    });
  }, 50 * 60_000);

  afterAll(async () => {
    await executor?.cleanup();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('prepares a musl environment with private trees, setup, and apk allocators', async () => {
    const env = await executor.prepare({
      libc: 'musl',
      trees: { head: path.join(workspace, 'head'), base: path.join(workspace, 'base') },
      workingDirectory: 'bench',
      setup: 'cat which > built; echo "setup sees $MM_ITG_VALUE"',
      allocators: [
        { name: 'default' },
        { name: 'jemalloc' },
        { name: 'mimalloc' },
        { name: 'rpmalloc' },
        { name: 'mine', customPath: '/lib/libjemalloc.so.2' },
        { name: 'gone', customPath: '/opt/nowhere/lib x.so' },
      ],
    });
    expect(env.info.failure).toBeUndefined();
    expect(env.info.imageDigest).toMatch(/^(sha256:|.+@sha256:)[0-9a-f]{64}$/);
    expect(env.info.osRelease?.LIBC_TYPE).toBe('musl');
    expect(env.info.libcVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(env.info.muslFlavor).toBe('musl-perf');
    expect(env.treeFailures).toEqual({});
    expect(env.treeDirs).toEqual({ head: '/mm/head/bench', base: '/mm/base/bench' });

    const { allocators } = env.info;
    // /lib links to usr/lib: the library is recorded by the path /proc/PID/maps will show.
    expect(allocators.jemalloc).toMatchObject({
      status: 'ready',
      library: expect.stringMatching(/^\/usr\/lib\/libjemalloc\.so\.2/),
    });
    expect(allocators.jemalloc?.version).toMatch(/^\d/);
    expect(allocators.mimalloc).toMatchObject({
      status: 'ready',
      library: expect.stringMatching(/^\/usr\/lib\/libmimalloc\.so\./),
    });
    expect(allocators.rpmalloc?.status).toBe('unavailable');
    expect(allocators.rpmalloc?.reason).toContain('rpmalloc (no such package)');
    expect(allocators.mine).toEqual({ status: 'ready', library: '/usr/lib/libjemalloc.so.2' });
    expect(allocators.gone).toEqual({
      status: 'unavailable',
      reason: `/opt/nowhere/lib x.so does not exist in image ${images.musl}`,
    });
    expect(lines).toEqual(expect.arrayContaining(['group: musl: setup (head)', 'setup sees x y $z']));

    const container = `malloc-matrix-${runId}-musl`;
    const listing = await docker.run(['exec', container, 'ls', '-a', '/mm/head']);
    expect(listing.stdout.split('\n')).not.toContain('.git');
    expect(
      (await docker.run(['exec', container, 'cat', '/mm/head/bench/built', '/mm/base/bench/built'])).stdout,
    ).toBe('head\nbase\n');
    // The copies are private: setup's output never reaches the host tree.
    expect(existsSync(path.join(workspace, 'head', 'bench', 'built'))).toBe(false);

    const inspect = await docker.run([
      'inspect',
      '--format',
      '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.Privileged}} ' +
        '{{.HostConfig.PidsLimit}} {{.HostConfig.CapDrop}} {{.HostConfig.CapAdd}} {{.HostConfig.SecurityOpt}}' +
        '{{range .Mounts}}\n{{.Destination}}:{{.RW}}{{end}}',
      container,
    ]);
    const [settings, ...mounts] = inspect.stdout.trim().split('\n');
    // Docker versions differ in whether they show the CAP_ prefix.
    expect(settings.replace(/CAP_/g, '')).toBe(
      `${256 * 1024 * 1024} ${256 * 1024 * 1024} false ` +
        '4096 [ALL] [CHOWN DAC_OVERRIDE FOWNER FSETID SYS_CHROOT] [no-new-privileges]',
    );
    // The helper and the profiler are mounted read-only, in whatever order the engine lists them.
    expect(mounts.sort()).toEqual([
      '/opt/malloc-matrix/mm-helper:false',
      '/opt/malloc-matrix/mm-profiler.so:false',
    ]);
    expect(env.info).toMatchObject({ memoryLimit: '256m', pidsLimit: 4096 });
    // The capabilities the process inside has: the five kept ones and nothing else.
    const caps = await docker.run(['exec', container, 'grep', '^CapEff', '/proc/self/status']);
    expect(caps.stdout.trim()).toBe(
      `CapEff:\t${(0x1 | 0x2 | 0x8 | 0x10 | 0x40000).toString(16).padStart(16, '0')}`,
    );

    // One helper process runs the batch; the benchmark sees the user's environment.
    const records: CellRecord[] = [];
    await env.runBatch(
      {
        variants: [
          {
            id: 'musl/jemalloc/head',
            argv: ['/bin/sh', '-c', 'test "$(cat which)" = head && test "$MM_ITG_VALUE" = "x y \\$z"'],
            cwd: env.treeDirs.head!,
            env: {},
            preload: allocators.jemalloc.library!,
            shell: '/bin/sh',
            timeoutMs: 30_000,
          },
        ],
        runs: [{ variantId: 'musl/jemalloc/head', kind: 'measured', round: 0, position: 0 }],
      },
      (r) => {
        if ('record' in r) records.push(r);
      },
    );
    expect(records).toHaveLength(1);
    expect(records[0].record).toMatchObject({ outcome: 'exited', exitCode: 0 });
  }, 300_000);

  it('prepares a glibc environment and records its glibc version', async () => {
    const env = await executor.prepare({
      libc: 'glibc',
      trees: { head: path.join(workspace, 'head') },
      workingDirectory: '.',
      allocators: [{ name: 'default' }, { name: 'jemalloc' }],
    });
    expect(env.info.failure).toBeUndefined();
    expect(env.info.libcVersion).toMatch(/^2\.\d+$/);
    expect(env.info.muslFlavor).toBeUndefined();
    expect(env.info.allocators.jemalloc?.status).toBe('ready');
    expect(env.treeDirs).toEqual({ head: '/mm/head' });
  }, 300_000);

  it('fails an image whose os-release names another libc, and a tree whose setup fails', async () => {
    const wrong = createDockerExecutor({
      runId: `${runId}w`,
      images: { musl: images.wrongLibc, glibc: images.glibc },
      pull: 'never',
      containersAtOnce: 2,
      pidsLimit: 4096,
      env: {},
      log: quietLog([]),
    });
    try {
      const env = await wrong.prepare({ libc: 'musl', trees: {}, workingDirectory: '.', allocators: [] });
      expect(env.info.failure).toBe(`image ${images.wrongLibc} reports LIBC_TYPE=glibc, expected musl`);
      await env.dispose();

      const broken = await wrong.prepare({
        libc: 'glibc',
        trees: { head: path.join(workspace, 'head') },
        workingDirectory: '.',
        setup: 'echo compiling; echo "boom: no such file" >&2; exit 4',
        allocators: [],
      });
      expect(broken.info.failure).toBeUndefined();
      expect(broken.treeFailures.head).toMatch(/^setup exited with code 4: /);
      expect(broken.treeFailures.head).toContain('boom: no such file');
      expect(broken.info.setupLogTail).toContain('compiling');
    } finally {
      await wrong.cleanup();
    }
    expect(await removeContainersByLabel(docker, `${runId}w`)).toBe(0);
  }, 300_000);

  it('fails a libc whose image is absent when pull is never', async () => {
    const absent = createDockerExecutor({
      runId: `${runId}a`,
      images: { musl: 'malloc-matrix-absent:none', glibc: images.glibc },
      pull: 'never',
      containersAtOnce: 2,
      pidsLimit: 4096,
      env: {},
      log: quietLog([]),
    });
    const env = await absent.prepare({ libc: 'musl', trees: {}, workingDirectory: '.', allocators: [] });
    expect(env.info.failure).toBe(
      "image malloc-matrix-absent:none is not present locally and pull is 'never'",
    );
    await absent.cleanup();
  });

  it('cleanup removes every container of the run', async () => {
    const listed = await docker.run([
      'ps',
      '--all',
      '--quiet',
      '--filter',
      `label=malloc-matrix.run=${runId}`,
    ]);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    await executor.cleanup();
    expect(await removeContainersByLabel(docker, runId)).toBe(0);
  });
});

describeWithEngine('containment in real containers', () => {
  const containRunId = `itgc${process.pid}`;
  const lines: string[] = [];
  let images: StandinImages;
  let executor: Executor;
  let workspace: string;

  beforeAll(async () => {
    images = await ensureStandinImages();
    workspace = mkdtempSync(path.join(tmpdir(), 'mm-docker-contain-'));
    for (const tree of ['head', 'base']) {
      mkdirSync(path.join(workspace, tree));
      copyFileSync(FAULTY_SOURCE, path.join(workspace, tree, 'faulty.c'));
      writeFileSync(path.join(workspace, tree, 'which'), `${tree}\n`);
    }
    executor = createDockerExecutor({
      runId: containRunId,
      images: { musl: images.musl, glibc: images.glibc },
      pull: 'never',
      // A runner with 256 MiB and one container at a time: the default cap is 192 MiB.
      containersAtOnce: 1,
      totalMemory: () => 256 * 1024 ** 2,
      pidsLimit: 128,
      env: {},
      log: quietLog(lines),
    });
  }, 50 * 60_000);

  afterAll(async () => {
    await executor?.cleanup();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    expect(await removeContainersByLabel(docker, containRunId)).toBe(0);
  });

  it('caps memory by default, bounds a fork bomb, and kills what setup and runs leave behind', async () => {
    const env = await executor.prepare({
      libc: 'musl',
      trees: { head: path.join(workspace, 'head') },
      workingDirectory: '.',
      setup: 'cc -O2 -o faulty faulty.c && { setsid sleep 1000 & sleep 999 & }',
      allocators: [{ name: 'default' }],
    });
    expect(env.info.failure).toBeUndefined();
    expect(env.treeFailures).toEqual({});
    expect(env.info).toMatchObject({ memoryLimit: '192m', pidsLimit: 128 });
    expect(lines).toContain(
      "warning: musl: the head tree's setup left 2 processes running; they were stopped before measuring",
    );
    const variant = (fault: string) => ({
      id: fault,
      argv: ['./faulty', fault],
      cwd: env.treeDirs.head!,
      env: {},
      timeoutMs: 60_000,
    });
    const faults = ['forkbomb', 'detach', 'oom', 'none'];
    const records = new Map<string, CellRecord['record']>();
    await env.runBatch(
      {
        variants: faults.map(variant),
        runs: faults.map((id, position) => ({ variantId: id, kind: 'measured', round: 0, position })),
      },
      (r) => {
        if ('record' in r) records.set(r.variantId, r.record);
      },
    );
    // The bomb hit the process limit, failed, and its children were killed and counted.
    const bomb = records.get('forkbomb')!;
    expect(bomb).toMatchObject({ outcome: 'exited', exitCode: 1 });
    expect(bomb.outputTail).toContain('fork: Resource temporarily unavailable');
    expect(bomb.leftoverProcesses).toBeGreaterThan(64);
    expect(bomb.leftoverProcesses).toBeLessThanOrEqual(128);
    // A child that left the process group with setsid is found and killed all the same.
    expect(records.get('detach')).toMatchObject({ outcome: 'exited', exitCode: 0, leftoverProcesses: 1 });
    // 200 MB in a container capped at 192 MiB by default.
    expect(records.get('oom')).toMatchObject({ outcome: 'oom' });
    // The container is whole again after all that.
    expect(records.get('none')).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(records.get('none')).not.toHaveProperty('leftoverProcesses');
    const ps = await docker.run(['exec', `malloc-matrix-${containRunId}-musl`, 'ps', '-o', 'args']);
    expect(
      ps.stdout
        .split('\n')
        .slice(1)
        .filter((l) => l.trim() !== '')
        .sort(),
    ).toEqual(['/sbin/docker-init -- sleep 2147483647', 'ps -o args', 'sleep 2147483647']);
  }, 300_000);

  it('does not measure a base that the head setup changed', async () => {
    const env = await executor.prepare({
      libc: 'glibc',
      trees: { head: path.join(workspace, 'head'), base: path.join(workspace, 'base') },
      workingDirectory: '.',
      setup: 'cc -O2 -o faulty faulty.c && if [ "$PWD" = /mm/head ]; then echo head > ../base/which; fi',
      allocators: [{ name: 'default' }],
    });
    expect(env.info.failure).toBeUndefined();
    expect(env.treeFailures).toEqual({
      base: "the head tree's setup changed the base tree (/mm/base), so the base is not measured in this environment",
    });
    // The base's own setup never ran in the changed tree.
    const built = await docker.run([
      'exec',
      `malloc-matrix-${containRunId}-glibc`,
      'test',
      '-e',
      '/mm/base/faulty',
    ]);
    expect(built.exitCode).toBe(1);
    expect(env.treeDirs.head).toBe('/mm/head');
  }, 300_000);
});

describe('docker executor without an engine', () => {
  it('throws EngineUnavailableError at the first prepare', async () => {
    const executor = createDockerExecutor({
      runId: 'noengine',
      images: { musl: 'a', glibc: 'b' },
      pull: 'never',
      containersAtOnce: 2,
      pidsLimit: 4096,
      env: {},
      log: quietLog([]),
      docker: createDockerClient('malloc-matrix-no-such-docker'),
    });
    const error = await executor
      .prepare({ libc: 'musl', trees: {}, workingDirectory: '.', allocators: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect((error as Error).message).toBe(
      "Docker engine not available (the docker CLI 'malloc-matrix-no-such-docker' was not found on PATH). Start Docker, or use executor: host.",
    );
    await executor.cleanup();
  });
});
