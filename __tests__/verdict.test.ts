import { describe, expect, it } from '@jest/globals';
import type { CellComparison, CellResult, RunRecord } from '../src/results/model.js';
import { createRng, type Rng } from '../src/base/rng.js';
import type { RoundSample } from '../src/analysis/stats.js';
import { stratifiedHodgesLehmann, stratifiedSignedRankInterval } from '../src/analysis/stratified.js';
import {
  gateSide,
  holmRejections,
  judgeGate,
  leftUnsettled,
  retryPlan,
  type GateCell,
  type GateOptions,
  type GateSide,
} from '../src/analysis/verdict.js';

/** The per-cell verdicts alone. */
function judgeCells(cells: GateCell[], options: GateOptions): CellComparison[] {
  return judgeGate(cells, options).comparisons;
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
}

interface Scenario {
  /** True relative change of head over base, e.g. 0.10. */
  change: number;
  /** Log-normal noise of each run (sd of log time). */
  noise: number;
  rounds: number;
  /** Shared per-round drift (sd of log time), which pairing cancels. */
  drift?: number;
  rssChange?: number;
}

function side(samples: RoundSample[], rss: RoundSample[]): GateSide {
  return { status: 'ok', timing: samples, rss };
}

/** A cell whose head is `change` slower than base, with seeded log-normal noise and drift. */
function syntheticCell(rng: Rng, allocator: string, s: Scenario): GateCell {
  const base: RoundSample[] = [];
  const head: RoundSample[] = [];
  const baseRss: RoundSample[] = [];
  const headRss: RoundSample[] = [];
  for (let round = 0; round < s.rounds; round++) {
    const drift = (s.drift ?? 0) * gaussian(rng);
    base.push({ round, value: 400 * Math.exp(drift + s.noise * gaussian(rng)) });
    head.push({ round, value: 400 * (1 + s.change) * Math.exp(drift + s.noise * gaussian(rng)) });
    baseRss.push({ round, value: 10_000 + (round % 3) });
    headRss.push({ round, value: Math.round((10_000 + (round % 3)) * (1 + (s.rssChange ?? 0))) });
  }
  return { libc: 'musl', allocator, head: side(head, headRss), baseline: side(base, baseRss) };
}

const OPTIONS: GateOptions = { metric: 'wall', threshold: 0.05, memoryThreshold: 0.1, paired: true };

function timing(comparisons: CellComparison[]): CellComparison[] {
  return comparisons.filter((c) => c.metric !== 'rss');
}

describe('holmRejections', () => {
  it('steps down through the sorted p-values and stops at the first failure', () => {
    // sorted: 0.005 <= 0.05/4, 0.01 <= 0.05/3, 0.03 > 0.05/2 -> stop (0.04 is not reached)
    expect(holmRejections([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
    // Holm rejects all three where Bonferroni (0.05/3 each) would reject only the first.
    expect(holmRejections([0.01, 0.02, 0.04], 0.05)).toEqual([true, true, true]);
    expect(holmRejections([], 0.05)).toEqual([]);
  });
});

describe('judgeCells: timing', () => {
  it('finds a true 10% slowdown with 1% noise regressed, paired and unpaired', () => {
    const rng = createRng(1);
    const cell = syntheticCell(rng, 'jemalloc', { change: 0.1, noise: 0.01, rounds: 10, drift: 0.05 });
    const [paired] = judgeCells([cell], OPTIONS);
    expect(paired).toMatchObject({
      libc: 'musl',
      allocator: 'jemalloc',
      metric: 'wall',
      verdict: 'regressed',
      paired: true,
    });
    expect(paired.change).toBeGreaterThan(0.08);
    expect(paired.change).toBeLessThan(0.12);
    expect(paired.interval![0]).toBeGreaterThan(0.05);
    expect(paired.interval![0]).toBeLessThan(paired.change!);
    expect(paired.interval![1]).toBeGreaterThan(paired.change!);
    expect(paired.pValue).toBeLessThan(0.01);

    const unpairedCell = syntheticCell(rng, 'jemalloc', { change: 0.1, noise: 0.01, rounds: 20 });
    const [unpaired] = judgeCells([unpairedCell], { ...OPTIONS, paired: false });
    expect(unpaired).toMatchObject({ verdict: 'regressed', paired: false });
  });

  it('finds a true 10% speed-up improved', () => {
    const cell = syntheticCell(createRng(2), 'mimalloc', { change: -0.1, noise: 0.01, rounds: 10 });
    const [result] = judgeCells([cell], OPTIONS);
    expect(result.verdict).toBe('improved');
    expect(result.change).toBeLessThan(-0.08);
    expect(result.interval![1]).toBeLessThan(-0.05);
  });

  it('pairing cancels round-to-round drift that hides the change when unpaired', () => {
    const cell = syntheticCell(createRng(3), 'tcmalloc', {
      change: 0.1,
      noise: 0.01,
      rounds: 10,
      drift: 0.15,
    });
    expect(judgeCells([cell], OPTIONS)[0].verdict).toBe('regressed');
    expect(judgeCells([cell], { ...OPTIONS, paired: false })[0].verdict).not.toBe('regressed');
  });

  it('never flags noise without a shift: 200 seeded trials of 10 cells, either direction', () => {
    const rng = createRng(4);
    let flagged = 0;
    for (let trial = 0; trial < 200; trial++) {
      const cells = Array.from({ length: 10 }, (_, i) =>
        syntheticCell(rng, `a${i}`, { change: 0, noise: 0.03, rounds: 10, drift: 0.03 }),
      );
      for (const paired of [true, false]) {
        const verdicts = timing(judgeCells(cells, { ...OPTIONS, paired })).map((c) => c.verdict);
        if (verdicts.some((v) => v === 'regressed' || v === 'improved')) flagged++;
      }
    }
    expect(flagged).toBe(0);
  });

  it('keeps the family-wise error near alpha in an A/A run at threshold 0 (all cells and each cell)', () => {
    const rng = createRng(5);
    const trials = 300;
    let anyRegression = 0;
    let matrixRegression = 0;
    for (let trial = 0; trial < trials; trial++) {
      const cells = Array.from({ length: 10 }, (_, i) =>
        syntheticCell(rng, `a${i}`, { change: 0, noise: 0.05, rounds: 12 }),
      );
      const judged = judgeGate(cells, { ...OPTIONS, threshold: 0 });
      const verdicts = timing(judged.comparisons).map((c) => c.verdict);
      if (judged.matrix?.verdict === 'regressed') matrixRegression++;
      if (verdicts.includes('regressed') || judged.matrix?.verdict === 'regressed') anyRegression++;
    }
    // Uncorrected, 11 tests at 5% would flag ~40% of trials. Shared alpha keeps it at or below
    // 5% (binomial sd 1.3% over 300 trials); the all-cells test alone holds half of it.
    expect(anyRegression / trials).toBeLessThan(0.09);
    expect(matrixRegression / trials).toBeLessThan(0.06);
  });

  it('calls a change that sits right at the threshold inconclusive, not regressed', () => {
    // Per-round log ratios spread around log(1.055): the estimate is above 5%, the bound is not.
    const offsets = [0.03, -0.02, 0.012, -0.015, 0.025, -0.01, 0.004, 0.018, -0.006, 0.009];
    const base = offsets.map((_, round) => ({ round, value: 500 }));
    const head = offsets.map((o, round) => ({ round, value: 500 * 1.055 * Math.exp(o) }));
    const cell: GateCell = {
      libc: 'glibc',
      allocator: 'default',
      head: side(head, base),
      baseline: side(base, base),
    };
    const [result] = judgeCells([cell], OPTIONS);
    expect(result.verdict).toBe('inconclusive');
    expect(result.change).toBeGreaterThan(0.05);
    expect(result.interval![0]).toBeLessThan(0.05);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(retryPlan(judgeGate([cell], OPTIONS))).toEqual({
      cells: [{ libc: 'glibc', allocator: 'default' }],
      all: false,
    });
  });

  it('at a true change equal to the threshold, rarely says regressed and often inconclusive', () => {
    const rng = createRng(6);
    const counts = { regressed: 0, inconclusive: 0 };
    for (let trial = 0; trial < 200; trial++) {
      const cell = syntheticCell(rng, 'x', { change: 0.05, noise: 0.02, rounds: 10 });
      const verdict = judgeCells([cell], OPTIONS)[0].verdict;
      if (verdict === 'regressed' || verdict === 'inconclusive') counts[verdict]++;
    }
    expect(counts.regressed / 200).toBeLessThan(0.09);
    expect(counts.inconclusive / 200).toBeGreaterThan(0.3);
  });

  it('lets Holm turn a regression that passes alpha but not alpha/m into inconclusive', () => {
    // 7 rounds, every log ratio above log(1.05): exact one-sided p = 1/128 = 0.0078,
    // below 0.05 but above 0.05/10.
    const ratios = [1.07, 1.08, 1.075, 1.09, 1.065, 1.085, 1.07];
    const base = ratios.map((_, round) => ({ round, value: 300 }));
    const suspect: GateCell = {
      libc: 'musl',
      allocator: 'rpmalloc',
      head: side(
        ratios.map((r, round) => ({ round, value: 300 * r })),
        base,
      ),
      baseline: side(base, base),
    };
    const options = { ...OPTIONS, minRuns: 7 };
    const alone = timing(judgeCells([suspect], options));
    expect(alone[0]).toMatchObject({ verdict: 'regressed', pValue: 1 / 128 });

    const rng = createRng(7);
    const others = Array.from({ length: 9 }, (_, i) =>
      syntheticCell(rng, `o${i}`, { change: 0, noise: 0.01, rounds: 7 }),
    );
    const inFamily = timing(judgeCells([suspect, ...others], options));
    expect(inFamily[0]).toMatchObject({ verdict: 'inconclusive', pValue: 1 / 128 });
    expect(inFamily.slice(1).every((c) => c.verdict === 'unchanged')).toBe(true);
  });
});

describe('judgeCells: memory', () => {
  it('judges the median peak RSS change against its own threshold, regardless of timing', () => {
    const rng = createRng(8);
    const grown = syntheticCell(rng, 'a', { change: 0, noise: 0.01, rounds: 8, rssChange: 0.12 });
    const slightly = syntheticCell(rng, 'b', { change: 0, noise: 0.01, rounds: 8, rssChange: 0.08 });
    const shrunk = syntheticCell(rng, 'c', { change: 0, noise: 0.01, rounds: 8, rssChange: -0.15 });
    for (const paired of [true, false]) {
      const memory = judgeCells([grown, slightly, shrunk], { ...OPTIONS, paired }).filter(
        (c) => c.metric === 'rss',
      );
      expect(memory.map((c) => c.verdict)).toEqual(['regressed', 'unchanged', 'improved']);
      expect(memory[0].change).toBeCloseTo(0.12, 3);
      expect(memory[2].change).toBeCloseTo(-0.15, 3);
      expect(memory[0].pValue).toBeUndefined();
    }
  });
});

describe('judgeCells: not comparable', () => {
  const rng = createRng(9);
  const good = () => syntheticCell(rng, 'jemalloc', { change: 0, noise: 0.01, rounds: 8 });

  it.each<[string, (cell: GateCell) => GateCell, RegExp]>([
    [
      'a failed head',
      (c) => ({ ...c, head: { ...c.head, status: 'failed', reason: 'exit code 3 in every run' } }),
      /^the head cell is failed: exit code 3 in every run$/,
    ],
    [
      'a partial baseline',
      (c) => ({ ...c, baseline: { ...c.baseline, status: 'partial' } }),
      /^the baseline cell is partial$/,
    ],
    [
      'a caller-given reason',
      (c) => ({ ...c, notComparableReason: 'the baseline ran on another CPU model (X vs Y)' }),
      /another CPU model/,
    ],
    [
      'too few runs',
      (c) => ({ ...c, head: { ...c.head, timing: c.head.timing.slice(0, 5), rss: c.head.rss.slice(0, 5) } }),
      /only 5 round\(s\) where head and baseline both succeeded; at least 6 needed/,
    ],
    [
      'rounds that do not match',
      (c) => ({
        ...c,
        baseline: {
          ...c.baseline,
          timing: c.baseline.timing.map((s) => ({ ...s, round: s.round + 4 })),
          rss: c.baseline.rss.map((s) => ({ ...s, round: s.round + 4 })),
        },
      }),
      /only 4 round\(s\)/,
    ],
    [
      'zero times',
      (c) => ({
        ...c,
        head: { ...c.head, timing: c.head.timing.map((s, i) => (i < 2 ? { ...s, value: 0 } : s)) },
      }),
      /head wall time is zero \(or invalid\) in 2 run\(s\)/,
    ],
  ])('passes the reason through for %s', (_label, mutate, reason) => {
    const [result] = judgeCells([mutate(good())], OPTIONS);
    expect(result).toMatchObject({ verdict: 'not-comparable', metric: 'wall' });
    expect(result.reason).toMatch(reason);
    expect(result.change).toBeUndefined();
  });

  it('counts runs per side when unpaired', () => {
    const cell = good();
    const short = { ...cell, baseline: { ...cell.baseline, timing: cell.baseline.timing.slice(0, 3) } };
    expect(judgeCells([short], { ...OPTIONS, paired: false })[0].reason).toBe(
      'only 3 successful run(s) on the baseline side; at least 6 needed',
    );
  });

  it('leaves blocked cells out of the Holm family', () => {
    const ratios = [1.07, 1.08, 1.075, 1.09, 1.065, 1.085, 1.07];
    const base = ratios.map((_, round) => ({ round, value: 300 }));
    const suspect: GateCell = {
      libc: 'musl',
      allocator: 'rpmalloc',
      head: side(
        ratios.map((r, round) => ({ round, value: 300 * r })),
        base,
      ),
      baseline: side(base, base),
    };
    const blocked = Array.from({ length: 9 }, () => ({ ...good(), notComparableReason: 'no baseline' }));
    expect(judgeCells([suspect, ...blocked], { ...OPTIONS, minRuns: 7 })[0].verdict).toBe('regressed');
  });

  it('refuses duplicated rounds when pairing', () => {
    const cell = good();
    const doubled = { ...cell, head: { ...cell.head, timing: [...cell.head.timing, cell.head.timing[0]] } };
    expect(() => judgeCells([doubled], OPTIONS)).toThrow(
      /Invalid head samples of musl\/jemalloc: round 0 appears twice/,
    );
  });
});

describe('judgeCells: options', () => {
  it.each<[Partial<GateOptions>, RegExp]>([
    [{ threshold: 1 }, /Invalid threshold 1: expected a fraction from 0 \(inclusive\) to 1/],
    [{ threshold: -0.01 }, /Invalid threshold -0.01/],
    [{ threshold: Number.NaN }, /Invalid threshold NaN/],
    [{ memoryThreshold: 2 }, /Invalid memory threshold 2/],
    [{ alpha: 0 }, /Invalid alpha 0/],
    [{ minRuns: 0 }, /Invalid minRuns 0/],
    [{ intervalLevel: 1.5 }, /Invalid interval level 1.5/],
    [{ looks: 0 }, /Invalid looks 0: expected a positive integer/],
  ])('rejects %j', (patch, message) => {
    expect(() => judgeCells([], { ...OPTIONS, ...patch })).toThrow(message);
  });
});

describe('gateSide', () => {
  it('takes the successful measured runs of a recorded cell, with their rounds', () => {
    const record = (round: number, wallMs: number, extra: Partial<RunRecord> = {}): RunRecord => ({
      kind: 'measured',
      round,
      position: 0,
      outcome: 'exited',
      exitCode: 0,
      signal: null,
      wallMs,
      userMs: wallMs / 2,
      sysMs: 1,
      maxRssKiB: 7000 + round,
      ...extra,
    });
    const cell: CellResult = {
      libc: 'glibc',
      allocator: 'mimalloc',
      tree: 'head',
      status: 'partial',
      reason: '1 of 3 runs failed',
      failedRuns: 1,
      runs: [
        record(-1, 5, { kind: 'warmup' }),
        record(0, 100),
        record(1, 900, { exitCode: 2 }),
        record(2, 120),
      ],
    };
    expect(gateSide(cell, 'cpu')).toEqual({
      status: 'partial',
      reason: '1 of 3 runs failed',
      timing: [
        { round: 0, value: 51 },
        { round: 2, value: 61 },
      ],
      rss: [
        { round: 0, value: 7000 },
        { round: 2, value: 7002 },
      ],
    });
  });
});

describe('judgeGate: the all-cells verdict', () => {
  const many = (seed: number, change: number, noise: number, rounds = 10) => {
    const rng = createRng(seed);
    return Array.from({ length: 8 }, (_, i) => syntheticCell(rng, `a${i}`, { change, noise, rounds }));
  };

  it('pools a change common to every cell, catching what the cells alone leave inconclusive', () => {
    for (const paired of [true, false]) {
      const judged = judgeGate(many(21, 0.1, 0.06), { ...OPTIONS, paired });
      const cells = timing(judged.comparisons);
      expect(cells.filter((c) => c.verdict === 'regressed').length).toBeLessThan(8);
      expect(judged.matrix).toMatchObject({ metric: 'wall', verdict: 'regressed', paired, cells: 8 });
      expect(judged.matrix!.change).toBeGreaterThan(0.07);
      expect(judged.matrix!.change).toBeLessThan(0.13);
      expect(judged.matrix!.interval![0]).toBeGreaterThan(0.05);
      expect(judged.matrix!.interval![1]).toBeGreaterThan(judged.matrix!.change!);
      expect(judged.look.regressed).toContain('all cells');
    }
  });

  it('prints the interval its test uses: two-sided 1 - alpha (its share, one-sided alpha/2)', () => {
    const cells = many(22, 0.02, 0.03, 12);
    const judged = judgeGate(cells, { ...OPTIONS, threshold: 0 });
    const strata = cells.map((c) =>
      c.head.timing.map((h, i) => Math.log(h.value / c.baseline.timing[i].value)),
    );
    const [lo, hi] = stratifiedSignedRankInterval(strata, 0.95);
    expect(judged.matrix!.interval![0]).toBeCloseTo(Math.expm1(lo), 12);
    expect(judged.matrix!.interval![1]).toBeCloseTo(Math.expm1(hi), 12);
    expect(judged.matrix!.change).toBeCloseTo(Math.expm1(stratifiedHodgesLehmann(strata)), 12);
  });

  it('calls no change unchanged, and is absent when fewer than two cells can be compared', () => {
    expect(judgeGate(many(23, 0, 0.02), OPTIONS).matrix?.verdict).toBe('unchanged');
    const [one, ...rest] = many(24, 0.1, 0.01);
    const blocked = rest.map((c) => ({ ...c, notComparableReason: 'no baseline' }));
    expect(judgeGate([one, ...blocked], OPTIONS).matrix).toBeUndefined();
  });

  it('finds a common speed-up improved', () => {
    expect(judgeGate(many(25, -0.1, 0.06), OPTIONS).matrix?.verdict).toBe('improved');
  });
});

describe('judgeGate: looks after re-measuring (retries)', () => {
  // Five rounds, every one above the threshold: exact one-sided p = 1/32, between 0.025 and 0.05.
  const ratios = [1.07, 1.08, 1.075, 1.09, 1.065];
  const base = ratios.map((_, round) => ({ round, value: 300 }));
  const fiveRounds: GateCell = {
    libc: 'musl',
    allocator: 'rpmalloc',
    head: side(
      ratios.map((r, round) => ({ round, value: 300 * r })),
      base,
    ),
    baseline: side(base, base),
  };
  const options = { ...OPTIONS, minRuns: 5 };

  it('splits alpha evenly between the looks planned, so a first look is stricter with retries', () => {
    expect(timing(judgeGate([fiveRounds], options).comparisons)[0].verdict).toBe('regressed');
    const first = judgeGate([fiveRounds], { ...options, looks: 2 });
    expect(timing(first.comparisons)[0]).toMatchObject({ verdict: 'inconclusive', pValue: 1 / 32 });
    expect(retryPlan(first)).toEqual({ cells: [{ libc: 'musl', allocator: 'rpmalloc' }], all: false });
  });

  it('keeps what an earlier look proved, and re-tests only what was re-measured', () => {
    const rng = createRng(31);
    const slow = syntheticCell(rng, 'slow', { change: 0.2, noise: 0.01, rounds: 10 });
    const edge = syntheticCell(rng, 'edge', { change: 0.055, noise: 0.02, rounds: 10 });
    const first = judgeGate([slow, edge], { ...OPTIONS, looks: 2 });
    expect(first.look).toMatchObject({ index: 0, regressed: expect.arrayContaining(['musl/slow']) });
    // The second look sees the same data, but nothing was re-measured: nothing new is proven.
    const second = judgeGate(
      [slow, edge],
      { ...OPTIONS, looks: 2 },
      { judgement: first, remeasured: { cells: [], all: false } },
    );
    expect(second.look.index).toBe(1);
    expect(timing(second.comparisons).map((c) => c.verdict)).toEqual(
      timing(first.comparisons).map((c) => c.verdict),
    );
    expect(() =>
      judgeGate(
        [slow, edge],
        { ...OPTIONS, looks: 2 },
        { judgement: second, remeasured: { cells: [], all: false } },
      ),
    ).toThrow(/Invalid look 3: only 2 look\(s\) were planned/);
  });

  it('leaves the unsettled timing verdicts with the reason they were not measured again', () => {
    const rng = createRng(31);
    const slow = syntheticCell(rng, 'slow', { change: 0.2, noise: 0.01, rounds: 10 });
    const edge = syntheticCell(rng, 'edge', { change: 0.055, noise: 0.02, rounds: 10 });
    const first = judgeGate([slow, edge], { ...OPTIONS, looks: 2 });
    const unsure = timing(first.comparisons).filter((c) => c.verdict === 'inconclusive');
    expect(unsure.map((c) => c.allocator)).toEqual(['edge']);
    const left = leftUnsettled(first, first.look.regressed);
    const reason = `not re-measured: ${first.look.regressed.join(', ')} already regressed, so more rounds could not change the outcome`;
    expect(timing(left.comparisons).map((c) => `${c.allocator} ${c.verdict}: ${c.reason ?? '-'}`)).toEqual([
      'slow regressed: -',
      `edge inconclusive: ${reason}`,
    ]);
    // Memory verdicts are judged anew at every look anyway, and an existing reason is kept.
    expect(left.comparisons.filter((c) => c.metric === 'rss')).toEqual(
      first.comparisons.filter((c) => c.metric === 'rss'),
    );
    const withReason = { ...first, comparisons: first.comparisons.map((c) => ({ ...c, reason: 'kept' })) };
    expect(leftUnsettled(withReason, ['musl/slow']).comparisons.map((c) => c.reason)).toEqual(
      first.comparisons.map(() => 'kept'),
    );
    if (first.matrix?.verdict === 'inconclusive') expect(left.matrix?.reason).toBe(reason);
    else expect(left.matrix).toEqual(first.matrix);
  });

  it('re-measures every cell when the all-cells verdict is the inconclusive one', () => {
    const judgement = judgeGate(
      Array.from({ length: 3 }, (_, i) =>
        syntheticCell(createRng(40 + i), `c${i}`, { change: 0.055, noise: 0.03, rounds: 8 }),
      ),
      OPTIONS,
    );
    expect(judgement.matrix?.verdict).toBe('inconclusive');
    expect(retryPlan(judgement)).toMatchObject({ all: true });
    expect(retryPlan(judgement).cells).toHaveLength(3);
  });

  it('keeps the false-alarm rate at alpha where re-testing at full alpha inflates it (simulation)', () => {
    // A true change exactly at the threshold: the worst case for a false alarm. Re-measuring an
    // inconclusive cell and testing again at the full alpha is optional stopping; the split is not.
    const rng = createRng(32);
    const trials = 1500;
    let naive = 0;
    let split = 0;
    const extend = (cell: GateCell, more: GateCell): GateCell => {
      const shift = (s: RoundSample) => ({ round: s.round + 100, value: s.value });
      const join = (a: GateSide, b: GateSide): GateSide => ({
        ...a,
        timing: [...a.timing, ...b.timing.map(shift)],
        rss: [...a.rss, ...b.rss.map(shift)],
      });
      return { ...cell, head: join(cell.head, more.head), baseline: join(cell.baseline, more.baseline) };
    };
    for (let trial = 0; trial < trials; trial++) {
      const scenario = { change: 0.05, noise: 0.03, rounds: 10 };
      const cell = syntheticCell(rng, 'x', scenario);
      const both = extend(cell, syntheticCell(rng, 'x', scenario));
      const once = judgeGate([cell], OPTIONS);
      const again =
        timing(once.comparisons)[0].verdict === 'inconclusive' ? judgeGate([both], OPTIONS) : once;
      if (timing(again.comparisons)[0].verdict === 'regressed') naive++;
      const first = judgeGate([cell], { ...OPTIONS, looks: 2 });
      const plan = retryPlan(first);
      const second =
        plan.cells.length > 0
          ? judgeGate([both], { ...OPTIONS, looks: 2 }, { judgement: first, remeasured: plan })
          : first;
      if (timing(second.comparisons)[0].verdict === 'regressed') split++;
    }
    // Binomial sd over 1500 trials: about 0.6%.
    expect(naive / trials).toBeGreaterThan(0.06);
    expect(split / trials).toBeLessThan(0.055);
  });
});
