// Cross-run verdicts on constructed histories: the prediction interval from the stored runs'
// spread, the "too little history" rule, the calibration probe's normalization, and what the
// comparison records of the history.
import { PROBE_WORKLOAD } from '../src/results/cross-run-schema.js';
import { describe, expect, it } from '@jest/globals';
import { cellsToRemeasure, compareResults, type StoredRun } from '../src/analysis/compare.js';
import {
  ADVISORY_FLOOR,
  crossRunAnalysis,
  machineCheck,
  PARALLEL_CORES,
  PARALLELISM_TOLERANCE,
  parallelismCheck,
  KERNEL_SHARE_TOLERANCE,
  PROBE_FOLLOW_ERROR,
  PROBE_TOLERANCE,
  probeToleranceText,
  MIN_CELL_SPREAD,
  cellWeights,
  pooledLevel,
  runLevel,
} from '../src/analysis/cross-run.js';
import type { CellResult, LibcName, ProbeResults, Results } from '../src/results/model.js';
import { REASON_CHARS } from '../src/analysis/verdict.js';
import { probeMs } from '../src/analysis/cross-run-gate.js';
import { allOkResults, okCell, run } from './fixtures/results.js';

const ROUNDS = 12;
const BOUNDS = { upper: Math.log1p(0.05), lower: Math.log1p(-0.05) };
const CELLS: [LibcName, string][] = [
  ['musl', 'default'],
  ['musl', 'jemalloc'],
  ['glibc', 'default'],
  ['glibc', 'jemalloc'],
];

/** A small within-run wobble (±0.6%), the same in every run: only the run's level moves. */
const wobble = (round: number) => 1 + (((round * 7) % 5) - 2) * 0.003;

interface RunOptions {
  probeMs?: number;
  seed?: number;
  cpuModel?: string;
  /** CPU time ÷ wall time of every run of the cells named (`libc/allocator`), or of all. */
  busy?: number;
  busyCells?: string[];
  /** The share of system time in the CPU time of the cells named (`libc/allocator`). */
  kernel?: Record<string, number>;
}

/**
 * A run whose every cell sits at `level` × its base time, and whose probe took `probeMs`. Its runs
 * keep 0.95 cores busy, as a single-threaded benchmark does, unless `busy` says otherwise.
 */
function runAt(level: number, opts: RunOptions = {}): Results {
  const results = allOkResults(['default', 'jemalloc']);
  results.seed = opts.seed ?? 1;
  if (opts.cpuModel) results.host = { ...results.host, cpuModel: opts.cpuModel };
  results.cells = CELLS.map(([libc, allocator], i): CellResult => {
    const base = 100 + 10 * i;
    const busy =
      opts.busy !== undefined && (opts.busyCells ?? [`${libc}/${allocator}`]).includes(`${libc}/${allocator}`)
        ? opts.busy
        : undefined;
    const share = opts.kernel?.[`${libc}/${allocator}`];
    const cpu = (wallMs: number) =>
      share !== undefined
        ? { userMs: wallMs * 0.95 * (1 - share), sysMs: wallMs * 0.95 * share }
        : busy === undefined
          ? {}
          : { userMs: wallMs * busy, sysMs: 0 };
    return {
      ...okCell(libc, allocator, base * level, 12_000),
      runs: [...Array(ROUNDS).keys()].map((r) => {
        const wallMs = base * level * wobble(r);
        return run('measured', r, wallMs, 12_000, cpu(wallMs));
      }),
    };
  });
  if (opts.probeMs !== undefined) results.probe = probeOf(opts.probeMs);
  return results;
}

function probeOf(ms: number): ProbeResults {
  const samples = [...Array(ROUNDS).keys()].map((round) => ({
    round,
    position: 0,
    wallMs: ms * wobble(round + 2),
    cpuMs: ms,
    computeMs: ms / 8,
    memoryMs: ms / 8,
    // The part the gate divides by.
    processMs: ms * wobble(round + 2) * 0.75,
    processCpuMs: ms * 0.75,
  }));
  return {
    workload: PROBE_WORKLOAD,
    environments: (['musl', 'glibc'] as const).map((libc) => ({ libc, samples })),
  };
}

function judge(head: Results, history: Results[], normalize?: boolean, metric: 'wall' | 'cpu' = 'wall') {
  const stored: StoredRun[] = history.map((results, i) => ({ results, source: `run-${i}.json` }));
  return compareResults({
    ...(normalize !== undefined ? { normalize } : {}),
    cells: head.cells,
    environments: head.environments,
    host: head.host,
    ...(head.probe ? { probe: head.probe } : {}),
    history: stored,
    paired: false,
    metric,
    threshold: 0.05,
    memoryThreshold: 0.1,
    minRuns: ROUNDS,
    looks: 1,
  });
}

const wallOf = (judged: ReturnType<typeof judge>) => judged.comparisons.filter((c) => c.metric === 'wall');
/** Stored runs that drifted between themselves by several percent, as machines do. */
const DRIFTING = [1.0, 1.08, 0.95, 1.04, 0.97];

describe('crossRunAnalysis (the prediction interval)', () => {
  const level = (centre: number, se = 0.004) => ({ centre, se });

  it('judges a change against the spread of the stored runs, with k − 1 degrees of freedom', () => {
    const history = [0, 0.05, -0.05, 0.02, -0.02].map((c) => level(c));
    const a = crossRunAnalysis(history, level(0.3), BOUNDS, 0.9);
    expect(a.estimate).toBeCloseTo(0.3, 12);
    const spread = Math.sqrt((0.05 ** 2 * 2 + 0.02 ** 2 * 2) / 4);
    expect(a.spread).toBeCloseTo(spread, 12);
    // t(0.95, 4) = 2.132: the interval is the estimate ± t · s · √(1 + 1/5).
    const half = 2.1318 * spread * Math.sqrt(1.2);
    expect(a.interval[0]).toBeCloseTo(0.3 - half, 3);
    expect(a.interval[1]).toBeCloseTo(0.3 + half, 3);
    expect(a.pRegression).toBeLessThan(0.005);
    expect(a.advisory).toBe(false);
    // The same step inside the history's own spread proves nothing.
    expect(crossRunAnalysis(history, level(0.08), BOUNDS, 0.9).pRegression).toBeGreaterThan(0.1);
  });

  it('never trusts a spread smaller than the within-run noise, and widens for a noisier head', () => {
    const flat = [0, 0, 0].map((c) => level(c, 0.01));
    const a = crossRunAnalysis(flat, level(0.1, 0.01), BOUNDS, 0.9);
    expect(a.spread).toBe(0);
    const sigma = (a.interval[1] - a.interval[0]) / 2 / 2.92;
    expect(sigma).toBeCloseTo(0.01 * Math.sqrt(4 / 3), 3);
    const noisy = crossRunAnalysis(flat, level(0.1, 0.03), BOUNDS, 0.9);
    expect(noisy.interval[1] - noisy.interval[0]).toBeGreaterThan(a.interval[1] - a.interval[0]);
  });

  it('with fewer than 3 stored runs, tests against the ±25% floor with within-run noise only', () => {
    const one = [level(0, 0.005)];
    const small = crossRunAnalysis(one, level(0.12, 0.005), BOUNDS, 0.9);
    expect(small).toMatchObject({ advisory: true, history: 1 });
    expect(small.spread).toBeUndefined();
    // +12.7% is far outside its interval, but not proven beyond +25%.
    expect(small.interval[0]).toBeGreaterThan(0.1);
    expect(small.pRegression).toBeGreaterThan(0.5);
    const huge = crossRunAnalysis(one, level(Math.log1p(0.4), 0.005), BOUNDS, 0.9);
    expect(huge.pRegression).toBeLessThan(1e-6);
    const faster = crossRunAnalysis([level(0), level(0.01)], level(Math.log1p(-0.15)), BOUNDS, 0.9);
    expect(faster.pImprovement).toBeGreaterThan(0.5);
    expect(ADVISORY_FLOOR).toBe(0.25);
  });

  it('says the machine differs when the probe ran more than 50% slower, or 33% faster, than the stored probes', () => {
    expect(PROBE_TOLERANCE).toBe(0.5);
    const stored = [0, 0.03, -0.03, 0.01, -0.01].map((x) => Math.log(7) + x);
    // Measured from the mean of the stored log times, whatever their spread.
    const inside = machineCheck(stored, Math.log(7 * 1.499))!;
    expect(inside).toMatchObject({ stored: 5, differs: false });
    expect(inside.change).toBeCloseTo(Math.log(1.499), 6);
    expect(inside.tolerance).toBeCloseTo(Math.log(1.5), 6);
    expect(machineCheck(stored, Math.log(7 * 1.501))!.differs).toBe(true);
    // The same ratio the other way: a third faster.
    expect(machineCheck(stored, Math.log(7 / 1.499))!.differs).toBe(false);
    expect(machineCheck(stored, Math.log(7 / 1.501))!.differs).toBe(true);
    // The drift measured with a CPU hog on the other core is within it: up to 48% slower (the hog
    // during this run), up to 29% faster (the hog during the stored runs).
    expect(machineCheck(stored, Math.log(7 * 1.48))!.differs).toBe(false);
    expect(machineCheck(stored, Math.log(7 * 0.71))!.differs).toBe(false);
    // A quiet history does not make a busier machine "another": that drift is what dividing corrects.
    expect(machineCheck([0, 0, 0.0001, 0], Math.log(1.3))!.differs).toBe(false);
    // The same with a single stored probe.
    expect(machineCheck([0], Math.log(1.45))).toMatchObject({ differs: false, stored: 1 });
    expect(machineCheck([0, 0], Math.log(1.6))).toMatchObject({ differs: true, stored: 2 });
    expect(machineCheck([], 0)).toBeUndefined();
  });

  it('says the tolerance both ways', () => {
    expect(probeToleranceText(PROBE_TOLERANCE)).toBe('50% slower or 33% faster');
    expect(probeToleranceText(0.25)).toBe('25% slower or 20% faster');
  });

  it('tests nothing when the machine differs: no change can be proven, either way', () => {
    const history = [0, 0.01, -0.01, 0.005].map((c) => level(c));
    const proven = crossRunAnalysis(history, level(0.5), BOUNDS, 0.9);
    expect(proven.pRegression).toBeLessThan(1e-4);
    const guarded = crossRunAnalysis(history, level(0.5), BOUNDS, 0.9, { untested: 'either' });
    expect(guarded).toMatchObject({ pRegression: 1, pImprovement: 1, advisory: true, untested: 'either' });
    // The estimate and its interval are still shown.
    expect(guarded.estimate).toBeCloseTo(0.5 - 0.00125, 6);
    expect(guarded.interval).toEqual(proven.interval);
    const few = crossRunAnalysis([level(0)], level(-0.6), BOUNDS, 0.9, { untested: 'either' });
    expect(few).toMatchObject({ pRegression: 1, pImprovement: 1, advisory: true, untested: 'either' });
  });

  it('says a cell’s parallelism differs when a threaded cell keeps another number of cores busy', () => {
    expect([PARALLEL_CORES, PARALLELISM_TOLERANCE]).toEqual([1.2, 0.2]);
    // A 2-thread benchmark as measured here: 1.6 to 1.8 cores busy, 1.0 under a CPU hog.
    const stored = [1.84, 1.63, 1.75, 1.78, 1.7];
    const hogged = parallelismCheck(stored, 1.0)!;
    expect(hogged.differs).toBe(true);
    expect(hogged.stored).toBeCloseTo(Math.exp(stored.reduce((a, v) => a + Math.log(v), 0) / 5), 12);
    expect(hogged.head).toBe(1.0);
    expect(parallelismCheck(stored, 1.6)!.differs).toBe(false);
    // Within ±20% either way, not beyond it; the other way (more parallel) counts too.
    expect(parallelismCheck([1.5], 1.5 * 1.19)!.differs).toBe(false);
    expect(parallelismCheck([1.5], 1.5 * 1.21)!.differs).toBe(true);
    expect(parallelismCheck([1.0], 1.8)!.differs).toBe(true);
    // A single-threaded cell never counts, even when it waited for the CPU more than before.
    expect(parallelismCheck([0.99, 0.98], 0.7)!.differs).toBe(false);
    expect(parallelismCheck([], 1.0)).toBeUndefined();
    expect(parallelismCheck([0], 1.0)).toBeUndefined();
    expect(parallelismCheck([1.8], 0)).toBeUndefined();
  });

  it('allows for the probe correction: a change is tested from the side least favourable to it', () => {
    // Stored runs within half a percent; the head +9% after dividing by a probe that ran 20%
    // slower. A benchmark may follow the probe a quarter more or less than one to one.
    expect(PROBE_FOLLOW_ERROR).toBe(0.25);
    const history = [0, 0.005, -0.005, 0.002, -0.002].map((c) => level(c, 0.001));
    const head = level(Math.log1p(0.09), 0.001);
    const plain = crossRunAnalysis(history, head, BOUNDS, 0.9);
    expect(plain.pRegression).toBeLessThan(0.01);
    const probe = Math.log1p(0.2);
    const allowed = crossRunAnalysis(history, head, BOUNDS, 0.9, { correction: probe });
    // The same estimate, tested as if the head had moved only 9% − a quarter of 20%: below 5%.
    expect(allowed.estimate).toBe(plain.estimate);
    expect(allowed.pRegression).toBeGreaterThan(0.5);
    expect(allowed.pImprovement).toBeGreaterThanOrEqual(plain.pImprovement);
    expect(allowed.interval[0]).toBeCloseTo(plain.interval[0] - probe / 4, 12);
    expect(allowed.interval[1]).toBeCloseTo(plain.interval[1] + probe / 4, 12);
    // A probe that ran faster allows for the same amount, the other way too.
    expect(crossRunAnalysis(history, head, BOUNDS, 0.9, { correction: -probe })).toEqual(allowed);
    // A real +25% on a probe that moved 4% is still proven.
    const slower = crossRunAnalysis(history, level(Math.log1p(0.25), 0.003), BOUNDS, 0.9, {
      correction: Math.log1p(0.04),
    });
    expect(slower.pRegression).toBeLessThan(0.01);
    // An improvement is tested from the highest value the correction allows.
    const faster = level(Math.log1p(-0.2), 0.003);
    expect(crossRunAnalysis(history, faster, BOUNDS, 0.9).pImprovement).toBeLessThan(0.01);
    expect(crossRunAnalysis(history, faster, BOUNDS, 0.9, { correction: 0.8 }).pImprovement).toBeGreaterThan(
      0.5,
    );
  });

  it('takes a run level from the median and the MAD, and pools cells by their mean', () => {
    const logs = [0, 0.01, -0.01, 0.02, -0.02, 0, 0.005, -0.005, 0.015];
    const l = runLevel(logs);
    expect(l.centre).toBe(0);
    expect(l.se).toBeCloseTo((1.2533 * 1.4826 * 0.01) / 3, 6);
    expect(runLevel([1, 1, 1]).se).toBe(0);
    expect(pooledLevel([level(0.1, 0.03), level(0.3, 0.04)])).toEqual({ centre: 0.2, se: 0.025 });
    expect(() => runLevel([])).toThrow(/none/);
    expect(() => crossRunAnalysis([], level(0), BOUNDS, 0.9)).toThrow(/at least one stored run/);
  });

  it('weighs cells by how steady they were between the stored runs, none above a 1% spread', () => {
    // Weighted: centre Σ w·c / Σ w, standard error √Σ (w·se)² / Σ w.
    const weighted = pooledLevel([level(0.1, 0.03), level(0.3, 0.04)], [3, 1]);
    expect(weighted.centre).toBeCloseTo(0.15, 12);
    expect(weighted.se).toBeCloseTo(Math.sqrt(0.09 ** 2 + 0.04 ** 2) / 4, 12);
    expect(() => pooledLevel([level(0)], [0])).toThrow(/positive weight/);
    expect(() => pooledLevel([level(0), level(1)], [1])).toThrow(/one positive weight per level/);
    expect(MIN_CELL_SPREAD).toBe(0.01);
    const steady = [0, 0.005, -0.005, 0.002];
    const sd = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    };
    const wild = [0, 0.2, -0.1, 0.15];
    const twice = [0, 0.04, -0.02, 0.02];
    const [a, b, c] = cellWeights([steady, wild, twice]);
    // The steady cell's spread is under 1%: it counts as a 1% one.
    expect(a).toBeCloseTo(1 / 0.01 ** 2, 6);
    expect(b).toBeCloseTo(1 / sd(wild) ** 2, 6);
    expect(c).toBeCloseTo(1 / sd(twice) ** 2, 6);
    expect(a / b).toBeGreaterThan(100);
    // With fewer than 3 stored levels of some cell there is no spread to weigh by.
    expect(cellWeights([steady, [0, 0.1]])).toEqual([1, 1]);
  });
});

describe('compareResults across runs', () => {
  it('does not cry wolf at a head that drifted within the history’s own spread', () => {
    const history = DRIFTING.map((d, i) => runAt(d, { seed: i }));
    const judged = judge(runAt(1.1), history);
    expect(wallOf(judged).map((c) => c.verdict)).not.toContain('regressed');
    expect(judged.matrix).toMatchObject({ history: 5, cells: 4 });
    expect(judged.matrix!.verdict).not.toBe('regressed');
    expect(wallOf(judged)[0]).toMatchObject({ history: 5, paired: false });
    expect(wallOf(judged)[0].spread).toBeGreaterThan(0.04);
    // Against the newest run alone, the old unpaired rank test would have failed every cell.
  });

  it('catches a change well beyond the history’s spread', () => {
    const history = [1.0, 1.02, 0.99, 1.01, 0.98].map((d, i) => runAt(d, { seed: i }));
    const judged = judge(runAt(1.25), history);
    expect(judged.matrix!.verdict).toBe('regressed');
    expect(judged.matrix!.change).toBeCloseTo(0.25, 1);
  });

  it('with too little history, a change below the floor is at most inconclusive, and says why', () => {
    const judged = judge(runAt(1.12), [runAt(1.0)]);
    const wall = wallOf(judged);
    expect(wall.every((c) => c.verdict === 'inconclusive')).toBe(true);
    expect(wall[0].reason).toBe(
      'only 1 stored run to compare with: the spread between runs needs 3, so a change counts only beyond ±25%',
    );
    expect(wall[0]).toMatchObject({ history: 1 });
    expect(wall[0].spread).toBeUndefined();
    expect(judged.matrix!.verdict).toBe('inconclusive');
    // Two stored runs are still too few; a huge change counts all the same.
    expect(wallOf(judge(runAt(1.12), [runAt(1.0), runAt(1.01)]))[0].reason).toMatch(/^only 2 stored runs/);
    // It is inconclusive by rule, not for want of rounds: re-measuring would not settle it.
    expect(cellsToRemeasure(judged)).toEqual({ cells: [], all: false });
    const huge = judge(runAt(1.6), [runAt(1.0)]);
    expect(wallOf(huge).map((c) => c.verdict)).toEqual(['regressed', 'regressed', 'regressed', 'regressed']);
    expect(huge.matrix!.verdict).toBe('regressed');
    // A fall beyond the threshold but within the floor is no more "unchanged" than such a rise.
    const fell = judge(runAt(0.8), [runAt(1.0)]);
    for (const c of wallOf(fell)) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(/^only 1 stored run to compare with/);
    }
    expect(fell.matrix!.verdict).toBe('inconclusive');
    // Within the threshold it is not "unchanged" either: the spread between runs is unknown, so
    // nothing small was shown. Beyond the floor a fall is proven.
    const small = judge(runAt(0.98), [runAt(1.0)]);
    for (const c of wallOf(small)) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(/^only 1 stored run to compare with/);
    }
    expect(small.matrix!.verdict).toBe('inconclusive');
    expect(wallOf(judge(runAt(0.6), [runAt(1.0)])).map((c) => c.verdict)).toEqual(Array(4).fill('improved'));
  });

  /** Probe samples per libc: its time and how many rounds ran it. */
  function probeByLibc(places: Partial<Record<LibcName, [number, number]>>): ProbeResults {
    return {
      workload: PROBE_WORKLOAD,
      environments: Object.entries(places).map(([libc, [ms, rounds]]) => ({
        libc: libc as LibcName,
        samples: [...Array(rounds).keys()].map((round) => ({
          round,
          position: 0,
          wallMs: ms,
          cpuMs: ms,
          computeMs: ms / 2,
          memoryMs: ms / 2,
        })),
      })),
    };
  }

  it('compares the probe place by place: libcs that run it at other speeds, in other numbers of rounds, are not another machine', () => {
    const steady = [1.0, 1.02, 0.99, 1.01, 0.98];
    // musl's container runs the probe in 7 ms and glibc's in 5; `runs: auto` sized the libcs apart.
    const at = (level: number, seed: number, probeScale: number, musl: number, glibc: number) => ({
      ...runAt(level, { seed }),
      probe: probeByLibc({ musl: [7 * probeScale, musl], glibc: [5 * probeScale, glibc] }),
    });
    const history = steady.map((d, i) => at(d, i, d, 12, 13));
    // The same machine and code, with the round counts the other way round.
    const same = judge(at(1.0, 9, 1.0, 13, 12), history);
    expect(same.crossRun!.machineFactor).toBeCloseTo(0, 2);
    expect(same.crossRun).toMatchObject({ machineDiffers: false });
    expect(wallOf(same).map((c) => c.verdict)).toEqual(Array(4).fill('unchanged'));
    // A machine 60% slower, whose round counts would have hidden it in a median of both libcs.
    const slower = judge(at(2.2, 9, 1.6, 5, 20), history);
    expect(slower.crossRun!.machineFactor).toBeCloseTo(0.6, 1);
    expect(slower.crossRun).toMatchObject({ machineDiffers: true });
    expect(wallOf(slower).map((c) => c.verdict)).toEqual(Array(4).fill('inconclusive'));
  });

  it('keeps the probe guard when the stored runs are left out in one libc: the other still speaks for the machine', () => {
    const steady = [1.0, 1.02, 0.99, 1.01, 0.98];
    const mk = (d: number, i: number) => runAt(d, { probeMs: 7 * (1 + (i - 2) * 0.01), seed: i });
    // Every stored run's musl image was re-pushed: musl is left out, glibc is compared.
    const repushed = steady.map((d, i) => {
      const r = mk(d, i);
      return {
        ...r,
        environments: r.environments.map((e) =>
          e.libc === 'musl' ? { ...e, imageDigest: `sha256:${'b'.repeat(64)}` } : e,
        ),
      };
    });
    // The same code on a machine whose probe ran 60% slower and the benchmark 110% slower.
    const judged = judge(runAt(2.1, { probeMs: 7 * 1.6 }), repushed);
    expect(judged.crossRun!.history.every((h) => /^musl: /.test(h.excluded ?? ''))).toBe(true);
    // Left out in musl only: the record says so, and that it counts for glibc.
    expect(judged.crossRun!.history.map((h) => h.excludedPlaces)).toEqual(steady.map(() => ['musl']));
    expect(judged.crossRun).toMatchObject({ machineDiffers: true });
    expect(judged.crossRun!.machineFactor).toBeCloseTo(0.6, 2);
    const glibc = wallOf(judged).filter((c) => c.libc === 'glibc');
    expect(glibc.map((c) => c.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(glibc[0].reason).toMatch(/^this machine ran the calibration probe 60% slower/);
    expect(judged.matrix?.verdict ?? 'inconclusive').toBe('inconclusive');
  });

  it('reads a probe time of 0 as no sample, not as an infinitely fast machine', () => {
    const history = DRIFTING.map((d, i) => runAt(d, { probeMs: 5 * d, seed: i }));
    const zero = { ...history[0], probe: probeByLibc({ musl: [0, ROUNDS], glibc: [0, ROUNDS] }) };
    const judged = judge(runAt(1.0, { probeMs: 5 }), [zero, ...history.slice(1)]);
    expect(judged.crossRun!.machineFactor).toBeDefined();
    expect(Number.isFinite(judged.crossRun!.machineFactor)).toBe(true);
    expect(judged.crossRun).toMatchObject({ machineDiffers: false });
  });

  it('asked not to, keeps raw times, and reports the machine factor from the probe', () => {
    // This machine is 20% slower as a whole: the cells and the probe alike.
    const history = DRIFTING.map((d) => runAt(d, { probeMs: 5 * d }));
    const judged = judge(runAt(1.2, { probeMs: 6 }), history, false);
    expect(judged.crossRun).toMatchObject({ normalized: false });
    const geometric = Math.exp(DRIFTING.reduce((a, d) => a + Math.log(5 * d), 0) / DRIFTING.length);
    expect(judged.crossRun!.machineFactor).toBeCloseTo(6 / geometric - 1, 2);
    expect(wallOf(judged)[0].change).toBeGreaterThan(0.1);
    // Without probes in every run the factor is unknown.
    expect(judge(runAt(1.2), history).crossRun!.machineFactor).toBeUndefined();
  });

  it('cannot fail the step when the probe says this machine differs from the stored runs’, and says why', () => {
    const steady = [1.0, 1.02, 0.99, 1.01, 0.98];
    const history = steady.map((d, i) => runAt(d, { probeMs: 7 * (1 + (i - 2) * 0.01), seed: i }));
    // The same slowdown of every cell: on a machine like the stored runs' it is a regression...
    const alike = judge(runAt(1.45, { probeMs: 7.05 }), history);
    expect(alike.crossRun).toMatchObject({ machineDiffers: false });
    expect(alike.matrix!.verdict).toBe('regressed');
    expect(wallOf(alike).map((c) => c.verdict)).toEqual(['regressed', 'regressed', 'regressed', 'regressed']);
    // ...but on a machine whose probe ran 60% slower, beyond the 50% dividing is known to
    // correct, it may be the machine: every verdict is at most inconclusive, and says so.
    const other = judge(runAt(1.45 * 1.6, { probeMs: 7 * 1.6 }), history);
    expect(other.crossRun).toMatchObject({ machineDiffers: true });
    expect(other.crossRun!.machineFactor).toBeCloseTo(0.6, 2);
    expect(other.crossRun!.machineTolerance).toBeCloseTo(0.5, 6);
    expect(other.matrix!.verdict).toBe('inconclusive');
    // Divided by the probe: 1.45.
    expect(other.matrix!.change).toBeCloseTo(0.45, 2);
    for (const c of wallOf(other)) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toBe(
        'this machine ran the calibration probe 60% slower than the stored runs, beyond the tolerance (50% slower or 33% faster): it differs from theirs, so no cross-run change can fail the step',
      );
    }
    // Nothing was tested, so not even a cell that did not move reads "unchanged".
    const still = judge(runAt(1.6, { probeMs: 7 * 1.6 }), history);
    expect(wallOf(still).map((c) => c.verdict)).toEqual(Array(4).fill('inconclusive'));
    expect(still.matrix!.verdict).toBe('inconclusive');
    // A probe 40% slower (as with a CPU hog on the other core) is within it: divided, the
    // slowdown is still proven, with a quarter of the probe's move allowed for.
    const busier = judge(runAt(1.45 * 1.4, { probeMs: 7 * 1.4 }), history);
    expect(busier.crossRun).toMatchObject({ machineDiffers: false });
    expect(busier.matrix!.verdict).toBe('regressed');
    // With one stored run, the same tolerance: a huge change on a machine 40% faster proves nothing.
    const one = judge(runAt(1.6, { probeMs: 7 * 0.98 * 0.6 }), [history[0]]);
    expect(one.crossRun).toMatchObject({ machineDiffers: true });
    expect(wallOf(one)[0].reason).toMatch(
      /40% faster than the stored runs, beyond the tolerance \(50% slower or 33% faster\)/,
    );
    expect(wallOf(one).map((c) => c.verdict)).not.toContain('regressed');
  });

  it('on a cell whose threads ran another way, tests only the change that way could not have made, and says why', () => {
    const steady = [1.0, 1.02, 0.99, 1.01, 0.98];
    const history = steady.map((d, i) => runAt(d, { probeMs: 7, seed: i, busy: 1.8 }));
    const cpuOf = (judged: ReturnType<typeof judge>) => judged.comparisons.filter((c) => c.metric === 'cpu');
    // 30% more CPU time with its threads as parallel as before: proven.
    const alike = judge(runAt(1.3, { probeMs: 7, busy: 1.8 }), history, undefined, 'cpu');
    expect(cpuOf(alike).map((c) => c.verdict)).toEqual(Array(4).fill('regressed'));
    // With only one core busy (a busier machine, or threads that now take turns), threads contend
    // less and use less CPU time by themselves: a rise of 30% is still proven...
    const rose = judge(runAt((1.3 * 1.8) / 1.0, { probeMs: 7, busy: 1.0 }), history, undefined, 'cpu');
    expect(rose.crossRun).toMatchObject({ machineDiffers: false });
    expect(cpuOf(rose).map((c) => c.verdict)).toEqual(Array(4).fill('regressed'));
    expect(rose.matrix!.verdict).toBe('regressed');
    // ...but neither a fall nor no change means anything: 🟡, and why.
    for (const cpu of [1.0, 0.7]) {
      const hogged = judge(runAt((cpu * 1.8) / 1.0, { probeMs: 7, busy: 1.0 }), history, undefined, 'cpu');
      for (const c of cpuOf(hogged)) {
        expect(c.verdict).toBe('inconclusive');
        expect(c.reason).toBe(
          'this cell kept 1.0 cores busy against 1.8 in the stored runs: its threads ran less in parallel, which by itself lowers its CPU time, so only a rise can be proven',
        );
      }
      // The report shows a reason up to REASON_CHARS.
      expect(cpuOf(hogged)[0].reason!.length).toBeLessThanOrEqual(REASON_CHARS);
      expect(hogged.matrix!.verdict).toBe('inconclusive');
      expect(hogged.matrix!.reason).toBe(
        '4 of 4 cells ran their threads less in parallel than in the stored runs (musl/default: 1.0 cores busy against 1.8), which lowers their CPU time, so only a rise of all cells can be proven',
      );
    }
    // Wall time goes the other way: threads that take turns wait for each other. A rise proves
    // nothing there, a fall does.
    const slower = judge(runAt(1.3, { probeMs: 7, busy: 1.0 }), history);
    for (const c of wallOf(slower)) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(
        /its threads ran less in parallel, which by itself raises its wall time, so only a fall can be proven$/,
      );
    }
    expect(wallOf(judge(runAt(0.7, { probeMs: 7, busy: 1.0 }), history)).map((c) => c.verdict)).toEqual(
      Array(4).fill('improved'),
    );
    // Threads that ran more in parallel than before push CPU time up: only a fall is proven.
    const single = steady.map((d, i) => runAt(d, { probeMs: 7, seed: i, busy: 1.0 }));
    const spread = judge(runAt(1.3 / 1.8, { probeMs: 7, busy: 1.8 }), single, undefined, 'cpu');
    for (const c of cpuOf(spread)) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(
        /kept 1\.8 cores busy against 1\.0 .* ran more in parallel, which by itself raises its CPU time, so only a fall can be proven$/,
      );
    }
    // Only the glibc cells moved: the musl cells are judged as usual, all cells together only for
    // a rise.
    const glibc = ['glibc/default', 'glibc/jemalloc'];
    const some = judge(
      runAt(1.0, { probeMs: 7, busy: 1.0, busyCells: glibc }),
      steady.map((d, i) => runAt(d, { probeMs: 7, seed: i, busy: 1.8, busyCells: glibc })),
      undefined,
      'cpu',
    );
    expect(cpuOf(some).map((c) => c.verdict)).toEqual([
      'unchanged',
      'unchanged',
      'inconclusive',
      'inconclusive',
    ]);
    expect(some.matrix!.verdict).toBe('inconclusive');
    expect(some.matrix!.reason).toMatch(
      /^2 of 4 cells ran their threads less in parallel .* \(glibc\/default: 1\.0 cores busy/,
    );
    // Some cells less and some more in parallel: all cells together are not judged at all.
    const mixed = judge(
      runAt(1.0, { probeMs: 7, busy: 1.8, busyCells: ['musl/default', 'musl/jemalloc'] }),
      steady.map((d, i) => runAt(d, { probeMs: 7, seed: i, busy: 1.8, busyCells: glibc })),
      undefined,
      'cpu',
    );
    expect(mixed.matrix!.reason).toMatch(
      /^4 of 4 cells ran their threads another way than in the stored runs, some less and some more in parallel \(musl\/default: .*\), so all cells together cannot be judged$/,
    );
    // A machine that differs outranks a cell: its reason is the one given, and nothing is proven.
    const both = judge(runAt((1.6 * 1.8) / 1.0, { probeMs: 7 * 1.6, busy: 1.0 }), history, undefined, 'cpu');
    expect(cpuOf(both)[0].reason).toMatch(/^this machine ran the calibration probe 60% slower/);
    expect(cpuOf(both).map((c) => c.verdict)).not.toContain('regressed');
  });

  it('keeps the all-cells threads reason within what the report shows, however long the cell names', () => {
    const long = `jemalloc-${'x'.repeat(51)}`;
    const named = (r: Results): Results => ({
      ...r,
      cells: r.cells.map((c) =>
        c.libc === 'musl' && c.allocator === 'default' ? { ...c, allocator: long } : c,
      ),
    });
    const history = [1.0, 1.02, 0.99, 1.01, 0.98].map((d, i) =>
      named(runAt(d, { probeMs: 7, seed: i, busy: 1.8 })),
    );
    const hogged = judge(named(runAt(1.8, { probeMs: 7, busy: 1.0 })), history, undefined, 'cpu');
    const reason = hogged.matrix!.reason!;
    expect(reason.length).toBeLessThanOrEqual(REASON_CHARS);
    expect(reason).toBe(
      '4 of 4 cells ran their threads less in parallel than in the stored runs (e.g. 1.0 cores busy against 1.8), which lowers their CPU time, so only a rise of all cells can be proven',
    );
  });

  it('by default, divides by the probe time of the same round', () => {
    const history = DRIFTING.map((d) => runAt(d, { probeMs: 5 * d }));
    const judged = judge(runAt(1.2, { probeMs: 6 }), history);
    expect(judged.crossRun).toMatchObject({ normalized: true });
    for (const c of wallOf(judged)) expect(Math.abs(c.change!)).toBeLessThan(0.01);
    expect(wallOf(judged)[0].spread).toBeLessThan(0.005);
    // A stored run without probes leaves every time raw.
    const mixed = judge(runAt(1.2, { probeMs: 6 }), [...history.slice(1), runAt(1.0)]);
    expect(mixed.crossRun).toMatchObject({ normalized: false });
    expect(wallOf(mixed)[0].change).toBeGreaterThan(0.1);
  });

  it('on a cell whose share of system time moved, tests only the change a slower kernel could not have made, and leaves it out of all cells', () => {
    expect(KERNEL_SHARE_TOLERANCE).toBe(0.1);
    const steady = [1.0, 1.02, 0.99, 1.01, 0.98];
    // musl's allocator hands memory back to the kernel: 30% of its CPU time is system time.
    const stored = { 'musl/default': 0.3 };
    const history = steady.map((d, i) => runAt(d, { probeMs: 7, seed: i, kernel: stored }));
    const cpuOf = (judged: ReturnType<typeof judge>) => judged.comparisons.filter((c) => c.metric === 'cpu');
    const judgeCpu = (head: Results) => judge(head, history, undefined, 'cpu');
    /** A head at `level` whose kernel took musl/default's share of system time to `share`. */
    const slowerKernelAt = (level: number, share = 0.5) =>
      runAt(level, { probeMs: 7, kernel: { 'musl/default': share } });
    // Identical code on a machine whose kernel is slower for musl's allocator: 50% system time,
    // while the probe and the other cells stayed.
    const hogged = judgeCpu(slowerKernelAt(1.0));
    // The same, with musl/default +35% (as a slower kernel made it here): not a regression anyone
    // can prove.
    const muslSlower = slowerKernelAt(1.0);
    muslSlower.cells[0] = slowerKernelAt(1.35).cells[0];
    const slowerKernel = judgeCpu(muslSlower);
    const [musl, ...others] = cpuOf(slowerKernel);
    expect(musl).toMatchObject({ libc: 'musl', allocator: 'default', verdict: 'inconclusive' });
    expect(musl.change).toBeGreaterThan(0.3);
    expect(musl.reason).toBe(
      'this cell spent 50% of its CPU time in the kernel against 30% in the stored runs: a slower kernel raises its times by more than the probe shows, so only a fall can be proven',
    );
    expect(others.map((c) => c.verdict)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // All cells together are the three whose share stayed: unchanged, not +8%.
    expect(slowerKernel.matrix).toMatchObject({ verdict: 'unchanged', cells: 3, leftOut: ['musl/default'] });
    expect(Math.abs(slowerKernel.matrix!.change!)).toBeLessThan(0.01);
    expect(cpuOf(hogged).map((c) => c.verdict)).toEqual([
      'inconclusive',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    // A fall is still proven in that cell: a slower kernel could not have made it.
    expect(cpuOf(judgeCpu(slowerKernelAt(0.7)))[0].verdict).toBe('improved');
    // Code 25% slower everywhere, the kernel slower for musl's allocator: the other cells and all
    // cells together still catch it.
    const slower = judgeCpu(slowerKernelAt(1.25));
    expect(cpuOf(slower).map((c) => c.verdict)).toEqual([
      'inconclusive',
      'regressed',
      'regressed',
      'regressed',
    ]);
    expect(slower.matrix).toMatchObject({ verdict: 'regressed' });
    // A share within 10 points of the stored runs' is left alone.
    expect(cpuOf(judgeCpu(slowerKernelAt(1.25, 0.39)))[0].verdict).toBe('regressed');
    // Every cell's share moved up: all cells together can only be proven to fall, and say why.
    const everyCell = Object.fromEntries(CELLS.map(([l, a]) => [`${l}/${a}`, 0.5]));
    const storedEvery = steady.map((d, i) =>
      runAt(d, {
        probeMs: 7,
        seed: i,
        kernel: Object.fromEntries(CELLS.map(([l, a]) => [`${l}/${a}`, 0.3])),
      }),
    );
    const all = judge(runAt(1.3, { probeMs: 7, kernel: everyCell }), storedEvery, undefined, 'cpu');
    expect(cpuOf(all).map((c) => c.verdict)).toEqual(Array(4).fill('inconclusive'));
    // Then all of them are pooled, and none is left out.
    expect(all.matrix).toMatchObject({ verdict: 'inconclusive', cells: 4 });
    expect(all.matrix).not.toHaveProperty('leftOut');
    expect(all.matrix!.reason).toBe(
      'every cell spent more of its CPU time in the kernel than in the stored runs, as a slower kernel does, so only a fall of all cells can be proven',
    );
  });

  it('lets a cell that wandered between the stored runs count less in all cells together', () => {
    /** The run with its first cell's (musl/default's) times scaled by `factor`. */
    const wander = (results: Results, factor: number): Results => ({
      ...results,
      cells: results.cells.map((c, i) =>
        i === 0
          ? {
              ...c,
              runs: c.runs.map((r) => ({
                ...r,
                wallMs: r.wallMs * factor,
                userMs: r.userMs * factor,
                sysMs: r.sysMs * factor,
              })),
            }
          : c,
      ),
    });
    const steady = [1.0, 1.01, 0.99, 1.005, 0.995];
    const moves = [1.0, 1.3, 0.8, 1.15, 0.9];
    const history = steady.map((d, i) => wander(runAt(d, { seed: i }), moves[i]));
    // Every cell 10% slower, and musl/default at an ordinary place of its own wandering.
    const head = wander(runAt(1.1), 0.9);
    const judged = judge(head, history);
    // Its own interval is as wide as its wandering, so it proves nothing; the three steady cells
    // agree on +10%, and all cells together follow them rather than musl/default's spread.
    expect(wallOf(judged)[0].spread!).toBeGreaterThan(0.15);
    expect(wallOf(judged)[0].verdict).not.toBe('regressed');
    expect(judged.matrix!.verdict).toBe('regressed');
    expect(judged.matrix!.change!).toBeGreaterThan(0.08);
    expect(judged.matrix!.spread!).toBeLessThan(0.02);
    // The same code, the same way: nothing to report.
    const same = judge(wander(runAt(1.0), 1.25), history);
    expect(same.matrix!.verdict).not.toBe('regressed');
    expect(wallOf(same).map((c) => c.verdict)).not.toContain('regressed');
  });

  it("divides by the probe's process part, which a malloc-heavy benchmark follows, not by the whole probe", () => {
    const sample = {
      round: 0,
      position: 0,
      wallMs: 20,
      cpuMs: 18,
      computeMs: 3,
      memoryMs: 1,
      processMs: 16,
      processCpuMs: 14,
    };
    expect(probeMs(sample, 'wall')).toBe(16);
    expect(probeMs(sample, 'cpu')).toBe(14);
    // A sample without the part gives the whole probe's times.
    const whole = { ...sample, processMs: undefined, processCpuMs: undefined };
    expect([probeMs(whole, 'wall'), probeMs(whole, 'cpu')]).toEqual([20, 18]);
    // In a judgement: the process part ran 10% slower and the helper's own parts not at all; cells
    // 10% slower are the machine, and read unchanged.
    const history = [1.0, 1.01, 0.99, 1.0].map((d, i) => runAt(d, { probeMs: 8, seed: i }));
    const head = runAt(1.1, { probeMs: 8 });
    head.probe = {
      ...head.probe!,
      environments: head.probe!.environments.map((e) => ({
        ...e,
        samples: e.samples.map((s) => ({
          ...s,
          processMs: s.processMs! * 1.1,
          processCpuMs: s.processCpuMs! * 1.1,
        })),
      })),
    };
    const judged = judge(head, history);
    expect(judged.crossRun!.machineFactor).toBeCloseTo(0.1, 2);
    expect(judged.matrix!.change).toBeCloseTo(0, 2);
    expect(wallOf(judged).map((c) => c.verdict)).toEqual(Array(4).fill('unchanged'));
  });

  it('divided by the probe, lets a change be off by a quarter of what the probe moved', () => {
    const history = DRIFTING.map((d) => runAt(d, { probeMs: 5 * d }));
    // Identical code on a machine that ran the probe 20% slower and the benchmark 31% slower: +9%
    // after dividing, which a benchmark that follows the probe 1.25 times as far would show.
    const hogged = judge(runAt(1.2 * 1.09, { probeMs: 5 * 1.2 }), history);
    expect(hogged.crossRun).toMatchObject({ normalized: true, machineDiffers: false });
    for (const c of wallOf(hogged)) {
      expect(c.change).toBeGreaterThan(0.08);
      expect(c.verdict).toBe('inconclusive');
    }
    expect(hogged.matrix).toMatchObject({ verdict: 'inconclusive' });
    // 25% slower code on the same machine: proven, the quarter allowed for.
    const hoggedSlower = judge(runAt(1.2 * 1.25, { probeMs: 5 * 1.2 }), history);
    for (const c of wallOf(hoggedSlower)) expect(c.verdict).toBe('regressed');
    // 25% slower code on a machine whose probe stayed where the stored runs' were: proven.
    const slower = judge(runAt(1.25, { probeMs: 5 * 1.008 }), history);
    for (const c of wallOf(slower)) expect(c.verdict).toBe('regressed');
    expect(slower.matrix).toMatchObject({ verdict: 'regressed' });
  });

  it('leaves out a stored run of another CPU model, and records each stored run', () => {
    const history = [runAt(1.0, { cpuModel: 'Another CPU 9000' }), ...[1.0, 1.01, 0.99].map((d) => runAt(d))];
    const judged = judge(runAt(1.0), history);
    expect(wallOf(judged)[0]).toMatchObject({ history: 3 });
    const record = judged.crossRun!.history;
    expect(record).toHaveLength(4);
    expect(record[0].excluded).toMatch(/^musl: .*CPU model differs: baseline ran on Another CPU 9000/);
    // Another CPU is another machine in every place: left out as a whole.
    expect(record[0]).not.toHaveProperty('excludedPlaces');
    expect(record[1].source).toBe('run-1.json');
    expect(record[1]).not.toHaveProperty('excluded');
    expect(record[1].medians).toContainEqual({ libc: 'glibc', allocator: 'jemalloc', medianMs: 130 });
    // Every stored run on another CPU model: nothing is comparable, with the reason.
    const alone = judge(runAt(1.0), [history[0]]);
    expect(wallOf(alone)[0]).toMatchObject({ verdict: 'not-comparable' });
    expect(wallOf(alone)[0].reason).toContain('CPU model differs');
  });

  it('divides each architecture’s cells by its own probe in merged results that span two', () => {
    const other = runAt(1.0).host.arch === 'x64' ? 'arm64' : 'x64';
    // A merge of shards: the other architecture's cells, and its probe, run at `factor` times.
    const spanning = (level: number, factor: number, seed = 1): Results => {
      const results = runAt(level, { seed, probeMs: 5 });
      const host = results.host.arch;
      const more = runAt(factor * level, { seed }).cells.map((c) => ({ ...c, arch: other }));
      const probe = probeOf(5 * factor).environments.map((e) => ({ ...e, arch: other }));
      return {
        ...results,
        cells: [...results.cells, ...more],
        probe: {
          workload: PROBE_WORKLOAD,
          environments: [...results.probe!.environments.map((e) => ({ ...e, arch: host })), ...probe],
        },
      };
    };
    const history = [1.0, 1.01, 0.99].map((d, i) => spanning(d, 2, i));
    // The other architecture's runner is 30% slower as a whole, its probe too: no code changed.
    const judged = judge(spanning(1.0, 2.6), history);
    expect(judged.crossRun).toMatchObject({ normalized: true });
    const theirs = wallOf(judged).filter((c) => c.arch === other);
    expect(theirs).toHaveLength(4);
    for (const c of theirs) expect(Math.abs(c.change!)).toBeLessThan(0.02);
    // Read against the host's probe instead, they would have been 30% slower.
    const raw = wallOf(judge(spanning(1.0, 2.6), history, false)).filter((c) => c.arch === other);
    for (const c of raw) expect(c.change).toBeCloseTo(0.3, 2);
  });

  it('matches each cell with the stored cell of its own architecture in results that span two', () => {
    const other = runAt(1.0).host.arch === 'x64' ? 'arm64' : 'x64';
    // The other architecture's cells (a merge of shards) run at `factor` times the host's.
    const spanning = (level: number, factor: number, seed = 1): Results => {
      const results = runAt(level, { seed });
      const more = runAt(factor * level, { seed }).cells.map((c) => ({ ...c, arch: other }));
      return { ...results, cells: [...results.cells, ...more] };
    };
    const history = [1.0, 1.01, 0.99].map((d, i) => spanning(d, 2, i));
    // Only the other architecture's cells slowed down, by half.
    const judged = judge(spanning(1.0, 3), history);
    const [mine, theirs] = [
      wallOf(judged).filter((c) => c.arch !== other),
      wallOf(judged).filter((c) => c.arch === other),
    ];
    expect([mine.length, theirs.length]).toEqual([4, 4]);
    for (const c of mine) expect(Math.abs(c.change!)).toBeLessThan(0.02);
    for (const c of theirs) expect(c).toMatchObject({ verdict: 'regressed', change: expect.closeTo(0.5, 1) });
  });
});
