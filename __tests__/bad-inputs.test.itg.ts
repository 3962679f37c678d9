// The bad-input campaign: every malformed input of the parser's table, driven through the
// bundled action as GitHub runs it. Each must fail the step with one line naming the input, the
// value and what is accepted, print no stack trace, and start nothing: no results, no container.
import { describe, expect, it } from '@jest/globals';
import { runAction } from './support/bench.js';
import { BAD } from './support/bad-inputs.js';
import {
  BUILD_FAULTY,
  cellStatuses,
  dockerEngineUp,
  faultyWorkspace,
  measuredCells,
  ourContainers,
  readRunResults,
  record,
} from './support/campaign.js';
import { ensureStandinImages } from './support/standin.js';

const engineUp = dockerEngineUp();

describe('malformed inputs through dist/index.js', () => {
  it.each(BAD)('%s', async (what, inputs, expected) => {
    let clean = false;
    try {
      const run = await runAction(inputs);
      expect(run.code).toBe(1);
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
      expect(errors).toHaveLength(1);
      // Newlines in the message would be encoded as %0A: one line means none.
      expect(errors[0]).not.toContain('%0A');
      // Undo the workflow-command escaping the runner undoes.
      const message = errors[0]
        .replace(/^::error::/, '')
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%');
      expect(message).toMatch(expected);
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
      // No partial run: no outputs, no report, and no run id saved, so no container was labelled
      // for this run (the container count over the whole campaign is in docs/reliability.md).
      expect(run.outputs).toEqual({});
      expect(run.state['malloc-matrix-run-id']).toBeUndefined();
      expect(run.summary).toBe('');
      clean = true;
    } finally {
      record({ kind: 'bad-input', name: what, ok: clean });
    }
  });

  it('covers at least 40 malformed inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40);
  });
});

// A custom allocator path that is not in the image cannot be told at parse time: that cell
// becomes `unavailable`, with the path, and the rest of the matrix still measures.
(engineUp ? describe : describe.skip)('a custom allocator missing from the image', () => {
  it('is an unavailable cell naming the path', async () => {
    let clean = false;
    try {
      const images = await ensureStandinImages();
      const run = await runAction(
        {
          'image-musl': images.musl,
          libcs: 'musl',
          pull: 'never',
          allocators: 'default,mine=/usr/lib/libnot-there.so',
          setup: BUILD_FAULTY,
          run: './faulty none',
          runs: '3',
          baseline: 'none',
          comment: 'never',
        },
        { GITHUB_WORKSPACE: faultyWorkspace() },
      );
      expect(run.code).toBe(0);
      const results = readRunResults(run).results!;
      expect(cellStatuses(results)).toEqual({ 'musl/default': 'ok', 'musl/mine': 'unavailable' });
      expect(results.cells.find((c) => c.allocator === 'mine')?.reason).toContain('/usr/lib/libnot-there.so');
      expect(measuredCells(results)).toEqual(['musl/default']);
      expect(ourContainers(`label=malloc-matrix.run=${run.state['malloc-matrix-run-id']}`)).toEqual([]);
      clean = true;
    } finally {
      record({ kind: 'bad-input', name: 'custom allocator path missing from the image', ok: clean });
    }
  }, 120_000);
});
