import { describe, expect, it } from '@jest/globals';
import {
  allocatorEnvironment,
  CATALOGUE,
  DEFAULT_ALLOCATORS,
  findAllocator,
  resolutionRequest,
  type AllocatorResolutionRequest,
} from '../src/config/allocators.js';
import { resolveAllocators } from '../src/executors/docker/allocators.js';
import type { LibcName } from '../src/results/model.js';
import { alpaquitaImage, FakeDocker } from './fakes/docker.js';

/** Where Debian-built glibc keeps its debug malloc (the stand-in images' layout). */
const DEBUG_MALLOC = '/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0';

/** How allocators resolve in an Alpaquita container of the given architecture and libc. */
async function resolvedOn(
  architecture: string,
  requests: AllocatorResolutionRequest[],
  libc: LibcName = 'musl',
): Promise<[string, string][]> {
  const image = 'alpaquita';
  const plain = alpaquitaImage(libc, { architecture });
  const files = { ...plain.files, ...(libc === 'glibc' ? { [DEBUG_MALLOC]: '' } : {}) };
  const docker = new FakeDocker({ local: { [image]: { ...plain, files } } });
  const container = (await docker.run(['run', '-d', '--', image, 'sleep', 'infinity'])).stdout.trim();
  const { allocators } = await resolveAllocators(
    { docker, container, image, architecture, libc, log: () => undefined },
    requests,
  );
  return Object.entries(allocators).map(([name, a]) => [
    name,
    [a.status, a.reason, a.library].filter((part) => part !== undefined).join(': '),
  ]);
}

function statusesOn(architecture: string, names: string[]): Promise<[string, string][]> {
  return resolvedOn(
    architecture,
    names.map((name) => ({ name })),
  ).then((rows) => rows.map(([name, text]) => [name, text.replace(/^ready: .*$/, 'ready')]));
}

describe('allocator catalogue', () => {
  it('has an entry for every default allocator of both executors', () => {
    for (const name of [...DEFAULT_ALLOCATORS.docker, ...DEFAULT_ALLOCATORS.host]) {
      expect(findAllocator(name)).toBeDefined();
    }
  });
  it('never hard-codes a versioned soname for Alpaquita packages', () => {
    for (const entry of CATALOGUE) {
      for (const glob of entry.imageGlobs) expect(glob).toMatch(/(\*|wrap\.so)$/);
    }
  });
  it('offers rpmalloc on x86_64 images only, and the other allocators on aarch64 too', async () => {
    const wanted = ['jemalloc', 'mimalloc', 'mimalloc-secure', 'rpmalloc'];
    expect(await statusesOn('amd64', wanted)).toEqual(wanted.map((name) => [name, 'ready']));
    expect(await statusesOn('arm64', wanted)).toEqual([
      ['jemalloc', 'ready'],
      ['mimalloc', 'ready'],
      ['mimalloc-secure', 'ready'],
      ['rpmalloc', 'unavailable: rpmalloc has no aarch64 build'],
    ]);
  });
});

describe('glibc-debug and variants', () => {
  it('finds glibc’s debug malloc on glibc and says why it is unavailable on musl', async () => {
    expect(await resolvedOn('amd64', [{ name: 'glibc-debug' }], 'glibc')).toEqual([
      ['glibc-debug', `ready: ${DEBUG_MALLOC}`],
    ]);
    expect(await resolvedOn('amd64', [{ name: 'glibc-debug' }], 'musl')).toEqual([
      ['glibc-debug', 'unavailable: glibc-debug exists for glibc only, not musl'],
    ]);
  });

  it('resolves a variant to its base allocator’s library, under the variant’s own name', async () => {
    const rows = await resolvedOn('amd64', [
      { name: 'jemalloc' },
      { name: 'jemalloc+bg', base: 'jemalloc' },
      { name: 'default+arena2', base: 'default' },
      { name: 'rpmalloc+x', base: 'rpmalloc' },
    ]);
    expect(rows).toEqual([
      ['jemalloc', 'ready: /lib/libjemalloc.so.2'],
      ['jemalloc+bg', 'ready: /lib/libjemalloc.so.2'],
      ['default+arena2', 'ready'],
      ['rpmalloc+x', 'ready: /lib/librpmallocwrap.so'],
    ]);
    expect(await resolvedOn('arm64', [{ name: 'rpmalloc+x', base: 'rpmalloc' }])).toEqual([
      ['rpmalloc+x', 'unavailable: rpmalloc has no aarch64 build'],
    ]);
  });

  it('gives each cell its environment: the built-in one of glibc-debug, then a variant’s own', () => {
    expect(allocatorEnvironment({ name: 'glibc-debug', kind: 'builtin' })).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.check=3',
    });
    expect(allocatorEnvironment({ name: 'jemalloc', kind: 'builtin' })).toEqual({});
    expect(allocatorEnvironment({ name: 'x', kind: 'custom', path: '/lib/x.so' })).toEqual({});
    const perturbed = {
      name: 'glibc-debug+perturb',
      kind: 'variant' as const,
      base: 'glibc-debug',
      env: [['GLIBC_TUNABLES', 'glibc.malloc.check=3:glibc.malloc.perturb=165'] as [string, string]],
    };
    expect(allocatorEnvironment(perturbed)).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.check=3:glibc.malloc.perturb=165',
    });
    expect(resolutionRequest(perturbed)).toEqual({ name: 'glibc-debug+perturb', base: 'glibc-debug' });
    expect(
      resolutionRequest({ name: 'mine+big', kind: 'variant', base: 'mine', path: '/lib/m.so', env: [] }),
    ).toEqual({ name: 'mine+big', customPath: '/lib/m.so' });
  });
});
