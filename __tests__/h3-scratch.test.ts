import { test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { renderMarkdown } from '../src/report/markdown.js';
import { mixedResults, withPairedBaseline, withCachedBaseline } from './fixtures/results.js';
test('scratch', () => {
  writeFileSync('/tmp/h3/mixed.md', renderMarkdown(mixedResults(), { reproduceCommand: 'npx malloc-matrix --runs 10 -- ./bench' }));
  writeFileSync('/tmp/h3/paired.md', renderMarkdown(withPairedBaseline(mixedResults())));
  writeFileSync('/tmp/h3/cached.md', renderMarkdown(withCachedBaseline(mixedResults())));
});
