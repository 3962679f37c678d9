// Checks that what a run printed agrees with what it judged, without asserting any timing.
// Whether a timing comparison is proven on a given run depends on the machine's noise, so tests
// never require a timing verdict; the gate's power is measured by `npm run bench` instead
// (docs/performance.md). What a test can require on any machine: every cell judged regressed is
// reported, no other cell is, and the failure line appears exactly when something regressed.
import { expect } from '@jest/globals';
import type { CellComparison, Results } from '../../src/results/model.js';
import { kernelShare } from '../../src/analysis/cross-run-gate.js';

/** Where the verdicts were printed: the action's stdout (workflow commands) or the CLI's stderr. */
export type Printed = { by: 'action'; output: string; name?: string } | { by: 'cli'; output: string };

/** The gate's failure line: `all cells together`, `N cell(s)`, or both joined by `and`. */
const FAILURE = /(all cells together( and \d+ cell\(s\))?|\d+ cell\(s\)) regressed beyond the threshold/;

function reportsCell(printed: Printed, label: string, metric: string): boolean {
  const lines = printed.output.split('\n');
  if (printed.by === 'cli') return lines.some((line) => line.startsWith(`regression: ${label}: ${metric} +`));
  // The annotation's title is URL-escaped: `malloc-matrix%3A name`.
  const title =
    printed.name === undefined
      ? '::error title=malloc-matrix'
      : `::error title=malloc-matrix%3A ${printed.name}::`;
  return lines.some((line) => line.startsWith(title) && line.includes(`::Regression: ${label}: ${metric} +`));
}

function reportsFailure(printed: Printed): boolean {
  const prefix = printed.by === 'cli' ? 'malloc-matrix: ' : '::error::';
  return printed.output.split('\n').some((line) => line.startsWith(prefix) && FAILURE.test(line));
}

/**
 * Asserts that exactly the timing comparisons of `metric` that `results` judged regressed were
 * reported as regressions, and returns how many there were.
 */
export function expectTimingReportsMatchVerdicts(
  printed: Printed,
  results: Results,
  metric: 'wall' | 'cpu' | 'rss',
): number {
  const timing = (results.comparisons ?? []).filter((c) => c.metric === metric);
  for (const c of timing) {
    const label = `${c.libc}/${c.allocator}`;
    expect(`${label} ${c.verdict}, reported: ${reportsCell(printed, label, metric)}`).toBe(
      `${label} ${c.verdict}, reported: ${c.verdict === 'regressed'}`,
    );
  }
  const regressed = timing.filter((c) => c.verdict === 'regressed').length;
  const anyRegressed = regressed > 0 || results.matrix?.verdict === 'regressed';
  expect(`failure line: ${reportsFailure(printed)}`).toBe(`failure line: ${anyRegressed}`);
  return regressed;
}

/**
 * Asserts that a paired run with `retries` of 1 or more (the default is 1) either re-measured its inconclusive cells, or stopped
 * at a proven timing regression and says so on each one: "not re-measured" exactly when no extra
 * rounds were run while a cell (or all cells together) regressed and others stayed inconclusive.
 */
export function expectUnsettledCellsSayWhy(results: Results): void {
  const timing = (results.comparisons ?? []).filter((c) => c.metric === results.config.metric);
  const remeasured = (results.sizing?.environments ?? []).some((e) => (e.extraRounds ?? 0) > 0);
  const proven = results.matrix?.verdict === 'regressed' || timing.some((c) => c.verdict === 'regressed');
  const stopped = !remeasured && proven;
  for (const c of timing.filter((c) => c.verdict === 'inconclusive')) {
    const says = /^not re-measured: .+ already regressed, so more rounds could not change the outcome$/.test(
      c.reason ?? '',
    );
    expect(`${c.libc}/${c.allocator} says not re-measured: ${says}`).toBe(
      `${c.libc}/${c.allocator} says not re-measured: ${stopped}`,
    );
  }
}

/** The kernel guard's reason (src/analysis/cross-run-gate.ts): this run's share, then the stored runs'. */
const KERNEL_REASON =
  /^this cell spent (\d+)% of its CPU time in the kernel against (\d+)% in the stored runs: a (slower|faster) kernel (raises|lowers) its times by more than the probe shows, so only a (fall|rise) can be proven$/;

/**
 * What an inconclusive cross-run cell judged against a single stored run may say: the machine
 * guard's reason when the probe moved beyond its tolerance; else the kernel guard's, only when the
 * cell's own runs show that share and it moved by more than 10 points, the way the reason says;
 * else that one stored run is too little history.
 */
export function expectSingleStoredRunReason(results: Results, c: CellComparison, guarded: boolean): void {
  const reason = c.reason ?? '';
  if (guarded) {
    expect(reason).toMatch(/^this machine ran the calibration probe/);
    return;
  }
  if (KERNEL_REASON.test(reason)) expectKernelNote(results, c, reason);
  else expect(reason).toMatch(/^only 1 stored run to compare with/);
}

/**
 * That a cell's note from the kernel guard is true of its runs: it names the cell's own share of
 * system time, a move of more than 10 points, and the way that move pushes its times.
 */
export function expectKernelNote(results: Results, c: CellComparison, note: string): void {
  const kernel = KERNEL_REASON.exec(note);
  expect(kernel).not.toBeNull();
  const [, head, stored, pace, push, proven] = kernel!;
  const cell = results.cells.find(
    (x) => x.tree === 'head' && x.libc === c.libc && x.allocator === c.allocator,
  );
  expect(Math.round(kernelShare(cell!)! * 100)).toBe(Number(head));
  // Both rounded to whole points: a move of just over 10 may read as 10.
  expect(Math.abs(Number(head) - Number(stored))).toBeGreaterThanOrEqual(10);
  const more = Number(head) > Number(stored);
  expect([pace, push, proven]).toEqual(more ? ['slower', 'raises', 'fall'] : ['faster', 'lowers', 'rise']);
}
