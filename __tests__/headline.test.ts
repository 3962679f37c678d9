// On a pull request or merge queue whose baseline could not be had, the report says first and
// loudly that the gate did not run, and the adapter gets a warning annotation to match.
import { describe, expect, it } from '@jest/globals';
import type { BaselineInfo, Results } from '../src/results/model.js';
import { missingBaselineReason, noBaselineHeadline, noBaselineWarning } from '../src/report/headline.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { allOkResults, withPairedBaseline } from './fixtures/results.js';

const FETCH_FAILED = 'base commit abc1234 could not be fetched: HTTP 400 (duplicate Authorization header)';

function results(baseline: BaselineInfo | undefined, pr: number | null = 7): Results {
  const r = allOkResults();
  return {
    ...r,
    ...(baseline ? { baseline } : {}),
    git: { head: 'f00dfeed1234567890abcdef1234567890abcdef', ...(pr !== null ? { pr } : {}) },
  };
}

const BASE_MISSING: BaselineInfo = { kind: 'base', paired: false, unavailableReason: FETCH_FAILED };

/** The line under the report's heading. */
function verdictOf(markdown: string): string {
  return markdown.split('\n')[4];
}

describe('the report on a pull request whose baseline could not be had', () => {
  it('heads the report with "no baseline: the gate did not run" and the reason', () => {
    const md = renderMarkdown(results(BASE_MISSING));
    expect(md.split('\n')[2]).toBe('## malloc-matrix: json-parse');
    expect(verdictOf(md)).toBe(
      `**⚠️ no baseline: the gate did not run**: ${FETCH_FAILED}. Allocator comparison only · 6 cells`,
    );
    expect(md).not.toContain('Baseline unavailable');
  });

  it('says the same for a cache miss and for a merge queue group, which names no pull request', () => {
    const cacheMiss: BaselineInfo = {
      kind: 'cache',
      paired: false,
      unavailableReason: 'no cached baseline: nothing matches.',
    };
    expect(verdictOf(renderMarkdown(results(cacheMiss)))).toBe(
      '**⚠️ no baseline: the gate did not run**: no cached baseline: nothing matches. Allocator comparison only · 6 cells',
    );
    const group = results(BASE_MISSING, null);
    expect(verdictOf(renderMarkdown(group, { gatingEvent: true }))).toContain(
      'no baseline: the gate did not run',
    );
    expect(verdictOf(renderMarkdown(group))).toBe(
      `⚠️ Baseline unavailable (${FETCH_FAILED}): allocator comparison only · 6 cells`,
    );
  });

  it('escapes the reason like any other text from outside', () => {
    const hostile: BaselineInfo = {
      kind: 'base',
      paired: false,
      unavailableReason: 'fetch <b>failed</b> for @octocat\n## injected',
    };
    const line = noBaselineHeadline(results(hostile))!;
    expect(line).toContain('fetch &lt;b&gt;failed&lt;/b&gt; for @\u200boctocat ## injected');
    expect(line).not.toContain('\n');
  });

  it.each<[string, Results]>([
    [
      'no baseline was asked for',
      results({ kind: 'none', paired: false, unavailableReason: 'no baseline was given (baseline: none)' }),
    ],
    ['the baseline was had and compared', { ...withPairedBaseline(results(undefined)), git: { pr: 7 } }],
    ['the run failed as a whole', { ...results(BASE_MISSING), fatalError: 'Docker engine not available' }],
    ['the run is not for a pull request', results(BASE_MISSING, null)],
    ['there is no baseline section', results(undefined)],
  ])('stays quiet when %s', (_what, r) => {
    expect(missingBaselineReason(r)).toBeUndefined();
    expect(noBaselineHeadline(r)).toBeUndefined();
    expect(noBaselineWarning(r)).toBeUndefined();
    expect(renderMarkdown(r)).not.toContain('the gate did not run');
  });
});

describe('noBaselineWarning', () => {
  it('is one plain line that says how to make it a failure', () => {
    expect(noBaselineWarning(results(BASE_MISSING))).toBe(
      `no baseline: the gate did not run: ${FETCH_FAILED}. Set require-baseline: true to fail the step instead.`,
    );
  });

  it('leaves the hint out when require-baseline is already true, and flattens the reason', () => {
    const messy: BaselineInfo = {
      kind: 'cache',
      paired: false,
      unavailableReason: 'cache\nservice\u001b[31m down.\n',
    };
    expect(noBaselineWarning(results(messy, null), { gatingEvent: true, requireBaseline: true })).toBe(
      'no baseline: the gate did not run: cache service down.',
    );
  });
});
