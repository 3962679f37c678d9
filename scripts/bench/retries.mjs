// Figure 5 (re-measurement, a simulation): is `retries` worth keeping once rounds are sized by
// time, and does it keep the false-alarm promise? Synthetic cells (per-round log ratios with
// heavy-tailed noise) are judged by the product's own verdict code under four policies:
// - one look: no re-measurement;
// - naive: re-measure inconclusive cells and test again at the full alpha (optional stopping);
// - split: the product's retries, alpha split evenly between the two looks;
// - twice the rounds: one look with the second batch measured up front (the cost ceiling).
// The worst case for a false alarm is a true change exactly at the threshold.
import { importSrc } from './load-src.mjs';

export const THRESHOLD = 0.05;
export const NOISE = 0.04;
export const ROUNDS = [10, 30];
export const CHANGES = [0.05, 0.065, 0.08, 0.1];
export const POLICIES = ['one look', 'naive', 'split', 'twice the rounds'];

/** A seeded generator of Student-t(4) noise: heavier tails than normal, as timings have. */
function noiseSource(createRng) {
  const rng = createRng(20_251);
  const gaussian = () =>
    Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  return () => {
    let chi = 0;
    for (let k = 0; k < 4; k++) chi += gaussian() ** 2;
    return gaussian() / Math.sqrt(chi / 4);
  };
}

function cellOf(ratios, firstRound) {
  const side = (values) => ({
    status: 'ok',
    timing: values.map((value, i) => ({ round: firstRound + i, value })),
    rss: values.map((_, i) => ({ round: firstRound + i, value: 1000 })),
  });
  return {
    libc: 'musl',
    allocator: 'x',
    head: side(ratios.map((r) => 100 * Math.exp(r))),
    baseline: side(ratios.map(() => 100)),
  };
}

function joined(a, b) {
  const join = (x, y) => ({ ...x, timing: [...x.timing, ...y.timing], rss: [...x.rss, ...y.rss] });
  return { ...a, head: join(a.head, b.head), baseline: join(a.baseline, b.baseline) };
}

export async function simulateRetries({ quick }) {
  const { judgeGate, retryPlan } = await importSrc('analysis/verdict.ts');
  const { createRng } = await importSrc('base/rng.ts');
  const noise = noiseSource(createRng);
  const trials = quick ? 400 : 2000;
  const options = { metric: 'wall', threshold: THRESHOLD, memoryThreshold: 0.1, paired: true };
  const regressed = (judgement) => judgement.comparisons[0].verdict === 'regressed';
  const rows = [];
  for (const rounds of ROUNDS) {
    for (const change of CHANGES) {
      const hits = Object.fromEntries(POLICIES.map((p) => [p, 0]));
      const cost = Object.fromEntries(POLICIES.map((p) => [p, 0]));
      for (let t = 0; t < trials; t++) {
        const draw = () => Array.from({ length: rounds }, () => Math.log1p(change) + NOISE * noise());
        const first = cellOf(draw(), 0);
        const both = joined(first, cellOf(draw(), rounds));
        const once = judgeGate([first], options);
        hits['one look'] += regressed(once) ? 1 : 0;
        cost['one look'] += 1;
        const naiveAgain = once.comparisons[0].verdict === 'inconclusive';
        hits.naive += regressed(naiveAgain ? judgeGate([both], options) : once) ? 1 : 0;
        cost.naive += naiveAgain ? 2 : 1;
        const look1 = judgeGate([first], { ...options, looks: 2 });
        const plan = retryPlan(look1);
        const look2 =
          plan.cells.length > 0
            ? judgeGate([both], { ...options, looks: 2 }, { judgement: look1, remeasured: plan })
            : look1;
        hits.split += regressed(look2) ? 1 : 0;
        cost.split += plan.cells.length > 0 ? 2 : 1;
        hits['twice the rounds'] += regressed(judgeGate([both], options)) ? 1 : 0;
        cost['twice the rounds'] += 2;
      }
      rows.push({
        rounds,
        change,
        rates: Object.fromEntries(POLICIES.map((p) => [p, hits[p] / trials])),
        cost: Object.fromEntries(POLICIES.map((p) => [p, cost[p] / trials])),
      });
    }
  }
  return { trials, threshold: THRESHOLD, noise: NOISE, rows };
}
