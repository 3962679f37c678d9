import { describe, expect, it } from '@jest/globals';
import { createProgress } from '../src/app/progress.js';

function sink(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  const progress = createProgress({ write: (t) => written.push(t), isTTY, columns: 80 }, () => now);
  return { progress, written, tick: (ms: number) => (now += ms) };
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
});
