// The CLI as a user installs it: `npm pack` of this repository, installed into an empty
// directory with npm offline and an empty cache, so any runtime dependency would fail the
// install. Then `npx malloc-matrix` prints its help and version, and measures a program with
// the host executor, compiling the measuring helper from the packed source.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseResults } from '../src/results/schema.js';
import { CLI, REPO_ROOT, tempDir } from './support/bench.js';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface PackedFile {
  path: string;
}

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
};

/**
 * The environment npm and the CLI get: no settings inherited from an `npm test` that runs this
 * file (npm_config_* would point npm at the repository), no prebuilt helper, and a private cache
 * for npm and for the helper.
 */
function isolatedEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'MALLOC_MATRIX_HELPER' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_cache: path.join(root, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    XDG_CACHE_HOME: path.join(root, 'cache'),
  };
}

/** Fails with the exit code and the whole stderr, which say why. */
function expectSuccess(outcome: Outcome): void {
  expect(`exit code ${outcome.code}\n${outcome.stderr}`).toMatch(/^exit code 0\n/);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the packed CLI', () => {
  const root = tempDir('pack');
  const env = isolatedEnv(root);
  const project = path.join(root, 'project');
  let packed: PackedFile[] = [];

  it('packs dist/cli and the helper source, and nothing of the sources or tests', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run bundle\` first`);
    const pack = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', root],
      REPO_ROOT,
      env,
    );
    expectSuccess(pack);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: PackedFile[] }[];
    packed = info.files;
    const paths = packed.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['package.json', 'dist/cli/index.js', 'harness/mm-helper.c', 'LICENSE']),
    );
    expect(paths.filter((p) => /^(src|__tests__|node_modules|scripts|examples|docs)\//.test(p))).toEqual([]);
    // The action's bundle is not the CLI's: the package carries only what the CLI runs.
    expect(paths).not.toContain('dist/index.js');
    expect(existsSync(path.join(root, info.filename))).toBe(true);

    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "private": true }\n');
    const install = await run('npm', ['install', path.join(root, info.filename)], project, env);
    expectSuccess(install);
    expect(install.stderr).not.toContain('EBADENGINE');
  }, 180_000);

  it('installs with zero dependencies', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    const installed = readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(['malloc-matrix']);
  });

  it('answers `npx malloc-matrix --version` and `--help`', async () => {
    const version = await run('npx', ['--no', '--', 'malloc-matrix', '--version'], project, env);
    expect([version.code, version.stdout.trim()]).toEqual([0, manifest.version]);
    const help = await run('npx', ['--no', '--', 'malloc-matrix', '--help'], project, env);
    expectSuccess(help);
    expect(help.stdout).toMatch(/^Usage: malloc-matrix /);
  }, 60_000);

  it('measures with the host executor, building the helper from the packed source', async () => {
    const results = path.join(project, 'results.json');
    const measured = await run(
      'npx',
      [
        '--no',
        '--',
        'malloc-matrix',
        ...['--executor', 'host', '--allocators', 'default', '--runs', '2', '--warmup', '0'],
        ...['--baseline', 'none', '--json', results, '--', '/bin/true', 'argv'],
      ],
      project,
      env,
    );
    expectSuccess(measured);
    const cells = parseResults(readFileSync(results, 'utf8'), 'results').cells;
    expect(cells.map((c) => [c.allocator, c.status])).toEqual([['default', 'ok']]);
    // The helper was compiled into the private cache: the source came from the package.
    const helpers = readdirSync(path.join(root, 'cache', 'malloc-matrix'));
    expect(helpers.some((f) => f.startsWith('helper-'))).toBe(true);
  }, 120_000);
});
