// The process groups the runner started. Each child leads its own group, so one signal reaches
// everything it started; groups still running when this process exits are killed with it.

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Signals every process in the group led by `pid`; a group that is gone already is fine. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** Remembers a running group, so an exit of this process (a cancelled job) takes it along. */
export function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

/**
 * Forgets a group whose work is over. Only groups whose leader runs (or is being killed) are
 * kept: the id of a group that is gone may be reused by an unrelated one.
 */
export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}
