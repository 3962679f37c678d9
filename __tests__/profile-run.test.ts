import { describe, expect, it } from '@jest/globals';
import type { Batch, PreparedEnvironment, ProfilerAccess, Variant } from '../src/measure/executor.js';
import {
  profileEnvironment,
  THREADED_REPEATS,
  whyNotProfiled,
  withOverheads,
  type ProfileRequest,
} from '../src/measure/profile-run.js';
import { sumProfileRecords } from '../src/harness/profile-records.js';
import type { CellResult, CellStatus, RunRecord, TracedProcess } from '../src/results/model.js';
import { okCell, run } from './fixtures/results.js';
import { profile, wireRecord } from './fixtures/profiles.js';

const PROFILER = '/opt/malloc-matrix/mm-profiler.so';

interface Outcome {
  run?: Partial<RunRecord>;
  records?: string[];
}

/** A prepared environment whose runs answer from `answer`, recording every batch it was given. */
function fakeEnvironment(
  answer: (variant: Variant, kind: RunRecord['kind']) => Outcome,
  over: Partial<PreparedEnvironment> = {},
) {
  const batches: Batch[] = [];
  const written = new Map<string, string[]>();
  let dirs = 0;
  const env: PreparedEnvironment = {
    info: { libc: 'musl', executor: 'docker', allocators: {} },
    treeDirs: { head: '/mm/head' },
    treeFailures: {},
    shell: '/bin/sh',
    runBatch(batch, onRecord) {
      batches.push(batch);
      for (const planned of batch.runs) {
        if (planned.kind === 'probe') throw new Error('a profiling batch plans no probe');
        const variant = batch.variants.find((v) => v.id === planned.variantId)!;
        const outcome = answer(variant, planned.kind);
        written.set(variant.env.MM_PROFILE_DIR, outcome.records ?? []);
        const record = { ...run(planned.kind, -1, 100, 2048), position: planned.position, ...outcome.run };
        onRecord({ variantId: variant.id, record });
      }
      return Promise.resolve();
    },
    dispose: () => Promise.resolve(),
    profiler: {
      library: PROFILER,
      newRecordDir: () => Promise.resolve(`/tmp/mm-profile.${++dirs}`),
      collectRecords: (dir) => Promise.resolve(written.get(dir) ?? []),
    },
    ...over,
  };
  return { env, batches };
}

const bench: TracedProcess = {
  pid: 7,
  exe: '/mm/head/bench',
  execs: 1,
  static: false,
  mapped: true,
  preloadInEnv: true,
};

function request(
  env: PreparedEnvironment,
  mode: ProfileRequest['config']['profile'],
  statuses: Record<string, CellStatus> = {},
): ProfileRequest {
  const variants = new Map<string, { variant: Variant; libc: 'musl' | 'glibc' }>();
  const cells = new Map<string, CellResult>();
  for (const allocator of ['default', 'jemalloc', 'mimalloc']) {
    const id = `musl/${allocator}/head`;
    variants.set(id, {
      libc: 'musl',
      variant: {
        id,
        argv: ['./bench'],
        cwd: '/mm/head',
        env: { MODE: 'fast' },
        timeoutMs: 60_000,
        ...(allocator === 'default' ? {} : { preload: `/lib/lib${allocator}.so.2` }),
      },
    });
    cells.set(id, { ...okCell('musl', allocator, 100, 2048), status: statuses[allocator] ?? 'ok' });
  }
  // A glibc variant in the same maps must not be profiled in the musl environment.
  variants.set('glibc/default/head', {
    libc: 'glibc',
    variant: { ...variants.get('musl/default/head')!.variant, id: 'glibc/default/head' },
  });
  cells.set('glibc/default/head', okCell('glibc', 'default', 100, 2048));
  const progress = { batchStart: () => undefined, runDone: () => undefined, batchEnd: () => undefined };
  return { libc: 'musl', config: { profile: mode }, env, variants, cells, progress };
}

const oneRecord = () => ({ run: { processes: [bench] }, records: [JSON.stringify(wireRecord())] });

describe('profileEnvironment', () => {
  it('profiles the default cell once, traced, with the profiler preloaded and its own directory', async () => {
    const { env, batches } = fakeEnvironment(oneRecord);
    const profiles = await profileEnvironment(request(env, 'default'));
    expect(profiles).toEqual([
      {
        libc: 'musl',
        tree: 'head',
        allocator: 'default',
        status: 'ok',
        repeats: [{ wallMs: 100, calls: 1010, bytes: 4_001_480 }],
        summary: sumProfileRecords([JSON.stringify(wireRecord())]),
      },
    ]);
    expect(batches).toHaveLength(1);
    expect(batches[0].runs).toEqual([
      { variantId: 'musl/default/head/profile-1', kind: 'proof', round: -1, position: 0 },
    ]);
    expect(batches[0].variants[0]).toMatchObject({
      argv: ['./bench'],
      preload: PROFILER,
      env: { MODE: 'fast', MM_PROFILE_DIR: '/tmp/mm-profile.1' },
    });
  });

  it('profiles every measured cell in front of its allocator with profile: all', async () => {
    const { env, batches } = fakeEnvironment(oneRecord);
    const req = request(env, 'all', { mimalloc: 'not-applied' });
    const profiles = await profileEnvironment(req);
    expect(profiles.map((p) => p.allocator)).toEqual(['default', 'jemalloc']);
    // A cell none of whose measured runs succeeded gets no profile either.
    const jemalloc = req.cells.get('musl/jemalloc/head')!;
    jemalloc.runs = jemalloc.runs.map((r) => ({ ...r, outcome: 'signaled', exitCode: null, signal: 11 }));
    expect((await profileEnvironment(req)).map((p) => p.allocator)).toEqual(['default']);
    expect(batches[0].variants.map((v) => v.preload)).toEqual([
      PROFILER,
      `${PROFILER} /lib/libjemalloc.so.2`,
    ]);
  });

  it('profiles nothing with profile: off', async () => {
    const { env, batches } = fakeEnvironment(oneRecord);
    expect(await profileEnvironment(request(env, 'off'))).toEqual([]);
    expect(batches).toEqual([]);
  });

  it('runs a threaded program three times in all, the repeats untraced', async () => {
    const { env, batches } = fakeEnvironment((_v, kind) => ({
      run: { processes: [bench], wallMs: kind === 'proof' ? 100 : 90 },
      records: [JSON.stringify(wireRecord({ threads: 4 }))],
    }));
    const [p] = await profileEnvironment(request(env, 'default'));
    expect(p.repeats).toHaveLength(THREADED_REPEATS);
    expect(batches.map((b) => b.runs.map((r) => r.kind))).toEqual([['proof'], ['warmup', 'warmup']]);
    expect(batches[1].variants.map((v) => v.id)).toEqual([
      'musl/default/head/profile-2',
      'musl/default/head/profile-3',
    ]);
    expect(p.repeats.map((r) => r.wallMs)).toEqual([100, 90, 90]);
  });

  it('gives not-applied for a statically linked program', async () => {
    const { env } = fakeEnvironment(() => ({
      run: { processes: [{ ...bench, static: true, mapped: false }] },
    }));
    const [p] = await profileEnvironment(request(env, 'default'));
    expect(p.status).toBe('not-applied');
    expect(p.reason).toBe(
      '/mm/head/bench is statically linked: no preloaded library can count its allocations',
    );
  });

  it('records why a profile could not be made, and never throws', async () => {
    const unavailable = fakeEnvironment(oneRecord, { profiler: { unavailable: 'no C compiler found' } });
    expect(await profileEnvironment(request(unavailable.env, 'default'))).toMatchObject([
      { status: 'failed', reason: 'not profiled: no C compiler found' },
    ]);
    const crashing = fakeEnvironment(() => ({ run: { outcome: 'signaled', exitCode: null, signal: 11 } }));
    expect(await profileEnvironment(request(crashing.env, 'default'))).toMatchObject([
      { status: 'failed', reason: 'the profiling run failed: signal 11 (SIGSEGV)' },
    ]);
    const noDir = fakeEnvironment(oneRecord);
    const access = noDir.env.profiler as ProfilerAccess;
    noDir.env.profiler = { ...access, newRecordDir: () => Promise.reject(new Error('/tmp is read-only')) };
    expect(await profileEnvironment(request(noDir.env, 'default'))).toMatchObject([
      { status: 'failed', reason: 'could not prepare the profiling run: /tmp is read-only' },
    ]);
    expect(noDir.batches).toEqual([]);
    const dying = fakeEnvironment(oneRecord, { runBatch: () => Promise.reject(new Error('engine gone')) });
    expect(await profileEnvironment(request(dying.env, 'default'))).toMatchObject([
      { status: 'failed', reason: 'the profiling run was interrupted: engine gone', repeats: [] },
    ]);
  });
});

describe('whyNotProfiled', () => {
  const proof = (processes: TracedProcess[]) => run('proof', -1, 10, 10, { processes });
  const shell: TracedProcess = { ...bench, pid: 6, exe: '/bin/busybox', static: true, mapped: false };

  it('judges the programs the shell started, not the shell', () => {
    const recorded = sumProfileRecords([JSON.stringify(wireRecord())]);
    expect(whyNotProfiled(proof([shell, bench]), recorded, '/bin/sh')).toBeUndefined();
    const none = sumProfileRecords([]);
    expect(whyNotProfiled(proof([shell, { ...bench, static: true }]), none, '/bin/sh')).toMatch(
      /^\/mm\/head\/bench is statically linked/,
    );
    expect(whyNotProfiled(proof([shell, { ...bench, preloadInEnv: false }]), none, '/bin/sh')).toMatch(
      /lost LD_PRELOAD or MM_PROFILE_DIR/,
    );
  });
});

describe('withOverheads', () => {
  it("divides the profiled run's wall time by the cell's median", () => {
    const cells = [okCell('musl', 'default', 80, 2048)];
    const profiles = [
      profile('musl', 'default', { overhead: undefined, repeats: [{ wallMs: 100, calls: 1, bytes: 1 }] }),
    ];
    expect(withOverheads(profiles, cells)[0].overhead).toBeCloseTo(100 / 80, 10);
    const failed = { ...profiles[0], status: 'failed' as const };
    expect(withOverheads([failed], cells)[0].overhead).toBeUndefined();
  });
});
