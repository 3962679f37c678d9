// The allocation profiler for real: harness/mm-profiler.c built on this machine, preloaded in
// the stand-in musl and glibc images in front of each allocator, driven by the profiling runs of
// src/measure/profile-run.ts through the docker executor. The program under test
// (__tests__/fixtures/alloc-counts.c) makes a known number of calls of known sizes.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDockerClient } from '../src/executors/docker/client.js';
import { createDockerExecutor } from '../src/executors/docker/index.js';
import { dockerProfilerAccess } from '../src/executors/docker/profiler.js';
import type { Executor, PreparedEnvironment, Variant } from '../src/measure/executor.js';
import { allocationResults, profileEnvironment, type ProfileRequest } from '../src/measure/profile-run.js';
import { MeasurementSession } from '../src/measure/session.js';
import { parseConfig } from '../src/config/parse.js';
import type { InputName } from '../src/config/names.js';
import type { AllocationProfile, CellResult, LibcName, Results } from '../src/results/model.js';
import type { ProfileSummary } from '../src/results/profile-model.js';
import { CLI, runNode, tempDir } from './support/bench.js';
import { containersTagged, removeContainers, TAG_VAR, uniqueTag } from './support/docker-e2e.js';
import { dockerEngineUp } from './support/engine.js';
import { run } from './fixtures/results.js';
import { ensureStandinImages, standinCliArgs, type StandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;
const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'alloc-counts.c');
const ALLOCATORS = ['default', 'jemalloc', 'mimalloc'];
/** LIVE_FOLD in harness/mm-profiler.c: how far one thread's live bytes may drift before they are
 * added to the process total. */
const PROFILER_LIVE_FOLD = 4096;
const PROGRAMS = {
  basic: ['./alloc-counts', 'basic'],
  fork: ['./alloc-counts', 'fork'],
  vfork: ['./alloc-counts', 'vfork'],
  threads: ['./alloc-counts', 'threads'],
  static: ['./alloc-counts-static', 'basic'],
} as const;
type Program = keyof typeof PROGRAMS;

const silent = {
  info: () => undefined,
  warning: () => undefined,
  group: <T>(_: string, fn: () => Promise<T>) => fn(),
};
const noProgress = { batchStart: () => undefined, runDone: () => undefined, batchEnd: () => undefined };

/** Calls of one exact size of one kind, summed over the run's processes. */
/** A docker executor on the stand-in images, both libcs' containers at once, logging nothing. */
function standinExecutor(images: StandinImages, runId: string): Executor {
  return createDockerExecutor({
    runId,
    images: { musl: images.musl, glibc: images.glibc },
    pull: 'never',
    containersAtOnce: 2,
    pidsLimit: 4096,
    env: {},
    log: silent,
  });
}

function callsOfSize(summary: ProfileSummary | undefined, kind: string, size: number): number | undefined {
  return summary?.kinds[kind]?.topSizes.find(([s]) => s === size)?.[1];
}

/** Every program as its own "cell" under every allocator, profiled in one batch. */
async function profileAll(env: PreparedEnvironment, libc: LibcName): Promise<Map<string, AllocationProfile>> {
  const variants: ProfileRequest['variants'] = new Map();
  const cells = new Map<string, CellResult>();
  const keys = new Map<string, string>();
  for (const program of Object.keys(PROGRAMS) as Program[]) {
    for (const allocator of ALLOCATORS) {
      const library = env.info.allocators[allocator]?.library;
      // A "cell" per program: its allocator name carries the program, so the profiles stay apart.
      const name = `${allocator}+${program}`;
      const id = `${libc}/${name}/head`;
      const variant: Variant = {
        id,
        argv: [...PROGRAMS[program]],
        cwd: env.treeDirs.head!,
        env: {},
        timeoutMs: 60_000,
        ...(allocator !== 'default' && library ? { preload: library } : {}),
      };
      (variants as Map<string, { variant: Variant; libc: LibcName }>).set(id, { variant, libc });
      // As after its timed rounds: one successful measured run.
      const runs = [run('measured', 0, 10, 1024)];
      cells.set(id, { libc, allocator: name, tree: 'head', status: 'ok', runs, failedRuns: 0 });
      keys.set(name, id);
    }
  }
  const profiles = await profileEnvironment({
    libc,
    config: { profile: 'all' },
    env,
    variants,
    cells,
    progress: noProgress,
  });
  return new Map(profiles.map((p) => [p.allocator, p]));
}

describeWithEngine('the allocation profiler in the stand-in images', () => {
  let executor: Executor;
  let workspace: string;
  const results = new Map<LibcName, Map<string, AllocationProfile>>();

  beforeAll(async () => {
    const images = await ensureStandinImages();
    workspace = mkdtempSync(path.join(tmpdir(), 'mm-profiler-itg-'));
    copyFileSync(FIXTURE, path.join(workspace, 'alloc-counts.c'));
    executor = standinExecutor(images, `prof${process.pid}`);
    for (const libc of ['musl', 'glibc'] as const) {
      const env = await executor.prepare({
        libc,
        trees: { head: workspace },
        workingDirectory: '.',
        setup:
          'cc -O2 -fno-builtin -pthread -o alloc-counts alloc-counts.c && ' +
          'cc -O2 -fno-builtin -pthread -static -o alloc-counts-static alloc-counts.c',
        allocators: ALLOCATORS.map((name) => ({ name })),
      });
      if (env.info.failure) throw new Error(`${libc}: ${env.info.failure}`);
      if (env.treeFailures.head) throw new Error(`${libc}: ${env.treeFailures.head}`);
      results.set(libc, await profileAll(env, libc));
      await env.dispose();
    }
  }, 50 * 60_000);

  afterAll(async () => {
    await executor?.cleanup();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  const cases = (['musl', 'glibc'] as const).flatMap((libc) => ALLOCATORS.map((a) => [libc, a] as const));

  it.each(cases)('%s / %s: exact counts of every call kind, the first being a calloc', (libc, allocator) => {
    const profile = results.get(libc)?.get(`${allocator}+basic`);
    expect(profile?.status).toBe('ok');
    const s = profile?.summary;
    expect(callsOfSize(s, 'malloc', 4001)).toBe(1000);
    // The program's very first allocation, made while the profiler resolves the next calloc.
    expect(callsOfSize(s, 'calloc', 333)).toBe(1);
    expect(callsOfSize(s, 'calloc', 3010)).toBe(200);
    expect(s?.kinds.realloc).toMatchObject({ calls: 200, bytes: 100 * 5001 + 100 * 6001 });
    expect(s?.kinds.posix_memalign).toMatchObject({ calls: 7, bytes: 7 * 7001 });
    expect(s?.kinds.aligned_alloc).toMatchObject({ calls: 5, bytes: 5 * 6400 });
    expect(s?.kinds.memalign).toMatchObject({ calls: 3, bytes: 3 * 3003 });
    expect(s?.kinds.valloc).toMatchObject({ calls: 2, bytes: 2 * 2002 });
    expect(s?.kinds.reallocarray).toMatchObject({ calls: 4, bytes: 4 * 1230 });
    // Bucket 12 holds [2048, 4096): the 3010-byte callocs; bucket 13 [4096, 8192): 4001 and more.
    expect(s?.kinds.calloc?.histogram[12]).toBe(200);
    expect(s?.processes).toHaveLength(1);
    expect(s?.peakLiveBytes).toBeGreaterThanOrEqual(7001);
    expect(profile?.repeats).toHaveLength(1);
  });

  it.each(cases)('%s / %s: follows fork and exec, one record per process image', (libc, allocator) => {
    const s = results.get(libc)?.get(`${allocator}+fork`)?.summary;
    expect(callsOfSize(s, 'malloc', 1111)).toBe(10);
    expect(callsOfSize(s, 'malloc', 2222)).toBe(20);
    expect(callsOfSize(s, 'malloc', 3333)).toBe(30);
    expect(callsOfSize(s, 'malloc', 4444)).toBe(40);
    const endings = (s?.processes ?? []).map((p) => p.ending).sort();
    expect(endings).toEqual(['exec', 'exit', 'exit']);
    const child = s?.processes.filter((p) => p.ending === 'exec')[0];
    const parent = s?.processes.find((p) => p.pid === child?.ppid);
    expect(parent).toBeDefined();
  });

  it.each(cases)('%s / %s: a vfork child leaves the counts to its parent', (libc, allocator) => {
    const s = results.get(libc)?.get(`${allocator}+vfork`)?.summary;
    expect(callsOfSize(s, 'malloc', 1111)).toBe(10);
    expect(callsOfSize(s, 'malloc', 3333)).toBe(30);
    expect(callsOfSize(s, 'malloc', 4444)).toBe(40);
    // Two records: the parent's, with its calls before and after the child, and the exec'd
    // program's. An allocator may add a call of its own per process (jemalloc does).
    const processes = [...(s?.processes ?? [])].sort((a, b) => a.calls - b.calls);
    expect(processes.map((p) => p.ending)).toEqual(['exit', 'exit']);
    expect(processes[0].calls - 30).toBeLessThanOrEqual(1);
    expect(processes[1].calls - 50).toBeLessThanOrEqual(1);
    expect(processes[0].ppid).toBe(processes[1].pid);
  });

  it.each(cases)('%s / %s: counts 4 threads exactly, over 3 profiling runs', (libc, allocator) => {
    const profile = results.get(libc)?.get(`${allocator}+threads`);
    expect(callsOfSize(profile?.summary, 'malloc', 7777)).toBe(4000);
    expect(profile?.summary?.threads).toBeGreaterThanOrEqual(4);
    expect(profile?.repeats).toHaveLength(3);
  });

  it.each(cases)('%s / %s: the peak of live bytes adds up what 4 threads hold at once', (libc, allocator) => {
    // Each thread holds 7 x 7777 B at the same moment (less than 64 KiB each). The profiler keeps
    // live bytes per thread and folds them into the process total every PROFILER_LIVE_FOLD bytes,
    // so the peak it reports may be short of the truth by that much per thread, and no more.
    const held = 4 * 7 * 7777;
    const peak = results.get(libc)?.get(`${allocator}+threads`)?.summary?.peakLiveBytes ?? 0;
    expect(peak).toBeGreaterThanOrEqual(held - 4 * PROFILER_LIVE_FOLD);
  });

  it.each(cases)('%s / %s: a statically linked program is not-applied', (libc, allocator) => {
    const profile = results.get(libc)?.get(`${allocator}+static`);
    expect(profile?.status).toBe('not-applied');
    expect(profile?.reason).toMatch(/alloc-counts-static is statically linked/);
    expect(profile?.summary?.calls).toBe(0);
  });
});

describeWithEngine('a measurement session with profile: default', () => {
  it(
    'profiles the default cell after its timed runs, with the overhead and wait4 counters',
    async () => {
      const images = await ensureStandinImages();
      const workspace = mkdtempSync(path.join(tmpdir(), 'mm-profiler-session-'));
      copyFileSync(FIXTURE, path.join(workspace, 'alloc-counts.c'));
      const inputs: Partial<Record<InputName, string>> = {
        run: './alloc-counts basic',
        libcs: 'musl',
        allocators: 'default,jemalloc',
        runs: '3',
        warmup: '0',
        seed: '7',
        setup: 'cc -O2 -fno-builtin -o alloc-counts alloc-counts.c',
        'image-musl': images.musl,
        pull: 'never',
      };
      const config = parseConfig((name) => inputs[name], { label: (n) => n, randomSeed: () => 1 });
      const executor = standinExecutor(images, `profs${process.pid}`);
      const order: string[] = [];
      const session = new MeasurementSession({
        config,
        trees: { head: workspace },
        executor,
        libcs: ['musl'],
        progress: { ...noProgress, phase: () => undefined, batchStart: (label) => order.push(label) },
      });
      try {
        await session.prepare();
        await session.measure();
        const { profiles } = allocationResults(session, undefined, config.allocationThreshold);
        expect(order).toEqual(['musl: proving preloads', 'musl: measuring', 'musl: profiling allocations']);
        expect(profiles?.map((p) => [p.libc, p.allocator, p.tree, p.status])).toEqual([
          ['musl', 'default', 'head', 'ok'],
        ]);
        expect(callsOfSize(profiles?.[0].summary, 'malloc', 4001)).toBe(1000);
        expect(profiles?.[0].overhead).toBeGreaterThan(0);
        // The profiling run is no measurement: every cell keeps exactly its 1 proof and 3 measured runs.
        for (const cell of session.cellResults()) {
          expect(cell.runs.map((r) => r.kind)).toEqual(['proof', 'measured', 'measured', 'measured']);
          const measured = cell.runs.filter((r) => r.kind === 'measured');
          expect(measured.every((r) => (r.minorFaults ?? 0) > 0 && r.voluntarySwitches !== undefined)).toBe(
            true,
          );
        }
      } finally {
        await session.close();
        rmSync(workspace, { recursive: true, force: true });
      }
    },
    10 * 60_000,
  );
});

describeWithEngine('the profile record limit, through the bundled CLI', () => {
  it(
    'fails only the profile whose benchmark filled MM_PROFILE_DIR past 10,000 records, and says why',
    async () => {
      const images = await ensureStandinImages();
      const workspace = tempDir('profile-limit');
      copyFileSync(FIXTURE, path.join(workspace, 'alloc-counts.c'));
      const out = tempDir('profile-limit-out');
      const json = path.join(out, 'results.json');
      const markdown = path.join(out, 'results.md');
      const tag = uniqueTag();
      // Only in jemalloc's profiling run (the one run with MM_PROFILE_DIR set) does the benchmark
      // leave 10,001 files of its own among the profiler's records: more than the product reads
      // back. Its timed runs, and every other cell's profiling run, write nothing there.
      const flood =
        'case "$LD_PRELOAD" in *jemalloc*) [ -z "$MM_PROFILE_DIR" ] || ' +
        'for i in $(seq 0 10000); do echo "{\\"extra\\":$i}" > "$MM_PROFILE_DIR/extra-$i.json"; done;; esac';
      try {
        const cli = await runNode(
          CLI,
          [
            ...standinCliArgs(images),
            '--env',
            `${TAG_VAR}=${tag}`,
            '--libcs',
            'musl,glibc',
            '--allocators',
            'default,jemalloc',
            '--profile',
            'all',
            '--runs',
            '3',
            '--warmup',
            '0',
            '--seed',
            '7',
            '--setup',
            'cc -O2 -fno-builtin -o alloc-counts alloc-counts.c',
            '--json',
            json,
            '--markdown',
            markdown,
            '--',
            `./alloc-counts basic && ${flood}`,
          ],
          { cwd: workspace },
        );
        expect(cli.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        expect(cli.code).toBe(0);
        const results = JSON.parse(readFileSync(json, 'utf8')) as Results;
        // Profiling is no measurement: every cell measured, the flooding one too.
        expect(results.cells.map((c) => `${c.libc}/${c.allocator}: ${c.status}`).sort()).toEqual([
          'glibc/default: ok',
          'glibc/jemalloc: ok',
          'musl/default: ok',
          'musl/jemalloc: ok',
        ]);
        const reason =
          'the profile directory held more than 10,000 records or 32 MiB (33,554,432 bytes): ' +
          'more than the profiler writes, so the benchmark wrote into MM_PROFILE_DIR too';
        const profiles = results.profiles ?? [];
        for (const libc of ['musl', 'glibc'] as const) {
          const of = (allocator: string) =>
            profiles.find((p) => p.libc === libc && p.allocator === allocator);
          expect(of('jemalloc')).toMatchObject({ status: 'failed', reason });
          // Below the limit the records are read as ever: the program's exact counts.
          expect(of('default')?.status).toBe('ok');
          expect(callsOfSize(of('default')?.summary, 'malloc', 4001)).toBe(1000);
          expect(callsOfSize(of('default')?.summary, 'calloc', 3010)).toBe(200);
        }
        // The report shows the reason in the failed profile's row, the other profiles' counts beside it.
        const report = readFileSync(markdown, 'utf8');
        expect(report).toContain(
          '| musl | jemalloc | _failed: the profile directory held more than 10,000 records or 32 MiB',
        );
        expect(report).toMatch(/^\| musl \| default \| [\d,]+ \|/m);
        expect(await containersTagged(tag)).toEqual([]);
      } finally {
        await removeContainers(await containersTagged(tag));
        rmSync(workspace, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      }
    },
    10 * 60_000,
  );
});

// The product's limits (10,000 records or 32 MiB) cannot be set from outside, so the edges are
// shown here with small ones, through the same reader the executor uses, against a real
// container: what counts as a record, where exactly the limit is, and that the directory goes.
describeWithEngine('reading profile records back from a real container, with small limits', () => {
  const docker = createDockerClient();
  const limits = { records: 5, bytes: 1024 };
  const name = `mm-profile-limits-${process.pid}`;
  let started = false;

  /** Runs a shell script in the container, with the record directory as $1 and `args` after it. */
  async function sh(script: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
    const result = await docker.run(['exec', name, '/bin/sh', '-c', script, 'sh', ...args]);
    return { code: result.exitCode, out: result.stdout };
  }

  /** `count` one-line files named as the profiler names its records, each `{"pid":<n>,"pad":"x…x"}`. */
  async function writeRecords(dir: string, count: number, pad = 0): Promise<string[]> {
    const written = await sh(
      'i=0; p=$(printf "%*s" "$3" "" | tr " " x); ' +
        'while [ $i -lt $2 ]; do printf \'{"pid":%d,"pad":"%s"}\\n\' $i "$p" > "$1/$i-0.json"; i=$((i+1)); done',
      dir,
      String(count),
      String(pad),
    );
    expect(written.code).toBe(0);
    return Array.from({ length: count }, (_, i) => `{"pid":${i},"pad":"${'x'.repeat(pad)}"}`);
  }

  async function exists(dir: string): Promise<boolean> {
    return (await sh('test -e "$1"', dir)).code === 0;
  }

  beforeAll(async () => {
    const images = await ensureStandinImages();
    const run = await docker.run([
      'run',
      '--detach',
      '--rm',
      '--name',
      name,
      images.musl,
      'sleep',
      'infinity',
    ]);
    if (run.exitCode !== 0) throw new Error(`could not start ${name}: ${run.stderr}`);
    started = true;
  }, 50 * 60_000);

  afterAll(async () => {
    if (started) await docker.run(['rm', '--force', name]);
  });

  it('reads every record up to the limit, one per file, then removes the directory', async () => {
    const access = dockerProfilerAccess(docker, name, limits);
    const dir = await access.newRecordDir();
    expect(dir).toMatch(/^\/tmp\/mm-profile\.\w{6}$/);
    expect((await sh('ls -A "$1"', dir)).out).toBe('');
    const records = await writeRecords(dir, limits.records);
    // Only *.json files are records: the benchmark's other files there count for nothing.
    expect((await sh('echo scratch > "$1/notes.txt" && mkdir "$1/sub"', dir)).code).toBe(0);
    expect((await access.collectRecords(dir)).sort()).toEqual(records.sort());
    expect(await exists(dir)).toBe(false);
  });

  it('one record more than the limit fails the profile with the reason; the directory goes all the same', async () => {
    const access = dockerProfilerAccess(docker, name, limits);
    const dir = await access.newRecordDir();
    await writeRecords(dir, limits.records + 1);
    await expect(access.collectRecords(dir)).rejects.toThrow(
      'the profile directory held more than 5 records or 1,024 bytes: more than the profiler writes, so the benchmark wrote into MM_PROFILE_DIR too',
    );
    expect(await exists(dir)).toBe(false);
  });

  it('reads a record longer than a log line (4 KiB) whole', async () => {
    const access = dockerProfilerAccess(docker, name, { records: 5, bytes: 8192 });
    const dir = await access.newRecordDir();
    const records = await writeRecords(dir, 1, 5000);
    expect(await access.collectRecords(dir)).toEqual(records);
    expect(await exists(dir)).toBe(false);
  });

  it('counts a record of 2 MB on one line at its size, not at a cut line’s', async () => {
    // Above 4 KiB + the cut marker, so that a line cut at the usual 4 KiB would pass.
    const access = dockerProfilerAccess(docker, name, { records: 5, bytes: 8192 });
    const dir = await access.newRecordDir();
    await writeRecords(dir, 1, 2_000_000);
    await expect(access.collectRecords(dir)).rejects.toThrow(
      /^the profile directory held more than 5 records or 8,192 bytes: /,
    );
    expect(await exists(dir)).toBe(false);
  });

  it('past the byte limit, however few the records, fails the profile with the same reason', async () => {
    const access = dockerProfilerAccess(docker, name, limits);
    const dir = await access.newRecordDir();
    // Two records of 601 bytes with their newlines: 1,202 bytes against 1,024.
    await writeRecords(dir, 2, 600 - '{"pid":0,"pad":""}'.length);
    await expect(access.collectRecords(dir)).rejects.toThrow(
      /^the profile directory held more than 5 records or 1,024 bytes: /,
    );
    expect(await exists(dir)).toBe(false);
  });
});
