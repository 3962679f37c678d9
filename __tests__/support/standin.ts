// Builds (or finds) the stand-in Alpaquita images the Docker integration tests run in. The
// recipe is __tests__/standin/build.sh; it is a no-op when the images for the current
// recipe and Debian package versions already exist, so calling this is cheap after the
// first build on a machine.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface StandinImages {
  /** musl flavour: os-release LIBC_TYPE=musl, musl-perf in the apk database. */
  musl: string;
  /** glibc flavour: os-release LIBC_TYPE=glibc. */
  glibc: string;
  /** The musl image with an os-release that claims glibc, for the wrong-flavour test. */
  wrongLibc: string;
}

export const BUILD_SCRIPT = fileURLToPath(new URL('../standin/build.sh', import.meta.url));

/** A cold build compiles three allocators and copies a compiler into two images. */
export const BUILD_TIMEOUT_MS = 45 * 60_000;

const STDERR_TAIL_LINES = 15;

/** Reads the MUSL_IMAGE= / GLIBC_IMAGE= / WRONGLIBC_IMAGE= lines build.sh prints last. */
export function parseStandinImages(stdout: string): StandinImages {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^(MUSL_IMAGE|GLIBC_IMAGE|WRONGLIBC_IMAGE)=(\S+)$/.exec(line.trim());
    if (match) values.set(match[1], match[2]);
  }
  const get = (key: string): string => {
    const value = values.get(key);
    if (value === undefined) {
      throw new Error(
        `stand-in build output lacks ${key}=<image>; expected MUSL_IMAGE, GLIBC_IMAGE and WRONGLIBC_IMAGE lines, got: ${JSON.stringify(stdout.slice(-300))}`,
      );
    }
    return value;
  };
  return { musl: get('MUSL_IMAGE'), glibc: get('GLIBC_IMAGE'), wrongLibc: get('WRONGLIBC_IMAGE') };
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

/** Runs build.sh once per process and returns the three image names. */
export function ensureStandinImages(): Promise<StandinImages> {
  pending ??= runBuildScript();
  return pending;
}
