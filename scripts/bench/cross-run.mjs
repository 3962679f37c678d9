// Cross-run figures: `baseline: FILE` (a history of stored runs) against a head measured under
// another load. Per workload, a real git repository whose head commit makes the workload do 25%
// more work than its base: the base tree is measured `history` times on the machine as it is
// (the stored runs), then each trial measures a head with a CPU hog busy on one core, judged
// against those files through the CLI with the default settings (but the gated metric, one run
// per metric asked for), full matrix:
//   A/A, history of `history` and of 1   (the base tree again: must not fail the step)
//   +25%, history of `history`            (the head commit: must fail it)
// and the raw and probe-normalized A/A changes show how much of the drift the probe removes.
//
// Usage: node scripts/bench/cross-run.mjs [--trials N] [--history K] [--workloads 1t,2t]
//        [--metrics wall,cpu] [--extra N] [--steps aa5,aa1,ab5] [--hog-on head|stored]
//        [--doc FILE] [--data FILE] [--keep DIR]
//   (needs dist/, Docker and the stand-in images)
//   --extra N: how many percent more allocations the head commit makes (default 25). 25% more
//     allocations make these workloads only 6 to 14% slower (their fixed costs do not grow), so a
//     head that is really about 25% slower needs about 75. Whatever N, the bench measures how much
//     slower the head is with the product itself: one paired run (`baseline: auto`, base and head
//     in alternating rounds) on the machine as it is, before the trials.
//   --steps: the kinds of trial to run. Without the A/A steps (`--steps ab5`) the figures go to
//     their own section of the document (the slowdown section), and the A/A figures stay.
//   --hog-on stored: the CPU hog runs during the stored runs and every head runs quiet, the other
//     way round from the default (`head`): the machine guard's faster side, a history recorded on
//     a busier machine than the head's. Its figures go to sections of their own: the A/A steps to
//     one, `--steps ab5` to another.
//   --keep DIR keeps every results file (stored runs and heads) there, for a closer look.
//   --from FILE renders the document from the data of an earlier run (--data), measuring nothing;
//     several files, comma-separated, give the main section one column per workload, each from
//     the run that measured it (the runs must agree on --trials, --history and --metrics).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mergeRuns, withFigures } from './cross-run-doc.mjs';
import { dockerArgs, runCli } from './containers.mjs';
import {
  activeChildren,
  findOnPath,
  loadAverage,
  log,
  machineInfo,
  pinCli,
  REPO_ROOT,
  standinImages,
  tempDir,
  tempDirs,
} from './util.mjs';
import { makeRepo, workloadById, workloadCommand } from './workloads.mjs';
import { importSrc } from './load-src.mjs';

const { probeMs } = await importSrc('analysis/cross-run-gate.ts');

/** How many percent more allocations the head commit makes, unless --extra says otherwise. */
export const DEFAULT_EXTRA_PERCENT = 25;
/** The kinds of trial: the base tree with a history of K and of 1 (A/A), the head commit (A/B). */
export const STEPS = ['aa5', 'aa1', 'ab5'];
/** Where the CPU hog runs: during each trial's head (the stored runs quiet), or the other way round. */
export const HOG_ON = ['head', 'stored'];

/** Runs `measure` with the CPU hog busy when `hog` says so, and stops the hog whatever happens. */
async function withHog(hog, measure) {
  const stop = hog ? startHog() : async () => {};
  try {
    return await measure();
  } finally {
    await stop();
  }
}

/** A process that keeps one core busy (pinned to the first core when taskset is there). */
function startHog() {
  const taskset = findOnPath('taskset');
  const spin = [process.execPath, '-e', 'for (;;) {}'];
  const [command, ...args] = taskset ? [taskset, '-c', '0', ...spin] : spin;
  const child = spawn(command, args, { stdio: 'ignore' });
  activeChildren.add(child);
  const gone = new Promise((resolve) => child.once('close', resolve));
  return async () => {
    child.kill('SIGKILL');
    await gone;
    activeChildren.delete(child);
  };
}

/** The environment of a plain CLI run: no GitHub event, so nothing but the baseline flag decides. */
function plainEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));
}

function cliArgs(images, workload, seed, baseline, { history, metric } = {}) {
  return [
    ...dockerArgs(images),
    '--setup',
    'make',
    '--baseline',
    baseline,
    ...(history === undefined ? [] : ['--history', String(history)]),
    ...(metric === undefined ? [] : ['--metric', metric]),
    '--seed',
    String(seed),
    '--',
    ...workloadCommand(workload),
  ];
}

/** What one run's results say, kept small for the data file. */
function digest(run, load) {
  const r = run.results;
  const timing = (r.comparisons ?? []).filter((c) => c.metric !== 'rss');
  return {
    code: run.code,
    wallMs: run.wallMs,
    load,
    // What failed the step: the timing gate (a cell or all cells together) or the allocation counts.
    timingRegressed: r.matrix?.verdict === 'regressed' || timing.some((c) => c.verdict === 'regressed'),
    allocationRegressed: (r.allocationComparisons ?? []).some((c) => c.verdict === 'regressed'),
    machineFactor: r.baseline?.machineFactor,
    machineTolerance: r.baseline?.machineTolerance,
    machineDiffers: r.baseline?.machineDiffers,
    normalized: r.baseline?.normalized,
    matrix: r.matrix && {
      verdict: r.matrix.verdict,
      change: r.matrix.change,
      interval: r.matrix.interval,
      history: r.matrix.history,
      spread: r.matrix.spread,
    },
    cells: timing.map((c) => ({
      cell: `${c.libc}/${c.allocator}`,
      verdict: c.verdict,
      change: c.change,
      history: c.history,
      spread: c.spread,
    })),
  };
}

/**
 * Per cell and metric (wall, cpu), the log median of the measured times: raw, and each divided by
 * the probe's time of its round that the gate divides by (probeMs, src/analysis/cross-run-gate.ts).
 */
export function runLevels(results) {
  const out = {};
  for (const cell of results.cells.filter((c) => c.tree === 'head' && c.status === 'ok')) {
    const probes = new Map(
      (results.probe?.environments.find((e) => e.libc === cell.libc)?.samples ?? []).map((s) => [s.round, s]),
    );
    const ok = cell.runs.filter((r) => r.kind === 'measured' && r.outcome === 'exited' && r.exitCode === 0);
    const levels = (time, probeTime) => ({
      raw: logMedian(ok.map((r) => Math.log(time(r)))),
      normalized: logMedian(
        ok.filter((r) => probes.has(r.round)).map((r) => Math.log(time(r) / probeTime(probes.get(r.round)))),
      ),
    });
    out[`${cell.libc}/${cell.allocator}`] = {
      wall: levels(
        (r) => r.wallMs,
        (p) => probeMs(p, 'wall'),
      ),
      cpu: levels(
        (r) => r.userMs + r.sysMs,
        (p) => probeMs(p, 'cpu'),
      ),
    };
  }
  return out;
}

function logMedian(values) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function probeMedian(results) {
  const walls = (results.probe?.environments ?? []).flatMap((e) => e.samples.map((s) => probeMs(s, 'wall')));
  return walls.length > 0 ? Math.exp(logMedian(walls.map(Math.log))) : undefined;
}

/**
 * How much slower the head commit is, as the product measures it paired: base and head trees in
 * alternating rounds of one run (`baseline: auto` on the pull_request event naming the base), on
 * the machine as it is. Per cell and all cells together, in the gated metric.
 */
async function measurePaired(images, workload, repo, seed, metric) {
  const args = cliArgs(images, workload, seed, 'auto', { metric });
  const run = await runCli(args, { cwd: repo.dir, env: repo.env, okCodes: [0, 1] });
  const r = run.results;
  if (r.baseline?.paired !== true) throw new Error(`no paired baseline: ${r.baseline?.unavailableReason}`);
  const pick = (c) => c && { change: c.change, interval: c.interval, verdict: c.verdict };
  return {
    metric,
    code: run.code,
    wallMs: run.wallMs,
    matrix: pick(r.matrix),
    cells: (r.comparisons ?? [])
      .filter((c) => c.metric === metric)
      .map((c) => ({ cell: `${c.libc}/${c.allocator}`, ...pick(c) })),
  };
}

async function measureWorkload({
  images,
  workload,
  trials,
  history,
  metrics,
  extra,
  steps,
  hogOn,
  firstSeed,
  keep,
}) {
  const repo = makeRepo(workload, extra);
  const baseDir = path.join(repo.root, 'base');
  const baseSha = execFileSync('git', ['-C', repo.dir, 'rev-parse', 'HEAD~1'], { encoding: 'utf8' }).trim();
  execFileSync('git', ['-C', repo.dir, 'worktree', 'add', '--quiet', '--detach', baseDir, baseSha]);
  const historyDir = tempDir('history');
  const env = plainEnv();
  const stored = [];
  const failures = [];
  const paired = [];
  let seed = firstSeed;
  const storedHog = hogOn === 'stored';
  try {
    for (let i = 0; i < history; i++) {
      log(
        `cross-run ${workload.id}: stored run ${i + 1}/${history} (base tree, ${storedHog ? 'CPU hog on one core' : 'no hog'})`,
      );
      const load = loadAverage();
      const args = cliArgs(images, workload, seed++, 'none');
      const run = await withHog(storedHog, () => runCli(args, { cwd: baseDir, env }));
      const file = path.join(historyDir, `run-${i}.json`);
      writeFileSync(file, JSON.stringify(run.results));
      stored.push({
        file,
        load,
        wallMs: run.wallMs,
        probeMs: probeMedian(run.results),
        levels: runLevels(run.results),
      });
    }
    if (steps.includes('ab5')) {
      for (const metric of metrics) {
        log(`cross-run ${workload.id}: the head against its base, paired (${metric}, no hog)`);
        try {
          paired.push(await measurePaired(images, workload, repo, seed++, metric));
        } catch (error) {
          failures.push(`paired run, ${metric}: ${error.message}`);
        }
      }
    }
    const pattern = path.join(historyDir, '*.json');
    const kinds = [
      { id: 'aa5', dir: baseDir, history },
      { id: 'aa1', dir: baseDir, history: 1 },
      { id: 'ab5', dir: repo.dir, history },
    ].filter((kind) => steps.includes(kind.id));
    const out = Object.fromEntries(metrics.map((m) => [m, { aa5: [], aa1: [], ab5: [] }]));
    for (let t = 0; t < trials; t++) {
      for (const metric of metrics) {
        for (const kind of kinds) {
          const what = `${kind.id}, ${metric}`;
          log(
            `cross-run ${workload.id}: trial ${t + 1}/${trials}, ${what} (${storedHog ? 'no hog' : 'CPU hog on one core'})`,
          );
          try {
            const load = loadAverage();
            const args = cliArgs(images, workload, seed++, pattern, { history: kind.history, metric });
            const run = await withHog(!storedHog, () =>
              runCli(args, { cwd: kind.dir, env, okCodes: [0, 1] }),
            );
            if (keep) {
              mkdirSync(path.join(keep, workload.id), { recursive: true });
              const file = path.join(keep, workload.id, `${kind.id}-${metric}-${t}.json`);
              writeFileSync(file, JSON.stringify(run.results));
            }
            out[metric][kind.id].push({
              ...digest(run, load),
              probeMs: probeMedian(run.results),
              levels: runLevels(run.results),
            });
          } catch (error) {
            failures.push(`${what} trial ${t + 1}: ${error.message}`);
          }
        }
      }
    }
    return { workload, stored, paired, trials: out, failures };
  } finally {
    if (keep) cpSync(historyDir, path.join(keep, workload.id, 'stored'), { recursive: true });
    rmSync(repo.root, { recursive: true, force: true });
    rmSync(historyDir, { recursive: true, force: true });
  }
}

/** Every workload of `options.workloads` measured in turn, each with seeds of its own. */
export async function measureCrossRun(options) {
  const { workloads, trials, history, metrics, extra, steps, hogOn } = options;
  const results = [];
  let firstSeed = 5001;
  for (const id of workloads) {
    results.push(await measureWorkload({ ...options, workload: workloadById(id), firstSeed }));
    firstSeed += 1000;
  }
  return {
    trials,
    history,
    metrics,
    defaultMetric: defaultMetric(),
    normalizes: normalizesByProbe(),
    extra,
    steps,
    hogOn,
    workloads: results,
  };
}

/** Whether the gate divides by the probe, as src/analysis/cross-run-gate.ts says. */
function normalizesByProbe() {
  const source = readFileSync(path.join(REPO_ROOT, 'src', 'analysis', 'cross-run-gate.ts'), 'utf8');
  return /export const NORMALIZE_BY_PROBE = true;/.test(source);
}

/** The `metric` input's default, as src/config/names.ts says. */
function defaultMetric() {
  const names = readFileSync(path.join(REPO_ROOT, 'src', 'config', 'names.ts'), 'utf8');
  return /^\s*metric: '(\w+)',$/m.exec(names)?.[1] ?? 'wall';
}

function parse() {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '20' },
      history: { type: 'string', default: '5' },
      workloads: { type: 'string', default: '1t,2t' },
      metrics: { type: 'string' },
      extra: { type: 'string', default: String(DEFAULT_EXTRA_PERCENT) },
      steps: { type: 'string', default: STEPS.join(',') },
      'hog-on': { type: 'string', default: 'head' },
      doc: { type: 'string', default: path.join(REPO_ROOT, 'docs', 'performance.md') },
      data: { type: 'string' },
      keep: { type: 'string' },
      from: { type: 'string' },
    },
    strict: true,
  });
  const count = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}`);
    return n;
  };
  return {
    trials: count('trials', 1),
    history: count('history', 3),
    workloads: values.workloads.split(',').map((w) => workloadById(w.trim()).id),
    metrics: (values.metrics ?? defaultMetric()).split(',').map((m) => {
      if (m.trim() !== 'wall' && m.trim() !== 'cpu') throw new Error(`--metrics: ${m} is not wall or cpu`);
      return m.trim();
    }),
    extra: count('extra', 1),
    steps: values.steps.split(',').map((step) => {
      if (!STEPS.includes(step.trim())) throw new Error(`--steps: ${step} is not one of ${STEPS.join(', ')}`);
      return step.trim();
    }),
    hogOn: (() => {
      if (!HOG_ON.includes(values['hog-on']))
        throw new Error(`--hog-on: ${values['hog-on']} is not one of ${HOG_ON.join(', ')}`);
      return values['hog-on'];
    })(),
    doc: path.resolve(values.doc),
    data: values.data && path.resolve(values.data),
    keep: values.keep && path.resolve(values.keep),
    from: values.from?.split(',').map((file) => path.resolve(file.trim())),
  };
}

async function main() {
  let opts;
  try {
    opts = parse();
  } catch (error) {
    // A bad option is a usage error, as in the CLI: one line, exit 2.
    process.stderr.write(`cross-run bench: ${error.message}\n`);
    process.exit(2);
  }
  if (opts.from) {
    const data = mergeRuns(opts.from.map((file) => JSON.parse(readFileSync(file, 'utf8'))));
    writeFileSync(opts.doc, withFigures(readFileSync(opts.doc, 'utf8'), data));
    log(`wrote ${path.relative(process.cwd(), opts.doc) || opts.doc} from ${opts.from.join(', ')}`);
    return;
  }
  const stopAll = (signal) => {
    for (const child of activeChildren) child.kill(signal);
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  const started = performance.now();
  const machine = machineInfo();
  const loadStart = loadAverage();
  log('building or finding the stand-in images');
  const images = standinImages();
  const cliCopy = tempDir('cli');
  await pinCli(cliCopy);
  const figures = await measureCrossRun({ images, ...opts }).finally(() =>
    rmSync(cliCopy, { recursive: true, force: true }),
  );
  const data = {
    machine,
    loadStart,
    loadEnd: loadAverage(),
    durationMs: performance.now() - started,
    ...figures,
  };
  if (opts.data) writeFileSync(opts.data, `${JSON.stringify(data, null, 1)}\n`);
  writeFileSync(opts.doc, withFigures(readFileSync(opts.doc, 'utf8'), data));
  log(`wrote ${path.relative(process.cwd(), opts.doc) || opts.doc}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`cross-run bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
