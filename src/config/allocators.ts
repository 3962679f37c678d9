// The allocator catalogue: package names and library globs per executor. Globs, never
// hard-coded sonames, because package upgrades change them (mimalloc 1.x gave .so.1).

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
