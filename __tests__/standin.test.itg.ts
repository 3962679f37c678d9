// The stand-in Alpaquita images must behave like the real ones in every way the docker
// executor relies on: os-release flavour, busybox sh and time, apk add with library globs,
// a missing rpmalloc, and a C compiler whose programs honour LD_PRELOAD.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from '@jest/globals';
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

describe('parseStandinImages', () => {
  it('reads the three image lines wherever they are in the output', () => {
    const out = 'noise\nMUSL_IMAGE=r:musl-1\nGLIBC_IMAGE=r:glibc-1\nWRONGLIBC_IMAGE=r:wronglibc-1\n';
    expect(parseStandinImages(out)).toEqual({
      musl: 'r:musl-1',
      glibc: 'r:glibc-1',
      wrongLibc: 'r:wronglibc-1',
    });
  });

  it('names the missing line', () => {
    expect(() => parseStandinImages('MUSL_IMAGE=a\nGLIBC_IMAGE=b\n')).toThrow(
      /lacks WRONGLIBC_IMAGE=<image>/,
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

    it(`lists ${libcPackage} in the apk database`, async () => {
      const run = await dockerRun(image(), 'cat /lib/apk/db/installed');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^P:${libcPackage}\\nV:\\S+`, 'm'));
      // The standard format: one blank line between package records.
      expect(run.stdout.split('\n\n').filter((r) => r.startsWith('P:')).length).toBeGreaterThan(3);
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
          'apk info -e jemalloc mimalloc mimalloc-secure && grep -A1 "^P:jemalloc$" /lib/apk/db/installed',
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

    it('refuses rpmalloc and -global packages like apk does, installing nothing', async () => {
      const run = await dockerRun(
        image(),
        'apk add --no-cache jemalloc rpmalloc; echo rc=$?; apk add jemalloc-global; echo rc=$?; apk info -e jemalloc; echo info=$?',
      );
      expect(run.stdout).toContain('rc=1\nrc=1\ninfo=1');
      expect(run.stderr).toContain('ERROR: unable to select packages:');
      expect(run.stderr).toContain('rpmalloc (no such package)');
      expect(run.stderr).toContain('jemalloc-global (no such package)');
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
