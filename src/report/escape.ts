// Escaping for text we do not control (benchmark names, allocator names, failure reasons,
// benchmark output) before it lands in a GitHub comment. GitHub renders markdown and a subset of
// HTML, notifies on @mentions and links #123 references, so each of these must be defused.

/**
 * Zero-width space: placed after `@` and `#` it stops GitHub from turning `@octocat` into a
 * mention (which would notify that user) and `#123` into an issue link, while the text reads the same.
 */
export const ZERO_WIDTH_SPACE = '\u200b';

// ESC/CSI sequences and other control characters: benchmark output is often coloured, and raw
// control characters are invisible noise at best. Tab and newline are kept.

const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-_]/g;

const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes ANSI escape sequences and control characters other than newline and tab. */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ANSI_SEQUENCE, '').replace(CONTROL_CHARS, '');
}

/**
 * Breaks `@name` mentions and `#123` and `GH-123` references with a zero-width space: a mention
 * notifies, and a reference also shows on the issue it names.
 */
export function defuseReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZERO_WIDTH_SPACE}-`);
}

/**
 * Breaks the links GitHub makes of bare addresses (`https://…`, `www.…`) in running text: a link
 * would lend the report's voice to an address from a benchmark. Code blocks make no links, and
 * keep addresses whole so that they can be copied.
 */
function defuseLinks(text: string): string {
  return text.replace(/:\/\//g, `:/${ZERO_WIDTH_SPACE}/`).replace(/\b(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`);
}

/**
 * Escapes untrusted text for inline markdown, one line: inside a table cell, a heading or a
 * list item. HTML-significant characters become entities, markdown punctuation is
 * backslash-escaped (including `|`, which would otherwise split a table cell), newlines become spaces.
 */
export function escapeInline(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  let clean = stripControl(text).replace(/\s*\n\s*/g, ' ');
  if (clean.length > maxChars) clean = `${clean.slice(0, Math.max(0, maxChars - 1))}…`;
  // References first: the entities produced below contain `#` followed by digits.
  return defuseLinks(defuseReferences(clean))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`/g, '&#96;')
    .replace(/[\\|*_[\]~]/g, (c) => `\\${c}`);
}

/** Escapes a value for a double-quoted HTML attribute or an HTML comment (no `-->` can survive). */
export function escapeAttribute(text: string): string {
  return stripControl(text)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** The longest run of consecutive backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function cutNote(omitted: number): string {
  return `_(output cut: the first ${omitted.toLocaleString('en-US')} characters are not shown)_\n`;
}

function assembleFence(body: string, omitted: number): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const note = omitted > 0 ? cutNote(omitted) : '';
  const lastNewline = body.endsWith('\n') || body === '' ? '' : '\n';
  return `${note}${fence}text\n${body}${lastNewline}${fence}`;
}

/**
 * Quotes untrusted program output in a fenced code block that nothing inside can close: the
 * fence is one backtick longer than the longest backtick run inside. Control characters are
 * stripped and mentions defused (GitHub does not notify from code blocks today, but the output
 * may be copied elsewhere). When the text is too long its beginning is cut, because the end of an
 * output is what explains a failure, and a note says how much was cut. The result, note and
 * fences included, is never longer than `maxChars`.
 */
export function fenceUntrusted(text: string, maxChars: number): string {
  if (!Number.isInteger(maxChars) || maxChars < 120) {
    throw new Error(`fenceUntrusted: maxChars ${maxChars} is invalid; expected an integer of at least 120`);
  }
  const clean = defuseReferences(stripControl(text));
  let keep = Math.min(clean.length, maxChars);
  for (;;) {
    const body = clean.slice(clean.length - keep);
    const out = assembleFence(body, clean.length - keep);
    if (out.length <= maxChars) return out;
    // Each pass shrinks the body by at least the overflow; fences only shrink with it.
    keep = Math.max(0, keep - (out.length - maxChars));
  }
}
