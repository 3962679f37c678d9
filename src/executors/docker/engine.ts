// The Docker engine as a whole: whether it answers at all, and removing every container of a run
// (the action's post step and the CLI's signal handler call this too, so it never throws).
import { lastLine } from './alpaquita.js';
import type { DockerClient, DockerResult } from './client.js';
import { RUN_LABEL } from './container.js';
import { ExecutorUnavailableError } from '../../measure/executor.js';
import { messageOf } from '../../base/errors.js';

/** No Docker engine to talk to: the whole run cannot go on (the CLI exits with code 3). */
export class EngineUnavailableError extends ExecutorUnavailableError {
  constructor(reason: string) {
    super(`Docker engine not available (${reason}). Start Docker, or use executor: host.`);
  }
}

const ENGINE_CHECK_TIMEOUT_MS = 30_000;

export async function checkEngine(docker: DockerClient): Promise<void> {
  let reason: string;
  try {
    const result = await docker.run(['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: ENGINE_CHECK_TIMEOUT_MS,
    });
    if (result.code === 0 && result.stdout.trim() !== '') return;
    reason =
      result.code === 124
        ? `docker version did not answer within ${ENGINE_CHECK_TIMEOUT_MS / 1000} s`
        : lastLine(result.stderr) || `docker version exited with code ${result.code}`;
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

export function failedResult(error: unknown): DockerResult {
  return { code: -1, stdout: '', stderr: messageOf(error) };
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
    .run(['ps', '--all', '--quiet', '--filter', `label=${RUN_LABEL}=${runId}`], { timeoutMs: 30_000 })
    .catch((e: unknown) => failedResult(e));
  if (listed.code !== 0) {
    warn(
      `could not list the containers of run ${runId}: ${lastLine(listed.stderr) || `exit code ${listed.code}`}`,
    );
    return 0;
  }
  const ids = listed.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (ids.length === 0) return 0;
  const removed = await docker
    .run(['rm', '--force', ...ids], { timeoutMs: 60_000 })
    .catch((e: unknown) => failedResult(e));
  if (removed.code !== 0 && !onlyAlreadyGone(removed.stderr)) {
    warn(`could not remove the containers of run ${runId} (${ids.join(' ')}): ${lastLine(removed.stderr)}`);
    return 0;
  }
  return ids.length;
}
