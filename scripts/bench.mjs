// `npm run bench`: measures the performance goals of the measuring helper, the containers and the
// gate (helper overhead against hyperfine, container overheads, the gate's false alarms and power
// in real trials, the signal-to-noise of wall and CPU time, and a simulation of re-measurement),
// prints a summary and rewrites docs/performance.md. `--quick` for a shorter, coarser pass.
// Sharding: two shards and their merge against one job, and the merge's own time.
// Needs: a bundled dist/ (npm run bundle), a C compiler, hyperfine, and a Docker engine for the
// container, gate and metric figures (the stand-in images are built on first use).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureContainers } from './bench/containers.mjs';
import { keepSection } from './bench/cross-run-doc.mjs';
import { renderDoc, renderSummary } from './bench/doc.mjs';
import { measureProfile } from './bench/profile.mjs';
import { CONDITIONS, DEFAULT_TRIALS, measureGateTrials, SETTINGS } from './bench/trials.mjs';
import { simulateRetries } from './bench/retries.mjs';
import { measureSnr } from './bench/snr.mjs';
import { WORKLOADS } from './bench/workloads.mjs';
import { measureShards } from './bench/shards.mjs';
import { calibrateBusy, measureHelperOverhead } from './bench/helper-overhead.mjs';
import {
  activeChildren,
  dockerAvailable,
  interruption,
  lastLine,
  loadAverage,
  log,
  machineInfo,
  REPO_ROOT,
  pinCli,
  standinImages,
  staticWorkspace,
  tempDir,
  tempDirs,
} from './bench/util.mjs';

const SECTIONS = ['helper', 'containers', 'gate', 'snr', 'retries', 'shards', 'profile'];
const USAGE = `Usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--out FILE] [--data FILE]

Measures the performance figures and rewrites docs/performance.md (or --out FILE), keeping its
cross-run section, which \`npm run bench:cross-run -- --trials N\` measures and writes.
  --quick       fewer blocks, repetitions and trials: a coarse pass (the full gate trials take hours)
  --only LIST   measure only these sections; the others are marked "not measured"
  --out FILE    where to write the document [docs/performance.md]
  --data FILE   also write the measured figures as JSON, for a closer look
Gate trials (section gate) and the metric's signal-to-noise (section snr):
  --trials N           trials per series [${DEFAULT_TRIALS}; --quick: 3]
  --first-trial N      number the trials from N + 1 (new seeds), to continue a series [0]
  --settings LIST      of ${SETTINGS.map((s) => s.id).join(', ')} [all]
  --workloads LIST     of ${WORKLOADS.map((w) => w.id).join(', ')} [all]
  --conditions LIST    of ${CONDITIONS.join(', ')} [all]
  --snr-runs N         runs per workload and condition for the metric [3; --quick: 1]
Allocation profile (section profile):
  --profile-trials N   allocation-gate sessions per side [20; --quick: 5]
`;

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        trials: { type: 'string' },
        'first-trial': { type: 'string' },
        settings: { type: 'string' },
        workloads: { type: 'string' },
        conditions: { type: 'string' },
        'snr-runs': { type: 'string' },
        'profile-trials': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`bench: ${error.message.split('\n')[0]} Run with --help for the options.\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = values.only === undefined ? SECTIONS : values.only.split(',').map((s) => s.trim());
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0 || only.length === 0) {
    process.stderr.write(
      `bench: invalid --only ${JSON.stringify(values.only)}; expected a comma-separated list of ${SECTIONS.join(', ')}\n`,
    );
    process.exit(2);
  }
  const list = (name, allowed) => {
    const value = values[name];
    if (value === undefined) return allowed;
    const items = value.split(',').map((s) => s.trim());
    const bad = items.filter((s) => !allowed.includes(s));
    if (bad.length > 0 || items.length === 0)
      usageError(`--${name} ${JSON.stringify(value)}`, `a comma-separated list of ${allowed.join(', ')}`);
    return items;
  };
  const count = (name, fallback) => {
    const value = values[name];
    if (value === undefined) return fallback;
    if (!/^[1-9]\d{0,3}$/.test(value))
      usageError(`--${name} ${JSON.stringify(value)}`, 'a whole number from 1 to 9999');
    return Number(value);
  };
  return {
    quick: values.quick,
    trials: count('trials', values.quick ? 3 : DEFAULT_TRIALS),
    firstTrial: values['first-trial'] === undefined ? 0 : count('first-trial', 0),
    snrRuns: count('snr-runs', values.quick ? 1 : 3),
    settings: list(
      'settings',
      SETTINGS.map((x) => x.id),
    ),
    workloads: list(
      'workloads',
      WORKLOADS.map((x) => x.id),
    ),
    conditions: list('conditions', CONDITIONS),
    profileTrials: count('profile-trials', values.quick ? 5 : 20),
    only,
    out: path.resolve(values.out ?? path.join(REPO_ROOT, 'docs', 'performance.md')),
    data: values.data === undefined ? undefined : path.resolve(values.data),
  };
}

function usageError(what, accepted) {
  process.stderr.write(`bench: invalid ${what}; expected ${accepted}\n`);
  process.exit(2);
}

/** Runs one section; its failure is recorded for the document, never thrown. */
async function section(name, only, fn) {
  if (!only.includes(name)) return { skipped: 'not selected (--only)' };
  try {
    return { data: await fn() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name}: failed: ${message}`);
    return { error: message.split('\n')[0] };
  }
}

function onSignal(signal) {
  if (interruption.stopping) return;
  interruption.stopping = true;
  log(`${signal} received, stopping`);
  const exit = () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  // The CLI removes its containers on SIGTERM/SIGINT.
  for (const child of activeChildren) child.kill(signal);
  setTimeout(exit, 5000).unref();
  Promise.all([...activeChildren].map((c) => new Promise((resolve) => c.once('close', resolve)))).then(exit);
}

async function main() {
  const opts = parse();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = performance.now();
  const machine = machineInfo();
  const loadStart = loadAverage();
  const flags = [
    ...(opts.quick ? ['--quick'] : []),
    ...(opts.only.length < SECTIONS.length ? [`--only ${opts.only.join(',')}`] : []),
    ...(opts.trials !== (opts.quick ? 3 : DEFAULT_TRIALS) ? [`--trials ${opts.trials}`] : []),
    ...(opts.firstTrial > 0 ? [`--first-trial ${opts.firstTrial}`] : []),
    ...(opts.settings.length < SETTINGS.length ? [`--settings ${opts.settings.join(',')}`] : []),
    ...(opts.workloads.length < WORKLOADS.length ? [`--workloads ${opts.workloads.join(',')}`] : []),
    ...(opts.conditions.length < CONDITIONS.length ? [`--conditions ${opts.conditions.join(',')}`] : []),
    ...(opts.profileTrials !== (opts.quick ? 5 : 20) ? [`--profile-trials ${opts.profileTrials}`] : []),
  ];
  const commandLine = `npm run bench${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`;
  const ws = staticWorkspace();
  const cliCopy = tempDir('cli');
  let images;
  let imagesError;
  const needDocker = opts.only.some((s) => ['containers', 'gate', 'snr'].includes(s));
  const dockerReason = !needDocker
    ? undefined
    : !dockerAvailable()
      ? 'no Docker engine answered `docker version`'
      : undefined;
  if (needDocker && !dockerReason) {
    try {
      log('building or finding the stand-in images');
      images = standinImages();
    } catch (error) {
      imagesError = `the stand-in images could not be built: ${lastLine(String(error.stderr ?? error.message))}`;
    }
  }
  const dockerSkip = dockerReason ?? imagesError;
  try {
    await pinCli(cliCopy);
    const needBusy = opts.only.includes('helper') || opts.only.includes('containers');
    if (needBusy) log('calibrating the ~50 ms CPU loop');
    const iterations = needBusy ? await calibrateBusy(path.join(ws, 'busy'), ws) : undefined;
    const helper = await section('helper', opts.only, () =>
      measureHelperOverhead({ ws, quick: opts.quick, iterations }),
    );
    const containers = dockerSkip
      ? { skipped: dockerSkip }
      : await section('containers', opts.only, () =>
          measureContainers({ images, quick: opts.quick, ws, iterations }),
        );
    const gate = dockerSkip
      ? { skipped: dockerSkip }
      : await section('gate', opts.only, () =>
          measureGateTrials({
            images,
            trials: opts.trials,
            firstTrial: opts.firstTrial,
            workloads: opts.workloads,
            conditions: opts.conditions,
            settings: opts.settings,
          }),
        );
    const snr = dockerSkip
      ? { skipped: dockerSkip }
      : await section('snr', opts.only, () =>
          measureSnr({
            images,
            repeats: opts.snrRuns,
            workloads: opts.workloads,
            conditions: opts.conditions,
          }),
        );
    const retries = await section('retries', opts.only, () => simulateRetries({ quick: opts.quick }));
    const shards = dockerSkip
      ? { skipped: dockerSkip }
      : await section('shards', opts.only, () => measureShards({ images, quick: opts.quick }));
    const profile = dockerSkip
      ? { skipped: dockerSkip }
      : await section('profile', opts.only, () =>
          measureProfile({ images, quick: opts.quick, trials: opts.profileTrials }),
        );
    const data = {
      quick: opts.quick,
      commandLine,
      machine,
      loadStart,
      loadEnd: loadAverage(),
      durationMs: performance.now() - started,
      images,
      helper,
      containers,
      gate,
      snr,
      retries,
      shards,
      profile,
    };
    // The cross-run section is measured by scripts/bench/cross-run.mjs; keep it as it is.
    const previous = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : '';
    writeFileSync(opts.out, keepSection(previous, renderDoc(data)));
    if (opts.data) writeFileSync(opts.data, `${JSON.stringify(data, null, 1)}\n`);
    process.stdout.write(`${renderSummary(data)}\n`);
    log(`wrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
    const failed = [helper, containers, gate, snr, retries, shards, profile].some(
      (s) => s.error !== undefined,
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(cliCopy, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
