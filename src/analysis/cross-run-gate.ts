// Pure: the cross-run side of the gate. Turns the head's cells and the stored runs it is compared
// with (newest first) into judgeGate's timing analyses, with cross-run.ts doing the statistics;
// and says what the history held and how fast this machine ran the calibration probe, for the
// report. Times can be divided by the probe time of their own round when every run has probes
// (NORMALIZE_BY_PROBE), so that a machine that is slower as a whole does not look like slower code.
// A cell whose threads ran more or less in parallel than in the stored runs (its busy cores) is
// tested only the way that change could not have pushed its times (parallelismBlind).
import type {
  CellResult,
  HistoryEntry,
  LibcName,
  ProbeResults,
  ProbeSample,
  Results,
} from '../results/model.js';
import { PROBE_WORKLOAD } from '../results/cross-run-schema.js';
import { archOf } from '../results/arch.js';
import {
  ADVISORY_FLOOR,
  crossRunAnalysis,
  kernelCheck,
  kernelUntestedWay,
  machineCheck,
  MIN_HISTORY,
  parallelismCheck,
  pooledLevel,
  probeToleranceText,
  cellWeights,
  runLevel,
  type KernelCheck,
  type MachineCheck,
  type ParallelismCheck,
  type RunLevel,
  type Untested,
  untestedWay,
} from './cross-run.js';
import { isSuccessfulMeasured, mean, median, metricValue } from './stats.js';
import type { GateCell, TimingMetric } from './comparable.js';
import { REASON_CHARS, type TimingAnalyser, type UnitAnalysis } from './verdict.js';
import type { Bounds } from './timing.js';

/**
 * Whether cross-run changes are of cell time ÷ probe time (when every run has probes). Decided by
 * judging the same measured runs both ways (scripts/bench/cross-run-rejudge.mjs, docs/performance.md):
 * with the probe's process part, on 40 same-code heads and 20 heads with more work of a 20-trial
 * run, measured under a CPU hog against stored runs without one, dividing cut the spread between
 * the stored runs from 13.5% to 1.5% and caught 10 slowdowns by timing where raw times caught none,
 * with no false alarm either way; earlier runs with the older probe pointed the same way.
 */
export const NORMALIZE_BY_PROBE = true;

/** What a cross-run judgement reads of one run: its cells, its probe samples and its host. */
export type RunTimes = Pick<Results, 'cells' | 'probe' | 'host'>;

export interface CrossRunInput {
  head: RunTimes;
  /** The stored runs to judge against, newest first, already found comparable. */
  history: readonly RunTimes[];
  metric: TimingMetric;
  /** Fewest successful measured runs a stored cell needs to count. */
  minRuns: number;
  /** Divide times by the probe where every run has it (default NORMALIZE_BY_PROBE). */
  normalize?: boolean;
  /** How this run's probe compares with the stored runs' (machineCheckOf): beyond, nothing fails. */
  machine?: MachineCheck;
}

/**
 * Whether times are divided by the probe: when asked to, and every run measured it (the same
 * workload) in every libc.
 */
export function normalizesByProbe(input: Pick<CrossRunInput, 'head' | 'history' | 'normalize'>): boolean {
  if (!(input.normalize ?? NORMALIZE_BY_PROBE)) return false;
  const libcs = new Set(input.head.cells.filter((c) => c.status === 'ok').map((c) => c.libc));
  return [input.head, ...input.history].every(
    (run) =>
      run.probe?.workload === PROBE_WORKLOAD &&
      [...libcs].every((libc) =>
        run.probe!.environments.some((e) => e.libc === libc && e.samples.length > 0),
      ),
  );
}

/**
 * The probe time a cell time is divided by: that of the probe's process part, which starts a
 * process and faults in fresh pages as every benchmark run does. Measured here, malloc-heavy
 * benchmarks followed it about one to one between runs (a slope of 0.92 to 1.11), where they moved
 * 2.2 to 2.6 times as far as the helper's own compute and memory parts (docs/performance.md). A sample
 * without that part (a file that says it ran this workload but lacks it) gives the whole probe's.
 */
export function probeMs(sample: ProbeSample, metric: TimingMetric): number {
  if (metric === 'wall') return sample.processMs ?? sample.wallMs;
  return sample.processCpuMs ?? sample.cpuMs;
}

/** The probe time of each round of one environment, or undefined without probes. */
function probesByRound(
  probe: ProbeResults | undefined,
  place: { libc: LibcName; arch: string },
  metric: TimingMetric,
): Map<number, number> | undefined {
  // Merged shards mark each environment with its architecture; a single run's are its host's.
  const samples = probe?.environments.find(
    (e) => e.libc === place.libc && (e.arch === undefined || e.arch === place.arch),
  )?.samples;
  if (!samples) return undefined;
  return new Map(samples.filter((s) => probeMs(s, metric) > 0).map((s) => [s.round, probeMs(s, metric)]));
}

/** The log times of a cell's successful measured runs, each divided by its round's probe time. */
function cellLogs(cell: CellResult, run: RunTimes, metric: TimingMetric, normalized: boolean): number[] {
  const place = { libc: cell.libc, arch: archOf(run, cell) };
  const probes = normalized ? probesByRound(run.probe, place, metric) : undefined;
  return cell.runs.filter(isSuccessfulMeasured).flatMap((r) => {
    const value = metricValue(r, metric);
    if (!(value > 0)) return [];
    if (!normalized) return [Math.log(value)];
    const probe = probes?.get(r.round);
    return probe === undefined ? [] : [Math.log(value) - Math.log(probe)];
  });
}

function headCellOf(run: RunTimes, cell: GateCell): CellResult | undefined {
  return run.cells.find(
    (c) =>
      c.tree === 'head' &&
      c.libc === cell.libc &&
      c.allocator === cell.allocator &&
      (cell.arch === undefined || archOf(run, c) === cell.arch),
  );
}

/** The level of a cell in each run: the head's, and each stored run's where it is usable. */
function cellLevels(input: CrossRunInput, cell: GateCell, normalized: boolean) {
  const levelIn = (run: RunTimes, minRuns: number): RunLevel | undefined => {
    const found = headCellOf(run, cell);
    if (!found || found.status !== 'ok') return undefined;
    const logs = cellLogs(found, run, input.metric, normalized);
    return logs.length >= minRuns ? runLevel(logs) : undefined;
  };
  return { head: levelIn(input.head, 1), history: input.history.map((run) => levelIn(run, input.minRuns)) };
}

function advisoryNote(k: number): string {
  const floor = `±${Math.round(ADVISORY_FLOOR * 100)}%`;
  return `only ${k} stored run${k === 1 ? '' : 's'} to compare with: the spread between runs needs ${MIN_HISTORY}, so a change counts only beyond ${floor}`;
}

const percent = (log: number) => `${Math.round(Math.abs(Math.expm1(log)) * 100)}%`;

/** `this machine ran the calibration probe 55% slower than the stored runs, beyond the tolerance (50% slower or 33% faster): …` */
export function machineNote(check: MachineCheck): string {
  const how = `${percent(check.change)} ${check.change > 0 ? 'slower' : 'faster'}`;
  const tolerance = probeToleranceText(Math.expm1(check.tolerance));
  return `this machine ran the calibration probe ${how} than the stored runs, beyond the tolerance (${tolerance}): it differs from theirs, so no cross-run change can fail the step`;
}

const cores = (n: number) => n.toFixed(1);

/** A test that cannot be made one way or either, and why. */
interface Blind {
  way: Untested;
  note: string;
}

/** What running less (or more) in parallel does by itself to a time, and what can still be proven. */
function pushWords(lessParallel: boolean, metric: TimingMetric) {
  const way = untestedWay(lessParallel, metric);
  return {
    way,
    how: lessParallel ? 'less' : 'more',
    push: way === 'improvement' ? 'lowers' : 'raises',
    time: metric === 'cpu' ? 'CPU' : 'wall',
    proven: way === 'improvement' ? 'rise' : 'fall',
  };
}

/**
 * What a cell whose threads ran another way cannot be tested for, and why: `this cell kept 1.0
 * cores busy against 1.8 in the stored runs: … so only a rise can be proven`.
 */
function parallelismBlind(check: ParallelismCheck, metric: TimingMetric): Blind {
  const w = pushWords(check.head < check.stored, metric);
  return {
    way: w.way,
    note: `this cell kept ${cores(check.head)} cores busy against ${cores(check.stored)} in the stored runs: its threads ran ${w.how} in parallel, which by itself ${w.push} its ${w.time} time, so only a ${w.proven} can be proven`,
  };
}

/**
 * What all cells together cannot be tested for when some cells' threads ran another way: the way
 * they all pushed, or either when some ran less and some more in parallel.
 */
function parallelismMatrixBlind(
  moved: readonly { key: string; check: ParallelismCheck }[],
  total: number,
  metric: TimingMetric,
): Blind {
  const { key, check } = moved[0];
  const busy = `${cores(check.head)} cores busy against ${cores(check.stored)}`;
  // The report shows REASON_CHARS of a reason: a long cell name gives way to the numbers.
  const fitted = (words: (example: string) => string) => {
    const full = words(`${key}: ${busy}`);
    return full.length <= REASON_CHARS ? full : words(`e.g. ${busy}`);
  };
  const less = moved.map((m) => m.check.head < m.check.stored);
  if (less.some((l) => l !== less[0])) {
    return {
      way: 'either',
      note: fitted(
        (example) =>
          `${moved.length} of ${total} cells ran their threads another way than in the stored runs, some less and some more in parallel (${example}), so all cells together cannot be judged`,
      ),
    };
  }
  const w = pushWords(less[0], metric);
  return {
    way: w.way,
    note: fitted(
      (example) =>
        `${moved.length} of ${total} cells ran their threads ${w.how} in parallel than in the stored runs (${example}), which ${w.push} their ${w.time} time, so only a ${w.proven} of all cells can be proven`,
    ),
  };
}

function unit(
  history: RunLevel[],
  head: RunLevel,
  bounds: Bounds,
  level: number,
  machine: MachineCheck | undefined,
  normalized: boolean,
  threads?: Blind,
): UnitAnalysis {
  // Another machine outranks one cell's threads: it is the wider reason.
  const blind: Blind | undefined =
    machine?.differs === true ? { way: 'either', note: machineNote(machine) } : threads;
  // Divided by the probe, a time is off by as much as the benchmark's response to the machine
  // differs from the probe's: a share of the probe's own change (cross-run.ts).
  const analysis = crossRunAnalysis(history, head, bounds, level, {
    ...(blind ? { untested: blind.way } : {}),
    correction: normalized && machine ? machine.change : 0,
  });
  const note = blind?.note ?? (analysis.advisory ? advisoryNote(analysis.history) : undefined);
  // With too little history nothing was tested against the threshold, only against the floor, and
  // the spread between runs is unknown: so no change, however small, is called "unchanged" either
  // (verdict.ts). Only a change proven beyond the floor gets a verdict.
  return {
    analysis,
    history: analysis.history,
    ...(blind || analysis.advisory ? { untested: true } : {}),
    ...(analysis.spread !== undefined ? { spread: analysis.spread } : {}),
    ...(note !== undefined ? { inconclusiveNote: note } : {}),
  };
}

/**
 * What a cell whose share of system time moved cannot be tested for, and why: `this cell spent 49%
 * of its CPU time in the kernel against 31% in the stored runs: … so only a fall can be proven`.
 */
function kernelBlind(check: KernelCheck): Blind {
  const more = check.head > check.stored;
  const share = (x: number) => `${Math.round(x * 100)}%`;
  return {
    way: kernelUntestedWay(more),
    note: `this cell spent ${share(check.head)} of its CPU time in the kernel against ${share(check.stored)} in the stored runs: a ${more ? 'slower' : 'faster'} kernel ${more ? 'raises' : 'lowers'} its times by more than the probe shows, so only a ${more ? 'fall' : 'rise'} can be proven`,
  };
}

/** What all cells together cannot be tested for when the kernel moved every cell's share. */
function kernelMatrixBlind(checks: readonly KernelCheck[]): Blind {
  const more = checks.map((c) => c.head > c.stored);
  if (more.some((m) => m !== more[0])) {
    return {
      way: 'either',
      note: 'every cell spent another share of its CPU time in the kernel than in the stored runs, some more and some less, so all cells together cannot be judged',
    };
  }
  return {
    way: kernelUntestedWay(more[0]),
    note: `every cell spent ${more[0] ? 'more' : 'less'} of its CPU time in the kernel than in the stored runs, as a ${more[0] ? 'slower' : 'faster'} kernel does, so only a ${more[0] ? 'fall' : 'rise'} of all cells can be proven`,
  };
}

/** Both reasons a cell cannot be tested some way, as one: either way when they point apart. */
function joinBlind(a: Blind | undefined, b: Blind | undefined): Blind | undefined {
  if (!a || !b) return a ?? b;
  return { way: a.way === b.way ? a.way : 'either', note: `${a.note}; and ${b.note}` };
}

/** A cell as the gate's notes name it (as parallelismMatrixBlind does): `musl/default`. */
const cellKey = (cell: GateCell) => `${cell.libc}/${cell.allocator}`;

/** A cell's share of system time in one run: the median of system ÷ CPU time over its successful measured runs. */
export function kernelShare(cell: CellResult): number | undefined {
  const shares = cell.runs
    .filter((r) => isSuccessfulMeasured(r) && r.userMs + r.sysMs > 0)
    .map((r) => r.sysMs / (r.userMs + r.sysMs));
  return shares.length > 0 ? median(shares) : undefined;
}

/**
 * One figure of a cell (busy cores, share of system time) in this run and in the stored runs that
 * measured it; undefined when this run has none.
 */
function cellFigures(
  input: CrossRunInput,
  cell: GateCell,
  figureOf: (found: CellResult) => number | undefined,
): { head: number; stored: number[] } | undefined {
  const figureIn = (run: RunTimes) => {
    const found = headCellOf(run, cell);
    return found?.status === 'ok' ? figureOf(found) : undefined;
  };
  const head = figureIn(input.head);
  const stored = input.history.map(figureIn).filter((v): v is number => v !== undefined);
  return head === undefined ? undefined : { head, stored };
}

/** The cell's share of system time here and in the stored runs that measured it. */
function kernelOf(input: CrossRunInput, cell: GateCell): KernelCheck | undefined {
  const figures = cellFigures(input, cell, kernelShare);
  return figures && kernelCheck(figures.stored, figures.head);
}

/** A cell's busy cores in one run: the median of CPU time ÷ wall time over its successful measured runs. */
export function busyCores(cell: CellResult): number | undefined {
  const ratios = cell.runs
    .filter((r) => isSuccessfulMeasured(r) && r.wallMs > 0)
    .map((r) => metricValue(r, 'cpu') / r.wallMs);
  return ratios.length > 0 ? median(ratios) : undefined;
}

/** How many cores the cell kept busy here and in the stored runs that measured it. */
function parallelismOf(input: CrossRunInput, cell: GateCell): ParallelismCheck | undefined {
  const figures = cellFigures(input, cell, busyCores);
  return figures && parallelismCheck(figures.stored, figures.head);
}

/**
 * judgeGate's analyser for a cross-run comparison. A cell whose times cannot be divided by the
 * probe (no probe in some round) on either side is judged on raw times.
 */
export function crossRunAnalyser(input: CrossRunInput): TimingAnalyser {
  const normalized = normalizesByProbe(input);
  return (cells, bounds, levels) => {
    const perCell = cells.map((cell) => {
      const tried = cellLevels(input, cell, normalized);
      const usable = tried.head !== undefined && tried.history.some((l) => l !== undefined);
      return usable || !normalized
        ? { ...tried, normalized }
        : { ...cellLevels(input, cell, false), normalized: false };
    });
    const parallelism = cells.map((cell) => parallelismOf(input, cell));
    const kernel = cells.map((cell) => kernelOf(input, cell));
    const analysed = perCell.map((l, i) => {
      const history = l.history.filter((h): h is RunLevel => h !== undefined);
      // whyNotComparable has checked the head and the newest stored run: both have samples.
      if (l.head === undefined || history.length === 0)
        throw new Error('Invalid cross-run cell: no samples on one side.');
      const threadsMoved = parallelism[i];
      const kernelMoved = kernel[i];
      const blind = joinBlind(
        threadsMoved?.differs === true ? parallelismBlind(threadsMoved, input.metric) : undefined,
        kernelMoved?.differs === true ? kernelBlind(kernelMoved) : undefined,
      );
      return unit(history, l.head, bounds, levels.cell, input.machine, l.normalized, blind);
    });
    if (cells.length < 2) return { cells: analysed };
    // All cells together: the mean log level of the cells whose share of system time stayed (a
    // cell the kernel moved would carry its move into the mean), in each stored run that has them
    // all; of every cell when the kernel moved them all.
    const steady = cells.map((_, i) => kernel[i]?.differs !== true);
    const pooled = steady.some(Boolean) ? perCell.filter((_, i) => steady[i]) : perCell;
    // Weighted by how steady each cell was between the stored runs that have them all.
    const complete = input.history.flatMap((_, i) => {
      const each = pooled.map((l) => l.history[i]);
      return each.every((l) => l !== undefined) ? [each] : [];
    });
    const weights = cellWeights(pooled.map((_, c) => complete.map((run) => run[c].centre)));
    const head = pooledLevel(
      pooled.map((l) => l.head!),
      weights,
    );
    const history = complete.map((each) => pooledLevel(each, weights));
    if (history.length === 0) return { cells: analysed };
    const allNormalized = pooled.every((l) => l.normalized);
    const moved = cells.flatMap((cell, i) =>
      parallelism[i]?.differs === true && (steady[i] || !steady.some(Boolean))
        ? [{ key: cellKey(cell), check: parallelism[i] }]
        : [],
    );
    const threads = moved.length > 0 ? parallelismMatrixBlind(moved, pooled.length, input.metric) : undefined;
    // With no steady cell, every cell has a check that differs.
    const everyKernel = steady.some(Boolean)
      ? undefined
      : kernelMatrixBlind(kernel.filter((k): k is KernelCheck => k !== undefined));
    const leftOut = pooled.length < perCell.length ? cells.filter((_, i) => !steady[i]).map(cellKey) : [];
    return {
      cells: analysed,
      matrix: {
        ...unit(
          history,
          head,
          bounds,
          levels.matrix,
          input.machine,
          allNormalized,
          joinBlind(threads, everyKernel),
        ),
        ...(leftOut.length > 0 ? { leftOut } : {}),
      },
    };
  };
}

/** A run's probe times of one metric, per environment; none when it ran another probe workload. */
function probeTimes(run: RunTimes, metric: TimingMetric) {
  if (run.probe?.workload !== PROBE_WORKLOAD) return [];
  // A time of 0 has no logarithm: a clock that did not tick, not a machine infinitely fast.
  return run.probe.environments.map((e) => ({
    place: `${archOf(run, e)} ${e.libc}`,
    values: e.samples.map((s) => probeMs(s, metric)).filter((v) => v > 0),
  }));
}

/** The run's median probe time over every environment, as the history records it. */
function probeMedian(run: RunTimes, metric: TimingMetric): number | undefined {
  const values = probeTimes(run, metric).flatMap((e) => e.values);
  return values.length > 0 ? median(values) : undefined;
}

/** The log median probe time of each place (architecture and libc) that ran it. */
function probeLevels(run: RunTimes, metric: TimingMetric): Map<string, number> {
  return new Map(
    probeTimes(run, metric)
      .filter((e) => e.values.length > 0)
      .map((e) => [e.place, Math.log(median(e.values))]),
  );
}

/**
 * Whether this run's probe times lie within what the stored runs' predict (machineCheck);
 * undefined when this run or every stored run lacks the probe. Each place runs the probe at its
 * own speed (another libc, another architecture), and runs need not measure the same places, nor
 * as many rounds in each (`runs: auto` sizes each libc on its own), so a stored run is compared
 * with this one place by place: its level is the mean log ratio of its probe times to this run's,
 * over the places both measured. `history` holds only the places each stored run may be compared
 * in (compare.ts leaves out those of another environment).
 */
export function machineCheckOf(
  head: RunTimes,
  history: readonly RunTimes[],
  metric: TimingMetric,
): MachineCheck | undefined {
  const mine = probeLevels(head, metric);
  if (mine.size === 0) return undefined;
  const theirs = history.flatMap((run) => {
    const ratios = [...probeLevels(run, metric)].flatMap(([place, level]) => {
      const here = mine.get(place);
      return here === undefined ? [] : [level - here];
    });
    return ratios.length > 0 ? [mean(ratios)] : [];
  });
  // This run sits at 0 on that scale: its change is minus the stored runs' mean ratio.
  return machineCheck(theirs, 0);
}

/** What the results record of one stored run: where it came from and each cell's median. */
export function historyEntry(
  run: Results,
  source: string,
  metric: TimingMetric,
  excluded?: string,
  excludedPlaces?: string[],
): HistoryEntry {
  const probe = probeMedian(run, metric);
  return {
    source,
    ...(run.git?.head ? { commit: run.git.head } : {}),
    createdAt: run.finishedAt,
    ...(excluded !== undefined ? { excluded } : {}),
    ...(excluded !== undefined && excludedPlaces !== undefined ? { excludedPlaces } : {}),
    medians: run.cells
      .filter((c) => c.tree === 'head' && c.summary !== undefined)
      .map((c) => ({
        ...(c.arch !== undefined ? { arch: c.arch } : {}),
        libc: c.libc,
        allocator: c.allocator,
        medianMs: c.summary![metric].median,
      })),
    ...(probe !== undefined ? { probeMs: probe } : {}),
  };
}
