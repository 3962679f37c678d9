import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLI_ONLY_INPUTS, INPUT_DEFAULTS, INPUT_NAMES, OUTPUTS } from '../src/config/names.js';
import {
  parseActionYml,
  REFERENCE_END,
  REFERENCE_START,
  renderReference,
  spliceReference,
} from './support/reference.js';
import { TOOL_VERSION } from '../src/base/version.js';

const actionText = readFileSync('action.yml', 'utf8');
const action = parseActionYml(actionText);

describe('action.yml', () => {
  it('declares exactly the inputs the code parses', () => {
    const declared = Object.keys(action.inputs).sort();
    const parsed = INPUT_NAMES.filter((n) => !CLI_ONLY_INPUTS.includes(n)).sort();
    expect(declared).toEqual(parsed);
  });

  it('documents the same defaults the CLI applies', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name === 'github-token') continue; // the action's default is an expression
      expect([name, input.default ?? '']).toEqual([
        name,
        INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS],
      ]);
    }
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
  });

  it('runs on node24 with a post step for cleanup', () => {
    const runs = (action as unknown as { runs: Record<string, string> }).runs;
    expect(runs).toMatchObject({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
  });
});

describe('README reference', () => {
  // With UPDATE_DOCS=1 the README is rewritten first; the assertions then hold for what was written.
  it('matches action.yml (regenerate with UPDATE_DOCS=1 npm test -- reference)', () => {
    const reference = renderReference(actionText);
    if (process.env.UPDATE_DOCS === '1') {
      writeFileSync('README.md', spliceReference(readFileSync('README.md', 'utf8'), reference));
    }
    const readme = readFileSync('README.md', 'utf8');
    expect(spliceReference(readme, reference)).toBe(readme);
    const block = readme.slice(readme.indexOf(REFERENCE_START), readme.indexOf(REFERENCE_END));
    const rows = [...block.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...Object.keys(action.inputs), ...Object.keys(action.outputs)]);
  });
});

describe('version', () => {
  it('equals package.json', () => {
    expect(TOOL_VERSION).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    );
  });
});
