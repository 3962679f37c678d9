// The host executor: measures on the machine itself, with its own libc and the allocator
// libraries installed there. Trees are used in place; nothing is copied or created.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { findAllocator } from '../../config/allocators.js';
import { ensureHelperBinary } from '../../harness/build.js';
import { ensureProfilerLibrary } from '../../harness/build-profiler.js';
import { hostProfiler } from './profiler.js';
import { runHelperBatch, type HelperSpec } from '../../harness/run.js';
import type { EnvironmentInfo, TreeName } from '../../results/model.js';
import {
  detectLibc,
  hostCandidates,
  lookupAllocator,
  lookupCustom,
  realHostProbe,
  type HostProbe,
} from './libraries.js';
import type {
  Batch,
  BatchRecord,
  EnvironmentRequest,
  Executor,
  PreparedEnvironment,
} from '../../measure/executor.js';

export const HOST_SHELL = '/bin/sh';
const SETUP_TAIL = 2000;

export interface SetupResult {
  code: number;
  output: string;
}

export interface HostExecutorDeps {
  probe: HostProbe;
  /** Path of the static helper binary. */
  helper: () => Promise<string>;
  /** Path of the allocation profiler library; without it no cell is profiled. */
  profiler?: () => Promise<string>;
  runBatch: (spec: HelperSpec, batch: Batch, onRecord: (r: BatchRecord) => void) => Promise<void>;
  /** Runs a setup script with the shell in a directory; resolves with its exit code and output. */
  runSetup: (script: string, cwd: string, env: NodeJS.ProcessEnv) => Promise<SetupResult>;
  /** Variables added to the setup's environment (the benchmark's env). */
  env: Record<string, string>;
  arch: string;
}

export function runShellSetup(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<SetupResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(HOST_SHELL, ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer): void => {
      output = (output + d.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) =>
      reject(new Error(`cannot run setup with ${HOST_SHELL} in ${cwd}: ${error.message}`)),
    );
    child.on('close', (code, signal) => resolvePromise({ code: code ?? 128 + (signal ? 9 : 0), output }));
  });
}

function tail(text: string): string {
  const t = text.trim();
  return t.length > SETUP_TAIL ? `...${t.slice(-SETUP_TAIL)}` : t;
}

async function resolveAllocators(
  probe: HostProbe,
  arch: string,
  requested: EnvironmentRequest['allocators'],
): Promise<EnvironmentInfo['allocators']> {
  const allocators: EnvironmentInfo['allocators'] = {};
  let candidates: string[] | undefined;
  for (const request of requested) {
    if (request.customPath !== undefined) {
      allocators[request.name] = await lookupCustom(probe, resolve(request.customPath));
      continue;
    }
    const entry = findAllocator(request.name);
    if (!entry) {
      allocators[request.name] = {
        status: 'unavailable',
        reason: `unknown allocator '${request.name}' and no library path given`,
      };
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
    arch: deps.arch ?? process.arch,
  };

  async function prepare(request: EnvironmentRequest): Promise<PreparedEnvironment> {
    const libc = await detectLibc(d.probe, d.arch);
    const info: EnvironmentInfo = {
      libc: libc.libc,
      executor: 'host',
      ...(libc.version ? { libcVersion: libc.version } : {}),
      allocators: await resolveAllocators(d.probe, d.arch, request.allocators),
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
        const result = await d.runSetup(request.setup, dir, { ...process.env, ...d.env });
        if (result.code !== 0) {
          treeFailures[tree] = `setup exited with code ${result.code}: ${tail(result.output)}`;
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
      runBatch: (batch, onRecord) =>
        d.runBatch({ command: helperPath, args: [], env: process.env }, batch, onRecord),
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
