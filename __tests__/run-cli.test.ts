// The CLI's adapter against a fake terminal and fakes of the real world: options, exit codes,
// what goes to stdout and stderr, which files are written, and an interrupted run.
import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCliArgs, USAGE } from '../src/cli/args.js';
import { runCli } from '../src/cli/run-cli.js';
import { TOOL_VERSION } from '../src/base/version.js';
import { ConfigError } from '../src/base/errors.js';
import { ExecutorUnavailableError, type PlannedRun } from '../src/measure/executor.js';
import { serializeResults } from '../src/results/io.js';
import { parseResults } from '../src/results/schema.js';
import { FakeBaselineSources } from './fakes/baseline-sources.js';
import { FakeCliIo } from './fakes/cli-io.js';
import { FakeExecutor, type FakeExecutorOptions } from './fakes/executor.js';
import { fakeServices } from './fakes/services.js';
import { allOkResults, withPairedBaseline } from './fixtures/results.js';

// The fake executor scales wall times, so wall time is the gated metric here.
const OPTIONS = [
  '--libcs',
  'musl',
  '--allocators',
  'default,jemalloc',
  '--runs',
  '8',
  '--metric',
  'wall',
  '--baseline',
  'none',
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-cli-'));
  dirs.push(dir);
  return dir;
}

function cli(
  opts: { env?: NodeJS.ProcessEnv; executor?: FakeExecutorOptions; sources?: FakeBaselineSources } = {},
) {
  const cwd = tempDir();
  const tmp = tempDir();
  const io = new FakeCliIo(cwd, { TMPDIR: tmp, ...opts.env });
  const fake = fakeServices({
    executor: new FakeExecutor(opts.executor),
    ...(opts.sources ? { sources: opts.sources } : {}),
  });
  const json = path.join(cwd, 'malloc-matrix-results.json');
  return { io, fake, cwd, tmp, json, run: (argv: string[]) => runCli(argv, io, fake.services) };
}

describe('malloc-matrix (unit)', () => {
  it('prints the table on stdout, writes the results next to it, and exits 0', async () => {
    const c = cli();
    expect(await c.run([...OPTIONS, '--markdown', 'report.md', '--', './bench'])).toBe(0);
    expect(c.io.out).toMatch(/^libc\s+default\s+jemalloc/m);
    const results = parseResults(readFileSync(c.json, 'utf8'), 'results');
    expect(results.cells.every((cell) => cell.status === 'ok')).toBe(true);
    expect(readFileSync(path.join(c.cwd, 'report.md'), 'utf8')).toContain('malloc-matrix:report');
    expect(c.io.errLines).toContain(`Results written to ${c.json}`);
    expect(readdirSync(c.tmp)).toEqual([]);
  });

  it.each([
    [['help'], USAGE],
    [['--help'], USAGE],
    [['-h'], USAGE],
    [['version'], `${TOOL_VERSION}\n`],
    [['--version'], `${TOOL_VERSION}\n`],
    [['-V'], `${TOOL_VERSION}\n`],
  ])('%j prints and exits 0', async (argv, printed) => {
    const c = cli();
    expect(await c.run(argv)).toBe(0);
    expect(c.io.out).toBe(printed);
    expect(c.fake.createExecutor.calls).toEqual([]);
  });

  it('takes one variant per --variant, measures each as a cell, and writes both dashboard exports', async () => {
    const c = cli();
    const argv = [
      ...OPTIONS,
      '--variant',
      'jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true',
      '--variant=default+arena2 = default GLIBC_TUNABLES=glibc.malloc.arena_max=2',
      '--export-bmf',
      'out-bmf.json',
      '--export-gab',
      'out-gab.json',
      '--',
      './bench',
    ];
    expect(await c.run(argv)).toBe(0);
    const config = c.fake.createExecutor.calls[0].config;
    expect(config.allocators.map((a) => `${a.kind}:${a.name}`)).toEqual([
      'builtin:default',
      'builtin:jemalloc',
      'variant:jemalloc+bg',
      'variant:default+arena2',
    ]);
    // Each variant's environment reaches its own cell only.
    const envOf = (allocator: string) =>
      (c.fake.executor as FakeExecutor).batches[0].variants.find((v) => v.id === `musl/${allocator}/head`)
        ?.env;
    expect(envOf('jemalloc+bg')).toEqual({ MALLOC_CONF: 'background_thread:true' });
    expect(envOf('default+arena2')).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
    expect(envOf('jemalloc')).toEqual({});
    expect(c.io.out).toMatch(/^libc\s+default\s+jemalloc\s+jemalloc\+bg\s+default\+arena2/m);
    const bmf = JSON.parse(readFileSync(path.join(c.cwd, 'out-bmf.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(bmf)).toEqual(
      ['default', 'jemalloc', 'jemalloc+bg', 'default+arena2'].map((a) => `./bench musl/${a}`),
    );
    const gab = JSON.parse(readFileSync(path.join(c.cwd, 'out-gab.json'), 'utf8')) as { name: string }[];
    expect(gab.map((e) => e.name)).toContain('./bench musl/jemalloc+bg - wall time');
    expect(c.io.errLines).toEqual(
      expect.arrayContaining([
        `Bencher Metric Format written to ${path.join(c.cwd, 'out-bmf.json')}`,
        `github-action-benchmark JSON written to ${path.join(c.cwd, 'out-gab.json')}`,
      ]),
    );
  });

  it('names --variant, not the input, in an error about a variant', async () => {
    const c = cli();
    expect(await c.run([...OPTIONS, '--variant', 'fast = jemalloc', '--', './bench'])).toBe(2);
    expect(c.io.errLines).toEqual([
      expect.stringMatching(
        /^malloc-matrix: Invalid --variant: "fast = jemalloc"\. Expected at least one KEY=VALUE/,
      ),
    ]);
  });

  it('measures a program named help when it comes after --', async () => {
    const c = cli();
    expect(await c.run([...OPTIONS, '--', 'help'])).toBe(0);
    expect(c.fake.createExecutor.calls[0].config.command).toEqual({ kind: 'shell', script: 'help' });
  });

  it.each([
    [
      ['--runs', '-1', '--', 'true'],
      'Invalid --runs: "-1". Expected auto, or a whole number from 1 to 10000.',
    ],
    [['--threshold', '-5%', '--', 'true'], /^Invalid --threshold: "-5%"\. Expected /],
    [['--warmup', '-x', '--', 'true'], /^Invalid --warmup: "-x"\. Expected /],
    [
      ['--json', '--runs', '3', '--', 'true'],
      "Option '--json' needs a value. Run malloc-matrix --help for the options.",
    ],
    [['--runs'], "Option '--runs' needs a value. Run malloc-matrix --help for the options."],
    [['-x', '--', 'true'], "Unknown option '-x'. Run malloc-matrix --help for the options."],
  ])('%j: exit 2 with one line, and no results file', async (argv, message) => {
    const c = cli();
    expect(await c.run(argv)).toBe(2);
    expect(c.io.errLines).toHaveLength(1);
    expect(c.io.errLines[0].replace(/^malloc-matrix: /, '')).toMatch(message);
    expect(c.io.out).toBe('');
    expect(existsSync(c.json)).toBe(false);
  });

  it('reads the token from GITHUB_TOKEN when --github-token is not given', async () => {
    const fromEnv = cli({ env: { GITHUB_TOKEN: 'ghs_fromTheEnvironment' } });
    await fromEnv.run([...OPTIONS, '--', './bench']);
    expect(fromEnv.fake.createExecutor.calls[0].config.githubToken).toBe('ghs_fromTheEnvironment');
    const given = cli({ env: { GITHUB_TOKEN: 'ghs_fromTheEnvironment' } });
    await given.run([...OPTIONS, '--github-token', 'ghs_given', '--', './bench']);
    expect(given.fake.createExecutor.calls[0].config.githubToken).toBe('ghs_given');
    const none = cli({ env: { GITHUB_TOKEN: '' } });
    await none.run([...OPTIONS, '--', './bench']);
    expect(none.fake.createExecutor.calls[0].config.githubToken).toBeUndefined();
  });

  it("fences the container's output only when a workflow runner reads the log (GITHUB_ACTIONS=true)", async () => {
    const inWorkflow = cli({ env: { GITHUB_ACTIONS: 'true' } });
    await inWorkflow.run([...OPTIONS, '--', './bench']);
    expect(inWorkflow.fake.createExecutor.calls[0].ctx.log.readsCommands).toBe(true);
    // On a laptop nothing reads `::` lines, so they pass through untouched.
    const onLaptop = cli({ env: {} });
    await onLaptop.run([...OPTIONS, '--', './bench']);
    expect(onLaptop.fake.createExecutor.calls[0].ctx.log.readsCommands).toBe(false);
    const otherCi = cli({ env: { GITHUB_ACTIONS: 'false', CI: 'true' } });
    await otherCi.run([...OPTIONS, '--', './bench']);
    expect(otherCi.fake.createExecutor.calls[0].ctx.log.readsCommands).toBe(false);
  });

  it('writes no results file when the run stops before any cell exists, and exits 3', async () => {
    const c = cli({
      executor: { envs: { musl: new ExecutorUnavailableError('Docker engine not available (x)') } },
    });
    expect(await c.run([...OPTIONS, '--', './bench'])).toBe(3);
    expect(c.io.errLines.at(-1)).toBe('malloc-matrix: Docker engine not available (x)');
    expect(existsSync(c.json)).toBe(false);
    expect(c.io.out).toBe('');
  });

  it('writes the partial results when some cells exist, and exits 3', async () => {
    const c = cli({
      executor: { envs: { glibc: new ExecutorUnavailableError('Docker engine not available (x)') } },
    });
    expect(await c.run([...OPTIONS, '--libcs', 'musl,glibc', '--', './bench'])).toBe(3);
    expect(c.io.errLines).toContain(`Partial results written to ${c.json}`);
    expect(parseResults(readFileSync(c.json, 'utf8'), 'results').fatalError).toBe(
      'Docker engine not available (x)',
    );
  });

  it('a bad baseline file is a configuration error: exit 2, no results file', async () => {
    const c = cli({
      sources: new FakeBaselineSources({ files: { 'b.json': new Error('b.json is not valid JSON') } }),
    });
    expect(await c.run([...OPTIONS, '--baseline', 'b.json', '--', './bench'])).toBe(2);
    expect(c.io.errLines).toEqual(['malloc-matrix: Invalid baseline: b.json is not valid JSON']);
    expect(existsSync(c.json)).toBe(false);
  });

  it('exits 1 on a regression and names each regressed cell on stderr', async () => {
    const earlier = cli();
    await earlier.run([...OPTIONS, '--', './bench']);
    const baseline = parseResults(readFileSync(earlier.json, 'utf8'), 'results');
    const slower = (_variantId: string, r: PlannedRun) => ({
      wallMs: 13 * (1 + (((r.round * 3 + r.position) % 5) - 2) * 0.004),
    });
    const c = cli({
      executor: { envs: { musl: slower } },
      sources: new FakeBaselineSources({ files: { 'before.json': baseline } }),
    });
    expect(await c.run([...OPTIONS, '--baseline', 'before.json', '--', './bench'])).toBe(1);
    expect(c.io.errLines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^regression: all 2 cells together: wall \+\d/),
        expect.stringMatching(/^regression: musl\/default: wall \+\d/),
        expect.stringMatching(/^regression: musl\/jemalloc: wall \+\d/),
        expect.stringMatching(
          /^malloc-matrix: all cells together and 2 cell\(s\) regressed beyond the threshold/,
        ),
      ]),
    );
    const lenient = cli({
      executor: { envs: { musl: slower } },
      sources: new FakeBaselineSources({ files: { 'before.json': baseline } }),
    });
    expect(
      await lenient.run([
        ...OPTIONS,
        '--baseline',
        'before.json',
        '--fail-on-regression',
        'false',
        '--',
        './bench',
      ]),
    ).toBe(0);
  });

  it('judges a results file in report mode with the same gate, without measuring', async () => {
    const c = cli();
    writeFileSync(path.join(c.cwd, 'r.json'), serializeResults(withPairedBaseline(allOkResults())));
    expect(await c.run(['--mode', 'report', '--results-file', 'r.json'])).toBe(1);
    expect(c.io.out).toMatch(/^libc\s+default/m);
    expect(c.fake.createExecutor.calls).toEqual([]);
    expect(existsSync(c.json)).toBe(false);
  });

  it('in report mode with --name, refuses a results file of another benchmark (exit 2)', async () => {
    const c = cli();
    writeFileSync(path.join(c.cwd, 'r.json'), serializeResults(withPairedBaseline(allOkResults())));
    const args = ['--mode', 'report', '--results-file', 'r.json', '--name'];
    expect(await c.run([...args, 'other-bench'])).toBe(2);
    expect(c.io.err).toContain(
      'the results file is of benchmark "json-parse", but --name is "other-bench": refusing to report it',
    );
    expect(c.io.out).toBe('');
    // Its own name is accepted as without --name: judged, and regressed.
    expect(await c.run([...args, 'json-parse'])).toBe(1);
    expect(c.io.out).toMatch(/^libc\s+default/m);
  });

  it('on a signal removes what the run made, writes the partial results and exits 128 + the signal', async () => {
    let reached!: () => void;
    const atMeasuredRun = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const c = cli({
      executor: {
        beforeMeasuredRun: () => {
          reached();
          return held;
        },
      },
    });
    const running = c.run([...OPTIONS, '--', './bench']);
    await atMeasuredRun;
    expect(readdirSync(c.tmp)).toEqual(['malloc-matrix-0123456789ab']);
    c.fake.process.send('SIGINT');
    release();
    expect(await running).toBe(130);
    expect(c.fake.process.exits).toEqual([130]);
    expect(c.io.err).toContain('\nmalloc-matrix: SIGINT received, cleaning up\n');
    expect(c.io.errLines).toContain(`Partial results written to ${c.json}`);
    expect(c.io.err).not.toContain('warning:');
    expect(parseResults(readFileSync(c.json, 'utf8'), 'results').fatalError).toBe('interrupted by SIGINT');
    expect((c.fake.executor as FakeExecutor).cleanups).toBeGreaterThan(0);
    expect(readdirSync(c.tmp)).toEqual([]);
    expect(c.io.out).toBe('');
  });
});

describe('parseCliArgs', () => {
  it('takes a value that starts with a dash as the value of the option before it', () => {
    expect(parseCliArgs(['--runs', '-1', '--setup', '-n', '--', '-x']).inputs).toEqual({
      runs: '-1',
      setup: '-n',
    });
    expect(parseCliArgs(['--runs', '-1', '--', '-x']).command).toEqual(['-x']);
  });

  it('keeps its own short flags and the end of options apart from values', () => {
    expect(() => parseCliArgs(['--runs', '-V'])).toThrow(ConfigError);
    expect(() => parseCliArgs(['--name', '--', 'x'])).toThrow("Option '--name' needs a value.");
  });

  it('reads help and version as subcommands only as the first word', () => {
    expect(parseCliArgs(['help'])).toMatchObject({ help: true, version: false });
    expect(parseCliArgs(['version'])).toMatchObject({ help: false, version: true });
    expect(parseCliArgs(['--runs', '3', 'help'])).toMatchObject({ help: false, command: ['help'] });
  });
});
