// The action's entry point: plugs the runner and the real world into run(); everything testable
// lives in action/main.ts.
import { coreActionIo } from './action/core-io.js';
import { run } from './action/main.js';
import { systemServices } from './app/system.js';
import { removeLeftovers } from './executors/factory.js';

await run({
  io: coreActionIo(process.env),
  env: process.env,
  services: systemServices('action'),
  removeLeftovers,
});
