// What apk says, read the same way for apk-tools 2.x and 3.x: the installed packages, the musl
// flavour they imply, and why an `apk add` failed, as one line. Pure: output comes in as text.

/**
 * Lists installed packages as `name-version` lines in apk-tools 2 and 3 alike (`info` with no
 * package names lists the installed ones; `-v` adds the version). `--no-network` keeps apk 3
 * from refreshing stale indexes just to answer.
 */
export const APK_LIST_INSTALLED: readonly string[] = ['apk', '--no-network', 'info', '-v'];

/**
 * Where apk keeps its installed database, in the order tried when apk itself cannot answer.
 * Alpaquita patches apk-tools to keep it under /var/lib/apk; upstream apk-tools 2 uses
 * /lib/apk, and apk-tools 3 can be built to use /usr/lib/apk.
 */
export const APK_DB_PATHS: readonly string[] = [
  '/var/lib/apk/db/installed',
  '/lib/apk/db/installed',
  '/usr/lib/apk/db/installed',
];

export type MuslFlavor = 'musl-perf' | 'musl-default' | 'unknown';

/**
 * Splits apk's `name-version` the way apk does: the version is the last two dash-separated
 * fields, the release being `r` and digits (`mimalloc-secure-2.1.7-r0`).
 */
export function splitPackageVersion(text: string): { name: string; version: string } | undefined {
  const match = /^(\S+?)-(\d[^\s-]*-r\d+)$/.exec(text.trim());
  return match ? { name: match[1], version: match[2] } : undefined;
}

/** Reads `apk info -v` output: one `name-version` per line; anything else is skipped. */
export function parseApkInfoVerbose(stdout: string): Map<string, string> {
  const packages = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const entry = splitPackageVersion(line);
    if (entry) packages.set(entry.name, entry.version);
  }
  return packages;
}

/** Parses apk's installed database (the text format both generations write) into name -> version. */
export function parseApkInstalled(text: string): Map<string, string> {
  const packages = new Map<string, string>();
  let name: string | undefined;
  let version: string | undefined;
  const flush = (): void => {
    if (name !== undefined && version !== undefined) packages.set(name, version);
    name = undefined;
    version = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') flush();
    else if (line.startsWith('P:')) name = line.slice(2).trim();
    else if (line.startsWith('V:')) version = line.slice(2).trim();
  }
  flush();
  return packages;
}

/** musl-perf and musl-default replace each other, so at most one is installed. */
export function muslFlavorFromPackages(packages: Map<string, string> | undefined): MuslFlavor {
  if (packages?.has('musl-perf')) return 'musl-perf';
  if (packages?.has('musl-default')) return 'musl-default';
  return 'unknown';
}

/**
 * The loader's answer to `--list-diagnostics`. musl-perf's loader prints its CPU diagnostics
 * and exits 0; a loader without that option prints its usage banner and exits 1. That banner
 * is no proof of musl-default (older musl-perf builds lack the option too), so it says unknown.
 */
export function muslFlavorFromLoader(code: number, output: string): MuslFlavor {
  const banner = /Dynamic Program Loader|^Usage:/m.test(output);
  return code === 0 && output.trim() !== '' && !banner ? 'musl-perf' : 'unknown';
}

// ---- why `apk add` failed -------------------------------------------------------------------

interface SelectionProblem {
  /** `rpmalloc (no such package)`, `mimalloc-global-2.1.7-r0`, `foo (virtual)`. */
  label: string;
  /** `conflicts` -> [`jemalloc-global-5.3.0-r5[malloc-global=1]`], in the order apk printed. */
  fields: Map<string, string[]>;
}

const UNABLE_TO_SELECT = /^ERROR: unable to select packages:?$/;
/** apk 2.14: `fetching URL: DNS lookup error`; apk 3: `fetching URL/x86_64/APKINDEX.tar.gz: DNS error ...`. */
const REPOSITORY_WARNING =
  /^WARNING: (?:fetching|updating and opening|updating|opening from cache|opening|Ignoring) (\S+?):? (.+)$/;
const MAX_REASON = 400;

/**
 * The one line that says why `apk add` failed, from apk 2 or apk 3 output. The solver's
 * report (`unable to select packages:` and its indented entries) becomes one sentence per
 * entry; a repository that could not be reached is named next to the packages it may have
 * hidden. apk writes the report to stderr; older versions put the entries on stdout,
 * so both are read, stderr first.
 */
export function apkFailureReason(stdout: string, stderr: string, exitCode: number): string {
  const lines = `${stderr}\n${stdout}`.split('\n').map((l) => l.replace(/\s+$/, ''));
  const unreachable = lines.flatMap((l) => {
    const m = REPOSITORY_WARNING.exec(l.trim());
    return m ? [{ url: m[1], why: m[2] }] : [];
  });
  const header = lines.findIndex((l) => UNABLE_TO_SELECT.test(l.trim()));
  let reason: string;
  if (header >= 0) {
    const problems = parseSelectionReport(lines.slice(header + 1));
    const missing = problems.filter((p) => p.label.endsWith('(no such package)'));
    reason = `unable to select packages: ${describeProblems(problems) || 'apk named no culprit'}`;
    if (unreachable.length > 0 && missing.length > 0) {
      const names = missing.map((p) => p.label.replace(/ \(no such package\)$/, '')).join(', ');
      reason = `${names} not found while ${describeUnreachable(unreachable)}`;
    }
  } else {
    const error = lines.map((l) => l.trim()).find((l) => l.startsWith('ERROR:'));
    const last = lines
      .filter((l) => l.trim() !== '')
      .at(-1)
      ?.trim();
    reason = error?.replace(/^ERROR:\s*/, '') ?? last ?? `apk exited with code ${exitCode}`;
    if (error === undefined && unreachable.length > 0) reason = describeUnreachable(unreachable);
  }
  return oneLine(reason);
}

/** The indented entries after `unable to select packages:`; other lines in between are skipped. */
function parseSelectionReport(lines: string[]): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  let field: string[] | undefined;
  for (const line of lines) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const text = line.trim();
    if (indent === 0 || text === '') continue;
    if (indent <= 2 && text.endsWith(':')) {
      problems.push({ label: text.slice(0, -1), fields: new Map() });
      field = undefined;
      continue;
    }
    const current = problems.at(-1);
    if (!current) continue;
    const named = indent <= 4 ? /^([a-z][a-z_ ]*):\s*(.*)$/.exec(text) : null;
    if (named) {
      field = [];
      current.fields.set(named[1], field);
      field.push(...named[2].split(/\s+/).filter((w) => w !== ''));
    } else if (field) {
      // apk wraps long value lists onto deeper-indented lines.
      field.push(...text.split(/\s+/));
    }
  }
  return problems;
}

function describeProblems(problems: SelectionProblem[]): string {
  const said: string[] = [];
  const conflictPairs = new Set<string>();
  for (const problem of problems) {
    const { label, fields } = problem;
    const conflicts = fields.get('conflicts');
    if (label.endsWith('(no such package)')) {
      said.push(label);
    } else if (label.endsWith('(virtual)')) {
      said.push(`${label} provided by ${(fields.get('provided by') ?? []).join(', ') || 'nothing'}`);
    } else if (conflicts && conflicts.length > 0) {
      const others = conflicts.filter((c) => !conflictPairs.has(pairKey(label, c)));
      for (const other of conflicts) conflictPairs.add(pairKey(other, label));
      if (others.length > 0) said.push(`${label} conflicts with ${others.join(', ')}`);
    } else if (fields.has('masked in')) {
      said.push(`${label} masked in ${fields.get('masked in')!.join(', ')}`);
    } else if (fields.has('breaks')) {
      said.push(`${label} breaks ${fields.get('breaks')!.join(', ')}`);
    } else if (fields.has('error')) {
      const arch = fields.get('arch');
      said.push(`${label} is ${fields.get('error')!.join(' ')}${arch ? ` (arch ${arch.join(' ')})` : ''}`);
    } else {
      // `satisfies` and `required by` only say who asked; any other field says what is wrong.
      const telling = [...fields.entries()].find(([name]) => name !== 'satisfies' && name !== 'required by');
      said.push(telling ? `${label} ${telling[0]} ${telling[1].join(' ')}` : label);
    }
  }
  return said.join('; ');
}

/** `jemalloc-global-5.3.0-r5[malloc-global=1]` and `jemalloc-global-5.3.0-r5` name one package. */
function pairKey(a: string, b: string): string {
  const strip = (s: string): string => s.replace(/\[.*\]$/, '');
  return `${strip(a)} ${strip(b)}`;
}

function describeUnreachable(repos: { url: string; why: string }[]): string {
  const first = repos[0];
  const more = repos.length > 1 ? ` (and ${repos.length - 1} more)` : '';
  return `repository ${first.url} could not be reached: ${first.why}${more}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON ? `${flat.slice(0, MAX_REASON - 3)}...` : flat;
}
