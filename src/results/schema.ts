// The results file at the border: `parseResults` turns any external JSON (a baseline file, a
// cache entry) into `Results` or throws one line naming the source, the place and the problem,
// and `resultsJsonSchema` publishes the model's schema (model.ts) as JSON Schema.
import { z } from 'zod';
import { RESULTS_SCHEMA_ID, RESULTS_VERSION, resultsSchema, type Results } from './model.js';
import { messageOf } from '../base/errors.js';

/**
 * Validate `json` (the text of a file, or an already parsed value) as a results file of this
 * version or an older one that it reads (READABLE_VERSIONS), returned as this version.
 * `source` names where it came from, e.g. `baseline file x.json`; every error starts with it.
 */
export function parseResults(json: unknown, source: string): Results {
  const value = typeof json === 'string' ? parseJsonText(json, source) : json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${source}: expected a JSON object, got ${describeValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (record.schema !== RESULTS_SCHEMA_ID) {
    throw new Error(
      `${source}: not a malloc-matrix results file (schema is ${describeValue(record.schema)}, expected "${RESULTS_SCHEMA_ID}")`,
    );
  }
  checkVersion(record.version, source);
  const parsed = resultsSchema.safeParse(upgraded(record));
  if (!parsed.success) throw new Error(`${source}: ${describeIssues(parsed.error.issues, value)}`);
  return parsed.data;
}

export function parseJsonText(text: string, source: string): unknown {
  if (text.trim() === '') throw new Error(`${source}: the file is empty (expected a results JSON object)`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${messageOf(error)})`);
  }
}

/**
 * Older versions read as this one. Version 2 only added optional parts (the probe, the cross-run
 * history), so a version 1 file is a version 2 file without them: only its number changes.
 */
const READABLE_VERSIONS: readonly number[] = [1, RESULTS_VERSION];

function upgraded(record: Record<string, unknown>): Record<string, unknown> {
  return record.version === RESULTS_VERSION ? record : { ...record, version: RESULTS_VERSION };
}

function checkVersion(version: unknown, source: string): void {
  if (typeof version === 'number' && READABLE_VERSIONS.includes(version)) return;
  if (typeof version === 'number' && Number.isInteger(version) && version > RESULTS_VERSION) {
    throw new Error(
      `${source}: version ${version} is newer than this malloc-matrix understands (${RESULTS_VERSION}); upgrade malloc-matrix`,
    );
  }
  throw new Error(
    `${source}: version ${describeValue(version)} is not supported (expected ${READABLE_VERSIONS.join(' or ')})`,
  );
}

function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const first = issues[0];
  if (first === undefined) return 'does not match the results schema';
  const place = formatPath(first.path);
  const actual = valueAt(input, first.path);
  const got = actual.found && isPrimitive(actual.value) ? ` (got ${describeValue(actual.value)})` : '';
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${place === '' ? '' : `${place}: `}${first.message}${got}${more}`;
}

/** `['cells', 3, 'status']` → `cells[3].status`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'bigint') return `${value.toString()}n`;
  // JSON.stringify gives undefined for functions and symbols: name their type instead.
  const text = (JSON.stringify(value) as string | undefined) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The JSON Schema of a results file (draft 2020-12), committed as docs/results-schema.json. */
export function resultsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(resultsSchema, { target: 'draft-2020-12', io: 'input' });
}
