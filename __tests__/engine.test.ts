// The measurement session against a scripted executor: which runs it plans, and what it makes of
// proofs, timeouts, failed environments and batches that die part-way.
import { PROBE_WORKLOAD } from '../src/results/cross-run-schema.js';
import { describe, expect, it } from '@jest/globals';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { MeasurementSession } from '../src/measure/session.js';
import { EngineUnavailableError } from '../src/executors/docker/executor.js';
import type { Batch, Executor } from '../src/measure/executor.js';
import { parseConfig } from '../src/config/parse.js';
import type { LibcName, TracedProcess } from '../src/results/model.js';
import { silentProgress } from '../src/app/progress.js';
import { FakeExecutor, libraryOf, type RunScript } from './fakes/executor.js';

const LIB = libraryOf('jemalloc');

function config(over: Partial<Record<InputName, string>> = {}): Config {
  const inputs: Partial<Record<InputName, string>> = {
    run: './bench',
    allocators: 'default,jemalloc',
    runs: '4',
    warmup: '1',
    seed: '5',
    ...over,
  };
  return parseConfig((name) => inputs[name], { label: (n) => n, randomSeed: () => 0 });
}

function mappedProcess(mapped: boolean, isStatic = false): TracedProcess {
  return { pid: 2, exe: '/mm/head/bench', execs: 1, static: isStatic, mapped, preloadInEnv: mapped };
}

async function measureSession(
  executor: Executor,
  libcs: LibcName[],
  cfg = config(),
  clock = () => 0,
  startedAtMs?: number,
) {
  const session = new MeasurementSession({
    config: cfg,
    trees: { head: '/ws' },
    executor,
    progress: silentProgress,
    libcs,
    clock,
    ...(startedAtMs !== undefined ? { startedAtMs } : {}),
  });
  await session.prepare();
  await session.measure();
  return session;
}

async function measure(executor: Executor, libcs: LibcName[], cfg = config()) {
  const session = await measureSession(executor, libcs, cfg);
  await session.close();
  return session.cellResults();
}

const cellOf = (cells: Awaited<ReturnType<typeof measure>>, id: string) =>
  cells.find((c) => `${c.libc}/${c.allocator}` === id)!;

describe('MeasurementSession', () => {
  it('proves first, then measures every cell in rounds, the proof run standing in for the first warm-up', async () => {
    const executor = new FakeExecutor({ envs: { musl: () => ({}) } });
    const cells = await measure(executor, ['musl']);
    const cellKinds = (b: Batch) => b.runs.flatMap((r) => (r.kind === 'probe' ? [] : [r.kind]));
    expect(executor.batches.map((b) => cellKinds(b).join(','))).toEqual([
      'proof,proof',
      'measured,measured,measured,measured,measured,measured,measured,measured',
    ]);
    // The calibration probe runs once in every measured round, and its samples are kept.
    expect(executor.batches[1].runs.filter((r) => r.kind === 'probe').map((r) => r.round)).toEqual([
      0, 1, 2, 3,
    ]);
    for (const cell of cells) {
      expect(cell.status).toBe('ok');
      expect(cell.summary?.wall.n).toBe(4);
    }
    expect(cellOf(cells, 'musl/jemalloc').proof).toMatchObject({ applied: true, library: LIB });
    expect(cellOf(cells, 'musl/default').proof).toEqual({ applied: null });
    // Every round holds each cell once.
    const rounds = executor.batches[1].runs.filter((r) => r.kind !== 'probe').map((r) => r.round);
    expect(rounds.sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('never measures a cell whose preload was proven not applied', async () => {
    const executor = new FakeExecutor({
      envs: {
        musl: (id, { kind }) =>
          kind === 'proof' && id.includes('jemalloc') ? { processes: [mappedProcess(false, true)] } : {},
      },
    });
    const cells = await measure(executor, ['musl']);
    const jemalloc = cellOf(cells, 'musl/jemalloc');
    expect(jemalloc.status).toBe('not-applied');
    expect(jemalloc.reason).toMatch(/statically linked/);
    expect(jemalloc.summary).toBeUndefined();
    expect(executor.batches[1].variants.map((v) => v.id)).toEqual(['musl/default/head']);
  });

  it('stops a cell whose first run timed out instead of paying the timeout every round', async () => {
    const executor = new FakeExecutor({
      envs: {
        musl: (id, { kind }) =>
          kind === 'proof' && id.includes('default') ? { outcome: 'timeout', exitCode: null } : {},
      },
    });
    const cells = await measure(executor, ['musl']);
    expect(cellOf(cells, 'musl/default')).toMatchObject({
      status: 'timeout',
      runs: [expect.objectContaining({ kind: 'proof' })],
    });
    expect(cellOf(cells, 'musl/jemalloc').status).toBe('ok');
  });

  it('stops a cell whose first run the OOM killer ended: its preload cannot be proven, its rounds would die too', async () => {
    const killed = { ...mappedProcess(false), killed: true as const };
    const executor = new FakeExecutor({
      envs: {
        musl: (id, { kind }) =>
          kind === 'proof' && id.includes('jemalloc')
            ? { outcome: 'oom', exitCode: null, signal: 9, processes: [killed] }
            : {},
      },
    });
    const cells = await measure(executor, ['musl']);
    expect(cellOf(cells, 'musl/jemalloc')).toMatchObject({
      status: 'oom',
      reason: 'killed by the OOM killer (memory-limit)',
      runs: [expect.objectContaining({ kind: 'proof' })],
    });
    expect(cellOf(cells, 'musl/jemalloc').proof).toBeUndefined();
    expect(executor.batches[1].variants.map((v) => v.id)).toEqual(['musl/default/head']);
  });

  it('marks the cells of an environment that could not be prepared and measures the other', async () => {
    const executor = new FakeExecutor({
      envs: { musl: new Error('image x reports LIBC_TYPE=glibc, expected musl'), glibc: () => ({}) },
    });
    const cells = await measure(executor, ['musl', 'glibc']);
    expect(cellOf(cells, 'musl/default')).toMatchObject({
      status: 'failed',
      reason: 'image x reports LIBC_TYPE=glibc, expected musl',
    });
    expect(cellOf(cells, 'glibc/jemalloc').status).toBe('ok');
  });

  it('lets a missing engine end the whole run', async () => {
    const executor = new FakeExecutor({ envs: { musl: new EngineUnavailableError('no socket') } });
    await expect(measure(executor, ['musl'])).rejects.toThrow(/Docker engine not available \(no socket\)/);
  });

  it('marks a cell interrupted when its batch dies before its last measured run, counting only that batch', async () => {
    // 2 cells × 4 rounds = 8 measured runs; the batch dies after 7, so exactly one cell lacks a
    // run even though, with its proof run, it holds as many runs as the batch planned for it.
    const executor = new FakeExecutor({ envs: { musl: () => ({}) }, dieAfter: 7 });
    const cells = await measure(executor, ['musl']);
    const cellRuns = executor.batches[1].runs.flatMap((r) => ('variantId' in r ? [r] : []));
    const lastId = cellRuns[7].variantId;
    const [interrupted, complete] = [
      cells.find((c) => `${c.libc}/${c.allocator}/${c.tree}` === lastId)!,
      cells.find((c) => `${c.libc}/${c.allocator}/${c.tree}` !== lastId)!,
    ];
    expect(interrupted.runs).toHaveLength(4);
    expect(interrupted).toMatchObject({
      status: 'failed',
      reason: 'measurement interrupted: Cannot connect to the Docker daemon',
    });
    expect(interrupted.summary?.wall.n).toBe(3);
    expect(complete.status).toBe('ok');
  });

  it('gives a cell whose proof batch died the batch’s reason, and measures the cell that was proven', async () => {
    const executor = new FakeExecutor({ envs: { musl: () => ({}) }, proofDieAfter: 1 });
    const cells = await measure(executor, ['musl']);
    const proofIds = executor.batches[0].runs.flatMap((r) => ('variantId' in r ? [r.variantId] : []));
    const [proven, cut] = proofIds.map((id) =>
      cells.find((c) => `${c.libc}/${c.allocator}/${c.tree}` === id)!,
    );
    expect(cut).toMatchObject({
      status: 'failed',
      reason: 'measurement interrupted: measuring helper exited with code 137',
    });
    expect(cut.runs).toEqual([]);
    expect(proven.status).toBe('ok');
    expect(proven.summary?.wall.n).toBe(4);
  });

  it('records a fixed count as fixed sizing', async () => {
    const session = await measureSession(new FakeExecutor({ envs: { musl: () => ({}) } }), ['musl']);
    expect(session.sizingRecord()).toEqual({ mode: 'fixed', environments: [{ libc: 'musl', rounds: 4 }] });
    expect(session.roundsPerCell()).toBe(4);
  });
});

describe('MeasurementSession with runs: auto', () => {
  const auto = (over: Partial<Record<InputName, string>> = {}) =>
    config({ runs: 'auto', 'min-runs': '3', 'min-time': '100ms', 'max-runs': '50', warmup: '3', ...over });
  // Every run takes 10 ms, except that the proof runs are cold and slow.
  const timed: RunScript = (_id, { kind }) => ({ wallMs: kind === 'proof' ? 40 : 10 });

  it('warms up in a batch of its own, then sizes the rounds from the pilot runs before measuring', async () => {
    const executor = new FakeExecutor({ envs: { musl: timed } });
    const session = await measureSession(executor, ['musl'], auto());
    // Pilot: the median of 40, 10, 10 is 10 ms; 100 ms of it is 10 rounds (of 2 cells and the probe).
    const firstCellKind = (b: Batch) => b.runs.find((r) => r.kind !== 'probe')?.kind;
    expect(executor.batches.map((b) => [firstCellKind(b), b.runs.length])).toEqual([
      ['proof', 2],
      ['warmup', 4],
      ['measured', 30],
    ]);
    expect(session.probeResults()).toEqual({
      workload: PROBE_WORKLOAD,
      environments: [
        {
          libc: 'musl',
          samples: [...Array(10).keys()].map((round) => expect.objectContaining({ round, wallMs: 5 })),
        },
      ],
    });
    expect(session.sizingRecord()).toEqual({
      mode: 'auto',
      minRuns: 3,
      minTimeMs: 100,
      maxRuns: 50,
      maxTimeMs: 600_000,
      environments: [
        { libc: 'musl', rounds: 10, pilotMs: { 'musl/default/head': 10, 'musl/jemalloc/head': 10 } },
      ],
    });
    expect(session.roundsPerCell()).toBe(10);
    for (const cell of session.cellResults()) expect(cell.summary?.wall.n).toBe(10);
  });

  it('sizes every environment before measuring any, and trims them evenly to fit max-time', async () => {
    const executor = new FakeExecutor({ envs: { musl: timed, glibc: timed } });
    // Wanted: 10 rounds of 2 x (10 + 1) ms in each libc = 440 ms; 330 ms left keeps 3/4.
    const session = await measureSession(executor, ['musl', 'glibc'], auto({ 'max-time': '330ms' }));
    expect(executor.batches.map((b) => b.runs[0].kind)).toEqual([
      'proof',
      'proof',
      'warmup',
      'warmup',
      'measured',
      'measured',
    ]);
    const sizing = session.sizingRecord()!;
    expect(sizing.environments.map((e) => [e.libc, e.rounds, e.wanted])).toEqual([
      ['musl', 7, 10],
      ['glibc', 7, 10],
    ]);
    expect(sizing.trimmed).toMatch(
      /^max-time 330 ms left 330 ms for measuring, 440 ms wanted: rounds kept: musl 7 of 10/,
    );
  });

  it('counts the time already spent against max-time', async () => {
    let now = 0;
    const executor = new FakeExecutor({ envs: { musl: timed } });
    const clock = () => (now += 100); // every reading is 100 ms later
    const session = await measureSession(executor, ['musl'], auto({ 'max-time': '300ms' }), clock);
    // Read at construction (100) and at sizing (200): 200 ms left of 300 for 220 ms wanted.
    expect(session.sizingRecord()!.environments[0]).toMatchObject({ rounds: 9, wanted: 10 });
  });

  it('counts max-time from the start of the run when told it, before the session existed', async () => {
    const executor = new FakeExecutor({ envs: { musl: timed } });
    // The run began at 0, the clock reads 1000: 200 ms are left of 1.2 s for 220 ms wanted.
    const session = await measureSession(executor, ['musl'], auto({ 'max-time': '1200ms' }), () => 1000, 0);
    expect(session.sizingRecord()!.environments[0]).toMatchObject({ rounds: 9, wanted: 10 });
  });

  it('re-measures given cells with as many rounds again, numbered after the first ones', async () => {
    const executor = new FakeExecutor({ envs: { musl: timed } });
    const session = await measureSession(executor, ['musl'], auto());
    await session.remeasure([{ libc: 'musl', allocator: 'jemalloc' }]);
    const last = executor.batches.at(-1)!;
    expect(last.variants.map((v) => v.id)).toEqual(['musl/jemalloc/head']);
    expect(last.runs.filter((r) => r.kind !== 'probe').map((r) => r.round)).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    expect(session.sizingRecord()!.environments[0].extraRounds).toBe(10);
    expect(cellOf(session.cellResults(), 'musl/jemalloc').summary?.wall.n).toBe(20);
    expect(cellOf(session.cellResults(), 'musl/default').summary?.wall.n).toBe(10);
  });

  it('skips a re-measurement that max-time has no room for, and says so', async () => {
    let now = 0;
    const phases: string[] = [];
    const session = new MeasurementSession({
      config: auto({ 'max-time': '1s' }),
      trees: { head: '/ws' },
      executor: new FakeExecutor({ envs: { musl: timed } }),
      progress: { ...silentProgress, phase: (m) => phases.push(m) },
      libcs: ['musl'],
      clock: () => now,
    });
    await session.prepare();
    await session.measure();
    now = 990; // 10 ms left: not even min-runs rounds of 11 ms
    await session.remeasure([{ libc: 'musl', allocator: 'jemalloc' }]);
    expect(session.sizingRecord()!.environments[0].extraRounds).toBeUndefined();
    expect(phases.at(-1)).toBe('musl: no time left in max-time 1.0 s to re-measure');
  });
});
