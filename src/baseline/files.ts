// `baseline: <file>` may name several results files with a pattern, to give a cross-run
// comparison a history: `*` matches any run of characters within one path segment, `?` one
// character. Node 20 has no fs.glob, and this is all the pattern a baseline needs.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Whether the path is a pattern rather than one file. */
export function isPattern(file: string): boolean {
  return /[*?]/.test(file);
}

/** The regular expression of a pattern; `*` and `?` never match a `/`. */
export function patternRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * The files under `root` that `pattern` (relative to root, or absolute) names, sorted. Hidden
 * entries match only a segment that starts with a dot itself.
 */
export async function expandPattern(root: string, pattern: string): Promise<string[]> {
  const absolute = path.resolve(root, pattern);
  const { root: fsRoot } = path.parse(absolute);
  const segments = absolute.slice(fsRoot.length).split(path.sep).filter(Boolean);
  let current = [fsRoot];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (!isPattern(segment)) {
        next.push(path.join(dir, segment));
        continue;
      }
      const matcher = patternRegExp(segment);
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.') && !segment.startsWith('.')) continue;
        if (!matcher.test(entry.name)) continue;
        if (last ? entry.isFile() : entry.isDirectory()) next.push(path.join(dir, entry.name));
      }
    }
    current = next;
  }
  const files: string[] = [];
  for (const file of current) {
    const found = await stat(file).catch(() => undefined);
    if (found?.isFile()) files.push(file);
  }
  return files.sort();
}
