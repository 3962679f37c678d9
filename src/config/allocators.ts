// The allocator catalogue: package names and library globs per executor. Globs, never
// hard-coded sonames, because package upgrades change them (mimalloc 1.x gave .so.1). An entry
// may also carry environment (a built-in variant such as glibc-debug) and be limited to one libc.
import type { AllocatorRequest, LibcName } from '../results/model.js';

export interface AllocatorEntry {
  name: string;
  description: string;
  /** Alpaquita apk package (docker executor). Absent for the libc default. */
  apkPackage?: string;
  /** Library globs inside an Alpaquita image, most specific first. */
  imageGlobs: string[];
  /** Library file name patterns searched on a Debian/Ubuntu host (ldconfig cache, multiarch dirs). */
  hostPatterns: RegExp[];
  /** Architectures the Alpaquita package exists for. */
  arches: readonly string[];
  /** The only libcs that have it; absent: every libc. */
  libcs?: readonly LibcName[];
  /** Environment the benchmark runs with under this allocator (set after the user's `env`). */
  env?: readonly (readonly [string, string])[];
}

export const DEFAULT_ALLOCATOR = 'default';

export const CATALOGUE: readonly AllocatorEntry[] = [
  {
    name: 'default',
    description: "the libc's own malloc (musl mallocng or glibc ptmalloc2)",
    imageGlobs: [],
    hostPatterns: [],
    arches: ['x64', 'arm64'],
  },
  {
    name: 'mimalloc',
    description: 'Microsoft mimalloc',
    apkPackage: 'mimalloc',
    imageGlobs: ['/lib/libmimalloc.so.*'],
    hostPatterns: [/^libmimalloc\.so\.\d+(\.\d+)*$/],
    arches: ['x64', 'arm64'],
  },
  {
    name: 'mimalloc-secure',
    description: 'mimalloc built with MI_SECURE',
    apkPackage: 'mimalloc-secure',
    imageGlobs: ['/lib/libmimalloc-secure.so.*'],
    hostPatterns: [/^libmimalloc-secure\.so\.\d+(\.\d+)*$/],
    arches: ['x64', 'arm64'],
  },
  {
    name: 'jemalloc',
    description: 'jemalloc',
    apkPackage: 'jemalloc',
    imageGlobs: ['/lib/libjemalloc.so.*'],
    hostPatterns: [/^libjemalloc\.so\.\d+$/],
    arches: ['x64', 'arm64'],
  },
  {
    name: 'rpmalloc',
    description: 'rpmalloc (x86_64 only in Alpaquita)',
    apkPackage: 'rpmalloc',
    imageGlobs: ['/lib/librpmallocwrap.so'],
    hostPatterns: [/^librpmallocwrap\.so$/, /^librpmalloc\.so(\.\d+)*$/],
    arches: ['x64'],
  },
  {
    name: 'tcmalloc',
    description: 'gperftools tcmalloc (host executor, or custom path in an image)',
    imageGlobs: ['/lib/libtcmalloc_minimal.so.*', '/lib/libtcmalloc.so.*'],
    hostPatterns: [/^libtcmalloc_minimal\.so\.\d+$/, /^libtcmalloc\.so\.\d+$/],
    arches: ['x64', 'arm64'],
  },
  {
    name: 'glibc-debug',
    description: "glibc's debug malloc: libc_malloc_debug.so.0 with GLIBC_TUNABLES=glibc.malloc.check=3",
    // glibc 2.34 moved the malloc debugging hooks out of libc into this library.
    imageGlobs: [
      '/lib/libc_malloc_debug.so.*',
      '/usr/lib/libc_malloc_debug.so.*',
      '/lib/*-linux-gnu/libc_malloc_debug.so.*',
      '/usr/lib/*-linux-gnu/libc_malloc_debug.so.*',
    ],
    hostPatterns: [/^libc_malloc_debug\.so\.\d+$/],
    arches: ['x64', 'arm64'],
    libcs: ['glibc'],
    env: [['GLIBC_TUNABLES', 'glibc.malloc.check=3']],
  },
];

export const KNOWN_ALLOCATORS: readonly string[] = CATALOGUE.map((a) => a.name);

/** The default allocator list for each executor. */
export const DEFAULT_ALLOCATORS = {
  docker: ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'],
  host: ['default', 'mimalloc', 'jemalloc', 'tcmalloc'],
} as const;

export function findAllocator(name: string): AllocatorEntry | undefined {
  return CATALOGUE.find((a) => a.name === name);
}

/** What an executor is asked to resolve for one requested allocator. */
export interface AllocatorResolutionRequest {
  name: string;
  /** The library of this custom path, inside the environment. */
  customPath?: string;
  /** The catalogue entry whose library a variant uses; absent: the entry named `name`. */
  base?: string;
}

export function resolutionRequest(request: AllocatorRequest): AllocatorResolutionRequest {
  switch (request.kind) {
    case 'builtin':
      return { name: request.name };
    case 'custom':
      return { name: request.name, customPath: request.path };
    case 'variant':
      return request.path !== undefined
        ? { name: request.name, customPath: request.path }
        : { name: request.name, base: request.base };
  }
}

/**
 * The environment a cell of this allocator adds to the benchmark's: a built-in entry's own
 * (glibc-debug), or a variant's base entry's followed by the variant's (later keys win).
 */
export function allocatorEnvironment(request: AllocatorRequest): Record<string, string> {
  const base = request.kind === 'variant' ? request.base : request.name;
  const own = request.kind === 'variant' ? request.env : [];
  const catalogue = request.kind === 'custom' ? [] : (findAllocator(base)?.env ?? []);
  return Object.fromEntries([...catalogue, ...own]);
}

/** Why a catalogue entry cannot run under this libc, or undefined when it can. */
export function libcRestriction(entry: AllocatorEntry, libc: LibcName): string | undefined {
  if (entry.libcs === undefined || entry.libcs.includes(libc)) return undefined;
  return `${entry.name} exists for ${entry.libcs.join(' and ')} only, not ${libc}`;
}
