// Pure: what a cell's runs add up to. Turns run records into a status and a reason that the
// report can show verbatim, and decides which runs count as successful samples.
import type { CellStatus, RunRecord } from './model.js';
import { isSuccessfulRun, median, modifiedZScores } from '../analysis/stats.js';

const SIGNAL_NAMES: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

export function cellKey(libc: string, allocator: string, tree: string): string {
  return `${libc}/${allocator}/${tree}`;
}

/** A short description of how one unsuccessful run ended, e.g. `signal 11 (SIGSEGV)`. */
export function describeFailure(run: RunRecord): string {
  switch (run.outcome) {
    case 'signaled': {
      const name = run.signal === null ? undefined : SIGNAL_NAMES[run.signal];
      return `signal ${run.signal ?? '?'}${name ? ` (${name})` : ''}`;
    }
    case 'timeout':
      return 'timed out';
    case 'oom':
      return 'killed by the OOM killer (memory-limit)';
    case 'exec-error':
      return `could not start: ${run.error ?? 'exec failed'}`;
    case 'exited':
      return `exit code ${run.exitCode ?? '?'}`;
  }
}

/** The status of a cell from its measured runs (proof and warm-up runs are not judged here). */
export function statusFromRuns(measured: RunRecord[]): {
  status: CellStatus;
  reason?: string;
  failedRuns: number;
} {
  const failures = measured.filter((r) => !isSuccessfulRun(r));
  if (measured.length === 0) return { status: 'failed', reason: 'no run was measured', failedRuns: 0 };
  if (failures.length === 0) return { status: 'ok', failedRuns: 0 };
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(describeFailure(f), (counts.get(describeFailure(f)) ?? 0) + 1);
  const detail = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => (counts.size > 1 || failures.length < measured.length ? `${n}× ${what}` : what))
    .join(', ');
  if (failures.length < measured.length) {
    return {
      status: 'partial',
      reason: `${failures.length}/${measured.length} runs failed: ${detail}`,
      failedRuns: failures.length,
    };
  }
  const outcomes = new Set(failures.map((f) => f.outcome));
  let status: CellStatus = 'failed';
  if (outcomes.has('oom')) status = 'oom';
  else if (outcomes.size === 1 && outcomes.has('timeout')) status = 'timeout';
  const reason = status === 'timeout' ? `every run exceeded the timeout` : detail;
  return { status, reason, failedRuns: failures.length };
}

/**
 * A first measured run far slower than the rest usually means cold caches, page faults of a
 * fresh binary or a CPU still ramping up: not the allocator. It stays in the statistics (it is
 * flagged as an outlier there); this says so in words, with the fix.
 */
export function slowFirstRunWarning(measured: RunRecord[], warmup: number): string | undefined {
  const ok = measured.filter(isSuccessfulRun).sort((a, b) => a.round - b.round);
  if (ok.length < 4) return undefined;
  const walls = ok.map((r) => r.wallMs);
  const first = walls[0];
  const rest = median(walls.slice(1));
  const z = modifiedZScores(walls)[0];
  if (!(rest > 0) || first < 1.5 * rest || z <= 3.5) return undefined;
  const advice = warmup === 0 ? 'set warmup to 1 or more' : `consider more than ${warmup} warm-up run(s)`;
  return `slow first run: the first measured run took ${(first / rest).toFixed(1)}× the median of the others (${advice})`;
}
