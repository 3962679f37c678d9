// Number formatting shared by every renderer. One scheme everywhere: three significant digits
// with the unit chosen so the number stays below 1000 (`451 ms`, `1.23 s`, `12.4 MiB`), and
// relative changes with a real minus sign (`−34%`, `+7.2%`).

/** U+2212: a true minus sign, the same width as `+`, so columns of changes line up. */
export const MINUS = '\u2212';

interface Unit {
  name: string;
  /** How many of the base unit one of this unit is. */
  factor: number;
}

const TIME_UNITS: readonly Unit[] = [
  { name: 'µs', factor: 0.001 },
  { name: 'ms', factor: 1 },
  { name: 's', factor: 1000 },
];

const MEMORY_UNITS: readonly Unit[] = [
  { name: 'KiB', factor: 1 },
  { name: 'MiB', factor: 1024 },
  { name: 'GiB', factor: 1024 * 1024 },
  { name: 'TiB', factor: 1024 * 1024 * 1024 },
];

/** `value` to three significant digits (`16.0`, `1.23`, `451`), whole numbers from 1000 up. */
function threeDigits(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 999.5) return Math.round(value).toString();
  return value.toPrecision(3);
}

function formatScaled(value: number, units: readonly Unit[], what: string): string {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`cannot format ${what} ${value}; expected a finite number >= 0`);
  }
  let chosen = units[0];
  for (const unit of units.slice(1)) {
    // Move up once the smaller unit would need four digits: 999.7 ms is `1.00 s`, and
    // 1010 KiB is `0.986 MiB` (binary units step by 1024, not 1000).
    if (value / chosen.factor >= 999.5) chosen = unit;
  }
  return `${threeDigits(value / chosen.factor)} ${chosen.name}`;
}

/** A duration given in milliseconds: `812 µs`, `45.1 ms`, `451 ms`, `1.23 s`, `123 s`, `4567 s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 ms';
  return formatScaled(ms, TIME_UNITS, 'duration');
}

/** A memory size given in KiB, in binary units: `812 KiB`, `12.4 MiB`, `1.21 GiB`. */
export function formatMemory(kib: number): string {
  return formatScaled(kib, MEMORY_UNITS, 'memory size');
}

/** A percentage with one decimal below 10 and none above, signed with `+` or a real minus. */
function signedPercent(percent: number, withSign: boolean): string {
  const digits = Math.abs(percent) < 9.95 ? 1 : 0;
  const magnitude = Math.abs(percent).toFixed(digits);
  if (Number(magnitude) === 0) return (0).toFixed(digits);
  if (!withSign) return magnitude;
  return `${percent < 0 ? MINUS : '+'}${magnitude}`;
}

/** A relative change given as a fraction (0.072 → `+7.2%`, −0.34 → `−34%`, 0 → `0.0%`). */
export function formatChange(fraction: number): string {
  if (!Number.isFinite(fraction))
    throw new Error(`cannot format change ${fraction}; expected a finite number`);
  return `${signedPercent(fraction * 100, true)}%`;
}

/** The change of `value` against `reference` (`−34%` when value is 0.66 × reference). */
export function formatChangeAgainst(value: number, reference: number): string {
  if (!(reference > 0))
    throw new Error(`cannot compare against reference ${reference}; expected a number > 0`);
  return formatChange(value / reference - 1);
}

/** The half-width of a confidence interval relative to the median: `±1.2%`. */
export function formatHalfWidth(ci: readonly [number, number], median: number): string {
  if (!(median > 0)) return '±?';
  const half = Math.abs(ci[1] - ci[0]) / 2;
  return `±${signedPercent((half / median) * 100, false)}%`;
}

/** A confidence interval of a relative change, in percent without the `%` sign: `[+5.1, +9.8]`. */
export function formatChangeInterval(interval: readonly [number, number]): string {
  return `[${signedPercent(interval[0] * 100, true)}, ${signedPercent(interval[1] * 100, true)}]`;
}

/** A ratio to a reference, rounded for a chart axis: 0.6612 → 0.661. */
export function roundRatio(ratio: number): number {
  return Number(ratio.toPrecision(3));
}

/** A whole-number count with thousands separators, independent of the machine's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** How long ago `then` was, seen from `now` (both ISO dates): `3 days`, `5 hours`, `12 minutes`. */
export function formatAge(then: string, now: string): string | undefined {
  const ms = Date.parse(now) - Date.parse(then);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const minutes = Math.round(ms / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}
