// A small seeded pseudo-random generator. Every random choice the tool makes (the order of runs
// in a round, bootstrap resamples) goes through it, so that a recorded seed reproduces a run's
// plan and its statistics exactly.
//
// The generator is SplitMix32: a Weyl sequence (add the golden-ratio constant) scrambled by the
// MurmurHash3 32-bit finaliser. It is a dozen lines, has a full 2^32 period (the increment is
// odd), mixes well enough for shuffling and resampling, and every seed (including 0) is good. Writing it here avoids a dependency for something this small; it is not for secrets.
import { randomBytes } from 'node:crypto';

export interface Rng {
  /** The next value, uniform over the unsigned 32-bit integers. */
  nextUint32(): number;
  /** The next value, uniform in [0, 1). */
  nextFloat(): number;
  /** The next value, uniform over the integers 0 .. n-1 (n a positive integer up to 2^32). */
  nextInt(n: number): number;
}

const UINT32_RANGE = 2 ** 32;

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`Invalid RNG seed ${String(seed)}: expected an integer (it is used modulo 2^32).`);
  }
  let state = Number(BigInt.asUintN(32, BigInt(seed)));

  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };

  // Split the 2^32 outputs into n equal buckets and reject the incomplete remainder: exactly
  // uniform. The bucket size is kept for the last n, since bootstraps ask for the same n a lot.
  let lastRange = Number.NaN; // never equal to anything, so the first call validates
  let bucket = 0;
  let limit = 0;
  const nextInt = (n: number): number => {
    if (n !== lastRange) {
      if (!Number.isInteger(n) || n < 1 || n > UINT32_RANGE) {
        throw new Error(`Invalid range ${String(n)} for nextInt: expected an integer from 1 to 2^32.`);
      }
      lastRange = n;
      bucket = Math.floor(UINT32_RANGE / n);
      limit = bucket * n;
    }
    for (;;) {
      const x = nextUint32();
      if (x < limit) return Math.floor(x / bucket);
    }
  };

  return {
    nextUint32,
    nextFloat: () => nextUint32() / UINT32_RANGE,
    nextInt,
  };
}

/** A Fisher–Yates shuffle into a new array; the input is left untouched. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** A fresh seed from the operating system's cryptographic source, for runs without one. */
export function randomSeed(): number {
  return randomBytes(4).readUInt32LE(0);
}
