import { describe, expect, it } from '@jest/globals';
import { MAX_PROCESSES, parseProfileRecord, sumProfileRecords } from '../src/harness/profile-records.js';
import { wireRecord } from './fixtures/profiles.js';

const text = (over: Record<string, unknown> = {}) => JSON.stringify(wireRecord(over));

describe('sumProfileRecords', () => {
  it('sums one record into totals that leave out free', () => {
    const s = sumProfileRecords([text()]);
    expect(s).toMatchObject({ calls: 1010, bytes: 4_001_480, frees: 1009, peakLiveBytes: 9000, threads: 1 });
    expect(s.kinds.malloc?.topSizes).toEqual([
      [4001, 1000],
      [48, 10],
    ]);
    expect(s.processes).toEqual([
      {
        pid: 41,
        ppid: 1,
        exe: '/mm/head/bench',
        ending: 'exit',
        threads: 1,
        calls: 1010,
        bytes: 4_001_480,
        peakLiveBytes: 9000,
      },
    ]);
    expect(s.unreadableRecords).toBeUndefined();
  });

  it('adds the processes of a fork and exec chain: counts, histograms and sizes', () => {
    const child = wireRecord({
      pid: 42,
      ppid: 41,
      ending: 'exec',
      threads: 4,
      peakLiveBytes: 20_000,
      kinds: {
        malloc: {
          calls: 30,
          bytes: 30 * 48 + 20 * 96,
          untrackedSizes: 0,
          histogram: [0, 0, 0, 0, 0, 0, 10, 20],
          topSizes: [
            [96, 20],
            [48, 10],
          ],
        },
        calloc: {
          calls: 2,
          bytes: 200,
          untrackedSizes: 0,
          histogram: [0, 0, 0, 0, 0, 0, 0, 2],
          topSizes: [[100, 2]],
        },
      },
    });
    const s = sumProfileRecords([text(), JSON.stringify(child)]);
    expect(s.calls).toBe(1010 + 32);
    expect(s.kinds.malloc?.calls).toBe(1040);
    expect(s.kinds.malloc?.histogram).toEqual([0, 0, 0, 0, 0, 0, 20, 20, 0, 0, 0, 0, 0, 1000]);
    expect(s.kinds.malloc?.topSizes).toEqual([
      [4001, 1000],
      [48, 20],
      [96, 20],
    ]);
    expect(s.kinds.calloc?.calls).toBe(2);
    // The peak and the threads are those of the busiest single process, not sums.
    expect(s.peakLiveBytes).toBe(20_000);
    expect(s.threads).toBe(4);
    expect(s.processes.map((p) => [p.pid, p.ending])).toEqual([
      [41, 'exit'],
      [42, 'exec'],
    ]);
    expect(Object.keys(s.kinds)).toEqual(['malloc', 'calloc', 'free']);
  });

  it('counts records cut short as unreadable and skips kinds it does not know', () => {
    const newer = wireRecord({
      kinds: { malloc_v2: { calls: 5, bytes: 5, untrackedSizes: 0, histogram: [], topSizes: [] } },
    });
    const s = sumProfileRecords([text().slice(0, 40), '', JSON.stringify(newer), '{"pid":1}']);
    expect(s.unreadableRecords).toBe(2);
    expect(s.calls).toBe(0);
    expect(s.kinds).toEqual({});
    expect(s.processes).toHaveLength(1);
  });

  it('keeps the busiest processes and says how many were left out', () => {
    const many = Array.from({ length: MAX_PROCESSES + 5 }, (_, i) =>
      JSON.stringify(wireRecord({ pid: 100 + i, kinds: { malloc: { ...mallocOf(i + 1) } } })),
    );
    const s = sumProfileRecords(many);
    expect(s.processes).toHaveLength(MAX_PROCESSES);
    expect(s.processesOmitted).toBe(5);
    expect(s.processes[0].calls).toBe(MAX_PROCESSES + 5);
    expect(s.calls).toBe(((MAX_PROCESSES + 5) * (MAX_PROCESSES + 6)) / 2);
  });

  it('keeps 64-bit counts within safe integers', () => {
    const huge = wireRecord({
      kinds: {
        calloc: {
          calls: 1,
          bytes: 2 ** 64 - 1,
          untrackedSizes: 0,
          histogram: [],
          topSizes: [[2 ** 64 - 1, 1]],
        },
      },
    });
    const s = sumProfileRecords([JSON.stringify(huge)]);
    expect(s.bytes).toBe(Number.MAX_SAFE_INTEGER);
    expect(Number.isSafeInteger(s.kinds.calloc?.topSizes[0][0])).toBe(true);
  });
});

function mallocOf(calls: number) {
  return {
    calls,
    bytes: calls * 16,
    untrackedSizes: 0,
    histogram: [0, 0, 0, 0, 0, calls],
    topSizes: [[16, calls]],
  };
}

describe('parseProfileRecord', () => {
  it('rejects what is not a record', () => {
    expect(parseProfileRecord('not json')).toBeUndefined();
    expect(parseProfileRecord(text({ ending: 'crash' }))).toBeUndefined();
    expect(parseProfileRecord(text())?.pid).toBe(41);
  });
});
