// Which packages an image has, which musl is active, and why an allocator's package could not
// be installed: read through apk itself first, its database second, the loader last.
import { describe, expect, it } from '@jest/globals';
import { resolveAllocators } from '../src/executors/docker/allocators.js';
import { detectMuslFlavor, readInstalledPackages } from '../src/executors/docker/installed.js';
import { alpaquitaImage, APK_DB, FakeDocker, type FakeImage } from './fakes/docker.js';

const IMAGE = 'bellsoft/alpaquita-linux-base:stream-musl';
const LOADER = '/lib/ld-musl-x86_64.so.1';

async function started(image: FakeImage): Promise<{ docker: FakeDocker; container: string }> {
  const docker = new FakeDocker({ local: { [IMAGE]: image } });
  await docker.run(['run', '--name', 'c1', '--', IMAGE, 'sleep']);
  return { docker, container: 'c1' };
}

function execs(docker: FakeDocker): string[] {
  return docker.callsStartingWith('exec', 'c1').map((a) => a.slice(2).join(' '));
}

/** An image whose database lives at `dbPath` only (apk knows where; nothing else does). */
function imageWithDbAt(dbPath: string | undefined, overrides: Partial<FakeImage> = {}): FakeImage {
  const image = alpaquitaImage('musl', overrides);
  const db = image.files[APK_DB];
  delete image.files[APK_DB];
  if (dbPath !== undefined) {
    image.files[dbPath] = db;
    image.apkDb = dbPath;
  }
  return image;
}

describe('readInstalledPackages', () => {
  it('asks apk, which knows its database wherever the image keeps it', async () => {
    const { docker, container } = await started(imageWithDbAt('/opt/unexpected/apk/installed'));
    const installed = await readInstalledPackages(docker, container);
    expect(installed).toEqual({
      packages: new Map([['musl-perf', '1.2.5-r8']]),
      source: 'apk --no-network info -v',
    });
    expect(execs(docker)).toEqual(['apk --no-network info -v']);
  });

  it.each(['/var/lib/apk/db/installed', '/lib/apk/db/installed', '/usr/lib/apk/db/installed'])(
    'reads the database at %s when apk cannot answer, trying Alpaquita’s path first',
    async (dbPath) => {
      const { docker, container } = await started(imageWithDbAt(dbPath, { apkInfoBroken: true }));
      const installed = await readInstalledPackages(docker, container);
      expect(installed).toEqual({ packages: new Map([['musl-perf', '1.2.5-r8']]), source: dbPath });
      const tried = ['/var/lib/apk/db/installed', '/lib/apk/db/installed', '/usr/lib/apk/db/installed'];
      expect(execs(docker)).toEqual([
        'apk --no-network info -v',
        ...tried.slice(0, tried.indexOf(dbPath) + 1).map((f) => `cat -- ${f}`),
      ]);
    },
  );

  it('skips apk when it is known to be absent, and says nothing when no database exists', async () => {
    const { docker, container } = await started(imageWithDbAt(undefined, { repository: undefined }));
    expect(await readInstalledPackages(docker, container, false)).toBeUndefined();
    expect(execs(docker).some((c) => c.startsWith('apk'))).toBe(false);
  });
});

describe('detectMuslFlavor', () => {
  it('uses the packages it is given', async () => {
    const { docker, container } = await started(alpaquitaImage('musl'));
    expect(await detectMuslFlavor(docker, container, new Map([['musl-default', '1.2.5-r3']]))).toBe(
      'musl-default',
    );
    expect(execs(docker)).toEqual([]);
  });

  it('asks apk when not given any', async () => {
    const { docker, container } = await started(imageWithDbAt('/opt/db/installed'));
    expect(await detectMuslFlavor(docker, container)).toBe('musl-perf');
  });

  it('falls back to the loader: musl-perf answers --list-diagnostics, others stay unknown', async () => {
    const diagnostics = {
      [`${LOADER} --list-diagnostics`]: { code: 0, stdout: 'x86.cpu_features.basic.kind=0x1\n' },
    };
    const bare = { repository: undefined };
    const perf = await started(imageWithDbAt(undefined, { ...bare, programs: diagnostics }));
    expect(await detectMuslFlavor(perf.docker, perf.container)).toBe('musl-perf');
    expect(execs(perf.docker).at(-1)).toBe(`${LOADER} --list-diagnostics`);

    // The default fake loader prints its usage banner whatever it is asked.
    const plain = await started(imageWithDbAt(undefined, bare));
    expect(await detectMuslFlavor(plain.docker, plain.container)).toBe('unknown');

    const noLoader = imageWithDbAt(undefined, bare);
    delete noLoader.files[LOADER];
    const none = await started(noLoader);
    expect(await detectMuslFlavor(none.docker, none.container)).toBe('unknown');
  });
});

describe('resolveAllocators: versions', () => {
  it('records each package’s own version, side by side, even when they differ', async () => {
    const { docker, container } = await started(alpaquitaImage('musl'));
    const resolved = await resolveAllocators(
      { docker, container, image: IMAGE, architecture: 'amd64', libc: 'musl', log: () => undefined },
      [{ name: 'mimalloc' }, { name: 'mimalloc-secure' }, { name: 'jemalloc' }],
    );
    expect(Object.fromEntries(Object.entries(resolved.allocators).map(([k, v]) => [k, v.version]))).toEqual({
      mimalloc: '2.2.4-r0',
      'mimalloc-secure': '2.1.7-r0',
      jemalloc: '5.3.0-r5',
    });
  });

  it('finds mimalloc 1.x by its .so.1 and records its version', async () => {
    const image = alpaquitaImage('musl');
    image.repository!.mimalloc = {
      version: '1.9.3-r0',
      files: { '/lib/libmimalloc.so.1': '-> /usr/lib/libmimalloc.so.1.9', '/lib/libmimalloc.so.1.9': '' },
    };
    const { docker, container } = await started(image);
    const resolved = await resolveAllocators(
      { docker, container, image: IMAGE, libc: 'musl', log: () => undefined },
      [{ name: 'mimalloc' }],
    );
    expect(resolved.allocators.mimalloc).toEqual({
      status: 'ready',
      library: '/lib/libmimalloc.so.1.9',
      version: '1.9.3-r0',
    });
  });
});

describe('resolveAllocators: one-line reasons for both apk generations', () => {
  const INDEX = 'https://packages.bell-sw.com/alpaquita/musl/stream/core';
  const cases = [
    {
      what: 'a missing package (apk 2 and 3 alike)',
      output:
        'ERROR: unable to select packages:\n  jemalloc (no such package):\n    required by: world[jemalloc]\n',
      reason: 'apk add jemalloc failed: unable to select packages: jemalloc (no such package)',
    },
    {
      what: 'an unreachable repository (apk 2)',
      output: `WARNING: fetching ${INDEX}: DNS lookup error\nERROR: unable to select packages:\n  jemalloc (no such package):\n    required by: world[jemalloc]\n`,
      reason: `apk add jemalloc failed: jemalloc not found while repository ${INDEX} could not be reached: DNS lookup error`,
    },
    {
      what: 'an unreachable repository (apk 3)',
      output: `WARNING: fetching ${INDEX}/x86_64/APKINDEX.tar.gz: DNS error (try again later)\nERROR: unable to select packages:\n  jemalloc (no such package):\n    required by: world[jemalloc]\n`,
      reason: `apk add jemalloc failed: jemalloc not found while repository ${INDEX}/x86_64/APKINDEX.tar.gz could not be reached: DNS error (try again later)`,
    },
    {
      what: 'a conflicting -global provider',
      output:
        'ERROR: unable to select packages:\n  jemalloc-global-5.3.0-r5:\n    conflicts: mimalloc-global-2.2.4-r0[malloc-global=1]\n    satisfies: world[jemalloc-global]\n  mimalloc-global-2.2.4-r0:\n    conflicts: jemalloc-global-5.3.0-r5[malloc-global=1]\n    satisfies: world[mimalloc-global]\n',
      reason:
        'apk add jemalloc failed: unable to select packages: jemalloc-global-5.3.0-r5 conflicts with mimalloc-global-2.2.4-r0[malloc-global=1]',
    },
  ];

  it.each(cases)('$what makes only that allocator unavailable', async ({ output, reason }) => {
    const image = alpaquitaImage('musl');
    image.repository!.jemalloc.failure = output;
    const { docker, container } = await started(image);
    const resolved = await resolveAllocators(
      { docker, container, image: IMAGE, libc: 'musl', log: () => undefined },
      [{ name: 'default' }, { name: 'jemalloc' }, { name: 'mimalloc' }],
    );
    expect(resolved.allocators).toEqual({
      default: { status: 'ready' },
      jemalloc: { status: 'unavailable', reason },
      mimalloc: { status: 'ready', library: '/lib/libmimalloc.so.2.2', version: '2.2.4-r0' },
    });
  });
});
