// Cross-run verdicts: head against runs stored by other jobs, often on other machines. Within one
// run the noise of a cell's median is small and well measured; between runs the machine drifts
// (load, neighbours, frequency, caches) by more than that, and no interval built from one run's
// samples knows how much. So the spread is learned from history: the log medians of the same
// cell in the last k stored runs. A new run's median is judged against them with a prediction
// interval (Student's t, k − 1 degrees of freedom):
//
//   change = h − mean(m₁..m_k)
//   var    = max(s², w) · (1 + 1/k) + max(0, se_h² − w)
//
// where m_i are the stored log medians, s² their sample variance, w the mean squared standard
// error of a stored median (within-run noise, which s² already holds once) and se_h the head's
// own: a head noisier than the stored runs (fewer rounds, say) widens the interval by the excess.
// With fewer than MIN_HISTORY stored runs the spread cannot be learned; the change is then tested
// with within-run noise only, and against a floor of ADVISORY_FLOOR instead of the threshold, so
// a cross-run verdict below that floor is at most inconclusive.
//
// The calibration probe corrects and guards the verdict. Its process part starts a process and
// faults in fresh pages, as every benchmark run does, and measured here malloc-heavy benchmarks
// followed it about one to one between runs (a slope of 0.92 to 1.11; docs/performance.md), so
// cell times are divided by it (cross-run-gate.ts). That is known to hold only over the range
// measured: when this run's probe moved by more than PROBE_TOLERANCE from the stored runs'
// (machineCheck, the same ratio either way), the machine differs from theirs by more than
// dividing is known to correct, so the verdicts of such a run are advisory and never fail the
// step. A cell whose threads ran more or less in parallel than in the stored runs
// (parallelismCheck) is half-blind the same way: a probe of one thread cannot see how a busier
// machine changes how its threads contend and wait. That pushes its times mostly one way, so only
// a change the other way is tested (untestedWay).
//
// Within that range the correction is still uncertain: a benchmark need not follow the probe
// exactly. So when times are divided by the probe, PROBE_FOLLOW_ERROR of the probe's own change
// bounds how far the corrected change may be off: the interval is widened by it on both sides,
// and each test takes the side least favourable to its verdict. Pure.
import type { Bounds, TimingAnalysis } from './timing.js';
import { mean, median, stddev } from './stats.js';
import { normalCdf, normalQuantile } from './normal.js';
import { studentCdf, studentQuantile } from './student-t.js';

/** Fewest stored runs from which a between-run spread is learned. */
export const MIN_HISTORY = 3;
/** With less history, a cross-run change must be proven beyond this (either way) to count. */
export const ADVISORY_FLOOR = 0.25;

/**
 * A probe that ran more than this much slower than the stored runs' (or faster by the same
 * ratio: 1 − 1/1.5, a third) counts as another machine. Measured here (docs/performance.md), the
 * probe's process part moved from 29% faster to 48% slower between runs on one machine, with a
 * CPU hog on the other core during the head or during the stored runs, and the corrected figures
 * held over that whole range: 1-thread same-code heads changed by −4% to +5% after dividing (−2%
 * to +3% with the hog on the stored runs and the heads quiet), and a head really 31% slower
 * measured +29% to +32% with its probe 30% to 38% slower, as with it unmoved (a 2-thread head
 * read less, which the threads guard answers for). Malloc-heavy single-threaded benchmarks followed the probe with
 * slopes of 0.71 to 1.15, which PROBE_FOLLOW_ERROR allows for. Beyond half again as slow (or a
 * third faster) nothing was measured.
 */
export const PROBE_TOLERANCE = 0.5;

/** The tolerance in words, both ways: `50% slower or 33% faster`. */
export function probeToleranceText(tolerance: number): string {
  const faster = 1 - 1 / (1 + tolerance);
  return `${Math.round(tolerance * 100)}% slower or ${Math.round(faster * 100)}% faster`;
}
/**
 * How far (a fraction of the probe's change) a time divided by the probe may be off: malloc-heavy
 * benchmarks moved 0.92 to 1.11 times as far as the probe's process part between runs here
 * (docs/performance.md), so a quarter of the probe's change covers them with room.
 */
export const PROBE_FOLLOW_ERROR = 0.25;

/** How this run's probe time compares with the stored runs'. */
export interface MachineCheck {
  /** This run's log probe time minus the mean of the stored runs'. */
  change: number;
  /** How far (log) the probe may move before the machine counts as another. */
  tolerance: number;
  /** The probe moved beyond the tolerance. */
  differs: boolean;
  /** Stored probe times compared with. */
  stored: number;
}

/**
 * Whether this run's probe (log time) moved by more than PROBE_TOLERANCE from the mean of the
 * stored runs' (log times), the same ratio either way. Not a prediction interval of the stored
 * probes: a quiet history would make every busier machine "another", which is the very drift
 * dividing by the probe corrects.
 * Undefined without stored probe times.
 */
export function machineCheck(stored: readonly number[], head: number): MachineCheck | undefined {
  const k = stored.length;
  if (k === 0) return undefined;
  const change = head - mean(stored);
  const tolerance = Math.log1p(PROBE_TOLERANCE);
  return { change, tolerance, differs: Math.abs(change) > tolerance, stored: k };
}

/**
 * A cell whose runs keep at least this many cores busy (CPU time ÷ wall time) runs threads in
 * parallel; a single-threaded benchmark keeps just under 1.
 */
export const PARALLEL_CORES = 1.2;
/**
 * How far (a fraction) a parallel cell's busy cores may move from the stored runs' before its
 * times stop being comparable. Measured here (docs/performance.md): a 2-thread benchmark kept 1.6
 * to 1.8 cores busy in every stored run, and 1.0 with a CPU hog on one of the machine's two cores.
 */
export const PARALLELISM_TOLERANCE = 0.2;

/**
 * Which way a change cannot be tested: either (another machine), or the way something other than
 * the code may have pushed it (a regression, an improvement).
 */
export type Untested = 'either' | 'regression' | 'improvement';

/** How many cores a cell kept busy in this run and, on average, in the stored runs. */
export interface ParallelismCheck {
  head: number;
  /** The geometric mean over the stored runs. */
  stored: number;
  /** A parallel cell moved beyond PARALLELISM_TOLERANCE. */
  differs: boolean;
}

/**
 * Whether a cell's threads ran as much in parallel as in the stored runs (busy cores, each > 0).
 * When they did not, its times moved for a reason the single-threaded probe cannot see, and a
 * change of the code's threading looks the same from outside. Undefined without stored figures.
 */
export function parallelismCheck(stored: readonly number[], head: number): ParallelismCheck | undefined {
  const usable = stored.filter((v) => v > 0);
  if (usable.length === 0 || !(head > 0)) return undefined;
  const level = Math.exp(mean(usable.map(Math.log)));
  const parallel = Math.max(head, level) >= PARALLEL_CORES;
  const moved = Math.abs(Math.log(head / level)) > Math.log1p(PARALLELISM_TOLERANCE);
  return { head, stored: level, differs: parallel && moved };
}

/**
 * Which way a cell's change cannot be tested when its threads ran less (or more) in parallel than
 * in the stored runs. Threads that take turns stop contending for locks and cache lines, so they
 * tend to use less CPU time, and wait for each other, so they take more wall time. Measured here
 * with a core taken (docs/performance.md), identical 2-thread code used 62 to 75% less CPU time
 * under musl's default allocator, between 27% less and 29% more under the others, and about 70%
 * more wall time: a fall of CPU time is no evidence, and the gate claimed "improved" of identical
 * code. A rise is still tested, with the probe's allowance and the history's spread, and no
 * same-code head of those runs failed the step on one.
 */
export function untestedWay(lessParallel: boolean, metric: 'wall' | 'cpu'): Exclude<Untested, 'either'> {
  const pushedDown = (metric === 'cpu') === lessParallel;
  return pushedDown ? 'improvement' : 'regression';
}

/**
 * How far (a fraction of the CPU time) a cell's share of system time may move from the stored
 * runs' before its times stop being comparable. Measured here (docs/performance.md): a CPU hog on
 * the other core doubled the system time of musl's allocator, which hands memory back to the
 * kernel on free (31% of its CPU time in every stored run, 49% with the hog), while its user time,
 * its page faults and the other allocators' shares stayed within 2 points.
 */
export const KERNEL_SHARE_TOLERANCE = 0.1;

/** A cell's share of system time (system ÷ CPU time) in this run and, on average, in the stored runs. */
export interface KernelCheck {
  head: number;
  /** The mean over the stored runs. */
  stored: number;
  /** The share moved by more than KERNEL_SHARE_TOLERANCE. */
  differs: boolean;
}

/**
 * Whether a cell spent as much of its CPU time in the kernel as in the stored runs (shares in
 * [0, 1]). When it did not, a busier or slower kernel moved it by more than the probe saw: system
 * calls that hand memory back (munmap, madvise) slow down far more than page faults when another
 * core is busy. Undefined without stored figures.
 */
export function kernelCheck(stored: readonly number[], head: number): KernelCheck | undefined {
  const usable = stored.filter((v) => Number.isFinite(v));
  if (usable.length === 0 || !Number.isFinite(head)) return undefined;
  const level = mean(usable);
  return { head, stored: level, differs: Math.abs(head - level) > KERNEL_SHARE_TOLERANCE };
}

/**
 * Which way a cell's change cannot be tested when its share of system time moved: a larger share
 * is what a slower kernel does, and it raises both CPU and wall time, so only a fall can be proven;
 * a smaller share, the other way round. (A code change that makes more system calls looks the
 * same from outside, which is why the way it pushes is not tested rather than corrected.)
 */
export function kernelUntestedWay(moreKernel: boolean): Exclude<Untested, 'either'> {
  return moreKernel ? 'regression' : 'improvement';
}

/** One run's level of a cell (or of all cells): a log median and the standard error of it. */
export interface RunLevel {
  centre: number;
  se: number;
}

export interface CrossRunAnalysis extends TimingAnalysis {
  /** How many stored runs the change was judged against. */
  history: number;
  /** Between-run standard deviation of the stored log medians (enough history only). */
  spread?: number;
  /** Too little history: the tests were made against ±ADVISORY_FLOOR, not the threshold. */
  advisory: boolean;
  /** The way a change was not tested: either (the machine differs), or one (the cell's threads). */
  untested?: Untested;
}

/** What the calibration probe says of this run's machine, for one analysis. */
export interface MachineAllowance {
  /** Which way not to test: either (machineCheck), or one (parallelismCheck, untestedWay). */
  untested?: Untested;
  /**
   * Times were divided by the probe, which moved by this much (log): the change may be off by
   * PROBE_FOLLOW_ERROR of it.
   */
  correction?: number;
}

/** √(π/2): the standard error of a median is this times σ/√n for normal data. */
const MEDIAN_SE = 1.2533;
/** MAD × this estimates σ for normal data. */
const MAD_SIGMA = 1.4826;

/** The log median of a run's log times, with its standard error from their MAD. */
export function runLevel(logs: readonly number[]): RunLevel {
  if (logs.length === 0) throw new Error('Invalid run samples: there are none.');
  const centre = median(logs);
  const deviations = logs.map((v) => Math.abs(v - centre));
  const mad = median(deviations);
  // More than half the samples equal: take the spread from the mean deviation instead.
  const sigma = mad > 0 ? MAD_SIGMA * mad : MEDIAN_SE * (deviations.reduce((a, b) => a + b, 0) / logs.length);
  return { centre, se: (MEDIAN_SE * sigma) / Math.sqrt(logs.length) };
}

/** Several cells of one run as one level: the mean of their log medians. */
export function pooledLevel(levels: readonly RunLevel[], weights?: readonly number[]): RunLevel {
  if (levels.length === 0) throw new Error('Invalid levels to pool: there are none.');
  const w = weights ?? levels.map(() => 1);
  if (w.length !== levels.length || w.some((x) => !(x > 0)))
    throw new Error('Invalid weights to pool: one positive weight per level is needed.');
  const total = w.reduce((a, x) => a + x, 0);
  return {
    centre: levels.reduce((a, l, i) => a + w[i] * l.centre, 0) / total,
    se: Math.sqrt(levels.reduce((a, l, i) => a + (w[i] * l.se) ** 2, 0)) / total,
  };
}

/**
 * The least between-run spread (log) a cell is taken to have when cells are weighted for all
 * cells together: no cell counts more than one that moved 1% between the stored runs.
 */
export const MIN_CELL_SPREAD = 0.01;

/**
 * How much each cell counts in all cells together against stored runs: the inverse of its
 * between-run variance (its stored levels' spread, at least MIN_CELL_SPREAD), so that a cell the
 * machine moves far more than the probe (measured here: musl's allocator, 14% between stored runs
 * where the others moved 1 to 2%) does not drown the change the others agree on. Equal weights
 * when some cell has fewer than MIN_HISTORY stored levels: no spread to weigh by.
 */
export function cellWeights(histories: readonly (readonly number[])[]): number[] {
  if (histories.some((h) => h.length < MIN_HISTORY)) return histories.map(() => 1);
  return histories.map((h) => 1 / Math.max(stddev(h), MIN_CELL_SPREAD) ** 2);
}

/**
 * The change of `head` against the stored runs `history` (newest first; the order does not
 * matter), tested against `bounds` (log(1 ± threshold)) with enough history, else against the
 * floor; not tested at all when the machine differs, and not the way its threads pushed it when
 * they ran another way (`untested`); with the probe's correction allowed for either way. `level`
 * is that of the two-sided interval.
 */
export function crossRunAnalysis(
  history: readonly RunLevel[],
  head: RunLevel,
  bounds: Bounds,
  level: number,
  machine: MachineAllowance = {},
): CrossRunAnalysis {
  const untested = machine.untested;
  const blind = (way: Untested) => untested === 'either' || untested === way;
  const allowance = PROBE_FOLLOW_ERROR * Math.abs(machine.correction ?? 0);
  const k = history.length;
  if (k === 0) throw new Error('Invalid history: a cross-run comparison needs at least one stored run.');
  const centres = history.map((h) => h.centre);
  const within = history.reduce((a, h) => a + h.se ** 2, 0) / k;
  const headExcess = Math.max(0, head.se ** 2 - within);
  const estimate = head.centre - mean(centres);
  // A way not tested gets an infinite bound (its p-value is 1); the estimate and interval still show.
  const marked = untested !== undefined ? { untested } : {};
  const limits = (b: Bounds): Bounds => ({
    upper: blind('regression') ? Infinity : b.upper,
    lower: blind('improvement') ? -Infinity : b.lower,
  });
  if (k >= MIN_HISTORY) {
    const spread = stddev(centres);
    const sigma = Math.sqrt(Math.max(spread ** 2, within) * (1 + 1 / k) + headExcess);
    const cdf = (x: number) => studentCdf(x, k - 1);
    const q = studentQuantile((1 + level) / 2, k - 1);
    const tested = limits(bounds);
    return {
      ...tests(estimate, sigma, tested, cdf, q, allowance),
      history: k,
      spread,
      advisory: untested === 'either',
      ...marked,
    };
  }
  const floor = { upper: Math.log1p(ADVISORY_FLOOR), lower: Math.log1p(-ADVISORY_FLOOR) };
  const sigma = Math.sqrt(within * (1 + 1 / k) + headExcess);
  const widened = { upper: Math.max(bounds.upper, floor.upper), lower: Math.min(bounds.lower, floor.lower) };
  const tested = limits(widened);
  const q = normalQuantile((1 + level) / 2);
  return {
    ...tests(estimate, sigma, tested, normalCdf, q, allowance),
    history: k,
    advisory: true,
    ...marked,
  };
}

/**
 * The tests of `estimate`, which may be off by up to `allowance` either way: a regression is
 * tested from its lowest value, an improvement from its highest, and the interval holds both.
 */
function tests(
  estimate: number,
  sigma: number,
  bounds: Bounds,
  cdf: (x: number) => number,
  quantile: number,
  allowance: number,
): TimingAnalysis {
  // A spread of exactly 0 (every sample equal) makes every test certain, in its direction.
  const standardized = (x: number) => (sigma > 0 ? x / sigma : x > 0 ? Infinity : x < 0 ? -Infinity : 0);
  const reach = quantile * sigma + allowance;
  return {
    estimate,
    interval: [estimate - reach, estimate + reach],
    pRegression: 1 - cdf(standardized(estimate - allowance - bounds.upper)),
    pImprovement: cdf(standardized(estimate + allowance - bounds.lower)),
  };
}
