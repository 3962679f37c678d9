import { PROBE_WORKLOAD } from '../src/results/cross-run-schema.js';
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resultsSchema, type Results } from '../src/results/model.js';
import { formatPath, parseResults, resultsJsonSchema } from '../src/results/schema.js';
import { serializeResults } from '../src/results/io.js';
import {
  allOkResults,
  mixedResults,
  withCachedBaseline,
  withCachedHistory,
  withPairedBaseline,
} from './fixtures/results.js';

const SOURCE = 'baseline file x.json';

/** Parsed JSON that the tests bend out of shape on purpose, so no static type fits it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** What a reader sees after the results went through a file: undefined fields are gone. */
function throughJson(results: Results): unknown {
  return JSON.parse(JSON.stringify(results)) as unknown;
}

function mutated(change: (r: Json) => void): string {
  const value: Json = throughJson(mixedResults());
  change(value);
  return JSON.stringify(value);
}

function errorOf(input: unknown): string {
  try {
    parseResults(input, SOURCE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parseResults accepted the input');
}

function withProbe(results: Results): Results {
  const samples = [0, 1, 2].map((round) => ({
    round,
    position: round,
    wallMs: 5.2,
    cpuMs: 5,
    computeMs: 2.6,
    memoryMs: 2.6,
  }));
  return { ...results, probe: { workload: PROBE_WORKLOAD, environments: [{ libc: 'musl', samples }] } };
}

describe('parseResults accepts', () => {
  test.each([
    ['mixed statuses', mixedResults()],
    ['a paired base baseline', withPairedBaseline(mixedResults())],
    ['a cached baseline', withCachedBaseline(mixedResults())],
    ['a cached history, with the probe', withProbe(withCachedHistory(mixedResults()))],
  ])('%s, as text and as a parsed value, unchanged', (_name, results) => {
    const text = serializeResults(results);
    expect(parseResults(text, SOURCE)).toEqual(throughJson(results));
    expect(parseResults(JSON.parse(text), SOURCE)).toEqual(throughJson(results));
  });

  test('an argv command, a custom allocator, a host run and a PR number', () => {
    const value = mutated((r) => {
      r.command = { kind: 'argv', argv: ['./bench', '--n', '5'] };
      (r.config.allocators as unknown[]).push({ name: 'mine', kind: 'custom', path: './libmine.so' });
      r.config.executor = 'host';
      r.git.pr = 42;
    });
    const parsed = parseResults(value, SOURCE);
    expect(parsed.command).toEqual({ kind: 'argv', argv: ['./bench', '--n', '5'] });
    expect(parsed.config.allocators.at(-1)).toEqual({ name: 'mine', kind: 'custom', path: './libmine.so' });
    expect(parsed.git?.pr).toBe(42);
  });

  test('a version 1 file, written before the probe and the history existed, reads as version 2', () => {
    const old: Json = { ...(throughJson(withCachedBaseline(mixedResults())) as object), version: 1 };
    expect(old).not.toHaveProperty('probe');
    expect(old.baseline).not.toHaveProperty('history');
    const parsed = parseResults(JSON.stringify(old), SOURCE);
    expect(parsed.probe).toBeUndefined();
    expect(parsed).toEqual({ ...old, version: 2 });
  });

  test('fields it does not know (from a newer writer of the same version) are dropped, not rejected', () => {
    const parsed = parseResults(
      mutated((r) => {
        r.futureField = { anything: 1 };
        r.cells[0].futureCellField = true;
      }),
      SOURCE,
    );
    expect(parsed).not.toHaveProperty('futureField');
    expect(parsed.cells[0]).not.toHaveProperty('futureCellField');
  });
});

describe('parseResults rejects, in one line naming the source and the problem', () => {
  const valid = serializeResults(mixedResults());
  test.each<[string, unknown, string | RegExp]>([
    [
      'corrupt JSON',
      '{"schema": "malloc-matrix/results", nope}',
      /^baseline file x\.json: not valid JSON \(.+\)$/,
    ],
    [
      'a truncated file',
      valid.slice(0, Math.floor(valid.length / 2)),
      /^baseline file x\.json: not valid JSON \(.+\)$/,
    ],
    ['an empty file', '  \n', 'baseline file x.json: the file is empty (expected a results JSON object)'],
    ['an array', '[1, 2]', 'baseline file x.json: expected a JSON object, got an array'],
    ['null', 'null', 'baseline file x.json: expected a JSON object, got null'],
    [
      'another kind of file',
      '{"schema": "other/thing", "version": 1}',
      'baseline file x.json: not a malloc-matrix results file (schema is "other/thing", expected "malloc-matrix/results")',
    ],
    [
      'an architecture that carries markup into the report',
      mutated((r) => ((r.cells as Json[])[0].arch = '@octocat <b>x</b>\n\n# hi')),
      /^baseline file x\.json: cells\[0\]\.arch: must be an architecture name such as x64 or arm64/,
    ],
    [
      'a host architecture of a megabyte',
      mutated((r) => (r.host.arch = 'x'.repeat(1 << 20))),
      /^baseline file x\.json: host\.arch: must be an architecture name/,
    ],
    [
      'an allocator name with markup',
      mutated((r) => ((r.cells as Json[])[0].allocator = 'evil|<b>alloc</b>')),
      /^baseline file x\.json: cells\[0\]\.allocator: must be an allocator name/,
    ],
    [
      'a place of a stored run that carries markup into the report',
      (() => {
        const r: Json = JSON.parse(serializeResults(withCachedHistory(allOkResults())));
        r.baseline.history[0] = {
          ...r.baseline.history[0],
          excluded: 'x',
          excludedPlaces: ['musl <b>@octocat</b>'],
        };
        return JSON.stringify(r);
      })(),
      /^baseline file x\.json: baseline\.history\[0\]\.excludedPlaces\[0\]: must be a libc, with an architecture before it if any/,
    ],
    [
      'a future version',
      mutated((r) => (r.version = 3)),
      'baseline file x.json: version 3 is newer than this malloc-matrix understands (2); upgrade malloc-matrix',
    ],
    [
      'version as a string',
      mutated((r) => (r.version = '1')),
      'baseline file x.json: version "1" is not supported (expected 1 or 2)',
    ],
    [
      'no version',
      mutated((r) => delete r.version),
      'baseline file x.json: version missing is not supported (expected 1 or 2)',
    ],
    [
      'an unknown status',
      mutated((r) => (r.cells[3].status = 'bogus')),
      /^baseline file x\.json: cells\[3\]\.status: .*"ok".*"not-applied".* \(got "bogus"\)$/,
    ],
    [
      'a time as a string',
      mutated((r) => (r.cells[0].runs[1].wallMs = 'fast')),
      /^baseline file x\.json: cells\[0\]\.runs\[1\]\.wallMs: .*expected number.* \(got "fast"\)$/,
    ],
    [
      'a negative time',
      mutated((r) => (r.cells[0].runs[1].userMs = -3)),
      /^baseline file x\.json: cells\[0\]\.runs\[1\]\.userMs: .*>=0.* \(got -3\)$/,
    ],
    [
      'a fractional count',
      mutated((r) => (r.cells[2].failedRuns = 1.5)),
      /^baseline file x\.json: cells\[2\]\.failedRuns: .*int.* \(got 1\.5\)$/,
    ],
    [
      'a NaN written as null',
      mutated((r) => (r.cells[0].summary.wall.median = null)),
      /^baseline file x\.json: cells\[0\]\.summary\.wall\.median: .*expected number.* \(got null\)$/,
    ],
    [
      'a missing host field',
      mutated((r) => delete r.host.cpuModel),
      /^baseline file x\.json: host\.cpuModel: .*expected string.*$/,
    ],
    [
      'a one-sided interval',
      mutated((r) => (r.cells[0].summary.rss.ci95 = [1])),
      /^baseline file x\.json: cells\[0\]\.summary\.rss\.ci95/,
    ],
    [
      'a date that is not a date',
      mutated((r) => (r.startedAt = 'yesterday')),
      /^baseline file x\.json: startedAt: .* \(got "yesterday"\)$/,
    ],
    [
      'an unknown libc',
      mutated((r) => (r.environments[1].libc = 'bionic')),
      /^baseline file x\.json: environments\[1\]\.libc: .* \(got "bionic"\)$/,
    ],
    [
      'several problems at once',
      mutated((r) => {
        r.cells[0].tree = 'left';
        r.seed = 'x';
      }),
      /\(and 1 more problem\)$/,
    ],
  ])('%s', (_name, input, expected) => {
    const message = errorOf(input);
    expect(message).not.toContain('\n');
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });
});

test('formatPath writes array indices in brackets', () => {
  expect(formatPath(['cells', 3, 'runs', 0, 'wallMs'])).toBe('cells[3].runs[0].wallMs');
  expect(formatPath([])).toBe('');
});

describe('docs/results-schema.json', () => {
  const file = fileURLToPath(new URL('../docs/results-schema.json', import.meta.url));
  const generated = `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`;

  test('is a titled, described draft 2020-12 schema of version 2', () => {
    const schema = resultsJsonSchema() as Json;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('malloc-matrix results');
    expect(typeof schema.description).toBe('string');
    expect(schema.properties.version.const).toBe(2);
    expect(schema.required).toEqual(expect.arrayContaining(['schema', 'version', 'cells', 'host']));
  });

  // With UPDATE_DOCS=1 the file is rewritten first; the assertions then hold for what was written.
  test('matches the zod schema (regenerate: UPDATE_DOCS=1 npm test -- results-schema)', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, generated);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    expect(committed).toBe(generated);
    const schema: { properties: Json } = JSON.parse(committed);
    expect(Object.keys(schema.properties as object)).toEqual(Object.keys(resultsSchema.shape));
    expect(schema.properties.cells.items.properties.status.enum).toEqual([
      'ok',
      'partial',
      'failed',
      'timeout',
      'oom',
      'unavailable',
      'not-applied',
    ]);
  });
});
