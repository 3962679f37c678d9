// The stand-in Alpaquita images must behave like the real ones in every way the docker
// executor relies on: os-release flavour, busybox sh and time, apk's database where Alpaquita
// keeps it, apk add with library globs, apk-tools 2 and 3 output, a missing rpmalloc, and a C
// compiler whose programs honour LD_PRELOAD.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { apkFailureReason, parseApkInfoVerbose, parseApkInstalled } from '../src/executors/docker/apk.js';
import {
  BUILD_TIMEOUT_MS,
  ensureStandinImages,
  parseStandinImages,
  stderrTail,
  type StandinImages,
} from './support/standin.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `docker run --rm IMAGE sh -c SCRIPT`, with INPUT on stdin; never throws on a non-zero exit. */
function dockerRun(image: string, script: string, input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['run', '--rm', '-i', image, 'sh', '-c', script]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function osRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) fields.set(match[1], match[2].replace(/^"(.*)"$/, '$1'));
  }
  return fields;
}

// Prints every mapping of this process whose path contains argv[1], after a malloc/free
// so the allocator has really been used.
const MAPS_PROGRAM = `
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  char *block = malloc(4096);
  if (block == NULL || argc < 2) return 2;
  memset(block, 1, 4096);
  free(block);
  FILE *maps = fopen("/proc/self/maps", "r");
  if (maps == NULL) return 3;
  char line[1024];
  while (fgets(line, sizeof line, maps) != NULL) {
    char *path = strchr(line, '/');
    if (path != NULL && strstr(path, argv[1]) != NULL) printf("mapped %s", path);
  }
  fclose(maps);
  return 0;
}
`;

const APK_DB = '/var/lib/apk/db/installed';

describe('parseStandinImages', () => {
  const all = [
    'MUSL_IMAGE=r:musl-1',
    'GLIBC_IMAGE=r:glibc-1',
    'MUSL_APK3_IMAGE=r:musl-1-apk3',
    'GLIBC_APK3_IMAGE=r:glibc-1-apk3',
    'WRONGLIBC_IMAGE=r:wronglibc-1',
    'LTS_MUSL_IMAGE=r:lts-musl-1',
    'MOVEDDB_IMAGE=r:movedb-musl-1-apk3',
  ];

  it('reads every image line wherever it is in the output', () => {
    expect(parseStandinImages(`noise\n${all.join('\n')}\n`)).toEqual({
      musl: 'r:musl-1',
      glibc: 'r:glibc-1',
      muslApk3: 'r:musl-1-apk3',
      glibcApk3: 'r:glibc-1-apk3',
      wrongLibc: 'r:wronglibc-1',
      ltsMusl: 'r:lts-musl-1',
      movedDb: 'r:movedb-musl-1-apk3',
    });
  });

  it('names the missing line', () => {
    expect(() => parseStandinImages(all.filter((l) => !l.startsWith('LTS')).join('\n'))).toThrow(
      /lacks LTS_MUSL_IMAGE=<image>/,
    );
  });
});

describe('stderrTail', () => {
  it('keeps the last non-empty lines on one line', () => {
    expect(stderrTail('a\n\nb\nc\n', 2)).toBe('b | c');
    expect(stderrTail('')).toBe('(no stderr)');
  });
});

describe('stand-in Alpaquita images', () => {
  let images: StandinImages;

  beforeAll(async () => {
    images = await ensureStandinImages();
  }, BUILD_TIMEOUT_MS);

  const flavours = [
    {
      libc: 'musl',
      image: () => images.musl,
      libcPackage: 'musl-perf',
      interpreter: '/lib/ld-musl-x86_64.so.1',
    },
    {
      libc: 'glibc',
      image: () => images.glibc,
      libcPackage: 'glibc',
      interpreter: '/lib64/ld-linux-x86-64.so.2',
    },
  ] as const;

  describe.each(flavours)('$libc image', ({ libc, image, libcPackage, interpreter }) => {
    it('identifies itself as Alpaquita stream with its libc in /etc/os-release', async () => {
      const run = await dockerRun(image(), 'cat /etc/os-release');
      expect(run.code).toBe(0);
      const fields = osRelease(run.stdout);
      expect(fields.get('ID')).toBe('alpaquita');
      expect(fields.get('ID_LIKE')).toBe('alpine');
      expect(fields.get('VERSION_ID')).toBe('stream');
      expect(fields.get('LIBC_TYPE')).toBe(libc);
    });

    it(`lists ${libcPackage} in apk's database at Alpaquita's path, and nowhere else`, async () => {
      const run = await dockerRun(
        image(),
        `cat ${APK_DB}; for f in /lib/apk/db/installed /usr/lib/apk/db/installed; do test -e $f && echo "also $f"; done; true`,
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^P:${libcPackage}\\nV:\\S+`, 'm'));
      // The standard format: one blank line between package records.
      expect(run.stdout.split('\n\n').filter((r) => r.startsWith('P:')).length).toBeGreaterThan(3);
      expect(run.stdout).not.toContain('also ');
    });

    it('runs busybox sh with $EPOCHREALTIME and busybox time with -f and -o', async () => {
      const run = await dockerRun(
        image(),
        'echo "$EPOCHREALTIME"; /usr/bin/time -f "%e %U %S %M" -o /tmp/t sleep 0; cat /tmp/t; readlink /bin/sh',
      );
      expect(run.code).toBe(0);
      const [epoch, timing] = run.stdout.split('\n');
      expect(epoch).toMatch(/^\d{10}\.\d{6}$/);
      expect(timing).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+$/);
      expect(run.stdout).toContain('busybox');
    });

    it('installs jemalloc, mimalloc and mimalloc-secure where the catalogue globs look', async () => {
      const run = await dockerRun(
        image(),
        'ls /lib/libjemalloc.so.* /lib/libmimalloc.so.* /lib/libmimalloc-secure.so.* 2>/dev/null; echo before=$?; ' +
          'apk add --no-cache jemalloc mimalloc mimalloc-secure && ' +
          'for g in /lib/libjemalloc.so.* /lib/libmimalloc.so.* /lib/libmimalloc-secure.so.*; do echo "lib $g"; done && ' +
          `apk info -e jemalloc mimalloc mimalloc-secure && grep -A1 "^P:jemalloc$" ${APK_DB}`,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('before=1'); // nothing preinstalled: the install is what put them there
      const libs = run.stdout
        .split('\n')
        .filter((l) => l.startsWith('lib '))
        .map((l) => l.slice(4));
      expect(libs).toContain('/lib/libjemalloc.so.2');
      expect(libs.some((l) => /^\/lib\/libmimalloc\.so\.2(\.\d+)?$/.test(l))).toBe(true);
      expect(libs.some((l) => /^\/lib\/libmimalloc-secure\.so\.2(\.\d+)?$/.test(l))).toBe(true);
      expect(libs.every((l) => !l.includes('*'))).toBe(true);
      expect(run.stdout).toMatch(/^jemalloc\nmimalloc\nmimalloc-secure$/m);
      expect(run.stdout).toMatch(/^P:jemalloc\nV:\d+\.\d+\.\d+-r\d+$/m);
    });

    it('refuses rpmalloc like apk does, installing nothing', async () => {
      const run = await dockerRun(
        image(),
        'apk add --no-cache jemalloc rpmalloc; echo rc=$?; apk info -e jemalloc; echo info=$?',
      );
      expect(run.stdout).toContain('rc=1\ninfo=1');
      expect(run.stderr).toContain('ERROR: unable to select packages:\n  rpmalloc (no such package):\n');
      expect(run.stderr).not.toMatch(/^\s*jemalloc \(no such package\)/m);
    });

    it(`compiles C with cc into a program (interpreter ${interpreter}) that honours LD_PRELOAD`, async () => {
      const run = await dockerRun(
        image(),
        'set -e; cd /tmp; cat > bench.c; cc -O2 -o bench bench.c; ' +
          'readelf -l bench | sed -n "s/.*program interpreter: \\(.*\\)]/interp \\1/p"; ' +
          'apk add -q --no-cache jemalloc; ' +
          'echo "-- preloaded"; LD_PRELOAD=/lib/libjemalloc.so.2 ./bench libjemalloc; ' +
          'echo "-- plain"; ./bench libjemalloc',
        MAPS_PROGRAM,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`interp ${interpreter}\n`);
      const [, preloaded = '', plain = ''] = run.stdout.split(/^-- (?:preloaded|plain)\n/m);
      expect(preloaded).toMatch(/^mapped \/(usr\/)?lib\/libjemalloc\.so\.2$/m);
      expect(plain).not.toContain('libjemalloc');
    });
  });

  describe.each([
    {
      generation: 'apk-tools 2',
      banner: 'apk-tools 2.14.3, compiled for x86_64.',
      images: () => [images.musl, images.glibc],
    },
    {
      generation: 'apk-tools 3',
      banner: 'apk-tools 3.0.1-r2, compiled for x86_64.',
      images: () => [images.muslApk3, images.glibcApk3],
    },
  ])('apk imitating $generation', ({ generation, banner, images: pair }) => {
    const is3 = generation.endsWith('3');

    it('says which apk-tools it is, in its version and in its own package record', async () => {
      for (const image of pair()) {
        const run = await dockerRun(image, 'apk --version; apk info -v | grep ^apk-tools-');
        expect(run.stdout).toBe(`${banner}\napk-tools-${is3 ? '3.0.1-r2' : '2.14.3-r1'}\n`);
      }
    });

    it('lists installed packages with `apk info -v` exactly as its database holds them', async () => {
      for (const image of pair()) {
        const run = await dockerRun(
          image,
          `apk add -q jemalloc && apk --no-network info -v && echo -- && cat ${APK_DB}`,
        );
        expect(run.code).toBe(0);
        const [listed, db] = run.stdout.split('--\n');
        expect(parseApkInfoVerbose(listed)).toEqual(parseApkInstalled(db));
        expect(parseApkInfoVerbose(listed).get('jemalloc')).toMatch(/^\d+\.\d+\.\d+-r\d+$/);
      }
    });

    it('fails for a missing package, an unreachable repository and a -global conflict, each read as one line', async () => {
      const run = await dockerRun(
        pair()[0],
        'apk add rpmalloc 2>&1; echo "-- $?"; ' +
          'apk add -q jemalloc-global && apk add mimalloc-global 2>&1; echo "-- $?"; ' +
          'echo https://packages.example.invalid/alpaquita/musl/stream/core > /etc/apk/repositories; ' +
          'apk add mimalloc-secure 2>&1; echo "-- $?"',
      );
      const [missing, conflict, unreachable] = run.stdout.split(/^-- \d+\n/m);
      expect(run.stdout.match(/^-- \d+$/gm)).toEqual(['-- 1', '-- 1', '-- 1']);
      expect(apkFailureReason('', missing, 1)).toBe('unable to select packages: rpmalloc (no such package)');
      expect(apkFailureReason('', conflict, 1)).toMatch(
        /^unable to select packages: jemalloc-global-\S+ conflicts with mimalloc-global-\S+\[malloc-global=1\]$/,
      );
      const index = 'https://packages.example.invalid/alpaquita/musl/stream/core';
      expect(unreachable).toContain(
        is3
          ? `WARNING: fetching ${index}/x86_64/APKINDEX.tar.gz: DNS error (try again later)\n`
          : `WARNING: fetching ${index}: DNS lookup error\n`,
      );
      expect(apkFailureReason('', unreachable, 1)).toBe(
        `mimalloc-secure not found while repository ${index}${is3 ? '/x86_64/APKINDEX.tar.gz' : ''} could not be reached: ${is3 ? 'DNS error (try again later)' : 'DNS lookup error'}`,
      );
    });
  });

  it('LTS image: VERSION_ID=23, and its mimalloc installs as a 1.x library (.so.1)', async () => {
    const run = await dockerRun(
      images.ltsMusl,
      'grep ^VERSION_ID= /etc/os-release; apk add -q mimalloc && for g in /lib/libmimalloc.so.*; do echo "lib $g"; done; readlink -f /lib/libmimalloc.so.1',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'VERSION_ID=23\nlib /lib/libmimalloc.so.1\nlib /lib/libmimalloc.so.1.9\n/usr/lib/libmimalloc.so.1.9\n',
    );
  });

  it('moved-database image: no database at any known path, yet apk lists the packages', async () => {
    const run = await dockerRun(
      images.movedDb,
      'for f in /var/lib/apk/db/installed /lib/apk/db/installed /usr/lib/apk/db/installed; do test -e $f && echo "found $f"; done; apk info -v',
    );
    expect(run.stdout).not.toContain('found ');
    expect(parseApkInfoVerbose(run.stdout).get('musl-perf')).toMatch(/^\d/);
  });

  it("musl programs map musl's libc and nothing of glibc", async () => {
    const run = await dockerRun(
      images.musl,
      'set -e; cd /tmp; cat > bench.c; cc -o bench bench.c; ./bench musl; ./bench libc.so.6; ./bench ld-linux; echo end',
      MAPS_PROGRAM,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^mapped \/(usr\/)?lib\/(x86_64-linux-musl\/libc\.so|ld-musl-x86_64\.so\.1)$/m,
    );
    expect(run.stdout).not.toContain('libc.so.6');
    expect(run.stdout).not.toContain('ld-linux');
  });

  it('wrong-libc image claims glibc in os-release but runs musl', async () => {
    const run = await dockerRun(images.wrongLibc, 'cat /etc/os-release; ls /lib/ld-musl-x86_64.so.1');
    expect(run.code).toBe(0);
    expect(osRelease(run.stdout).get('LIBC_TYPE')).toBe('glibc');
    expect(run.stdout).toContain('/lib/ld-musl-x86_64.so.1');
  });
});
