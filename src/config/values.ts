// The generic readers of raw input strings (choices, numbers, percentages, durations, paths),
// each rejecting a bad value with one line that names the input, the value and what is accepted.
import { ConfigError } from '../base/errors.js';
import { INPUT_DEFAULTS, type InputName } from './names.js';

/** Returns the raw value of an input, or undefined when it was not given at all. */
export type InputReader = (name: InputName) => string | undefined;

export interface ParseContext {
  /** Command from the CLI's positional arguments (after `--`). */
  argv?: string[];
  /** How the input names are shown in errors: `input 'runs'` (action) or `--runs` (CLI). */
  label: (name: InputName) => string;
  /** Supplies a seed when none is given. */
  randomSeed: () => number;
  /**
   * Looks up a variable of the process's own environment, for an `env` line that is a bare KEY
   * (its value is taken from here, so it never has to be written down). Without it, and for an
   * unset variable, a bare KEY is an error naming it.
   */
  environment?: (key: string) => string | undefined;
}

const BOOLEAN_TRUE = ['true', 'True', 'TRUE'];
const BOOLEAN_FALSE = ['false', 'False', 'FALSE'];

export class ValueParser {
  constructor(
    protected readonly read: InputReader,
    readonly ctx: ParseContext,
  ) {}

  /** The given value, or the documented default; a given value that is blank is an error. */
  protected raw(name: InputName): string {
    const value = this.read(name);
    if (value === undefined) return INPUT_DEFAULTS[name];
    return value;
  }

  protected fail(name: InputName, value: string, accepted: string): never {
    throw ConfigError.invalid(this.ctx.label(name), value, accepted);
  }

  /** A required value: blank (empty or whitespace) is rejected rather than silently defaulted. */
  protected required(name: InputName, accepted: string): string {
    const value = this.raw(name);
    if (value.trim() === '') this.fail(name, value, accepted);
    return value.trim();
  }

  choice<T extends string>(name: InputName, options: readonly T[]): T {
    const accepted = `one of ${options.join(', ')}`;
    const value = this.required(name, accepted);
    if (!(options as readonly string[]).includes(value)) this.fail(name, value, accepted);
    return value as T;
  }

  integer(name: InputName, min: number, max: number): number {
    const accepted = `a whole number from ${min} to ${max}`;
    const value = this.required(name, accepted);
    if (!/^\d+$/.test(value)) this.fail(name, value, accepted);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) this.fail(name, value, accepted);
    return n;
  }

  /** A whole number, or the word `auto`. */
  countOrAuto(name: InputName, min: number, max: number): number | 'auto' {
    const accepted = `auto, or a whole number from ${min} to ${max}`;
    const value = this.required(name, accepted);
    if (value === 'auto') return 'auto';
    if (!/^\d+$/.test(value)) this.fail(name, value, accepted);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) this.fail(name, value, accepted);
    return n;
  }

  optionalInteger(name: InputName, min: number, max: number): number | undefined {
    const value = this.read(name);
    if (value === undefined || value === '') return undefined;
    return this.integer(name, min, max);
  }

  boolean(name: InputName): boolean {
    const accepted = 'true or false';
    const value = this.required(name, accepted);
    if (BOOLEAN_TRUE.includes(value)) return true;
    if (BOOLEAN_FALSE.includes(value)) return false;
    return this.fail(name, value, accepted);
  }

  percent(name: InputName): number {
    const accepted = 'a percentage from 0% to 1000%, such as 5%';
    return this.percentValue(name, this.required(name, accepted), accepted);
  }

  /** A percentage, or `off` (undefined) for a gate that is switched off. */
  percentOrOff(name: InputName): number | undefined {
    const accepted = 'a percentage from 0% to 1000%, such as 10%, or off';
    const value = this.required(name, accepted);
    return value === 'off' ? undefined : this.percentValue(name, value, accepted);
  }

  private percentValue(name: InputName, value: string, accepted: string): number {
    const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
    if (!m) this.fail(name, value, accepted);
    const pct = Number(m[1]);
    if (!Number.isFinite(pct) || pct > 1000) this.fail(name, value, accepted);
    return pct / 100;
  }

  duration(name: InputName): number {
    const accepted = 'a duration from 1ms to 24h, such as 500ms, 90s, 10m or 1h (a bare number is seconds)';
    const value = this.required(name, accepted);
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
    if (!m) this.fail(name, value, accepted);
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
    const ms = Math.round(Number(m[1]) * factor);
    if (!Number.isFinite(ms) || ms < 1 || ms > 86_400_000) this.fail(name, value, accepted);
    return ms;
  }

  pattern(name: InputName, re: RegExp, accepted: string): string {
    const value = this.required(name, accepted);
    if (!re.test(value)) this.fail(name, value, accepted);
    return value;
  }

  /** An optional value that must match `re` when given. */
  optionalPattern(name: InputName, re: RegExp, accepted: string): string | undefined {
    const value = this.read(name);
    if (value === undefined || value === '') return undefined;
    if (!re.test(value)) this.fail(name, value, accepted);
    return value;
  }

  seed(): number {
    const value = this.read('seed');
    if (value === undefined || value === '' || value === INPUT_DEFAULTS.seed) return this.ctx.randomSeed();
    return this.integer('seed', 0, 0xffffffff);
  }

  /** Free text that may be absent; whitespace-only counts as absent only when it is empty. */
  optionalText(name: InputName): string | undefined {
    const value = this.read(name);
    if (value === undefined || value === '') return undefined;
    if (value.trim() === '') this.fail(name, value, 'a non-blank value, or leave it unset');
    return value;
  }

  optionalPath(name: InputName): string | undefined {
    const value = this.optionalText(name);
    if (value === undefined) return undefined;
    if (/[\0\n\r]/.test(value)) this.fail(name, value, 'a file path on one line');
    return value.trim();
  }
}

/** Splits a list on commas, whitespace and newlines, dropping empty items. */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
