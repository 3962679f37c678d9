// The allocation gate: did head ask malloc for more than the baseline, by more than the
// threshold, in allocation calls or in bytes requested? For a deterministic program the counts
// are the same in every run, so one profiling run per side decides it exactly, with no
// statistics. Where repeats differ (threads), each side has a few runs and the verdict takes the
// spread into account: regressed only when even the closest pair of runs is apart by more than
// the threshold. Pure: profiles in, verdict rows out.
import type { AllocationComparison, AllocationProfile, Results } from '../results/model.js';

export type AllocationMetric = AllocationComparison['metric'];
const METRICS: readonly AllocationMetric[] = ['calls', 'bytes'];
/** Ratios of integers carry rounding error; changes closer than this to the threshold are on it. */
const ROUNDING = 1e-9;

export interface AllocationGateRequest {
  /** This run's profiles: head, and base in a paired run. */
  profiles: readonly AllocationProfile[];
  /** A stored baseline's profiles (its head tree), used when this run has no base tree. */
  stored?: readonly AllocationProfile[];
  /** Largest tolerated increase, as a fraction; undefined: the gate is off. */
  threshold: number | undefined;
}

function usable(p: AllocationProfile | undefined): p is AllocationProfile {
  return p !== undefined && p.status === 'ok' && p.repeats.length > 0;
}

/** The baseline profile of a head profile: the base tree's in a paired run, else the stored one's. */
function baselineOf(head: AllocationProfile, request: AllocationGateRequest): AllocationProfile | undefined {
  const same = (p: AllocationProfile) => p.libc === head.libc && p.allocator === head.allocator;
  const paired = request.profiles.find((p) => p.tree === 'base' && same(p));
  if (paired) return paired;
  return request.stored?.find((p) => p.tree === 'head' && same(p));
}

function whyNotUsable(head: AllocationProfile, base: AllocationProfile | undefined): string {
  const state = (p: AllocationProfile) => `${p.status}${p.reason ? `: ${p.reason}` : ''}`;
  if (!usable(head)) return `the head profile is ${state(head)}`;
  if (!base) return 'the baseline has no profile of this cell';
  return `the baseline profile is ${state(base)}`;
}

/**
 * The middle count of a side's repeats; with an even number, the upper of the two. Unlike
 * stats.median it never averages: the value shown is a count some run really made.
 */
function middleCount(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** (max − min) / middle count of a side's repeats; 0 when every run counted the same. */
function spreadOf(values: readonly number[]): number {
  const range = Math.max(...values) - Math.min(...values);
  return range === 0 ? 0 : range / Math.max(middleCount(values), 1);
}

/** One verdict row from the two sides' repeats of one metric. */
export function judgeAllocations(
  head: readonly number[],
  base: readonly number[],
  threshold: number,
): Pick<AllocationComparison, 'verdict' | 'head' | 'base' | 'change' | 'spread' | 'reason'> {
  const h = middleCount(head);
  const b = middleCount(base);
  const spread = Math.max(spreadOf(head), spreadOf(base));
  if (b === 0) {
    return h === 0
      ? { verdict: 'unchanged', head: h, base: b, change: 0, spread }
      : { verdict: 'regressed', head: h, base: b, spread, reason: 'the baseline made no such request' };
  }
  const change = h / b - 1;
  // The closest and the farthest pairs of runs: with exact counts both are `change`.
  const low = Math.min(...head) / Math.max(...base) - 1;
  const high = Math.max(...head) / Math.min(...base) - 1;
  const row = { head: h, base: b, change, spread };
  // Exactly the tolerated increase is tolerated: 1100 against 1000 at 10% is not over it.
  const over = (x: number) => x > threshold + ROUNDING;
  const under = (x: number) => x < -threshold - ROUNDING;
  if (over(low)) return { ...row, verdict: 'regressed' };
  if (under(high)) return { ...row, verdict: 'improved' };
  if (!over(high) && !under(low)) return { ...row, verdict: 'unchanged' };
  return {
    ...row,
    verdict: 'inconclusive',
    reason: `the runs differ by up to ${(spread * 100).toFixed(1)}% between repeats`,
  };
}

/**
 * Verdict rows for every head profile that has a baseline profile, calls then bytes; undefined
 * when the gate is off or there is no baseline profile at all.
 */
export function compareAllocations(request: AllocationGateRequest): AllocationComparison[] | undefined {
  const { threshold } = request;
  if (threshold === undefined) return undefined;
  const heads = request.profiles.filter((p) => p.tree === 'head');
  const pairs = heads.map((head) => ({ head, base: baselineOf(head, request) }));
  if (!pairs.some((p) => p.base !== undefined)) return undefined;
  const rows: AllocationComparison[] = [];
  for (const { head, base } of pairs) {
    for (const metric of METRICS) {
      const where = { libc: head.libc, allocator: head.allocator, metric };
      if (!usable(head) || !usable(base)) {
        const reason = whyNotUsable(head, base);
        rows.push({ ...where, verdict: 'not-comparable', head: 0, base: 0, reason });
        continue;
      }
      const values = (p: AllocationProfile) => p.repeats.map((r) => r[metric]);
      rows.push({ ...where, ...judgeAllocations(values(head), values(base), threshold) });
    }
  }
  return rows;
}

/** The allocation verdicts that fail the gate, from the results alone (also in report mode). */
export function allocationRegressions(results: Results): AllocationComparison[] {
  return (results.allocationComparisons ?? []).filter((c) => c.verdict === 'regressed');
}

/** One line for a log or an annotation: `musl/default: allocation calls +20.0% (1,200 vs 1,000)`. */
export function describeAllocationRegression(c: AllocationComparison): string {
  const what = c.metric === 'calls' ? 'allocation calls' : 'bytes requested';
  const change = c.change === undefined ? '' : ` ${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}%`;
  const counts = `${Math.round(c.head).toLocaleString('en-US')} vs ${Math.round(c.base).toLocaleString('en-US')}`;
  return `${c.libc}/${c.allocator}: ${what}${change} (${counts})`;
}
