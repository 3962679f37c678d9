// Fails when the committed dist/ differs from a fresh bundle of src/: the action runs dist/,
// so a stale bundle would ship code nobody reviewed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mm-dist-'));
const saved = path.join(tmp, 'committed');
cpSync(path.join(root, 'dist'), saved, { recursive: true });
try {
  execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const list = (dir) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => statSync(path.join(dir, f)).isFile())
      .sort();
  const before = list(saved);
  const after = list(path.join(root, 'dist'));
  const differing = [...new Set([...before, ...after])].filter((f) => {
    try {
      return !readFileSync(path.join(saved, f)).equals(readFileSync(path.join(root, 'dist', f)));
    } catch {
      return true;
    }
  });
  if (differing.length > 0) {
    console.error(
      `dist/ is stale: ${differing.join(', ')} differ from a fresh bundle. Run 'npm run bundle' and commit dist/.`,
    );
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    cpSync(saved, path.join(root, 'dist'), { recursive: true });
    process.exit(1);
  }
  console.log('dist/ is up to date.');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
