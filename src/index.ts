// The action's entry point: only calls run(); everything testable lives in main.ts.
import { run } from './action/main.js';

await run();
