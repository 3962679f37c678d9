// Pure: counts and sizes in the product's messages, written the same on every machine (no
// locale), so a message in a log, a report or a test reads alike everywhere.

/** 1234567 → `1,234,567`, the same on every machine. */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A size in bytes, as limits are named: `16 MiB (16,777,216 bytes)`. */
export function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib)
    ? `${mib} MiB (${withThousands(bytes)} bytes)`
    : `${withThousands(bytes)} bytes`;
}
