// Pure facts about Alpaquita (and look-alike) images: parsing what the docker executor reads
// from inside a container, and the pull retry policy. No I/O here, so every rule is unit-tested.
// What apk prints is read in apk.ts.
import { z } from 'zod';

/** Parses /etc/os-release: KEY=value lines, values optionally quoted, comments skipped. */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    fields[match[1]] = unquoteOsReleaseValue(match[2]);
  }
  return fields;
}

function unquoteOsReleaseValue(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    // os-release(5) allows shell-style backslash escapes inside double quotes only.
    return quote === '"' ? inner.replace(/\\(["\\`$])/g, '$1') : inner;
  }
  return value;
}

/**
 * Decides which libc an image provides. Alpaquita states it in LIBC_TYPE; other images
 * (e.g. Alpine) do not, so the presence of the musl loader decides for them.
 */
export function detectLibc(osRelease: Record<string, string>, hasMuslLoader: boolean): string {
  const declared = osRelease.LIBC_TYPE;
  if (declared !== undefined && declared !== '') return declared;
  return hasMuslLoader ? 'musl' : 'glibc';
}

/** The musl loader run without arguments prints `Version 1.2.5` (on stderr). */
export function parseMuslLoaderVersion(output: string): string | undefined {
  return /^Version\s+(\S+)/m.exec(output)?.[1];
}

/** libc.so.6 run as a program prints e.g. `... stable release version 2.37.` */
export function parseGlibcVersion(output: string): string | undefined {
  return /release version (\d+(?:\.\d+)+)/.exec(output)?.[1];
}

/** Splits a library file name's trailing version, `libx.so.2.1` -> [2, 1]; none -> []. */
function sonameVersion(file: string): number[] {
  const match = /\.so((?:\.\d+)*)$/.exec(file);
  if (!match?.[1]) return [];
  return match[1].slice(1).split('.').map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Picks one library among glob matches: the highest trailing version wins (`.so.2.1` over
 * `.so.2`, `.so.10` over `.so.9`), ties broken by name, so the choice never depends on
 * directory order.
 */
export function pickHighestVersion(paths: readonly string[]): string | undefined {
  const sorted = [...new Set(paths)].sort((a, b) => {
    const byVersion = compareVersions(sonameVersion(a), sonameVersion(b));
    if (byVersion !== 0) return byVersion;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return sorted.at(-1);
}

/**
 * Reads the output of the glob-listing script: one `glob<TAB>path` line per existing match.
 * Returns the matches of the first glob (in the given, most-specific-first order) that has any.
 */
export function firstGlobMatches(globs: readonly string[], output: string): string[] {
  const byGlob = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const glob = line.slice(0, tab);
    const list = byGlob.get(glob) ?? [];
    list.push(line.slice(tab + 1));
    byGlob.set(glob, list);
  }
  for (const glob of globs) {
    const found = byGlob.get(glob);
    if (found && found.length > 0) return found;
  }
  return [];
}

/** Docker's architecture names mapped to the uname names users know (`aarch64`). */
export function unameArch(dockerArch: string): string {
  switch (dockerArch) {
    case 'amd64':
      return 'x86_64';
    case 'arm64':
      return 'aarch64';
    default:
      return dockerArch;
  }
}

/** Docker's architecture names mapped to Node's, which the allocator catalogue uses. */
export function nodeArch(dockerArch: string): string {
  switch (dockerArch) {
    case 'amd64':
      return 'x64';
    default:
      return dockerArch;
  }
}

const imageInspectSchema = z.array(
  z.object({
    Id: z.string(),
    RepoDigests: z.array(z.string()).nullish(),
    Architecture: z.string().nullish(),
  }),
);

export interface ImageFacts {
  /** The registry digest (`name@sha256:...`) when the image came from a registry, else its Id. */
  digest: string;
  /** Docker's name, e.g. `amd64`, `arm64`; undefined when the engine did not say. */
  architecture?: string;
}

/** Parses `docker image inspect IMAGE` output. */
export function parseImageInspect(image: string, json: string): ImageFacts {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(`docker image inspect ${image} printed invalid JSON: ${json.slice(0, 120)}`);
  }
  const parsed = imageInspectSchema.safeParse(data);
  if (!parsed.success || parsed.data.length === 0) {
    throw new Error(`docker image inspect ${image} printed an unexpected document: ${json.slice(0, 120)}`);
  }
  const first = parsed.data[0];
  return {
    digest: first.RepoDigests?.[0] ?? first.Id,
    ...(first.Architecture ? { architecture: first.Architecture } : {}),
  };
}

/** Pulls are retried this many times after the first failure. */
export const PULL_RETRIES = 3;

/** Delay before retry number `retry` (1-based): 2 s, 4 s, 8 s. */
export function pullBackoffMs(retry: number): number {
  return 2000 * 2 ** (retry - 1);
}

/** The last non-empty line of a command's output: the line that usually says what went wrong. */
export function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .at(-1) ?? ''
  );
}

/** The last `count` non-empty lines, for failure messages that need context. */
export function tailLines(text: string, count: number): string[] {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(-count);
}
