import { describe, expect, it } from '@jest/globals';
import {
  formatDuration,
  laterMs,
  pilotEstimate,
  pilotTimes,
  roundCostMs,
  roundsWanted,
  RUN_OVERHEAD_MS,
  sessionSizing,
  sizeEnvironments,
} from '../src/measure/sizing.js';
import type { CellResult, RunRecord } from '../src/results/model.js';

const SETTINGS = { minRuns: 10, minTimeMs: 3000, maxRuns: 200, maxTimeMs: 600_000 };

describe('roundsWanted', () => {
  it('gives the cheapest variant min-time, so every cell gets at least that much', () => {
    // 3 s / 20 ms = 150 rounds; the 60 ms variant rides along with 9 s.
    expect(roundsWanted([20, 60, 25], SETTINGS)).toBe(150);
    // Rounding up: 3 s / 7 ms = 428.6 -> 429, then capped.
    expect(roundsWanted([7], { ...SETTINGS, maxRuns: 1000 })).toBe(429);
  });

  it('stays within min-runs and max-runs', () => {
    expect(roundsWanted([2000, 1500], SETTINGS)).toBe(10);
    expect(roundsWanted([1], SETTINGS)).toBe(200);
    expect(roundsWanted([], SETTINGS)).toBe(10);
    // A no-op cannot ask for an endless count: the floor is max-runs anyway.
    expect(roundsWanted([0], { ...SETTINGS, maxRuns: 10_000 })).toBe(10_000);
  });
});

describe('pilotEstimate and pilotTimes', () => {
  const run = (kind: RunRecord['kind'], wallMs: number, exitCode = 0): RunRecord => ({
    kind,
    round: kind === 'measured' ? 0 : -1,
    position: 0,
    outcome: 'exited',
    exitCode,
    signal: null,
    wallMs,
    userMs: wallMs,
    sysMs: 0,
    maxRssKiB: 1000,
  });

  it('takes the median of the pilot runs, so one slow cold run does not rule', () => {
    expect(pilotEstimate([30])).toBe(30);
    expect(pilotEstimate([90, 20, 22])).toBe(22);
    expect(pilotEstimate([20, 24])).toBe(22);
    expect(pilotEstimate([])).toBeUndefined();
  });

  it('uses the successful proof and warm-up runs of each cell, by cell key', () => {
    const cell = (allocator: string, runs: RunRecord[]): CellResult => ({
      libc: 'musl',
      allocator,
      tree: 'head',
      status: 'ok',
      runs,
      failedRuns: 0,
    });
    expect(
      pilotTimes([
        cell('default', [run('proof', 40), run('warmup', 20), run('warmup', 22), run('measured', 1)]),
        cell('jemalloc', [run('proof', 15, 1)]),
      ]),
    ).toEqual({ 'musl/default/head': 22 });
  });
});

describe('sizeEnvironments', () => {
  const pilots = [
    { libc: 'musl' as const, pilotMs: { a: 20, b: 40 } },
    { libc: 'glibc' as const, pilotMs: { a: 30, b: 30 } },
  ];

  it('sizes each environment alone when the budget allows', () => {
    const sized = sizeEnvironments(pilots, SETTINGS, 600_000);
    expect(sized.environments.map((e) => [e.libc, e.rounds])).toEqual([
      ['musl', 150],
      ['glibc', 100],
    ]);
    expect(sized.trimmed).toBeUndefined();
    expect(sized.environments[0].wanted).toBeUndefined();
    expect(sized.environments[0].pilotMs).toEqual({ a: 20, b: 40 });
  });

  it('trims every environment by the same share to fit the budget, and says so', () => {
    // Wanted: musl 150 x 62 ms = 9.3 s, glibc 100 x 62 ms = 6.2 s: 15.5 s. A 7.75 s budget keeps half.
    expect(roundCostMs([20, 40])).toBe(60 + 2 * RUN_OVERHEAD_MS);
    const sized = sizeEnvironments(pilots, { ...SETTINGS, maxTimeMs: 60_000 }, 7750);
    expect(sized.environments.map((e) => [e.rounds, e.wanted])).toEqual([
      [75, 150],
      [50, 100],
    ]);
    expect(sized.trimmed).toBe(
      'max-time 1m00s left 7.8 s for measuring, 16 s wanted: rounds kept: musl 75 of 150, glibc 50 of 100',
    );
  });

  it('never trims below min-runs, and says the run will take longer', () => {
    const sized = sizeEnvironments(pilots, SETTINGS, 100);
    expect(sized.environments.map((e) => e.rounds)).toEqual([10, 10]);
    expect(sized.trimmed).toMatch(/rounds kept: musl 10 of 150, glibc 10 of 100; even min-runs does not fit/);
  });
});

describe('sessionSizing', () => {
  const config = { runs: 'auto' as const, ...SETTINGS };

  it('records the settings and the rounds of runs: auto', () => {
    const sizing = sessionSizing(config, [{ libc: 'musl', pilotMs: { a: 100 } }], 600_000);
    expect(sizing).toEqual({
      mode: 'auto',
      ...SETTINGS,
      environments: [{ libc: 'musl', rounds: 30, pilotMs: { a: 100 } }],
    });
  });

  it('keeps a fixed count whatever the pilots say', () => {
    const sizing = sessionSizing({ ...config, runs: 7 }, [{ libc: 'glibc', pilotMs: { a: 1 } }], 0);
    expect(sizing).toEqual({ mode: 'fixed', environments: [{ libc: 'glibc', rounds: 7 }] });
  });

  it('estimates the time of the environments still to come', () => {
    const sizing = sessionSizing(
      config,
      [
        { libc: 'musl', pilotMs: { a: 100 } },
        { libc: 'glibc', pilotMs: { a: 50, b: 49 } },
      ],
      600_000,
    );
    // After musl comes glibc: ceil(3 s / 49 ms) = 62 rounds of 50 + 49 ms plus two runs' overhead.
    expect(laterMs(sizing, 'musl')).toBe(62 * (99 + 2 * RUN_OVERHEAD_MS));
    expect(laterMs(sizing, 'glibc')).toBe(0);
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(7750)).toBe('7.8 s');
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(200_000)).toBe('3m20s');
    expect(formatDuration(239_700)).toBe('4m00s');
  });
});
