// The report's "reproduce locally" command must give back the same measurement settings when a
// real shell splits it and the CLI parses it.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { parseCliArgs } from '../src/cli/args.js';
import type { Config } from '../src/config/config.js';
import type { InputName } from '../src/config/names.js';
import { parseConfig } from '../src/config/parse.js';
import { reproduceCommand } from '../src/report/reproduce.js';

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

function reparse(config: Config): Config {
  const words = shellWords(reproduceCommand(config));
  expect(words.slice(0, 2)).toEqual(['npx', 'malloc-matrix']);
  const args = parseCliArgs(words.slice(2));
  return parseConfig((name) => args.inputs[name], {
    argv: args.command,
    label: (n) => n,
    randomSeed: () => 2,
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
      { executor: 'host', allocators: 'default,tcmalloc' },
      ['./bench', '--n', '10 000'],
    ],
  ])('gives back the same settings: %s', (_what, inputs, argv) => {
    const config = parse(inputs, argv);
    expect(pick(reparse(config))).toEqual(pick(config));
  });
});

describe('reproduceCommand: runs: auto', () => {
  it('names only the sizing settings that differ from the defaults', () => {
    const line = reproduceCommand(parse({ run: './bench', 'max-runs': '80' }));
    expect(line).toContain('--runs auto --max-runs 80 --warmup');
    expect(line).not.toContain('--min-time');
  });
});
