import { describe, expect, it } from '@jest/globals';
import type { Batch, Variant } from '../src/measure/executor.js';
import { encodePlan, parseHelperLine } from '../src/harness/protocol.js';

function variant(over: Partial<Variant> = {}): Variant {
  return {
    id: 'glibc/jemalloc/head',
    argv: ['./bench', '--n', '10'],
    cwd: '/w',
    env: {},
    timeoutMs: 5000,
    ...over,
  };
}

function batchOf(...variants: Variant[]): Batch {
  return {
    variants,
    runs: variants.map((v, position) => ({ variantId: v.id, kind: 'proof', round: -1, position })),
  };
}

describe('encodePlan', () => {
  it('writes the header, variants with length-prefixed strings, runs and the end marker', () => {
    const plan = encodePlan({
      variants: [variant({ env: { A: '1' }, preload: '/lib/libjemalloc.so.2' })],
      runs: [
        { variantId: 'glibc/jemalloc/head', kind: 'proof', round: -1, position: 0 },
        { variantId: 'glibc/jemalloc/head', kind: 'measured', round: 3, position: 1 },
      ],
    }).toString('utf8');
    expect(plan).toBe(
      'MMPLAN1\nvariants 1\n' +
        'variant 19:glibc/jemalloc/head 5000 3 7:./bench 3:--n 2:10 2:/w 1 3:A=1 21:/lib/libjemalloc.so.2 0:\n' +
        'runs 2\nrun 19:glibc/jemalloc/head proof -1 0\nrun 19:glibc/jemalloc/head measured 3 1\nend\n',
    );
  });

  it('counts bytes, not characters, so multi-byte text and newlines survive', () => {
    const script = 'echo "héllo"\nexit 0';
    const plan = encodePlan(batchOf(variant({ argv: ['/bin/sh', '-c', script], shell: '/bin/sh' })));
    const bytes = Buffer.byteLength(script);
    expect(bytes).toBe(script.length + 1);
    const marker = Buffer.from(`${bytes}:${script}`);
    expect(plan.includes(marker)).toBe(true);
    expect(plan.toString()).toContain(' 7:/bin/sh\n'); // the shell, last field of the variant
  });

  it.each<[string, Batch, RegExp]>([
    ['a NUL byte in an argument', batchOf(variant({ argv: ['a\0b'] })), /NUL byte/],
    ['an empty argv', batchOf(variant({ argv: [] })), /empty argv/],
    ['an env name with =', batchOf(variant({ env: { 'A=B': '1' } })), /environment name "A=B"/],
    ['a zero timeout', batchOf(variant({ timeoutMs: 0 })), /timeoutMs must be an integer >= 1, got 0/],
    ['a fractional timeout', batchOf(variant({ timeoutMs: 1.5 })), /timeoutMs must be an integer/],
    ['duplicate ids', batchOf(variant(), variant()), /duplicate variant id/],
    [
      'a run of an unknown variant',
      { variants: [variant()], runs: [{ variantId: 'x', kind: 'warmup', round: -1, position: 0 }] },
      /run 0 names unknown variant "x"/,
    ],
  ])('rejects %s', (_name, batch, message) => {
    expect(() => encodePlan(batch)).toThrow(message);
  });
});

describe('parseHelperLine', () => {
  const batch = batchOf(variant());
  const recordOf = (line: string) => {
    const parsed = parseHelperLine(line, batch);
    if (!('record' in parsed)) throw new Error(`expected a run's record, got ${JSON.stringify(parsed)}`);
    return parsed.record;
  };
  const base = {
    variant: 'glibc/jemalloc/head',
    kind: 'proof',
    round: -1,
    position: 0,
    outcome: 'exited',
    exit_code: 0,
    signal: null,
    wall_ns: 12_345_678,
    user_us: 10_500,
    sys_us: 250,
    maxrss_kib: 4096,
  };

  it('converts units to milliseconds and maps process fields', () => {
    const line = JSON.stringify({
      ...base,
      processes: [
        { pid: 7, exe: '/usr/bin/dash', execs: 1, static: false, mapped: true, preload_in_env: true },
      ],
    });
    expect(parseHelperLine(line, batch)).toEqual({
      variantId: 'glibc/jemalloc/head',
      record: {
        kind: 'proof',
        round: -1,
        position: 0,
        outcome: 'exited',
        exitCode: 0,
        signal: null,
        wallMs: 12.345678,
        userMs: 10.5,
        sysMs: 0.25,
        maxRssKiB: 4096,
        processes: [
          { pid: 7, exe: '/usr/bin/dash', execs: 1, static: false, mapped: true, preloadInEnv: true },
        ],
      },
    });
  });

  it('marks a process the helper let go unread because it died of SIGKILL', () => {
    const process = {
      pid: 7,
      exe: '/w/bench',
      execs: 1,
      static: false,
      mapped: false,
      preload_in_env: false,
    };
    const line = (extra: object) =>
      JSON.stringify({
        ...base,
        outcome: 'oom',
        exit_code: null,
        signal: 9,
        processes: [{ ...process, ...extra }],
      });
    expect(recordOf(line({ killed: true })).processes).toEqual([
      { pid: 7, exe: '/w/bench', execs: 1, static: false, mapped: false, preloadInEnv: false, killed: true },
    ]);
    expect(recordOf(line({})).processes?.[0]).not.toHaveProperty('killed');
    expect(() => parseHelperLine(line({ killed: false }), batch)).toThrow(/killed/);
  });

  it('maps the rusage counters when the helper reports them', () => {
    const counted = parseHelperLine(JSON.stringify({ ...base, minflt: 412, nvcsw: 3, nivcsw: 1 }), batch);
    expect(counted).toMatchObject({
      record: { minorFaults: 412, voluntarySwitches: 3, involuntarySwitches: 1 },
    });
    const older = parseHelperLine(JSON.stringify(base), batch);
    expect('record' in older && older.record.minorFaults).toBeUndefined();
    expect(() => parseHelperLine(JSON.stringify({ ...base, minflt: -1 }), batch)).toThrow(/minflt/);
  });

  it('keeps the output tail and the error of failed runs', () => {
    const line = JSON.stringify({
      ...base,
      outcome: 'exec-error',
      exit_code: 127,
      output_tail: 'boom\n',
      error: 'exec ./x: No such file or directory',
    });
    const record = recordOf(line);
    expect(record.outcome).toBe('exec-error');
    expect(record.exitCode).toBe(127);
    expect(record.outputTail).toBe('boom\n');
    expect(record.error).toBe('exec ./x: No such file or directory');
    expect(record.processes).toBeUndefined();
  });

  it('keeps the count of processes a run left behind, and only when there were any', () => {
    const left = recordOf(JSON.stringify({ ...base, leftover_processes: 3 }));
    expect(left.leftoverProcesses).toBe(3);
    expect(recordOf(JSON.stringify(base))).not.toHaveProperty('leftoverProcesses');
    expect(() => parseHelperLine(JSON.stringify({ ...base, leftover_processes: -1 }), batch)).toThrow(
      /leftover_processes/,
    );
  });

  it('accepts a run ended by a signal', () => {
    const record = recordOf(JSON.stringify({ ...base, outcome: 'signaled', exit_code: null, signal: 11 }));
    expect(record.signal).toBe(11);
    expect(record.exitCode).toBeNull();
  });

  it.each([
    ['not JSON', '{"variant":', /not JSON/],
    ['an unknown outcome', JSON.stringify({ ...base, outcome: 'crashed' }), /outcome/],
    ['a negative time', JSON.stringify({ ...base, wall_ns: -1 }), /wall_ns/],
    ['a missing field', JSON.stringify({ ...base, maxrss_kib: undefined }), /maxrss_kib/],
    ['an extra field', JSON.stringify({ ...base, surprise: 1 }), /surprise|Unrecognized/],
    [
      'an unknown variant',
      JSON.stringify({ ...base, variant: 'musl/x/head' }),
      /unknown variant "musl\/x\/head"/,
    ],
    [
      'both exit code and signal',
      JSON.stringify({ ...base, signal: 9 }),
      /exactly one of exit_code and signal/,
    ],
    ['neither exit code nor signal', JSON.stringify({ ...base, exit_code: null }), /exactly one/],
    [
      'a malformed process',
      JSON.stringify({
        ...base,
        processes: [{ pid: 0, exe: 'x', execs: 1, static: false, mapped: true, preload_in_env: true }],
      }),
      /processes\.0\.pid/,
    ],
  ])('rejects %s', (_name, line, message) => {
    expect(() => parseHelperLine(line, batch)).toThrow(message);
    expect(() => parseHelperLine(line, batch)).toThrow(/^malformed helper output/);
  });
});

describe('the calibration probe on the wire', () => {
  const probe = {
    kind: 'probe',
    round: 4,
    position: 2,
    wall_ns: 5_250_000,
    cpu_ns: 5_000_000,
    compute_ns: 1_750_000,
    memory_ns: 1_500_000,
    process_ns: 2_000_000,
    process_cpu_ns: 1_250_000,
  };

  it('plans a probe as its own entry among the runs, with no variant', () => {
    const plan = encodePlan({
      variants: [variant()],
      runs: [
        { variantId: 'glibc/jemalloc/head', kind: 'measured', round: 4, position: 0 },
        { kind: 'probe', round: 4, position: 1 },
      ],
    }).toString('utf8');
    expect(plan).toContain('runs 2\nrun 19:glibc/jemalloc/head measured 4 0\nprobe 4 1\nend\n');
  });

  it('refuses a probe outside a measured round', () => {
    expect(() => encodePlan({ variants: [], runs: [{ kind: 'probe', round: -1, position: 0 }] })).toThrow(
      /probe 0 round must be an integer >= 0, got -1/,
    );
  });

  it('reads a probe line as a sample in milliseconds', () => {
    expect(parseHelperLine(JSON.stringify(probe), batchOf(variant()))).toEqual({
      probe: {
        round: 4,
        position: 2,
        wallMs: 5.25,
        cpuMs: 5,
        computeMs: 1.75,
        memoryMs: 1.5,
        processMs: 2,
        processCpuMs: 1.25,
      },
    });
  });

  it.each([
    ['a missing part', { ...probe, memory_ns: undefined }, /memory_ns/],
    ['no process part', { ...probe, process_ns: undefined }, /process_ns/],
    ["no process part's CPU time", { ...probe, process_cpu_ns: undefined }, /process_cpu_ns/],
    ['a negative time', { ...probe, cpu_ns: -1 }, /cpu_ns/],
    ['a variant on a probe', { ...probe, variant: 'glibc/jemalloc/head' }, /variant|Unrecognized/],
    ['a probe outside a round', { ...probe, round: -1 }, /round/],
  ])('rejects a probe line with %s', (_name, line, message) => {
    expect(() => parseHelperLine(JSON.stringify(line), batchOf(variant()))).toThrow(message);
    expect(() => parseHelperLine(JSON.stringify(line), batchOf(variant()))).toThrow(
      /^malformed helper output/,
    );
  });
});
