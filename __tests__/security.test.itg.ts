// The security campaign: inputs reach no shell they are not meant for, the token stays secret,
// the container keeps only the capabilities apk needs and is bounded in processes and memory,
// container output cannot issue workflow commands, the host executor hides the runner's channels,
// and a hostile benchmark's output cannot break the report. Each property is shown on a real run
// of the bundled action.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CLI_ONLY_INPUTS, INPUT_NAMES, type InputName } from '../src/config/names.js';
import { runAction, tempDir } from './support/bench.js';
import {
  BUILD_FAULTY,
  dockerEngineUp,
  faultyWorkspace,
  hostFaultyWorkspace,
  ourContainers,
  readRunResults,
  record,
  runIdFromState,
} from './support/campaign.js';
import { CANARY_TOKEN, endState, hardening } from './support/hardening.js';
import { ensureStandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const TOKEN = 'ghs_securityCampaignToken0123456789';
const HOST = { executor: 'host', allocators: 'default', run: './faulty none', runs: '1', warmup: '0' };

async function property(name: string, check: () => Promise<void>): Promise<void> {
  let ok = false;
  try {
    await check();
    ok = true;
  } finally {
    record({ kind: 'security', name, ok });
  }
}

/** One value carrying all four ways into a shell; each would create its own marker file. */
function hostile(markerDir: string): string {
  const m = (n: number) => path.join(markerDir, `pwned-${n}`);
  return `x$(touch ${m(1)})\`touch ${m(2)}\`;touch ${m(3)}\ntouch ${m(4)}`;
}

let workspace: string;
beforeAll(() => {
  workspace = hostFaultyWorkspace();
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('inputs reach no shell they are not meant for', () => {
  const shellInputs: InputName[] = ['run', 'setup'];
  const others = INPUT_NAMES.filter((n) => !shellInputs.includes(n) && !CLI_ONLY_INPUTS.includes(n));

  it.each(others)('input %s: rejected or plain data, never run', (name) =>
    property(`no shell injection through input '${name}'`, async () => {
      const markers = tempDir('markers');
      const value = hostile(markers);
      const run = await runAction(
        { ...HOST, baseline: 'none', comment: 'never', [name]: value },
        { GITHUB_WORKSPACE: workspace },
      );
      if (run.code !== 0) {
        // Rejected: one line naming the input.
        const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(new RegExp(`input '${name}'`));
        expect(run.stdout).not.toMatch(/\n\s+at /);
      } else {
        // Accepted as data: the run completed with valid results.
        expect(readRunResults(run).valid).toBe(true);
      }
      for (let n = 1; n <= 4; n++) expect(existsSync(path.join(markers, `pwned-${n}`))).toBe(false);
    }),
  );

  (engineUp ? it : it.skip)(
    'in the container, env values, names and paths are plain data too',
    () =>
      property('no shell injection into the container', async () => {
        const images = await ensureStandinImages();
        const dir = faultyWorkspace();
        // env takes one KEY=VALUE per line and name one line: the newline way is left out here.
        const value = hostile('/tmp').replace('\n', ' ');
        writeFileSync(path.join(dir, 'expected.txt'), value);
        // The benchmark fails unless the value arrived byte for byte and no marker exists.
        const again = await runAction(
          {
            'image-musl': images.musl,
            libcs: 'musl',
            pull: 'never',
            allocators: 'default',
            setup: BUILD_FAULTY,
            run: 'printf %s "$MM_PAYLOAD" | cmp -s - expected.txt && ! ls /tmp/pwned-* 2>/dev/null && ./faulty none',
            env: `MM_PAYLOAD=${value}`,
            name: value.slice(0, 100),
            runs: '2',
            baseline: 'none',
            comment: 'never',
          },
          { GITHUB_WORKSPACE: dir },
        );
        expect(again.code).toBe(0);
        const results = readRunResults(again).results!;
        expect(results.cells[0].status).toBe('ok');
        expect(results.name).toBe(value.slice(0, 100).trim());
      }),
    120_000,
  );
});

(engineUp ? describe : describe.skip)('the token and the container', () => {
  it(
    'the token is masked, never printed, never in results, never in the container',
    () =>
      property('token masked and kept out of output, results and container', async () => {
        const images = await ensureStandinImages();
        const dir = faultyWorkspace();
        const state = path.join(tempDir('state'), 'state');
        writeFileSync(state, '');
        const running = runAction(
          {
            'image-musl': images.musl,
            libcs: 'musl',
            pull: 'never',
            allocators: 'default',
            setup: BUILD_FAULTY,
            // Slow enough to inspect the container while it runs; fails if it can see the token.
            run: '! env | grep -q ghs_ && ./faulty none && sleep 0.2',
            runs: '8',
            baseline: 'none',
            comment: 'never',
            'github-token': TOKEN,
          },
          { GITHUB_WORKSPACE: dir, GITHUB_STATE: state },
        );
        let inspected: ContainerInspect | undefined;
        for (let i = 0; i < 300 && inspected === undefined; i++) {
          const runId = runIdFromState(state);
          const [id] = runId ? ourContainers(`label=malloc-matrix.run=${runId}`) : [];
          if (id) inspected = inspect(id);
          else await new Promise((r) => setTimeout(r, 100));
        }
        const run = await running;
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
        expect(run.stdout.replace(`::add-mask::${TOKEN}`, '') + run.stderr).not.toContain(TOKEN);
        expect(run.summary).not.toContain(TOKEN);
        expect(readFileSync(run.outputs.results, 'utf8')).not.toContain(TOKEN);
        expect(readRunResults(run).results!.cells[0].status).toBe('ok');
        // The container, seen while it ran.
        expect(inspected).toBeDefined();
        checkContainer(inspected!);
        expect(ourContainers(`label=malloc-matrix.run=${run.state['malloc-matrix-run-id']}`)).toEqual([]);
      }),
    120_000,
  );
});

interface ContainerInspect {
  Config: { Env: string[] | null };
  HostConfig: {
    Privileged: boolean;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    Memory: number;
    MemorySwap: number;
    PidsLimit: number | null;
    Binds: string[] | null;
    PidMode: string;
    IpcMode: string;
    NetworkMode: string;
    SecurityOpt: string[] | null;
    Devices: unknown[] | null;
  };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
}

function inspect(id: string): ContainerInspect {
  return (JSON.parse(execFileSync('docker', ['inspect', id], { encoding: 'utf8' })) as ContainerInspect[])[0];
}

const MIB = 1024 ** 2;

/**
 * Less than Docker's defaults: every capability dropped but the five apk needs, no new
 * privileges, a process limit and a memory cap; the helper and the profiler, read-only, are all
 * from the host.
 */
function checkContainer(c: ContainerInspect): void {
  expect(c.Config.Env?.join('\n') ?? '').not.toContain(TOKEN);
  expect(c.Config.Env?.some((e) => e.startsWith('GITHUB_TOKEN=') || e.startsWith('INPUT_'))).toBe(false);
  expect(c.HostConfig.Privileged).toBe(false);
  const bare = (caps: string[] | null) => (caps ?? []).map((cap) => cap.replace(/^CAP_/, '')).sort();
  expect(bare(c.HostConfig.CapDrop)).toEqual(['ALL']);
  expect(bare(c.HostConfig.CapAdd)).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'SYS_CHROOT']);
  expect(c.HostConfig.SecurityOpt ?? []).toEqual(['no-new-privileges']);
  expect(c.HostConfig.PidsLimit).toBe(4096);
  // No memory-limit given and one libc: the default share is 75% of this machine's memory.
  const share = Math.floor((totalmem() * 0.75) / MIB) * MIB;
  expect([c.HostConfig.Memory, c.HostConfig.MemorySwap]).toEqual([share, share]);
  expect(c.HostConfig.Binds ?? []).toEqual([]);
  expect(c.HostConfig.Devices ?? []).toEqual([]);
  expect(c.HostConfig.PidMode).not.toBe('host');
  expect(c.HostConfig.IpcMode).not.toBe('host');
  expect(c.HostConfig.NetworkMode).not.toBe('host');
  // The engine lists mounts in no fixed order.
  const mounts = c.Mounts.map((m): [string, boolean] => [m.Destination, m.RW]);
  expect(mounts.sort(([a], [b]) => a.localeCompare(b))).toEqual([
    ['/opt/malloc-matrix/mm-helper', false],
    ['/opt/malloc-matrix/mm-profiler.so', false],
  ]);
  const sources = c.Mounts.map((m) => m.Source).join('\n');
  expect(sources).not.toContain('docker.sock');
  // The mounts are the helper binary and the profiler library: single files, not the runner's home or workspace.
  expect(c.Mounts.every((m) => statSync(m.Source).isFile())).toBe(true);
}

/**
 * The workflow commands a runner obeys in this output: lines starting with `::` outside the spans
 * that `::stop-commands::<token>` opens and only `::<token>::` closes.
 */
function obeyedCommands(output: string): string[] {
  const obeyed: string[] = [];
  let stopToken: string | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopToken = stop[1];
    if (line.startsWith('::')) obeyed.push(stop ? '::stop-commands::' : line);
  }
  return obeyed;
}

const FORGED = ['::error::forged by setup', '::stop-commands::x', '::warning::forged after the stop'];

(engineUp ? describe : describe.skip)('hardening: container output in the log', () => {
  const image = `malloc-matrix-security-apk:${process.pid}`;
  afterAll(() => {
    execFileSync('docker', ['image', 'rm', '--force', image], { stdio: 'ignore' });
  });

  it(
    'cannot issue workflow commands from setup or apk',
    () =>
      hardening(
        {
          name: '`::stop-commands::` from setup',
          done: 'a `setup` that prints `::error::`, `::stop-commands::x` and `::warning::` lines, and an image whose `apk` prints `::error::` first',
          holds:
            'the log shows every forged line as text; the runner obeys none of them; the action’s own commands after them still work',
          fixedBy:
            '`withCommandsStopped` in `src/executors/docker/command-fence.ts` (a random `::stop-commands::` token around streamed container output)',
        },
        async () => {
          const images = await ensureStandinImages();
          // An apk that prints forged commands before doing its work.
          const context = tempDir('apk');
          writeFileSync(
            path.join(context, 'apk'),
            `#!/bin/sh\necho '::error::forged by apk'\nexec /sbin/apk.real "$@"\n`,
          );
          chmodSync(path.join(context, 'apk'), 0o755);
          writeFileSync(
            path.join(context, 'Dockerfile'),
            `FROM ${images.musl}\nRUN cp /sbin/apk /sbin/apk.real\nCOPY apk /sbin/apk\n`,
          );
          execFileSync('docker', ['build', '--quiet', '--tag', image, context], { stdio: 'ignore' });
          const dir = faultyWorkspace();
          const run = await runAction(
            {
              'image-musl': image,
              libcs: 'musl',
              pull: 'never',
              allocators: 'default,jemalloc',
              setup: `${BUILD_FAULTY} && printf '%s\\n' ${FORGED.map((f) => `'${f}'`).join(' ')}`,
              run: './faulty none',
              runs: '2',
              baseline: 'none',
              comment: 'never',
              'github-token': CANARY_TOKEN,
            },
            { GITHUB_WORKSPACE: dir },
          );
          expect(run.code).toBe(0);
          // Printed, so the log shows them, but as text: the runner obeys none of them.
          const forged = [...FORGED, '::error::forged by apk'];
          for (const line of forged) expect(run.stdout).toContain(line);
          const obeyed = obeyedCommands(run.stdout);
          expect(obeyed.filter((c) => c.includes('forged'))).toEqual([]);
          // The spans close again: the action's own commands after them still work.
          expect(obeyed).toContain('::group::musl: setup (head)');
          expect(obeyed.slice(obeyed.indexOf('::group::musl: setup (head)'))).toContain('::endgroup::');
          expect(readRunResults(run).results!.cells.map((c) => c.status)).toEqual(['ok', 'ok']);
          const fences = run.stdout.split('\n').filter((l) => l.startsWith('::stop-commands::')).length;
          return {
            observed: `${forged.length} forged commands printed inside ${fences} fenced spans, 0 obeyed; ${obeyed.length} of the action’s own commands obeyed after them; both cells measured`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    180_000,
  );
});

describe('hardening: the host executor', () => {
  it('keeps the inputs, the runner tokens and the command files from setup and the benchmark', () =>
    hardening(
      {
        name: 'host executor environment',
        done: 'a host-executor run whose `setup` and benchmark dump their environment, on a runner with `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, `GITHUB_TOKEN`, `GITHUB_ENV`, `GITHUB_PATH` and the `github-token` input set',
        holds:
          'neither sees an `INPUT_*` or `ACTIONS_*` variable, `GITHUB_TOKEN` or a runner command file; the rest of the environment is passed on',
        fixedBy: 'the environment filter of `src/executors/host/executor.ts`',
      },
      async () => {
        const dir = hostFaultyWorkspace();
        const runner = tempDir('runner-files');
        const channels = {
          ACTIONS_RUNTIME_TOKEN: 'runtime-token',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token',
          GITHUB_TOKEN: CANARY_TOKEN,
          GITHUB_ENV: path.join(runner, 'env'),
          GITHUB_PATH: path.join(runner, 'path'),
          GITHUB_SHA: 'a'.repeat(40),
        };
        const run = await runAction(
          {
            ...HOST,
            setup: 'env > setup.env',
            run: 'env > bench.env && ./faulty none',
            baseline: 'none',
            comment: 'never',
            'github-token': CANARY_TOKEN,
          },
          { GITHUB_WORKSPACE: dir, ...channels },
        );
        expect(run.code).toBe(0);
        const hidden = /^(INPUT_|ACTIONS_|GITHUB_(ENV|OUTPUT|STATE|PATH|STEP_SUMMARY|TOKEN)=)/;
        const seen: string[] = [];
        for (const file of ['setup.env', 'bench.env']) {
          const text = readFileSync(path.join(dir, file), 'utf8');
          seen.push(text);
          expect(text.split('\n').filter((l) => hidden.test(l))).toEqual([]);
          expect(text).not.toContain('runtime-token');
          // The rest of the environment is passed on.
          expect(text).toContain(`GITHUB_SHA=${channels.GITHUB_SHA}`);
          expect(text).toMatch(/^PATH=/m);
        }
        const counts = seen.map((t) => t.split('\n').filter((l) => l.includes('=')).length);
        return {
          observed: `setup saw ${counts[0]} variables and the benchmark ${counts[1]}; 0 of them \`INPUT_*\`, \`ACTIONS_*\`, \`GITHUB_TOKEN\` or a command file; the token found 0 times in either dump`,
          end: endState([run], { resultsFrom: [run], alsoSeen: seen }),
        };
      },
    ));
});

describe('hostile benchmark output', () => {
  it('cannot break the table or the fence, ping anyone, or pass the size limit', () =>
    property('hostile output contained in the report', async () => {
      const dir = hostFaultyWorkspace();
      writeFileSync(
        path.join(dir, 'hostile.sh'),
        [
          "printf '%s\\n' '| injected | row |' '|---|---|' '```' '## INJECTED HEADING' '~~~~' '</details>'",
          "printf '%s\\n' '<details><summary>INJECTED</summary>' '@octocat please look' '#1 closes' '<img src=x onerror=alert(1)>'",
          "printf '\\033[31mred\\033[0m\\n'",
          'i=0; while [ $i -lt 3000 ]; do printf "%s\\n" "@everyone line $i \\`\\`\\`\\`\\`\\` | x |"; i=$((i+1)); done',
          'exit 3',
        ].join('\n'),
      );
      const run = await runAction(
        {
          executor: 'host',
          allocators: 'default',
          run: 'sh hostile.sh',
          name: 'bench | @octocat ``` </details> --> @here',
          runs: '2',
          baseline: 'none',
          comment: 'never',
        },
        { GITHUB_WORKSPACE: dir },
      );
      const results = readRunResults(run).results!;
      expect(results.cells[0].status).toBe('failed');
      const report = run.outputs.report;
      expect(report.length).toBeLessThanOrEqual(65_536);
      expect(run.summary).toContain(report.split('\n')[2]);
      // The marker comment holds the name, escaped so that it cannot close the comment early;
      // GitHub renders nothing inside it, so it mentions no one.
      const marker = /^<!-- malloc-matrix:report name="([^"]*)" -->\n/.exec(report);
      expect(marker?.[1]).not.toContain('-->');
      const rendered = report.slice(marker![0].length);
      expect(rendered).not.toContain('<!--');
      // No mention and no issue reference survives: each carries a zero-width space.
      expect(rendered).not.toMatch(/@(octocat|everyone|here)/);
      expect(rendered).not.toMatch(/(^|\s)#1\b/);
      expect(report).not.toContain('\u001b');
      // Outside code fences: no injected heading, row, tag, and balanced <details>.
      const outside = linesOutsideFences(report);
      expect(outside.join('\n')).not.toContain('INJECTED');
      expect(outside.join('\n')).not.toContain('| injected |');
      expect(outside.join('\n')).not.toContain('<img');
      const opened = outside.filter((l) => l.includes('<details')).length;
      const closed = outside.filter((l) => l.includes('</details>')).length;
      expect(opened).toBe(closed);
      // Every table keeps its column count: no row gained a cell from the hostile name.
      for (const table of tables(outside)) {
        const widths = new Set(table.map((row) => cellCount(row)));
        expect(widths.size).toBe(1);
      }
    }));
});

/** Lines of markdown that are not inside a fenced code block (``` or ~~~ of any length). */
function linesOutsideFences(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined) {
      if (m) fence = m[1];
      else out.push(line);
    } else if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) {
      fence = undefined;
    }
  }
  return out;
}

function tables(lines: string[]): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  if (current.length > 0) found.push(current);
  return found;
}

/** Cells in a table row, counting only unescaped pipes outside inline code. */
function cellCount(row: string): number {
  const withoutCode = row.replace(/(`+)[^`]*?\1/g, '');
  return withoutCode.split(/(?<!\\)\|/).length - 2;
}
