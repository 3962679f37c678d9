// Builds the example allocation benchmark (examples/bench/alloc-churn.c) into a temporary
// directory with the host's compiler, and runs the bundled action or CLI like GitHub would.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const BENCH_SOURCE = path.join(REPO_ROOT, '__tests__', 'fixtures', 'churn.c');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `mm-${prefix}-`));
}

/** A workspace holding churn.c and its binary `churn`, built with EXTRA_PERCENT more allocations. */
export function benchWorkspace(extraPercent = 0, extraFlags: string[] = []): string {
  const dir = tempDir('ws');
  copyFileSync(BENCH_SOURCE, path.join(dir, 'churn.c'));
  execFileSync('cc', [
    '-O2',
    `-DEXTRA_PERCENT=${extraPercent}`,
    '-o',
    path.join(dir, 'churn'),
    path.join(dir, 'churn.c'),
    ...extraFlags,
  ]);
  return dir;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  script: string,
  args: string[],
  opts: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    onSpawn?: (pid: number) => void;
    /** Run as this user and group (root only). */
    uid?: number;
    gid?: number;
  } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
      ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * The bundle under test: this checkout's dist/, or the dist/ of another build named by MM_DIST
 * (an older release, say, to show that a campaign scenario fails there).
 */
export const DIST = process.env.MM_DIST ? path.resolve(process.env.MM_DIST) : path.join(REPO_ROOT, 'dist');
export const CLI = path.join(DIST, 'cli', 'index.js');
export const ACTION = path.join(DIST, 'index.js');

export interface ActionRun extends ProcessResult {
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
}

/** Parses GitHub's file command format (`name<<DELIM ... DELIM` or `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** Runs dist/index.js as the runner does: inputs as INPUT_*, file commands for outputs. */
export async function runAction(
  inputs: Record<string, string>,
  extraEnv: NodeJS.ProcessEnv = {},
  opts: { onSpawn?: (pid: number) => void; uid?: number; gid?: number } = {},
): Promise<ActionRun> {
  const dir = tempDir('runner');
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_STATE: path.join(dir, 'state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  if (opts.uid !== undefined) {
    for (const f of [dir, ...Object.values(files)]) chownSync(f, opts.uid, opts.gid ?? -1);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: dir,
    ...files,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const result = await runNode(ACTION, [], { ...opts, env: { ...env, ...extraEnv } });
  return {
    ...result,
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')),
  };
}

/**
 * Polls `probe` every `pauseMs` until it returns a value other than undefined; throws after
 * `limitMs`, saying what it waited for (`what` is asked then, so it can tell what the last try saw).
 */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  limitMs: number,
  pauseMs = 100,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${typeof what === 'string' ? what : what()} after ${limitMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
