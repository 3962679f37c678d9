// The hardening scenarios of the reliability campaign. Each is a real run of the bundled action
// built so that it fails on a build without the fix it names, and each ends with the same three
// checks: nothing lost (a results file that was due is there and valid), nothing leaked (no
// secret of the scenario anywhere but in the runner's mask command) and no container of its
// runs left on the engine. The ledger line carries what was done, what must hold, what was
// observed and which code makes it hold; scripts/reliability.mjs turns it into a table row.
//
// With MM_CAMPAIGN_BEFORE set, the campaign runs against an older bundle (MM_DIST) to show that
// each scenario fails there: a scenario that would hang, or harm the machine, on a build
// without its fix is not run then, and its ledger line says why.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import { REPO_ROOT, type ActionRun } from './bench.js';
import { noteRunId, ourContainers, readRunResults, record } from './campaign.js';

/** The github-token of every scenario run: it must never show up anywhere. */
export const CANARY_TOKEN = 'ghs_hardeningCanaryToken0123456789abcd';

export interface Scenario {
  /** Short, for the table's first column. */
  name: string;
  /** What the scenario does to the run. */
  done: string;
  /** What must hold afterwards (and did not before the fix). */
  holds: string;
  /** The code that makes it hold. */
  fixedBy: string;
  /** Why the scenario is not run against a build without the fix (it would hang or harm the host). */
  unsafeBefore?: string;
}

export interface EndState {
  resultsExpected: boolean;
  resultsKept: boolean;
  /** Occurrences of the scenario's secrets outside the runner's mask command. */
  leaked: number;
  /** Containers of the scenario's runs still on the engine. */
  containersLeft: number;
}

export interface ScenarioOutcome {
  /** Figures from the run: counts, bytes, times, the message it gave. */
  observed: string;
  end: EndState;
}

function occurrences(text: string, secret: string): number {
  return secret === '' ? 0 : text.split(secret).length - 1;
}

/** Everything a run made visible: log, summary, outputs and the results file it wrote. */
function visibleText(run: ActionRun, secrets: string[]): string {
  const masks = new Set(secrets.map((s) => `::add-mask::${s}`));
  const log = run.stdout
    .split('\n')
    .filter((line) => !masks.has(line.trim()))
    .join('\n');
  const file = run.outputs.results;
  const results = file && existsSync(file) ? readFileSync(file, 'utf8') : '';
  return [log, run.stderr, run.summary, ...Object.values(run.outputs), results].join('\n');
}

/**
 * The end state of a scenario's runs. `resultsFrom` are the runs that had to write a results
 * file; `alsoSeen` is text that left the runs another way (comment bodies).
 */
export function endState(
  runs: ActionRun[],
  opts: { resultsFrom?: ActionRun[]; secrets?: string[]; alsoSeen?: string[] } = {},
): EndState {
  const secrets = [CANARY_TOKEN, ...(opts.secrets ?? [])];
  const resultsFrom = opts.resultsFrom ?? [];
  const seen = [...runs.map((r) => visibleText(r, secrets)), ...(opts.alsoSeen ?? [])].join('\n');
  let containersLeft = 0;
  for (const run of runs) {
    const id = run.state['malloc-matrix-run-id'];
    noteRunId(id);
    if (id) containersLeft += ourContainers(`label=malloc-matrix.run=${id}`).length;
  }
  return {
    resultsExpected: resultsFrom.length > 0,
    resultsKept: resultsFrom.every((r) => readRunResults(r).valid),
    leaked: secrets.reduce((n, s) => n + occurrences(seen, s), 0),
    containersLeft,
  };
}

/** Whether this campaign runs against an older bundle, to show that the scenarios fail there. */
export const BEFORE_FIX = process.env.MM_CAMPAIGN_BEFORE === '1';

/**
 * How a failed check reads in the table: the assertion's own source line and jest's
 * expected/received lines, e.g. `expect(run.code).toBe(1)`: Expected: 1 · Received: 0.
 */
export function describeFailure(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[[0-9;]*m/g, '');
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frame = /\(?([^\s()]+\.test\.itg\.ts):(\d+):\d+/.exec(stack);
  let source = '';
  if (frame && existsSync(frame[1])) {
    source = (readFileSync(frame[1], 'utf8').split('\n')[Number(frame[2]) - 1] ?? '')
      .trim()
      .replace(/;$/, '');
  }
  // jest's "Expected: 1" / "Received: 0" lines, or the first changed lines of each side of a diff
  // (without the lines that only open or close a list or an object).
  const side = (sign: string) =>
    lines
      .filter((l) => l.startsWith(`${sign} `) && !/^[-+] (Expected|Received) /.test(l))
      .filter((l) => !/^[-+]\s*(Array \[\]?|Object \{\}?|\]|\}),?$/.test(l))
      .slice(0, 2);
  const plain = lines.filter((l) => /^(Expected|Received)\b/.test(l)).slice(0, 4);
  const details = (plain.length > 0 ? plain : [...side('-'), ...side('+')]).map((l) => {
    const short = l.replace(/\s+/g, ' ').split(`${tmpdir()}/`).join('$TMPDIR/');
    return short.length > 160 ? `${short.slice(0, 159)}…` : short;
  });
  const what = details.length > 0 ? details.join(' · ') : (lines[0] ?? 'failed');
  const text = source.startsWith('expect(') ? `\`${source}\`: ${what}` : what;
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/**
 * Runs one hardening scenario and writes its ledger line, held or not. The scenario's own
 * assertions come first; then nothing may be lost, leaked or left.
 */
export async function hardening(scenario: Scenario, body: () => Promise<ScenarioOutcome>): Promise<void> {
  const { unsafeBefore, ...fields } = scenario;
  // The test file, so that the table lists the scenarios in a stable order.
  const line = { ...fields, file: path.relative(REPO_ROOT, expect.getState().testPath ?? '') };
  if (BEFORE_FIX && unsafeBefore !== undefined) {
    record({ kind: 'hardening', ...line, ok: false, observed: `not run: ${unsafeBefore}`, skipped: true });
    return;
  }
  let outcome: ScenarioOutcome;
  try {
    outcome = await body();
  } catch (error) {
    record({ kind: 'hardening', ...line, ok: false, observed: `failed: ${describeFailure(error)}` });
    throw error;
  }
  const { end } = outcome;
  const lost = end.resultsExpected && !end.resultsKept;
  const ok = !lost && end.leaked === 0 && end.containersLeft === 0;
  record({
    kind: 'hardening',
    ...line,
    ok,
    observed: ok
      ? outcome.observed
      : `failed: ${[lost && 'results lost', end.leaked > 0 && `${end.leaked} secret(s) leaked`, end.containersLeft > 0 && `${end.containersLeft} container(s) left`].filter(Boolean).join(', ')}; ${outcome.observed}`,
    ...end,
  });
  expect({ lost, leaked: end.leaked, containersLeft: end.containersLeft }).toEqual({
    lost: false,
    leaked: 0,
    containersLeft: 0,
  });
}

export { withThousands as thousands } from '../../src/base/units.js';

/** Milliseconds as seconds with one decimal: `3.2 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A size in bytes as MiB or KiB, the way the observations read best. */
export function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
