import { describe, expect, it } from '@jest/globals';
import type { TracedProcess } from '../src/results/model.js';
import { APPLIED_CPU_SHARE, judgeProof, proofNote } from '../src/measure/proof.js';

const LIB = '/usr/lib/libjemalloc.so.2';
let nextPid = 100;

function proc(exe: string, over: Partial<TracedProcess> = {}): TracedProcess {
  return { pid: nextPid++, exe, execs: 1, static: false, mapped: true, preloadInEnv: true, ...over };
}

describe('judgeProof', () => {
  it('is applied when the program itself maps the library', () => {
    const processes = [proc('/w/bench')];
    expect(judgeProof(processes, { library: LIB })).toEqual({ applied: true, library: LIB, processes });
  });

  it('ignores the shell, resolved from the first process, and judges every program it ran', () => {
    const processes = [
      proc('/usr/bin/dash', { mapped: false }), // the shell itself need not matter
      proc('/w/bench'),
      proc('/w/bench'),
    ];
    expect(judgeProof(processes, { library: LIB, shell: '/bin/sh' }).applied).toBe(true);
  });

  it('names the program that lacks the library when a shell ran it', () => {
    const processes = [proc('/usr/bin/dash'), proc('/w/bench'), proc('/w/bench', { mapped: false })];
    const proof = judgeProof(processes, { library: LIB, shell: '/bin/sh' });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toBe(
      'libjemalloc.so.2 was not loaded in 1 of 2 benchmark process(es): /w/bench did not map the library (the preload was ignored)',
    );
  });

  it('says a program is statically linked when it had no dynamic loader', () => {
    const proof = judgeProof([proc('/w/bench-static', { static: true, mapped: false })], { library: LIB });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toContain('/w/bench-static is statically linked (no dynamic loader)');
  });

  it('says LD_PRELOAD was removed when the program cleared its environment', () => {
    const processes = [proc('/w/bench', { execs: 2, mapped: false, preloadInEnv: false })];
    const proof = judgeProof(processes, { library: LIB });
    expect(proof.explanation).toContain('/w/bench had LD_PRELOAD removed from its environment');
  });

  it('leaves out processes killed before the tracer looked at them, never judging the shell in their place', () => {
    const shell = proc('/usr/bin/dash', { mapped: true });
    const killed = proc('/w/bench', { mapped: false, preloadInEnv: false, killed: true });
    const alone = judgeProof([shell, killed], { library: LIB, shell: '/bin/sh' });
    expect(alone).toMatchObject({ applied: false });
    expect(alone.explanation).toBe(
      `every benchmark process was killed (SIGKILL) before the tracer could look at it, so ${LIB} could not be proven loaded`,
    );
    // A worker killed beside a program that was looked at: the program decides.
    expect(judgeProof([shell, proc('/w/bench'), killed], { library: LIB, shell: '/bin/sh' }).applied).toBe(
      true,
    );
  });

  it('groups repeated failures of one program and lists distinct ones in order', () => {
    const processes = [
      proc('/usr/bin/dash'),
      proc('/w/a', { static: true, mapped: false }),
      proc('/w/b', { preloadInEnv: false, mapped: false }),
      proc('/w/a', { static: true, mapped: false }),
    ];
    const proof = judgeProof(processes, { library: LIB, shell: '/bin/sh' });
    expect(proof.explanation).toBe(
      'libjemalloc.so.2 was not loaded in 3 of 3 benchmark process(es): ' +
        '/w/a (2 processes) is statically linked (no dynamic loader); /w/b had LD_PRELOAD removed from its environment',
    );
  });

  it('judges the shell processes when the script ran nothing else', () => {
    const applied = judgeProof([proc('/usr/bin/dash')], { library: LIB, shell: '/bin/sh' });
    expect(applied.applied).toBe(true);
    const notApplied = judgeProof([proc('/usr/bin/dash', { mapped: false })], {
      library: LIB,
      shell: '/bin/sh',
    });
    expect(notApplied.applied).toBe(false);
    expect(notApplied.explanation).toContain('/usr/bin/dash did not map the library');
  });

  it('recognises the shell by its configured path too', () => {
    // The first process exec'd twice (sh then exec'd the benchmark), so it is not the shell.
    const processes = [proc('/w/bench', { execs: 2 }), proc('/bin/sh', { mapped: false })];
    expect(judgeProof(processes, { library: LIB, shell: '/bin/sh' }).applied).toBe(true);
    expect(
      judgeProof([proc('/w/bench', { execs: 2, mapped: false })], { library: LIB, shell: '/bin/sh' }).applied,
    ).toBe(false);
  });

  it('does not judge forked processes that exec nothing', () => {
    const processes = [proc('/w/bench'), proc('/w/bench', { execs: 0, mapped: false })];
    expect(judgeProof(processes, { library: LIB }).applied).toBe(true);
  });

  it('without a shell, the first process is the benchmark and is judged', () => {
    const proof = judgeProof([proc('/w/bench', { mapped: false })], { library: LIB });
    expect(proof.applied).toBe(false);
  });

  it('refuses to call it applied when no program was seen', () => {
    const proof = judgeProof([], { library: LIB });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toMatch(/saw no process start a program/);
  });
});

describe('judgeProof by CPU share', () => {
  const shell = '/bin/sh';

  it('keeps the cell when a static helper did a sliver of the work, and names it', () => {
    const processes = [
      proc('/bin/busybox', { cpuMs: 1 }),
      proc('/bin/sed-static', { static: true, mapped: false, cpuMs: 0.2 }),
      proc('/w/bench', { cpuMs: 300 }),
    ];
    const proof = judgeProof(processes, { library: LIB, shell });
    expect(proof.applied).toBe(true);
    expect(proof.notUnderAllocator).toEqual([{ exe: '/bin/sed-static', cpuShare: 0.2 / 300.2 }]);
    expect(proofNote(proof)).toBe('not under the allocator: /bin/sed-static, <0.1% of CPU');
  });

  it('loses the cell when the static program is the main one, however small the others', () => {
    const processes = [
      proc('/bin/busybox', { cpuMs: 1 }),
      proc('/w/bench-static', { static: true, mapped: false, cpuMs: 300 }),
      proc('/w/tool', { cpuMs: 0.5 }),
    ];
    const proof = judgeProof(processes, { library: LIB, shell });
    expect(proof.applied).toBe(false);
    expect(proof.explanation).toContain('/w/bench-static is statically linked');
  });

  it('needs the mapped share to reach the threshold, and the busiest process to be mapped', () => {
    const share = APPLIED_CPU_SHARE;
    const justBelow = [
      proc('/w/a', { cpuMs: 100 * share - 1 }),
      proc('/w/b', { mapped: false, cpuMs: 100 * (1 - share) + 1 }),
    ];
    expect(judgeProof(justBelow, { library: LIB }).applied).toBe(false);
    const atThreshold = [
      proc('/w/a', { cpuMs: 100 * share }),
      proc('/w/b', { mapped: false, cpuMs: 100 * (1 - share) }),
    ];
    expect(judgeProof(atThreshold, { library: LIB }).applied).toBe(true);
  });

  it('falls back to "every process" when a CPU time is unknown or all are zero', () => {
    const unknown = [
      proc('/w/bench', { cpuMs: 300 }),
      proc('/bin/sed-static', { static: true, mapped: false }),
    ];
    expect(judgeProof(unknown, { library: LIB }).applied).toBe(false);
    const zero = [
      proc('/w/bench', { cpuMs: 0 }),
      proc('/bin/sed-static', { static: true, mapped: false, cpuMs: 0 }),
    ];
    expect(judgeProof(zero, { library: LIB }).applied).toBe(false);
  });

  it('adds no note when every process mapped the library', () => {
    const proof = judgeProof([proc('/w/bench', { cpuMs: 5 })], { library: LIB });
    expect(proof.notUnderAllocator).toBeUndefined();
    expect(proofNote(proof)).toBeUndefined();
  });
});
