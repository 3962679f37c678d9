// The example workflows as GitHub would run them: every value an example gives the action goes
// through the real input parser (with GitHub's expressions replaced by plausible values), the
// actions they use are the Node 24 majors, every job has a timeout, every package installed with
// `apk add` is one the README names as packaged by Alpaquita, and the fork-safe pair fits.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../src/config/parse.js';
import type { InputName } from '../src/config/names.js';
import { parseActionYml } from './support/reference.js';

const action = parseActionYml(readFileSync('action.yml', 'utf8'));
const declared = new Set(Object.keys(action.inputs));

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  'timeout-minutes'?: number;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name?: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function workflowFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => path.join(dir, f));
}

function readWorkflow(file: string): Workflow {
  return parse(readFileSync(file, 'utf8')) as Workflow;
}

function isThisAction(step: Step): boolean {
  return step.uses === './' || step.uses?.startsWith('malloc-matrix/malloc-matrix@') === true;
}

const EXPECTED_EXAMPLES = [
  'basic.yml',
  'python.yml',
  'java.yml',
  'fork-safe/pull_request.yml',
  'fork-safe/workflow_run.yml',
  'cache-baseline.yml',
  'custom-allocator.yml',
  'tunables.yml',
  'sharded.yml',
];

const examples = workflowFiles('examples');
const workflows = workflowFiles('.github/workflows');

// The current majors of the actions the examples and this repository's own CI use; all run on
// Node 24 (`runs.using: node24`), which needs Actions runner 2.327.1 or later.
const NODE24_MAJORS: Record<string, string> = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v8',
  'actions/cache': 'v5',
};
const PINNED = [
  ...examples,
  '.github/workflows/ci.yml',
  '.github/workflows/release.yml',
  '.github/workflows/e2e.yml',
];

// What GitHub would put in place of the expressions the examples use.
const EXPRESSIONS: Record<string, string> = {
  'github.token': 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB',
  'steps.mm.outputs.results': '/home/runner/work/_temp/malloc-matrix-1a2b3c4d/results.json',
  'github.event.workflow_run.id': '12345678901',
  'matrix.libc': 'musl',
};

function substituteExpressions(value: string): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const replacement = EXPRESSIONS[expression];
    if (replacement === undefined) {
      throw new Error(`no plausible value for \${{ ${expression} }}: add one to EXPRESSIONS`);
    }
    return replacement;
  });
}

/** A `with:` value as the runner passes it: YAML scalars as their text, an empty value as ''. */
function scalarText(name: string, value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`input '${name}' is not a scalar; the runner accepts only strings, numbers and booleans`);
}

/** The raw inputs the runner hands the action: each `with:` value, else action.yml's default. */
function inputsOf(step: Step): (name: InputName) => string | undefined {
  return (name) => {
    const given = step.with?.[name];
    const value = given !== undefined ? scalarText(name, given) : action.inputs[name]?.default;
    return value === undefined ? undefined : substituteExpressions(value);
  };
}

/** The packages of every `apk add` in a shell script (flags and a --virtual name skipped). */
function apkAdds(script: string): string[] {
  const joined = script.replace(/\\\n/g, ' ');
  const packages: string[] = [];
  for (const match of joined.matchAll(/\bapk\s+add\b([^\n;&|]*)/g)) {
    const words = match[1].trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      if (words[i] === '-t' || words[i] === '--virtual') i++;
      else if (!words[i].startsWith('-')) packages.push(words[i]);
    }
  }
  return packages;
}

/** Every shell script of a workflow: `run:` steps and the action's `setup`. */
function scriptsOf(workflow: Workflow): string[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    job.steps.flatMap((step) => [
      ...(step.run !== undefined ? [step.run] : []),
      ...(isThisAction(step) && typeof step.with?.setup === 'string' ? [step.with.setup] : []),
    ]),
  );
}

/** The packages the README's table names as packaged by Alpaquita. */
function documentedPackages(): Set<string> {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('<!-- alpaquita-packages:start -->');
  const end = readme.indexOf('<!-- alpaquita-packages:end -->');
  if (start < 0 || end < start) throw new Error('README.md has no alpaquita-packages block');
  const rows = readme.slice(start, end).split('\n');
  return new Set(rows.flatMap((row) => /^\| `([a-z0-9][a-z0-9.+_-]*)` \|/.exec(row)?.[1] ?? []));
}

describe('examples/', () => {
  it('holds every documented example', () => {
    const files = examples.map((f) => path.relative('examples', f));
    for (const name of EXPECTED_EXAMPLES) expect(files).toContain(name);
  });

  it.each([...examples, ...workflows])('%s only uses inputs that action.yml declares', (file) => {
    const workflow = readWorkflow(file);
    expect(workflow.jobs).toBeDefined();
    let uses = 0;
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter(isThisAction)) {
        uses += 1;
        for (const input of Object.keys(step.with ?? {})) {
          expect([file, input, declared.has(input)]).toEqual([file, input, true]);
        }
      }
    }
    if (file.startsWith('examples')) expect(uses).toBeGreaterThan(0);
  });

  it.each(examples)('%s gives the action values its input parser accepts', (file) => {
    const steps = Object.values(readWorkflow(file).jobs).flatMap((job) => job.steps.filter(isThisAction));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(() =>
        parseConfig(inputsOf(step), { label: (name) => `input '${name}'`, randomSeed: () => 1 }),
      ).not.toThrow();
    }
  });

  it('tunables.yml measures each variant and glibc-debug as a cell of its own', () => {
    const [step] = Object.values(readWorkflow('examples/tunables.yml').jobs).flatMap((job) =>
      job.steps.filter(isThisAction),
    );
    const config = parseConfig(inputsOf(step), { label: (name) => `input '${name}'`, randomSeed: () => 1 });
    expect(config.allocators.map((a) => (a.kind === 'variant' ? `${a.name} (${a.base})` : a.name))).toEqual([
      'default',
      'jemalloc',
      'mimalloc',
      'glibc-debug',
      'jemalloc+bg (jemalloc)',
      'mimalloc+eager (mimalloc)',
      'default+arena2 (default)',
    ]);
    expect(config.allocators.find((a) => a.name === 'jemalloc+bg')).toMatchObject({
      env: [['MALLOC_CONF', 'background_thread:true,dirty_decay_ms:0']],
    });
  });

  it.each([...examples, ...workflows])('%s gives every job a timeout', (file) => {
    for (const [name, job] of Object.entries(readWorkflow(file).jobs)) {
      expect([file, name, typeof job['timeout-minutes']]).toEqual([file, name, 'number']);
    }
  });

  it.each(PINNED)('%s uses the Node 24 majors of GitHub’s actions', (file) => {
    const used = Object.values(readWorkflow(file).jobs).flatMap((job) =>
      job.steps.flatMap((step) => (step.uses?.startsWith('actions/') ? [step.uses] : [])),
    );
    for (const uses of used) {
      const [name, ref] = uses.split('@');
      expect([file, name, ref]).toEqual([file, name, NODE24_MAJORS[name]]);
    }
  });

  it.each(examples)('%s installs only packages the README names as packaged by Alpaquita', (file) => {
    const packaged = documentedPackages();
    expect(packaged.size).toBeGreaterThan(0);
    for (const name of scriptsOf(readWorkflow(file)).flatMap(apkAdds)) {
      expect([file, name, packaged.has(name)]).toEqual([file, name, true]);
    }
  });

  it('finds the packages of apk add wherever a script has one', () => {
    expect(apkAdds('apk add --no-cache build-base && make')).toEqual(['build-base']);
    expect(apkAdds('apk add -t .deps --no-cache python3 \\\n  perf; apk add gperftools')).toEqual([
      'python3',
      'perf',
      'gperftools',
    ]);
    expect(apkAdds('RUN apk add --no-cache build-base\nCOPY x y')).toEqual(['build-base']);
  });

  it('never suggests pull_request_target (it would run PR code with a write token)', () => {
    for (const file of [...examples, ...workflows]) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/^\s*pull_request_target\s*:/m);
    }
  });

  it('gives every example its own workflow name (workflow_run finds a workflow by name)', () => {
    const names = examples.map((file) => readWorkflow(file).name);
    expect(names.every((n) => typeof n === 'string' && n !== '')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the fork-safe pair', () => {
  const measure = readWorkflow('examples/fork-safe/pull_request.yml');
  const report = readWorkflow('examples/fork-safe/workflow_run.yml');
  const reportJob = Object.values(report.jobs)[0];

  it('measures on pull_request with a read-only token, and posts no comment', () => {
    expect(Object.keys(measure.on)).toEqual(['pull_request']);
    expect(measure.permissions).toEqual({ contents: 'read' });
    const mm = Object.values(measure.jobs)[0].steps.find(isThisAction);
    expect(mm?.with?.comment).toBe('never');
  });

  it('uploads the results only when the benchmark step wrote them, and fails on a missing file', () => {
    const steps = Object.values(measure.jobs)[0].steps;
    const mm = steps.find(isThisAction);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(mm?.id).toBeDefined();
    expect(upload?.with?.path).toBe(`\${{ steps.${mm?.id}.outputs.results }}`);
    expect(upload?.if).toContain(`steps.${mm?.id}.outputs.results != ''`);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('reports after the measuring workflow, found by its name', () => {
    const trigger = report.on.workflow_run as { workflows: string[]; types: string[] };
    expect(trigger.workflows).toEqual([measure.name]);
    expect(trigger.types).toEqual(['completed']);
  });

  it('reports only finished pull request runs, and only when their artifact exists', () => {
    expect(reportJob.if).toContain("github.event.workflow_run.event == 'pull_request'");
    expect(reportJob.if).toContain('github.event.workflow_run.conclusion');
    const find = reportJob.steps.find((s) => s.run?.includes('/artifacts?name=malloc-matrix-results'));
    expect(find?.id).toBeDefined();
    const later = reportJob.steps.slice(reportJob.steps.indexOf(find!) + 1);
    expect(later.length).toBeGreaterThan(0);
    for (const step of later) expect(step.if).toBe(`steps.${find?.id}.outputs.found == 'true'`);
  });

  it('runs no PR code, and takes the pull request from the event, not from the artifact', () => {
    expect(report.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    expect(reportJob.steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false);
    const mm = reportJob.steps.find(isThisAction);
    expect(mm?.with?.mode).toBe('report');
    expect(mm?.with).not.toHaveProperty('pr-number');
    expect(mm?.with?.['github-token']).toBe('${{ github.token }}');
  });
});

describe('the sharded example', () => {
  interface MatrixJob extends Job {
    'runs-on': string;
    needs?: string;
    strategy?: { 'fail-fast'?: boolean; matrix: Record<string, string[]> };
  }
  const workflow = readWorkflow('examples/sharded.yml') as unknown as { jobs: Record<string, MatrixJob> };
  const jobs = Object.entries(workflow.jobs);
  const [shardName, shard] = jobs.find(([, j]) =>
    j.steps.some((s) => isThisAction(s) && s.with?.mode === 'shard'),
  )!;
  const [, merge] = jobs.find(([, j]) => j.steps.some((s) => isThisAction(s) && s.with?.mode === 'merge'))!;

  it('runs a shard per libc on an x86_64 and an arm64 runner, none cancelling the others', () => {
    expect(shard.strategy?.matrix.libc).toEqual(['musl', 'glibc']);
    expect(shard.strategy?.matrix.runner).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm']);
    expect(shard['runs-on']).toBe('${{ matrix.runner }}');
    expect(shard.strategy?.['fail-fast']).toBe(false);
    expect(shard.steps.find(isThisAction)?.with?.libcs).toBe('${{ matrix.libc }}');
  });

  it('merges after every shard, also after a failed one, with the right to comment', () => {
    expect(merge.needs).toBe(shardName);
    expect(merge.if).toBe('${{ !cancelled() }}');
    expect(merge.permissions?.['pull-requests']).toBe('write');
  });
});
