import { describe, expect, it } from '@jest/globals';
import type { PlannedRun, PlannedStep } from '../src/measure/executor.js';
import { planProofRuns, planRounds, planWarmups } from '../src/measure/plan.js';

const IDS = ['musl/default', 'musl/jemalloc', 'musl/mimalloc', 'glibc/default', 'glibc/jemalloc'];

/** The runs of variants in a plan (no probes). */
function cellRuns(plan: PlannedStep[]): PlannedRun[] {
  return plan.flatMap((r) => ('variantId' in r ? [r] : []));
}

function measuredRounds(plan: PlannedStep[]): string[][] {
  const rounds: string[][] = [];
  for (const run of cellRuns(plan).filter((r) => r.kind === 'measured')) {
    (rounds[run.round] ??= [])[run.position] = run.variantId;
  }
  return rounds;
}

describe('planRounds', () => {
  it('runs every variant exactly once in every measured round, positions 0..k-1 in execution order', () => {
    const plan = planRounds({ variantIds: IDS, warmup: 0, runs: 12, seed: 7 });
    expect(plan).toHaveLength(12 * IDS.length);
    plan.forEach((run, i) => {
      expect(run.round).toBe(Math.floor(i / IDS.length));
      expect(run.position).toBe(i % IDS.length);
    });
    for (const round of measuredRounds(plan)) expect([...round].sort()).toEqual([...IDS].sort());
  });

  it('shuffles the order from round to round', () => {
    const orders = measuredRounds(planRounds({ variantIds: IDS, warmup: 0, runs: 12, seed: 7 })).map((r) =>
      r.join(),
    );
    expect(new Set(orders).size).toBeGreaterThan(6);
    // Each variant takes the first place of a round at least once in 60 rounds (fails 1 in ~3e5).
    const firsts = measuredRounds(planRounds({ variantIds: IDS, warmup: 0, runs: 60, seed: 3 })).map(
      (r) => r[0],
    );
    expect(new Set(firsts)).toEqual(new Set(IDS));
  });

  it('is reproducible from its seed and differs across seeds', () => {
    const request = { variantIds: IDS, warmup: 2, runs: 10 };
    expect(planRounds({ ...request, seed: 42 })).toEqual(planRounds({ ...request, seed: 42 }));
    expect(planRounds({ ...request, seed: 42 })).not.toEqual(planRounds({ ...request, seed: 43 }));
  });

  it('never runs all measured runs of a variant back to back when there are several variants', () => {
    for (const variantIds of [['a', 'b'], ['a', 'b', 'c'], IDS]) {
      for (const runs of [2, 3, 5]) {
        for (let seed = 0; seed < 200; seed++) {
          const sequence = cellRuns(planRounds({ variantIds, warmup: 0, runs, seed })).map(
            (r) => r.variantId,
          );
          for (const id of variantIds) {
            const at = sequence.flatMap((v, i) => (v === id ? [i] : []));
            expect(at[at.length - 1] - at[0]).toBeGreaterThan(runs - 1);
          }
        }
      }
    }
  });

  it('keeps both orders possible for two variants, so a fixed order cannot bias pairs', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      for (const round of measuredRounds(
        planRounds({ variantIds: ['base', 'head'], warmup: 0, runs: 8, seed }),
      )) {
        seen.add(round.join());
      }
    }
    expect(seen).toEqual(new Set(['base,head', 'head,base']));
  });

  it('puts the warm-ups first, each variant `warmup` times, round-robin in one order', () => {
    const plan = planRounds({ variantIds: IDS, warmup: 3, runs: 4, seed: 11 });
    const warmups = cellRuns(plan).slice(0, 3 * IDS.length);
    expect(warmups.every((r) => r.kind === 'warmup' && r.round === -1)).toBe(true);
    expect(plan.slice(3 * IDS.length).every((r) => r.kind === 'measured')).toBe(true);
    const firstPass = warmups.slice(0, IDS.length).map((r) => r.variantId);
    expect([...firstPass].sort()).toEqual([...IDS].sort());
    warmups.forEach((run, i) => {
      expect(run.variantId).toBe(firstPass[i % IDS.length]);
      expect(run.position).toBe(Math.floor(i / IDS.length));
    });
  });

  it('allows no warm-up and a single variant', () => {
    const plan = planRounds({ variantIds: ['only'], warmup: 0, runs: 3, seed: 1 });
    expect(plan).toEqual(
      [0, 1, 2].map((round) => ({ variantId: 'only', kind: 'measured', round, position: 0 })),
    );
  });

  it('puts one probe in every measured round, at a place drawn per round, and none in the warm-ups', () => {
    const plan = planRounds({ variantIds: IDS, warmup: 2, runs: 40, seed: 5, probe: true });
    const probes = plan.filter((r) => r.kind === 'probe');
    expect(probes.map((p) => p.round)).toEqual([...Array(40).keys()]);
    expect(plan.filter((r) => r.kind === 'warmup')).toHaveLength(2 * IDS.length);
    // Positions run 0..k within each round, the probe's included, in execution order.
    for (let round = 0; round < 40; round++) {
      const steps = plan.filter((r) => r.kind !== 'warmup' && r.round === round);
      expect(steps.map((r) => r.position)).toEqual([...Array(IDS.length + 1).keys()]);
    }
    // Every place in a round is drawn some time (each has chance 1/6 in 40 rounds).
    expect(new Set(probes.map((p) => p.position))).toEqual(new Set([...Array(IDS.length + 1).keys()]));
  });

  it('plans the same cell order with or without the probe', () => {
    const request = { variantIds: IDS, warmup: 1, runs: 1, seed: 8 };
    const withProbe = planRounds({ ...request, probe: true });
    expect(measuredRounds(withProbe).map((r) => r.filter(Boolean))).toEqual(
      measuredRounds(planRounds(request)),
    );
    expect(planRounds({ ...request, probe: false })).toEqual(planRounds(request));
  });

  it.each([
    [{ variantIds: [], warmup: 0, runs: 1, seed: 1 }, /variant list: it is empty/],
    [{ variantIds: ['a', 'a'], warmup: 0, runs: 1, seed: 1 }, /'a' appears twice/],
    [{ variantIds: ['a'], warmup: -1, runs: 1, seed: 1 }, /Invalid warmup -1/],
    [{ variantIds: ['a'], warmup: 1.5, runs: 1, seed: 1 }, /Invalid warmup 1.5/],
    [{ variantIds: ['a'], warmup: 0, runs: 0, seed: 1 }, /Invalid runs 0: expected an integer of at least 1/],
    [{ variantIds: ['a'], warmup: 0, runs: 1, seed: Number.NaN }, /Invalid RNG seed NaN/],
  ])('rejects %j', (request, message) => {
    expect(() => planRounds(request)).toThrow(message);
  });
});

describe('planProofRuns', () => {
  it('plans one proof run per variant in the given order', () => {
    expect(planProofRuns(['x', 'y'])).toEqual([
      { variantId: 'x', kind: 'proof', round: -1, position: 0 },
      { variantId: 'y', kind: 'proof', round: -1, position: 1 },
    ]);
  });
  it('rejects duplicate ids', () => {
    expect(() => planProofRuns(['x', 'x'])).toThrow(/'x' appears twice/);
  });
});

describe('planWarmups', () => {
  it('plans the same warm-up runs as planRounds does before its rounds, alone', () => {
    const request = { variantIds: IDS, warmup: 2, runs: 3, seed: 9 };
    const warmups = planRounds(request).filter((r) => r.kind === 'warmup');
    expect(planWarmups(IDS, 2, 9)).toEqual(warmups);
    expect(warmups).toHaveLength(2 * IDS.length);
    expect(planWarmups(IDS, 0, 9)).toEqual([]);
    expect(() => planWarmups(IDS, -1, 9)).toThrow(/Invalid warmup -1/);
  });
});
