import { describe, expect, it } from '@jest/globals';
import {
  allocationRegressions,
  compareAllocations,
  describeAllocationRegression,
  judgeAllocations,
} from '../src/analysis/allocation-gate.js';
import { allOkResults } from './fixtures/results.js';
import { profile, withRepeats } from './fixtures/profiles.js';

describe('judgeAllocations: exact counts need no statistics', () => {
  it.each([
    [[1200], [1000], 'regressed', 0.2],
    [[1100], [1000], 'unchanged', 0.1],
    [[1101], [1000], 'regressed', 0.101],
    [[1000], [1000], 'unchanged', 0],
    [[800], [1000], 'improved', -0.2],
    [[1000, 1000, 1000], [1000], 'unchanged', 0],
  ] as const)('%j against %j is %s', (head, base, verdict, change) => {
    const row = judgeAllocations(head, base, 0.1);
    expect(row.verdict).toBe(verdict);
    expect(row.change).toBeCloseTo(change, 10);
    expect(row.spread).toBe(0);
  });

  it('takes the spread of repeated runs into account (threads)', () => {
    // Head's runs all above base's by more than 10%: regressed whatever the pairing.
    expect(judgeAllocations([1300, 1320, 1290], [1000, 1010, 1005], 0.1).verdict).toBe('regressed');
    // Runs spread across the threshold: no verdict either way.
    const unsure = judgeAllocations([1050, 1150, 1100], [1000, 1005, 1002], 0.1);
    expect(unsure.verdict).toBe('inconclusive');
    expect(unsure.spread).toBeCloseTo(100 / 1100, 5);
    expect(unsure.reason).toMatch(/differ by up to 9\.1%/);
    // Runs that wobble but stay well within: unchanged.
    expect(judgeAllocations([1010, 990, 1000], [1000, 1005, 995], 0.1).verdict).toBe('unchanged');
  });

  it('handles a baseline that made no such request', () => {
    expect(judgeAllocations([0], [0], 0.1).verdict).toBe('unchanged');
    const row = judgeAllocations([5], [0], 0.1);
    expect(row).toMatchObject({ verdict: 'regressed', reason: 'the baseline made no such request' });
    expect(row.change).toBeUndefined();
  });
});

describe('compareAllocations', () => {
  const head = (calls: number, bytes: number) => withRepeats(profile('musl'), [[calls, bytes]]);
  const base = (calls: number, bytes: number) =>
    withRepeats(profile('musl', 'default', {}, 'base'), [[calls, bytes]]);

  it('is off without a threshold, and silent without any baseline profile', () => {
    expect(compareAllocations({ profiles: [head(1, 1), base(1, 1)], threshold: undefined })).toBeUndefined();
    expect(compareAllocations({ profiles: [head(1, 1)], threshold: 0.1 })).toBeUndefined();
  });

  it('compares head with the paired base tree: calls and bytes rows', () => {
    const rows = compareAllocations({ profiles: [head(1200, 1000), base(1000, 1000)], threshold: 0.1 });
    expect(rows).toEqual([
      {
        libc: 'musl',
        allocator: 'default',
        metric: 'calls',
        verdict: 'regressed',
        head: 1200,
        base: 1000,
        change: expect.closeTo(0.2, 10),
        spread: 0,
      },
      {
        libc: 'musl',
        allocator: 'default',
        metric: 'bytes',
        verdict: 'unchanged',
        head: 1000,
        base: 1000,
        change: 0,
        spread: 0,
      },
    ]);
  });

  it('uses a stored baseline when this run has no base tree, and prefers the paired one', () => {
    const stored = [head(1000, 1000)];
    const fromStored = compareAllocations({ profiles: [head(1000, 2000)], stored, threshold: 0.1 });
    expect(fromStored?.map((r) => r.verdict)).toEqual(['unchanged', 'regressed']);
    const paired = compareAllocations({
      profiles: [head(1000, 2000), base(1000, 2000)],
      stored,
      threshold: 0.1,
    });
    expect(paired?.map((r) => r.verdict)).toEqual(['unchanged', 'unchanged']);
  });

  it('says why a profile cannot be compared', () => {
    const staticHead = {
      ...head(0, 0),
      status: 'not-applied' as const,
      reason: 'bench is statically linked',
    };
    const rows = compareAllocations({
      profiles: [staticHead, base(1000, 1000), withRepeats(profile('glibc'), [[5, 5]])],
      threshold: 0.1,
    });
    expect(rows?.map((r) => [r.libc, r.metric, r.verdict, r.reason])).toEqual([
      ['musl', 'calls', 'not-comparable', 'the head profile is not-applied: bench is statically linked'],
      ['musl', 'bytes', 'not-comparable', 'the head profile is not-applied: bench is statically linked'],
      ['glibc', 'calls', 'not-comparable', 'the baseline has no profile of this cell'],
      ['glibc', 'bytes', 'not-comparable', 'the baseline has no profile of this cell'],
    ]);
  });
});

describe('allocationRegressions', () => {
  it('reads the regressed rows from the results alone', () => {
    const results = allOkResults();
    expect(allocationRegressions(results)).toEqual([]);
    const rows = compareAllocations({
      profiles: [
        withRepeats(profile('musl'), [[1200, 10]]),
        withRepeats(profile('musl', 'default', {}, 'base'), [[1000, 10]]),
      ],
      threshold: 0.1,
    });
    const regressed = allocationRegressions({ ...results, allocationComparisons: rows });
    expect(regressed).toHaveLength(1);
    expect(describeAllocationRegression(regressed[0])).toBe(
      'musl/default: allocation calls +20.0% (1,200 vs 1,000)',
    );
  });
});
