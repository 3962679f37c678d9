// Figure 1 (helper overhead): the static measuring helper against `hyperfine -N` on the same
// commands, in alternating blocks so that drift in the machine's load hits both tools alike.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { importSrc } from './load-src.mjs';
import { findOnPath, lastLine, log, median, runTimed, shellJoin } from './util.mjs';

async function helperDriver() {
  const { ensureHelperBinary } = await importSrc('harness/build.ts');
  const { runHelperBatch } = await importSrc('harness/run.ts');
  const helper = await ensureHelperBinary();
  /** Measured wall times (ms) of `runs` runs of argv, after `warmup` warm-ups, in one helper batch. */
  const measure = async (argv, cwd, runs, warmup = 3) => {
    const variant = { id: 'bench', argv, cwd, env: {}, timeoutMs: 120_000 };
    const plan = [
      ...Array.from({ length: warmup }, (_, i) => ({
        variantId: 'bench',
        kind: 'warmup',
        round: -1,
        position: i,
      })),
      ...Array.from({ length: runs }, (_, i) => ({
        variantId: 'bench',
        kind: 'measured',
        round: i,
        position: 0,
      })),
    ];
    const walls = [];
    await runHelperBatch({ command: helper, args: [] }, { variants: [variant], runs: plan }, ({ record }) => {
      if (record.kind !== 'measured') return;
      if (record.outcome !== 'exited' || record.exitCode !== 0)
        throw new Error(`${argv.join(' ')} failed under the helper: ${record.outcome} ${record.exitCode}`);
      walls.push(record.wallMs);
    });
    return walls;
  };
  return { helper, measure };
}

/** Measured wall times (ms) from `hyperfine -N`, from its JSON export. */
async function hyperfineTimes(argv, cwd, runs, warmup, jsonFile) {
  const args = [
    '-N',
    '--warmup',
    String(warmup),
    '--runs',
    String(runs),
    '--style',
    'none',
    '--export-json',
    jsonFile,
    shellJoin(argv),
  ];
  const result = await runTimed('hyperfine', args, { cwd });
  if (result.code !== 0)
    throw new Error(`hyperfine exited with code ${result.code}: ${lastLine(result.stderr)}`);
  const doc = JSON.parse(readFileSync(jsonFile, 'utf8'));
  rmSync(jsonFile, { force: true });
  return doc.results[0].times.map((s) => s * 1000);
}

/** The iteration count that makes `busy` take about `targetMs` under the helper. */
export async function calibrateBusy(busy, cwd, targetMs = 50) {
  const { measure } = await helperDriver();
  let iterations = 20_000_000;
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = median(await measure([busy, String(iterations)], cwd, 5));
    iterations = Math.max(1000, Math.round((iterations * targetMs) / t));
    if (Math.abs(t - targetMs) / targetMs < 0.1) break;
  }
  return iterations;
}

/**
 * Runs the comparison. `ws` holds the static `busy` program; `iterations` makes it take ~50 ms. Returns plain data for the report:
 * one entry per command with both tools' samples, block medians and the commands used.
 */
export async function measureHelperOverhead({ ws, quick, iterations }) {
  const { measure } = await helperDriver();
  if (findOnPath('hyperfine') === undefined) {
    throw new Error(
      'hyperfine is not installed (Debian package hyperfine); it is the reference this figure compares with',
    );
  }
  const busy = path.join(ws, 'busy');
  // Short blocks for the 50 ms command, so that the machine's drift hits both tools alike.
  const commands = [
    { name: '`true`', argv: ['true'], blocks: quick ? 2 : 6, runs: quick ? 100 : 200, warmup: 3 },
    {
      name: '~50 ms CPU loop (`busy`)',
      argv: [busy, String(iterations)],
      blocks: quick ? 4 : 12,
      runs: quick ? 4 : 6,
      warmup: 1,
    },
  ];
  const out = { iterations, commands: [] };
  for (const command of commands) {
    const entry = { ...command, helper: [], hyperfine: [], blockMedians: [] };
    for (let b = 0; b < command.blocks; b++) {
      log(`helper overhead: ${command.argv.join(' ')} block ${b + 1}/${command.blocks}`);
      // Alternate which tool goes first, so neither always follows the other.
      const order = b % 2 === 0 ? ['hyperfine', 'helper'] : ['helper', 'hyperfine'];
      const block = {};
      for (const tool of order) {
        const times =
          tool === 'helper'
            ? await measure(command.argv, ws, command.runs, command.warmup)
            : await hyperfineTimes(
                command.argv,
                ws,
                command.runs,
                command.warmup,
                path.join(ws, `hyperfine-${b}.json`),
              );
        entry[tool].push(...times);
        block[tool] = median(times);
      }
      entry.blockMedians.push(block);
    }
    entry.helperMedian = median(entry.helper);
    entry.hyperfineMedian = median(entry.hyperfine);
    entry.overheadMs = entry.helperMedian - entry.hyperfineMedian;
    entry.agreement = entry.helperMedian / entry.hyperfineMedian - 1;
    out.commands.push(entry);
  }
  return out;
}
