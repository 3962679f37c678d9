// The ActionIo port over @actions/core, the only module of the action that talks to the runner.
import * as core from '@actions/core';
import type { ActionIo } from './io.js';

/**
 * GitHub passes input `foo-bar` as INPUT_FOO-BAR. The environment is read directly, rather than
 * through core.getInput, to tell an input that was not given from one given as ''.
 */
export function coreActionIo(env: NodeJS.ProcessEnv): ActionIo {
  return {
    getInput: (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`],
    setOutput: (name, value) => core.setOutput(name, value),
    async appendSummary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown).write({ overwrite: false });
    },
    annotate({ level, title, message }) {
      const properties = title !== undefined ? { title } : undefined;
      if (level === 'error') core.error(message, properties);
      else core.warning(message, properties);
    },
    getState: (name) => core.getState(name),
    saveState: (name, value) => core.saveState(name, value),
    setFailed: (message) => core.setFailed(message),
    setSecret: (secret) => core.setSecret(secret),
    group: (name, fn) => core.group(name, fn),
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
    info: (message) => core.info(message),
    warning: (message) => core.warning(message),
  };
}
