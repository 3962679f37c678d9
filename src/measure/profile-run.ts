// The profiling runs: after an environment's timed rounds, one extra run per tree under the
// libc's own malloc (or under every allocator) with the counting profiler preloaded in front of
// the allocator and a fresh directory for its records. These runs are never measurements: they
// come after the timed ones and their records only describe what the program asked of malloc.
import type { ProfileMode } from '../config/config.js';
import { DEFAULT_ALLOCATOR } from '../config/allocators.js';
import { sumProfileRecords } from '../harness/profile-records.js';
import type {
  AllocationComparison,
  AllocationProfile,
  CellResult,
  LibcName,
  RunRecord,
} from '../results/model.js';
import { compareAllocations } from '../analysis/allocation-gate.js';
import type { ProfileSummary } from '../results/profile-model.js';
import { describeFailure } from '../results/runs.js';
import { isSuccessfulRun } from '../analysis/stats.js';
import { messageOf } from '../base/errors.js';
import type { Batch, PlannedRun, PreparedEnvironment, ProfilerAccess, Variant } from './executor.js';
import { shellExes } from './proof.js';

/** Where the counts can differ between runs (several threads), the profile runs this often. */
export const THREADED_REPEATS = 3;

interface ProfileCandidate {
  /** The cell's variant exactly as it was measured. */
  variant: Variant;
  cell: CellResult;
}

export interface ProfileProgress {
  batchStart(label: string, total: number): void;
  runDone(label: string, done: number, total: number, variantId: string, record: RunRecord): void;
  batchEnd(label: string): void;
}

/** The session's own state, as it is: the profile picks what it needs. */
export interface ProfileRequest {
  libc: LibcName;
  config: { profile: ProfileMode };
  env: PreparedEnvironment;
  /** Every variant the session measured, by cell key, and the cells by the same key. */
  variants: ReadonlyMap<string, { variant: Variant; libc: LibcName }>;
  cells: ReadonlyMap<string, CellResult>;
  progress: ProfileProgress;
}

interface Target extends ProfileCandidate {
  profile: AllocationProfile;
}

/**
 * The cells worth a profile: those with a successful measured run (their statuses are judged
 * only later), the libc default's alone unless every one is asked.
 */
function targetsOf(request: ProfileRequest): Target[] {
  const mode = request.config.profile;
  if (mode === 'off') return [];
  const candidates: ProfileCandidate[] = [];
  for (const [id, { variant, libc }] of request.variants) {
    const cell = request.cells.get(id);
    if (cell && libc === request.libc) candidates.push({ variant, cell });
  }
  return candidates
    .filter(
      ({ cell }) =>
        cell.status === 'ok' && cell.runs.some((r) => r.kind === 'measured' && isSuccessfulRun(r)),
    )
    .filter(({ cell }) => mode === 'all' || cell.allocator === DEFAULT_ALLOCATOR)
    .map((candidate) => ({
      ...candidate,
      profile: {
        libc: candidate.cell.libc,
        tree: candidate.cell.tree,
        allocator: candidate.cell.allocator,
        status: 'ok',
        repeats: [],
      },
    }));
}

/** Profiles the chosen cells of one environment; a failure is recorded, never thrown. */
export async function profileEnvironment(request: ProfileRequest): Promise<AllocationProfile[]> {
  const targets = targetsOf(request);
  const access = request.env.profiler;
  if (targets.length === 0) return [];
  if (access === undefined || 'unavailable' in access) {
    const why = access?.unavailable ?? 'this environment has no allocation profiler';
    return targets.map((t) => ({ ...t.profile, status: 'failed', reason: `not profiled: ${why}` }));
  }
  await profileRound(request, access, targets, 1);
  const threaded = targets.filter((t) => t.profile.status === 'ok' && (t.profile.summary?.threads ?? 0) > 1);
  if (threaded.length > 0) await profileRound(request, access, threaded, THREADED_REPEATS - 1);
  return targets.map((t) => t.profile);
}

/**
 * One batch: `repeats` runs of every target, each with its own record directory. The first
 * round is a traced proof run, so a statically linked program is told apart by the tracer.
 */
async function profileRound(
  request: ProfileRequest,
  access: ProfilerAccess,
  targets: Target[],
  repeats: number,
): Promise<void> {
  const first = targets[0]?.profile.repeats.length === 0;
  const label = `${request.libc}: profiling allocations`;
  const planned: { target: Target; variant: Variant; dir: string; run?: RunRecord }[] = [];
  try {
    for (const target of targets) {
      for (let r = 0; r < repeats; r++) {
        const dir = await access.newRecordDir();
        const n = target.profile.repeats.length + r + 1;
        planned.push({ target, dir, variant: profiledVariant(target.variant, access, dir, n) });
      }
    }
  } catch (error) {
    for (const target of targets) fail(target, `could not prepare the profiling run: ${messageOf(error)}`);
    // Collecting also removes the directories made so far.
    for (const p of planned) await access.collectRecords(p.dir).catch(() => []);
    return;
  }
  const runs: PlannedRun[] = planned.map((p, position) => ({
    variantId: p.variant.id,
    kind: first ? 'proof' : 'warmup',
    round: -1,
    position,
  }));
  const batch: Batch = { variants: planned.map((p) => p.variant), runs };
  const { progress } = request;
  progress.batchStart(label, runs.length);
  let done = 0;
  try {
    await request.env.runBatch(batch, (reported) => {
      // This batch plans no probe: every step reports a run.
      if ('probe' in reported) return;
      const { variantId, record } = reported;
      const entry = planned.find((p) => p.variant.id === variantId);
      if (entry) entry.run = record;
      progress.runDone(label, ++done, runs.length, variantId, record);
    });
  } catch (error) {
    for (const target of targets) fail(target, `the profiling run was interrupted: ${messageOf(error)}`);
  } finally {
    progress.batchEnd(label);
  }
  for (const p of planned) {
    let records: string[] = [];
    try {
      records = await access.collectRecords(p.dir);
    } catch (error) {
      fail(p.target, messageOf(error));
    }
    if (p.run && p.target.profile.status === 'ok') record(p.target, p.run, records);
  }
}

/** The cell's variant with the profiler preloaded in front of its allocator. */
function profiledVariant(variant: Variant, access: ProfilerAccess, dir: string, n: number): Variant {
  return {
    ...variant,
    id: `${variant.id}/profile-${n}`,
    env: { ...variant.env, MM_PROFILE_DIR: dir },
    preload: variant.preload ? `${access.library} ${variant.preload}` : access.library,
  };
}

function fail(target: Target, reason: string): void {
  if (target.profile.status !== 'ok') return;
  target.profile.status = 'failed';
  target.profile.reason = reason;
}

function record(target: Target, run: RunRecord, records: string[]): void {
  const summary = sumProfileRecords(records);
  const { profile } = target;
  if (!isSuccessfulRun(run)) {
    fail(target, `the profiling run failed: ${describeFailure(run)}`);
  } else if (run.kind === 'proof') {
    const missing = whyNotProfiled(run, summary, target.variant.shell);
    if (missing) {
      profile.status = 'not-applied';
      profile.reason = missing;
    }
  }
  profile.repeats.push({ wallMs: run.wallMs, calls: summary.calls, bytes: summary.bytes });
  profile.summary ??= summary;
}

/**
 * Why the profiler reached none of the programs the benchmark ran, from the proof run's trace,
 * or undefined when one of them wrote a record. The shell alone is judged only when the command
 * ran nothing else, as the preload proof does.
 */
export function whyNotProfiled(
  run: RunRecord,
  summary: ProfileSummary,
  shell: string | undefined,
): string | undefined {
  const ran = (run.processes ?? []).filter((p) => p.execs > 0);
  const shells = shellExes(run.processes ?? [], shell);
  const work = ran.filter((p) => !shells.has(p.exe));
  const judged = work.length > 0 ? work : ran;
  const recorded = new Set(summary.processes.map((p) => p.exe));
  if (summary.processesOmitted || judged.some((p) => recorded.has(p.exe))) return undefined;
  if (judged.length === 0) return summary.processes.length > 0 ? undefined : 'the profiler wrote no record';
  const statics = judged.filter((p) => p.static);
  if (statics.length === judged.length) {
    const names = [...new Set(statics.map((p) => p.exe || '(unknown program)'))].join(', ');
    return `${names} is statically linked: no preloaded library can count its allocations`;
  }
  return 'no program of the benchmark wrote a profile record (its environment lost LD_PRELOAD or MM_PROFILE_DIR)';
}

/**
 * Each profile's overhead factor: its first run's wall time ÷ its cell's median wall time. Set
 * after the statistics exist, since the profiling runs come before any re-measuring rounds.
 */
export function withOverheads(profiles: AllocationProfile[], cells: CellResult[]): AllocationProfile[] {
  return profiles.map((profile) => {
    const cell = cells.find(
      (c) => c.libc === profile.libc && c.tree === profile.tree && c.allocator === profile.allocator,
    );
    const median = cell?.summary?.wall.median;
    const wall = profile.repeats[0]?.wallMs;
    if (profile.status !== 'ok' || !(median && median > 0) || !(wall && wall > 0)) return profile;
    return { ...profile, overhead: wall / median };
  });
}

/** What the results file gets from the profiles: them, with overheads, and the gate's rows. */
export function allocationResults(
  session: { profiles: AllocationProfile[]; cellResults(): CellResult[] },
  stored: { profiles?: AllocationProfile[] } | undefined,
  threshold: number | undefined,
): { profiles?: AllocationProfile[]; allocationComparisons?: AllocationComparison[] } {
  if (session.profiles.length === 0) return {};
  const withOverhead = withOverheads(session.profiles, session.cellResults());
  const allocationComparisons = compareAllocations({
    profiles: withOverhead,
    stored: stored?.profiles,
    threshold,
  });
  return { profiles: withOverhead, ...(allocationComparisons ? { allocationComparisons } : {}) };
}
