// The report's "reproduce locally" command must give back the same measurement settings when a
// real shell splits it and the CLI parses it.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { parseCliArgs } from '../src/cli/args.js';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { installHint, reproduceCommand } from '../src/report/reproduce.js';
import { renderTerminal } from '../src/report/terminal.js';
import { mixedResults } from './fixtures/results.js';

function parse(inputs: Partial<Record<InputName, string>>, argv?: string[]): Config {
  return parseConfig((name) => inputs[name], {
    label: (n) => n,
    randomSeed: () => 1,
    ...(argv ? { argv } : {}),
  });
}

/** Splits a command line exactly as sh does. */
function shellWords(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** Parses the command as the CLI would, in a shell whose environment holds the run's variables. */
function reparse(config: Config): Config {
  const words = shellWords(reproduceCommand(config));
  expect(words[0]).toBe('malloc-matrix');
  const args = parseCliArgs(words.slice(1));
  const environment = new Map(config.env);
  return parseConfig((name) => args.inputs[name], {
    argv: args.command,
    label: (n) => n,
    randomSeed: () => 2,
    environment: (key) => environment.get(key),
  });
}

const MEASUREMENT_FIELDS = [
  'command',
  'executor',
  'libcs',
  'images',
  'allocators',
  'runs',
  'minRuns',
  'minTimeMs',
  'maxRuns',
  'maxTimeMs',
  'warmup',
  'seed',
  'timeoutMs',
  'env',
  'workingDirectory',
  'setup',
  'memoryLimit',
  'profile',
  'metric',
  'threshold',
  'memoryThreshold',
  'allocationThreshold',
  'retries',
] as const;

function pick(config: Config) {
  return Object.fromEntries(MEASUREMENT_FIELDS.map((f) => [f, config[f]]));
}

describe('reproduceCommand', () => {
  it.each<[string, Partial<Record<InputName, string>>, string[] | undefined]>([
    ['defaults', { run: './bench' }, undefined],
    [
      'quotes, $(...), newlines and custom allocators survive the shell',
      {
        run: `./bench --label 'it''s' "$(whoami)" \`id\`; echo done\nsecond line`,
        libcs: 'glibc',
        allocators: 'default,jemalloc,tcm=/usr/lib/libtcmalloc_minimal.so.4',
        runs: '7',
        warmup: '0',
        seed: '4242',
        timeout: '1.5s',
        env: "PYTHONMALLOC=malloc\nODD=a b 'c' $HOME",
        'working-directory': 'bench dir',
        setup: "apk add build-base && make CFLAGS='-O2 -g'",
        'image-musl': 'localhost:5000/alpaquita:stream-musl',
        'memory-limit': '512m',
        profile: 'all',
      },
      undefined,
    ],
    [
      'variants of built-in and custom allocators, and glibc-debug',
      {
        run: './bench',
        libcs: 'glibc',
        allocators: 'default,glibc-debug,mine=/opt/libmine.so',
        variants:
          'jemalloc+bg = jemalloc MALLOC_CONF=background_thread:true,narenas:2\nmine+big = mine MINE_SIZE=$HOME',
      },
      undefined,
    ],
    [
      'sizing settings of runs: auto',
      { run: './bench', 'min-runs': '4', 'min-time': '1.5s', 'max-runs': '80', 'max-time': '2m' },
      undefined,
    ],
    [
      'the host executor and an argv command',
      { executor: 'host', allocators: 'default,tcmalloc', profile: 'off' },
      ['./bench', '--n', '10 000'],
    ],
  ])('gives back the same settings: %s', (_what, inputs, argv) => {
    const config = parse(inputs, argv);
    expect(pick(reparse(config))).toEqual(pick(config));
  });
});

describe('reproduceCommand: the judging settings and the baseline', () => {
  it('gives back changed thresholds, metric and retries, and names none at their defaults', () => {
    const config = parse({
      run: './bench',
      metric: 'wall',
      threshold: '2.5%',
      'memory-threshold': '30%',
      'allocation-threshold': 'off',
      retries: '0',
    });
    expect(pick(reparse(config))).toEqual(pick(config));
    const plain = reproduceCommand(parse({ run: './bench' }));
    expect(plain).not.toMatch(/--(metric|threshold|memory-threshold|allocation-threshold|retries|baseline) /);
  });

  it('compares with the commit the run was compared with, checked out beside the working tree', () => {
    const sha = 'c0ffee0123456789abcdef0123456789abcdef01';
    const line = reproduceCommand(parse({ run: './bench', baseline: 'cache' }), sha);
    expect(line).toContain(`--baseline ${sha} --`);
    const args = parseCliArgs(shellWords(line).slice(1));
    const context = { argv: args.command, label: (n: string) => n, randomSeed: () => 1 };
    expect(parseConfig((name) => args.inputs[name], context).baseline).toEqual({
      kind: 'ref',
      ref: sha,
    });
  });

  it('leaves out a baseline commit that is not a commit id (a results file made by someone else)', () => {
    const line = reproduceCommand(parse({ run: './bench' }), '```\n[click](https://example.com)');
    expect(line).not.toContain('--baseline');
  });
});

describe('reproduceCommand: runs: auto', () => {
  it('names only the sizing settings that differ from the defaults', () => {
    const line = reproduceCommand(parse({ run: './bench', 'max-runs': '80' }));
    expect(line).toContain('--runs auto --max-runs 80 --warmup');
    expect(line).not.toContain('--min-time');
  });
});

describe('secrets passed through env', () => {
  const SECRET = 'ghp_9f8e7d6c5b4a39281706SECRET';
  const FROM_SHELL = 'hunter2-from-the-shell';

  function secretConfig(): Config {
    const inputs: Partial<Record<InputName, string>> = {
      run: './bench',
      env: `API_TOKEN=${SECRET}\nSHELL_SECRET\nPYTHONMALLOC=malloc`,
    };
    return parseConfig((name) => inputs[name], {
      label: (n) => n,
      randomSeed: () => 1,
      environment: (key) => (key === 'SHELL_SECRET' ? FROM_SHELL : undefined),
    });
  }

  it('reach the benchmark but never the reproduce line, the markdown or the terminal', () => {
    const config = secretConfig();
    expect(config.env).toEqual([
      ['API_TOKEN', SECRET],
      ['SHELL_SECRET', FROM_SHELL],
      ['PYTHONMALLOC', 'malloc'],
    ]);
    const results = {
      ...mixedResults(),
      config: { ...mixedResults().config, envKeys: config.env.map(([k]) => k) },
    };
    const command = reproduceCommand(config);
    const markdown = renderMarkdown(results, { reproduceCommand: command });
    const terminal = renderTerminal(results, { color: false });
    for (const text of [command, markdown, terminal]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(FROM_SHELL);
      expect(text).not.toContain('malloc-matrix --env PYTHONMALLOC=malloc');
    }
    expect(command).toContain('--env API_TOKEN --env SHELL_SECRET --env PYTHONMALLOC --');
    expect(markdown).toContain(command);
    expect(markdown).toMatch(
      /set <code>API\\_TOKEN<\/code>, <code>SHELL\\_SECRET<\/code>, <code>PYTHONMALLOC<\/code> in your shell first/,
    );
  });

  it('the command, run where the variables are set, gives them back', () => {
    const config = secretConfig();
    expect(reparse(config).env).toEqual(config.env);
  });
});

describe('installHint', () => {
  it('names the release tarball of the version that made the results, above the command', () => {
    expect(installHint('1.2.3')).toBe(
      '# install the CLI once: npm install -g https://github.com/malloc-matrix/malloc-matrix/releases/download/v1.2.3/malloc-matrix-1.2.3.tgz',
    );
    const config = parseConfig((name) => (name === 'run' ? './bench' : undefined), {
      label: (n) => n,
      randomSeed: () => 1,
    });
    const results = { ...mixedResults(), tool: { name: 'malloc-matrix' as const, version: '1.0.0-rc.1' } };
    const markdown = renderMarkdown(results, { reproduceCommand: reproduceCommand(config) });
    expect(markdown).toContain(`${installHint('1.0.0-rc.1')}\n${reproduceCommand(config)}`);
    expect(markdown).toContain('/v1.0.0-rc.1/malloc-matrix-1.0.0-rc.1.tgz');
    expect(markdown).not.toContain('npx');
  });

  it.each(['1.0.0\nrm -rf ~', '$(id)', '1.0.0 && curl x | sh', ''])(
    'gives the releases page for a version that is no release number: %j',
    (version) => {
      expect(installHint(version)).toBe(
        '# install the CLI once: npm install -g <tarball from https://github.com/malloc-matrix/malloc-matrix/releases>',
      );
    },
  );
});
