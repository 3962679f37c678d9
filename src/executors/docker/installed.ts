// Asks a container which packages are installed and which musl is active. apk itself answers
// first, in the form apk-tools 2 and 3 both print, so the answer holds wherever the image keeps
// its database; the database file is read only where apk cannot answer; and the musl flavour
// falls back, last, to asking the loader.
import {
  APK_DB_PATHS,
  APK_LIST_INSTALLED,
  muslFlavorFromLoader,
  muslFlavorFromPackages,
  parseApkInfoVerbose,
  parseApkInstalled,
  type MuslFlavor,
} from './apk.js';
import { succeeded } from '../../process/run-process.js';
import type { DockerClient } from './client.js';
import { execIn, listGlobs, readFileIn } from './container.js';

export interface InstalledPackages {
  /** Package name -> version, as apk records it (`2.1.7-r0`). */
  packages: Map<string, string>;
  /** Where the list came from: `apk info -v`, or the database file that was read. */
  source: string;
}

const MUSL_LOADER_GLOB = '/lib/ld-musl-*.so.1';

/**
 * The installed packages; undefined when neither apk nor any database file answers. `hasApk`
 * false skips asking an apk already known to be absent.
 */
export async function readInstalledPackages(
  docker: DockerClient,
  container: string,
  hasApk = true,
): Promise<InstalledPackages | undefined> {
  const listed = hasApk ? await execIn(docker, container, [...APK_LIST_INSTALLED]) : undefined;
  if (listed !== undefined && succeeded(listed)) {
    const packages = parseApkInfoVerbose(listed.stdout);
    // An apk that answers with nothing has no database to speak of; a file may still exist.
    if (packages.size > 0) return { packages, source: APK_LIST_INSTALLED.join(' ') };
  }
  for (const file of APK_DB_PATHS) {
    const text = await readFileIn(docker, container, file);
    if (text !== undefined) return { packages: parseApkInstalled(text), source: file };
  }
  return undefined;
}

/**
 * musl-perf or musl-default, from the installed packages (read here when not given), and as a
 * last resort from the loader, which only musl-perf's build answers `--list-diagnostics`.
 */
export async function detectMuslFlavor(
  docker: DockerClient,
  container: string,
  packages?: Map<string, string>,
): Promise<MuslFlavor> {
  const known = packages ?? (await readInstalledPackages(docker, container))?.packages;
  const fromPackages = muslFlavorFromPackages(known);
  if (fromPackages !== 'unknown') return fromPackages;
  const loader = (await listGlobs(docker, container, [MUSL_LOADER_GLOB]))
    .split('\n')
    .map((line) => line.split('\t')[1])
    .find((file) => file !== undefined && file !== '');
  if (loader === undefined) return 'unknown';
  const probe = await execIn(docker, container, [loader, '--list-diagnostics']);
  return muslFlavorFromLoader(probe.exitCode ?? -1, `${probe.stdout}\n${probe.stderr}`);
}
