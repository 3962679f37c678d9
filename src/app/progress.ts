// Progress reporting. The CLI draws a live bar on a TTY and prints a few plain lines otherwise;
// the action logs those lines, each batch's in a collapsed group. Both go to stderr-like sinks
// so stdout stays the report.
import type { ProgressSink } from '../measure/session.js';
import { createLogProgress, type LogGroups } from './log-progress.js';

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
  /** Collapsible sections of a log (the action's job log): each batch's progress lines go in one. */
  groups?: LogGroups;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}

/** Progress for a terminal (live bar) or a log (a few lines per batch: log-progress.ts). */
export function createProgress(out: ProgressOutput, now: () => number = Date.now): ProgressSink {
  if (!out.isTTY) return createLogProgress(out, now);
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
    runDone(_label, done, total, variantId) {
      const elapsed = now() - started;
      const remaining = done > 0 ? (elapsed / done) * (total - done) : 0;
      const timing = `elapsed ${formatSeconds(elapsed)}, ~${formatSeconds(remaining)} left`;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      let line = `${bar} ${done}/${total} ${variantId} · ${timing}`;
      const columns = out.columns ?? 100;
      if (line.length > columns - 1) line = line.slice(0, columns - 1);
      out.write(`\r\x1b[2K${line}`);
      lineOpen = true;
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
