// The markdown report posted as the pull request comment and written to the job summary.
// Pure: a Results object in, a string out, never longer than the size limit.
import { createHash } from 'node:crypto';
import { placeLabel } from '../results/arch.js';
import type { Results } from '../results/model.js';
import { renderWallChart } from './chart.js';
import { renderComparisons, verdictLine } from './comparison.js';
import { cellWarnings, environmentDetails, outputTails, runDetails, statisticsDetails } from './details.js';
import { escapeAttribute, escapeInline } from './escape.js';
import { fitSections, type Section } from './fit.js';
import { noBaselineHeadline } from './headline.js';
import { shardDetails, shardNotes } from './shards.js';
import { sizingNote } from './sizing.js';
import { renderRssTable, renderWallTable } from './tables.js';
import { renderAllocationDetails, renderAllocationProfile, renderMemoryOverhead } from './allocation.js';
import { renderAllocationGate } from './allocation-verdicts.js';
import { renderRecommendations } from './recommend.js';
import { renderTrend } from './trend.js';

/** GitHub refuses comment bodies over 65,536 characters; keep a margin for the API's own counting. */
export const DEFAULT_MAX_CHARS = 65_000;
/** Below this even the heading, verdict and cut note may not fit. */
export const MIN_MAX_CHARS = 1_000;

const MARKER_NAME_CHARS = 80;

export interface MarkdownOptions {
  /** Upper bound on the length of the result (default 65,000). */
  maxChars?: number;
  /** The CLI command that reproduces this run locally, shown in the run details. */
  reproduceCommand?: string;
  /** The hidden first line that identifies the comment; defaults to `reportMarker(results.name)`. */
  marker?: string;
  /**
   * The run gates a change (a pull request or a merge queue group): a baseline that could not be
   * had then heads the report as "no baseline: the gate did not run".
   */
  gatingEvent?: boolean;
}

/**
 * The hidden HTML comment that identifies a benchmark's report, so that the sticky comment is
 * found again on the next push. Long names are shortened with a hash of the full name, which
 * keeps the marker short and still unique per benchmark.
 */
export function reportMarker(name: string): string {
  let shown = name;
  if (name.length > MARKER_NAME_CHARS) {
    const digest = createHash('sha256').update(name).digest('hex').slice(0, 12);
    shown = `${name.slice(0, MARKER_NAME_CHARS)}…${digest}`;
  }
  return `<!-- malloc-matrix:report name="${escapeAttribute(shown)}" -->`;
}

function heading(results: Results, gatingEvent: boolean | undefined): string {
  const verdict = noBaselineHeadline(results, { gatingEvent }) ?? verdictLine(results);
  return `## malloc-matrix: ${escapeInline(results.name, 200)}\n\n${verdict}`;
}

function environmentFailures(results: Results): string | undefined {
  const failed = results.environments.filter((e) => e.failure);
  if (failed.length === 0) return undefined;
  return failed
    .map(
      (e) =>
        `> ⚠️ The ${placeLabel(results, e)} environment could not be prepared: ${escapeInline(e.failure!, 300)}`,
    )
    .join('\n');
}

/** Renders the whole report; see MarkdownOptions. */
export function renderMarkdown(results: Results, opts: MarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < MIN_MAX_CHARS) {
    throw new Error(
      `report maxChars ${maxChars} is invalid; expected an integer of at least ${MIN_MAX_CHARS}`,
    );
  }
  const sections: Section[] = [
    { text: opts.marker ?? reportMarker(results.name), label: 'marker' },
    { text: heading(results, opts.gatingEvent), label: 'heading' },
  ];
  const push = (text: string | undefined, label: string, dropRank?: number) => {
    if (text !== undefined) sections.push({ text, label, dropRank });
  };
  push(shardNotes(results), 'shard notes');
  push(environmentFailures(results), 'environment failures');
  push(sizingNote(results), 'sizing note');
  push(renderWallTable(results), 'wall time table');
  push(cellWarnings(results), 'cell warnings', 3);
  push(renderRssTable(results), 'peak RSS table', 4);
  push(renderMemoryOverhead(results), 'memory overhead table', 4);
  push(renderRecommendations(results), 'recommendation', 3);
  push(renderComparisons(results), 'baseline comparison');
  push(renderTrend(results), 'trend chart', 2);
  push(renderAllocationGate(results), 'allocation comparison');
  push(renderWallChart(results), 'chart', 3);
  push(renderAllocationProfile(results), 'allocation profile', 4);
  push(renderAllocationDetails(results), 'allocation details', 2);
  for (const tail of outputTails(results)) push(tail.text, tail.label, 2);
  push(statisticsDetails(results), 'statistics details', 1);
  push(environmentDetails(results), 'environment details', 1);
  push(shardDetails(results), 'shard details', 1);
  push(runDetails(results, opts.reproduceCommand), 'run details', 1);
  return fitSections(sections, maxChars);
}
