// Shards and the merge through the real @actions/artifact client, against a local stand-in for
// the Actions artifact service and its blob storage (fakes/artifact-server.ts), the way the
// comment tests drive Octokit: each shard job uploads its results, the merge job of the same
// workflow run lists, downloads and merges them.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../src/config/config.js';
import { parseConfig } from '../src/config/parse.js';
import type { GitHubContext } from '../src/github/context.js';
import { renderMarkdown } from '../src/report/markdown.js';
import type { Results } from '../src/results/model.js';
import { actionsArtifactStore } from '../src/shards/artifact-store.js';
import { ShardConflictError } from '../src/shards/merge.js';
import { mergeJob, type MergeJobOutcome } from '../src/shards/merge-job.js';
import { uploadShard } from '../src/shards/shard-run.js';
import { shardArtifactName } from '../src/shards/shard-id.js';
import { FakeBaselineSources } from './fakes/baseline-sources.js';
import { FakeArtifactService } from './fakes/artifact-server.js';
import { shardResults } from './fixtures/shards.js';

const RUN = 'a1b2c3d4-0000-4000-8000-000000000001';
const GITHUB: GitHubContext = {
  eventName: 'pull_request',
  baseSha: 'abc1234def5678900000000000000000000abcde',
  branch: 'main',
  prNumber: 7,
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
};
const ENV_KEYS = ['ACTIONS_RESULTS_URL', 'ACTIONS_RUNTIME_TOKEN', 'GITHUB_SERVER_URL'] as const;

let service: FakeArtifactService;
let tmp: string;
const savedEnv: Partial<Record<string, string>> = {};

beforeAll(() => {
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
});
afterAll(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});
beforeEach(async () => {
  // @actions/artifact logs through @actions/core, which writes workflow commands to stdout.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  service = new FakeArtifactService();
  await service.start();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mm-shards-'));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await service.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** Becomes job `jobId` of workflow run `runId`: its token and the service's address. */
function asJob(jobId: string, runId = RUN): void {
  Object.assign(process.env, service.jobEnv(runId, jobId));
}

/** A shard job: measures (here: given results) and uploads them as `mode: shard` does. */
async function shardJob(jobId: string, results: Results, shardId?: string, runId = RUN) {
  asJob(jobId, runId);
  const dir = mkdtempSync(path.join(tmp, `${jobId}-`));
  return uploadShard(actionsArtifactStore(path.join(dir, 'downloads')), results, {
    file: path.join(dir, 'results.json'),
    shardId,
  });
}

function mergeConfig(inputs: Record<string, string> = {}): Config {
  const given: Record<string, string> = { mode: 'merge', ...inputs };
  return parseConfig((name) => given[name], {
    label: (name) => `input '${name}'`,
    randomSeed: () => 1,
  });
}

/** The merge job of the run, as `mode: merge` runs it; its warnings are collected. */
async function mergeJobOf(
  config = mergeConfig(),
  runId = RUN,
): Promise<MergeJobOutcome & { logged: string[] }> {
  asJob('merge', runId);
  const logged: string[] = [];
  const outcome = await mergeJob(config, {
    github: GITHUB,
    workspace: tmp,
    tmpDir: mkdtempSync(path.join(tmp, 'merge-')),
    log: { info: () => undefined, warning: (m) => logged.push(m) },
    createBaselines: () => new FakeBaselineSources(),
  });
  return { ...outcome, logged };
}

const headCells = (r: Results) => r.cells.filter((c) => c.tree === 'head');

describe('shards through the Actions artifact service', () => {
  it('uploads two shards from their own jobs, then downloads and merges them in the merge job', async () => {
    const musl = await shardJob('shard-musl', shardResults({ libcs: ['musl'], base: true }));
    const glibc = await shardJob('shard-glibc', shardResults({ libcs: ['glibc'], base: true }));
    expect(musl.artifact).toBe(shardArtifactName('json-parse', 'x86_64-musl-default-mimalloc-jemalloc'));
    expect(service.artifacts.map((a) => [a.name, a.jobId, a.finalized])).toEqual([
      [musl.artifact, 'shard-musl', true],
      [glibc.artifact, 'shard-glibc', true],
    ]);

    const merged = await mergeJobOf();
    expect(merged.logged).toEqual([]);
    expect(merged.results.shards?.map((s) => [s.id, s.status, s.artifact])).toEqual([
      [musl.shardId, 'merged', musl.artifact],
      [glibc.shardId, 'merged', glibc.artifact],
    ]);
    expect(headCells(merged.results).map((c) => `${c.libc}/${c.allocator}:${c.status}`)).toEqual([
      'musl/default:ok',
      'musl/mimalloc:ok',
      'musl/jemalloc:ok',
      'glibc/default:ok',
      'glibc/mimalloc:ok',
      'glibc/jemalloc:ok',
    ]);
    // Paired inside each shard, judged together: 6 cells × (wall, rss).
    expect(merged.results.baseline).toMatchObject({ kind: 'base', paired: true });
    expect(merged.results.comparisons).toHaveLength(12);
    expect(service.calls).toEqual(
      expect.arrayContaining([
        'CreateArtifact',
        'blob PUT block',
        'blob PUT blocklist',
        'FinalizeArtifact',
        'ListArtifacts',
        'GetSignedArtifactURL',
        'blob GET',
      ]),
    );
  });

  it('replaces the artifact of a re-run shard job instead of failing on its name', async () => {
    await shardJob('shard-musl', shardResults({ libcs: ['musl'], command: './bench --old' }), 'x86_64-musl');
    await shardJob('shard-musl-rerun', shardResults({ libcs: ['musl'] }), 'x86_64-musl');
    expect(service.calls).toContain('DeleteArtifact');
    expect(service.artifacts).toHaveLength(1);
    const merged = await mergeJobOf();
    expect(merged.results.command).toEqual({
      kind: 'shell',
      script: './bench --iterations 200000 corpus/*.json',
    });
  });

  it('reports a missing shard as its cells unavailable, naming it, and merges the others', async () => {
    await shardJob('x-musl', shardResults({ arch: 'x64', libcs: ['musl'] }), 'x86_64-musl');
    await shardJob('x-glibc', shardResults({ arch: 'x64', libcs: ['glibc'] }), 'x86_64-glibc');
    await shardJob('a-glibc', shardResults({ arch: 'arm64', libcs: ['glibc'] }), 'arm64-glibc');
    // The arm64 musl job never got a runner: no artifact.
    const merged = await mergeJobOf(mergeConfig({ baseline: 'none' }));
    const missing = headCells(merged.results).filter((c) => c.status === 'unavailable');
    expect(missing.map((c) => `${c.arch} ${c.libc}/${c.allocator}`)).toEqual([
      'arm64 musl/default',
      'arm64 musl/mimalloc',
      'arm64 musl/jemalloc',
    ]);
    expect(missing[0].reason).toContain('shard arm64-musl is missing');
    expect(merged.logged).toEqual([
      'arm64 musl: 3 cell(s) not measured: shard arm64-musl is missing or failed before uploading',
    ]);
    expect(headCells(merged.results).filter((c) => c.status === 'ok')).toHaveLength(9);
  });

  it('refuses a shard that ran another command, naming both artifacts', async () => {
    const a = await shardJob('shard-musl', shardResults({ libcs: ['musl'] }), 'x86_64-musl');
    const b = await shardJob(
      'shard-glibc',
      shardResults({ libcs: ['glibc'], command: './bench --quick' }),
      'x86_64-glibc',
    );
    const merging = mergeJobOf();
    await expect(merging).rejects.toBeInstanceOf(ShardConflictError);
    await expect(merging).rejects.toThrow(
      `shards x86_64-musl (artifact ${a.artifact}) and x86_64-glibc (artifact ${b.artifact}) disagree on the command`,
    );
  });

  it('refuses two shards that measured the same cell, naming both', async () => {
    await shardJob('one', shardResults({ libcs: ['musl'] }), 'musl-one');
    await shardJob('two', shardResults({ libcs: ['musl'], allocators: ['mimalloc'] }), 'musl-two');
    await expect(mergeJobOf()).rejects.toThrow(
      /shards musl-one \(artifact .*\) and musl-two \(artifact .*\) both measured x86_64 musl\/mimalloc/,
    );
  });

  it('refuses a corrupt artifact and an oversized one without losing the other shards', async () => {
    await shardJob('shard-musl', shardResults({ libcs: ['musl'] }), 'x86_64-musl');
    const store = actionsArtifactStore(path.join(tmp, 'unused'));
    asJob('shard-glibc');
    const corrupt = path.join(tmp, 'corrupt', 'results.json');
    rmSync(path.dirname(corrupt), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(corrupt)));
    writeFileSync(corrupt, '{"schema": "malloc-matrix/results", "cells": [');
    await store.upload(shardArtifactName('json-parse', 'x86_64-glibc'), corrupt);
    asJob('shard-arm64');
    const huge = shardResults({ arch: 'arm64', libcs: ['musl'] });
    huge.cells = Array.from({ length: 1001 }, (_, i) => ({ ...huge.cells[0], allocator: `a${i}` }));
    const hugeFile = path.join(tmp, 'huge', 'results.json');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(hugeFile)));
    writeFileSync(hugeFile, JSON.stringify(huge));
    await store.upload(shardArtifactName('json-parse', 'arm64-musl'), hugeFile);

    const merged = await mergeJobOf();
    const byId = new Map(merged.results.shards?.map((s) => [s.id, s]));
    expect(byId.get('x86_64-musl')?.status).toBe('merged');
    expect(byId.get('x86_64-glibc')).toMatchObject({ status: 'refused' });
    expect(byId.get('x86_64-glibc')?.reason).toMatch(/^shard results .*results\.json: /);
    expect(byId.get('arm64-musl')?.reason).toContain(
      'is refused: cells has 1,001 entries; the limit is 1,000 cells',
    );
    const unavailable = headCells(merged.results).filter((c) => c.status === 'unavailable');
    // Every architecture × libc is expected: arm64 glibc had no shard in this run at all.
    expect(new Set(unavailable.map((c) => `${c.arch} ${c.libc}`))).toEqual(
      new Set(['x64 glibc', 'arm64 musl', 'arm64 glibc']),
    );
    expect(unavailable.find((c) => c.arch === 'arm64' && c.libc === 'glibc')?.reason).toContain(
      'shard arm64-glibc is missing',
    );
    expect(unavailable.find((c) => c.libc === 'glibc')?.reason).toContain(
      'its shard x86_64-glibc was refused',
    );
    expect(
      headCells(merged.results)
        .filter((c) => c.libc === 'musl' && c.arch === 'x64')
        .every((c) => c.status === 'ok'),
    ).toBe(true);
  });

  it('keys the rows by architecture when x86_64 shards meet a results file that claims arm64', async () => {
    await shardJob('x-musl', shardResults({ arch: 'x64', libcs: ['musl'] }), 'x86_64-musl');
    await shardJob('x-glibc', shardResults({ arch: 'x64', libcs: ['glibc'] }), 'x86_64-glibc');
    await shardJob(
      'claims-arm',
      shardResults({ arch: 'arm64', libcs: ['glibc'], allocators: ['default', 'mimalloc', 'jemalloc'] }),
    );
    const merged = await mergeJobOf();
    const markdown = renderMarkdown(merged.results);
    expect(markdown).toContain('| arch, libc | default | mimalloc | jemalloc |');
    for (const row of ['x86_64 musl', 'x86_64 glibc', 'arm64 glibc', 'arm64 musl']) {
      expect(markdown).toContain(`| **${row}** |`);
    }
    expect(markdown).toMatch(
      /\| \*\*arm64 musl\*\* \| _unavailable: not measured: shard arm64-musl is missing/,
    );
  });

  it("merges only its own run's shards, and with `name` only that benchmark's", async () => {
    await shardJob('shard-musl', shardResults({ libcs: ['musl'] }), 'x86_64-musl');
    await shardJob('other-run', shardResults({ libcs: ['glibc'] }), 'x86_64-glibc', 'another-run');
    const other = shardResults({ libcs: ['glibc'] });
    other.name = 'xml-parse';
    other.command = { kind: 'shell', script: './xml-bench' };
    await shardJob('other-benchmark', other, 'x86_64-glibc');

    const own = await mergeJobOf(mergeConfig({ name: 'json-parse' }));
    expect(own.results.shards?.map((s) => s.id)).toEqual(['x86_64-musl']);
    expect(own.results.config.libcs).toEqual(['musl']);
    // Without a name, the shards of two benchmarks in one run cannot be merged.
    await expect(mergeJobOf()).rejects.toThrow(/disagree on the name: "json-parse" vs "xml-parse"/);
  });

  it('says when the run has no shard at all', async () => {
    await expect(mergeJobOf()).rejects.toThrow(
      'this workflow run has no shard artifacts: the jobs with mode: shard upload them',
    );
  });
});
