// The gate, table-driven: which runs pass, which fail and with what exit code, and what a reader
// is told beside the table. The same verdict drives the action and the CLI.
import { describe, expect, it } from '@jest/globals';
import { describeRegression, gate, NOTHING_MEASURED, type GateInput } from '../src/app/gate.js';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import type { AllocationComparison, Results } from '../src/results/model.js';
import {
  allOkResults,
  failingCell,
  mixedResults,
  unavailableCell,
  withCachedBaseline,
  withPairedBaseline,
} from './fixtures/results.js';

function config(inputs: Partial<Record<InputName, string>> = {}): Config {
  const all: Partial<Record<InputName, string>> = { run: './bench', ...inputs };
  return parseConfig((name) => all[name], { label: (n) => n, randomSeed: () => 1 });
}

const regressed = withPairedBaseline(allOkResults());
const noBaseline: Results = {
  ...allOkResults(),
  baseline: { kind: 'base', paired: false, unavailableReason: 'the base commit cannot be fetched' },
};
const nothingMeasured: Results = {
  ...allOkResults(),
  cells: [
    failingCell('musl', 'default', 'failed', () => ({ exitCode: 127 }), 'exit code 127'),
    unavailableCell('musl', 'jemalloc', 'not packaged'),
  ],
};
const withWarning: Results = {
  ...allOkResults(['default']),
  cells: allOkResults(['default']).cells.map((c, i) =>
    i === 0 ? { ...c, warnings: ['slow first run'] } : c,
  ),
};

describe('gate', () => {
  it.each<[string, GateInput, Partial<Record<InputName, string>>, number, RegExp[]]>([
    ['a clean run', { results: allOkResults() }, {}, 0, []],
    ['a clean run against a cache', { results: withCachedBaseline(allOkResults()) }, {}, 0, []],
    [
      'a regression',
      { results: regressed },
      {},
      1,
      [
        /^2 cell\(s\) regressed beyond the threshold: musl\/mimalloc: wall \+7\.2% .*; glibc\/jemalloc: wall \+15\.0%/,
      ],
    ],
    [
      'all cells together regressed, no single cell',
      {
        results: {
          ...withCachedBaseline(allOkResults()),
          matrix: {
            metric: 'cpu',
            verdict: 'regressed',
            change: 0.061,
            interval: [0.052, 0.07],
            paired: true,
            cells: 8,
          },
        },
      },
      {},
      1,
      [
        /^all cells together regressed beyond the threshold: all 8 cells together: cpu \+6\.1% \[\+5\.2%, \+7\.0%\] \(paired, same job\)$/,
      ],
    ],
    [
      'a regression with fail-on-regression false',
      { results: regressed },
      { 'fail-on-regression': 'false' },
      0,
      [],
    ],
    [
      'no baseline when one is required',
      { results: noBaseline },
      { 'require-baseline': 'true' },
      3,
      [/^require-baseline is true but there is no baseline: the base commit cannot be fetched$/],
    ],
    ['no baseline when none is required', { results: noBaseline }, {}, 0, []],
    ['nothing measured', { results: nothingMeasured }, {}, 3, [new RegExp(`^${NOTHING_MEASURED}$`)]],
    [
      'a run that could not go on (partial results)',
      { results: allOkResults(), fatal: { message: 'Docker engine not available (gone)', cause: 'run' } },
      {},
      3,
      [/^Docker engine not available \(gone\)$/],
    ],
    [
      'a configuration error found during the run',
      { fatal: { message: 'Invalid baseline: not valid JSON', cause: 'config' } },
      {},
      2,
      [/^Invalid baseline: not valid JSON$/],
    ],
  ])('%s', (_what, run, inputs, exitCode, failures) => {
    const verdict = gate(run, config(inputs));
    expect(verdict.exitCode).toBe(exitCode);
    expect(verdict.failures).toHaveLength(failures.length);
    failures.forEach((pattern, i) => expect(verdict.failures[i]).toMatch(pattern));
  });

  it('names how a regression was found: paired, or cross-run against how many stored runs', () => {
    const cell = {
      libc: 'musl' as const,
      allocator: 'jemalloc',
      metric: 'wall' as const,
      verdict: 'regressed' as const,
    };
    const at = { change: 0.3, interval: [0.22, 0.38] as [number, number] };
    expect(describeRegression({ ...cell, ...at, paired: true })).toBe(
      'musl/jemalloc: wall +30.0% [+22.0%, +38.0%] (paired, same job)',
    );
    expect(describeRegression({ ...cell, ...at, paired: false, history: 5 })).toBe(
      'musl/jemalloc: wall +30.0% [+22.0%, +38.0%] (cross-run, against 5 stored runs)',
    );
    expect(describeRegression({ ...cell, ...at, paired: false, history: 1 })).toMatch(
      /against 1 stored run\)$/,
    );
  });

  it('annotates each regression as an error, titled with the benchmark, whether or not it fails', () => {
    for (const failOnRegression of ['true', 'false']) {
      const verdict = gate({ results: regressed }, config({ 'fail-on-regression': failOnRegression }));
      expect(verdict.regressed).toBe(true);
      const errors = verdict.annotations.filter((a) => a.level === 'error');
      expect(errors.map((a) => a.message)).toEqual(
        regressed
          .comparisons!.filter((c) => c.verdict === 'regressed')
          .map((c) => `Regression: ${describeRegression(c)}`),
      );
      expect(errors.every((a) => a.title === 'malloc-matrix: json-parse')).toBe(true);
    }
    const lenient = gate({ results: regressed }, config({ 'fail-on-regression': 'false' }));
    expect(lenient.annotations.at(-1)).toEqual({
      level: 'warning',
      message: expect.stringMatching(/regressed beyond the threshold: .* \(fail-on-regression is false\)$/),
    });
  });

  it('warns about every cell that is not ok or unavailable, and every note, without failing', () => {
    const verdict = gate({ results: mixedResults() }, config());
    expect(verdict.exitCode).toBe(0);
    expect(verdict.failures).toEqual([]);
    expect(verdict.annotations.map((a) => `${a.level} ${a.message}`)).toEqual([
      expect.stringMatching(/^warning musl\/mimalloc-secure: partial: /),
      expect.stringMatching(/^warning musl\/jemalloc: failed: /),
      expect.stringMatching(/^warning musl\/tcmalloc: not-applied: /),
      expect.stringMatching(/^warning glibc\/mimalloc-secure: timeout: every run exceeded 60 s$/),
      expect.stringMatching(/^warning glibc\/tcmalloc: oom: /),
    ]);
    const noted = gate({ results: withWarning }, config());
    expect(noted.annotations).toEqual([
      { level: 'warning', title: 'malloc-matrix: json-parse', message: 'musl/default: slow first run' },
    ]);
  });

  it('says nothing about cells of a run that could not go on: its one failure says it', () => {
    const verdict = gate(
      { results: mixedResults(), fatal: { message: 'interrupted', cause: 'run' } },
      config(),
    );
    expect(verdict).toEqual({ exitCode: 3, failures: ['interrupted'], annotations: [], regressed: false });
  });

  it('labels base cells apart from head cells', () => {
    const results = withPairedBaseline(allOkResults(['default']));
    results.cells = results.cells.map((c) => (c.tree === 'base' ? { ...c, warnings: ['noisy'] } : c));
    const messages = gate({ results }, config()).annotations.map((a) => a.message);
    expect(messages).toContain('musl/default (base): noisy');
  });
});

describe('gate: the allocation gate', () => {
  const row = (over: Partial<AllocationComparison>): AllocationComparison => ({
    libc: 'musl',
    allocator: 'default',
    metric: 'calls',
    verdict: 'unchanged',
    head: 1000,
    base: 1000,
    change: 0,
    ...over,
  });
  const grew = row({ verdict: 'regressed', head: 1200, change: 0.2 });
  const bytesGrew = row({
    libc: 'glibc',
    metric: 'bytes',
    verdict: 'regressed',
    head: 3e6,
    base: 2e6,
    change: 0.5,
  });
  const allocations = (rows: AllocationComparison[]): Results => ({
    ...withCachedBaseline(allOkResults()),
    allocationComparisons: rows,
  });

  it('fails the step like a timing regression, one error annotation per regressed row', () => {
    const verdict = gate({ results: allocations([grew, row({ metric: 'bytes' }), bytesGrew]) }, config());
    expect(verdict.exitCode).toBe(1);
    expect(verdict.regressed).toBe(true);
    expect(verdict.failures).toEqual([
      'allocations grew beyond the allocation threshold: musl/default: allocation calls +20.0% (1,200 vs 1,000); ' +
        'glibc/default: bytes requested +50.0% (3,000,000 vs 2,000,000)',
    ]);
    expect(verdict.annotations.filter((a) => a.level === 'error')).toEqual([
      {
        level: 'error',
        title: 'malloc-matrix: json-parse',
        message: 'Allocation regression: musl/default: allocation calls +20.0% (1,200 vs 1,000)',
      },
      {
        level: 'error',
        title: 'malloc-matrix: json-parse',
        message: 'Allocation regression: glibc/default: bytes requested +50.0% (3,000,000 vs 2,000,000)',
      },
    ]);
  });

  it('only warns with fail-on-regression false, and still counts as regressed', () => {
    const verdict = gate({ results: allocations([grew]) }, config({ 'fail-on-regression': 'false' }));
    expect(verdict.exitCode).toBe(0);
    expect(verdict.failures).toEqual([]);
    expect(verdict.regressed).toBe(true);
    expect(verdict.annotations.map((a) => a.level)).toEqual(['error', 'warning']);
    expect(verdict.annotations[1].message).toBe(
      'allocations grew beyond the allocation threshold: musl/default: allocation calls +20.0% (1,200 vs 1,000) ' +
        '(fail-on-regression is false)',
    );
  });

  it('passes when no allocation row regressed', () => {
    const verdict = gate(
      { results: allocations([row({}), row({ verdict: 'improved', head: 900, change: -0.1 })]) },
      config(),
    );
    expect(verdict).toEqual({ exitCode: 0, failures: [], annotations: [], regressed: false });
  });

  it('reports a timing and an allocation regression as two failures', () => {
    const verdict = gate({ results: { ...regressed, allocationComparisons: [grew] } }, config());
    expect(verdict.exitCode).toBe(1);
    expect(verdict.failures).toHaveLength(2);
    expect(verdict.failures[0]).toMatch(/^2 cell\(s\) regressed beyond the threshold: /);
    expect(verdict.failures[1]).toMatch(/^allocations grew beyond the allocation threshold: musl\/default: /);
  });

  it('leaves the exit code of a run that measured nothing at failure', () => {
    const verdict = gate({ results: { ...nothingMeasured, allocationComparisons: [grew] } }, config());
    expect(verdict.exitCode).toBe(3);
    expect(verdict.failures.at(-1)).toBe(NOTHING_MEASURED);
  });
});
