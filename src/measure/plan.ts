// The order in which runs happen. Interleaving every variant within each round, in an order
// shuffled per round, makes machine drift (thermal, noisy neighbours, cache state) hit all
// variants alike instead of biasing whichever happened to run last.
import type { PlannedRun, PlannedStep } from './executor.js';
import { createRng, shuffle, type Rng } from '../base/rng.js';

export interface RoundsRequest {
  /** The variants to run, each id once. */
  variantIds: readonly string[];
  /** Warm-up runs per variant (not measured). */
  warmup: number;
  /** Measured rounds; each runs every variant once. */
  runs: number;
  /** Seed of the shuffles; the same seed gives the same plan. */
  seed: number;
  /**
   * Put the calibration probe in every measured round, at a place drawn for that round, so that
   * it meets the same drift as the cells it calibrates.
   */
  probe?: boolean;
}

/**
 * Warm-up runs first, then `runs` measured rounds.
 *
 * Warm-up runs go round-robin in one seeded order (each variant `warmup` times), so that no
 * variant is warmed long before the others. A warm-up run's `position` is its index among that
 * variant's warm-ups (0 is the very first run of the variant), its `round` is -1.
 *
 * Each measured round runs every variant exactly once in an order shuffled for that round;
 * `position` is the place in the round. With `probe`, the round also holds one probe at a place
 * drawn after the order (positions count it too).
 */
export function planRounds(request: RoundsRequest): PlannedStep[] {
  const { variantIds, warmup, runs, seed } = request;
  checkVariantIds(variantIds);
  checkCount('warmup', warmup, 0);
  checkCount('runs', runs, 1);
  const rng = createRng(seed);
  const plan: PlannedStep[] = warmupRuns(variantIds, warmup, rng);

  let previous: string[] | undefined;
  for (let round = 0; round < runs; round++) {
    const order = drawRoundOrder(variantIds, rng, previous, runs);
    const probeAt = request.probe ? rng.nextInt(order.length + 1) : -1;
    const steps: (string | undefined)[] = [...order];
    if (probeAt >= 0) steps.splice(probeAt, 0, undefined);
    steps.forEach((variantId, position) =>
      plan.push(
        variantId === undefined
          ? { kind: 'probe', round, position }
          : { variantId, kind: 'measured', round, position },
      ),
    );
    previous = order;
  }
  return plan;
}

/**
 * Warm-up runs alone, as planRounds plans them: round-robin in one seeded order. The session runs
 * them as a batch of their own when their timings are needed before the rounds are sized.
 */
export function planWarmups(variantIds: readonly string[], warmup: number, seed: number): PlannedRun[] {
  checkVariantIds(variantIds);
  checkCount('warmup', warmup, 0);
  return warmupRuns(variantIds, warmup, createRng(seed));
}

function warmupRuns(variantIds: readonly string[], warmup: number, rng: Rng): PlannedRun[] {
  const plan: PlannedRun[] = [];
  const order = shuffle(variantIds, rng);
  for (let w = 0; w < warmup; w++) {
    for (const variantId of order) plan.push({ variantId, kind: 'warmup', round: -1, position: w });
  }
  return plan;
}

/**
 * With more than one variant, a variant's measured runs can only all be adjacent when there are
 * exactly two rounds and it ends the first and opens the second; redraw the second order then.
 * Back-to-back repeats at round boundaries are otherwise allowed on purpose: forbidding them
 * would, with two variants, force ABAB..., a fixed order that turns linear drift into bias.
 */
function drawRoundOrder(
  ids: readonly string[],
  rng: Rng,
  previous: string[] | undefined,
  runs: number,
): string[] {
  for (;;) {
    const order = shuffle(ids, rng);
    const joinsTheOnlyOtherRun =
      runs === 2 && previous !== undefined && ids.length > 1 && order[0] === previous[previous.length - 1];
    if (!joinsTheOnlyOtherRun) return order;
  }
}

/** One proof run per variant, before anything else; `position` is the index in the batch. */
export function planProofRuns(variantIds: readonly string[]): PlannedRun[] {
  checkVariantIds(variantIds);
  return variantIds.map((variantId, position) => ({ variantId, kind: 'proof', round: -1, position }));
}

function checkVariantIds(ids: readonly string[]): void {
  if (ids.length === 0) throw new Error('Invalid variant list: it is empty; at least one variant is needed.');
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`Invalid variant list: '${id}' appears twice; each id must be unique.`);
    seen.add(id);
  }
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Invalid ${name} ${String(value)}: expected an integer of at least ${min}.`);
  }
}
