// Progress for a log (the Actions job log, a pipe, a file), where every line stays: a line when a
// batch starts, then one per round or every 10% of the batch, whichever is rarer, and each cell's
// result once its batch is over. In the action a batch's progress lines go inside a collapsed
// group, and the cells' results come after it, in plain sight.
import { isSuccessfulMeasured, median, metricValue } from '../analysis/stats.js';
import type { GatedMetric } from '../config/config.js';
import { formatDuration } from '../report/format.js';
import type { RunRecord } from '../results/model.js';
import type { ProgressSink, RoundsShape } from '../measure/session.js';

/** Collapsible sections of a log (the job log's `::group::`). */
export interface LogGroups {
  start(title: string): void;
  end(): void;
}

export interface LogOutput {
  write(text: string): void;
  groups?: LogGroups;
  /** The time the cell lines show: the one the gate judges. */
  metric?: GatedMetric;
}

const PERCENT_STEPS = 10;

interface Batch {
  total: number;
  startedAt: number;
  /** The estimated time of the batches after this one (measured rounds only). */
  laterMs: number;
  /** Known once a variant repeats: every round (and warm-up sweep) runs each variant once. */
  perRound?: number;
  /** The variants of the batch, in the order first seen. */
  seen: Set<string>;
  /** Steps (rounds or tenths, whichever is larger) already reported. */
  stepsShown: number;
}

/**
 * A batch's first line: `musl: measuring: 160 runs in 16 rounds, each with the calibration probe`.
 * The probe is a step of every round but not a run of any cell, so the runs leave it out.
 */
export function batchTitle(label: string, total: number, rounds?: RoundsShape): string {
  if (!rounds) return `${label}: ${total} runs`;
  const probes = rounds.probe ? rounds.rounds : 0;
  const probe = rounds.probe ? ', each with the calibration probe' : '';
  return `${label}: ${total - probes} runs in ${rounds.rounds} rounds${probe}`;
}

/**
 * A batch of measured rounds comes with its shape from the session; other batches (proof,
 * warm-up) have their round size inferred from the first variant that repeats.
 */
export function createLogProgress(out: LogOutput, now: () => number = Date.now): ProgressSink {
  let batch: Batch | undefined;
  let grouped = false;
  // Measured runs per cell over the whole run, so a re-measured cell reports all of its runs.
  const measured = new Map<string, RunRecord[]>();
  // Every variant in the order first seen: the proof batch runs them in the session's order.
  const order: string[] = [];
  const line = (text: string) => out.write(`${text}\n`);
  return {
    phase(message) {
      line(message);
    },
    batchStart(label, total, rounds?: RoundsShape) {
      batch = {
        total,
        startedAt: now(),
        laterMs: rounds?.laterMs ?? 0,
        seen: new Set(),
        stepsShown: 0,
        perRound: rounds?.perRound,
      };
      const title = batchTitle(label, total, rounds);
      if (out.groups) {
        out.groups.start(title);
        grouped = true;
      } else line(title);
    },
    runDone(label, done, total, variantId, record) {
      if (!batch) return;
      if (record?.kind === 'measured') measured.set(variantId, [...(measured.get(variantId) ?? []), record]);
      if (!order.includes(variantId)) order.push(variantId);
      if (batch.seen.has(variantId)) batch.perRound ??= batch.seen.size;
      batch.seen.add(variantId);
      // Before a variant repeats, the round's size is unknown: the first line waits for it.
      const perRound = batch.perRound ?? (done === total ? total : undefined);
      if (perRound === undefined) return;
      const step = Math.max(perRound, Math.ceil(total / PERCENT_STEPS));
      const steps = done === total ? Number.POSITIVE_INFINITY : Math.floor(done / step);
      if (steps <= batch.stepsShown) return;
      batch.stepsShown = steps;
      const elapsed = now() - batch.startedAt;
      const leftMs = (elapsed / done) * (total - done) + batch.laterMs;
      const left = leftMs > 0 ? `, ~${formatSeconds(leftMs)} left` : '';
      const rounds =
        perRound < total ? `, ${Math.floor(done / perRound)}/${Math.ceil(total / perRound)} rounds done` : '';
      line(`[${done}/${total}] ${label}${rounds} (elapsed ${formatSeconds(elapsed)}${left})`);
    },
    batchEnd() {
      if (grouped) out.groups?.end();
      grouped = false;
      const inBatch = batch?.seen ?? new Set<string>();
      for (const text of cellLines(
        order.filter((id) => inBatch.has(id)),
        measured,
        out.metric,
      ))
        line(text);
      batch = undefined;
    },
  };
}

const TREE_ORDER = ['head', 'base'];

/** `12.3s`, or `4m05s` from a minute on. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}

/**
 * One line per libc/allocator measured in the batch, head before base:
 * `musl/jemalloc: head 12.3 ms, base 11.9 ms · median CPU time of 10 runs each`, in the metric
 * the gate judges.
 */
export function cellLines(
  ids: readonly string[],
  measured: ReadonlyMap<string, RunRecord[]>,
  metric: GatedMetric = 'wall',
): string[] {
  const cells = new Map<string, { tree: string; runs: RunRecord[] }[]>();
  for (const id of ids) {
    const runs = measured.get(id);
    if (!runs || runs.length === 0) continue;
    const cut = id.lastIndexOf('/');
    const [cell, tree] = cut < 0 ? [id, ''] : [id.slice(0, cut), id.slice(cut + 1)];
    cells.set(cell, [...(cells.get(cell) ?? []), { tree, runs }]);
  }
  return [...cells.entries()].map(([cell, unordered]) => {
    const trees = [...unordered].sort((a, b) => TREE_ORDER.indexOf(a.tree) - TREE_ORDER.indexOf(b.tree));
    const paired = trees.length > 1;
    const parts = trees.map(({ tree, runs }) => {
      const ok = runs.filter(isSuccessfulMeasured).map((r) => metricValue(r, metric));
      const time = ok.length > 0 ? formatDuration(median(ok)) : 'no successful run';
      const failed = runs.length - ok.length;
      const failures = failed > 0 ? ` (${failed} of ${runs.length} runs failed)` : '';
      return `${paired ? `${tree} ` : ''}${time}${failures}`;
    });
    const counts = [...new Set(trees.map((t) => t.runs.length))];
    const each = paired ? ' each' : '';
    const runs = counts.length === 1 ? `${counts[0]} run${counts[0] === 1 ? '' : 's'}${each}` : 'its runs';
    return `${cell}: ${parts.join(', ')} · median ${metric === 'cpu' ? 'CPU' : 'wall'} time of ${runs}`;
  });
}
