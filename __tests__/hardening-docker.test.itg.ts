// Hardening scenarios inside the containers: the default memory cap, the disk limit, the setup
// time limit, endless output (one endless line, and endless short lines), a head setup reaching into the base tree, and hung pulls, apk runs and tree
// copies. Each is a real run of the bundled action against the stand-in Alpaquita images, built
// to fail (or hang) on a build without the fix it names.
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Results } from '../src/results/model.js';
import { runAction, tempDir, type ActionRun } from './support/bench.js';
import {
  BUILD_FAULTY,
  cellStatuses,
  dockerEngineUp,
  faultyInputs,
  FaultyWorkspaces,
  measuredCells,
  readRunResults,
  realDocker,
} from './support/campaign.js';
import { addExtraAllocations, benchRepo, pullRequestEnv } from './support/git-repo.js';
import { CANARY_TOKEN, endState, hardening, seconds, size, thousands } from './support/hardening.js';
import { ensureStandinImages, type StandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();
const describeWithEngine = engineUp ? describe : describe.skip;

const HUNG_APK_IMAGE = `malloc-matrix-campaign-hungapk:${process.pid}`;
const MIB = 1024 * 1024;

function results(run: ActionRun): Results {
  const check = readRunResults(run);
  expect(check.problem).toBeUndefined();
  expect(run.summary).toContain(`## malloc-matrix: ${check.results!.name}`);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  return check.results!;
}

/** A docker CLI for PATH that hangs (sleeps a day) on the first `docker <verb>` and is the real one otherwise. */
function dockerHangingOnce(verb: 'pull' | 'cp'): string {
  const dir = tempDir(`hang-${verb}`);
  const hung = path.join(dir, 'hung');
  // The retried pull stands for a registry that answers again: the image is already local.
  const afterwards = verb === 'pull' ? 'if [ "$1" = pull ]; then echo pulled; exit 0; fi\n' : '';
  writeFileSync(
    path.join(dir, 'docker'),
    `#!/bin/sh
if [ "$1" = ${verb} ] && [ ! -e ${JSON.stringify(hung)} ]; then
  : > ${JSON.stringify(hung)}
  exec sleep 86400
fi
${afterwards}exec ${JSON.stringify(realDocker())} "$@"
`,
  );
  chmodSync(path.join(dir, 'docker'), 0o755);
  return dir;
}

describeWithEngine('hardening inside the containers', () => {
  let images: StandinImages;
  let base: Record<string, string>;
  const workspaces = new FaultyWorkspaces();
  const ws = () => workspaces.make();

  beforeAll(async () => {
    images = await ensureStandinImages();
    base = { ...faultyInputs(images, '13'), 'github-token': CANARY_TOKEN };
  }, 50 * 60_000);

  afterAll(() => {
    execFileSync('docker', ['image', 'rm', '--force', HUNG_APK_IMAGE], { stdio: 'ignore' });
    workspaces.removeAll();
  });

  it(
    'a memory hog is stopped by the default memory cap',
    () =>
      hardening(
        {
          name: 'a memory hog',
          done: 'a benchmark that touches 640 MiB in the musl container (glibc’s does a little work), no `memory-limit`, on a runner with 512 MiB of memory (os.totalmem made to say so)',
          holds:
            'each container has a memory cap without being asked (75% of the runner’s memory, shared by the two containers), so the hog’s cell is `oom` and glibc measures',
          fixedBy:
            '`defaultMemoryLimit` and `--memory`/`--memory-swap` in `src/executors/docker/container.ts`',
        },
        async () => {
          const preload = path.join(tempDir('runner-memory'), 'runner-memory.mjs');
          writeFileSync(preload, "import os from 'node:os';\nos.totalmem = () => 512 * 1024 * 1024;\n");
          const run = await runAction(
            {
              ...base,
              name: 'memory-hog',
              libcs: 'musl,glibc',
              allocators: 'default',
              run: 'if grep -q LIBC_TYPE=musl /etc/os-release; then ./faulty hog; else ./faulty none; fi',
            },
            { GITHUB_WORKSPACE: ws(), NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` },
          );
          const r = results(run);
          expect(run.code).toBe(0);
          expect(cellStatuses(r)).toEqual({ 'musl/default': 'oom', 'glibc/default': 'ok' });
          expect(r.environments.map((e) => e.memoryLimit)).toEqual(['192m', '192m']);
          expect(measuredCells(r)).toEqual(['glibc/default']);
          const hog = r.cells.find((c) => c.libc === 'musl')!;
          return {
            observed: `cap ${r.environments[0].memoryLimit} per container set by default; the 640 MiB hog’s cell \`oom\` (“${hog.reason}”) after ${hog.runs.length} run(s); glibc/default measured`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    300_000,
  );

  it(
    'a setup that never ends is cut by setup-timeout',
    () =>
      hardening(
        {
          name: 'a hung setup',
          done: 'a `setup` that sleeps for an hour in the musl container only, with `setup-timeout: 5s`',
          holds:
            'the setup is cut after 5 s and musl fails with that reason; its container (with the sleeping setup) is removed; glibc measures',
          fixedBy:
            '`setup-timeout` (`src/config/`), passed to `runSetup` (`src/executors/docker/trees.ts`); `runTreeSetup` failing the environment (`src/executors/docker/workspace.ts`)',
          unsafeBefore: 'with no setup time limit the run would hang until the job’s own limit',
        },
        async () => {
          const started = Date.now();
          const run = await runAction(
            {
              ...base,
              libcs: 'musl,glibc',
              allocators: 'default',
              run: './faulty none',
              setup: `${BUILD_FAULTY} && if grep -q LIBC_TYPE=musl /etc/os-release; then sleep 3600; fi`,
              'setup-timeout': '5s',
            },
            { GITHUB_WORKSPACE: ws() },
          );
          const took = Date.now() - started;
          const r = results(run);
          expect(run.code).toBe(0);
          expect(cellStatuses(r)).toEqual({ 'musl/default': 'failed', 'glibc/default': 'ok' });
          const reason = r.cells.find((c) => c.libc === 'musl')!.reason ?? '';
          expect(reason).toMatch(/setup timed out after 5s in the head tree/);
          return {
            observed: `musl: “${reason}”; glibc/default measured; the whole run took ${seconds(took)}`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    300_000,
  );

  it(
    'an endless line costs a bounded amount of log and memory',
    () =>
      hardening(
        {
          name: 'an endless line',
          done: 'a `setup` that prints 64 MiB with no newline, and a benchmark that prints 256 MiB with no newline in every run, then exits 3',
          holds:
            'the log gets one line cut at 4 KiB for the setup’s 64 MiB; each run keeps only the 2 KiB tail of its output; the run ends normally',
          fixedBy:
            '`LineSplitter` (4 KiB per line) in `src/process/output.ts`; the helper’s output ring (`TAIL_BYTES`, `harness/mm-helper.c`)',
        },
        async () => {
          const started = Date.now();
          const run = await runAction(
            {
              ...base,
              name: 'endless-line',
              allocators: 'default',
              setup: `${BUILD_FAULTY} && head -c ${64 * MIB} /dev/zero | tr '\\0' x`,
              run: `head -c ${256 * MIB} /dev/zero | tr '\\0' y; exit 3`,
              runs: '2',
              warmup: '0',
            },
            { GITHUB_WORKSPACE: ws() },
          );
          const took = Date.now() - started;
          const r = results(run);
          expect(run.code).toBe(1);
          const cell = r.cells[0];
          expect(cell.status).toBe('failed');
          expect(cell.reason).toBe('exit code 3');
          // Lengths first: a failed comparison of a 64 MiB string would be diffed for hours.
          expect(Buffer.byteLength(run.stdout)).toBeLessThan(64 * 1024);
          const setupLines = run.stdout.split('\n').filter((l) => l.startsWith('xxxx'));
          expect(setupLines).toHaveLength(1);
          expect(setupLines[0]).toBe(`${'x'.repeat(4096)} …[line cut at 4096 bytes]`);
          const tails = cell.runs.map((x) => x.outputTail ?? '');
          for (const tail of tails) expect(tail).toMatch(/^y{1,2048}$/m);
          const kept = Math.max(...tails.map((t) => t.replace(/[^y]/g, '').length));
          return {
            observed: `setup: 64 MiB on one line became 1 log line of ${thousands(setupLines[0].length)} characters; benchmark: ${cell.runs.length} run(s) of 256 MiB each kept ${thousands(kept)} bytes of output; whole log ${size(Buffer.byteLength(run.stdout))}, results file ${size(statSync(run.outputs.results).size)}, ${seconds(took)}`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    300_000,
  );

  it(
    'endless output in short lines costs a bounded amount of log',
    () =>
      hardening(
        {
          name: 'endless lines',
          done: 'a `setup` that prints 2,000,000 short lines (14 MiB), then succeeds',
          holds:
            'the log shows the setup’s first 10,000 lines, one line saying how many were not shown, and its last 200; the cells measure',
          fixedBy:
            '`LogBudget` in `src/process/output.ts`, applied to every streamed container span by `withCommandsStopped`',
        },
        async () => {
          const started = Date.now();
          const run = await runAction(
            {
              ...base,
              name: 'endless-lines',
              allocators: 'default',
              setup: `${BUILD_FAULTY} && seq 1 2000000`,
              run: './faulty none',
              runs: '2',
              warmup: '0',
            },
            { GITHUB_WORKSPACE: ws() },
          );
          const took = Date.now() - started;
          const r = results(run);
          expect(run.code).toBe(0);
          expect(cellStatuses(r)).toEqual({ 'musl/default': 'ok' });
          // Sizes first: on a build without the bound, a failed comparison of 2,000,000 lines
          // would be diffed for hours.
          expect(Buffer.byteLength(run.stdout)).toBeLessThan(2 * MIB);
          const log = run.stdout.split('\n');
          const printed = log.filter((l) => /^\d+$/.test(l));
          expect(printed.length).toBe(10_200);
          const expected = [
            ...Array.from({ length: 10_000 }, (_, i) => String(i + 1)),
            ...Array.from({ length: 200 }, (_, i) => String(2_000_000 - 199 + i)),
          ];
          expect(printed).toEqual(expected);
          const notices = log.filter((l) => l.startsWith('[… 1,989,800 lines ('));
          expect(notices).toHaveLength(1);
          expect(notices[0]).toContain('not shown: the log shows the first 10,000 lines or 4 MiB');
          return {
            observed: `${thousands(2_000_000)} setup lines became ${thousands(printed.length)} log lines and ${notices.length} notice${notices.length === 1 ? '' : 's'}; whole log ${size(Buffer.byteLength(run.stdout))}, ${seconds(took)}`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    300_000,
  );

  it(
    'a benchmark that fills the disk is stopped by disk-limit',
    () =>
      hardening(
        {
          name: 'a disk filler',
          done: 'a benchmark that writes a new 32 MiB file on every run in the musl container (glibc’s does a little work), with `disk-limit: 64m` and 2 warm-up runs',
          holds:
            'the engine reports the container’s writes past the limit, the container is killed, and musl’s cell fails with the reason; glibc measures; nothing the filler wrote stays on the runner',
          fixedBy:
            '`watchDisk` in `src/executors/docker/disk-watch.ts`, started for every container by the docker executor',
        },
        async () => {
          const fill =
            'if grep -q LIBC_TYPE=musl /etc/os-release; then ' +
            'dd if=/dev/zero of="$(mktemp fill.XXXXXX)" bs=1048576 count=32 2>/dev/null || exit 3; fi; ./faulty none';
          const run = await runAction(
            {
              ...base,
              name: 'disk-filler',
              libcs: 'musl,glibc',
              allocators: 'default',
              'disk-limit': '64m',
              warmup: '2',
              runs: '5',
              run: fill,
            },
            { GITHUB_WORKSPACE: ws() },
          );
          const r = results(run);
          expect(run.code).toBe(0);
          expect(cellStatuses(r)).toEqual({ 'musl/default': 'failed', 'glibc/default': 'ok' });
          expect(r.environments.map((e) => e.diskLimit)).toEqual(['64m', '64m']);
          expect(measuredCells(r)).toEqual(['glibc/default']);
          const filler = r.cells.find((c) => c.libc === 'musl')!;
          const reason = filler.reason ?? '';
          expect(reason).toMatch(
            /^measurement interrupted: the musl container wrote \d+\.\d MiB \([\d,]+ bytes\) to its disk, beyond disk-limit 64m /,
          );
          expect(reason).toContain('beyond disk-limit 64m (64 MiB (67,108,864 bytes)), and was stopped');
          expect(run.summary).toContain('beyond disk-limit 64m');
          const written = /wrote (.+?) to its disk/.exec(reason)?.[1] ?? '?';
          return {
            observed: `musl’s container killed after it wrote ${written}; its cell failed (“${reason.slice(0, 60)}…”); glibc/default measured`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    300_000,
  );

  it(
    'a head setup that writes into the base tree leaves the base unmeasured',
    () =>
      hardening(
        {
          name: 'head setup tampers with /mm/base',
          done: 'a pull request whose benchmark makes 30% more allocations and whose `setup.sh` (run as `setup`) also makes the base’s churn.c do 300% more, in `/mm/base`, directly or from a background watcher',
          holds:
            'the base is not measured where the head’s setup changed it, with that reason; no verdict is drawn from a tampered base',
          fixedBy:
            '`prepareTrees` in `src/executors/docker/workspace.ts` (both trees copied before any setup, the base digested around the head’s setup by `treeDigest` in `container.ts`; a setup’s processes stopped)',
        },
        async () => {
          const tamper = "sed -i 's/#define EXTRA_PERCENT 0/#define EXTRA_PERCENT 300/' /mm/base/churn.c";
          const repo = benchRepo({
            base: (dir) => writeFileSync(path.join(dir, 'setup.sh'), 'cc -O2 -o churn churn.c\n'),
            head: (dir) => {
              addExtraAllocations(dir, 30);
              writeFileSync(
                path.join(dir, 'setup.sh'),
                [
                  'cc -O2 -o churn churn.c',
                  'if [ -f /mm/base/churn.c ]; then',
                  `  ${tamper}`,
                  'else',
                  `  ( while [ ! -f /mm/base/churn.c ]; do sleep 0.05; done; sleep 0.5; ${tamper} ) >/dev/null 2>&1 &`,
                  'fi',
                  '',
                ].join('\n'),
              );
            },
          });
          workspaces.adopt(repo.root);
          const run = await runAction(
            {
              ...base,
              allocators: 'default',
              setup: 'sh setup.sh',
              run: './churn',
              baseline: 'base',
              metric: 'cpu',
              'fail-on-regression': 'true',
            },
            { ...pullRequestEnv(repo), GITHUB_WORKSPACE: repo.clone },
          );
          const r = results(run);
          const baseCells = r.cells.filter((c) => c.tree === 'base');
          expect(baseCells.map((c) => c.status)).toEqual(['failed']);
          expect(baseCells[0].reason).toBe(
            "the head tree's setup changed the base tree (/mm/base), so the base is not measured in this environment",
          );
          expect(measuredCells(r)).toEqual(['musl/default']);
          expect(r.comparisons?.some((c) => c.verdict === 'unchanged' || c.verdict === 'improved')).not.toBe(
            true,
          );
          expect(run.outputs.regressed ?? 'false').toBe('false');
          return {
            observed: `base cell failed: “${baseCells[0].reason}”; head measured; verdicts: ${[...new Set((r.comparisons ?? []).map((c) => c.verdict))].join(', ') || 'none'}; step exit ${run.code}`,
            end: endState([run], { resultsFrom: [run] }),
          };
        },
      ),
    300_000,
  );

  // Each of these waits out a real ten-minute limit, so the three run side by side.
  it(
    'a hung pull, a hung apk and a hung tree copy are cut by their time limits',
    async () => {
      const timed = async (inputs: Record<string, string>, env: NodeJS.ProcessEnv) => {
        const started = Date.now();
        const run = await runAction({ ...base, ...inputs }, { GITHUB_WORKSPACE: ws(), ...env });
        return { run, took: Date.now() - started };
      };
      const outcomes = await Promise.allSettled([
        hardening(
          {
            name: 'a hung image pull',
            done: '`pull: always` through a docker CLI whose first `docker pull` never returns (the retry answers)',
            holds:
              'the pull is cut at its 10-minute limit with a message saying so, retried, and the cells measure',
            fixedBy:
              '`DOCKER_TIMEOUTS.pull` in `src/executors/docker/client.ts`, used by `pullWithRetries` (`image.ts`)',
            unsafeBefore: 'with no time limit on the pull the run would hang until the job’s own limit',
          },
          async () => {
            const { run, took } = await timed(
              { allocators: 'default', run: './faulty none', pull: 'always' },
              { PATH: `${dockerHangingOnce('pull')}:${process.env.PATH}` },
            );
            const r = results(run);
            expect(run.code).toBe(0);
            const retry = run.stdout.split('\n').find((l) => l.includes('retrying in')) ?? '';
            expect(retry).toMatch(
              /docker pull .* failed \(docker pull timed out after 10m\); retrying in \d+ s/,
            );
            expect(cellStatuses(r)).toEqual({ 'musl/default': 'ok' });
            return {
              observed: `“${retry.trim()}”; the retry answered; musl/default measured; ${seconds(took)} in all`,
              end: endState([run], { resultsFrom: [run] }),
            };
          },
        ),
        hardening(
          {
            name: 'a hung apk',
            done: 'an image whose `apk add` sleeps for a day, with `allocators: default,jemalloc`',
            holds:
              '`apk add` is cut at its 10-minute limit; jemalloc is `unavailable` with that reason; the default allocator measures',
            fixedBy:
              '`DOCKER_TIMEOUTS.apk` in `src/executors/docker/client.ts`, used by `apkAdd` (`allocators.ts`)',
            unsafeBefore: 'with no time limit on `apk add` the run would hang until the job’s own limit',
          },
          async () => {
            const context = tempDir('hungapk');
            writeFileSync(
              path.join(context, 'apk'),
              '#!/bin/sh\nif [ "$1" = add ]; then exec sleep 86400; fi\nexec /sbin/apk.real "$@"\n',
            );
            chmodSync(path.join(context, 'apk'), 0o755);
            writeFileSync(
              path.join(context, 'Dockerfile'),
              `FROM ${images.musl}\nRUN cp /sbin/apk /sbin/apk.real\nCOPY apk /sbin/apk\n`,
            );
            execFileSync('docker', ['build', '--quiet', '--tag', HUNG_APK_IMAGE, context], {
              stdio: 'ignore',
            });
            const { run, took } = await timed(
              { allocators: 'default,jemalloc', run: './faulty none', 'image-musl': HUNG_APK_IMAGE },
              {},
            );
            const r = results(run);
            expect(run.code).toBe(0);
            expect(cellStatuses(r)).toEqual({ 'musl/default': 'ok', 'musl/jemalloc': 'unavailable' });
            const reason = r.cells.find((c) => c.allocator === 'jemalloc')!.reason ?? '';
            expect(reason).toMatch(/apk add jemalloc timed out after 10m/);
            return {
              observed: `jemalloc: “${reason}”; musl/default measured; ${seconds(took)} in all`,
              end: endState([run], { resultsFrom: [run] }),
            };
          },
        ),
        hardening(
          {
            name: 'a hung tree copy',
            done: 'two libcs through a docker CLI whose first `docker cp` (the first tree copied) never returns',
            holds:
              'the copy is cut at its 10-minute limit; that libc fails with the reason; the other libc measures',
            fixedBy:
              '`DOCKER_TIMEOUTS.copy` in `src/executors/docker/client.ts`, used by `copyArchiveIn` (`container.ts`) and the tar archiver (`trees.ts`)',
            unsafeBefore: 'with no time limit on `docker cp` the run would hang until the job’s own limit',
          },
          async () => {
            const { run, took } = await timed(
              { libcs: 'musl,glibc', allocators: 'default', run: './faulty none' },
              { PATH: `${dockerHangingOnce('cp')}:${process.env.PATH}` },
            );
            const r = results(run);
            expect(run.code).toBe(0);
            const failed = r.cells.filter((c) => c.status === 'failed');
            expect(failed).toHaveLength(1);
            expect(failed[0].reason).toMatch(/docker cp timed out after 10m/);
            expect(measuredCells(r)).toHaveLength(1);
            return {
              observed: `${failed[0].libc}: “${failed[0].reason}”; ${measuredCells(r)[0]} measured; ${seconds(took)} in all`,
              end: endState([run], { resultsFrom: [run] }),
            };
          },
        ),
      ]);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    },
    25 * 60_000,
  );
});
