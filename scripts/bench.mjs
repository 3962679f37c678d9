// `npm run bench`: measures the performance goals of the measuring helper, the containers and the gate (helper overhead
// against hyperfine, container overheads, the regression gate's false alarms and power), prints
// a summary and rewrites docs/performance.md. `--quick` for a shorter, coarser pass.
// Needs: a bundled dist/ (npm run bundle), a C compiler, hyperfine, and a Docker engine for the
// container and gate figures (the stand-in images are built on first use).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureContainers } from './bench/containers.mjs';
import { keepSection } from './bench/cross-run-doc.mjs';
import { renderDoc, renderSummary } from './bench/doc.mjs';
import { measureGate } from './bench/gate.mjs';
import { calibrateBusy, measureHelperOverhead } from './bench/helper-overhead.mjs';
import { importSrc } from './bench/load-src.mjs';
import {
  activeChildren,
  dockerAvailable,
  interruption,
  lastLine,
  loadAverage,
  log,
  machineInfo,
  REPO_ROOT,
  snapshotCli,
  standinImages,
  staticWorkspace,
  tempDir,
  tempDirs,
} from './bench/util.mjs';

const SECTIONS = ['helper', 'containers', 'gate'];
const USAGE = `Usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--out FILE] [--data FILE]

Measures the performance figures and rewrites docs/performance.md (or --out FILE), keeping its
cross-run section, which \`npm run bench:cross-run -- --trials N\` measures and writes.
  --quick       fewer blocks, repetitions and trials (about 2 minutes instead of about 5)
  --only LIST   measure only these sections; the others are marked "not measured"
  --out FILE    where to write the document [docs/performance.md]
  --data FILE   also write the measured figures as JSON, for a closer look
`;

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`bench: ${error.message.split('\n')[0]} Run with --help for the options.\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = values.only === undefined ? SECTIONS : values.only.split(',').map((s) => s.trim());
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0 || only.length === 0) {
    process.stderr.write(
      `bench: invalid --only ${JSON.stringify(values.only)}; expected a comma-separated list of ${SECTIONS.join(', ')}\n`,
    );
    process.exit(2);
  }
  return {
    quick: values.quick,
    only,
    out: path.resolve(values.out ?? path.join(REPO_ROOT, 'docs', 'performance.md')),
    data: values.data === undefined ? undefined : path.resolve(values.data),
  };
}

/** Runs one section; its failure is recorded for the document, never thrown. */
async function section(name, only, fn) {
  if (!only.includes(name)) return { skipped: 'not selected (--only)' };
  try {
    return { data: await fn() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name}: failed: ${message}`);
    return { error: message.split('\n')[0] };
  }
}

function onSignal(signal) {
  if (interruption.stopping) return;
  interruption.stopping = true;
  log(`${signal} received, stopping`);
  const exit = () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  // The CLI removes its containers on SIGTERM/SIGINT.
  for (const child of activeChildren) child.kill(signal);
  setTimeout(exit, 5000).unref();
  Promise.all([...activeChildren].map((c) => new Promise((resolve) => c.once('close', resolve)))).then(exit);
}

async function main() {
  const opts = parse();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = performance.now();
  const machine = machineInfo();
  const loadStart = loadAverage();
  const flags = [
    ...(opts.quick ? ['--quick'] : []),
    ...(opts.only.length < SECTIONS.length ? [`--only ${opts.only.join(',')}`] : []),
  ];
  const commandLine = `npm run bench${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`;
  const ws = staticWorkspace();
  const cliCopy = tempDir('cli');
  let images;
  let imagesError;
  const needDocker = opts.only.some((s) => s !== 'helper');
  const dockerReason = !needDocker
    ? undefined
    : !dockerAvailable()
      ? 'no Docker engine answered `docker version`'
      : undefined;
  if (needDocker && !dockerReason) {
    try {
      log('building or finding the stand-in images');
      images = standinImages();
    } catch (error) {
      imagesError = `the stand-in images could not be built: ${lastLine(String(error.stderr ?? error.message))}`;
    }
  }
  const dockerSkip = dockerReason ?? imagesError;
  try {
    // The same static helper the CLI would build (same source, same compiler), named explicitly
    // because the CLI runs from a private copy of dist/cli.
    const { ensureHelperBinary } = await importSrc('harness/build.ts');
    process.env.MALLOC_MATRIX_HELPER = await ensureHelperBinary();
    await snapshotCli(cliCopy);
    log('calibrating the ~50 ms CPU loop');
    const iterations = await calibrateBusy(path.join(ws, 'busy'), ws);
    const helper = await section('helper', opts.only, () =>
      measureHelperOverhead({ ws, quick: opts.quick, iterations }),
    );
    const containers = dockerSkip
      ? { skipped: dockerSkip }
      : await section('containers', opts.only, () =>
          measureContainers({ images, quick: opts.quick, ws, iterations }),
        );
    const gate = dockerSkip
      ? { skipped: dockerSkip }
      : await section('gate', opts.only, () => measureGate({ images, quick: opts.quick }));
    const data = {
      quick: opts.quick,
      commandLine,
      machine,
      loadStart,
      loadEnd: loadAverage(),
      durationMs: performance.now() - started,
      images,
      helper,
      containers,
      gate,
    };
    // The cross-run section is measured by scripts/bench/cross-run.mjs; keep it as it is.
    const previous = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : '';
    writeFileSync(opts.out, keepSection(previous, renderDoc(data)));
    if (opts.data) writeFileSync(opts.data, `${JSON.stringify(data, null, 1)}\n`);
    process.stdout.write(`${renderSummary(data)}\n`);
    log(`wrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
    const failed = [helper, containers, gate].some((s) => s.error !== undefined);
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(cliCopy, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
