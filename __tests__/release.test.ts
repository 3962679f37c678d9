// What a release needs before it can be tagged and listed on the GitHub Marketplace: action.yml
// metadata the Marketplace accepts, a changelog section for the version being released, a
// package whose installed CLI pulls no dependencies, and a release workflow that checks dist/.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8')) as {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
};
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  private?: boolean;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  files?: string[];
  bin?: Record<string, string>;
};
const changelog = readFileSync('CHANGELOG.md', 'utf8');

// The Marketplace's branding colours; the icon must be one of its Feather icons.
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];

describe('action.yml for the Marketplace', () => {
  it('has a description of at most 125 characters', () => {
    expect(action.description.length).toBeGreaterThan(0);
    expect(action.description.length).toBeLessThanOrEqual(125);
  });

  it('has branding: an icon and one of the Marketplace colours', () => {
    expect(action.branding?.icon).toMatch(/^[a-z0-9-]+$/);
    expect(BRANDING_COLORS).toContain(action.branding?.color);
  });
});

describe('CHANGELOG.md', () => {
  it('has a dated section for the version in package.json', () => {
    const heading = `## [${manifest.version}] - `;
    const line = changelog.split('\n').find((l) => l.startsWith(heading));
    expect(line).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/);
  });

  it('lists the versions newest first', () => {
    const versions = [...changelog.matchAll(/^## \[(\d+)\.(\d+)\.(\d+)\]/gm)].map((m) =>
      m.slice(1, 4).map(Number),
    );
    expect(versions.length).toBeGreaterThan(0);
    const sorted = [...versions].sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    expect(versions).toEqual(sorted);
  });
});

describe('package.json', () => {
  it('can be packed and published, with the CLI and the helper source inside', () => {
    expect(manifest.private).not.toBe(true);
    expect(manifest.bin).toEqual({ 'malloc-matrix': 'dist/cli/index.js' });
    expect(manifest.files).toEqual(expect.arrayContaining(['dist/cli/', 'harness/mm-helper.c']));
  });

  it('declares no runtime dependencies: dist/ bundles them', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('asks for the Node the code is tested on (20) and no newer', () => {
    expect(manifest.engines?.node).toBe('>=20');
  });
});

describe('README.md', () => {
  it('installs the CLI from the release of the version in package.json', () => {
    const readme = readFileSync('README.md', 'utf8');
    const hint = /<!-- install-hint:start -->\n```sh\n(.*)\n```\n<!-- install-hint:end -->/.exec(readme);
    const v = manifest.version;
    expect(hint?.[1]).toBe(
      `npm install -g https://github.com/malloc-matrix/malloc-matrix/releases/download/v${v}/malloc-matrix-${v}.tgz`,
    );
  });
});

describe('.github/workflows/release.yml', () => {
  const text = readFileSync('.github/workflows/release.yml', 'utf8');
  const workflow = parse(text) as {
    on: { push: { tags: string[] }; workflow_dispatch: { inputs: Record<string, unknown> } };
  };

  it('runs on a vX.Y.Z tag and by hand with a version', () => {
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['version']);
  });

  it('checks dist/ against a fresh bundle and runs the unit tests before tagging', () => {
    const order = [
      'npm run bundle',
      'git diff --exit-code',
      'npm run test:unit',
      'git tag -fa',
      'gh release create',
    ];
    const at = order.map((needle) => text.indexOf(needle));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
