import { it } from '@jest/globals';
import { createDockerClient } from '../src/executors/docker-client.js';
import { createTarArchiver, copyTree } from '../src/executors/docker-trees.js';

it('scratch2', async () => {
  const d = createDockerClient();
  console.log(await d.run(['run', '-d', '--name', 'h5dbg2', '--entrypoint', 'sleep', 'mm-h5-throwaway:musl', '1000']));
  try {
    await copyTree(d, createTarArchiver(), 'h5dbg2', '/tmp/h5ws', '/mm/head');
    console.log(await d.run(['exec', 'h5dbg2', 'find', '/mm']));
    console.log(await d.run(['exec', 'h5dbg2', 'test', '-d', '/mm/head/sub']));
  } finally { await d.run(['rm', '-f', 'h5dbg2']); }
}, 60000);
