// Builds (or finds) the stand-in Alpaquita images the Docker integration tests run in. The
// recipe is __tests__/standin/build.sh; it is a no-op when the images for the current
// recipe and Debian package versions already exist, so calling this is cheap after the
// first build on a machine.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface StandinImages {
  /** musl flavour: os-release LIBC_TYPE=musl, musl-perf in the apk database, apk-tools 2 behaviour. */
  musl: string;
  /** glibc flavour: os-release LIBC_TYPE=glibc, apk-tools 2 behaviour. */
  glibc: string;
  /** The musl image with its apk imitating apk-tools 3. */
  muslApk3: string;
  /** The glibc image with its apk imitating apk-tools 3. */
  glibcApk3: string;
  /** The musl image with an os-release that claims glibc, for the wrong-flavour test. */
  wrongLibc: string;
  /** The musl image as an LTS release (VERSION_ID=23) whose mimalloc is a 1.x build (`.so.1`). */
  ltsMusl: string;
  /** The apk-3 musl image with apk's database at a path no file reader knows. */
  movedDb: string;
}

/** The CLI options that run on the stand-in images as built on this machine, never pulled. */
export function standinCliArgs(images: Pick<StandinImages, 'musl' | 'glibc'>): string[] {
  return ['--image-musl', images.musl, '--image-glibc', images.glibc, '--pull', 'never'];
}

/** build.sh's output line for each image. */
const IMAGE_LINES: Record<keyof StandinImages, string> = {
  musl: 'MUSL_IMAGE',
  glibc: 'GLIBC_IMAGE',
  muslApk3: 'MUSL_APK3_IMAGE',
  glibcApk3: 'GLIBC_APK3_IMAGE',
  wrongLibc: 'WRONGLIBC_IMAGE',
  ltsMusl: 'LTS_MUSL_IMAGE',
  movedDb: 'MOVEDDB_IMAGE',
};

export const BUILD_SCRIPT = fileURLToPath(new URL('../standin/build.sh', import.meta.url));

/** A cold build compiles three allocators and copies a compiler into two images. */
export const BUILD_TIMEOUT_MS = 45 * 60_000;

const STDERR_TAIL_LINES = 15;

/** Reads the NAME_IMAGE=<image> lines build.sh prints last. */
export function parseStandinImages(stdout: string): StandinImages {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z0-9_]+_IMAGE)=(\S+)$/.exec(line.trim());
    if (match) values.set(match[1], match[2]);
  }
  const images: Partial<StandinImages> = {};
  for (const [field, key] of Object.entries(IMAGE_LINES) as [keyof StandinImages, string][]) {
    const value = values.get(key);
    if (value === undefined) {
      throw new Error(
        `stand-in build output lacks ${key}=<image>; expected ${Object.values(IMAGE_LINES).join(', ')} lines, got: ${JSON.stringify(stdout.slice(-300))}`,
      );
    }
    images[field] = value;
  }
  return images as StandinImages;
}

/** The last lines of a build log, joined into one line for an error message. */
export function stderrTail(stderr: string, lines = STDERR_TAIL_LINES): string {
  const kept = stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-lines);
  return kept.length === 0 ? '(no stderr)' : kept.join(' | ');
}

function runBuildScript(): Promise<StandinImages> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [BUILD_SCRIPT],
      { timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const how = error.killed
            ? `was killed after ${BUILD_TIMEOUT_MS / 60_000} minutes`
            : `exited with ${String(error.code)}`;
          reject(
            new Error(`stand-in image build ${BUILD_SCRIPT} ${how}; stderr tail: ${stderrTail(stderr)}`),
          );
          return;
        }
        try {
          resolve(parseStandinImages(stdout));
        } catch (parseError) {
          reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
        }
      },
    );
  });
}

let pending: Promise<StandinImages> | undefined;

/** Runs build.sh once per process and returns the image names. */
export function ensureStandinImages(): Promise<StandinImages> {
  pending ??= runBuildScript();
  return pending;
}
