import { describe, expect, it } from '@jest/globals';
import type { PullPolicy } from '../src/config/config.js';
import {
  createDockerExecutorWith,
  EngineUnavailableError,
  removeContainersByLabel,
  type DockerExecutorDeps,
} from '../src/executors/docker/executor.js';
import { DOCKER_TIMEOUTS } from '../src/executors/docker/client.js';
import { ArchiveReaderGoneError } from '../src/executors/docker/trees.js';
import { ExecutorUnavailableError, type EnvironmentRequest } from '../src/measure/executor.js';
import { alpaquitaImage, FakeDocker, type FakeDockerOptions } from './fakes/docker.js';
import { FakeHelperRunner } from './fakes/helper-runner.js';
import { RecordingLogger } from './fakes/logger.js';
import { FakeTreeArchiver } from './fakes/tree-archiver.js';
import { ManualTicker } from './fakes/ticker.js';

const MUSL = 'bellsoft/alpaquita-linux-base:stream-musl';
const GLIBC = 'bellsoft/alpaquita-linux-base:stream-glibc';

function harness(
  fakeOpts: FakeDockerOptions,
  opts: {
    pull?: PullPolicy;
    env?: Record<string, string>;
    memoryLimit?: string;
    diskLimit?: string;
    containersAtOnce?: number;
    totalMemory?: number;
    /** Whether a runner that obeys workflow commands reads the log (the action: yes). */
    readsCommands?: boolean;
  } = {},
) {
  const docker = new FakeDocker(fakeOpts);
  const sleeps: number[] = [];
  const log = new RecordingLogger(opts.readsCommands ?? true);
  const helper = new FakeHelperRunner();
  const archiver = new FakeTreeArchiver();
  const ticker = new ManualTicker();
  const deps: DockerExecutorDeps = {
    docker,
    helperBinary: () => Promise.resolve('/cache/helper-abc'),
    runHelper: helper.run,
    archiver,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    totalMemory: () => opts.totalMemory ?? 16 * 1024 ** 3,
    ticker,
  };
  const executor = createDockerExecutorWith(
    {
      runId: 'run42',
      images: { musl: MUSL, glibc: GLIBC },
      pull: opts.pull ?? 'missing',
      env: opts.env ?? {},
      ...(opts.memoryLimit ? { memoryLimit: opts.memoryLimit } : {}),
      ...(opts.diskLimit ? { diskLimit: opts.diskLimit } : {}),
      containersAtOnce: opts.containersAtOnce ?? 2,
      pidsLimit: 4096,
      log,
    },
    deps,
  );
  const { lines, warnings, groups } = log;
  return {
    docker,
    deps,
    executor,
    sleeps,
    ticker,
    lines,
    warnings,
    groups,
    helperCalls: helper.calls,
    archived: archiver.archived,
  };
}

function request(libc: 'musl' | 'glibc', extra: Partial<EnvironmentRequest> = {}): EnvironmentRequest {
  return {
    libc,
    trees: { head: '/ws/head' },
    workingDirectory: '.',
    allocators: [{ name: 'default' }, { name: 'jemalloc' }, { name: 'mimalloc' }],
    ...extra,
  };
}

const silentLog = {
  info: () => undefined,
  warning: () => undefined,
  group: <T>(_name: string, fn: () => Promise<T>) => fn(),
};

const local = { [MUSL]: alpaquitaImage('musl'), [GLIBC]: alpaquitaImage('glibc') };

const LIMITS = { containersAtOnce: 2, pidsLimit: 4096 };

describe('prepare: a healthy environment', () => {
  it('records the image, libc facts and allocator libraries of a musl image', async () => {
    const { executor, docker } = harness({ local });
    const env = await executor.prepare(request('musl'));
    expect(env.info.failure).toBeUndefined();
    expect(env.info).toMatchObject({
      libc: 'musl',
      executor: 'docker',
      image: MUSL,
      imageDigest: 'bellsoft/alpaquita-linux-base@sha256:musl1111',
      libcVersion: '1.2.5',
      muslFlavor: 'musl-perf',
      osRelease: { ID: 'alpaquita', LIBC_TYPE: 'musl' },
    });
    expect(env.info.allocators).toEqual({
      default: { status: 'ready' },
      jemalloc: { status: 'ready', library: '/lib/libjemalloc.so.2', version: '5.3.0-r5' },
      mimalloc: { status: 'ready', library: '/lib/libmimalloc.so.2.2', version: '2.2.4-r0' },
    });
    expect(env.shell).toBe('/bin/sh');
    expect(env.treeDirs).toEqual({ head: '/mm/head' });
    expect(env.treeFailures).toEqual({});
    // One apk call for all packages when it succeeds.
    expect(docker.callsStartingWith('exec')).toContainEqual([
      'exec',
      'malloc-matrix-run42-musl',
      'apk',
      'add',
      '--no-cache',
      'jemalloc',
      'mimalloc',
    ]);
    expect(docker.callsStartingWith('pull')).toEqual([]);
  });

  it('reads the glibc version from libc.so.6 and records no musl flavour', async () => {
    const { executor } = harness({ local });
    const env = await executor.prepare(request('glibc'));
    expect(env.info.failure).toBeUndefined();
    expect(env.info.libcVersion).toBe('2.37');
    expect(env.info.muslFlavor).toBeUndefined();
  });

  it('starts one labelled container with the helper mounted read-only and env values kept off argv', async () => {
    const { executor, docker } = harness(
      { local },
      { env: { SECRET_TOKEN: 's3cr3t', MIMALLOC_VERBOSE: '1' }, memoryLimit: '512m' },
    );
    await executor.prepare(request('musl'));
    const runs = docker.calls.filter((c) => c.args[0] === 'run');
    expect(runs).toHaveLength(1);
    const { args, env } = runs[0];
    expect(args).toEqual(
      expect.arrayContaining(['--detach', '--label', 'malloc-matrix=1', 'malloc-matrix.run=run42']),
    );
    expect(args).toContain('type=bind,source=/cache/helper-abc,target=/opt/malloc-matrix/mm-helper,readonly');
    expect(args.join(' ')).toContain('--memory 512m --memory-swap 512m');
    expect(args.join(' ')).toContain('--env SECRET_TOKEN --env MIMALLOC_VERBOSE');
    expect(args.join(' ')).not.toContain('s3cr3t');
    expect(env).toEqual({ SECRET_TOKEN: 's3cr3t', MIMALLOC_VERBOSE: '1' });
    expect(args.slice(-3)).toEqual(['--', MUSL, '2147483647']);
    expect(args).not.toContain('--privileged');
    expect(args.join(' ')).toContain(
      '--pids-limit 4096 --cap-drop ALL --cap-add CHOWN --cap-add DAC_OVERRIDE --cap-add FOWNER ' +
        '--cap-add FSETID --cap-add SYS_CHROOT --security-opt no-new-privileges',
    );
    expect(args.join(' ')).not.toContain('docker.sock');
    expect(docker.containers.get('malloc-matrix-run42-musl')?.env).toEqual({
      SECRET_TOKEN: 's3cr3t',
      MIMALLOC_VERBOSE: '1',
    });
  });

  it.each([
    ['two libcs share 75% of 16 GiB', 2, 16 * 1024 ** 3, '6144m'],
    ['one libc takes 75% of 10 GiB', 1, 10 * 1024 ** 3, '7680m'],
    ['never below the 6m Docker accepts', 2, 8 * 1024 ** 2, '6m'],
  ])('without memory-limit caps memory at the default share: %s', async (_what, containers, total, cap) => {
    const { executor, docker } = harness({ local }, { containersAtOnce: containers, totalMemory: total });
    const env = await executor.prepare(request('musl'));
    const run = docker.callsStartingWith('run')[0].join(' ');
    expect(run).toContain(`--memory ${cap} --memory-swap ${cap}`);
    expect(env.info).toMatchObject({ memoryLimit: cap, pidsLimit: 4096 });
  });

  it('memory-limit overrides the default share and is recorded', async () => {
    const { executor, docker } = harness({ local }, { memoryLimit: '2g', totalMemory: 64 * 1024 ** 3 });
    const env = await executor.prepare(request('musl'));
    expect(docker.callsStartingWith('run')[0].join(' ')).toContain('--memory 2g --memory-swap 2g');
    expect(env.info.memoryLimit).toBe('2g');
  });

  it('passes names the docker CLI obeys itself inline, and fails on invalid names', async () => {
    const { executor, docker } = harness({ local }, { env: { PATH: '/opt/bin:/bin', DOCKER_HOST: 'x' } });
    await executor.prepare(request('musl'));
    const run = docker.callsStartingWith('run')[0];
    expect(run).toEqual(expect.arrayContaining(['PATH=/opt/bin:/bin', 'DOCKER_HOST=x']));

    const bad = harness({ local }, { env: { 'A=B': '1' } });
    await expect(bad.executor.prepare(request('musl'))).rejects.toThrow(
      "environment variable name 'A=B' is invalid; expected letters, digits and _",
    );
  });

  it('copies every tree into its own directory and reports working directories inside them', async () => {
    const { executor, archived } = harness({ local });
    const env = await executor.prepare(request('musl', { trees: { head: '/ws/head', base: '/ws/base' } }));
    expect(archived).toEqual(['/ws/head', '/ws/base']);
    expect(env.treeDirs).toEqual({ head: '/mm/head', base: '/mm/base' });
  });

  it('fails only the tree that cannot be archived, with the archiver’s reason', async () => {
    const { deps } = harness({ local });
    const executor = createDockerExecutorWith(
      {
        ...LIMITS,
        runId: 'run42',
        images: { musl: MUSL, glibc: GLIBC },
        pull: 'never',
        env: {},
        log: silentLog,
      },
      {
        ...deps,
        archiver: new FakeTreeArchiver({
          '/ws/base': new Error('tar of /ws/base exited with code 2: Permission denied'),
        }),
      },
    );
    const env = await executor.prepare(request('musl', { trees: { head: '/ws/head', base: '/ws/base' } }));
    expect(env.treeFailures).toEqual({
      base: 'copying the base tree failed: tar of /ws/base exited with code 2: Permission denied',
    });
    expect(env.treeDirs).toEqual({ head: '/mm/head' });
  });

  it('fails a tree whose working directory does not exist', async () => {
    const { executor } = harness({ local });
    const env = await executor.prepare(request('musl', { workingDirectory: 'bench' }));
    expect(env.treeFailures.head).toBe("working directory 'bench' does not exist in the head tree");
    expect(env.treeDirs.head).toBeUndefined();
  });

  it('runs batches through one docker exec of the mounted helper', async () => {
    const { executor, helperCalls } = harness({ local });
    const env = await executor.prepare(request('musl'));
    const batch = { variants: [], runs: [] };
    const onRecord = (): void => undefined;
    await env.runBatch(batch, onRecord);
    expect(helperCalls).toHaveLength(1);
    expect(helperCalls[0][0]).toEqual({
      command: 'docker',
      args: ['exec', '--interactive', 'malloc-matrix-run42-musl', '/opt/malloc-matrix/mm-helper'],
    });
    expect(helperCalls[0][1]).toBe(batch);
    expect(helperCalls[0][2]).toBe(onRecord);
  });
});

describe('prepare: images', () => {
  it('retries a failing pull three times with growing backoff, then fails that libc with the reason', async () => {
    const { executor, docker, sleeps } = harness({ registry: local, pullFailures: { [MUSL]: Infinity } });
    const env = await executor.prepare(request('musl'));
    expect(docker.callsStartingWith('pull')).toHaveLength(4);
    expect(sleeps).toEqual([2000, 4000, 8000]);
    expect(env.info.failure).toBe(
      `docker pull ${MUSL} failed after 4 attempts: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: i/o timeout`,
    );
    expect(docker.callsStartingWith('run')).toEqual([]);
    await expect(env.runBatch({ variants: [], runs: [] }, () => undefined)).rejects.toThrow(
      'has no container',
    );
  });

  it('succeeds when a retry succeeds', async () => {
    const { executor, docker, sleeps } = harness({ registry: local, pullFailures: { [MUSL]: 2 } });
    const env = await executor.prepare(request('musl'));
    expect(env.info.failure).toBeUndefined();
    expect(sleeps).toEqual([2000, 4000]);
    expect(docker.callsStartingWith('pull')).toHaveLength(3);
  });

  it.each([
    ['always', { local, registry: local }, 1, undefined],
    ['missing', { local }, 0, undefined],
    ['never', {}, 0, `image ${MUSL} is not present locally and pull is 'never'`],
  ] as const)('pull %s', async (pull, fake, pulls, failure) => {
    const { executor, docker } = harness(fake, { pull });
    const env = await executor.prepare(request('musl'));
    expect(docker.callsStartingWith('pull')).toHaveLength(pulls);
    expect(env.info.failure).toBe(failure);
  });

  it('records the image id when the image has no registry digest', async () => {
    const { executor } = harness({ local: { [MUSL]: alpaquitaImage('musl', { repoDigests: [] }) } });
    const env = await executor.prepare(request('musl'));
    expect(env.info.imageDigest).toBe('sha256:musl0000');
  });

  it('fails when the image reports another libc than requested', async () => {
    const { executor, docker } = harness({ local: { [MUSL]: alpaquitaImage('glibc') } });
    const env = await executor.prepare(request('musl'));
    expect(env.info.failure).toBe(`image ${MUSL} reports LIBC_TYPE=glibc, expected musl`);
    expect(docker.callsStartingWith('exec').some((a) => a.includes('apk'))).toBe(false);
    await env.dispose();
    expect(docker.containers.size).toBe(0);
  });

  it('detects the libc of an image without LIBC_TYPE by its loader', async () => {
    const image = alpaquitaImage('musl');
    image.files['/etc/os-release'] = 'ID=alpine\n';
    const { executor } = harness({ local: { [GLIBC]: image } });
    const env = await executor.prepare(request('glibc'));
    expect(env.info.failure).toBe(
      `image ${GLIBC} has no LIBC_TYPE in /etc/os-release and looks like musl, expected glibc`,
    );
  });
});

describe('prepare: allocators', () => {
  it('makes only the allocator whose package fails unavailable, with apk’s error line', async () => {
    const image = alpaquitaImage('musl');
    image.repository!.jemalloc.failure =
      'fetch https://example.test/APKINDEX.tar.gz\nERROR: jemalloc-5.3.0-r5: temporary error (try again later)\n';
    const { executor, docker } = harness({ local: { [MUSL]: image } });
    const env = await executor.prepare(request('musl'));
    expect(env.info.failure).toBeUndefined();
    expect(env.info.allocators.jemalloc).toEqual({
      status: 'unavailable',
      reason: 'apk add jemalloc failed: jemalloc-5.3.0-r5: temporary error (try again later)',
    });
    expect(env.info.allocators.mimalloc?.status).toBe('ready');
    const apkCalls = docker.callsStartingWith('exec').filter((a) => a.includes('apk') && a.includes('add'));
    expect(apkCalls.map((a) => a.slice(5))).toEqual([['jemalloc', 'mimalloc'], ['jemalloc'], ['mimalloc']]);
  });

  it('reports a package missing from the repository by name', async () => {
    const image = alpaquitaImage('musl');
    delete image.repository!.rpmalloc;
    const { executor } = harness({ local: { [MUSL]: image } });
    const env = await executor.prepare(request('musl', { allocators: [{ name: 'rpmalloc' }] }));
    expect(env.info.allocators.rpmalloc).toEqual({
      status: 'unavailable',
      reason: 'apk add rpmalloc failed: unable to select packages: rpmalloc (no such package)',
    });
  });

  it('uses libraries already in an image without apk, found by glob', async () => {
    const image = alpaquitaImage('glibc', { repository: undefined });
    image.files['/lib/libjemalloc.so.2'] = '';
    image.files['/usr/lib/libtcmalloc_minimal.so.4'] = '';
    image.files['/lib/libtcmalloc_minimal.so.4'] = '-> /usr/lib/libtcmalloc_minimal.so.4';
    const { executor, docker } = harness({ local: { [GLIBC]: image } });
    const env = await executor.prepare(
      request('glibc', { allocators: [{ name: 'jemalloc' }, { name: 'mimalloc' }, { name: 'tcmalloc' }] }),
    );
    expect(env.info.allocators).toEqual({
      jemalloc: { status: 'ready', library: '/lib/libjemalloc.so.2' },
      mimalloc: {
        status: 'unavailable',
        reason: `no library matching /lib/libmimalloc.so.* in image ${GLIBC}`,
      },
      tcmalloc: { status: 'ready', library: '/usr/lib/libtcmalloc_minimal.so.4' },
    });
    expect(docker.callsStartingWith('exec').some((a) => a.includes('apk'))).toBe(false);
  });

  it('marks rpmalloc unavailable on aarch64 without trying to install it', async () => {
    const { executor, docker } = harness({
      local: { [MUSL]: alpaquitaImage('musl', { architecture: 'arm64' }) },
    });
    const env = await executor.prepare(
      request('musl', { allocators: [{ name: 'rpmalloc' }, { name: 'jemalloc' }] }),
    );
    expect(env.info.allocators.rpmalloc).toEqual({
      status: 'unavailable',
      reason: 'rpmalloc has no aarch64 build',
    });
    expect(env.info.allocators.jemalloc?.status).toBe('ready');
    const apkCalls = docker.callsStartingWith('exec').filter((a) => a.includes('apk') && a.includes('add'));
    expect(apkCalls.map((a) => a.slice(5))).toEqual([['jemalloc']]);
  });

  it('checks custom library paths inside the container', async () => {
    const image = alpaquitaImage('musl');
    image.files['/opt/libs/libmine.so'] = '';
    const { executor, docker } = harness({ local: { [MUSL]: image } });
    const tricky = '/opt/libs/$(touch x); no.so';
    const env = await executor.prepare(
      request('musl', {
        allocators: [
          { name: 'mine', customPath: '/opt/libs/libmine.so' },
          { name: 'gone', customPath: tricky },
        ],
      }),
    );
    expect(env.info.allocators.mine).toEqual({ status: 'ready', library: '/opt/libs/libmine.so' });
    expect(env.info.allocators.gone).toEqual({
      status: 'unavailable',
      reason: `${tricky} does not exist in image ${MUSL}`,
    });
    expect(docker.callsStartingWith('exec', 'malloc-matrix-run42-musl', 'test')).toContainEqual([
      'exec',
      'malloc-matrix-run42-musl',
      'test',
      '-f',
      tricky,
    ]);
  });

  it('checks custom paths after installing packages, keeping the requested order', async () => {
    const { executor } = harness({ local });
    const env = await executor.prepare(
      request('musl', {
        allocators: [{ name: 'pinned', customPath: '/lib/libjemalloc.so.2' }, { name: 'jemalloc' }],
      }),
    );
    expect(Object.keys(env.info.allocators)).toEqual(['pinned', 'jemalloc']);
    expect(env.info.allocators.pinned).toEqual({ status: 'ready', library: '/lib/libjemalloc.so.2' });
  });

  it('names unknown allocators', async () => {
    const { executor } = harness({ local });
    const env = await executor.prepare(request('musl', { allocators: [{ name: 'hoard' }] }));
    expect(env.info.allocators.hoard).toEqual({ status: 'unavailable', reason: "unknown allocator 'hoard'" });
  });
});

describe('prepare: setup', () => {
  it('runs setup in each tree, logs it in a group, and fails only the tree whose setup failed', async () => {
    const seen: { script: string; cwd: string }[] = [];
    const { executor, lines, groups } = harness({
      local,
      setup: (script, cwd) => {
        seen.push({ script, cwd });
        return cwd === '/mm/base'
          ? { code: 2, lines: ['cc -O2 bench.c', 'bench.c:1: error: expected ;', 'make: *** [all] Error 2'] }
          : { code: 0, lines: ['built'] };
      },
    });
    const env = await executor.prepare(
      request('musl', { trees: { head: '/ws/head', base: '/ws/base' }, setup: 'make "$TARGET"' }),
    );
    expect(seen).toEqual([
      { script: 'make "$TARGET"', cwd: '/mm/head' },
      { script: 'make "$TARGET"', cwd: '/mm/base' },
    ]);
    expect(groups).toEqual(['musl: setup (head)', 'musl: setup (base)']);
    expect(lines).toEqual(expect.arrayContaining(['built', 'make: *** [all] Error 2']));
    expect(env.treeFailures).toEqual({
      base: 'setup exited with code 2: cc -O2 bench.c | bench.c:1: error: expected ; | make: *** [all] Error 2',
    });
    expect(env.info.setupLogTail).toBe(
      'cc -O2 bench.c\nbench.c:1: error: expected ;\nmake: *** [all] Error 2',
    );
    expect(env.info.failure).toBeUndefined();
  });

  it('copies both trees before any setup runs, and stops what each setup left running', async () => {
    const { executor, docker, warnings } = harness({
      local,
      setup: (_script, cwd, container) => {
        if (cwd === '/mm/head') container.strays = 2;
        return { code: 0, lines: [] };
      },
    });
    const env = await executor.prepare(
      request('musl', { trees: { head: '/ws/head', base: '/ws/base' }, setup: 'make' }),
    );
    expect(env.treeFailures).toEqual({});
    const helper = '/opt/malloc-matrix/mm-helper';
    const steps = docker.calls
      .map((c) => c.args)
      .flatMap((a) => {
        if (a[0] === 'cp') return [`copy ${a[2].split(':')[1]}`];
        if (a.at(-1) === 'make') return [`setup in ${a[a.indexOf('--workdir') + 1]}`];
        return a.includes(helper) ? [a.slice(a.indexOf(helper) + 1).join(' ')] : [];
      });
    expect(steps).toEqual([
      'copy /mm/head',
      'copy /mm/base',
      '--tree-digest /mm/base',
      'setup in /mm/head',
      '--kill-all',
      '--tree-digest /mm/base',
      'setup in /mm/base',
      '--kill-all',
    ]);
    expect(warnings).toEqual([
      "musl: the head tree's setup left 2 processes running; they were stopped before measuring",
    ]);
  });

  it('does not measure a base that the head setup changed; head still measures', async () => {
    const setups: string[] = [];
    const { executor } = harness({
      local,
      setup: (_script, cwd, container) => {
        setups.push(cwd);
        if (cwd === '/mm/head') container.files['/mm/base/bench.c'] = 'int main(void) { return 0; }';
        return { code: 0, lines: [] };
      },
    });
    const env = await executor.prepare(
      request('musl', { trees: { head: '/ws/head', base: '/ws/base' }, setup: 'make' }),
    );
    expect(setups).toEqual(['/mm/head']);
    expect(env.treeFailures).toEqual({
      base: "the head tree's setup changed the base tree (/mm/base), so the base is not measured in this environment",
    });
    expect(env.treeDirs.head).toBe('/mm/head');
    expect(env.info.failure).toBeUndefined();
  });

  const NO_SLOT =
    'OCI runtime exec failed: exec failed: unable to start container process: read init-p: connection reset by peer: unknown\n';

  it('restarts the container when a setup’s processes hold every slot, after retrying; its files stay', async () => {
    const { executor, sleeps, docker, warnings } = harness({
      local,
      setup: (_script, _cwd, container) => {
        container.strays = 253;
        container.files['/mm/head/built'] = 'yes';
        return { code: 1, lines: ['fork: Resource temporarily unavailable'] };
      },
      slotsHeldUntilRestart: NO_SLOT,
    });
    const env = await executor.prepare(request('musl', { setup: 'make' }));
    expect(sleeps).toEqual([1000, 3000]);
    expect(docker.callsStartingWith('top')).toEqual([['top', 'malloc-matrix-run42-musl', '-o', 'pid']]);
    expect(docker.callsStartingWith('restart')).toEqual([
      ['restart', '--time', '0', 'malloc-matrix-run42-musl'],
    ]);
    const container = docker.containers.get('malloc-matrix-run42-musl')!;
    expect(container.strays).toBe(0);
    expect(container.files['/mm/head/built']).toBe('yes');
    // The environment stands; the tree fails with its setup's own message.
    expect(env.info.failure).toBeUndefined();
    expect(env.treeFailures.head).toBe('setup exited with code 1: fork: Resource temporarily unavailable');
    expect(warnings).toContain(
      "musl: the head tree's setup left 253 processes running; they were stopped before measuring (they held every process slot, so by restarting the container; its files are kept)",
    );
  });

  it('says it could not count them when the engine cannot list them', async () => {
    const { executor, warnings } = harness({
      local,
      setup: () => ({ code: 0, lines: [] }),
      slotsHeldUntilRestart: NO_SLOT,
      topFailure: 'Error response from daemon: top failed',
    });
    const env = await executor.prepare(request('musl', { setup: 'make' }));
    expect(env.info.failure).toBeUndefined();
    expect(warnings).toContain(
      "musl: the head tree's setup left processes running; they were stopped before measuring (they held every process slot, so by restarting the container; its files are kept)",
    );
  });

  it('fails the environment when a setup’s processes cannot be stopped even by a restart', async () => {
    const { executor, sleeps, docker } = harness({
      local,
      setup: () => ({ code: 0, lines: [] }),
      killAllFailure: NO_SLOT,
    });
    const env = await executor.prepare(request('musl', { setup: 'make' }));
    expect(sleeps).toEqual([1000, 3000]);
    expect(docker.callsStartingWith('restart')).toHaveLength(1);
    expect(env.info.failure).toBe(
      "the head tree's setup left processes running that could not be stopped (is the container's process limit, pids-limit, used up?): " +
        'OCI runtime exec failed: exec failed: unable to start container process: read init-p: connection reset by peer: unknown; ' +
        'after restarting the container: OCI runtime exec failed: exec failed: unable to start container process: read init-p: connection reset by peer: unknown',
    );
  });

  it('streams setup and apk output with workflow commands stopped by a fresh token each time', async () => {
    const { executor, lines } = harness({
      local,
      setup: () => ({ code: 0, lines: ['::error::forged', '::stop-commands::x', 'built'] }),
    });
    await executor.prepare(request('musl', { setup: 'make' }));
    const stops = lines.flatMap((l, i) => {
      const m = /^::stop-commands::([0-9a-f]{32})$/.exec(l);
      return m ? [{ token: m[1], at: i }] : [];
    });
    // One span around apk, one around the setup.
    expect(stops).toHaveLength(2);
    expect(stops[0].token).not.toBe(stops[1].token);
    const apk = lines.findIndex((l) => l.startsWith('apk add'));
    const setupEnd = lines.indexOf(`::${stops[1].token}::`);
    expect(stops[0].at).toBeLessThan(apk);
    expect(apk).toBeLessThan(lines.indexOf(`::${stops[0].token}::`));
    expect(lines.slice(stops[1].at + 1, setupEnd)).toEqual([
      '::error::forged',
      '::stop-commands::x',
      'built',
    ]);
  });

  it('shows at most 10,000 lines of a setup in the log, then how many were left out and its last 200, inside the fence', async () => {
    const printed = Array.from({ length: 25_000 }, (_, i) => `line ${i + 1}`);
    const { executor, lines } = harness({ local, setup: () => ({ code: 1, lines: printed }) });
    const env = await executor.prepare(request('musl', { setup: 'make' }));
    const open = lines.findLastIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[open].slice('::stop-commands::'.length);
    const span = lines.slice(open + 1, lines.indexOf(`::${token}::`));
    expect(span).toHaveLength(10_000 + 1 + 200);
    expect(span.slice(0, 10_000)).toEqual(printed.slice(0, 10_000));
    // Lines 10,001 to 24,800 are held back and not shown: 14,800 × `line NNNNN\n`, 11 bytes each.
    expect(span[10_000]).toBe(
      '[… 14,800 lines (162,800 bytes) not shown: the log shows the first 10,000 lines or 4 MiB (4,194,304 bytes) of this output, then its last 200 lines …]',
    );
    expect(span.slice(10_001)).toEqual(printed.slice(-200));
    // The report's own end of the failed setup does not depend on what the log showed.
    expect(env.info.setupLogTail?.split('\n').at(-1)).toBe('line 25000');
  });

  it('streams them as they are to a log that no runner reads (the CLI in a terminal)', async () => {
    const { executor, lines } = harness(
      { local, setup: () => ({ code: 0, lines: ['::error::forged', 'built'] }) },
      { readsCommands: false },
    );
    await executor.prepare(request('musl', { setup: 'make' }));
    expect(lines.filter((l) => l.startsWith('::'))).toEqual(['::error::forged']);
    expect(lines).toContain('built');
  });
});

describe('prepare: time limits outside the timed runs', () => {
  const timeoutsOf = (docker: FakeDocker, command: string) =>
    docker.calls.filter((c) => c.args[0] === command).map((c) => c.timeoutMs);

  it('stops a pull that hangs and fails that libc with one line', async () => {
    const { executor, docker } = harness({ registry: local, hangs: (args) => args[0] === 'pull' });
    const env = await executor.prepare(request('musl'));
    expect(env.info.failure).toBe(
      `docker pull ${MUSL} failed after 4 attempts: docker pull timed out after ${DOCKER_TIMEOUTS.pull / 60_000}m`,
    );
    expect(timeoutsOf(docker, 'pull')).toEqual(Array(4).fill(DOCKER_TIMEOUTS.pull));
  });

  it('stops an apk add that hangs and makes only its allocators unavailable', async () => {
    const { executor } = harness({
      local,
      hangs: (args) => args[0] === 'exec' && args.includes('apk') && args.includes('jemalloc'),
    });
    const env = await executor.prepare(request('musl'));
    expect(env.info.allocators.jemalloc).toEqual({
      status: 'unavailable',
      reason: `apk add jemalloc timed out after ${DOCKER_TIMEOUTS.apk / 60_000}m`,
    });
    expect(env.info.allocators.mimalloc?.status).toBe('ready');
  });

  it('stops a docker cp that hangs and fails only that tree, with docker’s reason', async () => {
    const { deps } = harness({ local });
    const docker = new FakeDocker({ local, hangs: (args) => args[0] === 'cp' });
    const executor = createDockerExecutorWith(
      {
        runId: 'run42',
        images: { musl: MUSL, glibc: GLIBC },
        pull: 'never',
        env: {},
        log: silentLog,
        containersAtOnce: 2,
        pidsLimit: 4096,
      },
      {
        ...deps,
        docker,
        // tar loses its reader when docker gives up: that is not the cause to report.
        archiver: new FakeTreeArchiver({
          '/ws/head': new ArchiveReaderGoneError('tar of /ws/head was killed by SIGPIPE'),
        }),
      },
    );
    const env = await executor.prepare(request('musl', { trees: { head: '/ws/head' } }));
    expect(env.treeFailures).toEqual({
      head: `copying the head tree failed: copying the tree into /mm/head failed: docker cp timed out after ${DOCKER_TIMEOUTS.copy / 60_000}m`,
    });
    expect(timeoutsOf(docker, 'cp')).toEqual([DOCKER_TIMEOUTS.copy]);
  });

  it('gives setup its own limit; one that outlives it fails that libc, and the other libc still runs', async () => {
    const { executor, docker } = harness({
      local,
      setup: (_script, cwd, container) =>
        cwd === '/mm/base' && container.name.endsWith('musl')
          ? { code: 0, lines: ['compiling'], timedOut: true }
          : { code: 0, lines: ['built'] },
    });
    const trees = { head: '/ws/head', base: '/ws/base' };
    const musl = await executor.prepare(request('musl', { trees, setup: 'make', setupTimeoutMs: 1_800_000 }));
    expect(musl.info.failure).toBe('setup timed out after 30m in the base tree');
    expect(musl.info.setupLogTail).toBe('compiling');
    const setups = docker.calls.filter((c) => c.args.includes('-c') && c.args.includes('make'));
    expect(setups.map((c) => c.timeoutMs)).toEqual([1_800_000, 1_800_000]);
    const glibc = await executor.prepare(
      request('glibc', { trees, setup: 'make', setupTimeoutMs: 1_800_000 }),
    );
    expect(glibc.info.failure).toBeUndefined();
    expect(glibc.treeDirs).toEqual({ head: '/mm/head', base: '/mm/base' });
  });
});

describe('the disk bound', () => {
  const GIB = 1024 ** 3;
  const reasonFor = (written: string, limit: string, limitBytes: string) =>
    `the musl container wrote ${written} to its disk, beyond disk-limit ${limit} (${limitBytes}), and was ` +
    'stopped; raise disk-limit if the benchmark or its setup needs that much';

  it('watches every container every 2 s under the default 4g, records it, and stops at dispose', async () => {
    const { executor, ticker, docker } = harness({ local });
    const env = await executor.prepare(request('musl'));
    expect(env.info.diskLimit).toBe('4g');
    expect(ticker.intervals()).toEqual([2000]);
    // The size is measured once at the end of prepare, before anything is timed.
    expect(docker.callsStartingWith('container')).toEqual([
      ['container', 'inspect', '--size', '--format', '{{.SizeRw}}', 'malloc-matrix-run42-musl'],
    ]);
    await env.dispose();
    expect(ticker.running).toBe(0);
  });

  it('asks only while something runs in the container, and leaves one that wrote up to the limit alone', async () => {
    const { executor, ticker, docker, deps } = harness({ local }, { diskLimit: '1g' });
    const env = await executor.prepare(request('musl'));
    const sizeQueries = () => docker.callsStartingWith('container').length;
    expect(sizeQueries()).toBe(1);
    // Idle between batches: a tick asks nothing.
    ticker.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sizeQueries()).toBe(1);
    deps.runHelper = async () => {
      docker.containers.get('malloc-matrix-run42-musl')!.written = GIB;
      ticker.tick();
      await new Promise((resolve) => setImmediate(resolve));
      expect(sizeQueries()).toBe(2);
    };
    await env.runBatch({ variants: [], runs: [] }, () => undefined);
    // Measured again at the end of the batch.
    expect(sizeQueries()).toBe(3);
    expect(docker.callsStartingWith('kill')).toEqual([]);
    expect(docker.containers.get('malloc-matrix-run42-musl')!.killed).toBe(false);
  });

  it('kills a container whose benchmark writes past the limit; its batches fail with the reason', async () => {
    const { executor, ticker, docker, deps } = harness({ local }, { diskLimit: '1g' });
    const env = await executor.prepare(request('musl'));
    const container = docker.containers.get('malloc-matrix-run42-musl')!;
    let helperRuns = 0;
    deps.runHelper = async () => {
      helperRuns += 1;
      // The benchmark writes; the next tick sees it and kills the container, which ends the exec.
      container.written = GIB + 1;
      ticker.tick();
      await new Promise((resolve) => setImmediate(resolve));
      expect(container.killed).toBe(true);
      throw new Error('measuring helper (docker exec …) exited with code 137');
    };
    const reason = reasonFor('1024.0 MiB (1,073,741,825 bytes)', '1g', '1024 MiB (1,073,741,824 bytes)');
    await expect(env.runBatch({ variants: [], runs: [] }, () => undefined)).rejects.toThrow(reason);
    expect(docker.callsStartingWith('kill')).toEqual([['kill', 'malloc-matrix-run42-musl']]);
    // Later batches fail at once with the same reason; the helper is not started again.
    await expect(env.runBatch({ variants: [], runs: [] }, () => undefined)).rejects.toThrow(reason);
    expect(helperRuns).toBe(1);
    // Once over, the watch stops asking.
    const asked = docker.callsStartingWith('container').length;
    ticker.tick();
    expect(docker.callsStartingWith('container')).toHaveLength(asked);
  });

  it('measures again at the end of a batch shorter than the interval: the next batch fails', async () => {
    const { executor, docker, deps } = harness({ local }, { diskLimit: '1g' });
    const env = await executor.prepare(request('musl'));
    const container = docker.containers.get('malloc-matrix-run42-musl')!;
    let helperRuns = 0;
    deps.runHelper = () => {
      helperRuns += 1;
      container.written += GIB;
      return Promise.resolve();
    };
    const reason = reasonFor('2048.0 MiB (2,147,483,648 bytes)', '1g', '1024 MiB (1,073,741,824 bytes)');
    // Exactly the limit: measured at the end, and left alone.
    await env.runBatch({ variants: [], runs: [] }, () => undefined);
    expect(container.killed).toBe(false);
    await expect(env.runBatch({ variants: [], runs: [] }, () => undefined)).rejects.toThrow(reason);
    expect(container.killed).toBe(true);
    await expect(env.runBatch({ variants: [], runs: [] }, () => undefined)).rejects.toThrow(reason);
    expect(helperRuns).toBe(2);
  });

  it('fails the libc whose setup wrote past the limit, with the reason instead of what the kill did', async () => {
    let duringSetup = (): void => undefined;
    const { executor, docker, ticker } = harness(
      {
        local,
        setup: (_script, _cwd, container) => {
          container.written = 200 * 1024 ** 2;
          duringSetup();
          return { code: 0, lines: ['wrote 200 MiB'] };
        },
      },
      { diskLimit: '64m' },
    );
    let asked = 0;
    duringSetup = () => {
      // The ticks are on while the setup runs: a tick asks at once.
      ticker.tick();
      asked = docker.callsStartingWith('container').length;
    };
    const env = await executor.prepare(request('musl', { setup: 'make' }));
    expect(asked).toBe(1);
    expect(env.info.failure).toBe(
      reasonFor('200.0 MiB (209,715,200 bytes)', '64m', '64 MiB (67,108,864 bytes)'),
    );
    expect(docker.containers.get('malloc-matrix-run42-musl')!.killed).toBe(true);
  });

  it('keeps watching when the engine cannot say the size this time', async () => {
    const { executor, ticker, docker, deps } = harness({ local }, { diskLimit: '64m' });
    const env = await executor.prepare(request('musl'));
    const container = docker.containers.get('malloc-matrix-run42-musl')!;
    deps.runHelper = async () => {
      docker.containers.delete(container.name);
      ticker.tick();
      await new Promise((resolve) => setImmediate(resolve));
      expect(container.killed).toBe(false);
      docker.containers.set(container.name, container);
      container.written = 65 * 1024 ** 2;
      ticker.tick();
      await new Promise((resolve) => setImmediate(resolve));
      expect(container.killed).toBe(true);
      throw new Error('measuring helper (docker exec …) exited with code 137');
    };
    await expect(env.runBatch({ variants: [], runs: [] }, () => undefined)).rejects.toThrow(
      'beyond disk-limit 64m',
    );
  });

  it('cleanup stops the watches of environments that were never disposed', async () => {
    const { executor, ticker } = harness({ local });
    await executor.prepare(request('musl'));
    await executor.prepare(request('glibc'));
    expect(ticker.running).toBe(2);
    await executor.cleanup();
    expect(ticker.running).toBe(0);
  });
});

describe('engine availability', () => {
  it.each([
    [{ binaryMissing: true }, "the docker CLI 'docker' was not found on PATH"],
    [
      {
        engineDown:
          'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      },
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ],
  ])('throws EngineUnavailableError at the first prepare (%j)', async (fake, reason) => {
    const { executor, docker, warnings } = harness({ ...fake, local });
    const error = await executor.prepare(request('musl')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(error).toBeInstanceOf(ExecutorUnavailableError);
    expect((error as Error).message).toBe(
      `Docker engine not available (${reason}). Start Docker, or use executor: host.`,
    );
    const callsBefore = docker.calls.length;
    await expect(executor.prepare(request('glibc'))).rejects.toBeInstanceOf(EngineUnavailableError);
    await executor.cleanup();
    expect(docker.calls.length).toBe(callsBefore);
    expect(warnings).toEqual([]);
  });
});

describe('clean-up', () => {
  it('dispose removes its own container; cleanup removes every container of the run', async () => {
    const { executor, docker } = harness({ local });
    const musl = await executor.prepare(request('musl'));
    await executor.prepare(request('glibc'));
    expect(docker.containers.size).toBe(2);
    await musl.dispose();
    expect([...docker.containers.keys()]).toEqual(['malloc-matrix-run42-glibc']);
    await musl.dispose();
    await executor.cleanup();
    expect(docker.containers.size).toBe(0);
    await executor.cleanup();
    await expect(executor.prepare(request('musl'))).rejects.toThrow('cleaned up');
  });

  it('removeContainersByLabel removes only this run’s containers and counts them', async () => {
    const docker = new FakeDocker({ local });
    await docker.run(['run', '--label', 'malloc-matrix.run=other', '--', MUSL]);
    await docker.run(['run', '--label', 'malloc-matrix.run=run42', '--', MUSL]);
    await docker.run(['run', '--label', 'malloc-matrix.run=run42', '--', MUSL]);
    expect(await removeContainersByLabel(docker, 'run42')).toBe(2);
    expect(docker.containers.size).toBe(1);
    expect(await removeContainersByLabel(docker, 'run42')).toBe(0);
  });

  it('removeContainersByLabel warns instead of throwing when the engine is gone', async () => {
    const warnings: string[] = [];
    const gone = new FakeDocker({ binaryMissing: true });
    await expect(removeContainersByLabel(gone, 'run42', (m) => warnings.push(m))).resolves.toBe(0);
    expect(warnings).toEqual([
      "could not list the containers of run run42: the docker CLI 'docker' was not found on PATH",
    ]);
  });

  it('rejects a run id that could not be a label value', () => {
    const docker = new FakeDocker();
    const deps = { docker } as unknown as DockerExecutorDeps;
    expect(() =>
      createDockerExecutorWith(
        {
          ...LIMITS,
          runId: 'a b',
          images: { musl: MUSL, glibc: GLIBC },
          pull: 'never',
          env: {},
          log: silentLog,
        },
        deps,
      ),
    ).toThrow("run id 'a b' is invalid; expected letters, digits, '.', '_' and '-'");
  });
});
