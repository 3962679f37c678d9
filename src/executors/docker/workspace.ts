// The trees in the container: each gets a private copy (`/mm/head`, `/mm/base`), and the user's
// setup runs in each. Every copy is made before any setup runs. Head is the pull request's code
// and its setup runs as root in the same container, so the base copy is listed before and after
// the head's setup: if anything under it changed, the base is not measured there. A setup's
// processes are stopped when it ends, so none of them runs on into the next step or the
// measurements. (The head's benchmark itself still runs in the same container: this keeps a
// setup from changing the base unseen, it does not make the base proof against the code under
// test.)
import type { TreeName } from '../../results/model.js';
import type { EnvironmentRequest, PreparedEnvironment } from '../../measure/executor.js';
import { messageOf } from '../../base/errors.js';
import { succeeded } from '../../process/run-process.js';
import type { DockerClient } from './client.js';
import { withCommandsStopped } from './command-fence.js';
import {
  countStrayProcesses,
  execIn,
  killStrayProcesses,
  restartContainer,
  treeDigest,
  treeDirsFor,
} from './container.js';
import type { DockerLog } from './executor.js';
import { copyTree, runSetup, type TreeArchiver } from './trees.js';

export interface WorkspaceContext {
  docker: DockerClient;
  archiver: TreeArchiver;
  log: DockerLog;
  sleep: (ms: number) => Promise<void>;
  container: string;
  /** Why the container was stopped on purpose (the disk limit), if it was: then it stays stopped. */
  stoppedBecause?: () => string | undefined;
}

/** Head first: its setup is the one the base copy is checked against. */
const TREE_ORDER: readonly TreeName[] = ['head', 'base'];
/** Waits between attempts to stop a setup's processes (a fork bomb may hold every process slot). */
const STRAY_RETRY_MS = [1000, 3000];

/**
 * Copies every tree, then runs setup in each; failures are per tree. Returns a failure of the
 * whole environment when a setup left processes behind that could not be stopped.
 */
export async function prepareTrees(
  ctx: WorkspaceContext,
  request: EnvironmentRequest,
  env: PreparedEnvironment,
): Promise<string | undefined> {
  const copied = await copyTrees(ctx, request, env);
  const setup = request.setup;
  if (setup === undefined || setup.trim() === '') return undefined;
  const baseRoot = treeDirsFor('base', '.').root;
  let baseBefore: string | undefined;
  if (copied.includes('head') && copied.includes('base')) {
    baseBefore = await digestOrFail(ctx, baseRoot, env);
    if (baseBefore === undefined) copied.splice(copied.indexOf('base'), 1);
  }
  for (const tree of copied) {
    if (tree === 'base' && baseBefore !== undefined) {
      const after = await digestOrFail(ctx, baseRoot, env);
      if (after === undefined) continue;
      if (after !== baseBefore) {
        env.treeFailures.base = `the head tree's setup changed the base tree (${baseRoot}), so the base is not measured in this environment`;
        continue;
      }
    }
    const failure = await runTreeSetup(ctx, request, tree, env, setup);
    if (failure) return failure;
  }
  return undefined;
}

async function copyTrees(
  ctx: WorkspaceContext,
  request: EnvironmentRequest,
  env: PreparedEnvironment,
): Promise<TreeName[]> {
  const copied: TreeName[] = [];
  for (const tree of TREE_ORDER) {
    const hostDir = request.trees[tree];
    if (hostDir === undefined) continue;
    const dirs = treeDirsFor(tree, request.workingDirectory);
    try {
      ctx.log.info(`${request.libc}: copying the ${tree} tree into ${dirs.root}`);
      await copyTree(ctx.docker, ctx.archiver, ctx.container, hostDir, dirs.root);
    } catch (error) {
      env.treeFailures[tree] = `copying the ${tree} tree failed: ${messageOf(error)}`;
      continue;
    }
    const isDir = await execIn(ctx.docker, ctx.container, ['test', '-d', dirs.cwd]);
    if (!succeeded(isDir)) {
      env.treeFailures[tree] =
        `working directory '${request.workingDirectory}' does not exist in the ${tree} tree`;
      continue;
    }
    env.treeDirs[tree] = dirs.cwd;
    copied.push(tree);
  }
  return copied;
}

async function digestOrFail(
  ctx: WorkspaceContext,
  dir: string,
  env: PreparedEnvironment,
): Promise<string | undefined> {
  try {
    return await treeDigest(ctx.docker, ctx.container, dir);
  } catch (error) {
    env.treeFailures.base = `could not check the base tree: ${messageOf(error)}`;
    return undefined;
  }
}

/**
 * Runs one tree's setup, then stops what it left running. Returns a failure of the whole
 * environment when the setup outlived its time limit or its processes could not be stopped.
 */
async function runTreeSetup(
  ctx: WorkspaceContext,
  request: EnvironmentRequest,
  tree: TreeName,
  env: PreparedEnvironment,
  setup: string,
): Promise<string | undefined> {
  const { libc } = request;
  const cwd = env.treeDirs[tree];
  if (cwd === undefined) return undefined;
  const outcome = await ctx.log.group(`${libc}: setup (${tree})`, () =>
    withCommandsStopped(ctx.log, (line) =>
      runSetup(ctx.docker, ctx.container, cwd, setup, line, request.setupTimeoutMs),
    ),
  );
  if (!outcome.ok) {
    env.info.setupLogTail = outcome.tail;
    // Ending `docker exec` does not end what it started in the container, and a hung setup left
    // running would disturb every measurement there. Only removing the container stops it, so
    // the whole environment fails (the session then disposes of it).
    if (outcome.timedOut) return `${outcome.failure} in the ${tree} tree`;
    env.treeFailures[tree] = outcome.failure;
  }
  return stopSetupStrays(ctx, libc, tree);
}

/**
 * Stops every process a setup left in the container, and says how many there were. The helper
 * does it from inside, which needs one process slot for the `docker exec`; a fork bomb's
 * children may hold them all. Then the container is restarted: its init dies, the kernel ends
 * every other process of its PID namespace, and no slot is needed. Its files are kept.
 */
async function stopSetupStrays(
  ctx: WorkspaceContext,
  libc: string,
  tree: TreeName,
): Promise<string | undefined> {
  const whose = `the ${tree} tree's setup`;
  const stopped = (strays: number, how = '') =>
    ctx.log.warning(
      `${libc}: ${whose} left ${strays} process${strays === 1 ? '' : 'es'} running; ${strays === 1 ? 'it was' : 'they were'} stopped before measuring${how}`,
    );
  let reason = '';
  for (let attempt = 0; attempt <= STRAY_RETRY_MS.length; attempt++) {
    if (attempt > 0) await ctx.sleep(STRAY_RETRY_MS[attempt - 1]);
    try {
      const strays = await killStrayProcesses(ctx.docker, ctx.container);
      if (strays > 0) stopped(strays);
      return undefined;
    } catch (error) {
      reason = messageOf(error);
    }
  }
  const cannot = `${whose} left processes running that could not be stopped (is the container's process limit, pids-limit, used up?): ${reason}`;
  const stoppedBecause = ctx.stoppedBecause?.();
  if (stoppedBecause !== undefined) return stoppedBecause;
  const held = await countStrayProcesses(ctx.docker, ctx.container);
  const restart = await restartContainer(ctx.docker, ctx.container);
  if (!restart.ok) return `${cannot}; restarting the container failed too: ${restart.failure}`;
  try {
    // From inside again: proves the restart freed the slots, and stops anything it missed.
    await killStrayProcesses(ctx.docker, ctx.container);
  } catch (error) {
    return `${cannot}; after restarting the container: ${messageOf(error)}`;
  }
  const how = ' (they held every process slot, so by restarting the container; its files are kept)';
  if (held === undefined)
    ctx.log.warning(`${libc}: ${whose} left processes running; they were stopped before measuring${how}`);
  else stopped(held, how);
  return undefined;
}
