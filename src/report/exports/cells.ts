// The cells that the dashboard exports carry: measured head cells, each with a stable
// benchmark name. Base-tree cells are this run's baseline, not a data point of the branch.
import type { CellSummaries, Results } from '../../results/model.js';

export interface ExportedCell {
  /** `<results name> <libc>/<allocator>`: stable across runs of the same configuration. */
  benchmark: string;
  summary: CellSummaries;
  /** One line of context for a dashboard tooltip. */
  extra: string;
}

export function exportedCells(results: Results): ExportedCell[] {
  const out: ExportedCell[] = [];
  for (const cell of results.cells) {
    if (cell.tree !== 'head' || cell.status !== 'ok' || !cell.summary) continue;
    const env = results.environments.find((e) => e.libc === cell.libc);
    const version = env?.allocators[cell.allocator]?.version;
    out.push({
      benchmark: `${results.name} ${cell.libc}/${cell.allocator}`,
      summary: cell.summary,
      extra: [
        `n=${cell.summary.wall.n}`,
        version ? `${cell.allocator} ${version}` : undefined,
        results.git?.head ? `commit ${results.git.head.slice(0, 12)}` : undefined,
      ]
        .filter((part) => part !== undefined)
        .join(', '),
    });
  }
  return out;
}
