// The file a `baseline: cache` entry holds: the last K results of a branch, newest first, so that
// one restore brings back the whole history a cross-run comparison learns its between-run spread
// from. An entry saved before there was a history holds a single results file; it reads as a
// history of one.
import { z } from 'zod';
import type { Results } from '../results/model.js';
import { parseJsonText, parseResults } from '../results/schema.js';
import { messageOf } from '../base/errors.js';

export const HISTORY_SCHEMA_ID = 'malloc-matrix/history';
const HISTORY_VERSION = 1;

const historyFile = z.object({
  schema: z.literal(HISTORY_SCHEMA_ID),
  version: z.literal(HISTORY_VERSION),
  runs: z.array(z.unknown()).min(1),
});

/** The text of a history file: compact JSON, since it is only ever read back by this tool. */
export function serializeHistory(runs: readonly Results[]): string {
  if (runs.length === 0) throw new Error('a history holds at least one run');
  return JSON.stringify({ schema: HISTORY_SCHEMA_ID, version: HISTORY_VERSION, runs });
}

export interface ParsedHistory {
  /** The valid runs, newest first. */
  runs: Results[];
  /** One line per run that was dropped, and why. */
  dropped: string[];
}

/**
 * Reads a history file (or a single results file, as a history of one). Runs that do not parse
 * are dropped and named; throws, naming `source`, when the newest does not parse or the file is
 * no history at all.
 */
export function parseHistory(text: string, source: string): ParsedHistory {
  const json = parseJsonText(text, source);
  const record = json as { schema?: unknown } | null;
  if (typeof record !== 'object' || record === null || record.schema !== HISTORY_SCHEMA_ID) {
    return { runs: [parseResults(json, source)], dropped: [] };
  }
  const parsed = historyFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${source}: not a history this malloc-matrix can read (${parsed.error.issues[0]?.message})`,
    );
  }
  const { runs } = parsed.data;
  const out: Results[] = [];
  const dropped: string[] = [];
  runs.forEach((run, i) => {
    const where = `${source} (run ${i + 1} of ${runs.length})`;
    if (i === 0) {
      out.push(parseResults(run, where));
      return;
    }
    try {
      out.push(parseResults(run, where));
    } catch (error) {
      dropped.push(messageOf(error));
    }
  });
  return { runs: out, dropped };
}
