// Pure: the loudest line of a report. On a pull request or a merge queue group whose baseline was
// wanted (baseline: auto, base or cache) but could not be had, nothing was gated; a reader who
// only glances at the comment or the job summary must not take that for a pass.
import type { Results } from '../results/model.js';
import { escapeInline, stripControl } from './escape.js';
import { headCells } from './grid.js';

export const NO_BASELINE_HEADLINE = '⚠️ no baseline: the gate did not run';

export interface GateEvent {
  /**
   * The run gates a change: a pull request or a merge queue group (baseline/select.ts
   * `gatesAChange`). A results file that names a pull request counts as one anyway.
   */
  gatingEvent?: boolean;
}

/** Why the gate did not run although it should have, or undefined when it ran or was not asked to. */
export function missingBaselineReason(results: Results, event: GateEvent = {}): string | undefined {
  const baseline = results.baseline;
  if (results.fatalError !== undefined || baseline === undefined) return undefined;
  // `none` was chosen (or means "nothing to compare on this event"); a bad `file` stops the run.
  if (baseline.kind !== 'base' && baseline.kind !== 'cache') return undefined;
  if (!baseline.unavailableReason) return undefined;
  if (event.gatingEvent !== true && results.git?.pr === undefined) return undefined;
  return baseline.unavailableReason;
}

function sentence(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** The report's verdict line when the gate did not run, or undefined (then the usual one applies). */
export function noBaselineHeadline(results: Results, event: GateEvent = {}): string | undefined {
  const reason = missingBaselineReason(results, event);
  if (reason === undefined) return undefined;
  const cells = headCells(results).length;
  return `**${NO_BASELINE_HEADLINE}**: ${sentence(escapeInline(reason, 300))}. Allocator comparison only · ${cells} cell${cells === 1 ? '' : 's'}`;
}

/**
 * The text of the warning annotation for the same case, one plain line, or undefined. With
 * `requireBaseline` the step fails anyway, so the hint to set it is left out.
 */
export function noBaselineWarning(
  results: Results,
  event: GateEvent & { requireBaseline?: boolean } = {},
): string | undefined {
  const reason = missingBaselineReason(results, event);
  if (reason === undefined) return undefined;
  const plain = sentence(stripControl(reason).replace(/\s+/g, ' ').trim().slice(0, 500));
  const headline = NO_BASELINE_HEADLINE.replace(/^⚠️\s*/, '');
  const hint = event.requireBaseline ? '' : ' Set require-baseline: true to fail the step instead.';
  return `${headline}: ${plain}.${hint}`;
}
