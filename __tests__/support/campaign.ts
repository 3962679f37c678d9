// Shared by the reliability campaign (faults, security, bad input): the Docker engine check,
// a workspace with the misbehaving benchmark, reading the results an action run wrote, and the
// ledger that scripts/reliability.mjs turns into docs/reliability.md.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Results } from '../../src/results/model.js';
import { parseResults } from '../../src/results/schema.js';
import { REPO_ROOT, tempDir, type ActionRun } from './bench.js';

export const FAULTY_SOURCE = path.join(REPO_ROOT, '__tests__', 'fixtures', 'faulty.c');

/** Whether a Docker engine answers; under CI=true a missing engine is an error, not a skip. */
export { dockerEngineUp } from './engine.js';

/** The containers of malloc-matrix on this engine (all runs), by id. */
export function ourContainers(filter = 'label=malloc-matrix'): string[] {
  return execFileSync('docker', ['ps', '--all', '--quiet', '--filter', filter], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** A workspace holding faulty.c; `setup: cc -O2 -o faulty faulty.c` builds it in the container. */
export function faultyWorkspace(): string {
  const dir = tempDir('faulty');
  copyFileSync(FAULTY_SOURCE, path.join(dir, 'faulty.c'));
  return dir;
}

/** faulty.c built on the host, for the host executor. */
export function hostFaultyWorkspace(): string {
  const dir = faultyWorkspace();
  execFileSync('cc', ['-O2', '-o', path.join(dir, 'faulty'), path.join(dir, 'faulty.c')]);
  return dir;
}

export const BUILD_FAULTY = 'cc -O2 -o faulty faulty.c';

/** Fresh faulty.c workspaces for a test file's runs, removed together at its end. */
export class FaultyWorkspaces {
  private readonly dirs: string[] = [];

  make(): string {
    return this.adopt(faultyWorkspace());
  }

  /** Another directory of the test file's, removed with the workspaces. */
  adopt(dir: string): string {
    this.dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** The action's inputs of a campaign run in the stand-in images: one libc, faulty.c, 3 runs. */
export function faultyInputs(images: { musl: string; glibc: string }, seed: string): Record<string, string> {
  return {
    'image-musl': images.musl,
    'image-glibc': images.glibc,
    libcs: 'musl',
    pull: 'never',
    setup: BUILD_FAULTY,
    comment: 'never',
    baseline: 'none',
    runs: '3',
    seed,
  };
}

export interface ResultsCheck {
  /** The parsed results, when the file named by the `results` output exists and is valid. */
  results?: Results;
  present: boolean;
  valid: boolean;
  /** Why the file is missing or invalid. */
  problem?: string;
}

/** Reads the results file an action run names in its `results` output, and validates it. */
export function readRunResults(run: ActionRun): ResultsCheck {
  noteRunId(run.state['malloc-matrix-run-id']);
  const file = run.outputs.results;
  if (!file || !existsSync(file)) return { present: false, valid: false, problem: 'no results file' };
  try {
    return { present: true, valid: true, results: parseResults(readFileSync(file, 'utf8'), file) };
  } catch (error) {
    return { present: true, valid: false, problem: (error as Error).message };
  }
}

/** `libc/allocator: status` of every head cell, for compact assertions. */
export function cellStatuses(results: Results): Record<string, string> {
  return Object.fromEntries(
    results.cells.filter((c) => c.tree === 'head').map((c) => [`${c.libc}/${c.allocator}`, c.status]),
  );
}

/** Cells that measured (some successful runs): they must all be in the results. */
export function measuredCells(results: Results): string[] {
  return results.cells.filter((c) => c.summary !== undefined).map((c) => `${c.libc}/${c.allocator}`);
}

export interface LedgerEntry {
  kind: 'fault' | 'bad-input' | 'security' | 'hardening';
  name: string;
  /**
   * The fault was survived / the input rejected cleanly / the property held / the hardening
   * scenario held with nothing lost, leaked or left.
   */
  ok: boolean;
  /** Faults and hardening: whether a results file was expected and whether it was there and valid. */
  resultsExpected?: boolean;
  resultsKept?: boolean;
  /** Hardening (support/hardening.ts): what was done, what must hold, the code that makes it. */
  done?: string;
  holds?: string;
  fixedBy?: string;
  /** Hardening: figures from the run. */
  observed?: string;
  /** Hardening: secrets seen outside the mask command, and containers of its runs left. */
  leaked?: number;
  containersLeft?: number;
  /** Hardening: the test file it ran in. */
  file?: string;
  /** Hardening against an older bundle: the scenario was not run (it would hang or harm the host). */
  skipped?: boolean;
}

/**
 * Appends one line to the campaign ledger when MM_CAMPAIGN_LEDGER names a directory (set by
 * scripts/reliability.mjs); a no-op in an ordinary `npm test`.
 */
export function record(entry: LedgerEntry): void {
  const dir = process.env.MM_CAMPAIGN_LEDGER;
  if (!dir) return;
  appendFileSync(path.join(dir, 'ledger.jsonl'), `${JSON.stringify(entry)}\n`);
}

/** The real docker CLI, found on PATH once. */
export function realDocker(): string {
  return execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
}

export const DEAD_DAEMON =
  'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

/**
 * A `docker` for PATH that forwards to the real CLI until the marker file exists, and then
 * fails like a CLI whose daemon is gone. From the `trigger`-th measuring-helper exec on
 * (`docker exec --interactive`), it creates the marker itself `delay` seconds after the helper
 * started and kills that exec: the daemon dies in the middle of a batch.
 */
export function deadDaemonDocker(trigger: number, delay = 0.25): { dir: string; marker: string } {
  const dir = tempDir('fakedocker');
  const marker = path.join(dir, 'daemon-gone');
  const counter = path.join(dir, 'helper-execs');
  const script = `#!/bin/sh
real=${JSON.stringify(realDocker())}
marker=${JSON.stringify(marker)}
counter=${JSON.stringify(counter)}
if [ -e "$marker" ]; then
  echo ${JSON.stringify(DEAD_DAEMON)} >&2
  exit 1
fi
if [ "$1" = exec ] && [ "$2" = --interactive ]; then
  n=$(( $(cat "$counter" 2>/dev/null || echo 0) + 1 ))
  echo "$n" > "$counter"
  if [ "$n" -ge ${trigger} ]; then
    "$real" "$@" <&0 &
    pid=$!
    sleep ${delay}
    : > "$marker"
    kill -9 "$pid" 2>/dev/null
    echo "error during connect: ${DEAD_DAEMON}" >&2
    exit 1
  fi
fi
exec "$real" "$@"
`;
  writeFileSync(path.join(dir, 'docker'), script);
  chmodSync(path.join(dir, 'docker'), 0o755);
  return { dir, marker };
}

/** The run id the main step saved, from a GITHUB_STATE file; undefined until it is there. */
export function runIdFromState(file: string): string | undefined {
  const id = /malloc-matrix-run-id<<(\S+)\n([0-9a-f]{12})\n/.exec(readFileSync(file, 'utf8'))?.[2];
  noteRunId(id);
  return id;
}

/**
 * Notes a run id of the campaign in the ledger directory, so that the script counts the
 * containers left behind by the campaign's own runs, whatever else uses the engine meanwhile.
 */
export function noteRunId(id: string | undefined): void {
  const dir = process.env.MM_CAMPAIGN_LEDGER;
  if (!dir || !id) return;
  appendFileSync(path.join(dir, 'run-ids.txt'), `${id}\n`);
}
