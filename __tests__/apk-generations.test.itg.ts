// The docker executor's allocator resolution against the stand-in images in their real layout
// (apk's database under /var/lib/apk), with apk imitating apk-tools 2 and apk-tools 3: every
// version comes from apk itself, the musl flavour is found, and each way `apk add` fails ends
// in one clear line. Also an LTS release whose mimalloc is 1.x (.so.1), and a database at a
// path no file reader knows.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseApkInfoVerbose } from '../src/executors/docker/apk.js';
import { createDockerClient, createDockerExecutor } from '../src/executors/docker/index.js';
import type { EnvironmentInfo, LibcName, RunRecord } from '../src/results/model.js';
import type { PreparedEnvironment } from '../src/measure/executor.js';
import type { ProcessResult } from '../src/process/run-process.js';
import { dockerEngineUp } from './support/engine.js';
import { ensureStandinImages, type StandinImages } from './support/standin.js';

const docker = createDockerClient();
const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

const ALL = ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'];
const PACKAGED = ['mimalloc', 'mimalloc-secure', 'jemalloc'];
const DB_PATHS = ['/var/lib/apk/db/installed', '/lib/apk/db/installed', '/usr/lib/apk/db/installed'];
const UNREACHABLE = 'https://packages.example.invalid/alpaquita/musl/stream/core';
const derivedImages: string[] = [];
let sequence = 0;

// Prints every mapping whose path contains argv[1], after using malloc.
const MAPS_PROGRAM = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  char *p = malloc(100); if (!p || argc < 2) return 2; memset(p, 1, 100); free(p);
  FILE *maps = fopen("/proc/self/maps", "r"); char line[1024];
  while (maps && fgets(line, sizeof line, maps)) if (strstr(line, argv[1])) fputs(line, stdout);
  return 0;
}
`;

interface Prepared {
  env: PreparedEnvironment;
  lines: string[];
  /** `apk info -v` as run in the container by the test itself, after the executor's installs. */
  apkSays: () => Promise<Map<string, string>>;
  exec: (argv: string[]) => Promise<ProcessResult>;
}

/** Prepares one libc environment of `image`, runs `check` on it, and always cleans up. */
async function withEnvironment(
  libc: LibcName,
  image: string,
  request: { allocators?: string[]; trees?: Record<string, string>; setup?: string },
  check: (prepared: Prepared) => Promise<void> | void,
): Promise<void> {
  const runId = `apkgen${process.pid}n${++sequence}`;
  const lines: string[] = [];
  const executor = createDockerExecutor({
    runId,
    images: { musl: image, glibc: image },
    pull: 'never',
    env: {},
    containersAtOnce: 1,
    pidsLimit: 4096,
    log: {
      info: (l) => lines.push(l),
      warning: (l) => lines.push(`warning: ${l}`),
      group: (_name, fn) => fn(),
    },
  });
  try {
    const env = await executor.prepare({
      libc,
      trees: request.trees ?? {},
      workingDirectory: '.',
      ...(request.setup ? { setup: request.setup } : {}),
      allocators: (request.allocators ?? ALL).map((name) => ({ name })),
    });
    expect(env.info.failure).toBeUndefined();
    const container = `malloc-matrix-${runId}-${libc}`;
    const exec = (argv: string[]) => docker.run(['exec', container, ...argv]);
    const apkSays = async () => parseApkInfoVerbose((await exec(['apk', 'info', '-v'])).stdout);
    await check({ env, lines, apkSays, exec });
  } finally {
    await executor.cleanup();
  }
}

/** An image built FROM `base` with extra RUN lines, removed after the tests. */
function derive(base: string, name: string, run: string): string {
  const tag = `malloc-matrix-standin-fault:${name}-${process.pid}`;
  execFileSync('docker', ['build', '--quiet', '--tag', tag, '-'], {
    input: `FROM ${base}\nRUN ${run}\n`,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  derivedImages.push(tag);
  return tag;
}

function versionsOf(info: EnvironmentInfo): Record<string, string | undefined> {
  return Object.fromEntries(PACKAGED.map((name) => [name, info.allocators[name]?.version]));
}

describeWithEngine('allocators on the stand-ins, both apk generations', () => {
  let images: StandinImages;

  beforeAll(async () => {
    images = await ensureStandinImages();
  }, 50 * 60_000);

  afterAll(() => {
    if (derivedImages.length > 0)
      execFileSync('docker', ['rmi', '--force', ...derivedImages], { stdio: 'ignore' });
  });

  describe.each([
    {
      generation: 'apk-tools 2',
      short: 'apk2',
      apkTools: /^2\.14\./,
      musl: () => images.musl,
      glibc: () => images.glibc,
    },
    {
      generation: 'apk-tools 3',
      short: 'apk3',
      apkTools: /^3\.0\./,
      musl: () => images.muslApk3,
      glibc: () => images.glibcApk3,
    },
  ])('$generation', ({ short, apkTools, musl, glibc }) => {
    it.each(['musl', 'glibc'] as const)(
      '%s: every packaged allocator ready with the version apk reports; rpmalloc missing, said in one line',
      async (libc) => {
        await withEnvironment(
          libc,
          libc === 'musl' ? musl() : glibc(),
          {},
          async ({ env, lines, apkSays }) => {
            const { allocators } = env.info;
            expect(Object.keys(allocators)).toEqual(ALL);
            for (const name of PACKAGED) {
              expect(allocators[name]).toMatchObject({
                status: 'ready',
                library: expect.stringMatching(new RegExp(`^/usr/lib/lib${name}\\.so\\.\\d`)),
                version: expect.stringMatching(/^\d+\.\d+\.\d+-r\d+$/),
              });
            }
            const apk = await apkSays();
            expect(apk.get('apk-tools')).toMatch(apkTools);
            expect(versionsOf(env.info)).toEqual(
              Object.fromEntries(PACKAGED.map((name) => [name, apk.get(name)])),
            );
            expect(allocators.rpmalloc).toEqual({
              status: 'unavailable',
              reason: 'apk add rpmalloc failed: unable to select packages: rpmalloc (no such package)',
            });
            expect(lines).toContainEqual(
              expect.stringMatching(/^\d+ installed packages, listed by apk --no-network info -v$/),
            );
            expect(env.info.muslFlavor).toBe(libc === 'musl' ? 'musl-perf' : undefined);
            expect(env.info.osRelease?.ID).toBe('alpaquita');
          },
        );
      },
      300_000,
    );

    it('a repository that cannot be reached makes each allocator unavailable, naming the repository', async () => {
      const image = derive(musl(), `unreachable-${short}`, `echo ${UNREACHABLE} > /etc/apk/repositories`);
      await withEnvironment('musl', image, { allocators: ['default', 'jemalloc', 'mimalloc'] }, ({ env }) => {
        const { allocators } = env.info;
        expect(allocators.default).toEqual({ status: 'ready' });
        for (const name of ['jemalloc', 'mimalloc']) {
          expect(allocators[name]?.status).toBe('unavailable');
          expect(allocators[name]?.reason).toMatch(
            new RegExp(
              `^apk add ${name} failed: ${name} not found while repository ${UNREACHABLE}\\S* could not be reached: .+$`,
            ),
          );
        }
        // Offline, apk still lists what is installed.
        expect(env.info.muslFlavor).toBe('musl-perf');
      });
    }, 300_000);

    it('a conflicting -global provider in the world fails the install with the conflict in one line', async () => {
      // jemalloc-global (and with it jemalloc) installed; mimalloc-global wanted too: two malloc-global providers.
      const image = derive(
        musl(),
        `conflict-${short}`,
        'apk add -q jemalloc-global && echo mimalloc-global >> /etc/apk/world',
      );
      await withEnvironment(
        'musl',
        image,
        { allocators: ['jemalloc', 'mimalloc'] },
        async ({ env, lines, apkSays }) => {
          const { allocators } = env.info;
          const conflict =
            /^apk add mimalloc failed: unable to select packages: jemalloc-global-\S+ conflicts with mimalloc-global-\S+\[malloc-global=1\]$/;
          expect(allocators.mimalloc?.status).toBe('unavailable');
          expect(allocators.mimalloc?.reason).toMatch(conflict);
          // jemalloc came with jemalloc-global: its library and its version are the image's own.
          expect(allocators.jemalloc).toMatchObject({
            status: 'ready',
            version: (await apkSays()).get('jemalloc'),
          });
          expect(lines).toContainEqual(
            expect.stringMatching(
              /^apk add jemalloc failed: .*conflicts with.*; using \/lib\/libjemalloc\.so\.2/,
            ),
          );
        },
      );
    }, 300_000);
  });

  it('a database at a path no reader knows: versions and the musl flavour still come from apk', async () => {
    await withEnvironment('musl', images.movedDb, {}, async ({ env, exec, apkSays }) => {
      for (const file of DB_PATHS) expect((await exec(['test', '-e', file])).exitCode).toBe(1);
      const apk = await apkSays();
      expect(apk.size).toBeGreaterThan(5);
      expect(versionsOf(env.info)).toEqual(Object.fromEntries(PACKAGED.map((name) => [name, apk.get(name)])));
      for (const name of PACKAGED) expect(env.info.allocators[name]?.version).toMatch(/^\d/);
      expect(env.info.muslFlavor).toBe('musl-perf');
    });
  }, 300_000);

  it('an LTS release: accepted as the musl image, its mimalloc 1.x found by .so.1 and preloaded', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'mm-lts-'));
    try {
      mkdirSync(path.join(workspace, 'head'));
      writeFileSync(path.join(workspace, 'head', 'maps.c'), MAPS_PROGRAM);
      await withEnvironment(
        'musl',
        images.ltsMusl,
        {
          allocators: ['default', 'mimalloc'],
          trees: { head: path.join(workspace, 'head') },
          setup: 'cc -O2 -o maps maps.c',
        },
        async ({ env, apkSays }) => {
          expect(env.info.osRelease?.VERSION_ID).toBe('23');
          expect(env.info.muslFlavor).toBe('musl-perf');
          expect(env.info.allocators.mimalloc).toEqual({
            status: 'ready',
            library: '/usr/lib/libmimalloc.so.1.9',
            version: (await apkSays()).get('mimalloc'),
          });
          expect(env.treeFailures).toEqual({});
          const library = env.info.allocators.mimalloc?.library;
          const records: RunRecord[] = [];
          await env.runBatch(
            {
              variants: [
                {
                  id: 'musl/mimalloc/head',
                  argv: ['/bin/sh', '-c', './maps libmimalloc'],
                  cwd: env.treeDirs.head!,
                  env: {},
                  preload: library,
                  shell: '/bin/sh',
                  timeoutMs: 60_000,
                },
              ],
              runs: [{ variantId: 'musl/mimalloc/head', kind: 'proof', round: -1, position: 0 }],
            },
            (r) => {
              if ('record' in r) records.push(r.record);
            },
          );
          expect(records).toHaveLength(1);
          expect(records[0].exitCode).toBe(0);
          expect(records[0].processes).toContainEqual(
            expect.objectContaining({ exe: '/mm/head/maps', mapped: true }),
          );
        },
      );
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 300_000);
});
