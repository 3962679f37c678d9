// Which samples of a cell can be compared, and how they line up: the sides of a cell, the
// reasons a comparison is refused, and pairing by round. Pure.
import type { CellResult, CellStatus, LibcName } from '../results/model.js';
import { measuredSamples, type RoundSample } from './stats.js';

export type TimingMetric = 'wall' | 'cpu';

/** One side (head or baseline) of a cell. Samples are successful measured runs only. */
export interface GateSide {
  status: CellStatus;
  reason?: string;
  timing: readonly RoundSample[];
  rss: readonly RoundSample[];
}

export interface GateCell {
  libc: LibcName;
  allocator: string;
  /** The architecture the head cell ran on (results that span several tell cells apart by it). */
  arch?: string;
  head: GateSide;
  baseline: GateSide;
  /** Set by the caller when the two sides must not be compared, e.g. different CPU models. */
  notComparableReason?: string;
}

export interface ComparabilityOptions {
  metric: TimingMetric;
  /** Paired: count rounds where both sides succeeded; unpaired: count each side's runs. */
  paired: boolean;
}

/** Builds one side of a cell from its recorded runs. */
export function gateSide(cell: CellResult, metric: TimingMetric): GateSide {
  const side: GateSide = {
    status: cell.status,
    timing: measuredSamples(cell.runs, metric),
    rss: measuredSamples(cell.runs, 'rss'),
  };
  if (cell.reason !== undefined) side.reason = cell.reason;
  return side;
}

/** Why the cell's `kind` samples cannot be compared, or undefined when they can. */
export function whyNotComparable(
  cell: GateCell,
  kind: 'timing' | 'rss',
  options: ComparabilityOptions,
  minRuns: number,
): string | undefined {
  if (cell.notComparableReason !== undefined) return cell.notComparableReason;
  for (const [name, side] of [
    ['head', cell.head],
    ['baseline', cell.baseline],
  ] as const) {
    if (side.status !== 'ok')
      return `the ${name} cell is ${side.status}${side.reason ? `: ${side.reason}` : ''}`;
    const nonPositive = side[kind].filter((s) => !(s.value > 0)).length;
    if (nonPositive > 0) {
      const what = kind === 'rss' ? 'peak RSS' : `${options.metric} time`;
      return `the ${name} ${what} is zero (or invalid) in ${nonPositive} run(s), so ratios are undefined`;
    }
  }
  if (options.paired) {
    const rounds = pairSamples(cell, kind).length;
    if (rounds < minRuns) {
      return `only ${rounds} round(s) where head and baseline both succeeded; at least ${minRuns} needed`;
    }
  } else {
    for (const [name, side] of [
      ['head', cell.head],
      ['baseline', cell.baseline],
    ] as const) {
      if (side[kind].length < minRuns) {
        return `only ${side[kind].length} successful run(s) on the ${name} side; at least ${minRuns} needed`;
      }
    }
  }
  return undefined;
}

/** Log values [base, head]; when paired, aligned by round (rounds missing on either side dropped). */
export function logSamples(cell: GateCell, kind: 'timing' | 'rss', paired: boolean): [number[], number[]] {
  if (paired) {
    const pairs = pairSamples(cell, kind);
    return [pairs.map(([b]) => Math.log(b)), pairs.map(([, h]) => Math.log(h))];
  }
  return [cell.baseline[kind].map((s) => Math.log(s.value)), cell.head[kind].map((s) => Math.log(s.value))];
}

function pairSamples(cell: GateCell, kind: 'timing' | 'rss'): [number, number][] {
  const baseByRound = new Map<number, number>();
  for (const s of cell.baseline[kind]) {
    if (baseByRound.has(s.round)) {
      throw new Error(
        `Invalid baseline samples of ${cell.libc}/${cell.allocator}: round ${s.round} appears twice; pairing needs one run per round.`,
      );
    }
    baseByRound.set(s.round, s.value);
  }
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (const s of cell.head[kind]) {
    if (seen.has(s.round)) {
      throw new Error(
        `Invalid head samples of ${cell.libc}/${cell.allocator}: round ${s.round} appears twice; pairing needs one run per round.`,
      );
    }
    seen.add(s.round);
    const b = baseByRound.get(s.round);
    if (b !== undefined) pairs.push([b, s.value]);
  }
  return pairs;
}
