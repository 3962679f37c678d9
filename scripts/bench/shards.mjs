// Figure 6 (sharding): two shards (musl, glibc) against one job of both, same settings, through
// the bundled CLI; and the merge's own time for four shards. The shards run one after the other,
// each alone on the machine as it would be on its own runner: the sharded end-to-end time is the
// slower shard plus the merge, as in a workflow where the shards run in parallel and the merge
// job waits for both. Artifact upload and download are not part of it (see the document).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_ALLOCATORS, dockerArgs, WHOLE_RUN_OPERATIONS } from './containers.mjs';
import {
  cli,
  lastLine,
  loadAverage,
  log,
  median,
  ms,
  runTimed,
  seconds,
  tempDir,
  writeChurnTree,
} from './util.mjs';

export const SHARD_GOAL_RATIO = 0.6;
export const MERGE_GOAL_MS = 10_000;

const met = (ok) => (ok ? 'met' : '**not met**');

/** One CLI run; resolves with its wall time. Throws when it did not finish. */
async function timedCli(args, { cwd, okCodes = [0] }) {
  const run = await runTimed(process.execPath, [cli(), ...args], { cwd });
  if (!okCodes.includes(run.code)) {
    throw new Error(
      `malloc-matrix ${args[0] === 'merge' ? 'merge ' : ''}exited with code ${run.code}: ${lastLine(run.stderr)}`,
    );
  }
  return run.wallMs;
}

/** The same results as if measured on an arm64 runner: a stand-in for the other architecture's shards. */
function onArm(file, out) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  results.host = { ...results.host, arch: 'arm64', cpuModel: `${results.host.cpuModel} (as arm64)` };
  for (const part of [...results.cells, ...results.environments]) part.arch = 'arm64';
  writeFileSync(out, JSON.stringify(results));
  return out;
}

/** The two workloads: runs of about 50 ms, where fixed costs weigh, and about 0.5 s, where measuring does. */
export const SHARD_WORKLOADS = [
  { name: 'light', operations: WHOLE_RUN_OPERATIONS },
  { name: 'heavy', operations: String(Number(WHOLE_RUN_OPERATIONS) * 10) },
];

/** Trials of one job against two shards plus their merge, for one workload. */
async function compareSharded({ images, reps, runs, operations, dir, out }) {
  const common = [
    ...dockerArgs(images),
    '--allocators',
    ALL_ALLOCATORS,
    '--runs',
    runs,
    '--setup',
    'make',
    '--baseline',
    'none',
    '--seed',
    '4242',
  ];
  const command = ['--', './churn', operations];
  const trials = [];
  for (let i = 0; i < reps; i++) {
    // Alternate which goes first, so that drift of a busy machine does not favour one side.
    const order = i % 2 === 0 ? ['single', 'shards'] : ['shards', 'single'];
    const trial = { shardMs: {}, files: [] };
    for (const what of order) {
      if (what === 'single') {
        log(`shards: ${operations} operations, one job of musl and glibc ${i + 1}/${reps}`);
        const json = path.join(out, `single-${operations}-${i}.json`);
        trial.singleMs = await timedCli([...common, '--libcs', 'musl,glibc', '--json', json, ...command], {
          cwd: dir,
        });
        continue;
      }
      for (const libc of ['musl', 'glibc']) {
        log(`shards: ${operations} operations, the ${libc} shard ${i + 1}/${reps}`);
        const json = path.join(out, `${libc}-${operations}-${i}.json`);
        trial.shardMs[libc] = await timedCli([...common, '--libcs', libc, '--json', json, ...command], {
          cwd: dir,
        });
        trial.files.push(json);
      }
      const merged = path.join(out, `merged-${operations}-${i}.json`);
      trial.mergeMs = await timedCli(['merge', ...trial.files, '--json', merged], { cwd: dir });
    }
    trial.shardedMs = Math.max(trial.shardMs.musl, trial.shardMs.glibc) + trial.mergeMs;
    trial.ratio = trial.shardedMs / trial.singleMs;
    trials.push(trial);
  }
  return trials;
}

export async function measureShards({ images, quick }) {
  const reps = quick ? 1 : 3;
  const runs = quick ? '5' : '10';
  const dir = tempDir('shards');
  const out = tempDir('shard-results');
  writeChurnTree(dir);
  const loadStart = loadAverage();
  try {
    const workloads = [];
    for (const workload of SHARD_WORKLOADS) {
      const trials = await compareSharded({ images, reps, runs, operations: workload.operations, dir, out });
      workloads.push({ ...workload, trials, ratio: median(trials.map((t) => t.ratio)) });
    }
    // Four shards: two measured ones and the same two as if from arm64 runners.
    const [musl, glibc] = workloads[0].trials[0].files;
    const four = [
      musl,
      glibc,
      onArm(musl, path.join(out, 'arm-musl.json')),
      onArm(glibc, path.join(out, 'arm-glibc.json')),
    ];
    const merge4 = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      log(`shards: merging 4 shards ${i + 1}`);
      const args = [
        'merge',
        ...four,
        '--json',
        path.join(out, 'merged4.json'),
        '--markdown',
        path.join(out, 'merged4.md'),
      ];
      merge4.push(await timedCli(args, { cwd: dir }));
    }
    return {
      quick,
      load: { start: loadStart, end: loadAverage() },
      reps,
      runs: Number(runs),
      workloads: workloads.map((w) => ({ ...w, trials: w.trials.map(({ files: _files, ...t }) => t) })),
      merge4Ms: median(merge4),
      merge4,
      merge4Cells: JSON.parse(readFileSync(path.join(out, 'merged4.json'), 'utf8')).cells.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

export function shardSummary(s) {
  if (!s.data) {
    return [
      ['Sharded (2 shards + merge) vs one job, ~0.5 s runs', `≤ ${SHARD_GOAL_RATIO}×`, 'not measured', ''],
      ['Merge of 4 shards (no download)', '≤ 10 s', 'not measured', ''],
    ];
  }
  const [light, heavy] = s.data.workloads;
  return [
    [
      'Sharded (2 shards + merge) vs one job, ~0.5 s runs',
      `≤ ${SHARD_GOAL_RATIO}×`,
      `${heavy.ratio.toFixed(2)}×`,
      met(heavy.ratio <= SHARD_GOAL_RATIO),
    ],
    ['Sharded vs one job, ~50 ms runs (fixed costs weigh)', '', `${light.ratio.toFixed(2)}×`, ''],
    [
      'Merge of 4 shards (no download)',
      '≤ 10 s',
      seconds(s.data.merge4Ms),
      met(s.data.merge4Ms <= MERGE_GOAL_MS),
    ],
  ];
}

export function shardSection(s, notMeasured) {
  const out = ['## 6. Sharding\n'];
  if (!s.data) return [...out, notMeasured(s)].join('\n');
  const d = s.data;
  out.push(
    `The churn benchmark (all five allocators, ${d.runs} runs, \`setup: make\`) as one job of both libcs, and as two shards ` +
      '(`--libcs musl`, `--libcs glibc`) merged by `malloc-matrix merge`, at two sizes: runs of about 50 ms, where the fixed costs ' +
      'weigh, and about 0.5 s, where measuring does. Each shard ran alone, as on its own runner; the sharded time is the slower ' +
      `shard plus the merge. ${d.quick ? 'A quick pass (`--quick`): ' : ''}${d.reps} trial(s) per size, alternating which side went first. Load average (1/5/15 min) ` +
      `at the start of these runs ${d.load.start}, at their end ${d.load.end}, on ${os.cpus().length} cores` +
      `${Number(d.load.start.split(' ')[0]) > os.cpus().length ? ': a busy machine, so these times are rough' : ''}:\n`,
  );
  out.push(
    '| operations | trial | one job | musl shard | glibc shard | merge | sharded (slower shard + merge) | ratio |',
  );
  out.push('|---|---|---|---|---|---|---|---|');
  for (const w of d.workloads) {
    w.trials.forEach((t, i) =>
      out.push(
        `| ${Number(w.operations).toLocaleString('en-US')} | ${i + 1} | ${seconds(t.singleMs)} | ${seconds(t.shardMs.musl)} | ${seconds(t.shardMs.glibc)} | ${ms(t.mergeMs, 0)} | ${seconds(t.shardedMs)} | ${t.ratio.toFixed(2)}× |`,
      ),
    );
  }
  const [light, heavy] = d.workloads;
  out.push(
    `\nMedian ratio **${heavy.ratio.toFixed(2)}×** with runs of about 0.5 s (goal ≤ ${SHARD_GOAL_RATIO}×), ${light.ratio.toFixed(2)}× with runs of about 50 ms. ` +
      "Each shard still pays the CLI's start, its container's start, the allocator install and `setup`: two shards save the other " +
      "libc's measuring, not those. On GitHub each shard also pays its own runner, checkout and image pull, and the merge job its " +
      'runner and the artifact download (a few seconds each); none of that is here.\n',
  );
  out.push(
    `**The merge alone, 4 shards** (two measured above and the same two as if from arm64 runners, ${d.merge4Cells} cells): ` +
      `median **${seconds(d.merge4Ms)}** of ${d.merge4.length} runs of \`malloc-matrix merge <4 files> --json … --markdown …\` ` +
      `(${d.merge4.map((x) => ms(x, 0)).join(', ')}), the CLI's start included, the download excluded (goal ≤ 10 s).\n`,
  );
  return out.join('\n') + '\n';
}
