// The allocation gate's own verdict rows: allocation calls and bytes requested, head against the
// baseline's profile, per libc and allocator.
import type { AllocationComparison, Results } from '../results/model.js';
import { VERDICT_MARKS } from './comparison.js';
import { REASON_CHARS } from '../analysis/verdict.js';
import { escapeInline } from './escape.js';
import { formatChange, formatCount, formatMemory } from './format.js';

function amount(c: AllocationComparison, value: number): string {
  return c.metric === 'calls' ? formatCount(Math.round(value)) : formatMemory(value / 1024);
}

/** `1,200 vs 1,000 +20.0% 🔴 regressed`, or `➖ not comparable: reason`. */
export function allocationVerdictText(c: AllocationComparison): string {
  const words = c.verdict === 'not-comparable' ? 'not comparable' : c.verdict;
  const reason = c.reason ? `: ${escapeInline(c.reason, REASON_CHARS)}` : '';
  if (c.verdict === 'not-comparable') return `${VERDICT_MARKS[c.verdict]} ${words}${reason}`;
  const change = c.change !== undefined ? ` ${formatChange(c.change)}` : '';
  return `${amount(c, c.head)} vs ${amount(c, c.base)}${change} ${VERDICT_MARKS[c.verdict]} ${words}${reason}`;
}

/** The section, or undefined when the allocation gate did not run. */
export function renderAllocationGate(results: Results): string | undefined {
  const rows = results.allocationComparisons ?? [];
  if (rows.length === 0) return undefined;
  const threshold = results.config.allocationThreshold;
  const regressed = rows.filter((r) => r.verdict === 'regressed');
  const headline =
    regressed.length > 0
      ? `❌ ${new Set(regressed.map((r) => `${r.libc}/${r.allocator}`)).size} profile(s) ask malloc for more than the baseline beyond the threshold.`
      : '✅ No allocation regression.';
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.libc}/${r.allocator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cell = (metric: AllocationComparison['metric']) => {
      const found = rows.find((x) => x.libc === r.libc && x.allocator === r.allocator && x.metric === metric);
      return found ? allocationVerdictText(found) : '—';
    };
    lines.push(`| ${r.libc} / ${escapeInline(r.allocator, 60)} | ${cell('calls')} | ${cell('bytes')} |`);
  }
  const limit = threshold === undefined ? '' : ` (threshold ${Math.round(threshold * 1000) / 10}%)`;
  return [
    `### Allocations against the baseline${limit}`,
    '',
    headline,
    '',
    '| profile | allocation calls | bytes requested |',
    '|---|---|---|',
    ...lines,
    '',
    '_Counted, not timed: a deterministic program makes the same calls in every run, so the change is exact. Where runs differ (threads), a verdict needs even the closest runs of head and base to be apart by more than the threshold._',
  ].join('\n');
}
