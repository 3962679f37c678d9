// The message of anything thrown, Error or not: every one-line error and warning goes through it.
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
