// Figure 3 (the gate, real trials): a new user's pull request in a real git repository whose head
// commit makes a churn workload do N% more work than its base. Each trial is one run of the CLI
// with the default settings (runs: auto, retries, metric) and `baseline: auto` on a
// pull_request event (paired, same job), the full default matrix, docker executor. Trials run
// under a seeded noisy neighbour and on the machine as it is ("quiet"); each records whether the
// step failed, how long the whole run took, and what the gate saw.
import { rmSync } from 'node:fs';
import { dockerArgs, runCli } from './containers.mjs';
import { startNeighbour } from './neighbour.mjs';
import { loadAverage, log, measuredWalls, median } from './util.mjs';
import { makeRepo, WORKLOADS, workloadById, workloadCommand } from './workloads.mjs';

/** The settings tried: what head changes and the threshold it is judged at. */
export const SETTINGS = [
  { id: 'aa', label: 'A/A (head = base)', extra: 0, threshold: '5%', expectFailure: false },
  { id: '10at5', label: '+10% work at threshold 5%', extra: 10, threshold: '5%', expectFailure: true },
  { id: '5at2', label: '+5% work at threshold 2%', extra: 5, threshold: '2%', expectFailure: true },
  {
    id: '3at1',
    label: '+3% work at threshold 1% (moonshot)',
    extra: 3,
    threshold: '1%',
    expectFailure: true,
  },
];
export const CONDITIONS = ['noisy', 'quiet'];
export const DEFAULT_TRIALS = 20;

export function settingById(id) {
  const found = SETTINGS.find((s) => s.id === id);
  if (!found)
    throw new Error(
      `unknown setting ${JSON.stringify(id)}; expected ${SETTINGS.map((s) => s.id).join(', ')}`,
    );
  return found;
}

/** The CLI arguments of one trial: only what a user must say, and the seed. */
export function trialArgs(images, workload, setting, seed) {
  return [
    ...dockerArgs(images),
    '--setup',
    'make',
    '--baseline',
    'auto',
    '--threshold',
    setting.threshold,
    '--seed',
    String(seed),
    '--',
    ...workloadCommand(workload),
  ];
}

/** What one trial's results say, kept small for the data file. */
function digest(run, seed, loadStart) {
  const r = run.results;
  const timing = (r.comparisons ?? []).filter((c) => c.metric !== 'rss');
  const nonDefault = r.cells
    .filter((c) => c.allocator !== 'default' && c.status === 'ok')
    .flatMap(measuredWalls);
  return {
    seed,
    code: run.code,
    wallMs: run.wallMs,
    loadStart,
    paired: r.baseline?.paired === true,
    matrix: r.matrix ?? null,
    regressedCells: timing.filter((c) => c.verdict === 'regressed').length,
    // What failed the step: the timing gate, or the allocation counts (a head doing N% more work
    // also makes N% more allocations; the allocation gate catches that above its own threshold).
    timingRegressed: r.matrix?.verdict === 'regressed' || timing.some((c) => c.verdict === 'regressed'),
    allocationRegressed: (r.allocationComparisons ?? []).some((c) => c.verdict === 'regressed'),
    inconclusiveCells: timing.filter((c) => c.verdict === 'inconclusive').length,
    comparableCells: timing.filter((c) => c.verdict !== 'not-comparable').length,
    rounds: (r.sizing?.environments ?? []).map((e) => ({
      libc: e.libc,
      rounds: e.rounds,
      extra: e.extraRounds ?? 0,
    })),
    trimmed: r.sizing?.trimmed ?? null,
    nonDefaultMedianMs: median(nonDefault),
  };
}

async function series({ images, workload, setting, condition, trials, firstTrial }) {
  const repo = makeRepo(workload, setting.extra);
  const done = [];
  const failures = [];
  const firstSeed = seriesSeed(workload.id, condition, setting.id);
  try {
    for (let i = firstTrial; i < firstTrial + trials; i++) {
      const seed = firstSeed + i;
      log(`gate: ${workload.label}, ${condition}, ${setting.label}: trial ${i + 1}/${firstTrial + trials}`);
      const neighbour = condition === 'noisy' ? startNeighbour(seed) : undefined;
      const loadStart = loadAverage();
      try {
        const run = await runCli(trialArgs(images, workload, setting, seed), {
          cwd: repo.dir,
          env: repo.env,
          okCodes: [0, 1],
        });
        const trial = digest(run, seed, loadStart);
        if (!trial.paired) throw new Error(`no paired baseline: ${run.results.baseline?.unavailableReason}`);
        done.push(trial);
      } catch (error) {
        failures.push(`seed ${seed}: ${error.message}`);
      } finally {
        await neighbour?.stop();
      }
    }
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
  return { workload: workload.id, condition, setting: setting.id, trials: done, failures };
}

/** Every series asked for; a series whose runs fail is recorded with its errors, never thrown. */
export async function measureGateTrials({ images, trials, firstTrial = 0, workloads, conditions, settings }) {
  const out = [];
  for (const workloadId of workloads) {
    for (const condition of conditions) {
      for (const settingId of settings) {
        out.push(
          await series({
            images,
            workload: workloadById(workloadId),
            setting: settingById(settingId),
            condition,
            trials,
            firstTrial,
          }),
        );
      }
    }
  }
  return { trials, firstTrial, series: out };
}

/**
 * The seed of a series' first trial: fixed by what the series is, not by what else a run
 * measured, so that `--first-trial N` continues a series with new seeds.
 */
export function seriesSeed(workloadId, condition, settingId) {
  const w = WORKLOADS.findIndex((x) => x.id === workloadId);
  const c = CONDITIONS.indexOf(condition);
  const s = SETTINGS.findIndex((x) => x.id === settingId);
  return 10_000 + 1000 * ((w * CONDITIONS.length + c) * SETTINGS.length + s);
}

/** The counts a series is judged by. */
export function seriesSummary(s) {
  const setting = settingById(s.setting);
  const n = s.trials.length;
  const failed = s.trials.filter((t) => t.code === 1).length;
  const goal = setting.expectFailure ? Math.ceil(0.95 * n) : Math.floor(n / 20);
  return {
    n,
    failed,
    errors: s.failures.length,
    met: n === 0 ? undefined : setting.expectFailure ? failed >= goal : failed <= goal,
    goal,
    wallMedianMs: median(s.trials.map((t) => t.wallMs)),
    wallMaxMs: Math.max(...s.trials.map((t) => t.wallMs)),
    matrixChangeMedian: median(
      s.trials.flatMap((t) => (t.matrix?.change !== undefined ? [t.matrix.change] : [])),
    ),
    runMs: median(s.trials.map((t) => t.nonDefaultMedianMs)),
    roundsMedian: median(s.trials.flatMap((t) => t.rounds.map((r) => r.rounds))),
    retried: s.trials.filter((t) => t.rounds.some((r) => r.extra > 0)).length,
    byTiming: s.trials.filter((t) => t.code === 1 && t.timingRegressed).length,
    byAllocations: s.trials.filter((t) => t.code === 1 && t.allocationRegressed).length,
    trimmed: s.trials.filter((t) => t.trimmed !== null).length,
  };
}
