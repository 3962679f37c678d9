// The process runner against real programs (sh, yes, sleep, tr): exit codes, signals, time
// limits that end a whole process group, bounded output and lines, stdin, and start failures.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeFailure,
  formatDuration,
  runProcess,
  streamProcess,
  succeeded,
  type OutputStream,
  type ProcessOptions,
} from '../src/process/run-process.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

function sh(script: string, options: Partial<ProcessOptions> = {}) {
  return runProcess('/bin/sh', ['-c', script], { env, ...options });
}

/** True while the process exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until the process is gone; false if it is still there after `ms`. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
    if (!isRunning(pid)) return true;
  }
  return !isRunning(pid);
}

describe('runProcess: how a program ended', () => {
  it('passes argv unchanged, without a shell', async () => {
    const tricky = '$(echo no); `x` "q" \'s\' * \n';
    const result = await runProcess('printf', ['%s|', tricky, '--'], { env });
    expect(result).toMatchObject({ exitCode: 0, signal: null, timedOut: false, aborted: false });
    expect(result.stdout).toBe(`${tricky}|--|`);
    expect(succeeded(result)).toBe(true);
  });

  it('reports the exit code and the last line of stderr', async () => {
    const result = await sh('echo out; echo first >&2; echo "make: *** Error 2" >&2; exit 3');
    expect(result).toMatchObject({ exitCode: 3, signal: null, stdout: 'out\n' });
    expect(succeeded(result)).toBe(false);
    expect(describeFailure('make', result)).toBe('make exited with code 3: make: *** Error 2');
  });

  it('reports a signal as the signal, not as 128+N', async () => {
    const result = await sh('kill -KILL $$');
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: false });
    expect(describeFailure('bench', result)).toBe('bench was killed by SIGKILL');
  });

  it('gives the child only the environment it is given', async () => {
    process.env.MM_RUNNER_SECRET = 'leak';
    try {
      const result = await runProcess('env', [], { env: { ONLY: 'this' } });
      expect(result.stdout).toBe('ONLY=this\n');
    } finally {
      delete process.env.MM_RUNNER_SECRET;
    }
  });

  it('runs in the given directory', async () => {
    const dir = realpathSync(tmpdir());
    expect((await runProcess('pwd', [], { env, cwd: dir })).stdout).toBe(`${dir}\n`);
  });

  it('reports a program that does not exist as a start error, without throwing', async () => {
    const result = await runProcess('mm-no-such-program', ['x'], { env });
    expect(result).toMatchObject({ exitCode: null, signal: null, startError: { code: 'ENOENT' } });
    expect(succeeded(result)).toBe(false);
    expect(describeFailure('the compiler', result)).toBe(
      'the compiler could not be started: mm-no-such-program was not found',
    );
  });

  it('reports a directory that does not exist as a start error', async () => {
    const result = await runProcess('pwd', [], { env, cwd: '/nonexistent/mm-dir' });
    expect(result.startError?.code).toBe('ENOENT');
  });
});

describe('runProcess: stdin', () => {
  it('feeds a string, a buffer and a stream, then closes stdin', async () => {
    expect((await runProcess('cat', [], { env, input: 'text' })).stdout).toBe('text');
    expect((await runProcess('cat', [], { env, input: Buffer.from([0x68, 0x69]) })).stdout).toBe('hi');
    const stream = Readable.from([Buffer.from('a'), Buffer.from('b')]);
    expect((await runProcess('cat', [], { env, input: stream })).stdout).toBe('ab');
  });

  it('closes stdin at once without input, so a reader sees end of file', async () => {
    expect(await runProcess('wc', ['-c'], { env, timeoutMs: 10_000 })).toMatchObject({
      stdout: '0\n',
      timedOut: false,
    });
  });

  it('stops a stream nobody reads when the program exits without reading it', async () => {
    const endless = new Readable({ read: () => endless.push(Buffer.alloc(65536)) });
    const result = await runProcess('true', [], { env, input: endless });
    expect(result.exitCode).toBe(0);
    expect(endless.destroyed).toBe(true);
  });
});

describe('runProcess: time limits and cancellation', () => {
  it('kills the whole process group on timeout, grandchildren included', async () => {
    const result = await sh('sleep 300 & echo $!; wait', { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM', timeoutMs: 300 });
    expect(describeFailure('docker cp', result)).toBe('docker cp timed out after 300ms');
    expect(await goneWithin(Number(result.stdout.trim()), 5000)).toBe(true);
  });

  it('follows with SIGKILL for descendants that ignore SIGTERM', async () => {
    const script = `(trap '' TERM; exec sleep 300) & echo $!; wait`;
    const result = await sh(script, { timeoutMs: 200, killGraceMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(await goneWithin(Number(result.stdout.trim()), 5000)).toBe(true);
  });

  it('cancels through an AbortSignal, killing the group', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const running = sh('sleep 300 & echo $!; wait', {
      signal: controller.signal,
      onLine: (line) => {
        lines.push(line);
        controller.abort();
      },
    });
    const result = await running;
    expect(result).toMatchObject({ aborted: true, timedOut: false, signal: 'SIGTERM' });
    expect(describeFailure('setup', result)).toBe('setup was cancelled');
    expect(await goneWithin(Number(lines[0]), 5000)).toBe(true);
  });

  it('does not start at all when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const marker = join(tmpdir(), `mm-runner-never-created-${process.pid}`);
    const result = await runProcess('touch', [marker], { env, signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, exitCode: null, signal: null });
    expect(existsSync(marker)).toBe(false);
  });

  it('does not wait for a descendant that left the group but holds the pipes', async () => {
    const result = await sh(`setsid sh -c 'echo $$; exec sleep 300' & sleep 0.2`, { timeoutMs: 60_000 });
    const escaped = Number(result.stdout.trim());
    try {
      expect(result).toMatchObject({ exitCode: 0, timedOut: false });
      expect(isRunning(escaped)).toBe(true);
    } finally {
      process.kill(escaped, 'SIGKILL');
    }
  });
});

describe('runProcess: bounded output', () => {
  it('keeps head and tail of a long stream, marking what it left out', async () => {
    const result = await sh('yes | head -c 3000000; printf END', { maxOutputBytes: 1000 });
    expect(result.truncated).toEqual({ stdout: true, stderr: false });
    expect(result.stdout.startsWith('y\ny\n')).toBe(true);
    expect(result.stdout.endsWith('y\nEND')).toBe(true);
    expect(result.stdout).toContain(`[… ${3_000_003 - 1000} bytes omitted …]`);
    expect(result.stdout.length).toBeLessThan(1100);
  });

  it('keeps only the head or only the tail when asked', async () => {
    const head = await sh('printf 0123456789', { maxOutputBytes: 4, keep: 'head' });
    expect(head.stdout).toBe('0123\n[… 6 bytes omitted …]\n');
    const tail = await sh('printf 0123456789 >&2', { maxOutputBytes: 4, keep: 'tail' });
    expect(tail.stderr).toBe('\n[… 6 bytes omitted …]\n6789');
    expect(tail.truncated).toEqual({ stdout: false, stderr: true });
  });

  it('holds an endless writer to the limit until its timeout', async () => {
    const result = await runProcess('yes', [], { env, timeoutMs: 300, maxOutputBytes: 65536 });
    expect(result.timedOut).toBe(true);
    expect(result.truncated.stdout).toBe(true);
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(65536 + 100);
  });
});

describe('runProcess: streamed lines', () => {
  function collect(): { lines: [OutputStream, string][]; onLine: ProcessOptions['onLine'] } {
    const lines: [OutputStream, string][] = [];
    return { lines, onLine: (line, stream) => lines.push([stream, line]) };
  }

  it('delivers complete lines of both streams, the last one without its newline too', async () => {
    const { lines, onLine } = collect();
    await sh(`printf 'one\\ntw'; sleep 0.05; printf 'o\\r\\n'; echo err >&2; printf last`, { onLine });
    expect(lines.filter(([s]) => s === 'stdout').map(([, l]) => l)).toEqual(['one', 'two', 'last']);
    expect(lines.filter(([s]) => s === 'stderr').map(([, l]) => l)).toEqual(['err']);
  });

  it('cuts a line longer than 4 KiB and marks it; the next line is whole', async () => {
    const { lines, onLine } = collect();
    await sh(`head -c 10000 /dev/zero | tr '\\000' a; echo; echo next`, { onLine });
    expect(lines).toEqual([
      ['stdout', `${'a'.repeat(4096)} …[line cut at 4096 bytes]`],
      ['stdout', 'next'],
    ]);
  });

  it('delivers an endless line once, cut, while the output stays bounded', async () => {
    const { lines, onLine } = collect();
    const result = await sh(`tr '\\000' b < /dev/zero`, { onLine, timeoutMs: 500, maxOutputBytes: 4096 });
    expect(result.timedOut).toBe(true);
    expect(lines).toEqual([['stdout', `${'b'.repeat(4096)} …[line cut at 4096 bytes]`]]);
    expect(result.stdout.length).toBeLessThan(4096 + 100);
  });

  it('never cuts a line inside a UTF-8 character', async () => {
    const { lines, onLine } = collect();
    await sh(`printf 'ééé\\n'`, { onLine, maxLineBytes: 5 });
    expect(lines).toEqual([['stdout', 'éé …[line cut at 5 bytes]']]);
  });
});

describe('streamProcess', () => {
  it('hands stdout over as a stream and still reports how the program ended', async () => {
    const { stdout, result } = streamProcess('/bin/sh', ['-c', 'printf data; echo oops >&2; exit 4'], {
      env,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of stdout) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('data');
    expect(await result).toMatchObject({ exitCode: 4, stdout: '', stderr: 'oops\n' });
  });
});

describe('formatDuration', () => {
  it.each([
    [1_800_000, '30m'],
    [3_600_000, '1h'],
    [90_000, '90s'],
    [60_000, '1m'],
    [1500, '1500ms'],
    [250, '250ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
