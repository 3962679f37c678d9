import { describe, expect, it } from '@jest/globals';
import type { InputName } from '../src/constants.js';
import { parseConfig } from '../src/inputs.js';

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
      runs: 10,
      warmup: 1,
      seed: 42,
      timeoutMs: 600_000,
      workingDirectory: '.',
      pull: 'missing',
      metric: 'wall',
      threshold: 0.05,
      memoryThreshold: 0.1,
      baseline: { kind: 'auto' },
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
    expect(config.threshold).toBeCloseTo(0.025);
    expect(config.seed).toBe(4294967295);
    expect(config.baseline).toEqual({ kind: 'file', path: 'results/base.json' });
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

// Every malformed value gets one line naming the input, the value and what is accepted.
const BAD: [string, Partial<Record<InputName, string>>, RegExp][] = [
  ['empty run', { run: '' }, /input 'run': "".*command/],
  ['whitespace-only run', { run: '   ' }, /input 'run': "   "/],
  ['unknown mode', { ...RUN, mode: 'bench' }, /input 'mode': "bench".*benchmark, report/],
  ['unknown executor', { ...RUN, executor: 'podman' }, /input 'executor': "podman".*docker, host/],
  ['empty executor', { ...RUN, executor: '' }, /input 'executor': ""/],
  ['unknown libc', { ...RUN, libcs: 'musl,uclibc' }, /input 'libcs': "uclibc".*musl, glibc/],
  ['duplicate libc', { ...RUN, libcs: 'musl,musl' }, /input 'libcs': "musl,musl".*at most once/],
  ['whitespace-only libcs', { ...RUN, libcs: ' ' }, /input 'libcs'/],
  [
    'unknown allocator',
    { ...RUN, allocators: 'default,tcmallocc' },
    /input 'allocators': "tcmallocc".*default, mimalloc, mimalloc-secure, jemalloc, rpmalloc, tcmalloc/,
  ],
  [
    'duplicate allocator',
    { ...RUN, allocators: 'jemalloc,jemalloc' },
    /input 'allocators': "jemalloc".*at most once/,
  ],
  ['whitespace-only allocators', { ...RUN, allocators: '  ' }, /input 'allocators': "  "/],
  [
    'relative custom path',
    { ...RUN, allocators: 'x=lib/x.so' },
    /input 'allocators': "x=lib\/x.so".*absolute/,
  ],
  ['custom path with ..', { ...RUN, allocators: 'x=/usr/../etc/x.so' }, /input 'allocators'/],
  ['custom path with shell', { ...RUN, allocators: 'x=/lib/$(id).so' }, /input 'allocators'/],
  ['custom name that is built in', { ...RUN, allocators: 'jemalloc=/lib/x.so' }, /not a built-in/],
  ['custom name with spaces', { ...RUN, allocators: 'My Alloc=/lib/x.so' }, /input 'allocators'/],
  ['runs 0', { ...RUN, runs: '0' }, /input 'runs': "0".*1 to 10000/],
  ['runs negative', { ...RUN, runs: '-3' }, /input 'runs': "-3"/],
  ['runs abc', { ...RUN, runs: 'abc' }, /input 'runs': "abc"/],
  ['runs fractional', { ...RUN, runs: '2.5' }, /input 'runs': "2.5"/],
  ['runs too large', { ...RUN, runs: '100000' }, /input 'runs': "100000"/],
  ['runs empty', { ...RUN, runs: '' }, /input 'runs': ""/],
  ['warmup negative', { ...RUN, warmup: '-1' }, /input 'warmup': "-1".*0 to 1000/],
  ['retries too many', { ...RUN, retries: '9' }, /input 'retries': "9".*0 to 5/],
  ['seed too large', { ...RUN, seed: '4294967296' }, /input 'seed': "4294967296"/],
  ['seed not a number', { ...RUN, seed: 'abc' }, /input 'seed': "abc"/],
  ['timeout zero', { ...RUN, timeout: '0' }, /input 'timeout': "0".*duration/],
  ['timeout unit', { ...RUN, timeout: '10 minutes' }, /input 'timeout': "10 minutes"/],
  ['timeout over a day', { ...RUN, timeout: '25h' }, /input 'timeout': "25h"/],
  ['env without =', { ...RUN, env: 'FOO' }, /input 'env': "FOO".*KEY=VALUE/],
  ['env bad key', { ...RUN, env: '1FOO=bar' }, /input 'env': "1FOO=bar"/],
  ['env key with shell', { ...RUN, env: 'A;rm -rf /=1' }, /input 'env'/],
  ['env duplicate key', { ...RUN, env: 'A=1\nA=2' }, /input 'env': "A=2".*at most once/],
  ['env LD_PRELOAD', { ...RUN, env: 'LD_PRELOAD=/x.so' }, /input 'env'.*LD_PRELOAD/],
  [
    'working-directory absolute',
    { ...RUN, 'working-directory': '/etc' },
    /input 'working-directory': "\/etc"/,
  ],
  ['working-directory escaping', { ...RUN, 'working-directory': 'a/../../x' }, /input 'working-directory'/],
  ['working-directory blank', { ...RUN, 'working-directory': ' ' }, /input 'working-directory'/],
  [
    'image with shell',
    { ...RUN, 'image-musl': 'alpine;id' },
    /input 'image-musl': "alpine;id".*Docker image reference/,
  ],
  ['image as an option', { ...RUN, 'image-glibc': '--privileged' }, /input 'image-glibc': "--privileged"/],
  ['image with command substitution', { ...RUN, 'image-musl': '$(id)' }, /input 'image-musl'/],
  ['image with newline', { ...RUN, 'image-glibc': 'a\nb' }, /input 'image-glibc'/],
  ['image empty', { ...RUN, 'image-musl': '' }, /input 'image-musl': ""/],
  ['pull unknown', { ...RUN, pull: 'sometimes' }, /input 'pull': "sometimes".*always, missing, never/],
  ['memory-limit malformed', { ...RUN, 'memory-limit': 'lots' }, /input 'memory-limit': "lots"/],
  ['memory-limit too small', { ...RUN, 'memory-limit': '1m' }, /input 'memory-limit': "1m".*at least 6m/],
  ['metric unknown', { ...RUN, metric: 'rss' }, /input 'metric': "rss".*wall, cpu/],
  ['threshold without %', { ...RUN, threshold: '5' }, /input 'threshold': "5".*percentage/],
  ['threshold words', { ...RUN, threshold: 'five%' }, /input 'threshold': "five%"/],
  ['threshold negative', { ...RUN, threshold: '-3%' }, /input 'threshold': "-3%"/],
  ['memory-threshold empty', { ...RUN, 'memory-threshold': '' }, /input 'memory-threshold': ""/],
  [
    'baseline unknown word',
    { ...RUN, baseline: 'latest' },
    /input 'baseline': "latest".*none, auto, base, cache/,
  ],
  [
    'fail-on-regression yes',
    { ...RUN, 'fail-on-regression': 'yes' },
    /input 'fail-on-regression': "yes".*true or false/,
  ],
  ['require-baseline 1', { ...RUN, 'require-baseline': '1' }, /input 'require-baseline': "1"/],
  [
    'allow-different-command maybe',
    { ...RUN, 'allow-different-command': 'maybe' },
    /input 'allow-different-command'/,
  ],
  ['cache-key-prefix with slash', { ...RUN, 'cache-key-prefix': 'a/b' }, /input 'cache-key-prefix': "a\/b"/],
  [
    'comment unknown',
    { ...RUN, comment: 'sometimes' },
    /input 'comment': "sometimes".*always, on-regression, never/,
  ],
  ['name too long', { ...RUN, name: 'x'.repeat(101) }, /input 'name'/],
  ['name with newline', { ...RUN, name: 'a\nb' }, /input 'name'.*single line/],
  ['setup whitespace-only', { ...RUN, setup: '  ' }, /input 'setup': "  "/],
  ['github-token whitespace-only', { ...RUN, 'github-token': ' ' }, /input 'github-token'/],
  [
    'pr-number zero',
    { mode: 'report', 'results-file': 'r.json', 'pr-number': '0' },
    /input 'pr-number': "0"/,
  ],
  [
    'require-baseline with none',
    { ...RUN, baseline: 'none', 'require-baseline': 'true' },
    /input 'require-baseline'.*input 'baseline' is "none"/,
  ],
  [
    'allow-different-command without stored baseline',
    { ...RUN, baseline: 'base', 'allow-different-command': 'true' },
    /input 'allow-different-command'.*"base"/,
  ],
  [
    'memory-limit with host',
    { ...RUN, executor: 'host', 'memory-limit': '512m' },
    /input 'memory-limit' needs the docker executor/,
  ],
  [
    'report mode without results file',
    { mode: 'report' },
    /input 'mode' "report" needs input 'results-file'/,
  ],
  [
    'report mode with a command',
    { mode: 'report', 'results-file': 'r.json', run: './bench' },
    /input 'run' is not used/,
  ],
  [
    'results-file in benchmark mode',
    { ...RUN, 'results-file': 'r.json' },
    /input 'results-file' is only read/,
  ],
];

describe('parseConfig: malformed inputs', () => {
  it.each(BAD)('%s', (_what, inputs, expected) => {
    let message = '';
    try {
      parse(inputs);
    } catch (error) {
      message = (error as Error).message;
      expect((error as Error).name).toBe('ConfigError');
    }
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('covers at least 40 malformed inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40);
  });
});
