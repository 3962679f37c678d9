// Figure 4 (which metric to gate on): the signal-to-noise ratio of wall time against CPU time
// (user + system) in the same real runs. Head does EXTRA_PERCENT% more work than base, paired
// rounds, fixed runs and no re-measurement; for every cell and metric the per-round log ratio
// d = log(head / base) gives the signal (its median) and the noise (1.4826 x its MAD, a robust
// sd). The gate's power grows with signal / noise, so the better metric is the larger ratio.
import { rmSync } from 'node:fs';
import { dockerArgs, runCli } from './containers.mjs';
import { startNeighbour } from './neighbour.mjs';
import { loadAverage, log, median } from './util.mjs';
import { makeRepo, workloadById, workloadCommand } from './workloads.mjs';

export const SNR_EXTRA_PERCENT = 10;
export const SNR_RUNS = 30;
const METRICS = {
  wall: (r) => r.wallMs,
  cpu: (r) => r.userMs + r.sysMs,
};

function successfulMeasured(cell) {
  return cell.runs.filter((r) => r.kind === 'measured' && r.outcome === 'exited' && r.exitCode === 0);
}

/** Per cell and metric: the per-round log ratios of head over base. */
export function logRatios(results) {
  const out = [];
  for (const head of results.cells.filter((c) => c.tree === 'head' && c.status === 'ok')) {
    const base = results.cells.find(
      (c) => c.tree === 'base' && c.libc === head.libc && c.allocator === head.allocator && c.status === 'ok',
    );
    if (!base) continue;
    const baseByRound = new Map(successfulMeasured(base).map((r) => [r.round, r]));
    const entry = { cell: `${head.libc}/${head.allocator}` };
    for (const [metric, value] of Object.entries(METRICS)) {
      entry[metric] = successfulMeasured(head).flatMap((h) => {
        const b = baseByRound.get(h.round);
        return b && value(b) > 0 && value(h) > 0 ? [Math.log(value(h) / value(b))] : [];
      });
    }
    out.push(entry);
  }
  return out;
}

/** Signal, noise and their ratio of one sample of log ratios. */
export function signalToNoise(d) {
  const centre = median(d);
  const noise = 1.4826 * median(d.map((x) => Math.abs(x - centre)));
  return { signal: Math.expm1(centre), noise, snr: noise > 0 ? centre / noise : NaN };
}

export async function measureSnr({ images, repeats, workloads, conditions }) {
  const series = [];
  let seed = 50_000;
  for (const workloadId of workloads) {
    const workload = workloadById(workloadId);
    const repo = makeRepo(workload, SNR_EXTRA_PERCENT);
    try {
      for (const condition of conditions) {
        const cells = [];
        const loads = [];
        for (let i = 0; i < repeats; i++) {
          seed += 1;
          log(`snr: ${workload.label}, ${condition}: run ${i + 1}/${repeats}`);
          const neighbour = condition === 'noisy' ? startNeighbour(seed) : undefined;
          loads.push(loadAverage());
          try {
            const run = await runCli(
              [
                ...dockerArgs(images),
                '--setup',
                'make',
                '--baseline',
                'auto',
                '--runs',
                String(SNR_RUNS),
                '--retries',
                '0',
                '--seed',
                String(seed),
                '--',
                ...workloadCommand(workload),
              ],
              { cwd: repo.dir, env: repo.env, okCodes: [0, 1] },
            );
            for (const entry of logRatios(run.results)) {
              cells.push({
                cell: entry.cell,
                repeat: i,
                wall: signalToNoise(entry.wall),
                cpu: signalToNoise(entry.cpu),
              });
            }
          } finally {
            await neighbour?.stop();
          }
        }
        series.push({ workload: workload.id, condition, repeats, loads, cells, summary: summarize(cells) });
      }
    } finally {
      rmSync(repo.root, { recursive: true, force: true });
    }
  }
  return { extraPercent: SNR_EXTRA_PERCENT, runs: SNR_RUNS, series };
}

/** Medians over every cell of every run, per metric. */
function summarize(cells) {
  const of = (metric, key) => median(cells.map((c) => c[metric][key]).filter(Number.isFinite));
  const out = {};
  for (const metric of Object.keys(METRICS)) {
    out[metric] = { signal: of(metric, 'signal'), noise: of(metric, 'noise'), snr: of(metric, 'snr') };
  }
  out.cpuOverWall = out.cpu.snr / out.wall.snr;
  return out;
}
