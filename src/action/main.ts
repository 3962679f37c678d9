// The action's entry adapter: Actions inputs -> Config -> the core (runBenchmark, gate, report,
// comment) -> results file, outputs, job summary and annotations. Everything it touches comes in
// through ActionDeps; one top-level catch turns anything thrown into a failed step with one line.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { OUTPUTS, STATE_RUN_ID } from '../config/names.js';
import { parseConfig } from '../config/parse.js';
import { messageOf } from '../base/errors.js';
import { randomSeed } from '../base/rng.js';
import { readGitHubContext, type GitHubContext } from '../github/context.js';
import type { ConnectComments } from '../github/comment.js';
import { toBmf } from '../report/exports/bmf.js';
import { toGab } from '../report/exports/gab.js';
import type { Results } from '../results/model.js';
import { readUntrustedResultsFile, writeResultsAtomic, writeTextAtomic } from '../results/io.js';
import { gate, type GateInput, type GateVerdict } from '../app/gate.js';
import type { Logger, RunPorts, Services } from '../app/ports.js';
import { createProgress } from '../app/progress.js';
import { gatesAChange } from '../baseline/select.js';
import type { ReportTarget } from '../github/report-target.js';
import {
  commentTarget,
  publishComment,
  reportMarkdown,
  reportNameMismatch,
  type ConnectPullRequests,
} from '../app/publish.js';
import { runPortsFor, startBenchmark } from '../app/run-benchmark.js';
import { exitOnSignal } from '../app/signals.js';
import { actionsArtifactStore, type ShardStore } from '../shards/artifact-store.js';
import { mergeJob } from '../shards/merge-job.js';
import { shardPipelineConfig, uploadShard } from '../shards/shard-run.js';
import type { ActionIo } from './io.js';

export interface ActionDeps {
  io: ActionIo;
  /** The runner's environment: GITHUB_* (event, workspace) and RUNNER_TEMP. */
  env: NodeJS.ProcessEnv;
  services: Services;
  /** The post step's cleanup: removes the containers of a run; returns how many there were. */
  removeLeftovers: (runId: string, warn: (message: string) => void) => Promise<number>;
  /** The GitHub API behind the sticky comment (the real client when absent). */
  connectComments?: ConnectComments;
  /** The pull request lookups of report mode's target check (the real client when absent). */
  connectPullRequests?: ConnectPullRequests;
  /** Where shards leave their results for the merge (the workflow run's artifacts when absent). */
  shardStore?: ShardStore;
}

const STATE_IS_POST = 'malloc-matrix-is-post';

export async function run(deps: ActionDeps): Promise<void> {
  const { io } = deps;
  try {
    if (io.getState(STATE_IS_POST) === 'true') {
      await post(deps);
      return;
    }
    io.saveState(STATE_IS_POST, 'true');
    await main(deps);
  } catch (error) {
    // Anything thrown, Error or not, fails the step with one line and no stack trace.
    io.setFailed(messageOf(error));
  }
}

/** The post step: remove any container a cancelled or crashed main step left behind. */
async function post({ io, removeLeftovers }: ActionDeps): Promise<void> {
  const runId = io.getState(STATE_RUN_ID);
  // The host executor starts no container, and its runner may have no Docker engine to ask.
  if (!runId || io.getInput('executor')?.trim() === 'host') return;
  const removed = await removeLeftovers(runId, (m) => io.warning(m));
  if (removed > 0) io.info(`Removed ${removed} leftover container(s) of this run.`);
}

/** One step's run: what it was asked and where its results go. */
interface Step {
  deps: ActionDeps;
  config: Config;
  github: GitHubContext;
  resultsPath: string;
  /** Report mode: the pull request the event names, resolved before anything is reported. */
  target?: ReportTarget;
}

async function main(deps: ActionDeps): Promise<void> {
  const { io, env } = deps;
  const config = parseConfig((name) => io.getInput(name), {
    label: (name) => `input '${name}'`,
    randomSeed,
    environment: (key) => env[key],
  });
  if (config.githubToken) io.setSecret(config.githubToken);
  const github = readGitHubContext(env);
  const outDir = await mkdtemp(path.join(env.RUNNER_TEMP ?? os.tmpdir(), 'malloc-matrix-'));
  const step: Step = { deps, config, github, resultsPath: path.join(outDir, 'results.json') };
  if (config.mode === 'report') {
    // The file comes from a pull request's own run: bounded, validated, and checked against the
    // event before any of it is reported.
    const results = await readUntrustedResultsFile(config.resultsFile!);
    const wrongName = reportNameMismatch(config.name, results.name, `input 'name'`);
    if (wrongName) throw new Error(wrongName);
    step.target = await commentTarget(config, github, results, deps.connectPullRequests);
    if (step.target.kind === 'refused') throw new Error(step.target.reason);
    for (const note of step.target.notes) io.warning(note);
    const verdict = gate({ results }, config, { gatingEvent: gatesAChange(github) });
    await finish(step, { results }, verdict, await writeReport(step, results, verdict));
    return;
  }
  if (config.mode === 'merge') return merge(step, outDir);
  await benchmark(step);
}

/** `mode: merge`: every shard of the workflow run merged, then reported and gated as one run. */
async function merge(step: Step, outDir: string): Promise<void> {
  const { io, env, services } = step.deps;
  const log = runLog(io);
  const m = await mergeJob(step.config, {
    github: step.github,
    workspace: path.resolve(env.GITHUB_WORKSPACE ?? process.cwd()),
    tmpDir: outDir,
    log,
    createBaselines: services.createBaselines,
    ...(step.deps.shardStore ? { store: step.deps.shardStore } : {}),
  });
  step.config = m.config;
  if (m.selection.saveToCache) await m.saveCache(log);
  const verdict = gate({ results: m.results }, m.config, { gatingEvent: gatesAChange(step.github) });
  await finish(step, { results: m.results }, verdict, await writeReport(step, m.results, verdict));
}

async function benchmark(step: Step): Promise<void> {
  const { io, services } = step.deps;
  const shardId = step.config.mode === 'shard' ? step.config.shardId : undefined;
  // A shard neither comments, gates nor saves a baseline: the merge job does, for all cells.
  if (step.config.mode === 'shard') step.config = shardPipelineConfig(step.config);
  const run = startBenchmark(step.config, runPorts(step));
  io.saveState(STATE_RUN_ID, run.runId);
  let written: Promise<WrittenReport> | undefined;
  // Cancelling a job sends SIGINT, then SIGTERM a few seconds later, then kills: the partial
  // results and the summary must be out before that, so nothing slow happens here (no container
  // is removed: the post step does that).
  const guard = exitOnSignal(services.process, async (signal) => {
    io.warning(`${signal} received: writing the results measured so far.`);
    if (written) await written;
    else {
      const partial = run.interrupted(signal);
      if (partial) await writeReport(step, partial, undefined);
    }
    io.setFailed(`interrupted by ${signal}`);
  });
  try {
    const outcome = await run.outcome;
    if (guard.interrupted) {
      await guard.interrupted;
      return;
    }
    if (step.config.mode === 'shard' && outcome.results) {
      outcome.results = await shareShard(step, outcome.results, shardId, outcome.fatal !== undefined);
    }
    const verdict = gate(outcome, step.config, { gatingEvent: gatesAChange(step.github) });
    // Partial results are no verdict: they get the results file and the summary only.
    written = outcome.results && writeReport(step, outcome.results, outcome.fatal ? undefined : verdict);
    await finish(step, outcome, verdict, await written);
  } finally {
    guard.stop();
  }
}

/**
 * Uploads a shard's results for the merge; returns them as uploaded (marked as this shard's). A
 * complete shard that cannot be uploaded fails the step; a partial one is shared on a best-effort
 * basis, as its own failure is what the step reports.
 */
async function shareShard(
  step: Step,
  results: Results,
  shardId: string | undefined,
  partial: boolean,
): Promise<Results> {
  const { io } = step.deps;
  const store = step.deps.shardStore ?? actionsArtifactStore(path.dirname(step.resultsPath));
  const upload = uploadShard(store, results, {
    file: step.resultsPath,
    shardId,
  });
  if (partial) {
    const shared = await upload.catch((error: unknown) => {
      io.warning(messageOf(error));
      return undefined;
    });
    return shared?.results ?? results;
  }
  const shard = await upload;
  io.info(`Uploaded shard ${shard.shardId} as artifact ${shard.artifact}.`);
  return shard.results;
}

/** After the report is written: the comment, the annotations and what fails the step. */
async function finish(
  step: Step,
  outcome: GateInput,
  verdict: GateVerdict,
  report: WrittenReport | undefined,
): Promise<void> {
  const { io } = step.deps;
  if (outcome.results && report && !outcome.fatal)
    await comment(step, outcome.results, report.markdown, verdict);
  for (const annotation of verdict.annotations) io.annotate(annotation);
  for (const failure of verdict.failures) io.setFailed(failure);
  if (report?.writeFailure) io.setFailed(report.writeFailure);
}

interface WrittenReport {
  markdown: string;
  /** Why the results file could not be written, if it could not. */
  writeFailure?: string;
}

/**
 * The local, quick part of reporting, which a signal handler waits for: the results file, the
 * outputs (given a verdict) and the job summary.
 */
async function writeReport(
  step: Step,
  results: Results,
  verdict: GateVerdict | undefined,
): Promise<WrittenReport> {
  const { io } = step.deps;
  const report: WrittenReport = { markdown: reportMarkdown(results, step.config, step.github) };
  try {
    await writeResultsAtomic(step.resultsPath, results);
    io.setOutput(OUTPUTS.results, step.resultsPath);
  } catch (error) {
    report.writeFailure = messageOf(error);
  }
  if (verdict) {
    io.setOutput(OUTPUTS.report, report.markdown);
    io.setOutput(OUTPUTS.regressed, verdict.regressed ? 'true' : 'false');
    await writeExports(step, results).catch((error: unknown) => {
      io.warning(`Could not write the dashboard exports: ${messageOf(error)}`);
    });
  }
  await io.appendSummary(report.markdown).catch((error: unknown) => {
    io.warning(`Could not write the job summary: ${messageOf(error)}`);
  });
  return report;
}

/** The dashboard exports: Bencher's BMF as an output and a file, github-action-benchmark's as a file. */
async function writeExports(step: Step, results: Results): Promise<void> {
  const { io } = step.deps;
  const bmf = JSON.stringify(toBmf(results));
  const dir = path.dirname(step.resultsPath);
  io.setOutput(OUTPUTS.bmf, bmf);
  await writeTextAtomic(path.join(dir, 'bmf.json'), `${bmf}\n`, 'the Bencher export');
  io.setOutput(OUTPUTS.bmfFile, path.join(dir, 'bmf.json'));
  const gab = `${JSON.stringify(toGab(results), null, 2)}\n`;
  await writeTextAtomic(path.join(dir, 'gab.json'), gab, 'the github-action-benchmark export');
  io.setOutput(OUTPUTS.gabFile, path.join(dir, 'gab.json'));
}

async function comment(step: Step, results: Results, markdown: string, verdict: GateVerdict): Promise<void> {
  const { io, connectComments, connectPullRequests } = step.deps;
  const target = step.target ?? (await commentTarget(step.config, step.github, results, connectPullRequests));
  const prNumber = target.kind === 'pull-request' ? target.number : undefined;
  const posted = await publishComment(
    { config: step.config, github: step.github, results, markdown, regressed: verdict.regressed, prNumber },
    connectComments,
  );
  if (posted.url) io.setOutput(OUTPUTS.commentUrl, posted.url);
  if (posted.notice) io[posted.notice.level](posted.notice.message);
}

function runLog(io: ActionIo): Logger {
  return {
    info: (m) => io.info(m),
    warning: (m) => io.warning(m),
    group: (name, fn) => io.group(name, fn),
    readsCommands: true,
  };
}

function runPorts({ deps, github, config }: Step): RunPorts {
  const { io, env, services } = deps;
  return runPortsFor(services, {
    log: runLog(io),
    // The job log is line-based: each progress line becomes one log line, a batch's in a group.
    progress: createProgress({
      write: (text) => io.info(text.replace(/\n$/, '')),
      isTTY: false,
      groups: { start: (title) => io.startGroup(title), end: () => io.endGroup() },
      metric: config.metric,
    }),
    github,
    workspace: path.resolve(env.GITHUB_WORKSPACE ?? process.cwd()),
    tempRoot: env.RUNNER_TEMP ?? os.tmpdir(),
  });
}
