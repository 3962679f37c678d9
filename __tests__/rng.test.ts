import { describe, expect, it } from '@jest/globals';
import { createRng, randomSeed, shuffle } from '../src/base/rng.js';

describe('createRng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('takes seeds modulo 2^32', () => {
    const a = createRng(1);
    const b = createRng(2 ** 32 + 1);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('draws floats in [0, 1) and integers in [0, n) roughly uniformly', () => {
    const rng = createRng(123);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const f = rng.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
      buckets[rng.nextInt(10)]++;
    }
    // Expected 10000 each; a sd is ~95, so 600 away would be a > 6 sigma event.
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });

  it.each([0, -1, 2.5, 2 ** 32 + 1, Number.NaN])('rejects nextInt(%p)', (n) => {
    expect(() => createRng(1).nextInt(n)).toThrow(/Invalid range .* expected an integer from 1 to 2\^32/);
  });

  it('rejects a non-integer seed', () => {
    expect(() => createRng(0.5)).toThrow(/Invalid RNG seed 0.5/);
  });
});

describe('shuffle', () => {
  it('returns a new permutation and leaves the input alone', () => {
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = shuffle(input, createRng(9));
    expect(out).not.toBe(input);
    expect([...out].sort()).toEqual([...input]);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reaches every permutation of three items about equally often', () => {
    const rng = createRng(77);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = shuffle(['a', 'b', 'c'], rng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });
});

describe('randomSeed', () => {
  it('returns unsigned 32-bit integers that vary', () => {
    const seeds = Array.from({ length: 5 }, randomSeed);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});
