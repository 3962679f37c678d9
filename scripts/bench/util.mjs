// Small shared pieces of the benchmark script: processes with timestamped output, the machine's
// description, the benchmark workspace (tiny C programs compiled here), and plain statistics.
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSrc, REPO_ROOT } from './load-src.mjs';

export { REPO_ROOT };
const BUNDLED_CLI_DIR = path.join(REPO_ROOT, 'dist', 'cli');
let cliPath = path.join(BUNDLED_CLI_DIR, 'index.js');

/** The CLI bundle the benchmark runs (a private copy once `snapshotCli` ran). */
export function cli() {
  return cliPath;
}

/**
 * Copies the bundled CLI into `dir`, so that a re-bundle of dist/ during the benchmark cannot
 * change or remove the code under measurement. Waits a little for a bundle being written.
 * The copy cannot find harness/ above itself: set MALLOC_MATRIX_HELPER for it.
 */
export async function snapshotCli(dir) {
  const entry = path.join(BUNDLED_CLI_DIR, 'index.js');
  let lastSize = -1;
  for (let waited = 0; ; waited += 2) {
    const size = existsSync(entry) ? statSync(entry).size : -1;
    if (size > 0 && size === lastSize) break;
    if (waited >= 180) throw new Error(`${entry} is missing or still changing; run npm run bundle first`);
    lastSize = size;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  cpSync(BUNDLED_CLI_DIR, dir, { recursive: true });
  cliPath = path.join(dir, 'index.js');
  return cliPath;
}
/**
 * Runs the CLI from a private copy of dist/cli (snapshotCli), with the helper and the profiler
 * built from this checkout's harness/ (the same source and compiler the CLI would use), named
 * explicitly because the copy cannot find harness/ above itself. A long benchmark then measures
 * one build even when dist/ is re-bundled meanwhile.
 */
export async function pinCli(dir) {
  const { ensureHelperBinary } = await importSrc('harness/build.ts');
  process.env.MALLOC_MATRIX_HELPER = await ensureHelperBinary({
    sourcePath: path.join(REPO_ROOT, 'harness', 'mm-helper.c'),
  });
  const { ensureProfilerLibrary } = await importSrc('harness/build-profiler.ts');
  process.env.MALLOC_MATRIX_PROFILER = await ensureProfilerLibrary({
    sourcePath: path.join(REPO_ROOT, 'harness', 'mm-profiler.c'),
  });
  return snapshotCli(dir);
}

export const CHURN_SOURCE = path.join(REPO_ROOT, '__tests__', 'fixtures', 'churn.c');
export const STANDIN_BUILD = path.join(REPO_ROOT, '__tests__', 'standin', 'build.sh');

export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

/** Milliseconds, with a sensible number of digits. */
export function ms(value, digits) {
  if (!Number.isFinite(value)) return 'n/a';
  const d = digits ?? (Math.abs(value) < 1 ? 3 : Math.abs(value) < 100 ? 2 : 0);
  return `${value.toFixed(d)} ms`;
}

export function signedMs(value, digits = 3) {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)} ms`;
}

export function pct(fraction, digits = 1) {
  if (!Number.isFinite(fraction)) return 'n/a';
  return `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(digits)}%`;
}

export function seconds(msValue, digits = 2) {
  return Number.isFinite(msValue) ? `${(msValue / 1000).toFixed(digits)} s` : 'n/a';
}

export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Children still running, so that an interrupted benchmark can pass the signal on. */
export const activeChildren = new Set();
/** Set when the benchmark is interrupted: no new process is started after that. */
export const interruption = { stopping: false };

/**
 * Runs a program; resolves with its exit code, output, wall time and every stderr line stamped
 * with the milliseconds since the spawn (Node writes stderr to a pipe synchronously, so a line's
 * arrival is within a millisecond or so of when it was written).
 */
export function runTimed(command, args, opts = {}) {
  // Never settles once interrupted: the signal handler ends the process.
  if (interruption.stopping) return new Promise(() => undefined);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    activeChildren.add(child);
    let stdout = '';
    let stderr = '';
    let pending = '';
    const lines = [];
    child.stdout.on('data', (d) => (stdout += d.toString()));
    child.stderr.on('data', (d) => {
      const t = performance.now() - t0;
      const text = d.toString();
      stderr += text;
      pending += text;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        lines.push({ t, text: pending.slice(0, nl) });
        pending = pending.slice(nl + 1);
      }
    });
    child.on('error', (error) => {
      activeChildren.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      activeChildren.delete(child);
      const wallMs = performance.now() - t0;
      if (pending !== '') lines.push({ t: wallMs, text: pending });
      resolve({ code, signal, stdout, stderr, lines, wallMs });
    });
  });
}

/** The last meaningful stderr line, for one-line error messages. */
export function lastLine(text) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.at(-1) ?? '';
}

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => /^model name\s*:/.test(l));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpuModel(),
    cores: cpus.length,
    kernel: `${os.type()} ${os.release()} (${os.arch()})`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    docker: tryRun('docker', ['version', '--format', '{{.Server.Version}}']) ?? 'not available',
    hyperfine: tryRun('hyperfine', ['--version']) ?? 'not installed',
    node: process.version,
    libc: (tryRun('ldd', ['--version']) ?? 'unknown').split('\n')[0],
    compiler: (tryRun('musl-gcc', ['--version']) ?? tryRun('cc', ['--version']) ?? 'none').split('\n')[0],
  };
}

export function loadAverage() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}

/** Every temporary directory made, so that an interrupted benchmark can remove them. */
export const tempDirs = new Set();

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `mm-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

const BUSY_C = `/* A fixed amount of CPU work: argv[1] iterations of a loop the compiler cannot drop. */
#include <stdlib.h>
int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    volatile unsigned long x = 0;
    for (long i = 0; i < n; i++) x += (unsigned long)i;
    return (int)(x & 0);
}
`;
const NOOP_C = 'int main(void) { return 0; }\n';

/** A static binary from C source (musl-gcc when present, else cc), so it runs in any container. */
function compileStatic(dir, name, source) {
  const file = path.join(dir, `${name}.c`);
  writeFileSync(file, source);
  const out = path.join(dir, name);
  const compilers = findOnPath('musl-gcc') ? ['musl-gcc', 'cc'] : ['cc'];
  let lastError;
  for (const compiler of compilers) {
    try {
      execFileSync(compiler, ['-static', '-O2', '-o', out, file], { stdio: ['ignore', 'ignore', 'pipe'] });
      return out;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`cannot compile ${name}.c statically: ${lastLine(String(lastError?.stderr ?? lastError))}`);
}

/** A workspace with static `busy` and `noop` programs. */
export function staticWorkspace() {
  const dir = tempDir('ws');
  compileStatic(dir, 'busy', BUSY_C);
  compileStatic(dir, 'noop', NOOP_C);
  return dir;
}

/** The churn benchmark and a Makefile; `make` builds it with EXTRA_PERCENT=`extra`. */
export function writeChurnTree(dir, extra = 0) {
  copyFileSync(CHURN_SOURCE, path.join(dir, 'churn.c'));
  writeFileSync(
    path.join(dir, 'Makefile'),
    `EXTRA ?= ${extra}\nchurn: churn.c Makefile\n\tcc -O2 -DEXTRA_PERCENT=$(EXTRA) -o churn churn.c\n`,
  );
}

/** The stand-in Alpaquita images (built once per recipe; a no-op when present). */
export function standinImages() {
  const out = execFileSync('bash', [STANDIN_BUILD], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const get = (key) => {
    const m = new RegExp(`^${key}=(\\S+)$`, 'm').exec(out);
    if (!m) throw new Error(`${STANDIN_BUILD} printed no ${key}= line`);
    return m[1];
  };
  return { musl: get('MUSL_IMAGE'), glibc: get('GLIBC_IMAGE') };
}

export function dockerAvailable() {
  return tryRun('docker', ['version', '--format', '{{.Server.Version}}']) !== undefined;
}

/** Successful measured wall times (ms) of one cell of a results document. */
export function measuredWalls(cell) {
  return cell.runs
    .filter((r) => r.kind === 'measured' && r.outcome === 'exited' && r.exitCode === 0)
    .map((r) => r.wallMs);
}

/** Replaces machine-specific paths in a command line shown in the document. */
export function redact(text, replacements) {
  let out = text;
  for (const [from, to] of replacements) out = out.split(from).join(to);
  return out;
}

/** Quotes an argv for display, POSIX-shell style. */
export function shellJoin(argv) {
  return argv
    .map((a) => (/^[A-Za-z0-9_./=:,%@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
