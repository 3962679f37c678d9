// Progress reporting. The CLI draws a live bar on a TTY and prints plain lines otherwise; the
// action logs plain lines. Both go to stderr-like sinks so stdout stays the report.
import type { ProgressSink, RoundsShape } from '../measure/session.js';

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

/** Plain (log) output prints about this many lines per batch of rounds, not one per run. */
const LOG_LINES_PER_BATCH = 20;

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}

/**
 * Progress for a terminal (live bar) or a log. A batch of measured rounds shows the round and
 * the time left for the whole measurement (this batch at its pace so far, plus the estimate of
 * the environments still to come); a log gets a line every few rounds. Other batches (proof,
 * warm-up) show runs, and a log gets one line per run.
 */
export function createProgress(out: ProgressOutput, now: () => number = Date.now): ProgressSink {
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
      const detail = rounds ? ` (${rounds.rounds} rounds of ${rounds.perRound})` : '';
      out.write(`${label}: ${total} runs${detail}\n`);
    },
    runDone(label, done, total, variantId) {
      const elapsed = now() - started;
      const remaining = (done > 0 ? (elapsed / done) * (total - done) : 0) + (shape?.laterMs ?? 0);
      const timing = `elapsed ${formatSeconds(elapsed)}, ~${formatSeconds(remaining)} left`;
      const round = shape ? Math.min(shape.rounds, Math.ceil(done / shape.perRound)) : 0;
      const where = shape ? `round ${round}/${shape.rounds}` : `${done}/${total}`;
      if (out.isTTY) {
        const width = 24;
        const filled = Math.round((done / total) * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        let line = `${bar} ${where} ${variantId} · ${timing}`;
        const columns = out.columns ?? 100;
        if (line.length > columns - 1) line = line.slice(0, columns - 1);
        out.write(`\r\x1b[2K${line}`);
        lineOpen = true;
      } else if (!shape) {
        out.write(`[${done}/${total}] ${label} ${variantId} (${timing})\n`);
      } else {
        const every = Math.max(1, Math.ceil(shape.rounds / LOG_LINES_PER_BATCH));
        const roundEnds = done % shape.perRound === 0;
        if (done === total || (roundEnds && round % every === 0)) {
          out.write(`[${done}/${total}] ${label}, ${where} (${timing})\n`);
        }
      }
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
