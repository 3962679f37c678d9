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

const DOCKER_SIZE = /^(\d+)([bkmg])?$/i;
const SIZE_UNITS = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as const;

/** A size as Docker writes it (`512m`, `2g`, `100000b`, bare bytes) in bytes; undefined if it is not one. */
export function dockerSizeBytes(text: string): number | undefined {
  const m = DOCKER_SIZE.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase() as keyof typeof SIZE_UNITS;
  const bytes = Number(m[1]) * SIZE_UNITS[unit];
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
