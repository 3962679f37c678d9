import { describe, expect, test } from '@jest/globals';
import { renderTerminal } from '../src/report/terminal.js';
import { allOkResults, mixedResults, unavailableCell, withPairedBaseline } from './fixtures/results.js';

const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderTerminal', () => {
  test('libc rows × allocator columns: wall time with change, then peak RSS, then a footer', () => {
    const out = renderTerminal(mixedResults(), { color: false });
    expect(out).toMatchSnapshot();
    const lines = out.split('\n');
    expect(lines[0]).toMatch(
      /^libc\s+default\s+mimalloc\s+mimalloc-secure\s+jemalloc\s+rpmalloc\s+tcmalloc$/,
    );
    expect(lines[1]).toMatch(
      /^musl\s+683 ms\s+451 ms −34%\s+402 ms −41% \(partial\)\s+failed: signal 11 \(SIGSEGV\)\s+unavailable: rpmalloc/,
    );
    expect(lines[2]).toMatch(/^\s+13\.9 MiB\s+16\.5 MiB\s+8\.89 MiB$/);
    expect(lines[3]).toMatch(/timeout: every run exceeded 60 s\s+470 ms −8\.2%.*oom$/);
    expect(out).toContain('10 runs per cell, 1 warm-up · seed 424242 · executor docker');
    expect(out).not.toMatch(ANSI);
  });

  test('columns are right-aligned to the same end on every line', () => {
    const lines = renderTerminal(allOkResults(), { color: false }).split('\n').slice(0, 5);
    const width = (line: string) => [...line].length;
    expect(new Set(lines.map(width)).size).toBe(1);
    const defaultEnd = width(lines[0].slice(0, lines[0].indexOf('default') + 'default'.length));
    expect(width(lines[1].slice(0, lines[1].indexOf('500 ms') + '500 ms'.length))).toBe(defaultEnd);
    expect(width(lines[2].slice(0, lines[2].indexOf('11.7 MiB') + '11.7 MiB'.length))).toBe(defaultEnd);
  });

  test('colour marks the fastest cell green and statuses yellow, and aligns like plain text', () => {
    const plain = renderTerminal(mixedResults(), { color: false });
    const colored = renderTerminal(mixedResults(), { color: true });
    expect(colored.replace(ANSI, '')).toBe(plain);
    expect(colored).toContain('\u001b[32m451 ms −34%\u001b[0m');
    expect(colored).toContain('\u001b[33mfailed: signal 11 (SIGSEGV)\u001b[0m');
  });

  test('slower than default is red', () => {
    const results = allOkResults(['default', 'jemalloc', 'mimalloc']);
    expect(renderTerminal(results, { color: true })).toContain('\u001b[31m507 ms +1.4%\u001b[0m');
  });

  test('lists baseline verdicts other than unchanged', () => {
    const out = renderTerminal(withPairedBaseline(mixedResults()), { color: false });
    expect(out).toContain('  musl/mimalloc wall: regressed +7.2% [+5.1, +9.5]');
    expect(out).toContain('  glibc/default wall: improved −12% [−14, −9.4]');
    expect(out).not.toContain('musl/default wall');
  });

  test('heads the verdicts with the all-cells one, whatever it is', () => {
    const results = withPairedBaseline(mixedResults());
    results.matrix = {
      metric: 'wall',
      verdict: 'unchanged',
      change: 0.004,
      interval: [-0.01, 0.02],
      paired: true,
      cells: 8,
    };
    const out = renderTerminal(results, { color: false });
    expect(out).toContain(
      'against the baseline:\n  all 8 cells together wall: unchanged +0.4% [−1.0, +2.0]\n',
    );
  });

  test('strips escape sequences from names and reasons', () => {
    const results = mixedResults();
    results.cells.push(
      unavailableCell('musl', 'evil\u001b[2Jalloc', 'bad\u001b]0;title\u0007 reason\nsecond line'),
    );
    results.config.allocators.push({ name: 'evil\u001b[2Jalloc', kind: 'custom', path: '/x.so' });
    const out = renderTerminal(results, { color: false });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('evilalloc');
  });
});

describe('renderTerminal against a revision', () => {
  test('names the revision, its commit and the working tree’s, dirty or not', () => {
    const paired = withPairedBaseline(allOkResults());
    const results = {
      ...paired,
      baseline: { ...paired.baseline!, ref: 'HEAD~1' },
      git: { ...paired.git, dirty: true },
    };
    expect(renderTerminal(results, { color: false })).toContain(
      'baseline HEAD~1 (abc1234def56), paired · head f00dfeed1234 with uncommitted changes',
    );
    expect(renderTerminal(paired, { color: false })).not.toContain('baseline HEAD~1');
  });
});
