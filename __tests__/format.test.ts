import { describe, expect, test } from '@jest/globals';
import {
  formatAge,
  formatChange,
  formatChangeAgainst,
  formatChangeInterval,
  formatDuration,
  formatHalfWidth,
  formatMemory,
} from '../src/report/format.js';

describe('formatDuration (milliseconds in)', () => {
  test.each([
    [0, '0 ms'],
    [0.812, '812 µs'],
    [4.512, '4.51 ms'],
    [45.14, '45.1 ms'],
    [451.2, '451 ms'],
    [999.7, '1.00 s'],
    [1234, '1.23 s'],
    [12_345, '12.3 s'],
    [123_456, '123 s'],
    [4_567_000, '4567 s'],
  ])('%d → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  test.each([NaN, -1, Infinity])('rejects %d', (ms) => {
    expect(() => formatDuration(ms)).toThrow(`cannot format duration ${ms}; expected a finite number >= 0`);
  });
});

describe('formatMemory (KiB in)', () => {
  test.each([
    [812, '812 KiB'],
    [1010, '0.986 MiB'],
    [12_700, '12.4 MiB'],
    [16_384, '16.0 MiB'],
    [1_268_000, '1.21 GiB'],
  ])('%d → %s', (kib, expected) => {
    expect(formatMemory(kib)).toBe(expected);
  });
});

describe('changes', () => {
  test.each([
    [0.072, '+7.2%'],
    [-0.34, '−34%'],
    [0.0004, '0.0%'],
    [-0.0004, '0.0%'],
    [1.2, '+120%'],
    [-0.0996, '−10%'],
  ])('formatChange(%d) → %s', (fraction, expected) => {
    expect(formatChange(fraction)).toBe(expected);
  });

  test('against a reference', () => {
    expect(formatChangeAgainst(451, 683)).toBe('−34%');
    expect(() => formatChangeAgainst(1, 0)).toThrow(
      'cannot compare against reference 0; expected a number > 0',
    );
  });

  test('intervals and half-widths', () => {
    expect(formatChangeInterval([0.051, 0.098])).toBe('[+5.1, +9.8]');
    expect(formatChangeInterval([-0.14, -0.094])).toBe('[−14, −9.4]');
    expect(formatHalfWidth([446, 456], 451)).toBe('±1.1%');
    expect(formatHalfWidth([400, 520], 451)).toBe('±13%');
  });
});

describe('formatAge', () => {
  test.each([
    ['2025-03-14T09:48:00Z', '12 minutes'],
    ['2025-03-14T05:00:00Z', '5 hours'],
    ['2025-03-11T09:00:00Z', '3 days'],
    ['2025-03-15T00:00:00Z', undefined],
    ['not a date', undefined],
  ])('%s → %s', (then, expected) => {
    expect(formatAge(then, '2025-03-14T10:00:00Z')).toBe(expected);
  });
});
