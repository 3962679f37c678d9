import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, DEFAULT_ALLOCATORS, findAllocator } from '../src/config/allocators.js';
import { resolveAllocators } from '../src/executors/docker/allocators.js';
import { alpaquitaImage, FakeDocker } from './fakes/docker.js';

/** How the catalogue's allocators resolve in an Alpaquita container of the given architecture. */
async function statusesOn(architecture: string, names: string[]): Promise<[string, string][]> {
  const image = 'alpaquita';
  const docker = new FakeDocker({ local: { [image]: alpaquitaImage('musl', { architecture }) } });
  const container = (await docker.run(['run', '-d', '--', image, 'sleep', 'infinity'])).stdout.trim();
  const { allocators } = await resolveAllocators(
    { docker, container, image, architecture, log: () => undefined },
    names.map((name) => ({ name })),
  );
  return Object.entries(allocators).map(([name, a]) => [
    name,
    a.reason === undefined ? a.status : `${a.status}: ${a.reason}`,
  ]);
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
