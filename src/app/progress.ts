// Progress reporting. The CLI draws a live bar on a TTY and prints plain lines otherwise; the
// action logs plain lines. Both go to stderr-like sinks so stdout stays the report.
import type { ProgressSink } from '../measure/session.js';

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}

/** Progress for a terminal (live bar) or a log (one line per finished run). */
export function createProgress(out: ProgressOutput, now: () => number = Date.now): ProgressSink {
  let started = 0;
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
    batchStart(label, total) {
      closeLine();
      started = now();
      out.write(`${label}: ${total} runs\n`);
    },
    runDone(label, done, total, variantId) {
      const elapsed = now() - started;
      const remaining = done > 0 ? (elapsed / done) * (total - done) : 0;
      const timing = `elapsed ${formatSeconds(elapsed)}, ~${formatSeconds(remaining)} left`;
      if (out.isTTY) {
        const width = 24;
        const filled = Math.round((done / total) * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        let line = `${bar} ${done}/${total} ${variantId} · ${timing}`;
        const columns = out.columns ?? 100;
        if (line.length > columns - 1) line = line.slice(0, columns - 1);
        out.write(`\r\x1b[2K${line}`);
        lineOpen = true;
      } else {
        out.write(`[${done}/${total}] ${label} ${variantId} (${timing})\n`);
      }
    },
    batchEnd() {
      closeLine();
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
