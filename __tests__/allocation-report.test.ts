import { describe, expect, it } from '@jest/globals';
import {
  bucketLabel,
  renderAllocationDetails,
  renderAllocationProfile,
  renderMemoryOverhead,
  sizeHistogram,
  topSizesText,
} from '../src/report/allocation.js';
import { renderAllocationGate } from '../src/report/allocation-verdicts.js';
import { recommend, renderRecommendations } from '../src/report/recommend.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { compareAllocations } from '../src/analysis/allocation-gate.js';
import type { Results } from '../src/results/model.js';
import { allOkResults, mixedResults, withCachedBaseline, withPairedBaseline } from './fixtures/results.js';
import { verdictLine } from '../src/report/comparison.js';
import { profile, pythonSummary, withProfiles, withRepeats } from './fixtures/profiles.js';

function rowOf(text: string | undefined, start: string): string | undefined {
  return text?.split('\n').find((line) => line.startsWith(start));
}

describe('the allocation profile section', () => {
  it('shows calls, bytes, peak live bytes, the top sizes and the overhead per libc', () => {
    const md = renderAllocationProfile(withProfiles(allOkResults(), true));
    expect(md?.split('\n')[0]).toBe('### Allocation profile');
    expect(rowOf(md, '| musl | default |')).toBe(
      '| musl | default | 41,627 | 211 MiB | 28,440 | 967 KiB | 11 / 1 | malloc: `8225` 48% · `4117` 1.6% · `4119` 1.6% | 1.21× |',
    );
    expect(rowOf(md, '| glibc | default |')).toContain(
      '_not-applied: /mm/head/bench is statically linked: no preloaded library can count its allocations_',
    );
    expect(md).not.toContain('differ between runs');
  });

  it('marks counts that differ between runs', () => {
    const results = {
      ...allOkResults(),
      profiles: [
        withRepeats(profile('musl'), [
          [41_627, 9],
          [41_700, 9],
          [41_650, 9],
        ]),
      ],
    };
    const md = renderAllocationProfile(results);
    expect(rowOf(md, '| musl | default |')).toContain('| 41,627* |');
    expect(md).toContain(
      '_* the counts differ between runs (threads): the first of several profiling runs._',
    );
  });

  it('is absent without profiles', () => {
    expect(renderAllocationProfile(allOkResults())).toBeUndefined();
    expect(renderAllocationDetails(allOkResults())).toBeUndefined();
    expect(renderMemoryOverhead(allOkResults())).toBeUndefined();
  });

  it('lists the calls by kind and charts the requested sizes per libc', () => {
    const details = renderAllocationDetails(withProfiles(allOkResults()));
    expect(details).toContain('<details><summary>Allocation calls by kind and by size</summary>');
    expect(details).toContain('| libc | allocator | `malloc` | `calloc` | `realloc` | `free` |');
    expect(rowOf(details, '| musl | default |')).toBe(
      '| musl | default | 28,003 · 158 MiB | 141 · 469 KiB | 13,483 · 52.6 MiB | 28,440 |',
    );
    expect(details?.match(/```mermaid\nxychart-beta/g)).toHaveLength(2);
    expect(details).toContain('    title "musl / default: allocation calls by requested size (bytes)"');
    expect(details).toContain('    x-axis ["16", "32", "64", "128", "256", "512", "1K", "2K", "4K", "8K"]');
    expect(details).toContain('    bar [6200, 3100, 2400, 0, 0, 141, 0, 0, 16470, 13316]');
  });

  it('shows each allocator’s peak RSS ÷ the peak live bytes of its libc’s default profile', () => {
    const md = renderMemoryOverhead(withProfiles(allOkResults()));
    expect(md).toContain('| libc | default | mimalloc | jemalloc |');
    const live = pythonSummary().peakLiveBytes;
    const ratio = (kib: number) => `${Number(((kib * 1024) / live).toPrecision(3))}×`;
    expect(rowOf(md, '| **musl** |')).toBe(
      `| **musl** | ${ratio(12_000)} | ${ratio(12_900)} | ${ratio(13_800)} |`,
    );
    expect(md).toContain('(musl 967 KiB, glibc 967 KiB)');
  });
});

describe('size buckets and top sizes', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [10, '512'],
    [11, '1K'],
    [14, '8K'],
    [21, '1M'],
    [31, '1G'],
  ])('bucket %d starts at %s', (bucket, label) => expect(bucketLabel(bucket)).toBe(label));

  it('sums every allocating kind and trims empty ends', () => {
    const { labels, calls } = sizeHistogram(pythonSummary());
    expect(labels[0]).toBe('16');
    expect(calls.reduce((a, b) => a + b, 0)).toBe(28_003 + 13_483 + 141);
  });

  it('names the busiest kind', () => {
    expect(topSizesText(pythonSummary(), 1)).toBe('malloc: `8225` 48%');
    expect(topSizesText({ ...pythonSummary(), kinds: {} })).toBe('—');
  });
});

describe('the recommendation line', () => {
  it('names an allocator faster with confidence and within the memory threshold, and how to adopt it', () => {
    const results = allOkResults();
    expect(recommend(results, 'musl')).toMatchObject({
      allocator: 'mimalloc',
      change: expect.closeTo(-0.2, 10),
    });
    const line = renderRecommendations(results)?.split('\n')[0];
    expect(line).toBe(
      "> 💡 On musl, **mimalloc** beats the libc's own malloc on wall time (−20%, the 95% intervals apart) within the 10% memory threshold (peak RSS +7.5%): in Alpaquita, `apk add mimalloc-global` preloads it for every login shell (through /etc/profile.d), or set `LD_PRELOAD=/usr/lib/libmimalloc.so.2` for a single service.",
    );
  });

  it('stays silent when the faster allocator needs more memory than the threshold allows', () => {
    const results = allOkResults();
    const strict: Results = { ...results, config: { ...results.config, memoryThreshold: 0.05 } };
    expect(renderRecommendations(strict)).toBeUndefined();
  });

  it('says only LD_PRELOAD on the host executor', () => {
    const results = allOkResults();
    const host: Results = { ...results, config: { ...results.config, executor: 'host' } };
    expect(renderRecommendations(host)).toContain(
      ': set `LD_PRELOAD=/usr/lib/libmimalloc.so.2` for the service that should use it.',
    );
  });

  it('needs non-overlapping intervals, not just a lower median', () => {
    const results = allOkResults();
    const cells = results.cells.map((c) =>
      c.allocator === 'mimalloc' && c.summary
        ? {
            ...c,
            summary: { ...c.summary, wall: { ...c.summary.wall, ci95: [380, 496] as [number, number] } },
          }
        : c,
    );
    expect(recommend({ ...results, cells }, 'musl')).toBeUndefined();
  });
});

describe('the allocation gate rows', () => {
  it('shows calls and bytes against the baseline with verdicts', () => {
    const head = withRepeats(profile('musl'), [[1200, 4_000_000]]);
    const base = withRepeats(profile('musl', 'default', {}, 'base'), [[1000, 4_000_000]]);
    const rows = compareAllocations({ profiles: [head, base], threshold: 0.1 });
    const results: Results = {
      ...allOkResults(),
      allocationComparisons: rows,
      config: { ...allOkResults().config, allocationThreshold: 0.1 },
    };
    const md = renderAllocationGate(results);
    expect(md).toContain('### Allocations against the baseline (threshold 10%)');
    expect(md).toContain('❌ 1 profile(s) ask malloc for more than the baseline beyond the threshold.');
    expect(md).toContain(
      '| musl / default | 1,200 vs 1,000 +20% 🔴 regressed | 3.81 MiB vs 3.81 MiB 0.0% ⚪ unchanged |',
    );
    expect(renderAllocationGate(allOkResults())).toBeUndefined();
  });
});

describe('the headline with the allocation gate', () => {
  const grew = (): Results['allocationComparisons'] => {
    const head = withRepeats(profile('musl'), [[1200, 4_000_000]]);
    const base = withRepeats(profile('musl', 'default', {}, 'base'), [[1000, 4_000_000]]);
    return compareAllocations({ profiles: [head, base], threshold: 0.1 });
  };

  it('names an allocation regression when no timing regressed', () => {
    const results = { ...withCachedBaseline(allOkResults()), allocationComparisons: grew() };
    expect(verdictLine(results)).toBe(
      '❌ Allocation regression against cached results of abc1234: more allocations in 1 cell · 6 cells · 1 cell improved',
    );
    expect(verdictLine(withCachedBaseline(allOkResults()))).toMatch(/^✅ No regression against/);
  });

  it('adds it after the cell count when timing regressed too', () => {
    const results = { ...withPairedBaseline(mixedResults()), allocationComparisons: grew() };
    expect(verdictLine(results)).toMatch(
      /^❌ 2 cells regressed against base \(abc1234\) · .*\d+ cells · more allocations in 1 cell/,
    );
  });
});

describe('the whole report with a profile', () => {
  it('places the sections and cuts the details first when space is short', () => {
    const results = withProfiles(mixedResults());
    const full = renderMarkdown(results);
    const order = [
      '### Peak RSS',
      '### Memory overhead',
      '### Allocation profile',
      'Allocation calls by kind',
    ];
    const at = order.map((s) => full.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const short = renderMarkdown(results, { maxChars: full.length - 2000 });
    expect(short.length).toBeLessThanOrEqual(full.length - 2000);
    expect(short).toContain('### Allocation profile');
    expect(short).not.toContain('Statistics of every cell');
  });
});
