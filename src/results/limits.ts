// Bounds on a results file that comes from elsewhere (mode: report reads one made by untrusted
// pull request code, in a job with a write token). Rendering grows faster than linearly with the
// number of cells, so an oversized file could stall that job: such a file is refused, with one
// line naming the limit, before it is validated or rendered.
//
// The limits fit real runs with a wide margin. A run measures at most 2 libcs × a few dozen
// allocators × 2 trees (about 100 cells); `runs` is at most 10,000 per cell, plus 1,000 warm-up
// runs and 5 retries of `runs` each (61,001 runs at most); there are at most 3 comparisons per
// cell; output tails and setup logs are kept short. The file size limit binds first for very
// long runs: about 2,800 runs per cell of a full 20-cell matrix fit in 16 MiB.
import { withThousands } from '../base/units.js';

export interface ResultsLimits {
  /** Bytes of the file, checked before it is read whole. */
  fileBytes: number;
  cells: number;
  runsPerCell: number;
  comparisons: number;
  environments: number;
  /** Allocators in the run's configuration (the report's columns). */
  allocators: number;
  /** Entries of any other list or map, e.g. the processes of a proof run. */
  otherEntries: number;
  /** Characters of any string or key, e.g. a command, a reason or an output tail. */
  stringChars: number;
  /** Levels of nesting; the schema needs 6. */
  depth: number;
}

export const REPORT_INPUT_LIMITS: ResultsLimits = {
  fileBytes: 16 * 1024 * 1024,
  cells: 1_000,
  runsPerCell: 100_000,
  comparisons: 3_000,
  environments: 100,
  allocators: 1_000,
  otherEntries: 10_000,
  stringChars: 1024 * 1024,
  depth: 32,
};

/** Where a value sits in the file, so a list can have its own limit. */
type Place =
  'root' | 'cells' | 'cell' | 'runs' | 'comparisons' | 'environments' | 'config' | 'allocators' | 'other';

interface Node {
  value: unknown;
  place: Place;
  depth: number;
  parent?: Node;
  key?: string | number;
}

function childPlace(parent: Place, key: string | number): Place {
  if (parent === 'root') {
    if (key === 'cells' || key === 'comparisons' || key === 'environments' || key === 'config') return key;
  }
  if (parent === 'cells') return 'cell';
  if (parent === 'cell' && key === 'runs') return 'runs';
  if (parent === 'config' && key === 'allocators') return 'allocators';
  return 'other';
}

function listLimit(place: Place, limits: ResultsLimits): { max: number; unit: string } {
  switch (place) {
    case 'cells':
      return { max: limits.cells, unit: 'cells' };
    case 'runs':
      return { max: limits.runsPerCell, unit: 'runs per cell' };
    case 'comparisons':
      return { max: limits.comparisons, unit: 'comparisons' };
    case 'environments':
      return { max: limits.environments, unit: 'environments' };
    case 'allocators':
      return { max: limits.allocators, unit: 'allocators' };
    case 'root':
    case 'cell':
    case 'config':
    case 'other':
      return { max: limits.otherEntries, unit: 'entries per list' };
  }
}

function pathOf(node: Node): string {
  const keys: (string | number)[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.unshift(n.key);
  let out = '';
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out === '' ? 'the file' : out;
}

function tooLong(text: string, limits: ResultsLimits): boolean {
  return text.length > limits.stringChars;
}

/**
 * The first way a parsed results file exceeds `limits`, as a phrase such as
 * `cells has 100,000 entries; the limit is 1,000 cells`, or undefined when it is within them.
 * Iterative, so that no nesting can overflow the stack, and a list is measured before any of its
 * entries is visited.
 */
export function exceededLimit(
  value: unknown,
  limits: ResultsLimits = REPORT_INPUT_LIMITS,
): string | undefined {
  const stack: Node[] = [{ value, place: 'root', depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (tooLong(v, limits)) {
        return `${pathOf(node)} is ${withThousands(v.length)} characters long; the limit is ${withThousands(limits.stringChars)} characters per string`;
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (node.depth >= limits.depth) {
      return `${pathOf(node)} nests deeper than ${limits.depth} levels; the limit is ${limits.depth} levels`;
    }
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    const count = keys?.length ?? (v as unknown[]).length;
    const { max, unit } = keys
      ? { max: limits.otherEntries, unit: 'entries per map' }
      : listLimit(node.place, limits);
    if (count > max) {
      return `${pathOf(node)} has ${withThousands(count)} entries; the limit is ${withThousands(max)} ${unit}`;
    }
    const entries: [string | number, unknown][] = keys
      ? keys.map((k) => [k, (v as Record<string, unknown>)[k]])
      : (v as unknown[]).map((item, i) => [i, item]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childNode: Node = {
        value: child,
        place: childPlace(node.place, key),
        depth: node.depth + 1,
        parent: node,
        key,
      };
      if (typeof key === 'string' && tooLong(key, limits)) {
        return `a key in ${pathOf(node)} is ${withThousands(key.length)} characters long; the limit is ${withThousands(limits.stringChars)} characters per string`;
      }
      stack.push(childNode);
    }
  }
  return undefined;
}
