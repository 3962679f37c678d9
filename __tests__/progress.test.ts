import { describe, expect, it } from '@jest/globals';
import { createLogProgress } from '../src/app/log-progress.js';
import { createProgress } from '../src/app/progress.js';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import { MeasurementSession } from '../src/measure/session.js';
import type { RunRecord } from '../src/results/model.js';
import { FakeExecutor } from './fakes/executor.js';
import { FakeTerminal } from './fakes/progress-output.js';

function sink(isTTY: boolean) {
  const terminal = new FakeTerminal(isTTY);
  let now = 0;
  const progress = createProgress(terminal, () => now);
  return { progress, written: terminal.written, tick: (ms: number) => (now += ms) };
}

function run(kind: RunRecord['kind'], wallMs = 10, exitCode = 0): RunRecord {
  return {
    kind,
    round: kind === 'measured' ? 0 : -1,
    position: 0,
    outcome: 'exited',
    exitCode,
    signal: null,
    wallMs,
    userMs: wallMs,
    sysMs: 0,
    maxRssKiB: 1000,
  };
}

function config(over: Partial<Record<InputName, string>>): Config {
  const inputs: Partial<Record<InputName, string>> = { run: './bench', seed: '3', ...over };
  return parseConfig((name) => inputs[name], { label: (n) => n, randomSeed: () => 0 });
}

/** Everything a real session reports for a matrix, through a log sink, as the log's lines. */
async function logOf(cfg: Config, paired: boolean, grouped: boolean): Promise<string[]> {
  const lines: string[] = [];
  const groups = grouped
    ? { start: (title: string) => lines.push(`::group::${title}`), end: () => lines.push('::endgroup::') }
    : undefined;
  const progress = createProgress({
    write: (text) => lines.push(...text.replace(/\n$/, '').split('\n')),
    isTTY: false,
    ...(groups ? { groups } : {}),
  });
  const session = new MeasurementSession({
    config: cfg,
    trees: paired ? { head: '/ws', base: '/base' } : { head: '/ws' },
    executor: new FakeExecutor(),
    progress,
    libcs: cfg.libcs,
  });
  await session.prepare();
  await session.measure();
  await session.close();
  return lines;
}

/** The lines a reader sees without opening a group. */
function outsideGroups(lines: string[]): string[] {
  let depth = 0;
  return lines.filter((line) => {
    if (line.startsWith('::group::')) depth += 1;
    else if (line === '::endgroup::') depth -= 1;
    return depth === 0 && !line.startsWith('::');
  });
}

describe('createProgress on a terminal', () => {
  it('draws one live bar, redrawn in place, with the cell, the run count and the time left', () => {
    const { progress, written, tick } = sink(true);
    progress.batchStart('musl: measuring', 4);
    tick(1000);
    progress.runDone('musl: measuring', 1, 4, 'musl/jemalloc/head', run('measured'));
    tick(1000);
    progress.runDone('musl: measuring', 2, 4, 'musl/default/head', run('measured'));
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

  it('leaves the calibration probe out of the runs it announces: a step of each round, not a run', () => {
    const { progress, written } = sink(true);
    progress.batchStart('glibc: measuring', 9, { rounds: 3, perRound: 3, probe: true, laterMs: 0 });
    expect(written[0]).toBe('glibc: measuring: 6 runs in 3 rounds, each with the calibration probe\n');
  });

  it('counts rounds in a batch of rounds, and adds the environments still to come to the time left', () => {
    const { progress, written, tick } = sink(true);
    progress.batchStart('musl: measuring', 6, { rounds: 3, perRound: 2, laterMs: 10_000 });
    tick(1000);
    progress.runDone('musl: measuring', 1, 6, 'musl/je/head', run('measured'));
    tick(1000);
    progress.runDone('musl: measuring', 2, 6, 'musl/de/head', run('measured'));
    expect(written[0]).toBe('musl: measuring: 6 runs in 3 rounds\n');
    // 2 s for 2 runs: 4 s for the 4 runs left, and 10 s for the environments after this one.
    expect(written[2]).toBe(
      '\r\x1b[2K████████░░░░░░░░░░░░░░░░ round 1/3 musl/de/head · elapsed 2.0s, ~14.0s left',
    );
    progress.runDone('musl: measuring', 3, 6, 'musl/default/head', run('measured'));
    expect(written[3]).toContain(' round 2/3 ');
  });
});

describe('createProgress in a log', () => {
  it('prints a line per round when rounds are rarer than tenths, then each cell’s result', () => {
    const { progress, written, tick } = sink(false);
    progress.phase('glibc: preparing the environment');
    progress.batchStart('glibc: measuring', 6);
    const ids = ['glibc/default/head', 'glibc/jemalloc/head'];
    for (let done = 1; done <= 6; done++) {
      tick(500);
      const id = ids[done % 2];
      progress.runDone('glibc: measuring', done, 6, id, run('measured', id.includes('jemalloc') ? 8 : 12));
    }
    progress.batchEnd('glibc: measuring');
    expect(written).toEqual([
      'glibc: preparing the environment\n',
      'glibc: measuring: 6 runs\n',
      // A round is two runs; its size is known once the first variant repeats.
      '[3/6] glibc: measuring, 1/3 rounds done (elapsed 1.5s, ~1.5s left)\n',
      '[4/6] glibc: measuring, 2/3 rounds done (elapsed 2.0s, ~1.0s left)\n',
      '[6/6] glibc: measuring, 3/3 rounds done (elapsed 3.0s)\n',
      'glibc/jemalloc: 8.00 ms · median wall time of 3 runs\n',
      'glibc/default: 12.0 ms · median wall time of 3 runs\n',
    ]);
    expect(written.join('')).not.toContain('\r');
  });

  it('prints every tenth of a long batch when the session gives its shape, and counts failed runs', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = createLogProgress({ write: (t) => lines.push(t.trimEnd()) }, () => now);
    progress.batchStart('musl: measuring', 100, { rounds: 50, perRound: 2, laterMs: 30_000 });
    for (let done = 1; done <= 100; done++) {
      now += 100;
      const id = done % 2 === 0 ? 'musl/jemalloc/head' : 'musl/jemalloc/base';
      progress.runDone('musl: measuring', done, 100, id, run('measured', 10, done === 7 ? 1 : 0));
    }
    progress.batchEnd('musl: measuring');
    const steps = lines.filter((l) => l.startsWith('['));
    expect(steps.map((l) => l.split(']')[0])).toEqual(
      ['10', '20', '30', '40', '50', '60', '70', '80', '90', '100'].map((n) => `[${n}/100`),
    );
    // 1 s for 10 runs: 9 s for the 90 runs left, and 30 s for the environments after this one.
    expect(steps[0]).toBe('[10/100] musl: measuring, 5/50 rounds done (elapsed 1.0s, ~39.0s left)');
    expect(steps.at(-1)).toBe('[100/100] musl: measuring, 50/50 rounds done (elapsed 10.0s, ~30.0s left)');
    expect(lines.at(-1)).toBe(
      'musl/jemalloc: head 10.0 ms, base 10.0 ms (1 of 50 runs failed) · median wall time of 50 runs each',
    );
  });

  it('shows the CPU time of each cell when the gate judges CPU time', () => {
    const lines: string[] = [];
    const progress = createLogProgress({ write: (t) => lines.push(t.trimEnd()), metric: 'cpu' }, () => 0);
    progress.batchStart('musl: measuring', 3);
    // 20 ms of wall time, of which 6 ms user and 2 ms system: a benchmark that mostly waits.
    for (let done = 1; done <= 3; done++) {
      const waiting = { ...run('measured', 20), userMs: 6, sysMs: 2 };
      progress.runDone('musl: measuring', done, 3, 'musl/default/head', waiting);
    }
    progress.batchEnd('musl: measuring');
    expect(lines.at(-1)).toBe('musl/default: 8.00 ms · median CPU time of 3 runs');
  });

  it('keeps a full paired matrix to a few dozen lines, the progress in a collapsed group per batch', async () => {
    // 2 libcs × 5 allocators × 2 trees × (1 proof + 10 rounds): 220 runs, which used to be 220 lines.
    const cfg = config({ libcs: 'musl,glibc', runs: '10', warmup: '1' });
    expect(cfg.allocators).toHaveLength(5);
    const plain = await logOf(cfg, true, false);
    expect(plain.length).toBeLessThanOrEqual(40);
    const steps = plain.filter((l) => /^\[\d+\/\d+\]/.test(l));
    // Per libc: the proof batch once at its end, the measured rounds once per round.
    expect(steps.filter((l) => l.includes('musl: measuring'))).toHaveLength(10);
    expect(steps.filter((l) => l.includes('musl: proving'))).toHaveLength(1);
    const results = plain.filter((l) => l.includes('median wall time'));
    expect(results).toHaveLength(10);
    // In the order of the allocators, head before base.
    expect(results.slice(5)).toEqual(
      ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'].map(
        (a) => `glibc/${a}: head 10.0 ms, base 10.0 ms · median wall time of 10 runs each`,
      ),
    );

    const grouped = await logOf(cfg, true, true);
    expect(grouped.filter((l) => l.startsWith('::group::'))).toEqual([
      // Every environment is proven before any is measured: the rounds are sized from the proofs.
      '::group::musl: proving preloads: 10 runs',
      '::group::glibc: proving preloads: 10 runs',
      // 10 rounds of 10 cells, and the calibration probe once in each: 110 steps.
      '::group::musl: measuring: 100 runs in 10 rounds, each with the calibration probe',
      '::group::glibc: measuring: 100 runs in 10 rounds, each with the calibration probe',
    ]);
    const visible = outsideGroups(grouped);
    expect(visible.filter((l) => /^\[\d+\/\d+\]/.test(l))).toEqual([]);
    expect(visible.filter((l) => l.includes('median wall time'))).toHaveLength(10);
    expect(visible.length).toBeLessThanOrEqual(12);
  });

  it('names each cell of an unpaired matrix once, without its tree', async () => {
    const lines = await logOf(
      config({ libcs: 'musl', allocators: 'default,jemalloc', runs: '3' }),
      false,
      false,
    );
    expect(lines.filter((l) => l.includes('median wall time'))).toEqual([
      'musl/default: 10.0 ms · median wall time of 3 runs',
      'musl/jemalloc: 10.0 ms · median wall time of 3 runs',
    ]);
  });
});
