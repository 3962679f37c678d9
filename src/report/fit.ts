// Fitting a report into a size limit (GitHub refuses comments over 65,536 characters). Sections
// carry a drop rank: the lowest rank goes first, and within a rank the largest section first, so
// the fewest and least important parts are lost. What was cut is said in the report itself.
import { countOf } from './details.js';

export interface Section {
  text: string;
  /** Lower ranks are dropped first; sections without a rank are never dropped whole. */
  dropRank?: number;
  /** What the section is, for the note that lists what was cut: `statistics details`, `output tail`. */
  label: string;
}

const SEPARATOR = '\n\n';

function cutNote(dropped: readonly Section[], truncated: boolean, maxChars: number): string {
  const counts = new Map<string, number>();
  for (const s of dropped) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const parts = [...counts].map(([label, n]) => (n === 1 ? label : countOf(n, label)));
  if (truncated) parts.push('the end of the tables');
  return `> ✂️ Cut to fit the ${maxChars.toLocaleString('en-US')}-character limit: ${parts.join(', ')}. The results file has everything.`;
}

function join(sections: readonly Section[]): string {
  return sections.map((s) => s.text).join(SEPARATOR);
}

/**
 * Cuts the text at a line boundary so that it is at most `budget` characters; tables survive as
 * shorter tables. Used only when the sections that can never be dropped are alone too long.
 */
function truncateAtLine(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const cut = text.lastIndexOf('\n', budget);
  return cut > 0 ? text.slice(0, cut) : text.slice(0, Math.max(0, budget));
}

/**
 * Joins the sections, dropping ranked ones until the result fits in `maxChars`, then, if the
 * fixed sections alone are too long, truncating all but the first (the marker) at a line.
 */
export function fitSections(sections: readonly Section[], maxChars: number): string {
  const full = join(sections);
  if (full.length <= maxChars) return full;

  const dropOrder = sections
    .filter((s) => s.dropRank !== undefined)
    .sort((a, b) => a.dropRank! - b.dropRank! || b.text.length - a.text.length);
  const dropped: Section[] = [];
  let kept = [...sections];
  for (const victim of dropOrder) {
    dropped.push(victim);
    kept = kept.filter((s) => s !== victim);
    const candidate = join(kept) + SEPARATOR + cutNote(dropped, false, maxChars);
    if (candidate.length <= maxChars) return candidate;
  }

  const [first, ...rest] = kept;
  const note = cutNote(dropped, true, maxChars);
  const head = first ? first.text + SEPARATOR : '';
  const budget = maxChars - head.length - SEPARATOR.length - note.length;
  if (budget < 0)
    throw new Error(`report size limit ${maxChars} is too small to hold the report's marker and cut note`);
  return head + truncateAtLine(join(rest), budget) + SEPARATOR + note;
}
