// The bundled CLI (dist/cli/index.js) as a user runs it: exit codes, stdout table, stderr
// messages, results file. Host executor and the real helper; no Docker needed.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseResults } from '../src/results/schema.js';
import { benchWorkspace, CLI, runNode, tempDir } from './support/bench.js';
import { expectTimingReportsMatchVerdicts } from './support/verdicts.js';

const HOST = ['--executor', 'host', '--allocators', 'default,jemalloc'];

describe('malloc-matrix CLI', () => {
  it('prints the table on stdout, progress on stderr, writes results, exits 0', async () => {
    const ws = benchWorkspace();
    const json = path.join(tempDir('cli'), 'out.json');
    const md = path.join(tempDir('cli'), 'out.md');
    const run = await runNode(
      CLI,
      [...HOST, '--runs', '3', '--json', json, '--markdown', md, '--', './churn'],
      { cwd: ws },
    );
    expect(run.stderr).toContain('measuring');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^libc\s+default\s+jemalloc/m);
    expect(run.stdout).toMatch(/^glibc\s+[\d.]+ (ms|s|µs)/m);
    const results = parseResults(readFileSync(json, 'utf8'), 'results');
    expect(results.cells.every((c) => c.status === 'ok')).toBe(true);
    expect(results.cells.find((c) => c.allocator === 'jemalloc')?.proof?.applied).toBe(true);
    expect(readFileSync(md, 'utf8')).toContain('malloc-matrix:report');
  });

  it.each([
    [['--bogus', '--', 'true'], /^malloc-matrix: Unknown option '--bogus'\. Run malloc-matrix --help/],
    [
      ['--runs', '0', '--', 'true'],
      /^malloc-matrix: Invalid --runs: "0"\. Expected auto, or a whole number from 1 to 10000\./,
    ],
    [['--runs', 'abc', '--', 'true'], /Invalid --runs: "abc"/],
    [
      ['--allocators', 'jemalloc,nope', '--', 'true'],
      /Invalid --allocators: "nope"\. Expected .*default, mimalloc/,
    ],
    [
      ['--env', 'MM_SURELY_UNSET_VARIABLE', '--', 'true'],
      /--env passes MM_SURELY_UNSET_VARIABLE from the environment, but MM_SURELY_UNSET_VARIABLE is not set/,
    ],
    [['--executor', 'host'], /Invalid command: ""\. Expected a command to benchmark/],
    [['--threshold', '5', '--', 'true'], /Invalid --threshold: "5"/],
  ])('exits 2 with one line for %j', async (args, expected) => {
    const run = await runNode(CLI, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('exits 3 with failed cells and the helper message when the command does not exist', async () => {
    const dir = tempDir('cli');
    const json = path.join(dir, 'r.json');
    const run = await runNode(
      CLI,
      [...HOST, '--runs', '2', '--json', json, '--', './no-such-benchmark', '--x'],
      { cwd: dir },
    );
    expect(run.code).toBe(3);
    const results = parseResults(readFileSync(json, 'utf8'), 'results');
    for (const cell of results.cells) {
      expect(cell.status).toBe('failed');
      expect(cell.reason).toMatch(/127.*No such file or directory/);
    }
    expect(run.stdout).toContain('failed');
  });

  it('exits 3 with one clear message when the Docker engine is missing', async () => {
    const run = await runNode(CLI, ['--runs', '1', '--', 'true'], {
      env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      cwd: tempDir('cli'),
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Docker engine not available \(.*\)\. Start Docker, or use executor: host\./);
  });

  it('exits 1 on doubled allocations against a baseline file', async () => {
    const dir = tempDir('cli');
    const baseline = path.join(dir, 'baseline.json');
    const before = await runNode(CLI, [...HOST, '--runs', '10', '--json', baseline, '--', './churn'], {
      cwd: benchWorkspace(0),
    });
    expect(before.code).toBe(0);
    const headJson = path.join(dir, 'h.json');
    const after = await runNode(
      CLI,
      [...HOST, '--runs', '10', '--baseline', baseline, '--json', headJson, '--', './churn'],
      {
        cwd: benchWorkspace(100),
      },
    );
    expect(after.code).toBe(1);
    // The allocation counts are exact, so they fail the step on any machine; the timing verdicts
    // depend on the machine's noise and are only required to be printed as judged.
    expect(after.stderr).toMatch(/^allocation regression: glibc\/default: allocation calls \+\d/m);
    const results = parseResults(readFileSync(headJson, 'utf8'), 'results');
    expectTimingReportsMatchVerdicts({ by: 'cli', output: after.stderr }, results, results.config.metric);
  });

  it('exits 2 for a corrupt baseline file, naming it', async () => {
    const dir = tempDir('cli');
    const baseline = path.join(dir, 'broken.json');
    writeFileSync(baseline, '{"schema": "malloc-matrix/results", "version": 1, "cells": [');
    const run = await runNode(CLI, [...HOST, '--runs', '1', '--baseline', baseline, '--', 'true'], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Invalid baseline: baseline file .*broken\.json.*not valid JSON/);
  });
});
