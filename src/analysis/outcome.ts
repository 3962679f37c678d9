// What failed the gate, read from the results alone (so report mode sees the same), and the one
// line that names each failure. Pure.
import type { CellComparison, MatrixComparison, Results } from '../results/model.js';

/** What failed the gate, from the results alone (also in report mode): all cells, then each cell. */
export function regressedComparisons(results: Results): (CellComparison | MatrixComparison)[] {
  const matrix = results.matrix?.verdict === 'regressed' ? [results.matrix] : [];
  return [...matrix, ...(results.comparisons ?? []).filter((c) => c.verdict === 'regressed')];
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/** `musl/jemalloc: wall +7.2% [+5.1, +9.8] (paired, same job)`, or the same for all cells. */
export function describeRegression(c: CellComparison | MatrixComparison): string {
  const interval = c.interval ? ` [${pct(c.interval[0])}, ${pct(c.interval[1])}]` : '';
  const change = c.change !== undefined ? pct(c.change) : '?';
  const where = 'cells' in c ? `all ${c.cells} cells together` : `${c.libc}/${c.allocator}`;
  const how = c.paired
    ? 'paired, same job'
    : c.history !== undefined
      ? `cross-run, against ${c.history} stored run${c.history === 1 ? '' : 's'}`
      : 'cross-run';
  return `${where}: ${c.metric} ${change}${interval} (${how})`;
}
