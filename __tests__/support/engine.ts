// Whether a Docker engine answers. Tests that need one skip without it on a developer's
// machine, but under CI=true a missing engine is a failure: CI must never pass by skipping.
import { execFileSync } from 'node:child_process';

export function dockerEngineUp(): boolean {
  let up = false;
  let why = '';
  try {
    up =
      execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim() !==
      '';
  } catch (error) {
    why = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  if (!up && process.env.CI === 'true') {
    throw new Error(
      `CI=true but no Docker engine answers \`docker version\` (${why}); the Docker tests cannot run`,
    );
  }
  return up;
}
