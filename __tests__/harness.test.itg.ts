// The real helper, compiled here, running real benchmarks under the host's real allocators.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostExecutor } from '../src/executors/host/executor.js';
import type {
  Batch,
  BatchRecord,
  CellRecord,
  PlannedRun,
  PlannedStep,
  PreparedEnvironment,
  Variant,
} from '../src/measure/executor.js';
import { ensureHelperBinary } from '../src/harness/build.js';
import { runHelperBatch } from '../src/harness/run.js';
import type { RunRecord } from '../src/results/model.js';
import { judgeProof } from '../src/measure/proof.js';

const BENCH_C = String.raw`
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *crash = getenv("CRASH_WITH"), *preload = getenv("LD_PRELOAD");
  if (crash && preload && strstr(preload, crash)) raise(SIGSEGV);
  if (argc > 1 && strcmp(argv[1], "killself") == 0) {
    free(malloc(100)); /* the allocator is loaded and in use */
    raise(SIGKILL);
  }
  if (argc > 1 && strcmp(argv[1], "reexec") == 0) {
    char *args[] = {argv[0], NULL}, *env[] = {NULL};
    execve("/proc/self/exe", args, env);
    return 126;
  }
  enum { SLOTS = 4096 };
  static char *slot[SLOTS];
  unsigned x = 12345, sum = 0;
  for (long i = 0; i < 300000; i++) {
    x = x * 1103515245u + 12345u;
    unsigned k = (x >> 8) % SLOTS;
    free(slot[k]);
    slot[k] = malloc(16 + (x >> 4) % 2048);
    slot[k][0] = (char)i;
    sum += (unsigned char)slot[k][0];
  }
  printf("%u\n", sum);
  return 0;
}
`;

const haveCompiler = spawnSync('cc', ['--version']).status === 0;
// On CI a missing compiler must fail the suite, never skip it.
const describeWithCompiler = haveCompiler || process.env.CI === 'true' ? describe : describe.skip;

const ALLOCATORS = ['default', 'jemalloc', 'mimalloc', 'tcmalloc'];

describeWithCompiler('measuring helper and host executor', () => {
  let dir: string;
  let env: PreparedEnvironment;
  let helper: string;
  const preloads: Record<string, string | undefined> = {};

  function compile(args: string[]): void {
    const result = spawnSync('cc', ['-O2', ...args], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cc ${args.join(' ')} failed: ${result.stderr}`);
  }

  function variant(id: string, argv: string[], over: Partial<Variant> = {}): Variant {
    return { id, argv, cwd: dir, env: {}, timeoutMs: 20_000, ...over };
  }

  async function run(variants: Variant[], runs: PlannedRun[]): Promise<Map<string, RunRecord[]>> {
    const byVariant = new Map<string, RunRecord[]>(variants.map((v) => [v.id, []]));
    await env.runBatch({ variants, runs }, (r) => {
      if ('record' in r) byVariant.get(r.variantId)!.push(r.record);
    });
    return byVariant;
  }

  async function proofOf(v: Variant): Promise<RunRecord> {
    const records = await run([v], [{ variantId: v.id, kind: 'proof', round: -1, position: 0 }]);
    return records.get(v.id)![0];
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm-harness-'));
    writeFileSync(join(dir, 'bench.c'), BENCH_C);
    compile(['-o', 'bench', 'bench.c']);
    compile(['-static', '-o', 'bench-static', 'bench.c']);
    helper = await ensureHelperBinary({ cacheDir: join(dir, 'cache') });
    const executor = createHostExecutor({ helper: () => Promise.resolve(helper) });
    env = await executor.prepare({
      libc: 'glibc',
      trees: { head: dir },
      workingDirectory: '.',
      allocators: ALLOCATORS.map((name) => ({ name })),
    });
    for (const name of ALLOCATORS) {
      const info = env.info.allocators[name];
      if (info?.status !== 'ready') throw new Error(`${name} is not installed here: ${info?.reason}`);
      preloads[name] = info.library;
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds a static helper into the cache and reuses it', async () => {
    expect(helper.startsWith(join(dir, 'cache', 'helper-'))).toBe(true);
    expect(spawnSync('file', [helper], { encoding: 'utf8' }).stdout).toMatch(/statically linked|static-pie/);
    expect(await ensureHelperBinary({ cacheDir: join(dir, 'cache') })).toBe(helper);
  });

  it('describes the host environment', () => {
    expect(env.info.executor).toBe('host');
    expect(env.info.libcVersion).toMatch(/^\d+\.\d+/);
    expect(env.treeDirs.head).toBe(dir);
    expect(env.shell).toBe('/bin/sh');
    expect(env.info.allocators.jemalloc?.library).toMatch(/libjemalloc\.so\.\d+$/);
  });

  it('measures every allocator, with the preload proven mapped', async () => {
    const variants = ALLOCATORS.map((name) =>
      variant(
        `glibc/${name}/head`,
        ['./bench'],
        preloads[name] && name !== 'default' ? { preload: preloads[name] } : {},
      ),
    );
    const runs: PlannedRun[] = [
      ...variants.map((v, position): PlannedRun => ({ variantId: v.id, kind: 'proof', round: -1, position })),
      ...[0, 1].flatMap((round) =>
        variants.map((v, position): PlannedRun => ({ variantId: v.id, kind: 'measured', round, position })),
      ),
    ];
    const records = await run(variants, runs);
    for (const v of variants) {
      const got = records.get(v.id)!;
      expect(got.map((r) => r.kind)).toEqual(['proof', 'measured', 'measured']);
      for (const r of got) {
        expect(r).toMatchObject({ outcome: 'exited', exitCode: 0, signal: null });
        expect(r.wallMs).toBeGreaterThan(0);
        expect(r.maxRssKiB).toBeGreaterThan(0);
        expect(r.outputTail).toBeUndefined();
      }
      if (v.preload) {
        const proof = judgeProof(got[0].processes!, { library: v.preload });
        expect(proof.explanation).toBeUndefined();
        expect(proof.applied).toBe(true);
        expect(got[0].processes![0].exe).toBe(join(dir, 'bench'));
      } else {
        expect(got[0].processes).toBeUndefined();
      }
    }
  });

  it('proves a statically linked build did not get the allocator', async () => {
    const record = await proofOf(variant('static', ['./bench-static'], { preload: preloads.jemalloc }));
    const proof = judgeProof(record.processes!, { library: preloads.jemalloc! });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toContain(`${join(dir, 'bench-static')} is statically linked`);
  });

  it.each([
    ['env -i', ['env', '-i', './bench']],
    ['a self re-exec with an empty environment', ['./bench', 'reexec']],
  ])('proves %s removed the preload and names the program', async (_name, argv) => {
    const record = await proofOf(variant('cleared', argv, { preload: preloads.jemalloc }));
    expect(record.exitCode).toBe(0);
    const proof = judgeProof(record.processes!, { library: preloads.jemalloc! });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toContain(`${join(dir, 'bench')} had LD_PRELOAD removed from its environment`);
  });

  it('judges shell scripts by the programs they run, not the shell', async () => {
    const ok = await proofOf(
      variant('sh-ok', ['/bin/sh', '-c', './bench && ./bench'], {
        shell: '/bin/sh',
        preload: preloads.mimalloc,
      }),
    );
    const benches = ok.processes!.filter((p) => p.exe === join(dir, 'bench'));
    expect(benches).toHaveLength(2);
    expect(benches.every((p) => p.mapped)).toBe(true);
    expect(judgeProof(ok.processes!, { library: preloads.mimalloc!, shell: '/bin/sh' }).applied).toBe(true);

    const mixed = await proofOf(
      variant('sh-mixed', ['/bin/sh', '-c', './bench && ./bench-static'], {
        shell: '/bin/sh',
        preload: preloads.mimalloc,
      }),
    );
    const proof = judgeProof(mixed.processes!, { library: preloads.mimalloc!, shell: '/bin/sh' });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toContain('1 of 2');
    expect(proof.explanation).toContain('bench-static is statically linked');
  });

  it('reports the signal of a program that crashes only under one allocator', async () => {
    const variants = ['default', 'jemalloc', 'mimalloc'].map((name) =>
      variant(name, ['./bench'], {
        env: { CRASH_WITH: 'jemalloc' },
        ...(name === 'default' ? {} : { preload: preloads[name] }),
      }),
    );
    const runs = variants.map((v, position): PlannedRun => ({
      variantId: v.id,
      kind: 'measured',
      round: 0,
      position,
    }));
    const records = await run(variants, runs);
    expect(records.get('jemalloc')![0]).toMatchObject({ outcome: 'signaled', signal: 11, exitCode: null });
    expect(records.get('default')![0]).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(records.get('mimalloc')![0]).toMatchObject({ outcome: 'exited', exitCode: 0 });
  });

  it.each(['measured', 'proof'] as const)('kills a %s run at its timeout', async (kind) => {
    const v = variant('sleep', ['/bin/sh', '-c', 'sleep 30'], {
      timeoutMs: 500,
      shell: '/bin/sh',
      preload: preloads.jemalloc,
    });
    const records = await run(
      [v],
      [{ variantId: 'sleep', kind, round: kind === 'proof' ? -1 : 0, position: 0 }],
    );
    expect(records.get('sleep')![0]).toMatchObject({ outcome: 'timeout', signal: 9 });
    // The timer's SIGKILL: the traced shell is let go unread.
    if (kind === 'proof') expect(records.get('sleep')![0].processes?.[0]).toMatchObject({ killed: true });
  });

  it('lets a proof run killed by SIGKILL go without looking at it, and says so', async () => {
    // The OOM killer's victims die this way: the helper must not read /proc (which allocates in
    // the full memory cgroup) while the victim, held at its exit stop, keeps all its memory.
    const killed = await proofOf(
      variant('jemalloc', ['./bench', 'killself'], { preload: preloads.jemalloc }),
    );
    expect(killed).toMatchObject({ outcome: 'signaled', signal: 9 });
    expect(killed.processes).toEqual([expect.objectContaining({ exe: join(dir, 'bench'), killed: true })]);
    expect(judgeProof(killed.processes!, { library: preloads.jemalloc! })).toMatchObject({
      applied: false,
      explanation: expect.stringContaining('killed (SIGKILL) before the tracer could look at it'),
    });
    // The same program, not killed, is looked at and proven.
    const whole = await proofOf(variant('jemalloc', ['./bench'], { preload: preloads.jemalloc }));
    expect(whole.processes).toEqual([expect.objectContaining({ exe: join(dir, 'bench'), mapped: true })]);
    expect(whole.processes![0]).not.toHaveProperty('killed');
  });

  it('reports a command that cannot be started as exit code 127 with the reason', async () => {
    const records = await run(
      [variant('missing', ['./no-such-program'])],
      [{ variantId: 'missing', kind: 'warmup', round: -1, position: 0 }],
    );
    expect(records.get('missing')![0]).toMatchObject({
      outcome: 'exec-error',
      exitCode: 127,
      error: 'exec ./no-such-program: No such file or directory',
    });
  });

  it('keeps the output tail of failed runs, with odd bytes escaped', async () => {
    const script = `printf 'first\\n'; head -c 5000 /dev/zero | tr '\\0' x; printf '\\nlast \\303\\251 \\377 "q"\\n' >&2; exit 3`;
    const records = await run(
      [variant('fails', ['/bin/sh', '-c', script], { env: { A: 'line1\nline2' } })],
      [{ variantId: 'fails', kind: 'measured', round: 0, position: 0 }],
    );
    const r = records.get('fails')![0];
    expect(r).toMatchObject({ outcome: 'exited', exitCode: 3 });
    expect(r.outputTail!.endsWith('\nlast é \ufffd "q"\n')).toBe(true);
    expect(r.outputTail!.length).toBeLessThanOrEqual(2048);
    expect(r.outputTail).not.toContain('first');
  });

  it('keeps only the tail of a large output, without any scratch file', async () => {
    const script = `yes 'some output' | head -n 2000000; printf 'the end\\n'; exit 1`;
    const v = variant('chatty', ['/bin/sh', '-c', script]);
    const seen: CellRecord[] = [];
    // No writable temporary directory at all: the output goes through a pipe, never a file.
    await runHelperBatch(
      { command: helper, args: [], env: { ...process.env, TMPDIR: join(dir, 'no-such-dir') } },
      { variants: [v], runs: [{ variantId: 'chatty', kind: 'measured', round: 0, position: 0 }] },
      (r) => {
        if ('record' in r) seen.push(r);
      },
    );
    const tail = seen[0].record.outputTail!;
    expect(seen[0].record).toMatchObject({ outcome: 'exited', exitCode: 1 });
    expect(tail.length).toBe(2048);
    expect(tail.endsWith('some output\nthe end\n')).toBe(true);
  });

  it.each(['measured', 'proof'] as const)(
    'kills and counts what a %s run leaves running, setsid or not',
    async (kind) => {
      const script =
        'setsid sleep 300 & echo $! > detached.pid; sleep 301 & echo $! > background.pid; ./bench > /dev/null';
      const v = variant('leaves', ['/bin/sh', '-c', script], {
        shell: '/bin/sh',
        ...(kind === 'proof' ? { preload: preloads.jemalloc } : {}),
      });
      const records = await run(
        [v],
        [{ variantId: 'leaves', kind, round: kind === 'proof' ? -1 : 0, position: 0 }],
      );
      expect(records.get('leaves')![0]).toMatchObject({
        outcome: 'exited',
        exitCode: 0,
        leftoverProcesses: 2,
      });
      for (const file of ['detached.pid', 'background.pid']) {
        const pid = Number(readFileSync(join(dir, file), 'utf8'));
        expect(pid).toBeGreaterThan(0);
        expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
      }
    },
  );

  it('passes the environment, working directory and argument bytes through unchanged', async () => {
    const arg = 'two words\nand a "quote" é';
    const script = 'printf "%s|%s|%s" "$PWD" "$GREETING" "$1" > seen.txt';
    await run(
      [variant('env', ['/bin/sh', '-c', script, 'sh', arg], { env: { GREETING: 'hi=there' } })],
      [{ variantId: 'env', kind: 'warmup', round: -1, position: 0 }],
    );
    const seen = spawnSync('cat', [join(dir, 'seen.txt')], { encoding: 'utf8' }).stdout;
    expect(seen).toBe(`${dir}|hi=there|${arg}`);
  });

  it('rejects a malformed plan with exit code 2 and a message', () => {
    const result = spawnSync(helper, [], { input: 'MMPLAN1\nvariants 1\nvariant 5:ab\n', encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^mm-helper: malformed plan: /);
    expect(result.stdout).toBe('');
  });

  it('runs the host setup once per tree and reports its failure', async () => {
    const executor = createHostExecutor({ helper: () => Promise.resolve(helper) });
    const good = await executor.prepare({
      libc: 'glibc',
      trees: { head: dir },
      workingDirectory: '.',
      setup: 'touch setup-ran',
      allocators: [],
    });
    expect(good.treeFailures).toEqual({});
    expect(spawnSync('test', ['-f', join(dir, 'setup-ran')]).status).toBe(0);
    const bad = await executor.prepare({
      libc: 'glibc',
      trees: { head: dir },
      workingDirectory: '.',
      setup: 'echo broken; exit 4',
      allocators: [],
    });
    expect(bad.treeFailures.head).toBe('setup exited with code 4: broken');
  });

  it('streams records through runHelperBatch in plan order', async () => {
    const variants = [variant('a', ['true']), variant('b', ['false'])];
    const batch: Batch = {
      variants,
      runs: [0, 1, 2].flatMap((round) =>
        variants.map((v, position): PlannedRun => ({ variantId: v.id, kind: 'measured', round, position })),
      ),
    };
    const seen: CellRecord[] = [];
    await runHelperBatch({ command: helper, args: [] }, batch, (r) => {
      if ('record' in r) seen.push(r);
    });
    expect(seen.map((r) => `${r.variantId}:${r.record.round}:${r.record.exitCode}`)).toEqual([
      'a:0:0',
      'b:0:1',
      'a:1:0',
      'b:1:1',
      'a:2:0',
      'b:2:1',
    ]);
  });

  it('runs the calibration probe in its place in each round, in the helper itself', async () => {
    const variants = [variant('a', ['true'])];
    const batch: Batch = {
      variants,
      // The probe first in even rounds, second in odd ones.
      runs: [0, 1, 2, 3].flatMap((round): PlannedStep[] => {
        const probe: PlannedStep = { kind: 'probe', round, position: round % 2 };
        const cell: PlannedStep = { variantId: 'a', kind: 'measured', round, position: 1 - (round % 2) };
        return round % 2 === 0 ? [probe, cell] : [cell, probe];
      }),
    };
    const seen: BatchRecord[] = [];
    await runHelperBatch({ command: helper, args: [] }, batch, (r) => seen.push(r));
    expect(
      seen.map((r) => ('probe' in r ? `probe:${r.probe.round}` : `${r.variantId}:${r.record.round}`)),
    ).toEqual(['probe:0', 'a:0', 'a:1', 'probe:1', 'probe:2', 'a:2', 'a:3', 'probe:3']);
    const probes = seen.flatMap((r) => ('probe' in r ? [r.probe] : []));
    for (const p of probes) {
      // A few milliseconds of fixed work: every part took time, and they make up the whole.
      expect(p.computeMs).toBeGreaterThan(0.1);
      expect(p.memoryMs).toBeGreaterThan(0.1);
      // Starting a process and faulting in 4 MiB (1,024 pages) cannot take less than this.
      expect(p.processMs).toBeGreaterThan(0.1);
      expect(p.computeMs + p.memoryMs + p.processMs!).toBeCloseTo(p.wallMs, 1);
      // The child's CPU time (from wait4, in microseconds) counts in the probe's.
      expect(p.processCpuMs).toBeGreaterThan(0);
      expect(p.cpuMs).toBeGreaterThan(p.processCpuMs!);
      expect(p.wallMs).toBeLessThan(10_000);
    }
  });
});
