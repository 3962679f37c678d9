// Finds allocator libraries and the libc on the machine itself. The file system and the tools
// (ldconfig, dpkg) sit behind HostProbe so the choice logic can be tested with plain data.
import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AllocatorEntry } from '../../config/allocators.js';
import type { LibcName } from '../../results/model.js';
import { runProcess, succeeded } from '../../process/run-process.js';

export interface HostProbe {
  /** The running glibc's version, or undefined on another libc. */
  glibcVersion(): string | undefined;
  /** Entry names of a directory; [] when it does not exist. */
  listDir(dir: string): Promise<string[]>;
  /** `ldconfig -p` output; '' when ldconfig is missing (musl hosts have none). */
  ldconfigCache(): Promise<string>;
  /** True for an existing, readable regular file (links followed). */
  isReadableFile(path: string): Promise<boolean>;
  isDirectory(path: string): Promise<boolean>;
  realpath(path: string): Promise<string | undefined>;
  /** Version of the Debian package that owns the file; undefined without dpkg or owner. */
  packageVersion(file: string): Promise<string | undefined>;
  /** Runs the musl loader to read its version banner. */
  muslVersion(loader: string): Promise<string | undefined>;
}

/** Debian package names to suggest when an allocator is missing. */
const DEBIAN_PACKAGES: Record<string, string> = {
  jemalloc: 'install libjemalloc2',
  mimalloc: 'install libmimalloc2.0 or a newer libmimalloc package',
  'mimalloc-secure': 'build mimalloc with MI_SECURE=ON and pass its path as a custom allocator',
  tcmalloc: 'install libtcmalloc-minimal4',
  rpmalloc: 'build rpmalloc and pass its path as a custom allocator',
  'glibc-debug': 'it comes with glibc 2.34 and later (libc6 on Debian and Ubuntu)',
};

const LDCONFIG_ARCH: Record<string, string> = { x64: 'x86-64', arm64: 'AArch64' };
const MULTIARCH: Record<string, string> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  arm: 'arm-linux-gnueabihf',
};

/** Library directories searched besides the ldconfig cache, in order. */
export function libraryDirs(arch: string): string[] {
  const multi = MULTIARCH[arch];
  return ['/usr/lib', ...(multi ? [`/usr/lib/${multi}`, `/lib/${multi}`] : []), '/lib', '/usr/local/lib'];
}

/** Paths from `ldconfig -p`, keeping only entries for this architecture. */
export function parseLdconfig(output: string, arch: string): string[] {
  const tag = LDCONFIG_ARCH[arch];
  const paths: string[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*\S+\s+\(([^)]*)\)\s+=>\s+(\S.*)$/.exec(line);
    if (!m) continue;
    const [, flags = '', path = ''] = m;
    // 32-bit libraries on a multilib host carry no x86-64 tag and cannot load into our programs.
    if (tag && !flags.includes(tag)) continue;
    paths.push(path.trim());
  }
  return paths;
}

function versionOf(file: string): number[] {
  const m = /\.so((?:\.\d+)*)$/.exec(file);
  return m?.[1] ? m[1].slice(1).split('.').map(Number) : [];
}

function compareVersionsDesc(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Picks the allocator's library among candidate paths (ldconfig first, then directory scans):
 * the earliest pattern in the catalogue wins, then the highest version, then the shorter
 * name (the soname link over the full version), then the candidate order.
 */
export function pickLibrary(entry: AllocatorEntry, candidates: string[]): string | undefined {
  const matches: { path: string; pattern: number; version: number[]; order: number }[] = [];
  candidates.forEach((path, order) => {
    const pattern = entry.hostPatterns.findIndex((p) => p.test(basename(path)));
    if (pattern >= 0) matches.push({ path, pattern, version: versionOf(basename(path)), order });
  });
  matches.sort(
    (a, b) =>
      a.pattern - b.pattern ||
      compareVersionsDesc(a.version, b.version) ||
      basename(a.path).length - basename(b.path).length ||
      a.order - b.order,
  );
  return matches[0]?.path;
}

/** What to tell the user when an allocator is not on this host. */
export function missingReason(entry: AllocatorEntry): string {
  // The catalogue's image globs name the same files the host patterns match, in a readable form.
  const wanted = [...new Set(entry.imageGlobs.map((g) => basename(g)))];
  const hint = DEBIAN_PACKAGES[entry.name];
  return `${wanted.join(' or ') || entry.name} not found on this host${hint ? ` (${hint})` : ''}`;
}

export interface AllocatorLookup {
  status: 'ready' | 'unavailable';
  library?: string;
  version?: string;
  reason?: string;
}

/** Candidate library paths on this host: the loader's cache, then the standard directories. */
export async function hostCandidates(probe: HostProbe, arch: string): Promise<string[]> {
  const paths = parseLdconfig(await probe.ldconfigCache(), arch);
  for (const dir of libraryDirs(arch)) {
    for (const name of (await probe.listDir(dir)).sort()) paths.push(join(dir, name));
  }
  return paths;
}

export async function lookupAllocator(
  probe: HostProbe,
  entry: AllocatorEntry,
  candidates: string[],
): Promise<AllocatorLookup> {
  const path = pickLibrary(entry, candidates);
  if (path === undefined || !(await probe.isReadableFile(path)))
    return { status: 'unavailable', reason: missingReason(entry) };
  const version = await probe.packageVersion(path);
  return { status: 'ready', library: path, ...(version ? { version } : {}) };
}

export async function lookupCustom(probe: HostProbe, path: string): Promise<AllocatorLookup> {
  if (!(await probe.isReadableFile(path))) {
    return {
      status: 'unavailable',
      reason: `custom allocator library ${path} does not exist or is not a readable regular file`,
    };
  }
  const version = await probe.packageVersion(path);
  return { status: 'ready', library: path, ...(version ? { version } : {}) };
}

/** The host's libc: glibc from the runtime's own report, musl from its loader. */
export async function detectLibc(
  probe: HostProbe,
  arch: string,
): Promise<{ libc: LibcName; version?: string }> {
  const glibc = probe.glibcVersion();
  if (glibc) return { libc: 'glibc', version: glibc };
  const loader = (await probe.listDir('/lib')).find((n) => /^ld-musl-.*\.so\.1$/.test(n));
  if (loader) {
    const version = await probe.muslVersion(join('/lib', loader));
    return { libc: 'musl', ...(version ? { version } : {}) };
  }
  throw new Error(
    `cannot tell this host's libc (${arch}): no glibc runtime and no /lib/ld-musl-*.so.1; use the docker executor`,
  );
}

/** A quick query of a system tool: a missing tool or a failure is simply `ok: false`. */
async function run(
  command: string,
  args: string[],
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const result = await runProcess(command, args, {
    env: process.env,
    timeoutMs: 60_000,
    // `ldconfig -p` lists every library on the host; all of it is needed, so keep the start.
    maxOutputBytes: 16 << 20,
    keep: 'head',
  });
  return { ok: succeeded(result), stdout: result.stdout, stderr: result.stderr };
}

/** The real machine. */
export const realHostProbe: HostProbe = {
  glibcVersion() {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
      ?.header;
    return header?.glibcVersionRuntime;
  },
  async listDir(dir) {
    try {
      return await readdir(dir);
    } catch {
      return []; // a missing standard directory simply holds no candidates
    }
  },
  async ldconfigCache() {
    for (const ldconfig of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
      const result = await run(ldconfig, ['-p']);
      if (result.ok) return result.stdout;
    }
    return '';
  },
  async isReadableFile(path) {
    try {
      if (!(await stat(path)).isFile()) return false;
      await access(path, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  },
  async isDirectory(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  },
  async realpath(path) {
    try {
      return await realpath(path);
    } catch {
      return undefined;
    }
  },
  async packageVersion(file) {
    // dpkg records /usr/lib paths while ldconfig may report /lib ones (merged /usr): try both.
    const real = await realHostProbe.realpath(file);
    for (const path of new Set([file, ...(real ? [real] : [])])) {
      const owner = await run('dpkg', ['-S', path]);
      if (!owner.ok) continue;
      const pkg = owner.stdout.split(':')[0]?.trim();
      if (!pkg) continue;
      const arch = /^[^:]+:([^:\s]+):/.exec(owner.stdout)?.[1];
      const version = await run('dpkg-query', ['-W', '-f', '${Version}', arch ? `${pkg}:${arch}` : pkg]);
      if (version.ok && version.stdout.trim()) return version.stdout.trim();
    }
    return undefined;
  },
  async muslVersion(loader) {
    const result = await run(loader, ['--version']);
    return /Version\s+(\S+)/.exec(result.stderr + result.stdout)?.[1];
  },
};
