import { describe, expect, test } from '@jest/globals';
import {
  escapeAttribute,
  escapeInline,
  fenceUntrusted,
  stripControl,
  ZERO_WIDTH_SPACE as Z,
} from '../src/report/escape.js';

describe('escapeInline', () => {
  test.each([
    ['a|b', 'a\\|b'],
    ['<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['use `code`', 'use &#96;code&#96;'],
    ['line1\nline2\r\nline3', 'line1 line2 line3'],
    ['ask @octocat', `ask @${Z}octocat`],
    ['me@example.com', `me@${Z}example.com`],
    ['fixes #123', `fixes #${Z}123`],
    ['C# and #define', 'C# and #define'],
    ['a_b*c~d[e]', 'a\\_b\\*c\\~d\\[e\\]'],
    ['&amp; stays text', '&amp;amp; stays text'],
    ['\u001b[31mred\u001b[0m', 'red'],
    ['see GH-12 and gh-7', `see GH${Z}-12 and gh${Z}-7`],
    ['fix at https://evil.example/x', `fix at https:/${Z}/evil.example/x`],
    ['or www.evil.example', `or www${Z}.evil.example`],
    ['ftp://x and WWW.y.z', `ftp:/${Z}/x and WWW${Z}.y.z`],
  ])('%j → %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });

  test('cuts long text with an ellipsis before escaping', () => {
    expect(escapeInline('abcdefgh', 5)).toBe('abcd…');
  });
});

describe('escapeAttribute', () => {
  test('nothing can close the attribute or the comment', () => {
    expect(escapeAttribute('a" --> <b>&\nc')).toBe('a&quot; --&gt; &lt;b&gt;&amp;&#10;c');
  });
});

describe('stripControl', () => {
  test('drops escape sequences and control characters, keeps tabs and newlines', () => {
    expect(stripControl('a\u001b[1;32mb\u001b[0m\tc\r\nd\u0007e\u0000')).toBe('ab\tc\nde');
  });
});

describe('fenceUntrusted', () => {
  test('short text: a plain text fence, mentions defused', () => {
    expect(fenceUntrusted('hello @octocat\n', 200)).toBe(`\`\`\`text\nhello @${Z}octocat\n\`\`\``);
  });

  test('the fence is longer than any backtick run inside', () => {
    const out = fenceUntrusted('a ``` b\n`````\n</details>', 500);
    expect(out.startsWith('``````text\n')).toBe(true);
    expect(out.endsWith('\n``````')).toBe(true);
    expect(out).toContain('</details>');
  });

  test('long text keeps its end, says how much was cut, and fits maxChars', () => {
    const text = `${'x'.repeat(5000)}\nthe error at the end`;
    const out = fenceUntrusted(text, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).toMatch(/^_\(output cut: the first [\d,]+ characters are not shown\)_\n```text\n/);
    expect(out).toContain('the error at the end\n```');
  });

  test.each([120, 121, 300, 1000])('even all backticks fit in %i characters', (maxChars) => {
    const out = fenceUntrusted('`'.repeat(100_000), maxChars);
    expect(out.length).toBeLessThanOrEqual(maxChars);
    const fence = out.match(/\n(`+)$/)![1];
    const inside = out.slice(out.indexOf('text\n') + 5, out.length - fence.length - 1);
    expect(inside.length).toBeLessThan(fence.length);
  });

  test('rejects a limit that cannot hold a fence and its note', () => {
    expect(() => fenceUntrusted('x', 10)).toThrow(
      'fenceUntrusted: maxChars 10 is invalid; expected an integer of at least 120',
    );
  });
});
