import { expect, it } from '@jest/globals';
import { createDockerExecutor } from '../src/executors/docker.js';

it('scratch', async () => {
  const lines: string[] = [];
  const ex = createDockerExecutor({
    runId: 'h5scratch', images: { musl: 'mm-h5-throwaway:musl', glibc: 'mm-h5-throwaway:musl' }, pull: 'never',
    env: { FOO: 'bar baz' }, memoryLimit: '256m',
    log: { info: (l) => lines.push(l), warning: (l) => lines.push(`W ${l}`), group: async (n, fn) => { lines.push(`G ${n}`); return fn(); } },
  });
  try {
    const env = await ex.prepare({ libc: 'musl', trees: { head: '/tmp/h5ws' }, workingDirectory: 'sub', setup: 'echo "FOO=$FOO in $(pwd)"; ls -a /mm/head; exit 3', allocators: [{ name: 'default' }, { name: 'jemalloc' }, { name: 'mimalloc' }, { name: 'c', customPath: '/lib/libjemalloc.so' }] });
    console.log(JSON.stringify(env.info, null, 1), env.treeDirs, env.treeFailures, lines);
    const recs: unknown[] = [];
    await env.runBatch({ variants: [{ id: 'v', argv: ['/bin/sh', '-c', 'echo hi; pwd'], cwd: '/mm/head/sub', env: { X: '1' }, timeoutMs: 10000 }], runs: [{ variantId: 'v', kind: 'measured', round: 0, position: 0 }] }, (r) => recs.push(r));
    console.log(JSON.stringify(recs));
    const env2 = await ex.prepare({ libc: 'glibc', trees: { head: '/tmp/h5ws' }, workingDirectory: '.', allocators: [] });
    console.log(env2.info.failure);
  } finally {
    await ex.cleanup();
  }
  expect(lines.length).toBeGreaterThan(0);
}, 120000);
