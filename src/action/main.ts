// The action's flow: inputs -> pipeline -> results file -> job summary -> outputs -> PR comment
// -> gate. One top-level catch turns anything thrown into a failed step with a one-line message.
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBaselineSources } from '../baseline/sources.js';
import { OUTPUTS, STATE_RUN_ID, type InputName } from '../config/names.js';
import type { Config } from '../config/config.js';
import { messageOf } from '../base/errors.js';
import { createExecutor, removeLeftovers } from '../executors/factory.js';
import { readGitHubContext, type GitHubContext } from '../github/context.js';
import { postReportComment } from '../github/comment.js';
import { readHostInfo } from '../app/host-info.js';
import { parseConfig } from '../config/parse.js';
import type { Results } from '../results/model.js';
import {
  anyCellMeasured,
  describeRegression,
  regressedComparisons,
  runPipeline,
  type Logger,
} from '../app/run-benchmark.js';
import { createProgress } from '../app/progress.js';
import { renderMarkdown, reportMarker } from '../report/markdown.js';
import { reproduceCommand } from '../report/reproduce.js';
import { readResultsFile, writeResultsAtomic } from '../results/io.js';
import { randomSeed } from '../base/rng.js';
import { actionsArtifactStore } from '../shards/artifact-store.js';
import { mergeJob } from '../shards/merge-job.js';
import { shardPipelineConfig, uploadShard } from '../shards/shard-run.js';
import { TOOL_VERSION } from '../base/version.js';

const STATE_IS_POST = 'malloc-matrix-is-post';

/** GitHub passes input `foo-bar` as INPUT_FOO-BAR; read the env directly to tell unset from empty. */
export function actionInput(env: NodeJS.ProcessEnv, name: InputName): string | undefined {
  return env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}

const logger: Logger = {
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  group: (name, fn) => core.group(name, fn),
};

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    if (core.getState(STATE_IS_POST) === 'true') {
      await post(env);
      return;
    }
    core.saveState(STATE_IS_POST, 'true');
    await main(env);
  } catch (error) {
    // Anything thrown, Error or not, fails the step with one line and no stack trace.
    core.setFailed(messageOf(error));
  }
}

/** The post step: remove any container a cancelled or crashed main step left behind. */
async function post(env: NodeJS.ProcessEnv): Promise<void> {
  const runId = core.getState(STATE_RUN_ID);
  // The host executor starts no container, and its runner may have no Docker engine to ask.
  if (!runId || actionInput(env, 'executor')?.trim() === 'host') return;
  const removed = await removeLeftovers(runId, (m) => core.warning(m));
  if (removed > 0) core.info(`Removed ${removed} leftover container(s) of this run.`);
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const config = parseConfig((name) => actionInput(env, name), {
    label: (name) => `input '${name}'`,
    randomSeed,
  });
  if (config.githubToken) core.setSecret(config.githubToken);
  const github = readGitHubContext(env);
  const outDir = path.join(env.RUNNER_TEMP ?? os.tmpdir(), `malloc-matrix-${randomBytes(4).toString('hex')}`);
  mkdirSync(outDir, { recursive: true });
  const resultsPath = path.join(outDir, 'results.json');

  if (config.mode === 'report') {
    const results = await readResultsFile(config.resultsFile!);
    await writeResultsAtomic(resultsPath, results);
    await publish(config, github, results, resultsPath, env);
    return;
  }
  const workspace = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  if (config.mode === 'merge') {
    const merged = await mergeJob(config, { github, workspace, tmpDir: outDir, log: logger });
    await writeResultsAtomic(resultsPath, merged.results);
    if (merged.selection.saveToCache) await merged.saveCache(logger);
    await publish(merged.config, github, merged.results, resultsPath, env);
    if (merged.missingRequiredBaseline) {
      core.setFailed(`require-baseline is true but there is no baseline: ${merged.missingRequiredBaseline}`);
    }
    if (!anyCellMeasured(merged.results)) core.setFailed('no shard measured any cell; see the table');
    return;
  }

  const runId = randomBytes(6).toString('hex');
  core.saveState(STATE_RUN_ID, runId);
  const host = readHostInfo();
  const { executor, libcs } = await createExecutor(config, {
    runId,
    log: logger,
    env: Object.fromEntries(config.env),
  });
  const baselines = createBaselineSources({
    config,
    github,
    workspace,
    libcs,
    tmpDir: outDir,
    mode: 'action',
  });
  let partial: (() => Results) | undefined;
  // A shard neither comments, gates nor saves a baseline: the merge job does, for all cells.
  const runConfig = config.mode === 'shard' ? shardPipelineConfig(config) : config;
  try {
    const outcome = await runPipeline(runConfig, {
      executor,
      progress: createProgress({ write: (t) => process.stdout.write(t), isTTY: false }),
      log: logger,
      github,
      baselines,
      host,
      workspace,
      libcs,
      toolVersion: TOOL_VERSION,
      now: () => new Date(),
      onSession: (snapshot) => (partial = snapshot),
    });
    let results = outcome.results;
    if (config.mode === 'shard') {
      const shard = await uploadShard(actionsArtifactStore(outDir), results, {
        file: resultsPath,
        shardId: config.shardId,
      });
      core.info(`Uploaded shard ${shard.shardId} as artifact ${shard.artifact}.`);
      results = shard.results;
    } else {
      await writeResultsAtomic(resultsPath, results);
      if (outcome.selection.saveToCache) await baselines.saveCache(results, logger);
    }
    await publish(runConfig, github, results, resultsPath, env);
    if (outcome.missingRequiredBaseline) {
      core.setFailed(`require-baseline is true but there is no baseline: ${outcome.missingRequiredBaseline}`);
    }
    // As in the CLI: a run in which nothing could be measured is no pass.
    if (!anyCellMeasured(outcome.results)) {
      core.setFailed('no cell could be measured; see the table for each cell’s reason');
    }
  } catch (error) {
    // Results are always written, even partial ones, before the step fails.
    const snapshot = (error as { partialResults?: Results }).partialResults ?? partial?.();
    if (snapshot) {
      await writeResultsAtomic(resultsPath, snapshot).catch(() => undefined);
      // A failed shard still hands the merge what it measured, and its failure.
      if (config.mode === 'shard') {
        await uploadShard(actionsArtifactStore(outDir), snapshot, {
          file: resultsPath,
          shardId: config.shardId,
        }).catch((e: unknown) => core.warning(messageOf(e)));
      }
      core.setOutput(OUTPUTS.results, resultsPath);
      await core.summary
        .addRaw(renderMarkdown(snapshot, { reproduceCommand: reproduceCommand(config) }))
        .write()
        .catch(() => undefined);
    }
    throw error;
  }
}

async function publish(
  config: Config,
  github: GitHubContext,
  results: Results,
  resultsPath: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const markdown = renderMarkdown(results, { reproduceCommand: reproduceCommand(config) });
  const regressedCells = regressedComparisons(results);
  const regressed = regressedCells.length > 0;
  core.setOutput(OUTPUTS.results, resultsPath);
  core.setOutput(OUTPUTS.report, markdown);
  core.setOutput(OUTPUTS.regressed, regressed ? 'true' : 'false');
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write({ overwrite: false });

  const prNumber = config.prNumber ?? results.git?.pr ?? github.prNumber;
  const wantsComment = config.comment === 'always' || (config.comment === 'on-regression' && regressed);
  if (wantsComment && prNumber !== undefined && github.owner && github.repo) {
    if (!config.githubToken) {
      core.warning('No github-token: the report is in the job summary only. Pass github-token to comment.');
    } else {
      const posted = await postReportComment({
        token: config.githubToken,
        target: { owner: github.owner, repo: github.repo, issueNumber: prNumber },
        marker: reportMarker(results.name),
        body: markdown,
        client: { baseUrl: github.apiUrl },
      });
      if (posted.url) core.setOutput(OUTPUTS.commentUrl, posted.url);
      if (posted.status === 'warning')
        core.warning(posted.message ?? 'Could not comment on the pull request.');
      else if (posted.url) core.info(`Report comment ${posted.status}: ${posted.url}`);
    }
  } else if (wantsComment) {
    core.info('Not a pull request: the report is in the job summary only.');
  }

  // A cell that crashed, timed out or could not prove its preload is easy to miss in a table:
  // annotate it, without failing the step (the gate is about regressions).
  const title = `malloc-matrix: ${results.name}`;
  for (const cell of results.cells) {
    const label = `${cell.libc}/${cell.allocator}${cell.tree === 'base' ? ' (base)' : ''}`;
    for (const note of cell.warnings ?? []) core.warning(`${label}: ${note}`, { title });
    if (cell.status === 'ok' || cell.status === 'unavailable') continue;
    core.warning(`${label}: ${cell.status}: ${cell.reason ?? ''}`, { title });
  }

  // A shard's own comparisons are only a preview: the merge judges all shards' cells as one family.
  if (regressed && config.mode !== 'shard') {
    for (const c of regressedCells) {
      core.error(`Regression: ${describeRegression(c)}`, { title });
    }
    const message = `${regressedCells.length} cell(s) regressed beyond the threshold: ${regressedCells.map(describeRegression).join('; ')}`;
    if (config.failOnRegression) core.setFailed(message);
    else core.warning(`${message} (fail-on-regression is false)`);
  }
}
