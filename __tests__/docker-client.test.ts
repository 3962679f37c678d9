// The real client spawns whatever binary it is given; node itself stands in for docker here,
// so argv, stdin, environment, line streaming and exit codes are checked without an engine.
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createDockerClient, DOCKER_TIMEOUTS, dockerFailure } from '../src/executors/docker/client.js';

const node = createDockerClient(process.execPath);

describe('createDockerClient', () => {
  it('passes argv unchanged, without a shell', async () => {
    const tricky = '$(echo no); `x` "q" \'s\' *';
    const result = await node.run([
      '-e',
      'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
      tricky,
      '--',
    ]);
    expect(result).toMatchObject({
      exitCode: 0,
      signal: null,
      stdout: JSON.stringify([tricky, '--']),
      stderr: '',
    });
  });

  it('feeds string, buffer and stream input to stdin', async () => {
    const echo = ['-e', 'process.stdin.pipe(process.stdout)'];
    expect((await node.run(echo, { input: 'text' })).stdout).toBe('text');
    expect((await node.run(echo, { input: Buffer.from('bytes') })).stdout).toBe('bytes');
    expect((await node.run(echo, { input: Readable.from(['a', 'b', 'c']) })).stdout).toBe('abc');
  });

  it('adds the given environment to its own', async () => {
    const result = await node.run(
      ['-e', 'process.stdout.write(process.env.MM_VALUE + ":" + typeof process.env.PATH)'],
      {
        env: { MM_VALUE: 'v=1 2' },
      },
    );
    expect(result.stdout).toBe('v=1 2:string');
  });

  it('reports exit codes and stderr, and streams complete lines of both streams', async () => {
    const lines: string[] = [];
    const script =
      'process.stdout.write("one\\ntw"); process.stderr.write("err\\n"); process.stdout.write("o\\nlast"); process.exitCode = 3';
    const result = await node.run(['-e', script], { onLine: (l) => lines.push(l) });
    expect(result.exitCode).toBe(3);
    expect(dockerFailure('docker x', result)).toBe('err');
    expect(result.stderr).toBe('err\n');
    expect(result.stdout).toBe('one\ntwo\nlast');
    expect([...lines].sort()).toEqual(['err', 'last', 'one', 'two']);
  });

  it('kills a command that outlives its timeout and says so in one line', async () => {
    const result = await node.run(['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
    expect(dockerFailure('docker pull img', result)).toBe('docker pull img timed out after 200ms');
  });

  it('bounds every call by a default time limit', async () => {
    expect((await node.run(['-e', '0'])).timeoutMs).toBe(DOCKER_TIMEOUTS.default);
  });

  it('reports a signal death as the signal', async () => {
    const result = await node.run(['-e', 'process.kill(process.pid, "SIGTERM")']);
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGTERM' });
    expect(dockerFailure('docker exec', result)).toBe('docker exec was killed by SIGTERM');
  });

  it('rejects with a clear message when the binary does not exist', async () => {
    const missing = createDockerClient('mm-no-such-docker-binary');
    await expect(missing.run(['version'])).rejects.toThrow(
      "the docker CLI 'mm-no-such-docker-binary' was not found on PATH",
    );
  });
});
