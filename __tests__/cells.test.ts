import { describe, expect, it } from '@jest/globals';
import { describeFailure, slowFirstRunWarning, statusFromRuns } from '../src/results/runs.js';
import type { RunRecord } from '../src/results/model.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { allOkResults } from './fixtures/results.js';

function run(round: number, wallMs: number, over: Partial<RunRecord> = {}): RunRecord {
  return {
    kind: 'measured',
    round,
    position: 0,
    outcome: 'exited',
    exitCode: 0,
    signal: null,
    wallMs,
    userMs: wallMs,
    sysMs: 0,
    maxRssKiB: 1000,
    ...over,
  };
}

describe('statusFromRuns', () => {
  it('is ok when every measured run succeeded', () => {
    expect(statusFromRuns([run(0, 10), run(1, 11)])).toEqual({ status: 'ok', failedRuns: 0 });
  });
  it('is partial, with the count and the cause, when some runs failed', () => {
    const judged = statusFromRuns([run(0, 10), run(1, 10, { exitCode: 1 }), run(2, 10)]);
    expect(judged).toEqual({ status: 'partial', reason: '1/3 runs failed: 1× exit code 1', failedRuns: 1 });
  });
  it('names the signal of a crash in every run', () => {
    const crash = { outcome: 'signaled' as const, exitCode: null, signal: 11 };
    expect(statusFromRuns([run(0, 1, crash), run(1, 1, crash)])).toEqual({
      status: 'failed',
      reason: 'signal 11 (SIGSEGV)',
      failedRuns: 2,
    });
  });
  it('prefers oom and timeout statuses when every run ended that way', () => {
    expect(statusFromRuns([run(0, 1, { outcome: 'timeout', exitCode: null })]).status).toBe('timeout');
    expect(statusFromRuns([run(0, 1, { outcome: 'oom', exitCode: null, signal: 9 })]).status).toBe('oom');
    expect(describeFailure(run(0, 1, { outcome: 'exec-error', error: 'exec ./x: No such file' }))).toBe(
      'could not start: exec ./x: No such file',
    );
  });
});

describe('slowFirstRunWarning', () => {
  const steady = [20, 20.2, 19.9, 20.1, 20, 19.8, 20.3, 20.1].map((w, i) => run(i + 1, w));

  it('says when the first measured run is far slower than the rest', () => {
    const warning = slowFirstRunWarning([run(0, 61), ...steady], 0);
    expect(warning).toMatch(/^slow first run: the first measured run took 3\.0× the median of the others/);
    expect(warning).toContain('set warmup to 1 or more');
    expect(slowFirstRunWarning([run(0, 61), ...steady], 2)).toContain('more than 2 warm-up run(s)');
  });

  it('stays quiet for a first run within the noise, a slow run later on, or too few runs', () => {
    expect(slowFirstRunWarning([run(0, 20.4), ...steady], 0)).toBeUndefined();
    expect(slowFirstRunWarning([run(0, 20), ...steady, run(9, 70)], 0)).toBeUndefined();
    expect(slowFirstRunWarning([run(0, 70), run(1, 20), run(2, 20)], 0)).toBeUndefined();
  });

  it('reaches the report', () => {
    const results = allOkResults();
    results.cells[0].warnings = ['slow first run: the first measured run took 3.0× the median of the others'];
    const markdown = renderMarkdown(results);
    expect(markdown).toContain(
      `> ⚠️ ${results.cells[0].libc} / ${results.cells[0].allocator}: slow first run: the first measured run took 3.0×`,
    );
  });
});
