import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config/parse.js';
import {
  detectLibc,
  firstGlobMatches,
  lastLine,
  nodeArch,
  parseGlibcVersion,
  parseImageInspect,
  parseMuslLoaderVersion,
  parseOsRelease,
  pickHighestVersion,
  pullBackoffMs,
  PULL_RETRIES,
  tailLines,
  unameArch,
} from '../src/executors/docker/alpaquita.js';

describe('parseOsRelease', () => {
  it('reads Alpaquita fields, unquoting values and skipping comments and junk', () => {
    const text = [
      '# Alpaquita',
      'NAME="Alpaquita Linux"',
      'ID=alpaquita',
      "PRETTY_NAME='Alpaquita Linux Stream'",
      'HOME_URL="https://example.test/\\"q\\""',
      'not a field',
      '',
      'LIBC_TYPE=musl',
    ].join('\n');
    expect(parseOsRelease(text)).toEqual({
      NAME: 'Alpaquita Linux',
      ID: 'alpaquita',
      PRETTY_NAME: 'Alpaquita Linux Stream',
      HOME_URL: 'https://example.test/"q"',
      LIBC_TYPE: 'musl',
    });
  });

  it('returns nothing for an empty file', () => {
    expect(parseOsRelease('')).toEqual({});
  });
});

describe('detectLibc', () => {
  it.each([
    [{ LIBC_TYPE: 'glibc' }, true, 'glibc'],
    [{ LIBC_TYPE: 'musl' }, false, 'musl'],
    [{ ID: 'alpine' }, true, 'musl'],
    [{ ID: 'debian' }, false, 'glibc'],
    [{ LIBC_TYPE: '' }, true, 'musl'],
  ])('%j with musl loader %s is %s', (osRelease, loader, expected) => {
    expect(detectLibc(osRelease, loader)).toBe(expected);
  });
});

describe('libc version strings', () => {
  it('reads the musl loader banner', () => {
    expect(
      parseMuslLoaderVersion('musl libc (x86_64)\nVersion 1.2.5\nDynamic Program Loader\nUsage: ...'),
    ).toBe('1.2.5');
    expect(parseMuslLoaderVersion('sh: not found')).toBeUndefined();
  });

  it('reads the glibc banner of upstream and distribution builds', () => {
    expect(parseGlibcVersion('GNU C Library (GNU libc) stable release version 2.37.\n')).toBe('2.37');
    expect(
      parseGlibcVersion('GNU C Library (Debian GLIBC 2.36-9+deb12u4) stable release version 2.36.'),
    ).toBe('2.36');
    expect(parseGlibcVersion('GNU C Library (GNU libc) release release version 2.38.9000.')).toBe(
      '2.38.9000',
    );
    expect(parseGlibcVersion('Segmentation fault')).toBeUndefined();
  });
});

describe('pickHighestVersion', () => {
  it.each([
    [['/lib/libmimalloc.so.2', '/lib/libmimalloc.so.2.1'], '/lib/libmimalloc.so.2.1'],
    [['/lib/libjemalloc.so.10', '/lib/libjemalloc.so.9'], '/lib/libjemalloc.so.10'],
    [['/lib/libmimalloc.so.1.7', '/lib/libmimalloc.so.2'], '/lib/libmimalloc.so.2'],
    [['/lib/librpmallocwrap.so'], '/lib/librpmallocwrap.so'],
    [['/usr/lib/libx.so.2', '/lib/libx.so.2'], '/usr/lib/libx.so.2'],
    [[], undefined],
  ])('%j -> %s', (paths, expected) => {
    expect(pickHighestVersion(paths)).toBe(expected);
    expect(pickHighestVersion([...paths].reverse())).toBe(expected);
  });
});

describe('firstGlobMatches', () => {
  const output = [
    '/lib/libtcmalloc.so.*\t/lib/libtcmalloc.so.4',
    '/lib/libtcmalloc_minimal.so.*\t/lib/libtcmalloc_minimal.so.4',
    '/lib/libtcmalloc_minimal.so.*\t/lib/libtcmalloc_minimal.so.4.5',
    'garbage line',
  ].join('\n');

  it('returns the matches of the first glob that has any, in the given order', () => {
    expect(firstGlobMatches(['/lib/libtcmalloc_minimal.so.*', '/lib/libtcmalloc.so.*'], output)).toEqual([
      '/lib/libtcmalloc_minimal.so.4',
      '/lib/libtcmalloc_minimal.so.4.5',
    ]);
    expect(firstGlobMatches(['/lib/none.so.*', '/lib/libtcmalloc.so.*'], output)).toEqual([
      '/lib/libtcmalloc.so.4',
    ]);
    expect(firstGlobMatches(['/lib/none.so.*'], output)).toEqual([]);
  });
});

describe('architectures', () => {
  it('maps docker names to uname and node names', () => {
    expect([unameArch('amd64'), unameArch('arm64'), unameArch('riscv64')]).toEqual([
      'x86_64',
      'aarch64',
      'riscv64',
    ]);
    expect([nodeArch('amd64'), nodeArch('arm64')]).toEqual(['x64', 'arm64']);
  });
});

describe('parseImageInspect', () => {
  it('prefers the registry digest and reads the architecture', () => {
    const json = JSON.stringify([
      { Id: 'sha256:abc', RepoDigests: ['img@sha256:def'], Architecture: 'arm64' },
    ]);
    expect(parseImageInspect('img', json)).toEqual({ digest: 'img@sha256:def', architecture: 'arm64' });
  });

  it('falls back to the image id for locally built images', () => {
    expect(parseImageInspect('img', JSON.stringify([{ Id: 'sha256:abc', RepoDigests: [] }]))).toEqual({
      digest: 'sha256:abc',
    });
    expect(parseImageInspect('img', JSON.stringify([{ Id: 'sha256:abc', RepoDigests: null }])).digest).toBe(
      'sha256:abc',
    );
  });

  it('names the image when the output is not what docker prints', () => {
    expect(() => parseImageInspect('img:1', 'not json')).toThrow(
      'docker image inspect img:1 printed invalid JSON',
    );
    expect(() => parseImageInspect('img:1', '[]')).toThrow(
      'docker image inspect img:1 printed an unexpected document',
    );
    expect(() => parseImageInspect('img:1', '[{"RepoDigests":[]}]')).toThrow('unexpected document');
  });
});

describe('pull retry policy', () => {
  it('retries three times, doubling the delay', () => {
    expect(PULL_RETRIES).toBe(3);
    expect([1, 2, 3].map(pullBackoffMs)).toEqual([2000, 4000, 8000]);
  });
});

describe('lastLine and tailLines', () => {
  it('skip blank lines', () => {
    expect(lastLine('a\nb\n\n  \n')).toBe('b');
    expect(lastLine('')).toBe('');
    expect(tailLines('1\n2\n\n3\n4\n', 2)).toEqual(['3', '4']);
  });
});

describe('Alpaquita image tags', () => {
  // Stream, the plain libc tags, dated stream tags and LTS releases (mimalloc 1.x there), from
  // Docker Hub and GHCR: every one is accepted as the musl or glibc image, and kept as given.
  it.each([
    ['bellsoft/alpaquita-linux-base:stream-musl', 'bellsoft/alpaquita-linux-base:stream-glibc'],
    ['bellsoft/alpaquita-linux-base:musl', 'bellsoft/alpaquita-linux-base:glibc'],
    ['bellsoft/alpaquita-linux-base:stream-musl-230404', 'bellsoft/alpaquita-linux-base:stream-glibc-230404'],
    ['bellsoft/alpaquita-linux-base:23-musl', 'bellsoft/alpaquita-linux-base:23-glibc'],
    ['ghcr.io/bell-sw/alpaquita-linux-base:23-musl', 'ghcr.io/bell-sw/alpaquita-linux-base:23-glibc'],
  ])('%s and %s', (musl, glibc) => {
    const inputs: Record<string, string> = { run: './bench', 'image-musl': musl, 'image-glibc': glibc };
    const config = parseConfig((name) => inputs[name], {
      label: (name) => `input '${name}'`,
      randomSeed: () => 1,
    });
    expect(config.images).toEqual({ musl, glibc });
  });
});
