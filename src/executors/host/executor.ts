// The host executor: measures on the machine itself, with its own libc and the allocator
// libraries installed there. Trees are used in place; nothing is copied or created.
import { join, resolve } from 'node:path';
import { findAllocator, libcRestriction } from '../../config/allocators.js';
import { ensureHelperBinary } from '../../harness/build.js';
import { ensureProfilerLibrary } from '../../harness/build-profiler.js';
import { hostProfiler } from './profiler.js';
import { runHelperBatch, type HelperSpec } from '../../harness/run.js';
import { howItEnded, runProcess, succeeded, type ProcessResult } from '../../process/run-process.js';
import type { EnvironmentInfo, LibcName, TreeName } from '../../results/model.js';
import {
  detectLibc,
  hostCandidates,
  lookupAllocator,
  lookupCustom,
  realHostProbe,
  type HostProbe,
} from './libraries.js';
import type { Batch, BatchRecord } from '../../measure/executor.js';
import type { EnvironmentRequest, Executor, PreparedEnvironment } from '../../measure/executor.js';

export const HOST_SHELL = '/bin/sh';
const SETUP_TAIL = 2000;

/** How a setup ended, and the end of its output (both streams, interleaved). */
export type SetupResult = ProcessResult & { output: string };

export interface HostExecutorDeps {
  probe: HostProbe;
  /** Path of the static helper binary. */
  helper: () => Promise<string>;
  /** Path of the allocation profiler library; without it no cell is profiled. */
  profiler?: () => Promise<string>;
  runBatch: (spec: HelperSpec, batch: Batch, onRecord: (r: BatchRecord) => void) => Promise<void>;
  /** Runs a setup script with the shell in a directory, stopped after `timeoutMs`. */
  runSetup: (script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs?: number) => Promise<SetupResult>;
  /** Variables added to the setup's environment (the benchmark's env). */
  env: Record<string, string>;
  /** The process environment setup and the benchmark inherit, less the runner's channels. */
  hostEnv: NodeJS.ProcessEnv;
  arch: string;
}

/** Lines of setup output kept for the failure message (each at most 4 KiB). */
const SETUP_LINES = 100;

export async function runShellSetup(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = Number.POSITIVE_INFINITY,
): Promise<SetupResult> {
  const lines: string[] = [];
  const result = await runProcess(HOST_SHELL, ['-c', script], {
    cwd,
    env,
    timeoutMs,
    // The lines below keep what the report needs; the streams themselves only their ends.
    maxOutputBytes: 64 << 10,
    keep: 'tail',
    onLine: (line) => {
      lines.push(line);
      if (lines.length > SETUP_LINES * 2) lines.splice(0, lines.length - SETUP_LINES);
    },
  });
  return { ...result, output: lines.join('\n') };
}

/** One line for a setup that did not succeed: how it ended, then the end of its output. */
function setupFailure(result: SetupResult): string {
  const ended = howItEnded('setup', result);
  const output = tail(result.output);
  return result.timedOut || output === '' ? ended : `${ended}: ${output}`;
}

/**
 * The runner's own channels: the action's inputs (the token among them), the runner's service
 * tokens, the files whose lines become outputs, state, environment, PATH or the job summary, and
 * the usual token variables. The host executor runs trusted code only, but even that has no
 * business with them: they are removed from the environment of setup and the benchmark.
 */
const RUNNER_CHANNEL =
  /^(INPUT_.*|ACTIONS_.*|GITHUB_(ENV|OUTPUT|STATE|PATH|STEP_SUMMARY|TOKEN)|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN)$/i;

/** `env` without the runner's channels (see RUNNER_CHANNEL), for setup and the benchmark. */
export function withoutRunnerChannels(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !RUNNER_CHANNEL.test(name)));
}

function tail(text: string): string {
  const t = text.trim();
  return t.length > SETUP_TAIL ? `...${t.slice(-SETUP_TAIL)}` : t;
}

async function resolveAllocators(
  probe: HostProbe,
  host: { arch: string; libc: LibcName },
  requested: EnvironmentRequest['allocators'],
): Promise<EnvironmentInfo['allocators']> {
  const { arch, libc } = host;
  const allocators: EnvironmentInfo['allocators'] = {};
  let candidates: string[] | undefined;
  for (const request of requested) {
    if (request.customPath !== undefined) {
      allocators[request.name] = await lookupCustom(probe, resolve(request.customPath));
      continue;
    }
    // A variant uses its base's library.
    const entry = findAllocator(request.base ?? request.name);
    const wrongLibc = entry && libcRestriction(entry, libc);
    if (!entry) {
      allocators[request.name] = {
        status: 'unavailable',
        reason: `unknown allocator '${request.base ?? request.name}' and no library path given`,
      };
    } else if (wrongLibc !== undefined) {
      allocators[request.name] = { status: 'unavailable', reason: wrongLibc };
    } else if (entry.hostPatterns.length === 0) {
      allocators[request.name] = { status: 'ready' }; // the libc default needs no library
    } else {
      candidates ??= await hostCandidates(probe, arch);
      allocators[request.name] = await lookupAllocator(probe, entry, candidates);
    }
  }
  return allocators;
}

export function createHostExecutor(deps: Partial<HostExecutorDeps> = {}): Executor {
  const d: HostExecutorDeps = {
    probe: deps.probe ?? realHostProbe,
    helper: deps.helper ?? (() => ensureHelperBinary()),
    profiler: 'profiler' in deps ? deps.profiler : () => ensureProfilerLibrary(),
    runBatch: deps.runBatch ?? ((spec, batch, onRecord) => runHelperBatch(spec, batch, onRecord)),
    runSetup: deps.runSetup ?? runShellSetup,
    env: deps.env ?? {},
    hostEnv: deps.hostEnv ?? process.env,
    arch: deps.arch ?? process.arch,
  };

  async function prepare(request: EnvironmentRequest): Promise<PreparedEnvironment> {
    const libc = await detectLibc(d.probe, d.arch);
    const info: EnvironmentInfo = {
      libc: libc.libc,
      executor: 'host',
      ...(libc.version ? { libcVersion: libc.version } : {}),
      allocators: await resolveAllocators(d.probe, { arch: d.arch, libc: libc.libc }, request.allocators),
    };
    const treeDirs: Partial<Record<TreeName, string>> = {};
    const treeFailures: Partial<Record<TreeName, string>> = {};
    for (const [tree, root] of Object.entries(request.trees) as [TreeName, string | undefined][]) {
      if (root === undefined) continue;
      const dir = join(resolve(root), request.workingDirectory);
      if (!(await d.probe.isDirectory(dir))) {
        treeFailures[tree] = `working directory ${dir} does not exist`;
        continue;
      }
      treeDirs[tree] = dir;
      if (request.setup) {
        const result = await d.runSetup(
          request.setup,
          dir,
          { ...withoutRunnerChannels(d.hostEnv), ...d.env },
          request.setupTimeoutMs,
        );
        if (!succeeded(result)) {
          treeFailures[tree] = setupFailure(result);
          info.setupLogTail = tail(result.output);
        }
      }
    }
    // Built once per environment so a missing compiler fails preparation, not every batch.
    const helperPath = await d.helper();
    return {
      info,
      treeDirs,
      treeFailures,
      shell: HOST_SHELL,
      // The helper passes its environment on to the benchmark.
      runBatch: (batch, onRecord) =>
        d.runBatch({ command: helperPath, args: [], env: withoutRunnerChannels(d.hostEnv) }, batch, onRecord),
      dispose: () => Promise.resolve(),
      profiler: await hostProfiler(d.profiler),
    };
  }

  return {
    kind: 'host',
    prepare,
    // Trees are used in place and the helper's cache is kept: nothing to remove.
    cleanup: () => Promise.resolve(),
  };
}
