// Judges whether an LD_PRELOAD library reached the processes that did the work, from what the
// tracer saw in a proof run. Pure: plain data in, a verdict with a readable reason out.
import { posix } from 'node:path';
import type { PreloadProof, TracedProcess } from '../results/model.js';

export interface ProofOptions {
  /** The preloaded library's path as set in LD_PRELOAD. */
  library: string;
  /** The shell's path when the command is a shell script (its processes are not the benchmark). */
  shell?: string;
}

type Failure = 'static' | 'env-cleared' | 'not-mapped';

const FAILURE_TEXT: Record<Failure, string> = {
  static: 'is statically linked (no dynamic loader)',
  'env-cleared': 'had LD_PRELOAD removed from its environment',
  'not-mapped': 'did not map the library (the preload was ignored)',
};

function failureOf(p: TracedProcess): Failure {
  if (p.static) return 'static';
  if (!p.preloadInEnv) return 'env-cleared';
  return 'not-mapped';
}

/**
 * The shell's executables as seen by the tracer. The configured path may be a link (/bin/sh to
 * dash or busybox), so the resolved image is taken from the first traced process when it
 * exec'd exactly once: that process ran argv[0], which is the shell for shell commands.
 */
export function shellExes(processes: TracedProcess[], shell: string | undefined): Set<string> {
  const exes = new Set<string>();
  if (shell === undefined) return exes;
  exes.add(shell);
  const first = processes[0];
  if (first && first.execs === 1 && first.exe !== '') exes.add(first.exe);
  return exes;
}

/** The share of the benchmark processes' CPU time that must have run under the library. */
export const APPLIED_CPU_SHARE = 0.95;

/**
 * The rule: the processes that exec'd a program other than the shell (or, when the command
 * exec'd nothing but the shell, the shell processes) are judged. The cell is applied when every
 * one of them mapped the library, or, where the tracer read each one's CPU time, when those that
 * mapped it did at least 95% of the work, the busiest among them. So a wrapper that calls a
 * static `sed` for a millisecond keeps its cell, and a static main program still loses it.
 */
export function judgeProof(processes: TracedProcess[], opts: ProofOptions): PreloadProof {
  const base = { library: opts.library, processes };
  const ran = processes.filter((p) => p.execs > 0);
  if (ran.length === 0) {
    return {
      ...base,
      applied: false,
      explanation: `the proof run saw no process start a program, so ${opts.library} could not be proven loaded`,
    };
  }
  const shells = shellExes(processes, opts.shell);
  const work = ran.filter((p) => !shells.has(p.exe));
  // Killed processes are left out only now: leaving them out before choosing would let the shell
  // stand in for a benchmark program the tracer never looked at.
  const judged = (work.length > 0 ? work : ran).filter((p) => !p.killed);
  if (judged.length === 0) {
    return {
      ...base,
      applied: false,
      explanation: `every benchmark process was killed (SIGKILL) before the tracer could look at it, so ${opts.library} could not be proven loaded`,
    };
  }
  const unmapped = judged.filter((p) => !p.mapped);
  if (unmapped.length === 0) return { ...base, applied: true };
  const byCpu = appliedByCpu(judged);
  if (byCpu) return { ...base, applied: true, notUnderAllocator: byCpu };

  // One phrase per program and reason, in the order the programs first appeared.
  const groups = new Map<string, { exe: string; failure: Failure; count: number }>();
  for (const p of unmapped) {
    const failure = failureOf(p);
    const key = `${p.exe}\0${failure}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { exe: p.exe, failure, count: 1 });
  }
  const phrases = [...groups.values()].map(({ exe, failure, count }) => {
    const times = count > 1 ? ` (${count} processes)` : '';
    return `${exe || '(unknown program)'}${times} ${FAILURE_TEXT[failure]}`;
  });
  const lib = posix.basename(opts.library);
  return {
    ...base,
    applied: false,
    explanation: `${lib} was not loaded in ${unmapped.length} of ${judged.length} benchmark process(es): ${phrases.join('; ')}`,
  };
}

/**
 * The programs that ran without the library, with their CPU shares, when the processes with the
 * library did at least APPLIED_CPU_SHARE of the CPU time and include the busiest one; otherwise
 * undefined (the CPU time is unknown for some process, zero in all, or the share is too small).
 */
function appliedByCpu(judged: TracedProcess[]): { exe: string; cpuShare: number }[] | undefined {
  if (judged.some((p) => p.cpuMs === undefined)) return undefined;
  const cpu = (p: TracedProcess) => p.cpuMs ?? 0;
  const total = judged.reduce((sum, p) => sum + cpu(p), 0);
  if (total <= 0) return undefined;
  const busiest = judged.reduce((a, b) => (cpu(b) > cpu(a) ? b : a));
  const mappedShare = judged.filter((p) => p.mapped).reduce((sum, p) => sum + cpu(p), 0) / total;
  if (!busiest.mapped || mappedShare < APPLIED_CPU_SHARE) return undefined;
  const shares = new Map<string, number>();
  for (const p of judged.filter((q) => !q.mapped)) {
    shares.set(p.exe, (shares.get(p.exe) ?? 0) + cpu(p) / total);
  }
  return [...shares].map(([exe, cpuShare]) => ({ exe, cpuShare }));
}

/** A line for the cell's notes when some programs ran without the library: "not under the
 * allocator: /bin/sed, 0.1% of CPU". */
export function proofNote(proof: PreloadProof | undefined): string | undefined {
  const outside = proof?.notUnderAllocator;
  if (!outside || outside.length === 0) return undefined;
  const parts = outside.map(
    ({ exe, cpuShare }) => `${exe || '(unknown program)'}, ${formatShare(cpuShare)} of CPU`,
  );
  return `not under the allocator: ${parts.join('; ')}`;
}

function formatShare(share: number): string {
  const pct = share * 100;
  return pct > 0 && pct < 0.1 ? '<0.1%' : `${pct.toFixed(1)}%`;
}
