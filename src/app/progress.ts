// Progress reporting. The CLI draws a live bar on a TTY and prints a few plain lines otherwise;
// the action logs those lines, each batch's in a collapsed group. Both go to stderr-like sinks
// so stdout stays the report.
import type { ProgressSink, RoundsShape } from '../measure/session.js';
import type { GatedMetric } from '../config/config.js';
import { batchTitle, createLogProgress, formatSeconds, type LogGroups } from './log-progress.js';

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
  /** Collapsible sections of a log (the action's job log): each batch's progress lines go in one. */
  groups?: LogGroups;
  /** The gated metric: the time a log's cell lines show. */
  metric?: GatedMetric;
}

/**
 * Progress for a terminal (live bar) or a log (a few lines per batch: log-progress.ts). A batch
 * of measured rounds shows the round and the time left for the whole measurement (this batch at
 * its pace so far, plus the estimate of the environments still to come). Other batches (proof,
 * warm-up) show runs.
 */
export function createProgress(out: ProgressOutput, now: () => number = Date.now): ProgressSink {
  if (!out.isTTY) return createLogProgress(out, now);
  let started = 0;
  let shape: RoundsShape | undefined;
  let lineOpen = false;
  const closeLine = () => {
    if (lineOpen) out.write('\n');
    lineOpen = false;
  };
  return {
    phase(message) {
      closeLine();
      out.write(`${message}\n`);
    },
    batchStart(label, total, rounds) {
      closeLine();
      started = now();
      shape = rounds;
      out.write(`${batchTitle(label, total, rounds)}\n`);
    },
    runDone(_label, done, total, variantId) {
      const elapsed = now() - started;
      const remaining = (done > 0 ? (elapsed / done) * (total - done) : 0) + (shape?.laterMs ?? 0);
      const timing = `elapsed ${formatSeconds(elapsed)}, ~${formatSeconds(remaining)} left`;
      const round = shape ? Math.min(shape.rounds, Math.ceil(done / shape.perRound)) : 0;
      const where = shape ? `round ${round}/${shape.rounds}` : `${done}/${total}`;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      let line = `${bar} ${where} ${variantId} · ${timing}`;
      const columns = out.columns ?? 100;
      if (line.length > columns - 1) line = line.slice(0, columns - 1);
      out.write(`\r\x1b[2K${line}`);
      lineOpen = true;
    },
    batchEnd() {
      closeLine();
      shape = undefined;
    },
  };
}

/** A sink that reports nothing (tests, report mode). */
export const silentProgress: ProgressSink = {
  phase() {},
  batchStart() {},
  runDone() {},
  batchEnd() {},
};
