// Removes the run's temporary directory (see jest-temp-root-setup.mjs), unless KEEP_TEST_TMP is set
// to look at what a failing test left behind.
import { rmSync } from 'node:fs';

export default function removeTestTempRoot() {
  const root = process.env.MALLOC_MATRIX_TEST_TMP;
  if (!root) return;
  delete process.env.MALLOC_MATRIX_TEST_TMP; // `npm test`'s second project finds nothing left to do
  if (process.env.KEEP_TEST_TMP) {
    console.log(`\nThe tests' temporary files are kept in ${root} (KEEP_TEST_TMP).`);
    return;
  }
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    // A file a container left behind must not turn a passing run red; it is only disk space.
    console.warn(`\nCould not remove the tests' temporary directory ${root}: ${String(error)}`);
  }
}
