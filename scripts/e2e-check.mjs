// The strict checks of the e2e workflow, run on the results file the action wrote against
// the real Alpaquita images. Every cell is accounted for: on x86_64 all ten measure, on
// aarch64 rpmalloc is unavailable for the stated reason and the other eight measure; every
// preload is proven; each environment is Alpaquita with its libc, the musl flavour is the
// expected one, and every allocator package has a recorded version.
//
//   node scripts/e2e-check.mjs RESULTS.json --arch x86_64|aarch64 [--musl-flavor musl-perf]
//                              [--mimalloc-major N]
//
// Prints each cell and each failed check; exits 1 when any check fails, 2 on bad arguments.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LIBCS = ['musl', 'glibc'];
const ALLOCATORS = ['default', 'mimalloc', 'mimalloc-secure', 'jemalloc', 'rpmalloc'];
/** The runner's architecture as Node's process.arch records it in results.host.arch. */
const NODE_ARCH = { x86_64: 'x64', aarch64: 'arm64' };

/**
 * Every problem with `results` for a run on `arch`; empty when all checks pass.
 * @param {any} results a parsed results file
 * @param {{ arch: 'x86_64' | 'aarch64', muslFlavor?: string, mimallocMajor?: number }} expect
 * @returns {string[]}
 */
export function checkResults(results, expect) {
  const problems = [];
  const fail = (message) => problems.push(message);
  if (results?.schema !== 'malloc-matrix/results') return ['not a malloc-matrix results file'];
  if (results.host?.arch !== NODE_ARCH[expect.arch]) {
    fail(`host arch is ${results.host?.arch}, expected ${NODE_ARCH[expect.arch]} (${expect.arch})`);
  }

  // The head tree's cells; a base tree measured for a baseline has its own.
  const cells = (results.cells ?? []).filter((c) => c.tree !== 'base');
  const names = cells.map((c) => `${c.libc}/${c.allocator}`);
  const wanted = LIBCS.flatMap((libc) => ALLOCATORS.map((a) => `${libc}/${a}`));
  if (names.length !== wanted.length || wanted.some((n) => !names.includes(n))) {
    fail(`cells are [${names.join(', ')}], expected [${wanted.join(', ')}]`);
  }
  let measured = 0;
  for (const cell of cells) {
    const name = `${cell.libc}/${cell.allocator}`;
    if (cell.allocator === 'rpmalloc' && expect.arch === 'aarch64') {
      const reason = 'rpmalloc has no aarch64 build';
      if (cell.status !== 'unavailable' || cell.reason !== reason) {
        fail(`${name} is ${cell.status} (${cell.reason ?? 'no reason'}), expected unavailable: ${reason}`);
      }
      continue;
    }
    if (cell.status !== 'ok') {
      fail(`${name} is ${cell.status}, expected ok${cell.reason ? `: ${cell.reason}` : ''}`);
      continue;
    }
    measured++;
    if (cell.allocator !== 'default' && cell.proof?.applied !== true) {
      fail(`${name}: the preload of ${cell.library ?? 'its library'} was not proven`);
    }
  }
  const expectedMeasured = expect.arch === 'aarch64' ? 8 : 10;
  if (measured !== expectedMeasured) fail(`${measured} cells measured, expected ${expectedMeasured}`);

  for (const libc of LIBCS) {
    const env = (results.environments ?? []).find((e) => e.libc === libc);
    if (!env) {
      fail(`no ${libc} environment`);
      continue;
    }
    if (env.failure) fail(`${libc} environment failed: ${env.failure}`);
    if (env.osRelease?.ID !== 'alpaquita')
      fail(`${libc}: os-release ID is ${env.osRelease?.ID}, expected alpaquita`);
    if (env.osRelease?.LIBC_TYPE !== libc)
      fail(`${libc}: os-release LIBC_TYPE is ${env.osRelease?.LIBC_TYPE}`);
    if (!env.libcVersion) fail(`${libc}: no libc version recorded`);
    if (libc === 'musl' && expect.muslFlavor !== undefined && env.muslFlavor !== expect.muslFlavor) {
      fail(`musl flavour is ${env.muslFlavor ?? 'not recorded'}, expected ${expect.muslFlavor}`);
    }
    for (const allocator of ALLOCATORS.filter((a) => a !== 'default')) {
      const entry = env.allocators?.[allocator];
      if (allocator === 'rpmalloc' && expect.arch === 'aarch64') continue;
      if (entry?.status !== 'ready') {
        fail(
          `${libc}/${allocator} is ${entry?.status ?? 'missing'}${entry?.reason ? `: ${entry.reason}` : ''}`,
        );
      } else if (!entry.version) {
        fail(`${libc}/${allocator}: no package version recorded`);
      }
    }
    const mimalloc = env.allocators?.mimalloc?.library;
    if (
      expect.mimallocMajor !== undefined &&
      !new RegExp(`/libmimalloc\\.so\\.${expect.mimallocMajor}(\\.|$)`).test(mimalloc ?? '')
    ) {
      fail(`${libc}: mimalloc library is ${mimalloc}, expected libmimalloc.so.${expect.mimallocMajor}`);
    }
  }
  return problems;
}

/** One line per cell, and the allocator versions of each libc side by side. */
export function describeResults(results) {
  const lines = (results.cells ?? []).map(
    (c) =>
      `${c.libc}/${c.allocator}: ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.proof?.applied === true ? ', preload proven' : ''}`,
  );
  for (const env of results.environments ?? []) {
    const versions = Object.entries(env.allocators ?? {})
      .filter(([, a]) => a.version)
      .map(([name, a]) => `${name} ${a.version}`);
    lines.push(
      `${env.libc}: ${env.osRelease?.PRETTY_NAME ?? env.osRelease?.ID ?? '?'}, libc ${env.libcVersion ?? '?'}` +
        `${env.muslFlavor ? ` (${env.muslFlavor})` : ''}; ${versions.join(', ') || 'no versions'}`,
    );
  }
  return lines;
}

function parseArgs(argv) {
  const [file, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--arch') {
      if (!(value in NODE_ARCH)) throw new Error(`--arch ${value}: expected x86_64 or aarch64`);
      options.arch = value;
    } else if (flag === '--musl-flavor') options.muslFlavor = value;
    else if (flag === '--mimalloc-major') {
      if (!/^\d+$/.test(value)) throw new Error(`--mimalloc-major ${value}: expected a number`);
      options.mimallocMajor = Number(value);
    } else throw new Error(`unknown option ${flag}`);
  }
  if (!file || !options.arch)
    throw new Error(
      'usage: e2e-check.mjs RESULTS.json --arch x86_64|aarch64 [--musl-flavor F] [--mimalloc-major N]',
    );
  return { file, options };
}

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`e2e-check: ${error.message}`);
    process.exit(2);
  }
  let results;
  try {
    results = JSON.parse(readFileSync(args.file, 'utf8'));
  } catch (error) {
    console.error(`e2e-check: cannot read ${args.file}: ${error.message}`);
    process.exit(1);
  }
  for (const line of describeResults(results)) console.log(line);
  const problems = checkResults(results, args.options);
  for (const problem of problems) console.log(`::error title=e2e check::${problem}`);
  if (problems.length > 0) {
    console.error(`e2e-check: ${problems.length} check(s) failed`);
    process.exit(1);
  }
  console.log(`e2e-check: every check passed (${args.options.arch})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
