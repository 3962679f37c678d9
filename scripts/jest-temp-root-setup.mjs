// Every temporary file the tests make goes under one directory per jest run, which
// jest-temp-root-teardown.mjs removes: the tests' own, and those of the CLI, the action and the
// benchmarks they start. os.tmpdir() follows TMPDIR, which jest's workers and every child
// process inherit, so no test has to remember its own clean-up.
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function createTestTempRoot() {
  // `npm test` runs two projects, each with this setup: the first one's directory serves both.
  if (process.env.MALLOC_MATRIX_TEST_TMP) return;
  const root = mkdtempSync(path.join(os.tmpdir(), 'malloc-matrix-tests-'));
  // Sticky and open to all, like /tmp itself: some tests run the action as an unprivileged user
  // (uid 65534), which must be able to make its own temporary directory here too.
  chmodSync(root, 0o1777);
  process.env.MALLOC_MATRIX_TEST_TMP = root;
  process.env.TMPDIR = root;
}
