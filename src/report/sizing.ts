// How many rounds were measured and why, in the report: the count in headings, the sizing in the
// run details, and a note up front when the max-time budget cut rounds. Pure.
import { placeLabel } from '../results/arch.js';
import type { Results } from '../results/model.js';
import { escapeInline } from './escape.js';

/** `150` when every environment ran the same rounds, else `150 (musl) / 120 (glibc)`. */
export function roundsText(results: Results): string {
  const environments = results.sizing?.environments ?? [];
  const counts = new Set(environments.map((e) => e.rounds));
  if (counts.size <= 1) return String(environments[0]?.rounds ?? results.config.runs);
  return environments.map((e) => `${e.rounds} (${placeLabel(results, e)})`).join(' / ');
}

/** The run details' line: the rounds, how they were chosen, and the warm-up. */
export function runsDetail(results: Results): string {
  const { sizing, config } = results;
  const warmup = `${config.warmup} warm-up, in interleaved rounds`;
  if (sizing?.mode !== 'auto') return `${config.runs} measured, ${warmup}`;
  const settings = [
    `each cell ≥ ${asInput(sizing.minTimeMs ?? 0)} per tree`,
    `${sizing.minRuns ?? '?'} to ${sizing.maxRuns ?? '?'} rounds`,
    `max-time ${asInput(sizing.maxTimeMs ?? 0)}`,
  ].join(', ');
  const extra = sizing.environments
    .filter((e) => e.extraRounds)
    .map((e) => `${e.extraRounds} more in ${placeLabel(results, e)} to re-measure inconclusive cells`);
  return [`${roundsText(results)} measured (runs: auto: ${settings})`, ...extra, warmup].join(', ');
}

/** A note when max-time cut the rounds, shown near the top of the report. */
export function sizingNote(results: Results): string | undefined {
  const trimmed = results.sizing?.trimmed;
  return trimmed ? `> ⏱️ Fewer rounds than wanted: ${escapeInline(trimmed, 300)}.` : undefined;
}

/** A duration as it would be written in the inputs: `3s`, `10m`, `750ms`. */
export function asInput(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
