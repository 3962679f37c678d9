import { describe, expect, it } from '@jest/globals';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import { ConfigError } from '../src/base/errors.js';
import { BAD } from './support/bad-inputs.js';

const label = (name: InputName) => `input '${name}'`;

function parse(inputs: Partial<Record<InputName, string>>, argv?: string[]) {
  return parseConfig((name) => inputs[name], { label, randomSeed: () => 42, ...(argv ? { argv } : {}) });
}

const RUN = { run: './bench' } as const;

describe('parseConfig: valid inputs', () => {
  it('applies the documented defaults', () => {
    const config = parse(RUN);
    expect(config).toMatchObject({
      mode: 'benchmark',
      executor: 'docker',
      libcs: ['musl', 'glibc'],
      runs: 'auto',
      minRuns: 10,
      minTimeMs: 3000,
      maxRuns: 200,
      maxTimeMs: 600_000,
      warmup: 1,
      seed: 42,
      timeoutMs: 600_000,
      setupTimeoutMs: 1_800_000,
      workingDirectory: '.',
      pull: 'missing',
      pidsLimit: 4096,
      metric: 'cpu',
      threshold: 0.05,
      memoryThreshold: 0.1,
      profile: 'default',
      allocationThreshold: 0.1,
      baseline: { kind: 'auto' },
      history: 8,
      retries: 1,
      failOnRegression: true,
      comment: 'always',
      name: './bench',
      command: { kind: 'shell', script: './bench' },
    });
    expect(config.allocators.map((a) => a.name)).toEqual([
      'default',
      'mimalloc',
      'mimalloc-secure',
      'jemalloc',
      'rpmalloc',
    ]);
  });

  it('reads a fixed run count, and the sizing settings of runs: auto', () => {
    expect(parse({ ...RUN, runs: '25' }).runs).toBe(25);
    expect(
      parse({
        ...RUN,
        runs: 'auto',
        'min-runs': '5',
        'min-time': '500ms',
        'max-runs': '40',
        'max-time': '90s',
      }),
    ).toMatchObject({ runs: 'auto', minRuns: 5, minTimeMs: 500, maxRuns: 40, maxTimeMs: 90_000 });
  });

  it('leaves memory-limit to the executor’s default share and takes a pids-limit', () => {
    expect(parse(RUN).memoryLimit).toBeUndefined();
    expect(parse({ ...RUN, 'pids-limit': '256', 'memory-limit': '1G' })).toMatchObject({
      pidsLimit: 256,
      memoryLimit: '1g',
    });
  });

  it('leaves disk-limit to the executor’s default and takes a size of at least 64m', () => {
    expect(parse(RUN).diskLimit).toBeUndefined();
    expect(parse({ ...RUN, 'disk-limit': '20G' }).diskLimit).toBe('20g');
    expect(parse({ ...RUN, 'disk-limit': '64m' }).diskLimit).toBe('64m');
    for (const bad of ['63m', 'lots', '-1g', '4 tb', '10t']) {
      expect(() => parse({ ...RUN, 'disk-limit': bad })).toThrow(
        `Invalid input 'disk-limit': "${bad}". Expected a size of at least 64m, such as 512m or 20g.`,
      );
    }
    expect(() => parse({ ...RUN, executor: 'host', 'disk-limit': '1g' })).toThrow(
      `input 'disk-limit' needs the docker executor; input 'executor' is "host"`,
    );
  });

  it('uses the host default allocator list for the host executor', () => {
    expect(parse({ ...RUN, executor: 'host' }).allocators.map((a) => a.name)).toEqual([
      'default',
      'mimalloc',
      'jemalloc',
      'tcmalloc',
    ]);
  });

  it('parses custom allocators, env lines, durations, percentages and file baselines', () => {
    const config = parse({
      ...RUN,
      allocators: 'default, jemalloc\ntcm=/usr/lib/libtcmalloc_minimal.so.4',
      env: 'PYTHONMALLOC=malloc\n# comment\n\nMIMALLOC_SHOW_STATS=1\nEMPTY=',
      timeout: '1.5s',
      'setup-timeout': '90s',
      threshold: '2.5%',
      seed: '4294967295',
      baseline: 'results/base.json',
    });
    expect(config.allocators).toEqual([
      { name: 'default', kind: 'builtin' },
      { name: 'jemalloc', kind: 'builtin' },
      { name: 'tcm', kind: 'custom', path: '/usr/lib/libtcmalloc_minimal.so.4' },
    ]);
    expect(config.env).toEqual([
      ['PYTHONMALLOC', 'malloc'],
      ['MIMALLOC_SHOW_STATS', '1'],
      ['EMPTY', ''],
    ]);
    expect(config.timeoutMs).toBe(1500);
    expect(config.setupTimeoutMs).toBe(90_000);
    expect(config.threshold).toBeCloseTo(0.025);
    expect(config.seed).toBe(4294967295);
    expect(config.baseline).toEqual({ kind: 'file', path: 'results/base.json' });
  });

  it('reads the profile mode and the allocation threshold, which may be off', () => {
    expect(parse({ ...RUN, profile: 'all', 'allocation-threshold': '20%' })).toMatchObject({
      profile: 'all',
      allocationThreshold: 0.2,
    });
    const off = parse({ ...RUN, profile: 'off', 'allocation-threshold': 'off' });
    expect(off.profile).toBe('off');
    expect(off.allocationThreshold).toBeUndefined();
  });

  it('adds each variant line as a cell after the allocators, with its environment as written', () => {
    const config = parse({
      ...RUN,
      allocators: 'default,jemalloc,glibc-debug,mine=/opt/lib/libmine.so',
      variants: [
        'jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true,narenas:2',
        '# a comment, and a blank line',
        '',
        '  default+arena2=default   GLIBC_TUNABLES=glibc.malloc.arena_max=2  ',
        'mimalloc+eager = mimalloc MIMALLOC_ARENA_EAGER_COMMIT=1 MIMALLOC_PURGE_DELAY=0',
        'mine.big = mine MINE_ARENA=$HOME',
      ].join('\n'),
    });
    expect(config.allocators).toEqual([
      { name: 'default', kind: 'builtin' },
      { name: 'jemalloc', kind: 'builtin' },
      { name: 'glibc-debug', kind: 'builtin' },
      { name: 'mine', kind: 'custom', path: '/opt/lib/libmine.so' },
      {
        name: 'jemalloc+bg',
        kind: 'variant',
        base: 'jemalloc',
        env: [['MALLOC_CONF', 'background_thread:true,narenas:2']],
      },
      {
        name: 'default+arena2',
        kind: 'variant',
        base: 'default',
        env: [['GLIBC_TUNABLES', 'glibc.malloc.arena_max=2']],
      },
      {
        name: 'mimalloc+eager',
        kind: 'variant',
        base: 'mimalloc',
        env: [
          ['MIMALLOC_ARENA_EAGER_COMMIT', '1'],
          ['MIMALLOC_PURGE_DELAY', '0'],
        ],
      },
      // Passed as written: nothing expands $HOME.
      {
        name: 'mine.big',
        kind: 'variant',
        base: 'mine',
        path: '/opt/lib/libmine.so',
        env: [['MINE_ARENA', '$HOME']],
      },
    ]);
    expect(parse({ ...RUN, variants: '\n  \n' }).allocators).toHaveLength(5);
  });

  it('tells a results file, a keyword and a git revision apart in baseline', () => {
    const kinds: [string, unknown][] = [
      ['none', { kind: 'none' }],
      ['before.JSON', { kind: 'file', path: 'before.JSON' }],
      ['origin/main', { kind: 'ref', ref: 'origin/main' }],
      ['HEAD~3', { kind: 'ref', ref: 'HEAD~3' }],
      ['v1.2.0^{commit}', { kind: 'ref', ref: 'v1.2.0^{commit}' }],
      ['main@{1}', { kind: 'ref', ref: 'main@{1}' }],
      ['0123abc', { kind: 'ref', ref: '0123abc' }],
    ];
    for (const [baseline, spec] of kinds)
      expect([baseline, parse({ ...RUN, baseline }).baseline]).toEqual([baseline, spec]);
  });

  it('takes the export files of the CLI', () => {
    expect(parse({ ...RUN, 'export-bmf': 'out/bmf.json', 'export-gab': 'gab.json' })).toMatchObject({
      exportBmfPath: 'out/bmf.json',
      exportGabPath: 'gab.json',
    });
  });

  it('takes a results file pattern as the baseline, and the history to learn from', () => {
    const config = parse({ ...RUN, baseline: 'baselines/run-*.json', history: '5' });
    expect(config.baseline).toEqual({ kind: 'file', path: 'baselines/run-*.json' });
    expect(config.history).toBe(5);
  });

  it('takes the value of a bare env KEY from the environment', () => {
    const environment: Record<string, string> = { API_TOKEN: 's3cr3t value', EMPTY_ONE: '' };
    const inputs: Partial<Record<InputName, string>> = { ...RUN, env: 'API_TOKEN\nMODE=fast\n EMPTY_ONE ' };
    const config = parseConfig((name) => inputs[name], {
      label,
      randomSeed: () => 42,
      environment: (key) => environment[key],
    });
    expect(config.env).toEqual([
      ['API_TOKEN', 's3cr3t value'],
      ['MODE', 'fast'],
      ['EMPTY_ONE', ''],
    ]);
  });

  it('names an unset variable, and never shows an env value in an error', () => {
    const lookups: string[] = [];
    const environment = (key: string) => {
      lookups.push(key);
      return undefined;
    };
    const attempt = (env: string) => () => {
      const inputs: Partial<Record<InputName, string>> = { ...RUN, env };
      return parseConfig((name) => inputs[name], { label, randomSeed: () => 42, environment });
    };
    expect(attempt('MISSING_ONE')).toThrow(
      "input 'env' passes MISSING_ONE from the environment, but MISSING_ONE is not set; set it, or give MISSING_ONE=VALUE.",
    );
    expect(lookups).toEqual(['MISSING_ONE']);
    for (const env of ['A=hunter2\nA=hunter2', 'BAD KEY=hunter2', 'LD_PRELOAD=hunter2', 'X=hunter2\0']) {
      expect(attempt(env)).toThrow(ConfigError);
      expect(attempt(env)).not.toThrow(/hunter2/);
    }
  });

  it('treats one CLI argument as a shell command and several as an argv', () => {
    expect(parse({}, ['./bench --fast']).command).toEqual({ kind: 'shell', script: './bench --fast' });
    expect(parse({}, ['./bench', '--fast']).command).toEqual({ kind: 'argv', argv: ['./bench', '--fast'] });
  });

  it('accepts the YAML spellings of booleans', () => {
    expect(parse({ ...RUN, 'fail-on-regression': 'False' }).failOnRegression).toBe(false);
    expect(parse({ ...RUN, 'fail-on-regression': 'TRUE' }).failOnRegression).toBe(true);
  });

  it('accepts report mode with a results file and no command', () => {
    const config = parse({ mode: 'report', 'results-file': 'results.json' });
    expect(config.mode).toBe('report');
    expect(config.resultsFile).toBe('results.json');
  });
});

describe('parseConfig: malformed inputs', () => {
  it.each(BAD)('%s', (_what, inputs, expected) => {
    let thrown: unknown;
    try {
      parse(inputs);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as ConfigError).message;
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('covers at least 40 malformed inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40);
  });
});
