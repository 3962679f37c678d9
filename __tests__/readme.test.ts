// The README against the product: its CLI options against what parseCliArgs accepts and what
// --help prints, its links and commands against the files of the repository, and its workflow
// snippets against the inputs action.yml declares.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseCliArgs, USAGE } from '../src/cli/args.js';
import { INPUT_NAMES } from '../src/config/names.js';
import { parseActionYml } from './support/reference.js';

const readme = readFileSync('README.md', 'utf8');
const CLI_START = '<!-- cli-usage:start -->';
const CLI_END = '<!-- cli-usage:end -->';

/** The fenced block between the cli-usage markers. */
function readmeUsage(): string {
  const start = readme.indexOf(CLI_START);
  const end = readme.indexOf(CLI_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${CLI_START} … ${CLI_END} block`);
  const block = readme.slice(start + CLI_START.length, end);
  const fenced = /```[a-z]*\n([\s\S]*?)```/.exec(block);
  if (!fenced) throw new Error('the cli-usage block of README.md holds no fenced code block');
  return fenced[1];
}

/** Long option names in a usage text: lines that start with `--name` or `-x, --name`. */
function optionsIn(usage: string): string[] {
  return [...usage.matchAll(/^ {2}(?:-[a-z], )?--([a-z][a-z-]*)/gm)].map((m) => m[1]);
}

/** Whether parseCliArgs accepts `--name` (given a value, as every option but the booleans takes one). */
function accepted(name: string): boolean {
  try {
    parseCliArgs([`--${name}=x`]);
    return true;
  } catch (error) {
    if ((error as Error).message.includes('Unknown option')) return false;
    // A boolean flag refuses a value but exists: without one it must parse.
    parseCliArgs([`--${name}`]);
    return true;
  }
}

/** Option names parseCliArgs might accept: every input, and every option USAGE or the README names. */
function candidateOptions(): string[] {
  return [...new Set([...INPUT_NAMES, ...optionsIn(USAGE), ...optionsIn(readmeUsage())])];
}

describe('README: the CLI', () => {
  it('--help (USAGE) lists exactly the options the CLI accepts', () => {
    const real = candidateOptions().filter((name) => accepted(name));
    expect(optionsIn(USAGE).sort()).toEqual(real.sort());
    // Inputs that make no sense on a command line are not options, and USAGE does not offer them.
    expect(real).not.toContain('run');
  });

  it('lists exactly the options the CLI accepts', () => {
    const documented = optionsIn(readmeUsage()).sort();
    const real = candidateOptions()
      .filter((name) => accepted(name))
      .sort();
    expect(documented).toEqual(real);
  });

  it('shows the same usage as malloc-matrix --help (copy USAGE of src/cli/args.ts into the block)', () => {
    expect(readmeUsage()).toBe(USAGE);
  });

  it('names elsewhere only options that exist', () => {
    const rest = readme.replace(readmeUsage(), '');
    // Inline code that starts with an option, and the options of every malloc-matrix command line.
    const inline = [...rest.matchAll(/`--([a-z][a-z-]*)/g)].map((m) => m[1]);
    // A command line's words, a quoted argument counting as one word, up to the end of the line,
    // of the inline code or `--`.
    const commandLines = [...rest.matchAll(/malloc-matrix((?: +(?:'[^'\n]*'|[^\s`']+))*)/g)];
    const inCommands = commandLines.flatMap((m) => {
      const words = [...m[1].matchAll(/'[^']*'|[^\s']+/g)].map((w) => w[0]);
      const end = words.indexOf('--');
      return words
        .slice(0, end < 0 ? undefined : end)
        .filter((w) => w.startsWith('--'))
        .map((w) => w.slice(2).split('=')[0]);
    });
    expect(inCommands.length).toBeGreaterThan(0);
    for (const name of new Set([...inline, ...inCommands])) {
      expect([name, accepted(name)]).toEqual([name, true]);
    }
  });
});

describe('README: files it points to', () => {
  const links = [...readme.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/i.test(target));

  it('links only to files and folders that exist', () => {
    expect(links.length).toBeGreaterThan(0);
    const missing = links.filter((target) => !existsSync(path.normalize(target)));
    expect(missing).toEqual([]);
  });

  it('links every example workflow of examples/ (or its folder)', () => {
    const workflows = readdirSync('examples', { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => path.join('examples', f));
    expect(workflows.length).toBeGreaterThan(0);
    const linked = new Set(links.map((l) => path.normalize(l).replace(/\/$/, '')));
    // A folder of examples (fork-safe/) may be linked as a whole; examples/ itself does not count.
    const unlinked = workflows.filter(
      (f) => !linked.has(f) && !(path.dirname(f) !== 'examples' && linked.has(path.dirname(f))),
    );
    expect(unlinked).toEqual([]);
  });

  it('runs only scripts and npm scripts that exist', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    const npmRuns = [...readme.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((m) => m[1]);
    const bashRuns = [...readme.matchAll(/`bash ([\w./-]+)/g)].map((m) => m[1]);
    expect(bashRuns.length).toBeGreaterThan(0);
    expect(npmRuns.filter((name) => scripts[name] === undefined)).toEqual([]);
    expect(bashRuns.filter((file) => !existsSync(file))).toEqual([]);
  });
});

describe('README: workflow snippets', () => {
  const declared = new Set(Object.keys(parseActionYml(readFileSync('action.yml', 'utf8')).inputs));

  /** Every `with:` of a step that uses this action, in a YAML value of any shape. */
  function actionSteps(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
    if (Array.isArray(value)) for (const item of value) actionSteps(item, found);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.uses === 'string' && record.uses.startsWith('malloc-matrix/malloc-matrix')) {
        found.push((record.with ?? {}) as Record<string, unknown>);
      }
      for (const child of Object.values(record)) actionSteps(child, found);
    }
    return found;
  }

  it('use only inputs that action.yml declares', () => {
    const blocks = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]);
    const steps = blocks.flatMap((block) => {
      const indent = Math.min(
        ...block
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => /^ */.exec(l)![0].length),
      );
      const dedented = block
        .split('\n')
        .map((l) => l.slice(indent))
        .join('\n');
      return actionSteps(parse(dedented));
    });
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const inputs of steps) {
      for (const name of Object.keys(inputs)) expect([name, declared.has(name)]).toEqual([name, true]);
    }
  });
});
