import { describe, expect, it } from '@jest/globals';
import { withThousands } from '../src/base/units.js';
import { LogBudget } from '../src/process/output.js';
import { withCommandsStopped } from '../src/executors/docker/command-fence.js';

const limits = { lines: 3, bytes: 1 << 20, tailLines: 2 };

function budgeted(l = limits) {
  const shown: string[] = [];
  return { shown, budget: new LogBudget((line) => shown.push(line), l) };
}

describe('LogBudget', () => {
  it('shows everything, and nothing more at the end, while the output stays within its limits', () => {
    const { shown, budget } = budgeted();
    for (const line of ['a', 'b', 'c']) budget.line(line);
    budget.end();
    expect(shown).toEqual(['a', 'b', 'c']);
  });

  it('past the line limit shows the head, then how much was held back, then the last lines', () => {
    const { shown, budget } = budgeted();
    for (let i = 1; i <= 1000; i++) budget.line(`l${i}`);
    expect(shown).toEqual(['l1', 'l2', 'l3']);
    budget.end();
    // l4 … l998 are held back and not shown; each costs its text and a newline.
    const held = Array.from({ length: 995 }, (_, i) => `l${i + 4}`);
    const bytes = held.reduce((sum, l) => sum + l.length + 1, 0);
    expect(shown).toEqual([
      'l1',
      'l2',
      'l3',
      `[… 995 lines (${withThousands(bytes)} bytes) not shown: the log shows the first 3 lines or 1 MiB (1,048,576 bytes) of this output, then its last 2 lines …]`,
      'l999',
      'l1000',
    ]);
  });

  it('holds back by bytes too, and keeps the head in one piece after the first line held back', () => {
    const { shown, budget } = budgeted({ lines: 100, bytes: 10, tailLines: 1 });
    budget.line('12345'); // 6 bytes with its newline
    budget.line('123456'); // would make 13
    budget.line('1'); // would fit, but the head must not skip a line
    budget.line('last');
    budget.end();
    expect(shown).toEqual([
      '12345',
      '[… 2 lines (9 bytes) not shown: the log shows the first 100 lines or 10 bytes of this output, then its last line …]',
      'last',
    ]);
  });

  it('with fewer held-back lines than the tail, shows them all without a notice', () => {
    const { shown, budget } = budgeted();
    for (const line of ['a', 'b', 'c', 'd']) budget.line(line);
    budget.end();
    expect(shown).toEqual(['a', 'b', 'c', 'd']);
  });

  it('holds a bounded number of lines in memory however long the output', () => {
    const { shown, budget } = budgeted({ lines: 0, bytes: 0, tailLines: 5 });
    for (let i = 0; i < 200_000; i++) budget.line(`x${i}`);
    // The held tail is trimmed in batches: never more than twice the tail.
    expect((budget as unknown as { tail: string[] }).tail.length).toBeLessThan(10);
    budget.end();
    expect(shown.slice(1)).toEqual(['x199995', 'x199996', 'x199997', 'x199998', 'x199999']);
  });
});

describe('withCommandsStopped', () => {
  it('shows the held-back end inside the fence, and closes the fence when the stream throws', async () => {
    const lines: string[] = [];
    const log = { info: (l: string) => lines.push(l), readsCommands: true };
    await expect(
      withCommandsStopped(
        log,
        (line) => {
          for (let i = 1; i <= 5; i++) line(`::error::${i}`);
          return Promise.reject(new Error('setup went away'));
        },
        'tok',
        { lines: 2, bytes: 1 << 20, tailLines: 1 },
      ),
    ).rejects.toThrow('setup went away');
    expect(lines[0]).toBe('::stop-commands::tok');
    expect(lines.slice(1, 3)).toEqual(['::error::1', '::error::2']);
    expect(lines[3]).toMatch(/^\[… 2 lines \(22 bytes\) not shown/);
    expect(lines.slice(4)).toEqual(['::error::5', '::tok::']);
  });

  it('bounds a log that no runner reads as well', async () => {
    const lines: string[] = [];
    await withCommandsStopped(
      { info: (l: string) => lines.push(l) },
      (line) => {
        for (let i = 1; i <= 5; i++) line(`${i}`);
        return Promise.resolve();
      },
      'tok',
      { lines: 1, bytes: 1 << 20, tailLines: 0 },
    );
    expect(lines).toEqual([
      '1',
      '[… 4 lines (8 bytes) not shown: the log shows the first 1 line or 1 MiB (1,048,576 bytes) of this output …]',
    ]);
  });
});
