#!/usr/bin/env node
// Runs the reliability campaign (fault injection, bad input, security, hardening) and writes its
// figures to docs/reliability.md. Each campaign test appends a line to a ledger in the directory
// named by MM_CAMPAIGN_LEDGER; jest's --json report says which tests passed. Containers are
// counted on the Docker engine before and after the whole campaign.
//
// With `--before REV`, the hardening scenarios also run against the bundle committed at REV (a
// build without the hardening): each must fail there. Scenarios that would hang or harm the
// machine on such a build are not run against it, and the table says why.
//
// Usage: npm run reliability [-- --before REV]   (needs `npm run bundle` first, Docker and the
// stand-in images, like the itg tests)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [
  '__tests__/faults-docker.test.itg.ts',
  '__tests__/faults-action.test.itg.ts',
  '__tests__/bad-inputs.test.itg.ts',
  '__tests__/security.test.itg.ts',
  '__tests__/hardening-runner.test.itg.ts',
  '__tests__/hardening-docker.test.itg.ts',
];
/** The files that hold hardening scenarios; their tests' names all contain "hardening". */
const HARDENING_FILES = FILES.filter((f) => !f.includes('faults-action') && !f.includes('bad-inputs'));
const OUT = path.join(root, 'docs', 'reliability.md');

const beforeAt = process.argv.indexOf('--before');
const beforeRev = beforeAt === -1 ? undefined : process.argv[beforeAt + 1];
if (beforeAt !== -1 && !beforeRev) {
  console.error('reliability: --before needs a git revision whose dist/ is a build without the hardening');
  process.exit(2);
}

/** Every container of malloc-matrix on the engine, with the run id it is labelled with. */
function containers() {
  try {
    const out = execFileSync(
      'docker',
      [
        'ps',
        '--all',
        '--filter',
        'label=malloc-matrix',
        '--format',
        '{{.ID}} {{.Label "malloc-matrix.run"}}',
      ],
      { encoding: 'utf8' },
    );
    return out
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [id, run = ''] = l.trim().split(' ');
        return { id, run };
      });
  } catch {
    return undefined;
  }
}

function readLines(file) {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    : [];
}

/** Runs jest on `files` with a fresh ledger; returns the ledger, jest's report and exit code. */
function runCampaign(files, extraEnv = {}, extraArgs = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-campaign-'));
  const jsonFile = path.join(dir, 'jest.json');
  const jest = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      // The integration project: one file at a time, and its test time limit.
      '--config',
      path.join(root, 'jest.itg.config.js'),
      '--json',
      `--outputFile=${jsonFile}`,
      ...extraArgs,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, MM_CAMPAIGN_LEDGER: dir, ...extraEnv } },
  );
  const ledger = readLines(path.join(dir, 'ledger.jsonl')).map((l) => JSON.parse(l));
  const runIds = new Set(readLines(path.join(dir, 'run-ids.txt')));
  const report = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : { testResults: [] };
  rmSync(dir, { recursive: true, force: true });
  return { status: jest.status, ledger, runIds, report };
}

/**
 * The hardening scenarios against the bundle committed at `rev`. Its containers are removed
 * afterwards: a build without the fixes is expected to leave some.
 */
function runBefore(rev) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mm-before-'));
  try {
    // The bundle finds the helper's source by walking up from dist/.
    execFileSync('sh', ['-c', `git archive "$1" dist harness | tar -x -C "$2"`, 'sh', rev, dir], {
      cwd: root,
    });
    const subject = execFileSync('git', ['log', '-1', '--format=%h %s', rev], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const run = runCampaign(HARDENING_FILES, { MM_DIST: path.join(dir, 'dist'), MM_CAMPAIGN_BEFORE: '1' }, [
      '--testNamePattern',
      'hardening',
    ]);
    for (const id of run.runIds) {
      const ids = execFileSync(
        'docker',
        ['ps', '--all', '--quiet', '--filter', `label=malloc-matrix.run=${id}`],
        {
          encoding: 'utf8',
        },
      )
        .split('\n')
        .filter((l) => l !== '');
      if (ids.length > 0) execFileSync('docker', ['rm', '--force', ...ids], { stdio: 'ignore' });
    }
    return { subject, entries: run.ledger.filter((e) => e.kind === 'hardening') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const before = containers();
if (before === undefined) {
  console.error('reliability: no Docker engine answers `docker ps`; the campaign needs one');
  process.exit(3);
}
const started = Date.now();
const campaign = runCampaign(FILES);
const minutes = (Date.now() - started) / 60_000;
const after = containers() ?? [];
const campaignRuns = campaign.runIds;
// The campaign's own runs: other work on the same engine may come and go meanwhile.
const leftBehind = after.filter((c) => campaignRuns.has(c.run));
const othersAppeared = after.filter((c) => !before.some((b) => b.id === c.id) && !campaignRuns.has(c.run));
const { ledger, report } = campaign;
const unfixed = beforeRev ? runBefore(beforeRev) : undefined;

const of = (kind) => ledger.filter((e) => e.kind === kind);
const faults = of('fault');
const inputs = of('bad-input');
const security = of('security');
/** Hardening scenarios in the order of their files, then of their tests. */
const byFile = (list) =>
  list
    .map((e, i) => ({ e, i, f: HARDENING_FILES.findIndex((f) => e.file?.endsWith(f)) }))
    .sort((a, b) => a.f - b.f || a.i - b.i)
    .map(({ e }) => e);
const hardening = byFile(of('hardening'));
/** How each scenario went on the unfixed build, by name. */
const unfixedByName = new Map((unfixed?.entries ?? []).map((e) => [e.name, e]));
const unfixedRun = (unfixed?.entries ?? []).filter((e) => !e.skipped);
const unfixedFailed = unfixedRun.filter((e) => !e.ok);
const passed = (list) => list.filter((e) => e.ok).length;
const lost = [...faults, ...hardening].filter((e) => e.resultsExpected && !e.resultsKept);
const leaked = hardening.reduce((n, e) => n + (e.leaked ?? 0), 0);
const failedTests = report.testResults.flatMap((file) =>
  (file.assertionResults ?? [])
    .filter((t) => t.status === 'failed')
    .map((t) => `${path.basename(file.name)}: ${t.fullName}`),
);
const suiteErrors = report.testResults
  .filter((file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0)
  .map((file) => path.basename(file.name));

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const row = (e) => `| ${cell(e.name)} | ${e.ok ? 'yes' : '**no**'} |`;
const endCell = (e) =>
  e.observed?.startsWith('failed:') && e.leaked === undefined
    ? '—'
    : `${e.resultsExpected ? (e.resultsKept ? 'kept' : '**lost**') : 'none due'} · ${e.leaked ?? 0} · ${e.containersLeft ?? 0}`;
const hardeningRow = (e) =>
  `| ${cell(e.name)} | ${cell(e.done)} | ${cell(e.holds)} | ${cell(e.observed)} | ${endCell(e)} | ${e.ok ? 'yes' : '**no**'} |`;
const unfixedCell = (name) => {
  const e = unfixedByName.get(name);
  if (!e) return 'no result';
  if (e.skipped) return cell(e.observed);
  return e.ok
    ? '**held: the scenario does not show the fix**'
    : `fails: ${cell(e.observed.replace(/^failed: /, ''))}`;
};
const fixRow = (e) => `| ${cell(e.name)} | ${cell(e.fixedBy)}${unfixed ? ` | ${unfixedCell(e.name)}` : ''} |`;
const faultRow = (e) =>
  `| ${e.name.replace(/\|/g, '\\|')} | ${e.ok ? 'yes' : '**no**'} | ${
    e.resultsExpected ? (e.resultsKept ? 'kept' : '**lost**') : 'none expected'
  } |`;

const doc = `# Reliability and security figures

Generated by \`npm run reliability\`, which runs the fault, bad-input, security and hardening campaign
(${FILES.map((f) => `\`${f}\``).join(', ')}) against a real Docker engine and the
stand-in Alpaquita images, and counts the engine's containers before and after. Do not edit by
hand: run the script again.

Last run: ${new Date().toISOString().slice(0, 10)}, ${minutes.toFixed(1)} minutes, jest ${
  campaign.status === 0 ? 'passed' : `exited with code ${campaign.status}`
}.

| Figure | Result | Goal |
|---|---|---|
| Fault scenarios survived (the 12 faults of the list, some in several forms) | ${passed(faults)} of ${faults.length} | all |
| Bad inputs rejected cleanly | ${passed(inputs)} of ${inputs.length} | all |
| Security properties shown | ${passed(security)} of ${security.length} | all |
| Hardening scenarios held, each with nothing lost, leaked or left | ${passed(hardening)} of ${hardening.length} | all |${
  unfixed
    ? `\n| Hardening scenarios that fail on a build without the hardening | ${unfixedFailed.length} of ${unfixedRun.length} run there (${unfixed.entries.length - unfixedRun.length} not run: they would hang or harm the machine) | all run |`
    : ''
}
| Secrets seen outside the runner's mask command (hardening scenarios) | ${leaked} | 0 |
| Containers left behind over the whole campaign | ${leftBehind.length} (${campaignRuns.size} runs checked) | 0 |
| Results lost | ${lost.length} | 0 |

"Survived" means the run ended with a clear verdict and message, the results JSON held every
cell that did measure, the report reached the job summary, and no container of the run was left.
"Results lost" counts faults and hardening scenarios after which a results file was expected
but missing or invalid (a rejected run is expected to write none; a full disk must say so, and
does).
Containers are counted by the run ids of the campaign's own runs, on the engine after the
campaign${othersAppeared.length > 0 ? ` (${othersAppeared.length} container(s) of other runs on the same engine were not counted)` : ''}.

## Faults

| Fault | Survived | Results |
|---|---|---|
${faults.map(faultRow).join('\n')}

## Hardening

Each scenario is a real run of the bundled action made to fail on a build without the fix it
names. "Lost · leaked · left" is the end state every scenario must reach: the results file that
was due is there and valid (\`none due\` where the step is meant to refuse), the number of times
a secret of the scenario (the \`github-token\`, an \`env\` value) shows up anywhere but in the
runner's mask command (log, summary, outputs, results file, comments, what setup and the
benchmark saw), and the containers of its runs still on the engine.

| Scenario | What was done | What must hold | Observed | Lost · leaked · left | Holds |
|---|---|---|---|---|---|
${hardening.map(hardeningRow).join('\n')}

${
  unfixed
    ? `Against a build without the hardening: the bundle committed at \`${unfixed.subject}\`
(\`npm run reliability -- --before <revision>\`), the same scenarios, each with its first failed check.

| Scenario | Fixed by | On the build without the fix |
|---|---|---|`
    : `| Scenario | Fixed by |
|---|---|`
}
${hardening.map(fixRow).join('\n')}

## Security

| Property | Holds |
|---|---|
${security.map(row).join('\n')}

## Bad inputs

${passed(inputs)} of ${inputs.length} malformed inputs, driven through the bundled action, failed
the step with one line naming the input, the value and what is accepted, with no stack trace and
nothing started. One case cannot be known before the container exists, a custom allocator
path missing from the image: it must give an \`unavailable\` cell naming the path while the rest
of the matrix measures. ${
  inputs.some((e) => !e.ok)
    ? `Not clean: ${inputs
        .filter((e) => !e.ok)
        .map((e) => e.name)
        .join(', ')}.`
    : ''
}
${
  failedTests.length + suiteErrors.length > 0
    ? `\n## Failures\n\n${[...failedTests, ...suiteErrors.map((f) => `${f}: the file did not run`)]
        .map((t) => `- ${t}`)
        .join('\n')}\n`
    : ''
}`;

writeFileSync(OUT, `${doc.trimEnd()}\n`);
console.log(
  `reliability: faults ${passed(faults)}/${faults.length}, bad inputs ${passed(inputs)}/${inputs.length}, ` +
    `security ${passed(security)}/${security.length}, hardening ${passed(hardening)}/${hardening.length}` +
    `${unfixed ? ` (failing without the fix: ${unfixedFailed.length}/${unfixedRun.length} run)` : ''}, ` +
    `containers left ${leftBehind.length}, results lost ${lost.length}, secrets leaked ${leaked}; ` +
    `wrote ${path.relative(root, OUT)}`,
);
const clean =
  campaign.status === 0 &&
  leftBehind.length === 0 &&
  lost.length === 0 &&
  leaked === 0 &&
  unfixedFailed.length === unfixedRun.length &&
  [faults, inputs, security, hardening].every((l) => passed(l) === l.length);
process.exit(clean ? 0 : 1);
