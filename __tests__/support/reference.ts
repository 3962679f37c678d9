// Pure: renders the README's input and output reference from action.yml, so the two cannot
// drift apart (a test regenerates it and compares).
import { parse } from 'yaml';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

export const REFERENCE_START =
  '<!-- reference:start (generated from action.yml by `UPDATE_DOCS=1 npm test -- reference`) -->';
export const REFERENCE_END = '<!-- reference:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
}

export function parseActionYml(text: string): ActionYml {
  return parse(text) as ActionYml;
}

export function renderReference(actionYmlText: string): string {
  const action = parseActionYml(actionYmlText);
  const lines = ['### Inputs', '', '| input | default | description |', '|---|---|---|'];
  for (const [name, input] of Object.entries(action.inputs)) {
    const def = input.default === undefined || input.default === '' ? '' : `\`${cell(input.default)}\``;
    lines.push(`| \`${name}\` | ${def} | ${cell(input.description)} |`);
  }
  lines.push('', '### Outputs', '', '| output | description |', '|---|---|');
  for (const [name, output] of Object.entries(action.outputs)) {
    lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  }
  return lines.join('\n');
}

/** Replaces the generated block of a README with a fresh rendering. */
export function spliceReference(readme: string, reference: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error('README has no reference markers');
  return `${readme.slice(0, start + REFERENCE_START.length)}\n\n${reference}\n\n${readme.slice(end)}`;
}
