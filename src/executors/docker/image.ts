// Makes an image available according to the pull policy, retrying failed pulls with backoff,
// and reads its digest and architecture. Failures are returned as one-line reasons, not thrown:
// an unavailable image fails that libc's cells, and the other libc still runs.
import type { PullPolicy } from '../../config/config.js';
import { parseImageInspect, PULL_RETRIES, pullBackoffMs, type ImageFacts } from './alpaquita.js';
import { succeeded } from '../../process/run-process.js';
import { DOCKER_TIMEOUTS, dockerFailure, type DockerClient } from './client.js';
import { messageOf } from '../../base/errors.js';

export interface ImageDeps {
  docker: DockerClient;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

export type ImageOutcome = { ok: true; facts: ImageFacts } | { ok: false; failure: string };

export async function ensureImage(deps: ImageDeps, image: string, pull: PullPolicy): Promise<ImageOutcome> {
  if (pull !== 'always') {
    const inspected = await inspectImage(deps.docker, image);
    if (inspected.ok || pull === 'never') {
      return inspected.ok
        ? inspected
        : { ok: false, failure: `image ${image} is not present locally and pull is 'never'` };
    }
  }
  const pulled = await pullWithRetries(deps, image);
  if (!pulled.ok) return pulled;
  const inspected = await inspectImage(deps.docker, image);
  return inspected.ok
    ? inspected
    : { ok: false, failure: `image ${image} was pulled but cannot be inspected` };
}

async function inspectImage(docker: DockerClient, image: string): Promise<ImageOutcome> {
  const result = await docker.run(['image', 'inspect', '--', image]);
  if (!succeeded(result)) return { ok: false, failure: dockerFailure('docker image inspect', result) };
  try {
    return { ok: true, facts: parseImageInspect(image, result.stdout) };
  } catch (error) {
    return { ok: false, failure: messageOf(error) };
  }
}

async function pullWithRetries(
  deps: ImageDeps,
  image: string,
): Promise<{ ok: true } | { ok: false; failure: string }> {
  let reason = '';
  for (let attempt = 0; attempt <= PULL_RETRIES; attempt++) {
    if (attempt > 0) {
      const delay = pullBackoffMs(attempt);
      deps.log(`docker pull ${image} failed (${reason}); retrying in ${delay / 1000} s`);
      await deps.sleep(delay);
    }
    const result = await deps.docker.run(['pull', '--quiet', '--', image], {
      timeoutMs: DOCKER_TIMEOUTS.pull,
    });
    if (succeeded(result)) return { ok: true };
    reason = dockerFailure('docker pull', result);
  }
  return { ok: false, failure: `docker pull ${image} failed after ${PULL_RETRIES + 1} attempts: ${reason}` };
}
