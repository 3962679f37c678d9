import { describe, expect, test } from '@jest/globals';
import type { Results } from '../src/results/model.js';
import { wallChartBars, renderWallChart } from '../src/report/chart.js';
import { ZERO_WIDTH_SPACE } from '../src/report/escape.js';
import { renderMarkdown, reportMarker } from '../src/report/markdown.js';
import { installHint } from '../src/report/reproduce.js';
import {
  ALLOCATORS,
  allOkResults,
  environment,
  failingCell,
  mixedResults,
  okCell,
  segfault,
  withCachedBaseline,
  withCachedHistory,
  withPairedBaseline,
} from './fixtures/results.js';

const REPRODUCE = 'malloc-matrix --libc musl,glibc --runs 10 --seed 424242 -- ./bench';

/** The markdown table rows whose first cell is the given libc. */
function row(md: string, libc: string, tableTitle: string): string[] {
  const section = md.slice(md.indexOf(tableTitle));
  const line = section.split('\n').find((l) => l.startsWith(`| **${libc}** |`));
  if (!line) throw new Error(`no ${libc} row under ${tableTitle}`);
  return line.split(' | ').slice(1);
}

function hostileResults(): Results {
  const results = mixedResults();
  const hostile =
    'x'.repeat(1_000_000) +
    '\n```\n</details>\n@octocat please look\n````` fence\n' +
    '`'.repeat(40) +
    '\nSegmentation fault\n';
  results.name = 'parse | <script>alert(1)</script> `tick` @octocat #12';
  results.cells.push({
    ...failingCell('glibc', EVIL_ALLOCATOR, 'failed', (i) => ({
      ...segfault(i),
      outputTail: hostile,
    })),
    reason: 'crashed | with <img src=x> and `ticks` for @octocat in #42',
  });
  results.config.allocators.push({ name: EVIL_ALLOCATOR, kind: 'custom', path: '/opt/libevil.so' });
  return results;
}

const EVIL_ALLOCATOR = 'evil|<b>alloc</b>`x`';
const MANY = Array.from({ length: 200 }, (_, i) => `custom-allocator-with-a-long-name-${i}`);
/** The column titles of manyAllocators(), escaped as the tables show them. */
const EVIL_COLUMN = 'evil\\|&lt;b&gt;alloc&lt;/b&gt;&#96;x&#96;';
const MANY_COLUMNS = [...ALLOCATORS, EVIL_COLUMN, ...MANY];

/** The hostile results with 200 more allocators: fast on musl, crashing with 1 MB of output on glibc. */
function manyAllocators(): Results {
  const results = hostileResults();
  MANY.forEach((name, i) => {
    results.config.allocators.push({ name, kind: 'custom', path: `/opt/lib${i}.so` });
    results.cells.push(okCell('musl', name, 300 + i, 10_000 + i));
    results.cells.push({
      ...failingCell('glibc', name, 'failed', segfault),
      runs: failingCell('glibc', name, 'failed', () => ({
        ...segfault(0),
        outputTail: 'y'.repeat(1_000_000),
      })).runs,
    });
  });
  return results;
}

/** The cells of a markdown table line `| a | b |`; an escaped `\\|` inside a cell stays. */
function cellsOf(line: string): string[] {
  expect(line).toMatch(/^\| .* \|$/);
  return line.slice(2, -2).split(' | ');
}

describe('renderMarkdown', () => {
  test('every status, no baseline', () => {
    const md = renderMarkdown(mixedResults(), { reproduceCommand: REPRODUCE });
    expect(md).toMatchSnapshot();
    expect(md.split('\n')[0]).toBe(reportMarker('json-parse'));
    expect(md).toContain('ℹ️ No baseline given: allocator comparison only · 12 cells');
    const musl = row(md, 'musl', '### Wall time');
    expect(musl[0]).toBe('683 ms ±1.1%');
    expect(musl[1]).toBe('**451 ms ±1.1% · −34%**');
    expect(musl[2]).toBe('402 ms ±1.1% · −41% ⚠️ _partial: 3/10 runs failed_');
    expect(musl[3]).toBe('_failed: signal 11 (SIGSEGV)_');
    expect(musl[4]).toBe('_unavailable: rpmalloc has no aarch64 build_');
    expect(musl[5]).toMatch(/^_not-applied: bench is statically linked/);
    const glibc = row(md, 'glibc', '### Wall time');
    expect(glibc[2]).toBe('_timeout: every run exceeded 60 s_');
    expect(glibc[5]).toBe('_oom_ |');
    for (const status of ['partial', 'failed', 'timeout', 'oom', 'unavailable', 'not-applied']) {
      expect(md).toContain(`- \`${status}\`: `);
    }
    expect(md).toContain('```text\n' + installHint('0.1.0') + '\n' + REPRODUCE + '\n```');
    expect(md).toContain(
      '<details><summary>Output of the first failed run: musl / jemalloc — signal 11 (SIGSEGV)</summary>',
    );
  });

  test('the lowest median of each row is bold, in both tables', () => {
    const md = renderMarkdown(allOkResults(['default', 'jemalloc', 'mimalloc']));
    for (const libc of ['musl', 'glibc']) {
      const wall = row(md, libc, '### Wall time');
      expect(wall.filter((c) => c.startsWith('**'))).toHaveLength(1);
      expect(wall[2]).toMatch(/^\*\*400 ms/);
      const rss = row(md, libc, '### Peak RSS');
      expect(rss[0]).toMatch(/^\*\*11\.7 MiB/);
    }
  });

  test('a paired baseline: verdict, comparison table and method', () => {
    const md = renderMarkdown(withPairedBaseline(mixedResults()));
    expect(md).toMatchSnapshot();
    expect(md).toContain('❌ 2 cells regressed against base (abc1234)');
    expect(md).toContain(
      '| musl / mimalloc | +7.2% [+5.1, +9.5] 🔴 regressed | +0.1% [0.0, +0.2] ⚪ unchanged |',
    );
    expect(md).toContain('| glibc / default | −12% [−14, −9.4] 🟢 improved | — |');
    expect(md).toContain('🟡 inconclusive');
    expect(md).toContain('➖ not comparable: partial: 3/10 runs failed');
    expect(md).toContain('**paired**');
  });

  test('the all-cells verdict heads the report and the comparison table, with its legend', () => {
    const results = withPairedBaseline(mixedResults());
    results.matrix = {
      metric: 'wall',
      verdict: 'regressed',
      change: 0.098,
      interval: [0.079, 0.118],
      pValue: 0.0001,
      paired: true,
      cells: 8,
    };
    const md = renderMarkdown(results);
    expect(md).toContain('❌ 2 cells regressed against base (abc1234) · all cells: +9.8% [+7.9, +12] 🔴 · ');
    expect(md).toContain('| **all 8 cells together** | +9.8% [+7.9, +12] 🔴 regressed | — |');
    expect(md).toContain('_**All cells together** is one test of the change shared by every compared cell');

    results.comparisons = results.comparisons!.map((c) =>
      c.verdict === 'regressed' ? { ...c, verdict: 'inconclusive' as const } : c,
    );
    expect(renderMarkdown(results)).toContain(
      '❌ All cells together regressed against base (abc1234) · all cells: +9.8% [+7.9, +12] 🔴 · ',
    );
    results.matrix = { ...results.matrix, verdict: 'inconclusive', interval: [0.03, 0.07], change: 0.05 };
    expect(renderMarkdown(results)).toContain(
      '🟡 No regression proven against base (abc1234) · all cells: +5.0% [+3.0, +7.0] 🟡 · ',
    );
  });

  test('all cells together name the cells left out of them, escaped', () => {
    const results = withCachedHistory(allOkResults());
    results.matrix = {
      metric: 'cpu',
      verdict: 'regressed',
      change: 0.12,
      interval: [0.08, 0.16],
      pValue: 0.001,
      paired: false,
      cells: 7,
      leftOut: ['musl/default'],
    };
    expect(renderMarkdown(results)).toContain(
      '| **all 7 cells together** (without musl/default: its share of system time moved) |',
    );
    results.matrix = { ...results.matrix, cells: 6, leftOut: ['musl/default', 'glibc/<b>x|y'] };
    expect(renderMarkdown(results)).toContain(
      '| **all 6 cells together** (without musl/default, glibc/&lt;b&gt;x\\|y: their share of system time moved) |',
    );
  });

  test('rounds sized from the pilot runs, and what max-time cut', () => {
    const results = allOkResults();
    results.sizing = {
      mode: 'auto',
      minRuns: 10,
      minTimeMs: 3000,
      maxRuns: 200,
      maxTimeMs: 120_000,
      environments: [
        { libc: 'musl', rounds: 150, pilotMs: {} },
        { libc: 'glibc', rounds: 120, wanted: 200, pilotMs: {}, extraRounds: 120 },
      ],
      trimmed: 'max-time 2m00s left 1m40s for measuring, 2m10s wanted: rounds kept: glibc 120 of 200',
    };
    const md = renderMarkdown(results);
    expect(md).toContain(
      '> ⏱️ Fewer rounds than wanted: max-time 2m00s left 1m40s for measuring, 2m10s wanted: rounds kept: glibc 120 of 200.',
    );
    expect(md).toContain('### Wall time (median of 150 (musl) / 120 (glibc) runs)');
    expect(md).toContain(
      '| runs per cell | 150 (musl) / 120 (glibc) measured (runs: auto: each cell ≥ 3s per tree, 10 to 200 rounds, max-time 2m), 120 more in glibc to re-measure inconclusive cells, 1 warm-up, in interleaved rounds |',
    );
  });

  test('a cross-run baseline names its commit and age', () => {
    const md = renderMarkdown(withCachedBaseline(allOkResults()));
    expect(md).toMatchSnapshot();
    expect(md).toContain('✅ No regression against cached results of abc1234 · 6 cells · 1 cell improved');
    expect(md).toContain('recorded 3 days earlier, **cross-run**');
    expect(md).toContain('➖ not comparable: CPU model differs: baseline ran on Ampere Altra');
  });

  test('a cross-run comparison says what its history and the calibration probe did', () => {
    const md = renderMarkdown(withCachedHistory(allOkResults()));
    expect(md).toContain(
      "Each change is judged against the spread between the last 3 stored runs: it must pass the threshold by more than that spread. 1 stored run was left out: another machine or environment. Times are divided by the calibration probe of the same round. This machine ran the calibration probe 14% slower than the stored runs'. A benchmark need not follow the probe exactly, so each change must pass the threshold by a quarter of that (4%) more.",
    );
    expect(md).toContain("_Change is head ÷ the stored runs' mean − 1");
  });

  test('a stored run left out in some places only is told apart from one left out as a whole', () => {
    const results = withCachedHistory(allOkResults());
    const history = results.baseline!.history!;
    const partly = (i: number, places: string[]) => ({
      ...history[i],
      excluded: `${places.join(', ')}: image digest differs`,
      excludedPlaces: places,
    });
    const md = renderMarkdown({
      ...results,
      baseline: {
        ...results.baseline!,
        history: [partly(0, ['musl']), history[1], partly(2, ['glibc', 'musl']), history[3]],
      },
    });
    // The trend draws only the stored runs that count everywhere (README).
    expect(md).toContain('  x-axis ["aaaaaaa", "this run"]');
    // Each place with its own count: the two runs were left out in different places.
    expect(md).toContain(
      '1 stored run was left out: another machine or environment. 2 stored runs were left out in some places only: 2 in musl, 1 in glibc (another machine or environment there); each counts in its other places.',
    );
    const one = renderMarkdown({
      ...results,
      baseline: { ...results.baseline!, history: [partly(0, ['musl']), history[2], history[3]] },
    });
    expect(one).toContain(
      '1 stored run was left out only in musl (another machine or environment there); it counts in the other places.',
    );
    expect(one).not.toContain('stored run was left out: another machine');
    // Results whose rows name their architecture (a merge of shards): a place on this run's host
    // (arm64 here) is named with it, as the rows are.
    const arches = {
      ...results,
      cells: results.cells.map((c) => (c.libc === 'glibc' ? { ...c, arch: 'x64' } : c)),
      baseline: { ...results.baseline!, history: [partly(0, ['musl', 'x86_64 glibc']), history[2]] },
    };
    expect(renderMarkdown(arches)).toContain('1 stored run was left out only in arm64 musl, x86_64 glibc (');
    // Medians name architectures (x64) where places use labels (x86_64): a stored run that
    // measured x64 glibc was there; one that measured only arm64 glibc was not.
    const withArch = (arch: string) => ({
      ...partly(0, ['x86_64 glibc']),
      medians: history[0].medians.map((m) => (m.libc === 'glibc' ? { ...m, arch } : m)),
    });
    const place = (arch: string) =>
      renderMarkdown({
        ...arches,
        baseline: { ...results.baseline!, history: [withArch(arch), history[2]] },
      });
    expect(place('x64')).toContain(
      '1 stored run was left out only in x86_64 glibc (another machine or environment there); it counts in the other places.',
    );
    expect(place('arm64')).toContain(
      '1 stored run was left out only in x86_64 glibc (not measured there); it counts in the other places.',
    );
    // A stored run that never measured a place is not said to be of another machine there.
    const muslOnly = (i: number) => ({
      ...partly(i, ['glibc']),
      excluded: 'glibc: the baseline has no glibc environment',
      medians: history[i].medians.filter((m) => m.libc === 'musl'),
    });
    const absent = renderMarkdown({
      ...results,
      baseline: { ...results.baseline!, history: [muslOnly(0), history[2], history[3]] },
    });
    expect(absent).toContain(
      '1 stored run was left out only in glibc (not measured there); it counts in the other places.',
    );
    const mixed = renderMarkdown({
      ...results,
      baseline: {
        ...results.baseline!,
        history: [muslOnly(0), partly(1, ['glibc', 'musl']), muslOnly(2), history[3]],
      },
    });
    expect(mixed).toContain(
      '3 stored runs were left out in some places only: 2 in glibc (not measured there); 1 in glibc, 1 in musl (another machine or environment there); each counts in its other places.',
    );
  });

  test('a machine whose probe left the stored runs’ range is named, with what it does to the gate', () => {
    const results = withCachedHistory(allOkResults());
    results.baseline = {
      ...results.baseline!,
      machineFactor: 0.61,
      machineTolerance: 0.5,
      machineDiffers: true,
    };
    const md = renderMarkdown(results);
    expect(md).toContain(
      "⚠️ This machine ran the calibration probe 61% slower than the stored runs', beyond the 50% slower or 33% faster tolerated: it differs from the machines of the stored runs by more than dividing by the probe is known to correct, so no cross-run change can fail the step this time (every timing verdict is 🟡).",
    );
    // However many stored runs had probes: the tolerance is fixed.
    results.baseline = { ...results.baseline, machineRuns: 2 };
    expect(renderMarkdown(results)).toContain(
      "⚠️ This machine ran the calibration probe 61% slower than the stored runs', beyond the 50% slower or 33% faster tolerated: ",
    );
    // A results file written with the earlier tolerance names its own, both ways.
    results.baseline = { ...results.baseline, machineFactor: 0.31, machineTolerance: 0.25 };
    expect(renderMarkdown(results)).toContain(
      "⚠️ This machine ran the calibration probe 31% slower than the stored runs', beyond the 25% slower or 20% faster tolerated: ",
    );
    results.baseline = { ...results.baseline, machineFactor: 0.12, machineDiffers: false };
    expect(renderMarkdown(results)).toContain(
      "This machine ran the calibration probe 12% slower than the stored runs', within the 25% slower or 20% faster tolerated. A benchmark need not follow the probe exactly, so each change must pass the threshold by a quarter of that (3%) more.",
    );
  });

  test('with too little history, the report says the verdicts are advisory and why', () => {
    const results = withCachedHistory(allOkResults());
    results.baseline!.history = results.baseline!.history!.slice(0, 1);
    results.baseline!.machineFactor = -0.08;
    results.baseline!.normalized = false;
    results.comparisons = results.comparisons!.map(({ spread: _spread, ...c }) =>
      c.history ? { ...c, history: 1 } : c,
    );
    const md = renderMarkdown(results);
    expect(md).toContain(
      'With only 1 stored run the spread between runs is unknown (3 are needed), so a change below ±25% is at most 🟡 and does not fail the step.',
    );
    expect(md).toContain(
      "This machine ran the calibration probe 8% faster than the baseline's (a diagnostic: the changes are of raw times).",
    );
    expect(md).not.toContain('Times are divided by the calibration probe');
  });

  test('a cross-run comparison draws the trend of the stored runs and this one, oldest first', () => {
    const md = renderMarkdown(withCachedHistory(allOkResults(['default', 'jemalloc'])));
    expect(md).toContain('### Trend over the last 3 stored runs and this one');
    // All cells together, as a percentage of the oldest run; the run of another CPU is not drawn.
    expect(md).toContain('  title "all 4 cells, % of the oldest run"');
    expect(md).toContain('  x-axis ["aaaaaaa", "bbbbbbb", "ccccccc", "this run"]');
    expect(md).toContain('  line [100, 102, 99, 100]');
    // Then each cell in milliseconds, folded.
    expect(md).toContain('<details><summary>Each cell</summary>');
    expect(md).toContain('  title "musl/jemalloc"');
    expect(md).toContain('  line [507, 517.1, 501.9, 507]');
    // A paired comparison has no history to draw.
    expect(renderMarkdown(withPairedBaseline(allOkResults()))).not.toContain('### Trend');
    // Results that name each cell's architecture (a merge of shards) draw each place apart.
    const merged = withCachedHistory(allOkResults(['default', 'jemalloc']));
    merged.cells = merged.cells.map((c) => ({ ...c, arch: 'arm64' }));
    merged.baseline!.history = merged.baseline!.history!.map((e) => ({
      ...e,
      medians: e.medians.map((m) => ({ ...m, arch: 'arm64' })),
    }));
    expect(renderMarkdown(merged)).toContain('  title "arm64 musl/jemalloc"');
  });

  test('an unavailable baseline and a failed environment are said up front', () => {
    const results = mixedResults();
    results.baseline = {
      kind: 'cache',
      paired: false,
      unavailableReason: 'no cached results for base abc1234',
    };
    results.environments[1] = {
      ...environment('glibc'),
      failure: 'image bellsoft/alpaquita-linux-base:stream-glibc not found locally',
    };
    const md = renderMarkdown(results);
    expect(md).toContain(
      '⚠️ Baseline unavailable (no cached results for base abc1234): allocator comparison only',
    );
    expect(md).toContain(
      '> ⚠️ The glibc environment could not be prepared: image bellsoft/alpaquita-linux-base:stream-glibc not found locally',
    );
  });

  test('escapes names and reasons, defuses mentions, fences hostile output', () => {
    const md = renderMarkdown(hostileResults());
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md.split('\n')[0]).toBe(
      '<!-- malloc-matrix:report name="parse | &lt;script&gt;alert(1)&lt;/script&gt; `tick` @octocat #12" -->',
    );
    expect(md).toContain(
      '## malloc-matrix: parse \\| &lt;script&gt;alert(1)&lt;/script&gt; &#96;tick&#96; @\u200boctocat #\u200b12',
    );
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    // Mentions inside the hidden marker notify no one; everywhere else they are defused.
    expect(md.slice(md.indexOf('\n'))).not.toMatch(/@octocat/);
    expect(md).toContain('| evil\\|&lt;b&gt;alloc&lt;/b&gt;&#96;x&#96; |');
    expect(md).toContain(
      '_failed: crashed \\| with &lt;img src=x&gt; and &#96;ticks&#96; for @\u200boctocat in #\u200b42_',
    );
    // The output's 40-backtick run is inside a 41-backtick fence, and the fence closes.
    const fence = '`'.repeat(41);
    const start = md.indexOf(`${fence}text\n`);
    expect(start).toBeGreaterThan(0);
    const end = md.indexOf(`\n${fence}\n`, start);
    expect(end).toBeGreaterThan(start);
    const quoted = md.slice(start, end);
    expect(quoted).toContain('</details>');
    expect(quoted).toContain('Segmentation fault');
    expect(quoted).toContain(`@${ZERO_WIDTH_SPACE}octocat`);
    expect(md.slice(start - 200, start)).toMatch(/output cut: the first [\d,]+ characters are not shown/);
    expect(md).toMatchSnapshot();
  });

  test('the chart plots ok cells relative to their libc default', () => {
    const results = mixedResults();
    expect(wallChartBars(results)).toEqual([
      { label: 'musl/default', ratio: 1 },
      { label: 'musl/mimalloc', ratio: 0.66 },
      { label: 'glibc/default', ratio: 1 },
      { label: 'glibc/mimalloc', ratio: 0.846 },
      { label: 'glibc/jemalloc', ratio: 0.918 },
    ]);
    const chart = renderWallChart(results);
    expect(chart).toMatchSnapshot();
    expect(renderMarkdown(results)).toContain(chart);
  });

  test('no chart without a measured default', () => {
    const results = mixedResults();
    results.cells = results.cells.filter((c) => c.allocator !== 'default');
    expect(renderWallChart(results)).toBeUndefined();
    expect(renderMarkdown(results)).not.toContain('```mermaid');
  });

  test('chart labels cannot break out of their quotes', () => {
    const results = allOkResults(['default', 'my"alloc']);
    expect(renderWallChart(results)).toContain(`"musl/my'alloc"`);
  });
});

describe('renderMarkdown size limit', () => {
  test('drops the details sections first, largest first, and says so', () => {
    const full = renderMarkdown(withPairedBaseline(mixedResults()), { reproduceCommand: REPRODUCE });
    const stats = full.indexOf('<details><summary>Statistics of every cell');
    const maxChars = full.length - 1000;
    const md = renderMarkdown(withPairedBaseline(mixedResults()), { reproduceCommand: REPRODUCE, maxChars });
    expect(stats).toBeGreaterThan(0);
    expect(md.length).toBeLessThanOrEqual(maxChars);
    expect(md).not.toContain('Statistics of every cell');
    expect(md).toContain('Environments and allocator libraries');
    expect(md).toContain('Output of the first failed run');
    expect(md).toMatch(/✂️ Cut to fit the [\d,]+-character limit: statistics details\. /);
  });

  test('then drops output tails, largest first, then the chart, keeping the tables', () => {
    const fewer = renderMarkdown(withPairedBaseline(mixedResults()), { maxChars: 3850 });
    expect(fewer.length).toBeLessThanOrEqual(3850);
    expect(fewer).toContain('run details, 3 output tails.');
    // The smallest tail is the one that survives.
    expect(fewer).toContain('Output of the first failed run: glibc / mimalloc-secure — timed out');
    expect(fewer).not.toContain('Segmentation fault');

    const md = renderMarkdown(withPairedBaseline(mixedResults()), { maxChars: 3400 });
    expect(md.length).toBeLessThanOrEqual(3400);
    expect(md).not.toContain('<details>');
    expect(md).not.toContain('```mermaid');
    expect(md).toContain('### Wall time');
    expect(md).toContain('### Peak RSS');
    expect(md).toContain('### Change against the baseline');
    expect(md).toContain('4 output tails, chart.');
    expect(md.split('\n')[0]).toBe(reportMarker('json-parse'));
  });

  test('200 allocators and 1 MB outputs stay within the limit', () => {
    const results = manyAllocators();
    for (const maxChars of [65_000, 20_000, 5_000, 1_000]) {
      const md = renderMarkdown(results, { maxChars, reproduceCommand: REPRODUCE });
      expect(md.length).toBeLessThanOrEqual(maxChars);
      expect(md.split('\n')[0]).toBe(reportMarker(results.name));
      expect(md).toContain('✂️ Cut to fit');
    }
  });

  test('with 200 allocators in 65,000 characters: both tables whole, the legend, the smallest tails', () => {
    const results = manyAllocators();
    const md = renderMarkdown(results, { reproduceCommand: REPRODUCE });
    const lines = md.split('\n');
    const columns = ['libc', ...MANY_COLUMNS];
    for (const title of ['### Wall time (median of 10 runs)', '### Peak RSS (median)']) {
      const at = lines.indexOf(title);
      expect(at).toBeGreaterThan(0);
      expect(cellsOf(lines[at + 2])).toEqual(columns);
      expect(lines[at + 3]).toBe(`|${columns.map(() => '---').join('|')}|`);
      const rows = [lines[at + 4], lines[at + 5]].map(cellsOf);
      expect(rows.map((row) => [row[0], row.length])).toEqual([
        ['**musl**', columns.length],
        ['**glibc**', columns.length],
      ]);
    }
    expect(md).toContain(`· **bold**: lowest in the row._`);
    for (const status of ['partial', 'failed', 'timeout', 'oom', 'unavailable', 'not-applied']) {
      expect(md).toContain(`\n- \`${status}\`: `);
    }
    // The tails of megabytes are cut to their end, in a fence that closes.
    expect(md).toMatch(/_\(output cut: the first [\d,]+ characters are not shown\)_\n`{3}text\ny+\n`{3}\n/);
    expect(md).not.toContain('<details><summary>Statistics of every cell');
    expect(lines.at(-1)).toMatch(
      /^> ✂️ Cut to fit the 65,000-character limit: statistics details, environment details, run details, \d+ output tails\. The results file has everything\.$/,
    );
  });

  test('with 200 allocators in 20,000 characters: the heading and whole rows of the wall table', () => {
    const results = manyAllocators();
    const lines = renderMarkdown(results, { maxChars: 20_000 }).split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '<!-- malloc-matrix:report name="parse | &lt;script&gt;alert(1)&lt;/script&gt; `tick` @octocat #12" -->',
      '',
      '## malloc-matrix: parse \\| &lt;script&gt;alert(1)&lt;/script&gt; &#96;tick&#96; @\u200boctocat #\u200b12',
      '',
      'ℹ️ No baseline given: allocator comparison only · 413 cells',
      '',
      '### Wall time (median of 10 runs)',
      '',
    ]);
    const columns = cellsOf(lines[8]);
    expect(columns).toEqual(['libc', ...MANY_COLUMNS]);
    expect(lines[9]).toBe(`|${columns.map(() => '---').join('|')}|`);
    const musl = cellsOf(lines[10]);
    const at = (allocator: string) => musl[columns.indexOf(allocator)];
    expect(musl).toHaveLength(columns.length);
    expect(musl.slice(0, 4)).toEqual([
      '**musl**',
      '683 ms ±1.1%',
      '451 ms ±1.1% · −34%',
      '402 ms ±1.1% · −41% ⚠️ _partial: 3/10 runs failed_',
    ]);
    expect(at(EVIL_COLUMN)).toBe('—');
    expect(at('custom-allocator-with-a-long-name-0')).toBe('**300 ms ±1.1% · −56%**');
    expect(at('custom-allocator-with-a-long-name-199')).toBe('499 ms ±1.1% · −27%');
    // What did not fit went whole, and the last line says what it was.
    expect(lines.slice(11)).toEqual([
      '',
      '> ✂️ Cut to fit the 20,000-character limit: statistics details, environment details, run details, 205 output tails, chart, recommendation, peak RSS table, the end of the tables. The results file has everything.',
    ]);
  });

  test('rejects a limit too small to hold a report', () => {
    expect(() => renderMarkdown(mixedResults(), { maxChars: 50 })).toThrow(
      'report maxChars 50 is invalid; expected an integer of at least 1000',
    );
  });
});

describe('processes left behind', () => {
  test('the statistics details name each cell whose runs left processes, with the count', () => {
    const results = allOkResults();
    const jemalloc = results.cells.find((c) => c.libc === 'musl' && c.allocator === 'jemalloc')!;
    jemalloc.runs[1].leftoverProcesses = 1;
    jemalloc.runs[2].leftoverProcesses = 2;
    const md = renderMarkdown(results, { reproduceCommand: REPRODUCE });
    expect(md).toContain(
      '_Processes left running after a run ended were killed before the next one: musl / jemalloc: 3 processes after 2 runs._',
    );
    expect(renderMarkdown(allOkResults(), { reproduceCommand: REPRODUCE })).not.toContain('left running');
  });
});

describe('a baseline named by a git revision, and variants', () => {
  function againstRevision(dirty: boolean): Results {
    const results = withPairedBaseline(allOkResults());
    return {
      ...results,
      baseline: { ...results.baseline!, ref: 'origin/main', source: 'origin/main at abc1234def56' },
      git: { ...results.git, dirty },
    };
  }

  test('the report names the revision, both commits, and a head with uncommitted changes', () => {
    const md = renderMarkdown(againstRevision(true), { reproduceCommand: REPRODUCE });
    expect(md).toContain('regressed against origin/main (abc1234)');
    expect(md).toContain('Compared with origin/main (abc1234), **paired**');
    expect(md).toContain(
      '| head | <code>f00dfeed1234567890abcdef1234567890abcdef</code> with uncommitted changes (the working tree as it was) |',
    );
    expect(md).toContain(
      '| base | <code>abc1234def5678900000000000000000000abcde</code> (<code>origin/main</code>) |',
    );
    expect(renderMarkdown(againstRevision(false), { reproduceCommand: REPRODUCE })).not.toContain(
      'uncommitted',
    );
  });

  test('variants are columns of their own, and the details say what environment each adds', () => {
    const results = allOkResults(['default', 'jemalloc', 'jemalloc+bg']);
    results.config.allocators = [
      { name: 'default', kind: 'builtin' },
      { name: 'jemalloc', kind: 'builtin' },
      { name: 'glibc-debug', kind: 'builtin' },
      {
        name: 'jemalloc+bg',
        kind: 'variant',
        base: 'jemalloc',
        env: [['MALLOC_CONF', 'background_thread:true']],
      },
    ];
    const md = renderMarkdown(results, { reproduceCommand: REPRODUCE });
    expect(md).toMatch(/\| libc \| default \| jemalloc \| glibc-debug \| jemalloc\+bg \|/);
    expect(md).toMatch(/x-axis \[.*"musl\/jemalloc\+bg"/);
    expect(md).toContain('- <code>glibc-debug</code>: <code>GLIBC\\_TUNABLES=glibc.malloc.check=3</code>');
    expect(md).toContain(
      '- <code>jemalloc+bg</code>: jemalloc with <code>MALLOC\\_CONF=background\\_thread:true</code>',
    );
  });
});

describe('reportMarker', () => {
  test('long names are shortened with a hash that keeps them apart', () => {
    const a = reportMarker('a'.repeat(500));
    const b = reportMarker('a'.repeat(499) + 'b');
    expect(a.length).toBeLessThan(140);
    expect(a).not.toBe(b);
    expect(reportMarker('x --> y')).toBe('<!-- malloc-matrix:report name="x --&gt; y" -->');
  });

  test('an explicit marker replaces the default one', () => {
    expect(renderMarkdown(mixedResults(), { marker: '<!-- custom -->' }).split('\n')[0]).toBe(
      '<!-- custom -->',
    );
  });
});
