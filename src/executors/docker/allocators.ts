// Makes the requested allocators available in a container and finds their libraries: apk
// packages where the image has apk, then a glob for the library (never a hard-coded soname).
// A package that cannot be installed makes only its own allocator unavailable.
import {
  DEFAULT_ALLOCATOR,
  findAllocator,
  libcRestriction,
  type AllocatorResolutionRequest,
} from '../../config/allocators.js';
import type { EnvironmentInfo, LibcName } from '../../results/model.js';
import { firstGlobMatches, nodeArch, pickHighestVersion, unameArch } from './alpaquita.js';
import { apkFailureReason } from './apk.js';
import { howItEnded, succeeded } from '../../process/run-process.js';
import { DOCKER_TIMEOUTS, type DockerClient } from './client.js';
import { execIn, fileExistsIn, listGlobs, realPathIn } from './container.js';
import { readInstalledPackages } from './installed.js';

export interface AllocatorContext {
  docker: DockerClient;
  container: string;
  /** The image name, for messages. */
  image: string;
  /** Docker's architecture name of the image (`amd64`, `arm64`), when known. */
  architecture?: string;
  /** The container's libc: an allocator made for another one is unavailable. */
  libc: LibcName;
  log: (line: string) => void;
}

export type AllocatorStatus = EnvironmentInfo['allocators'][string];

export interface AllocatorResolution {
  allocators: Record<string, AllocatorStatus>;
  /** The installed packages after installation; undefined when neither apk nor its database answers. */
  packages?: Map<string, string>;
}

export async function hasApk(docker: DockerClient, container: string): Promise<boolean> {
  const result = await execIn(docker, container, ['/bin/sh', '-c', 'command -v apk']);
  return succeeded(result) && result.stdout.trim() !== '';
}

export async function resolveAllocators(
  ctx: AllocatorContext,
  requests: readonly AllocatorResolutionRequest[],
): Promise<AllocatorResolution> {
  const allocators: Record<string, AllocatorStatus> = {};
  const toFind: { name: string; apkPackage?: string; globs: string[] }[] = [];
  const custom: { name: string; path: string }[] = [];
  for (const request of requests) {
    if (request.customPath !== undefined) {
      // Checked after the packages are in: a custom path may point into one of them.
      custom.push({ name: request.name, path: request.customPath });
      continue;
    }
    // A variant uses its base's library.
    const base = request.base ?? request.name;
    if (base === DEFAULT_ALLOCATOR) {
      allocators[request.name] = { status: 'ready' };
      continue;
    }
    const entry = findAllocator(base);
    if (!entry) {
      allocators[request.name] = { status: 'unavailable', reason: `unknown allocator '${base}'` };
      continue;
    }
    const wrongLibc = libcRestriction(entry, ctx.libc);
    if (wrongLibc !== undefined) {
      allocators[request.name] = { status: 'unavailable', reason: wrongLibc };
      continue;
    }
    if (ctx.architecture !== undefined && !entry.arches.includes(nodeArch(ctx.architecture))) {
      allocators[request.name] = {
        status: 'unavailable',
        reason: `${entry.name} has no ${unameArch(ctx.architecture)} build`,
      };
      continue;
    }
    toFind.push({ name: request.name, apkPackage: entry.apkPackage, globs: entry.imageGlobs });
  }
  const packages = toFind.length > 0 ? await findLibraries(ctx, toFind, allocators) : undefined;
  for (const { name, path } of custom) allocators[name] = await resolveCustom(ctx, path);
  return { allocators: inRequestOrder(requests, allocators), ...(packages ? { packages } : {}) };
}

function inRequestOrder(
  requests: readonly { name: string }[],
  allocators: Record<string, AllocatorStatus>,
): Record<string, AllocatorStatus> {
  return Object.fromEntries(
    requests.flatMap((r) => (allocators[r.name] ? [[r.name, allocators[r.name]]] : [])),
  );
}

/** Installs the packages (when the image has apk) and globs each library; returns the installed packages. */
async function findLibraries(
  ctx: AllocatorContext,
  toFind: { name: string; apkPackage?: string; globs: string[] }[],
  allocators: Record<string, AllocatorStatus>,
): Promise<Map<string, string> | undefined> {
  const apk = await hasApk(ctx.docker, ctx.container);
  const installFailures = apk
    ? await installPackages(
        ctx,
        toFind.flatMap((a) => (a.apkPackage ? [a.apkPackage] : [])),
      )
    : new Map<string, string>();
  const installed = await readInstalledPackages(ctx.docker, ctx.container, apk);
  if (installed) ctx.log(`${installed.packages.size} installed packages, listed by ${installed.source}`);
  const packages = installed?.packages;
  const listing = await listGlobs(ctx.docker, ctx.container, [...new Set(toFind.flatMap((a) => a.globs))]);

  for (const wanted of toFind) {
    const chosen = pickHighestVersion(firstGlobMatches(wanted.globs, listing));
    const failure = wanted.apkPackage ? installFailures.get(wanted.apkPackage) : undefined;
    if (chosen === undefined) {
      allocators[wanted.name] = {
        status: 'unavailable',
        reason: failure ?? `no library matching ${wanted.globs.join(' or ')} in image ${ctx.image}`,
      };
      continue;
    }
    if (failure) ctx.log(`${failure}; using ${chosen}, which the image already has`);
    const version = wanted.apkPackage ? packages?.get(wanted.apkPackage) : undefined;
    allocators[wanted.name] = {
      status: 'ready',
      library: await realPathIn(ctx.docker, ctx.container, chosen),
      ...(version !== undefined ? { version } : {}),
    };
  }
  return packages;
}

async function resolveCustom(ctx: AllocatorContext, file: string): Promise<AllocatorStatus> {
  if (!(await fileExistsIn(ctx.docker, ctx.container, file))) {
    return { status: 'unavailable', reason: `${file} does not exist in image ${ctx.image}` };
  }
  return { status: 'ready', library: await realPathIn(ctx.docker, ctx.container, file) };
}

/**
 * Installs all packages in one apk call; when that fails, one at a time, so a missing package
 * is pinned on its own allocator. Returns package -> reason for each that failed.
 */
async function installPackages(ctx: AllocatorContext, names: string[]): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  const unique = [...new Set(names)];
  if (unique.length === 0) return failures;
  const all = await apkAdd(ctx, unique);
  if (all.ok || unique.length === 1) {
    if (!all.ok) failures.set(unique[0], all.reason);
    return failures;
  }
  for (const name of unique) {
    const one = await apkAdd(ctx, [name]);
    if (!one.ok) failures.set(name, one.reason);
  }
  return failures;
}

async function apkAdd(ctx: AllocatorContext, names: string[]): Promise<{ ok: boolean; reason: string }> {
  const command = `apk add ${names.join(' ')}`;
  ctx.log(`apk add --no-cache ${names.join(' ')}`);
  const result = await execIn(ctx.docker, ctx.container, ['apk', 'add', '--no-cache', ...names], {
    onLine: ctx.log,
    timeoutMs: DOCKER_TIMEOUTS.apk,
  });
  if (succeeded(result)) return { ok: true, reason: '' };
  // A hung mirror or a killed apk has no error line of its own: say how it ended.
  if (result.exitCode === null || result.timedOut) return { ok: false, reason: howItEnded(command, result) };
  return {
    ok: false,
    reason: `${command} failed: ${apkFailureReason(result.stdout, result.stderr, result.exitCode)}`,
  };
}
