// A typed fake of the HostProbe port: a host made of plain data (directory listings, an ldconfig
// cache, readable files, dpkg versions), so the host executor's choices can be tested anywhere.
import type { HostProbe } from '../../src/executors/host/libraries.js';

export interface FakeHost {
  /** The glibc version; absent on another libc. */
  glibc?: string;
  /** Directory -> entry names. */
  dirs?: Record<string, string[]>;
  /** `ldconfig -p` output. */
  ldconfig?: string;
  /** Readable files; default: every entry of `dirs`. */
  files?: string[];
  /** File -> version of the package that owns it. */
  versions?: Record<string, string>;
  /** Existing directories; default: everything under /trees/. */
  isDirectory?: (path: string) => boolean;
}

export function fakeHostProbe(host: FakeHost): HostProbe {
  const dirs = host.dirs ?? {};
  const files = new Set(
    host.files ?? Object.entries(dirs).flatMap(([d, names]) => names.map((n) => `${d}/${n}`)),
  );
  const isDirectory = host.isDirectory ?? ((path: string) => path.startsWith('/trees/'));
  return {
    glibcVersion: () => host.glibc,
    listDir: (dir) => Promise.resolve(dirs[dir] ?? []),
    ldconfigCache: () => Promise.resolve(host.ldconfig ?? ''),
    isReadableFile: (path) => Promise.resolve(files.has(path)),
    isDirectory: (path) => Promise.resolve(isDirectory(path)),
    realpath: (path) => Promise.resolve(path),
    packageVersion: (file) => Promise.resolve(host.versions?.[file]),
    muslVersion: () => Promise.resolve('1.2.4'),
  };
}
