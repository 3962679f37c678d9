// How many measured rounds each environment runs, decided from the timings of the pilot runs
// (proof and warm-up) before any comparison is made. Pure.
//
// Because the count depends only on how long the runs take, never on how head compares with
// base, it costs nothing in false alarms: the sum base + head that sets it is the same whichever
// side is slower, so the signs the tests look at are untouched by it.
//
// All cells of a libc share rounds (each round runs every cell once), so one count serves them
// all. It is the count the cheapest variant needs to reach min-time: every cell then gets at
// least min-time of measurement (the promise of min-time), and the costlier cells, which ride
// along, simply get more. Short runs are the noisiest relative to their length, so they are the
// ones whose needs should decide; max-runs and max-time bound what that costs.
import type { Config } from '../config/config.js';
import type { CellResult, EnvironmentSizing, LibcName, Sizing } from '../results/model.js';
import { isSuccessfulRun } from '../analysis/stats.js';

export interface SizingSettings {
  minRuns: number;
  minTimeMs: number;
  maxRuns: number;
  maxTimeMs: number;
}

export interface EnvironmentPilot {
  libc: LibcName;
  /** The estimated time of one run of each measurable variant, in milliseconds. */
  pilotMs: Record<string, number>;
}

/** What one run costs beyond its own time (the helper's fork, exec and wait), in milliseconds. */
export const RUN_OVERHEAD_MS = 1;
/** Shorter pilot times are taken as this, so a no-op cannot ask for endless rounds. */
const SHORTEST_RUN_MS = 0.05;

/** The estimated time of one run from its pilot runs: their median, so one slow cold run does not rule. */
export function pilotEstimate(wallMs: readonly number[]): number | undefined {
  if (wallMs.length === 0) return undefined;
  const sorted = [...wallMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds for one environment: each variant reaches min-time, within [min-runs, max-runs]. */
export function roundsWanted(pilotMs: readonly number[], settings: SizingSettings): number {
  const needs = pilotMs.map((ms) => Math.ceil(settings.minTimeMs / Math.max(ms, SHORTEST_RUN_MS)));
  const wanted = Math.max(settings.minRuns, ...needs);
  return Math.min(settings.maxRuns, wanted);
}

/** The estimated time of one round of an environment (every variant once), in milliseconds. */
export function roundCostMs(pilotMs: readonly number[]): number {
  return pilotMs.reduce((acc, ms) => acc + ms + RUN_OVERHEAD_MS, 0);
}

/**
 * Rounds per environment for `runs: auto`. When they would not fit in `budgetLeftMs`, every
 * environment keeps the same share of its rounds (never fewer than min-runs), and `trimmed` says
 * what was cut.
 */
export function sizeEnvironments(
  pilots: readonly EnvironmentPilot[],
  settings: SizingSettings,
  budgetLeftMs: number,
): Pick<Sizing, 'environments' | 'trimmed'> {
  const wanted = pilots.map((p) => roundsWanted(Object.values(p.pilotMs), settings));
  const costs = pilots.map((p) => roundCostMs(Object.values(p.pilotMs)));
  const needMs = wanted.reduce((acc, rounds, i) => acc + rounds * costs[i], 0);
  const share = needMs > 0 ? Math.min(1, Math.max(0, budgetLeftMs) / needMs) : 1;
  const environments: EnvironmentSizing[] = pilots.map((p, i) => {
    const rounds = share < 1 ? Math.max(settings.minRuns, Math.floor(wanted[i] * share)) : wanted[i];
    return { libc: p.libc, rounds, ...(rounds < wanted[i] ? { wanted: wanted[i] } : {}), pilotMs: p.pilotMs };
  });
  const cut = environments.filter((e) => e.wanted !== undefined);
  if (cut.length === 0 && share >= 1) return { environments };
  const kept = cut.map((e) => `${e.libc} ${e.rounds} of ${e.wanted}`).join(', ');
  const plannedMs = environments.reduce((acc, e, i) => acc + e.rounds * costs[i], 0);
  const over =
    plannedMs > Math.max(0, budgetLeftMs) ? '; even min-runs does not fit, so the run will take longer' : '';
  const what = kept === '' ? 'no round could be cut' : `rounds kept: ${kept}`;
  return {
    environments,
    trimmed: `max-time ${formatDuration(settings.maxTimeMs)} left ${formatDuration(budgetLeftMs)} for measuring, ${formatDuration(needMs)} wanted: ${what}${over}`,
  };
}

/** The sizing of a session: fixed (`runs: N`), or from the pilots within the budget left. */
export function sessionSizing(
  config: Pick<Config, 'runs' | 'minRuns' | 'minTimeMs' | 'maxRuns' | 'maxTimeMs'>,
  pilots: readonly EnvironmentPilot[],
  budgetLeftMs: number,
): Sizing {
  const { runs } = config;
  if (runs !== 'auto')
    return { mode: 'fixed', environments: pilots.map((p) => ({ libc: p.libc, rounds: runs })) };
  const settings = {
    minRuns: config.minRuns,
    minTimeMs: config.minTimeMs,
    maxRuns: config.maxRuns,
    maxTimeMs: config.maxTimeMs,
  };
  return { mode: 'auto', ...settings, ...sizeEnvironments(pilots, settings, budgetLeftMs) };
}

/** Pilot times of the given cells by cell key, from their successful proof and warm-up runs. */
export function pilotTimes(cells: readonly CellResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const cell of cells) {
    const walls = cell.runs.filter((r) => r.kind !== 'measured' && isSuccessfulRun(r)).map((r) => r.wallMs);
    const estimate = pilotEstimate(walls);
    if (estimate !== undefined) out[`${cell.libc}/${cell.allocator}/${cell.tree}`] = estimate;
  }
  return out;
}

/** The estimated time of the environments measured after `libc`, in milliseconds. */
export function laterMs(sizing: Sizing, libc: LibcName): number {
  const at = sizing.environments.findIndex((e) => e.libc === libc);
  return sizing.environments
    .slice(at + 1)
    .reduce((acc, e) => acc + e.rounds * roundCostMs(Object.values(e.pilotMs ?? {})), 0);
}

/** A duration in words: `850 ms`, `42 s`, `3m20s`. */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 1000) return `${Math.round(safe)} ms`;
  if (safe < 9_950) return `${(safe / 1000).toFixed(1)} s`;
  const total = Math.round(safe / 1000);
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}
