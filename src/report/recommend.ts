// One sentence per libc when an allocator beats the libc's own malloc with confidence on the
// gated time metric and stays within the memory threshold, naming how to adopt it in Alpaquita.
import { DEFAULT_ALLOCATOR, findAllocator } from '../config/allocators.js';
import type { CellResult, LibcName, Results } from '../results/model.js';
import { escapeInline } from './escape.js';
import { formatChangeAgainst } from './format.js';
import { findCell, headCells, libcRows } from './grid.js';

/** The memory threshold of files that did not record theirs: the input's default. */
const DEFAULT_MEMORY_THRESHOLD = 0.1;

export interface Recommendation {
  libc: LibcName;
  allocator: string;
  /** Median time ÷ the default's − 1 (negative: faster). */
  change: number;
  /** Median peak RSS ÷ the default's − 1. */
  memoryChange: number;
  library?: string;
}

/**
 * The fastest allocator of a libc whose 95% interval of the median lies wholly below the
 * default's (so it is faster with confidence) and whose median peak RSS grew by no more than
 * the memory threshold; undefined when none qualifies.
 */
export function recommend(results: Results, libc: LibcName): Recommendation | undefined {
  const metric = results.config.metric;
  const memoryThreshold = results.config.memoryThreshold ?? DEFAULT_MEMORY_THRESHOLD;
  const reference = findCell(results, libc, DEFAULT_ALLOCATOR);
  if (reference?.status !== 'ok' || !reference.summary) return undefined;
  const base = reference.summary;
  const qualifies = (c: CellResult): c is CellResult & { summary: NonNullable<CellResult['summary']> } =>
    c.libc === libc &&
    c.allocator !== DEFAULT_ALLOCATOR &&
    c.status === 'ok' &&
    c.summary !== undefined &&
    c.summary[metric].ci95[1] < base[metric].ci95[0] &&
    base.rss.median > 0 &&
    c.summary.rss.median <= base.rss.median * (1 + memoryThreshold);
  const best = headCells(results)
    .filter(qualifies)
    .sort((a, b) => a.summary[metric].median - b.summary[metric].median)[0];
  if (!best) return undefined;
  return {
    libc,
    allocator: best.allocator,
    change: best.summary[metric].median / base[metric].median - 1,
    memoryChange: best.summary.rss.median / base.rss.median - 1,
    ...(best.library ? { library: best.library } : {}),
  };
}

/** How to adopt it: Alpaquita's `-global` package, or LD_PRELOAD for one service. */
function adoption(results: Results, r: Recommendation): string {
  const preload = r.library ? `\`LD_PRELOAD=${escapeInline(r.library, 120)}\`` : '`LD_PRELOAD`';
  const pkg = findAllocator(r.allocator)?.apkPackage;
  if (results.config.executor === 'docker' && pkg) {
    return `in Alpaquita, \`apk add ${pkg}-global\` preloads it for every login shell (through /etc/profile.d), or set ${preload} for a single service`;
  }
  return `set ${preload} for the service that should use it`;
}

/** The recommendation lines, or undefined when no allocator qualifies in any libc. */
export function renderRecommendations(results: Results): string | undefined {
  const metric = results.config.metric === 'cpu' ? 'CPU time' : 'wall time';
  const threshold = results.config.memoryThreshold ?? DEFAULT_MEMORY_THRESHOLD;
  const lines = libcRows(results)
    .map((libc) => recommend(results, libc))
    .filter((r): r is Recommendation => r !== undefined)
    .map((r) => {
      const faster = formatChangeAgainst(1 + r.change, 1);
      const memory = formatChangeAgainst(1 + r.memoryChange, 1);
      return (
        `> 💡 On ${r.libc}, **${escapeInline(r.allocator, 60)}** beats the libc's own malloc on ${metric} ` +
        `(${faster}, the 95% intervals apart) within the ${Math.round(threshold * 100)}% memory threshold ` +
        `(peak RSS ${memory}): ${adoption(results, r)}.`
      );
    });
  return lines.length > 0 ? lines.join('\n>\n') : undefined;
}
