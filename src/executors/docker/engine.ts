// The Docker engine as a whole: whether it answers at all, and removing every container of a run
// (the action's post step and the CLI's signal handler call this too, so it never throws).
import type { DockerClient } from './client.js';
import { DOCKER_TIMEOUTS, dockerFailure } from './client.js';
import { RUN_LABEL } from './container.js';
import { ExecutorUnavailableError } from '../../measure/executor.js';
import { messageOf } from '../../base/errors.js';
import { succeeded, type ProcessResult } from '../../process/run-process.js';

/** No Docker engine to talk to: the whole run cannot go on (the CLI exits with code 3). */
export class EngineUnavailableError extends ExecutorUnavailableError {
  constructor(reason: string) {
    super(`Docker engine not available (${reason}). Start Docker, or use executor: host.`);
  }
}

const LIST_TIMEOUT_MS = 30_000;
export const REMOVE_TIMEOUT_MS = 60_000;

export async function checkEngine(docker: DockerClient): Promise<void> {
  let reason: string;
  try {
    const result = await docker.run(['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: DOCKER_TIMEOUTS.engineCheck,
    });
    if (succeeded(result) && result.stdout.trim() !== '') return;
    reason = dockerFailure('docker version', result);
  } catch (error) {
    reason = messageOf(error);
  }
  throw new EngineUnavailableError(reason);
}

/**
 * True when `docker rm` failed only because the containers are gone already or being removed by
 * another `rm` (a signal handler's clean-up racing the normal one): nothing is left behind.
 */
export function onlyAlreadyGone(stderr: string): boolean {
  const errors = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return errors.length > 0 && errors.every((l) => /No such container|is already in progress/.test(l));
}

/** A docker call that could not even start, as a result, for the clean-up paths that never throw. */
export function failedResult(error: unknown): ProcessResult {
  const message = messageOf(error);
  return {
    command: 'docker',
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: false,
    startError: { code: undefined, message },
    stdout: '',
    stderr: message,
    truncated: { stdout: false, stderr: false },
  };
}

/**
 * Removes every container labelled with this run id, running or not. Never throws: it runs in
 * the action's post step and signal handlers, where the engine may be half gone. Returns how
 * many containers were removed.
 */
export async function removeContainersByLabel(
  docker: DockerClient,
  runId: string,
  warn: (message: string) => void = () => undefined,
): Promise<number> {
  const listed = await docker
    .run(['ps', '--all', '--quiet', '--filter', `label=${RUN_LABEL}=${runId}`], {
      timeoutMs: LIST_TIMEOUT_MS,
    })
    .catch((e: unknown) => failedResult(e));
  if (!succeeded(listed)) {
    warn(`could not list the containers of run ${runId}: ${dockerFailure('docker ps', listed)}`);
    return 0;
  }
  const ids = listed.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (ids.length === 0) return 0;
  const removed = await docker
    .run(['rm', '--force', ...ids], { timeoutMs: REMOVE_TIMEOUT_MS })
    .catch((e: unknown) => failedResult(e));
  if (!succeeded(removed) && !onlyAlreadyGone(removed.stderr)) {
    warn(
      `could not remove the containers of run ${runId} (${ids.join(' ')}): ${dockerFailure('docker rm', removed)}`,
    );
    return 0;
  }
  return ids.length;
}
