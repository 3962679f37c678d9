import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseActionYml } from './support/reference.js';

const declared = new Set(Object.keys(parseActionYml(readFileSync('action.yml', 'utf8')).inputs));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, { steps: Step[] }>;
}

function workflowFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => path.join(dir, f));
}

const EXPECTED_EXAMPLES = [
  'basic.yml',
  'python.yml',
  'java.yml',
  'fork-safe/pull_request.yml',
  'fork-safe/workflow_run.yml',
  'cache-baseline.yml',
  'custom-allocator.yml',
];

describe('examples/', () => {
  it('holds every documented example', () => {
    const files = workflowFiles('examples').map((f) => path.relative('examples', f));
    for (const name of EXPECTED_EXAMPLES) expect(files).toContain(name);
  });

  const files = [...workflowFiles('examples'), ...workflowFiles('.github/workflows')];
  it.each(files)('%s only uses inputs that action.yml declares', (file) => {
    const workflow = parse(readFileSync(file, 'utf8')) as Workflow;
    expect(workflow.jobs).toBeDefined();
    let uses = 0;
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) {
        if (step.uses === './' || step.uses?.startsWith('malloc-matrix/malloc-matrix@')) {
          uses += 1;
          for (const input of Object.keys(step.with ?? {})) {
            expect([file, input, declared.has(input)]).toEqual([file, input, true]);
          }
        }
      }
    }
    if (file.startsWith('examples')) expect(uses).toBeGreaterThan(0);
  });

  it('never suggests pull_request_target (it would run PR code with a write token)', () => {
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/^\s*pull_request_target\s*:/m);
  });
});
