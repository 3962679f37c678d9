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
function shellExes(processes: TracedProcess[], shell: string | undefined): Set<string> {
  const exes = new Set<string>();
  if (shell === undefined) return exes;
  exes.add(shell);
  const first = processes[0];
  if (first && first.execs === 1 && first.exe !== '') exes.add(first.exe);
  return exes;
}

/**
 * The rule: the library must be mapped in every process that exec'd a program other than the
 * shell. When the command exec'd nothing but the shell, the shell processes are judged.
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
  const judged = work.length > 0 ? work : ran;
  const unmapped = judged.filter((p) => !p.mapped);
  if (unmapped.length === 0) return { ...base, applied: true };

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
