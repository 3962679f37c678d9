// For the end-to-end tests of the docker executor: a workspace that holds only C sources and a
// Makefile (setup builds it in each container), and the containers a run of the bundled action
// or CLI started. A CLI run's id is not printed, so tests tag a run with a unique
// environment variable (`--env MM_E2E_TAG=<tag>`), which every container of that run carries;
// an action run's id is in its saved state and is a container label.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_SOURCE, tempDir } from './bench.js';

export const TAG_VAR = 'MM_E2E_TAG';

/** Prints the C library it was compiled against: glibc's headers define __GLIBC__, musl's do not. */
const BUILT_FOR_SOURCE = `#include <stdio.h>
int main(void) {
#ifdef __GLIBC__
    puts("glibc");
#else
    puts("musl");
#endif
    return 0;
}
`;

const MAKEFILE = [
  'all: churn built-for',
  'churn: churn.c',
  '\tcc -O2 -o churn churn.c',
  'built-for: built-for.c',
  '\tcc -O2 -o built-for built-for.c',
  '',
].join('\n');

/**
 * A workspace with churn.c, built-for.c and a Makefile, and no binaries: `setup: make` builds
 * them inside each container, against that container's libc.
 */
export function sourceWorkspace(): string {
  const dir = tempDir('src-ws');
  copyFileSync(BENCH_SOURCE, path.join(dir, 'churn.c'));
  writeFileSync(path.join(dir, 'built-for.c'), BUILT_FOR_SOURCE);
  writeFileSync(path.join(dir, 'Makefile'), MAKEFILE);
  return dir;
}

/**
 * A benchmark command that also fails unless the binaries it runs were built for the libc of
 * the container running them (LIBC_TYPE in os-release). Every run of every cell checks it.
 */
export const CHECKED_CHURN = '. /etc/os-release && [ "$(./built-for)" = "$LIBC_TYPE" ] && ./churn 20000';

interface Docker {
  code: number;
  stdout: string;
  stderr: string;
}

function docker(args: string[]): Promise<Docker> {
  return new Promise((resolve) => {
    execFile('docker', args, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * True when a Docker engine answers. Under CI=true a missing engine is an error, so that the
 * docker tests fail instead of silently skipping.
 */
export { dockerEngineUp } from './engine.js';

export function uniqueTag(): string {
  return `e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Names of the containers (running or not) labelled with this run id. */
export async function containersOfRun(runId: string): Promise<string[]> {
  const listed = await docker([
    'ps',
    '--all',
    '--filter',
    `label=malloc-matrix.run=${runId}`,
    '--format',
    '{{.Names}}',
  ]);
  if (listed.code !== 0) throw new Error(`docker ps failed: ${listed.stderr.trim()}`);
  return lines(listed.stdout);
}

/**
 * Names of the malloc-matrix containers (label malloc-matrix=1, running or not) whose
 * environment holds TAG_VAR=tag. Containers of other runs are ignored.
 */
export async function containersTagged(tag: string): Promise<string[]> {
  const listed = await docker(['ps', '--all', '--quiet', '--filter', 'label=malloc-matrix']);
  if (listed.code !== 0) throw new Error(`docker ps failed: ${listed.stderr.trim()}`);
  const ids = lines(listed.stdout);
  if (ids.length === 0) return [];
  // A container removed between the two calls makes inspect exit non-zero; the rest still print.
  const inspected = await docker(['inspect', '--format', '{{.Name}} {{json .Config.Env}}', ...ids]);
  const wanted = `${TAG_VAR}=${tag}`;
  return lines(inspected.stdout)
    .filter((line) => {
      const space = line.indexOf(' ');
      const env = JSON.parse(line.slice(space + 1)) as string[] | null;
      return (env ?? []).includes(wanted);
    })
    .map((line) => line.slice(0, line.indexOf(' ')).replace(/^\//, ''));
}

/** Removes containers a failed test may have left, so one failure does not leak into others. */
export async function removeContainers(names: string[]): Promise<void> {
  if (names.length > 0) await docker(['rm', '--force', ...names]);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
