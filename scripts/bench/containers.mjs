// Figure 2 (containers): the fixed cost of a libc container, the helper's measurement overhead
// inside a container against the host executor's, and where the time of a whole 2 x 5 run goes.
// Everything runs through the bundled CLI; phases are timed from its stderr lines as they arrive.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  cli,
  lastLine,
  log,
  measuredWalls,
  median,
  runTimed,
  sum,
  tempDir,
  writeChurnTree,
} from './util.mjs';

const LIBCS = ['musl', 'glibc'];
/** About 50 ms per run of churn on a quiet machine of today. */
export const WHOLE_RUN_OPERATIONS = '700000';
export const ALL_ALLOCATORS = 'default,mimalloc,mimalloc-secure,jemalloc,rpmalloc';

export function dockerArgs(images) {
  return [
    '--executor',
    'docker',
    '--image-musl',
    images.musl,
    '--image-glibc',
    images.glibc,
    '--pull',
    'never',
  ];
}

/** Runs the CLI; resolves with its timeline and parsed results. Throws when it did not finish. */
export async function runCli(args, { cwd, env, okCodes = [0] }) {
  const json = path.join(tempDir('json'), 'results.json');
  const argv = [
    cli(),
    ...args.slice(0, args.indexOf('--')),
    '--json',
    json,
    ...args.slice(args.indexOf('--')),
  ];
  const result = await runTimed(process.execPath, argv, { cwd, env });
  let results;
  try {
    results = JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    results = undefined;
  }
  rmSync(path.dirname(json), { recursive: true, force: true });
  if (!okCodes.includes(result.code) || !results) {
    throw new Error(`malloc-matrix exited with code ${result.code}: ${lastLine(result.stderr)}`);
  }
  return { ...result, results };
}

/**
 * Phase spans (ms) from the CLI's stderr: per libc the preparation (image check, container
 * start, libc facts, allocator install, tree copy; setup excluded), setup, and the batches; and
 * the teardown after the last run (container removal, results file).
 */
export function phases(lines, wallMs) {
  const events = [];
  for (const { t, text } of lines) {
    let m;
    if ((m = /^(musl|glibc): preparing the environment$/.exec(text)))
      events.push({ t, kind: 'prepare', libc: m[1] });
    else if ((m = /^(musl|glibc): setup \((head|base)\)$/.exec(text)))
      events.push({ t, kind: 'setup', libc: m[1] });
    else if ((m = /^(musl|glibc): (proving preloads|warming up|measuring): \d+ runs( \(.*\))?$/.exec(text)))
      events.push({ t, kind: 'batch', libc: m[1] });
    else if ((m = /^\[(\d+)\/(\d+)\] (musl|glibc): /.exec(text)))
      events.push({ t, kind: 'run', libc: m[3], last: m[1] === m[2] });
    else if (/^Results written to /.test(text)) events.push({ t, kind: 'results' });
  }
  if (!events.some((e) => e.kind === 'prepare') || !events.some((e) => e.kind === 'run')) {
    throw new Error(
      "the CLI's stderr has no 'preparing the environment' or '[n/N]' progress lines; did its progress format change?",
    );
  }
  const out = { startupMs: events[0].t, totalMs: wallMs, libc: {} };
  const nextOf = (i, kinds) => events.slice(i + 1).find((e) => kinds.includes(e.kind));
  events.forEach((e, i) => {
    if (e.libc === undefined) return;
    const span = (out.libc[e.libc] ??= { prepareMs: 0, setupMs: 0, batchMs: 0 });
    if (e.kind === 'prepare') span.prepareMs += (nextOf(i, ['prepare', 'setup', 'batch'])?.t ?? NaN) - e.t;
    if (e.kind === 'setup') span.setupMs += (nextOf(i, ['prepare', 'setup', 'batch'])?.t ?? NaN) - e.t;
    if (e.kind === 'batch') {
      const end = events.slice(i + 1).find((x) => x.kind === 'run' && x.last && x.libc === e.libc);
      span.batchMs += (end?.t ?? NaN) - e.t;
    }
  });
  const lastRun = events.filter((e) => e.kind === 'run').at(-1);
  const results = events.find((e) => e.kind === 'results');
  out.teardownMs = (results?.t ?? wallMs) - (lastRun?.t ?? NaN);
  return out;
}

/** Fixed overhead per libc: all five allocators, one run of `true`, no setup. */
async function fixedOverhead({ images, quick, cwd }) {
  const reps = quick ? 1 : 3;
  const args = [
    ...dockerArgs(images),
    '--allocators',
    ALL_ALLOCATORS,
    '--runs',
    '1',
    '--warmup',
    '0',
    '--baseline',
    'none',
    '--',
    'true',
  ];
  const samples = [];
  for (let i = 0; i < reps; i++) {
    log(`containers: fixed overhead ${i + 1}/${reps}`);
    const run = await runCli(args, { cwd });
    samples.push(phases(run.lines, run.wallMs));
  }
  return { args, reps, samples };
}

/** The helper's per-run medians on the host and in each container, same static programs. */
async function inContainerOverhead({ images, quick, ws, iterations }) {
  const blocks = quick ? 1 : 3;
  const commands = [
    { name: 'static no-op (`noop`)', argv: ['./noop', '0'], runs: quick ? 60 : 150 },
    { name: '~50 ms CPU loop (`busy`)', argv: ['./busy', String(iterations)], runs: quick ? 8 : 12 },
  ];
  const out = { blocks, commands: [] };
  for (const command of commands) {
    const common = ['--allocators', 'default', '--runs', String(command.runs), '--baseline', 'none'];
    const hostArgs = ['--executor', 'host', ...common, '--', ...command.argv];
    const dockerRunArgs = [...dockerArgs(images), '--libcs', 'musl,glibc', ...common, '--', ...command.argv];
    const entry = { ...command, hostArgs, dockerArgs: dockerRunArgs, host: [], musl: [], glibc: [] };
    for (let b = 0; b < blocks; b++) {
      log(`containers: in-container overhead, ${command.argv[0]} block ${b + 1}/${blocks}`);
      const order = b % 2 === 0 ? ['host', 'docker'] : ['docker', 'host'];
      for (const where of order) {
        const run = await runCli(where === 'host' ? hostArgs : dockerRunArgs, { cwd: ws });
        for (const cell of run.results.cells) {
          if (cell.status !== 'ok') continue;
          entry[where === 'host' ? 'host' : cell.libc].push(...measuredWalls(cell));
        }
      }
    }
    entry.hostMedian = median(entry.host);
    for (const libc of LIBCS) entry[`${libc}Median`] = median(entry[libc]);
    out.commands.push(entry);
  }
  return out;
}

/** A whole 2 x 5 run of the churn benchmark, built by setup in each container. */
async function wholeRun({ images, quick }) {
  const dir = tempDir('churn');
  writeChurnTree(dir);
  const args = [
    ...dockerArgs(images),
    '--runs',
    '10',
    '--setup',
    'make',
    '--baseline',
    'none',
    '--',
    './churn',
    WHOLE_RUN_OPERATIONS,
  ];
  try {
    log('containers: whole 2 x 5 run');
    const run = await runCli(args, { cwd: dir });
    const runs = run.results.cells.flatMap((c) => c.runs);
    const measured = runs.filter((r) => r.kind === 'measured');
    const other = runs.filter((r) => r.kind !== 'measured');
    const p = phases(run.lines, run.wallMs);
    const cells = run.results.cells.map((c) => ({ libc: c.libc, allocator: c.allocator, status: c.status }));
    return {
      args,
      quick,
      cells,
      measuredRuns: measured.length,
      measuredMs: sum(measured.map((r) => r.wallMs)),
      otherRuns: other.length,
      otherMs: sum(other.map((r) => r.wallMs)),
      phases: p,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureContainers({ images, quick, ws, iterations }) {
  const fixed = await fixedOverhead({ images, quick, cwd: ws });
  const inside = await inContainerOverhead({ images, quick, ws, iterations });
  const whole = await wholeRun({ images, quick });
  return { fixed, inside, whole };
}
