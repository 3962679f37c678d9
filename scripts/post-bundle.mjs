// Finishes `npm run bundle`:
// - Makes the bundled CLI directly executable: ncc drops the shebang of the entry file.
// - Writes dist/licenses.txt for both bundles. ncc renders one licenses file per chunk, and the
//   action's bundle has several (code loaded with `import()` is split off), so one fixed file name
//   would keep only the chunk written last. Each build therefore writes `licenses-<chunk>.txt`,
//   and the parts are merged here: every package's entry once, in the order of the names.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const cli = 'dist/cli/index.js';
const text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${text}`);
chmodSync(cli, 0o755);

const PART = /^licenses-[^/]+\.txt$/;
// An entry as ncc renders it: the package's name, its license id, then its license text.
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const LICENSE_ID = /^(\(?[A-Za-z0-9.+-]+\)?( (OR|AND|WITH) \(?[A-Za-z0-9.+-]+\)?)*)$/;

/** The entries of one licenses file. Never loses text: an unrecognised start stays in the entry before. */
function entriesOf(text) {
  const lines = text.replace(/\n+$/, '').split('\n');
  const entries = [];
  let current = [];
  lines.forEach((line, i) => {
    const starts =
      (i === 0 || lines[i - 1] === '') && PACKAGE_NAME.test(line) && LICENSE_ID.test(lines[i + 1] ?? '');
    if (starts && current.length > 0) {
      entries.push(current.join('\n').replace(/\n+$/, ''));
      current = [];
    }
    current.push(line);
  });
  if (current.length > 0) entries.push(current.join('\n').replace(/\n+$/, ''));
  return entries;
}

const parts = readdirSync('dist', { recursive: true })
  .map(String)
  .filter((f) => PART.test(path.basename(f)))
  .sort();
if (parts.length === 0) throw new Error('post-bundle: ncc wrote no licenses-*.txt file');
const entries = new Set();
for (const part of parts) {
  for (const entry of entriesOf(readFileSync(path.join('dist', part), 'utf8'))) entries.add(entry);
  rmSync(path.join('dist', part));
}
const sorted = [...entries].sort((a, b) => {
  const [nameA, nameB] = [a.split('\n')[0], b.split('\n')[0]];
  return nameA < nameB ? -1 : nameA > nameB ? 1 : a < b ? -1 : a > b ? 1 : 0;
});
writeFileSync('dist/licenses.txt', `${sorted.join('\n\n')}\n`);
