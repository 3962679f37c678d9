import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAllocator } from '../src/config/allocators.js';
import { createHostExecutor } from '../src/executors/host/executor.js';
import { libraryDirs, parseLdconfig, pickLibrary } from '../src/executors/host/libraries.js';
import type { BatchRecord } from '../src/measure/executor.js';
import { FakeHelperRunner } from './fakes/helper-runner.js';
import { fakeHostProbe } from './fakes/host-probe.js';
import { FakeSetupRunner } from './fakes/setup-runner.js';

function entry(name: string) {
  const found = findAllocator(name);
  if (!found) throw new Error(`no catalogue entry ${name}`);
  return found;
}

describe('parseLdconfig', () => {
  const output = [
    '12 libs found in cache `/etc/ld.so.cache`',
    '\tlibjemalloc.so.2 (libc6,x86-64) => /lib/x86_64-linux-gnu/libjemalloc.so.2',
    '\tlibjemalloc.so.2 (libc6) => /lib/i386-linux-gnu/libjemalloc.so.2',
    '\tlibmimalloc.so.2 (libc6,AArch64) => /lib/aarch64-linux-gnu/libmimalloc.so.2',
  ].join('\n');

  it('keeps only libraries of this architecture', () => {
    expect(parseLdconfig(output, 'x64')).toEqual(['/lib/x86_64-linux-gnu/libjemalloc.so.2']);
    expect(parseLdconfig(output, 'arm64')).toEqual(['/lib/aarch64-linux-gnu/libmimalloc.so.2']);
  });
});

describe('pickLibrary', () => {
  it('takes the highest version, and the soname link over the full version', () => {
    const mimalloc = entry('mimalloc');
    expect(
      pickLibrary(mimalloc, [
        '/usr/lib/libmimalloc.so.1.7',
        '/usr/lib/libmimalloc.so.2.1',
        '/usr/lib/libmimalloc.so',
      ]),
    ).toBe('/usr/lib/libmimalloc.so.2.1');
    expect(pickLibrary(mimalloc, ['/x/libmimalloc.so.2.0', '/x/libmimalloc.so.2'])).toBe(
      '/x/libmimalloc.so.2',
    );
  });

  it('prefers the earlier catalogue pattern (tcmalloc_minimal) and ignores look-alikes', () => {
    const tcmalloc = entry('tcmalloc');
    expect(
      pickLibrary(tcmalloc, [
        '/l/libtcmalloc.so.4',
        '/l/libtcmalloc_minimal_debug.so.4',
        '/l/libtcmalloc_minimal.so.4',
      ]),
    ).toBe('/l/libtcmalloc_minimal.so.4');
    expect(pickLibrary(entry('mimalloc'), ['/l/libmimalloc-secure.so.2'])).toBeUndefined();
  });

  it('is deterministic: the same file found twice resolves to the first candidate', () => {
    expect(pickLibrary(entry('jemalloc'), ['/lib/a/libjemalloc.so.2', '/usr/lib/a/libjemalloc.so.2'])).toBe(
      '/lib/a/libjemalloc.so.2',
    );
  });
});

describe('libraryDirs', () => {
  it('includes the multiarch directories of the architecture', () => {
    expect(libraryDirs('x64')).toEqual([
      '/usr/lib',
      '/usr/lib/x86_64-linux-gnu',
      '/lib/x86_64-linux-gnu',
      '/lib',
      '/usr/local/lib',
    ]);
  });
});

describe('createHostExecutor', () => {
  const multi = '/usr/lib/x86_64-linux-gnu';
  const noHelper = (): Promise<string> => Promise.resolve('/cache/mm-helper');

  it('describes a glibc host and finds allocators in the ldconfig cache and the library directories', async () => {
    const probe = fakeHostProbe({
      glibc: '2.36',
      ldconfig: `\tlibjemalloc.so.2 (libc6,x86-64) => ${multi}/libjemalloc.so.2\n`,
      dirs: { [multi]: ['libmimalloc.so.2', 'libmimalloc.so.2.0', 'libc.so.6'] },
      files: [`${multi}/libjemalloc.so.2`, `${multi}/libmimalloc.so.2`, '/opt/my/libfast.so'],
      versions: { [`${multi}/libjemalloc.so.2`]: '5.3.0-1' },
    });
    const executor = createHostExecutor({ probe, arch: 'x64', helper: noHelper });
    const env = await executor.prepare({
      libc: 'glibc',
      trees: { head: '/trees/head' },
      workingDirectory: 'bench',
      allocators: [
        { name: 'default' },
        { name: 'jemalloc' },
        { name: 'mimalloc' },
        { name: 'tcmalloc' },
        { name: 'fast', customPath: '/opt/my/libfast.so' },
        { name: 'gone', customPath: '/opt/my/libgone.so' },
        { name: 'snmalloc' },
      ],
    });
    expect(env.info).toEqual({
      libc: 'glibc',
      executor: 'host',
      libcVersion: '2.36',
      allocators: {
        default: { status: 'ready' },
        jemalloc: { status: 'ready', library: `${multi}/libjemalloc.so.2`, version: '5.3.0-1' },
        mimalloc: { status: 'ready', library: `${multi}/libmimalloc.so.2` },
        tcmalloc: {
          status: 'unavailable',
          reason:
            'libtcmalloc_minimal.so.* or libtcmalloc.so.* not found on this host (install libtcmalloc-minimal4)',
        },
        fast: { status: 'ready', library: '/opt/my/libfast.so' },
        gone: {
          status: 'unavailable',
          reason:
            'custom allocator library /opt/my/libgone.so does not exist or is not a readable regular file',
        },
        snmalloc: { status: 'unavailable', reason: "unknown allocator 'snmalloc' and no library path given" },
      },
    });
    expect(env.treeDirs).toEqual({ head: '/trees/head/bench' });
    expect(env.treeFailures).toEqual({});
    expect(env.shell).toBe('/bin/sh');
  });

  it('says what to install when an allocator is missing', async () => {
    const executor = createHostExecutor({
      probe: fakeHostProbe({ glibc: '2.39' }),
      arch: 'x64',
      helper: noHelper,
    });
    const env = await executor.prepare({
      libc: 'glibc',
      trees: {},
      workingDirectory: '.',
      allocators: [{ name: 'jemalloc' }],
    });
    expect(env.info.allocators.jemalloc).toEqual({
      status: 'unavailable',
      reason: 'libjemalloc.so.* not found on this host (install libjemalloc2)',
    });
  });

  it('finds glibc’s debug malloc on a glibc host, gives variants their base’s library, and has none on musl', async () => {
    const allocators = [
      { name: 'glibc-debug' },
      { name: 'jemalloc+bg', base: 'jemalloc' },
      { name: 'default+arena2', base: 'default' },
    ];
    const glibcHost = fakeHostProbe({
      glibc: '2.36',
      dirs: { [multi]: ['libc_malloc_debug.so.0', 'libjemalloc.so.2'] },
    });
    const glibc = await createHostExecutor({ probe: glibcHost, arch: 'x64', helper: noHelper }).prepare({
      libc: 'glibc',
      trees: {},
      workingDirectory: '.',
      allocators,
    });
    expect(glibc.info.allocators).toEqual({
      'glibc-debug': { status: 'ready', library: `${multi}/libc_malloc_debug.so.0` },
      'jemalloc+bg': { status: 'ready', library: `${multi}/libjemalloc.so.2` },
      'default+arena2': { status: 'ready' },
    });
    const muslHost = fakeHostProbe({ dirs: { '/lib': ['ld-musl-x86_64.so.1'] } });
    const musl = await createHostExecutor({ probe: muslHost, arch: 'x64', helper: noHelper }).prepare({
      libc: 'musl',
      trees: {},
      workingDirectory: '.',
      allocators: [{ name: 'glibc-debug' }],
    });
    expect(musl.info.allocators).toEqual({
      'glibc-debug': { status: 'unavailable', reason: 'glibc-debug exists for glibc only, not musl' },
    });
  });

  it('detects musl from its loader', async () => {
    const probe = fakeHostProbe({ dirs: { '/lib': ['ld-musl-x86_64.so.1', 'libc.musl-x86_64.so.1'] } });
    const env = await createHostExecutor({ probe, arch: 'x64', helper: noHelper }).prepare({
      libc: 'musl',
      trees: {},
      workingDirectory: '.',
      allocators: [],
    });
    expect(env.info).toMatchObject({ libc: 'musl', libcVersion: '1.2.4' });
  });

  it('fails clearly when the libc cannot be told', async () => {
    const executor = createHostExecutor({ probe: fakeHostProbe({}), arch: 'x64', helper: noHelper });
    await expect(
      executor.prepare({ libc: 'glibc', trees: {}, workingDirectory: '.', allocators: [] }),
    ).rejects.toThrow(/cannot tell this host's libc/);
  });

  it('runs setup once per tree in its working directory and records failures', async () => {
    const setup = new FakeSetupRunner({ '/trees/base': { code: 2, output: 'make: *** [all] Error 1\n' } });
    const executor = createHostExecutor({
      probe: fakeHostProbe({ glibc: '2.36' }),
      helper: noHelper,
      runSetup: setup.run,
      env: { MODE: 'fast' },
    });
    const env = await executor.prepare({
      libc: 'glibc',
      trees: { head: '/trees/head', base: '/trees/base' },
      workingDirectory: '.',
      setup: 'make',
      allocators: [],
    });
    expect(setup.calls.map((c) => `${c.cwd}: ${c.script} (${c.env.MODE})`)).toEqual([
      '/trees/head: make (fast)',
      '/trees/base: make (fast)',
    ]);
    expect(env.treeFailures).toEqual({ base: 'setup exited with code 2: make: *** [all] Error 1' });
    expect(env.treeDirs).toEqual({ head: '/trees/head', base: '/trees/base' });
  });

  it('stops a setup that outlives setup-timeout and fails only that tree', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mm-host-setup-'));
    try {
      for (const tree of ['head', 'base']) mkdirSync(join(root, tree));
      const executor = createHostExecutor({
        probe: fakeHostProbe({ glibc: '2.36', isDirectory: () => true }),
        helper: noHelper,
      });
      const env = await executor.prepare({
        libc: 'glibc',
        trees: { head: join(root, 'head'), base: join(root, 'base') },
        workingDirectory: '.',
        setup: 'echo "building in ${PWD##*/}"; if [ "${PWD##*/}" = base ]; then sleep 30; fi',
        setupTimeoutMs: 300,
        allocators: [],
      });
      expect(env.treeFailures).toEqual({ base: 'setup timed out after 300ms' });
      expect(env.info.setupLogTail).toBe('building in base');
      expect(Object.keys(env.treeDirs)).toEqual(['head', 'base']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps the runner’s inputs, tokens and command files from setup and the benchmark', async () => {
    const hostEnv = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      'INPUT_GITHUB-TOKEN': 'ghs_input',
      INPUT_RUN: './bench',
      ACTIONS_RUNTIME_TOKEN: 'runtime',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      ACTIONS_CACHE_URL: 'https://cache',
      GITHUB_TOKEN: 'ghs_env',
      GH_TOKEN: 'gh',
      GITHUB_ENV: '/runner/env',
      GITHUB_OUTPUT: '/runner/output',
      GITHUB_STATE: '/runner/state',
      GITHUB_PATH: '/runner/path',
      GITHUB_STEP_SUMMARY: '/runner/summary',
      GITHUB_SHA: 'abc123',
      RUNNER_TEMP: '/runner/temp',
    };
    const kept = ['PATH', 'HOME', 'GITHUB_SHA', 'RUNNER_TEMP'];
    const setup = new FakeSetupRunner();
    const helper = new FakeHelperRunner();
    const env = await createHostExecutor({
      probe: fakeHostProbe({ glibc: '2.36' }),
      helper: noHelper,
      hostEnv,
      env: { MODE: 'fast' },
      runSetup: setup.run,
      runBatch: helper.run,
    }).prepare({
      libc: 'glibc',
      trees: { head: '/trees/head' },
      workingDirectory: '.',
      setup: 'make',
      allocators: [],
    });
    await env.runBatch({ variants: [], runs: [] }, () => undefined);
    expect(Object.keys(setup.calls[0].env).sort()).toEqual([...kept, 'MODE'].sort());
    expect(Object.keys(helper.specs[0].env ?? {}).sort()).toEqual([...kept].sort());
  });

  it('reports a missing working directory as a tree failure', async () => {
    const executor = createHostExecutor({ probe: fakeHostProbe({ glibc: '2.36' }), helper: noHelper });
    const env = await executor.prepare({
      libc: 'glibc',
      trees: { head: '/elsewhere' },
      workingDirectory: 'sub',
      allocators: [],
    });
    expect(env.treeFailures).toEqual({ head: 'working directory /elsewhere/sub does not exist' });
    expect(env.treeDirs).toEqual({});
  });

  it('runs batches with the helper binary', async () => {
    const helper = new FakeHelperRunner([
      {
        variantId: 'v',
        record: {
          kind: 'warmup',
          round: -1,
          position: 0,
          outcome: 'exited',
          exitCode: 0,
          signal: null,
          wallMs: 1,
          userMs: 1,
          sysMs: 0,
          maxRssKiB: 1,
        },
      },
    ]);
    const env = await createHostExecutor({
      probe: fakeHostProbe({ glibc: '2.36' }),
      helper: noHelper,
      runBatch: helper.run,
    }).prepare({
      libc: 'glibc',
      trees: {},
      workingDirectory: '.',
      allocators: [],
    });
    const got: BatchRecord[] = [];
    await env.runBatch({ variants: [], runs: [] }, (r) => got.push(r));
    expect(helper.specs.map((s) => [s.command, s.args])).toEqual([['/cache/mm-helper', []]]);
    expect(got).toHaveLength(1);
  });
});
