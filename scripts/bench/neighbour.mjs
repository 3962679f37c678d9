// A noisy neighbour, as on a shared CI runner: a process that keeps one core busy in bursts of
// 30-80 ms, then idles 20-120 ms, in a seeded (hence repeatable) pattern. Started as a child of
// the benchmark, pinned to the first core when `taskset` is there; stopped with the trial.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { activeChildren, findOnPath } from './util.mjs';

export const BURST_MS = [30, 80];
export const IDLE_MS = [20, 120];

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function uniform(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function behave(seed) {
  const next = uniform(seed);
  const between = ([lo, hi]) => lo + (hi - lo) * next();
  for (;;) {
    const end = performance.now() + between(BURST_MS);
    while (performance.now() < end) {
      // busy: this is the noise
    }
    await new Promise((resolve) => setTimeout(resolve, between(IDLE_MS)));
  }
}

/** Starts the neighbour; `stop()` ends it and resolves once it is gone. */
export function startNeighbour(seed) {
  const self = fileURLToPath(import.meta.url);
  const taskset = findOnPath('taskset');
  const [command, args] = taskset
    ? [taskset, ['-c', '0', process.execPath, self, String(seed)]]
    : [process.execPath, [self, String(seed)]];
  const child = spawn(command, args, { stdio: 'ignore' });
  activeChildren.add(child);
  const gone = new Promise((resolve) => child.once('close', resolve));
  return {
    pinned: taskset !== undefined,
    async stop() {
      child.kill('SIGKILL');
      await gone;
      activeChildren.delete(child);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  behave(Number(process.argv[2] ?? 1)).catch(() => process.exit(1));
}
