// The bundled action (dist/index.js) in a sharded workflow, driven as GitHub drives it: two jobs
// with `mode: shard` upload their results through the real @actions/artifact client to a local
// stand-in for the Actions artifact service, and a job with `mode: merge` of the same workflow run
// downloads them, merges them and posts one sticky comment through a local GitHub API stand-in.
// Host executor: no Docker needed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseResults } from '../src/results/schema.js';
import { FakeArtifactService } from './fakes/artifact-server.js';
import { FakeGitHub } from './fakes/github-server.js';
import { benchWorkspace, runAction, tempDir } from './support/bench.js';

const TOKEN = 'ghs_shardsActionToken0123456789';
const RUN = '6f1c2d3e-0000-4000-8000-00000000beef';

let gh: FakeGitHub;
let artifacts: FakeArtifactService;
beforeAll(async () => {
  gh = new FakeGitHub();
  artifacts = new FakeArtifactService();
  await Promise.all([gh.start(), artifacts.start()]);
});
afterAll(async () => Promise.all([gh.stop(), artifacts.stop()]));

function pullRequestEnv(job: string): NodeJS.ProcessEnv {
  const eventPath = path.join(tempDir('event'), 'event.json');
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main' } } }));
  return {
    ...artifacts.jobEnv(RUN, job),
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/widgets',
    GITHUB_API_URL: gh.baseUrl,
  };
}

describe('dist/index.js: mode shard and mode merge', () => {
  it('uploads two shards without commenting, then merges them into one report and one comment', async () => {
    const ws = benchWorkspace();
    const common = { executor: 'host', name: 'sharded churn', run: './churn', runs: '3', baseline: 'none' };
    const shards = [
      await runAction(
        { ...common, mode: 'shard', allocators: 'default', 'github-token': TOKEN },
        { GITHUB_WORKSPACE: ws, ...pullRequestEnv('shard-1') },
      ),
      await runAction(
        {
          ...common,
          mode: 'shard',
          allocators: 'jemalloc,mimalloc',
          'shard-id': 'host-preloaded',
          'github-token': TOKEN,
        },
        { GITHUB_WORKSPACE: ws, ...pullRequestEnv('shard-2') },
      ),
    ];
    for (const shard of shards) {
      expect(shard.stdout).not.toContain('::error');
      expect(shard.code).toBe(0);
    }
    expect(shards[1].stdout).toMatch(
      /Uploaded shard host-preloaded as artifact malloc-matrix-shard-[0-9a-f]{8}-host-preloaded\./,
    );
    expect(artifacts.artifacts.map((a) => a.jobId)).toEqual(['shard-1', 'shard-2']);
    // A shard neither comments nor gates: the merge does.
    expect(gh.comments).toHaveLength(0);
    const shardResults = parseResults(readFileSync(shards[1].outputs.results, 'utf8'), 'shard');
    expect(shardResults.shards?.map((s) => s.id)).toEqual(['host-preloaded']);

    const merge = await runAction(
      { mode: 'merge', name: 'sharded churn', comment: 'always', 'github-token': TOKEN },
      { GITHUB_WORKSPACE: tempDir('empty'), ...pullRequestEnv('merge') },
    );
    expect(merge.stdout).not.toContain('::error');
    expect(merge.code).toBe(0);
    const merged = parseResults(readFileSync(merge.outputs.results, 'utf8'), 'merged');
    expect(merged.shards?.map((s) => [s.id, s.status, s.cells])).toEqual([
      ['host-preloaded', 'merged', 2],
      ['x86_64-glibc-default', 'merged', 1],
    ]);
    expect(merged.cells.map((c) => `${c.allocator}:${c.status}`)).toEqual([
      'default:ok',
      'mimalloc:ok',
      'jemalloc:ok',
    ]);
    expect(merge.outputs.regressed).toBe('false');
    expect(merge.outputs.report).toContain('| default | mimalloc | jemalloc |');
    expect(merge.outputs.report).toContain('Shards: 2 job(s)');
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0].body).toBe(merge.outputs.report);
    expect(merge.summary).toContain('## malloc-matrix: sharded churn');
  });

  it('fails the merge with one line naming both shards when they ran different commands', async () => {
    const ws = benchWorkspace();
    const run = 'b2c3d4e5-0000-4000-8000-00000000cafe';
    const shard = (job: string, command: string, allocators: string) =>
      runAction(
        {
          executor: 'host',
          name: 'conflict',
          run: command,
          runs: '2',
          baseline: 'none',
          mode: 'shard',
          allocators,
        },
        { GITHUB_WORKSPACE: ws, ...artifacts.jobEnv(run, job) },
      );
    expect((await shard('a', './churn', 'default')).code).toBe(0);
    expect((await shard('b', './churn 1000', 'jemalloc')).code).toBe(0);
    const merge = await runAction({ mode: 'merge', name: 'conflict' }, artifacts.jobEnv(run, 'merge'));
    expect(merge.code).toBe(1);
    const errors = merge.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::shards .* and .* disagree on the command: "\.\/churn" vs "\.\/churn 1000"/,
    );
  });
});
