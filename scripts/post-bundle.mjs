// Makes the bundled CLI directly executable: ncc drops the shebang of the entry file.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const cli = 'dist/cli/index.js';
const text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${text}`);
chmodSync(cli, 0o755);
