import { describe, expect, it } from '@jest/globals';
import { createProgress } from '../src/app/progress.js';
import { FakeTerminal } from './fakes/progress-output.js';

function sink(isTTY: boolean) {
  const terminal = new FakeTerminal(isTTY);
  let now = 0;
  const progress = createProgress(terminal, () => now);
  return { progress, written: terminal.written, tick: (ms: number) => (now += ms) };
}

describe('createProgress', () => {
  it('draws one live bar on a terminal, redrawn in place, with the cell, the run count and the time left', () => {
    const { progress, written, tick } = sink(true);
    progress.batchStart('musl: measuring', 4);
    tick(1000);
    progress.runDone('musl: measuring', 1, 4, 'musl/jemalloc/head');
    tick(1000);
    progress.runDone('musl: measuring', 2, 4, 'musl/default/head');
    progress.batchEnd('musl: measuring');
    expect(written[0]).toBe('musl: measuring: 4 runs\n');
    expect(written[1]).toBe(
      '\r\x1b[2K██████░░░░░░░░░░░░░░░░░░ 1/4 musl/jemalloc/head · elapsed 1.0s, ~3.0s left',
    );
    expect(written[2]).toBe(
      '\r\x1b[2K████████████░░░░░░░░░░░░ 2/4 musl/default/head · elapsed 2.0s, ~2.0s left',
    );
    expect(written[3]).toBe('\n');
    for (const line of written.slice(1, 3)) expect(line.length - '\r\x1b[2K'.length).toBeLessThan(80);
  });

  it('prints one plain line per run elsewhere (a log, a pipe)', () => {
    const { progress, written, tick } = sink(false);
    progress.phase('glibc: preparing the environment');
    progress.batchStart('glibc: measuring', 2);
    tick(500);
    progress.runDone('glibc: measuring', 1, 2, 'glibc/default/head');
    progress.batchEnd('glibc: measuring');
    expect(written).toEqual([
      'glibc: preparing the environment\n',
      'glibc: measuring: 2 runs\n',
      '[1/2] glibc: measuring glibc/default/head (elapsed 0.5s, ~0.5s left)\n',
    ]);
    expect(written.join('')).not.toContain('\r');
  });

  it('counts rounds in a batch of rounds, and adds the environments still to come to the time left', () => {
    const { progress, written, tick } = sink(true);
    progress.batchStart('musl: measuring', 6, { rounds: 3, perRound: 2, laterMs: 10_000 });
    tick(1000);
    progress.runDone('musl: measuring', 1, 6, 'musl/je/head');
    tick(1000);
    progress.runDone('musl: measuring', 2, 6, 'musl/de/head');
    expect(written[0]).toBe('musl: measuring: 6 runs (3 rounds of 2)\n');
    // 2 s for 2 runs: 4 s for the 4 runs left, and 10 s for the environments after this one.
    expect(written[2]).toBe(
      '\r\x1b[2K████████░░░░░░░░░░░░░░░░ round 1/3 musl/de/head · elapsed 2.0s, ~14.0s left',
    );
    progress.runDone('musl: measuring', 3, 6, 'musl/default/head');
    expect(written[3]).toContain(' round 2/3 ');
  });

  it('logs a batch of rounds every few rounds rather than every run', () => {
    const { progress, written, tick } = sink(false);
    progress.batchStart('glibc: measuring', 200, { rounds: 100, perRound: 2, laterMs: 0 });
    for (let done = 1; done <= 200; done++) {
      tick(10);
      progress.runDone('glibc: measuring', done, 200, 'glibc/default/head');
    }
    progress.batchEnd('glibc: measuring');
    const lines = written.slice(1);
    // One line every 5 rounds (100 rounds / 20 lines), the last one included.
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('[10/200] glibc: measuring, round 5/100 (elapsed 0.1s, ~1.9s left)\n');
    expect(lines.at(-1)).toBe('[200/200] glibc: measuring, round 100/100 (elapsed 2.0s, ~0.0s left)\n');
  });
});
