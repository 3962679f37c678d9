// Bounded handling of a child's output: what is kept for the result, and how it is cut into
// lines for streaming. Both hold a fixed amount of memory whatever the child writes, and both
// look at each byte once (no re-splitting of a growing buffer).
import { describeBytes, withThousands } from '../base/units.js';

/** Which part of a stream that outgrew its limit is kept. */
export type KeepPart = 'head' | 'tail' | 'head-and-tail';

/** Keeps at most `limit` bytes of a stream: its start, its end, or half of each. */
export class BoundedCapture {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  /** The kept end of the stream: `tail[tailStart..]`, with the start index moved instead of shifting. */
  private tail: Buffer[] = [];
  private tailStart = 0;
  private tailBytes = 0;
  private omitted = 0;

  constructor(limit: number, keep: KeepPart) {
    const max = Math.max(0, Math.floor(limit));
    this.headLimit = keep === 'head' ? max : keep === 'tail' ? 0 : Math.floor(max / 2);
    this.tailLimit = max - this.headLimit;
  }

  get truncated(): boolean {
    return this.omitted > 0;
  }

  push(chunk: Buffer): void {
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(rest.length, this.headLimit - this.headBytes);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    if (this.tailLimit === 0) {
      this.omitted += rest.length;
      return;
    }
    this.tail.push(rest);
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailLimit) {
      const first = this.tail[this.tailStart];
      const excess = this.tailBytes - this.tailLimit;
      if (first.length <= excess) {
        this.tailStart += 1;
        this.tailBytes -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[this.tailStart] = first.subarray(excess);
        this.tailBytes -= excess;
        this.omitted += excess;
      }
    }
    if (this.tailStart > 64 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
  }

  /** The kept text; where bytes were left out, a marker says how many. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail.slice(this.tailStart)).toString('utf8');
    if (this.omitted === 0) return head + tail;
    return `${head}\n[… ${this.omitted} bytes omitted …]\n${tail}`;
  }
}

/** Marks a line that was longer than the cap; the rest of that line is dropped. */
export function cutLineMarker(maxLineBytes: number): string {
  return ` …[line cut at ${maxLineBytes} bytes]`;
}

/**
 * Cuts a byte stream into lines for a callback. A line longer than `maxLineBytes` is delivered
 * at once, cut and marked, and the rest of it is skipped up to the next newline: an endless
 * line costs no more memory than a long one. A trailing `\r` is dropped.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The current line was already delivered cut; its remaining bytes are skipped. */
  private skipping = false;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      this.append(chunk.subarray(start, newline === -1 ? chunk.length : newline));
      if (newline === -1) return;
      if (!this.skipping) this.deliver(false);
      this.skipping = false;
      start = newline + 1;
    }
  }

  /** Delivers a last line that had no newline. */
  end(): void {
    if (this.pendingBytes > 0 && !this.skipping) this.deliver(false);
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
  }

  private append(piece: Buffer): void {
    if (this.skipping || piece.length === 0) return;
    const room = this.maxLineBytes - this.pendingBytes;
    if (piece.length <= room) {
      this.pending.push(piece);
      this.pendingBytes += piece.length;
      return;
    }
    this.pending.push(piece.subarray(0, room));
    this.pendingBytes += room;
    this.deliver(true);
    this.skipping = true;
  }

  private deliver(cut: boolean): void {
    let bytes = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (cut) {
      bytes = bytes.subarray(0, utf8Boundary(bytes));
      this.emit(bytes.toString('utf8') + cutLineMarker(this.maxLineBytes));
      return;
    }
    const line = bytes.toString('utf8');
    this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}

/** The length of `bytes` without a UTF-8 character cut off at its end. */
function utf8Boundary(bytes: Buffer): number {
  let end = bytes.length;
  let back = 0;
  // Up to three continuation bytes (10xxxxxx) may follow a lead byte.
  while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back += 1;
  const lead = end - back - 1;
  if (lead < 0) return end;
  const byte = bytes[lead];
  const needed = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0;
  if (needed > back) end = lead;
  return end;
}

/** How much of one stream of lines a log shows: a head of `lines` or `bytes`, and the last `tailLines`. */
export interface LogLimits {
  lines: number;
  bytes: number;
  tailLines: number;
}

/**
 * Passes a stream of lines on to a log up to its limits, then holds back the rest: they are
 * counted, and the last `tailLines` of them are kept to be shown at the end, after a line that
 * says how many were not shown. Each line is already bounded (LineSplitter), so this bounds the
 * whole: a child that prints for half an hour cannot bury the job log (or the terminal) in
 * gigabytes, and the end of its output, where a failure explains itself, is still shown.
 */
export class LogBudget {
  private shownLines = 0;
  private shownBytes = 0;
  private heldLines = 0;
  private heldBytes = 0;
  private tail: string[] = [];

  constructor(
    private readonly show: (line: string) => void,
    private readonly limits: LogLimits,
  ) {}

  line(text: string): void {
    const size = Buffer.byteLength(text) + 1;
    const fits = this.shownLines < this.limits.lines && this.shownBytes + size <= this.limits.bytes;
    // Once one line is held back, every later one is too: the head shown stays in one piece.
    if (this.heldLines === 0 && fits) {
      this.shownLines += 1;
      this.shownBytes += size;
      this.show(text);
      return;
    }
    this.heldLines += 1;
    this.heldBytes += size;
    if (this.limits.tailLines <= 0) return;
    this.tail.push(text);
    // Trimmed in batches, so that each line costs O(1) on average.
    if (this.tail.length >= this.limits.tailLines * 2) this.tail = this.tail.slice(-this.limits.tailLines);
  }

  /** Shows what was held back: how much, then its last lines. Nothing when all was shown. */
  end(): void {
    if (this.heldLines === 0) return;
    const tail = this.tail.slice(-this.limits.tailLines);
    const hidden = this.heldLines - tail.length;
    if (hidden > 0) {
      const bytes = this.heldBytes - tail.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
      this.show(
        `[… ${lines(hidden)} (${describeBytes(bytes)}) not shown: the log shows the first ${lines(this.limits.lines)} or ${describeBytes(this.limits.bytes)} of this output${tail.length > 0 ? `, then its last ${tail.length === 1 ? 'line' : lines(tail.length)}` : ''} …]`,
      );
    }
    for (const line of tail) this.show(line);
    this.tail = [];
    this.heldLines = 0;
    this.heldBytes = 0;
  }
}

const lines = (n: number) => `${withThousands(n)} line${n === 1 ? '' : 's'}`;
