// Ground-floor error types and helpers, used by every stage; this module imports nothing.

/** The message of anything thrown, Error or not: every one-line error and warning goes through it. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A bad input, option or combination of them: the user must change what they asked for. The CLI
 * exits 2 on it, the action fails the step with its one line. The message names the input, the
 * value and what is accepted.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** `Invalid <input>: "<value>". Expected <accepted>.` */
  static invalid(input: string, value: string, accepted: string): ConfigError {
    return new ConfigError(`Invalid ${input}: ${showValue(value)}. Expected ${accepted}.`);
  }
}

/** A value quoted for an error line, cut short so one line stays one line. */
export function showValue(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}
