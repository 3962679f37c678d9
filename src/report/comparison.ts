// The parts of the report about the baseline: the one-line verdict at the top, and the table of
// changes against the baseline with their intervals and verdicts.
import { allocationRegressions } from '../analysis/allocation-gate.js';
import { archLabel, placeLabel } from '../results/arch.js';
import type {
  BaselineInfo,
  CellComparison,
  HistoryEntry,
  LibcName,
  MatrixComparison,
  Results,
  Verdict,
} from '../results/model.js';
import { escapeInline } from './escape.js';
import {
  ADVISORY_FLOOR,
  MIN_HISTORY,
  PROBE_FOLLOW_ERROR,
  probeToleranceText,
} from '../analysis/cross-run.js';
import { REASON_CHARS } from '../analysis/verdict.js';
import { formatAge, formatChange, formatChangeInterval } from './format.js';
import { headCells } from './grid.js';

export const VERDICT_MARKS: Record<Verdict, string> = {
  regressed: '🔴',
  improved: '🟢',
  unchanged: '⚪',
  inconclusive: '🟡',
  'not-comparable': '➖',
};

const METRIC_TITLES: Record<CellComparison['metric'], string> = {
  wall: 'wall time',
  cpu: 'CPU time',
  rss: 'peak RSS',
};

function shortCommit(commit: string): string {
  return escapeInline(commit.slice(0, 7));
}

/** What the baseline is, in a few words: `base (abc1234)`, `origin/main (abc1234)`, `cached results of abc1234`, `baseline file x.json`. */
export function baselineName(baseline: BaselineInfo): string {
  switch (baseline.kind) {
    case 'base': {
      const aa = baseline.source?.includes('A/A') ? ', the same tree: an A/A run' : '';
      const name = baseline.ref !== undefined ? escapeInline(baseline.ref, 80) : 'base';
      return baseline.commit ? `${name} (${shortCommit(baseline.commit)}${aa})` : name;
    }
    case 'cache':
      return baseline.commit ? `cached results of ${shortCommit(baseline.commit)}` : 'cached results';
    case 'file':
      return baseline.source ? `baseline file ${escapeInline(baseline.source, 120)}` : 'baseline file';
    case 'none':
      return 'no baseline';
  }
}

/** A comparison's cell, the same for each of its metrics: `musl/mimalloc`, `arm64/musl/mimalloc`. */
function cellKey(c: CellComparison): string {
  return `${c.arch ?? ''}/${c.libc}/${c.allocator}`;
}

/** Distinct cells (arch/libc/allocator) whose comparisons on any metric have the given verdict. */
function cellsWithVerdict(comparisons: readonly CellComparison[], verdict: Verdict): number {
  return new Set(comparisons.filter((c) => c.verdict === verdict).map(cellKey)).size;
}

function cellCount(n: number): string {
  return `${n} cell${n === 1 ? '' : 's'}`;
}

/** The one line under the heading that says what happened. */
export function verdictLine(results: Results): string {
  const cells = cellCount(headCells(results).length);
  if (results.fatalError)
    return `❌ The run could not be completed: ${escapeInline(results.fatalError, 300)}`;
  const baseline = results.baseline;
  const comparisons = results.comparisons ?? [];
  if (baseline?.unavailableReason && baseline.kind === 'none') {
    return `ℹ️ No baseline: ${escapeInline(baseline.unavailableReason, 200)}. Allocator comparison only · ${cells}`;
  }
  if (baseline?.unavailableReason) {
    return `⚠️ Baseline unavailable (${escapeInline(baseline.unavailableReason, 200)}): allocator comparison only · ${cells}`;
  }
  if (!baseline || baseline.kind === 'none' || comparisons.length === 0) {
    return `ℹ️ No baseline given: allocator comparison only · ${cells}`;
  }
  const against = baselineName(baseline);
  const timing = comparisons.filter((c) => c.metric !== 'rss');
  if (timing.length > 0 && timing.every((c) => c.verdict === 'not-comparable')) {
    return `⚠️ Nothing could be compared against ${against}: see the reasons below · ${cells}`;
  }
  const regressed = cellsWithVerdict(comparisons, 'regressed');
  const inconclusive = cellsWithVerdict(comparisons, 'inconclusive');
  const improved = cellsWithVerdict(comparisons, 'improved');
  const extras = [
    inconclusive > 0 ? `${cellCount(inconclusive)} inconclusive` : '',
    improved > 0 ? `${cellCount(improved)} improved` : '',
  ].filter(Boolean);
  // The allocation gate's cells: said in the verdict itself when no timing regressed.
  const allocations = new Set(allocationRegressions(results).map((c) => `${c.libc}/${c.allocator}`)).size;
  const moreAllocations = `more allocations in ${cellCount(allocations)}`;
  const matrix = results.matrix;
  const timingRegressed = regressed > 0 || matrix?.verdict === 'regressed';
  const tail = [
    ...(matrix ? [matrixHeadline(matrix)] : []),
    cells,
    ...(timingRegressed && allocations > 0 ? [moreAllocations] : []),
    ...extras,
  ].join(' · ');
  if (regressed > 0) return `❌ ${cellCount(regressed)} regressed against ${against} · ${tail}`;
  if (matrix?.verdict === 'regressed') return `❌ All cells together regressed against ${against} · ${tail}`;
  if (allocations > 0) return `❌ Allocation regression against ${against}: ${moreAllocations} · ${tail}`;
  if (inconclusive > 0 || matrix?.verdict === 'inconclusive')
    return `🟡 No regression proven against ${against} · ${tail}`;
  return `✅ No regression against ${against} · ${tail}`;
}

/** `all cells: +9.8% [+7.9, +11.8] 🔴`: the all-cells verdict, as the headline shows it. */
export function matrixHeadline(matrix: MatrixComparison): string {
  const numbers = [
    matrix.change !== undefined ? formatChange(matrix.change) : '',
    matrix.interval !== undefined ? formatChangeInterval(matrix.interval) : '',
  ].filter(Boolean);
  return ['all cells:', ...numbers, VERDICT_MARKS[matrix.verdict]].join(' ');
}

/** `+7.2% [+5.1, +9.8] 🔴 regressed`, or `➖ not comparable: reason`. */
export function comparisonText(c: CellComparison | MatrixComparison): string {
  const words = c.verdict === 'not-comparable' ? 'not comparable' : c.verdict;
  const numbers = [
    c.change !== undefined ? formatChange(c.change) : '',
    c.interval !== undefined ? formatChangeInterval(c.interval) : '',
  ].filter(Boolean);
  const reason = c.reason ? `: ${escapeInline(c.reason, REASON_CHARS)}` : '';
  return [...numbers, `${VERDICT_MARKS[c.verdict]} ${words}${reason}`].join(' ');
}

/** How the comparison was made, which decides how much it can be trusted. */
function methodSentence(results: Results, baseline: BaselineInfo): string {
  const name = baselineName(baseline);
  if (baseline.paired) {
    return `Compared with ${name}, **paired**: base and head ran interleaved in the same job on the same machine.`;
  }
  const age = baseline.createdAt ? formatAge(baseline.createdAt, results.startedAt) : undefined;
  const when = age ? `, recorded ${age} earlier` : '';
  return [
    `Compared with ${name}${when}, **cross-run**: the baseline ran in another job, possibly on another machine, so small changes are less certain.`,
    ...crossRunSentences(results, baseline),
  ].join(' ');
}

/** What the history and the calibration probe did for a cross-run comparison, in a few sentences. */
export function crossRunSentences(results: Results, baseline: BaselineInfo): string[] {
  const used = Math.max(0, ...(results.comparisons ?? []).map((c) => c.history ?? 0));
  const excluded = (baseline.history ?? []).filter((e) => e.excluded !== undefined);
  const left = excluded.filter((e) => e.excludedPlaces === undefined).length;
  const partly = excluded.filter((e) => e.excludedPlaces !== undefined);
  const out: string[] = [];
  if (used >= MIN_HISTORY) {
    out.push(
      `Each change is judged against the spread between the last ${used} stored runs: it must pass the threshold by more than that spread.`,
    );
  } else if (used > 0) {
    out.push(
      `With only ${used} stored run${used === 1 ? '' : 's'} the spread between runs is unknown (${MIN_HISTORY} are needed), so a change below ±${Math.round(ADVISORY_FLOOR * 100)}% is at most 🟡 and does not fail the step.`,
    );
  }
  if (left > 0)
    out.push(`${left} stored run${left === 1 ? ' was' : 's were'} left out: another machine or environment.`);
  if (partly.length > 0) out.push(partlyLeftOutSentence(results, partly));
  if (baseline.normalized) out.push('Times are divided by the calibration probe of the same round.');
  if (baseline.machineFactor !== undefined) out.push(machineSentence(baseline, used > 1));
  return out;
}

/**
 * Stored runs left out in some places only: where, and that they count in the others. A place
 * without an architecture is on this run's host; it is named with it when the rows name theirs.
 */
function partlyLeftOutSentence(results: Results, partly: HistoryEntry[]): string {
  const label = (place: string) =>
    place.includes(' ') ? place : placeLabel(results, { libc: place as LibcName });
  // Why, told from the entry itself: a place it has no medians in, it never measured.
  const why = (entry: HistoryEntry, place: string) =>
    measuredIn(entry, place, results.host.arch)
      ? 'another machine or environment there'
      : 'not measured there';
  const counts = new Map<string, Map<string, number>>();
  for (const entry of partly) {
    for (const place of entry.excludedPlaces!) {
      const kind = why(entry, place);
      const places = counts.get(kind) ?? new Map<string, number>();
      places.set(label(place), (places.get(label(place)) ?? 0) + 1);
      counts.set(kind, places);
    }
  }
  if (partly.length === 1) {
    const where = [...counts].map(([kind, places]) => `${[...places.keys()].join(', ')} (${kind})`);
    return `1 stored run was left out only in ${where.join('; ')}; it counts in the other places.`;
  }
  const where = [...counts].map(
    ([kind, places]) => `${[...places].map(([place, n]) => `${n} in ${place}`).join(', ')} (${kind})`,
  );
  return `${partly.length} stored runs were left out in some places only: ${where.join('; ')}; each counts in its other places.`;
}

/**
 * Whether a stored run has a median in a place: `musl` on this run's host, or `x86_64 musl` (places
 * name architectures by their labels, medians by their names). A median without an architecture
 * is of the stored run's own host, which the entry does not name: it counts.
 */
function measuredIn(entry: HistoryEntry, place: string, hostArch: string): boolean {
  const [first, second] = place.split(' ');
  const libc = second ?? first;
  const arch = second === undefined ? archLabel(hostArch) : first;
  return entry.medians.some((m) => m.libc === libc && (m.arch === undefined || archLabel(m.arch) === arch));
}

/**
 * `This machine ran the calibration probe 14% slower than the baseline's.`, and when that is
 * beyond what the stored runs predict, that no cross-run change could fail the step.
 */
export function machineSentence(
  baseline: Pick<
    BaselineInfo,
    'machineFactor' | 'machineTolerance' | 'machineDiffers' | 'machineRuns' | 'normalized'
  >,
  several: boolean,
): string {
  const factor = baseline.machineFactor ?? 0;
  const moved = Math.abs(factor) >= 0.005;
  const theirs = several ? "the stored runs'" : "the baseline's";
  const pct = (x: number) => Math.round(Math.abs(x) * 100) || '<1';
  const how = !moved
    ? `as fast as ${theirs}`
    : `${pct(factor)}% ${factor > 0 ? 'slower' : 'faster'} than ${theirs}`;
  const tolerance = baseline.machineTolerance;
  if (baseline.machineDiffers === true && tolerance !== undefined) {
    return (
      `⚠️ This machine ran the calibration probe ${how}, beyond the ${probeToleranceText(tolerance)} tolerated: ` +
      'it differs from the machines of the stored runs by more than dividing by the probe is known to correct, ' +
      'so no cross-run change can fail the step this time (every timing verdict is 🟡).'
    );
  }
  const within = tolerance !== undefined ? `, within the ${probeToleranceText(tolerance)} tolerated` : '';
  const note = baseline.normalized === true ? '' : ' (a diagnostic: the changes are of raw times)';
  // The gate allows for the probe's own change when it divides by it (analysis/cross-run.ts).
  const allowance =
    baseline.normalized === true && moved
      ? ` A benchmark need not follow the probe exactly, so each change must pass the threshold by a quarter of that (${pct(PROBE_FOLLOW_ERROR * factor)}%) more.`
      : '';
  return `This machine ran the calibration probe ${how}${within}${note}.${allowance}`;
}

/** The section of changes against the baseline, or undefined when there are no comparisons. */
export function renderComparisons(results: Results): string | undefined {
  const comparisons = results.comparisons ?? [];
  if (!results.baseline || comparisons.length === 0) return undefined;
  const metrics = (['wall', 'cpu', 'rss'] as const).filter((m) => comparisons.some((c) => c.metric === m));
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const c of comparisons) {
    const key = cellKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    const values = metrics.map((m) => {
      const found = comparisons.find((x) => cellKey(x) === key && x.metric === m);
      return found ? comparisonText(found) : '—';
    });
    rows.push(`| ${placeLabel(results, c)} / ${escapeInline(c.allocator, 60)} | ${values.join(' | ')} |`);
  }
  const matrix = results.matrix;
  if (matrix) {
    const values = metrics.map((m) => (m === matrix.metric ? comparisonText(matrix) : '—'));
    // Cells the kernel moved are not pooled (analysis/cross-run-gate.ts): say which, since the
    // label counts only the others. Names come from a results file that may be another job's.
    const without = matrix.leftOut
      ? ` (without ${matrix.leftOut
          .slice(0, 8)
          .map((k) => escapeInline(k, 60))
          .join(
            ', ',
          )}${matrix.leftOut.length > 8 ? ', …' : ''}: ${matrix.leftOut.length === 1 ? 'its' : 'their'} share of system time moved)`
      : '';
    rows.unshift(`| **all ${matrix.cells} cells together**${without} | ${values.join(' | ')} |`);
  }
  return [
    '### Change against the baseline',
    '',
    methodSentence(results, results.baseline),
    '',
    `| cell | ${metrics.map((m) => METRIC_TITLES[m]).join(' | ')} |`,
    `|---|${metrics.map(() => '---').join('|')}|`,
    ...rows,
    '',
    `_Change is head ÷ ${baselineOf(results.baseline)} − 1 with its confidence interval. 🔴 regressed: the whole interval is above the threshold · 🟡 inconclusive: the estimate is above it but the interval reaches below · 🟢 improved · ⚪ unchanged · ➖ not comparable._`,
    ...(matrix ? ['', MATRIX_LEGEND] : []),
  ].join('\n');
}

function baselineOf(baseline: BaselineInfo): string {
  return !baseline.paired && (baseline.history?.length ?? 0) > 1 ? "the stored runs' mean" : 'base';
}

/** The two levels of the gate, in plain words, under the table that shows them. */
const MATRIX_LEGEND =
  '_**All cells together** is one test of the change shared by every compared cell: each cell is compared only with itself, round by round, and the evidence of all of them is added up, so a slowdown that hits every allocator a little is caught sooner than in any one cell. The step fails when it or any single cell regresses. The two levels share one 5% false-alarm budget: half for all cells together, half split among the cells, and a level that proves a regression hands its half on; so a change that does not exist fails the step at most 1 time in 20, and a slowdown smaller than the threshold much less often still. With re-measurement (`retries`), the budget is split evenly between the looks._';
