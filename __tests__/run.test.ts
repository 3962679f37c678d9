// runHelperBatch against stand-in helpers written in sh: what it does with good, short, bad
// and failing output. The real helper is exercised in harness.test.itg.ts.
import { describe, expect, it } from '@jest/globals';
import type { Batch, CellRecord } from '../src/measure/executor.js';
import { runHelperBatch } from '../src/harness/run.js';

const batch: Batch = {
  variants: [{ id: 'v', argv: ['./bench'], cwd: '/w', env: {}, timeoutMs: 1000 }],
  runs: [
    { variantId: 'v', kind: 'warmup', round: -1, position: 0 },
    { variantId: 'v', kind: 'measured', round: 0, position: 0 },
  ],
};

function line(kind: string, round: number): string {
  return JSON.stringify({
    variant: 'v',
    kind,
    round,
    position: 0,
    outcome: 'exited',
    exit_code: 0,
    signal: null,
    wall_ns: 2_000_000,
    user_us: 1000,
    sys_us: 0,
    maxrss_kib: 100,
  });
}

/** A fake helper: swallows the plan (saving it to check), then runs the given sh script. */
function fake(script: string): { command: string; args: string[] } {
  return { command: '/bin/sh', args: ['-c', `cat > /dev/null; ${script}`] };
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

describe('runHelperBatch', () => {
  it('delivers every record in order', async () => {
    const seen: CellRecord[] = [];
    await runHelperBatch(
      fake(`printf '%s\\n' ${quoted(line('warmup', -1))} ${quoted(line('measured', 0))}`),
      batch,
      (r) => {
        if ('record' in r) seen.push(r);
      },
    );
    expect(seen.map((r) => [r.record.kind, r.record.wallMs])).toEqual([
      ['warmup', 2],
      ['measured', 2],
    ]);
  });

  it('sends the encoded plan on stdin', async () => {
    const spec = { command: '/bin/sh', args: ['-c', `head -n 1 >&2; exit 9`] };
    await expect(runHelperBatch(spec, batch, () => undefined)).rejects.toThrow(
      /exited with code 9: MMPLAN1$/,
    );
  });

  it('rejects with the exit code and stderr when the helper fails', async () => {
    await expect(
      runHelperBatch(fake('echo "mm-helper: broken" >&2; exit 2'), batch, () => undefined),
    ).rejects.toThrow(
      'measuring helper (/bin/sh -c cat > /dev/null; echo "mm-helper: broken" >&2; exit 2) exited with code 2: mm-helper: broken',
    );
  });

  it('rejects when fewer runs were reported than planned, after delivering those', async () => {
    const seen: CellRecord[] = [];
    await expect(
      runHelperBatch(fake(`printf '%s\\n' ${quoted(line('warmup', -1))}`), batch, (r) => {
        if ('record' in r) seen.push(r);
      }),
    ).rejects.toThrow(/reported 1 of 2 planned runs/);
    expect(seen).toHaveLength(1);
  });

  it('rejects malformed output', async () => {
    await expect(runHelperBatch(fake(`echo 'not json'`), batch, () => undefined)).rejects.toThrow(
      /malformed helper output/,
    );
  });

  it('rejects records out of plan order', async () => {
    await expect(
      runHelperBatch(fake(`printf '%s\\n' ${quoted(line('measured', 0))}`), batch, () => undefined),
    ).rejects.toThrow('measuring helper reported run 0 as v/measured/0/0, but the plan has v/warmup/-1/0');
  });

  it('rejects when the helper cannot be started', async () => {
    await expect(
      runHelperBatch({ command: '/nonexistent/mm-helper', args: [] }, batch, () => undefined),
    ).rejects.toThrow(
      /cannot start the measuring helper \(\/nonexistent\/mm-helper\): spawn \/nonexistent\/mm-helper ENOENT/,
    );
  });

  it('kills the helper and rejects when aborted', async () => {
    const controller = new AbortController();
    const running = runHelperBatch(fake('exec sleep 30'), batch, () => undefined, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toThrow(/aborted/);
  });
});
