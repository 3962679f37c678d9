// The cells of one environment and the program variants that measure them: one cell per
// allocator and tree, with the reason when a cell cannot be measured there. Pure.
import type { Config } from '../config/config.js';
import type { PreparedEnvironment, Variant } from './executor.js';
import { cellKey } from '../results/runs.js';
import { allocatorEnvironment } from '../config/allocators.js';
import type { CellResult, EnvironmentInfo, LibcName, TreeName } from '../results/model.js';

export interface EnvironmentCells {
  cells: CellResult[];
  /** Variants of the measurable cells, with the same ids as cellKey(libc, allocator, tree). */
  variants: Variant[];
}

export function environmentCells(
  config: Config,
  trees: readonly TreeName[],
  libc: LibcName,
  info: EnvironmentInfo,
  env: PreparedEnvironment | undefined,
): EnvironmentCells {
  const cells: CellResult[] = [];
  const variants: Variant[] = [];
  for (const tree of trees) {
    for (const allocator of config.allocators) {
      const cell: CellResult = {
        libc,
        allocator: allocator.name,
        tree,
        status: 'ok',
        runs: [],
        failedRuns: 0,
      };
      cells.push(cell);
      const alloc = info.allocators[allocator.name];
      const blocked = whyNotMeasurable(allocator.name, tree, info, env);
      if (blocked !== undefined || !env) {
        cell.status = blocked?.status ?? 'failed';
        cell.reason = blocked?.reason ?? 'environment unavailable';
        continue;
      }
      cell.library = alloc?.library;
      variants.push({
        id: cellKey(libc, allocator.name, tree),
        argv:
          config.command.kind === 'shell' ? [env.shell, '-c', config.command.script] : config.command.argv,
        cwd: env.treeDirs[tree]!,
        env: { ...Object.fromEntries(config.env), ...allocatorEnvironment(allocator) },
        timeoutMs: config.timeoutMs,
        ...(config.command.kind === 'shell' ? { shell: env.shell } : {}),
        ...(alloc?.library && allocator.name !== 'default' ? { preload: alloc.library } : {}),
      });
    }
  }
  return { cells, variants };
}

function whyNotMeasurable(
  allocator: string,
  tree: TreeName,
  info: EnvironmentInfo,
  env: PreparedEnvironment | undefined,
): { status: 'failed' | 'unavailable'; reason: string } | undefined {
  if (info.failure || !env) return { status: 'failed', reason: info.failure ?? 'environment unavailable' };
  const treeFailure = env.treeFailures[tree];
  if (treeFailure) return { status: 'failed', reason: treeFailure };
  const alloc = info.allocators[allocator];
  if (allocator !== 'default' && (!alloc || alloc.status === 'unavailable')) {
    return { status: 'unavailable', reason: alloc?.reason ?? `${allocator} is not available` };
  }
  if (env.treeDirs[tree] === undefined)
    return { status: 'failed', reason: `the ${tree} tree is not available in this environment` };
  return undefined;
}
