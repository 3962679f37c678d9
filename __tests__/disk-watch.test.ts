import { describe, expect, it } from '@jest/globals';
import type { DockerClient, DockerResult } from '../src/executors/docker/client.js';
import { diskExceededReason, parseSizeRw, watchDisk } from '../src/executors/docker/disk-watch.js';
import { exited } from './fixtures/process-results.js';
import { ManualTicker } from './fakes/ticker.js';

/** A docker CLI whose size answers the test releases one by one. */
class SlowSizes implements DockerClient {
  readonly binary = 'docker';
  readonly calls: string[][] = [];
  private readonly pending: ((r: DockerResult) => void)[] = [];

  run(args: string[]): Promise<DockerResult> {
    this.calls.push(args);
    if (args[0] === 'kill') return Promise.resolve(exited(0, 'c1\n', '', 'docker'));
    return new Promise((resolve) => this.pending.push(resolve));
  }

  answer(stdout: string, code = 0): void {
    this.pending.shift()?.(exited(code, stdout, code === 0 ? '' : 'Error: No such container: c1', 'docker'));
  }
}

const SPEC = { container: 'c1', label: 'glibc', limitText: '100m', limitBytes: 100 * 1024 ** 2 };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('parseSizeRw', () => {
  it.each([
    ['0\n', 0],
    ['52428800\n', 52_428_800],
    ['', undefined],
    ['<no value>\n', undefined],
    ['-5', undefined],
    ['99999999999999999999', undefined],
  ])('%j → %j', (text, bytes) => {
    expect(parseSizeRw(text)).toBe(bytes);
  });
});

describe('watchDisk', () => {
  it('ticks ask only during work: nothing runs in the container between', async () => {
    const docker = new SlowSizes();
    const ticker = new ManualTicker();
    const watch = watchDisk(docker, ticker, SPEC);
    ticker.tick();
    expect(docker.calls).toHaveLength(0);
    await watch.during(async () => {
      ticker.tick();
      expect(docker.calls).toHaveLength(1);
      docker.answer('10\n');
      await settle();
    });
    ticker.tick();
    expect(docker.calls).toHaveLength(1);
    // A failed work leaves the ticks off again.
    await expect(watch.during(() => Promise.reject(new Error('exec ended')))).rejects.toThrow('exec ended');
    ticker.tick();
    expect(docker.calls).toHaveLength(1);
    watch.stop();
  });

  it('asks once at a time: ticks while a size query is out do not pile up', async () => {
    const docker = new SlowSizes();
    const ticker = new ManualTicker();
    const watch = watchDisk(docker, ticker, SPEC);
    let finish = () => undefined as void;
    const work = watch.during(() => new Promise<void>((resolve) => (finish = resolve)));
    // A tick and two checks while one query is out: still one query.
    ticker.tick();
    void watch.check();
    void watch.check();
    expect(docker.calls).toHaveLength(1);
    docker.answer('1000\n');
    await settle();
    ticker.tick();
    expect(docker.calls).toHaveLength(2);
    docker.answer('1000\n');
    finish();
    await work;
    watch.stop();
  });

  it('kills the container past the limit, names both sizes, and stops its timer', async () => {
    const docker = new SlowSizes();
    const ticker = new ManualTicker();
    const watch = watchDisk(docker, ticker, SPEC);
    const checked = watch.check();
    docker.answer(`${150 * 1024 ** 2}\n`);
    await checked;
    expect(docker.calls.at(-1)).toEqual(['kill', 'c1']);
    expect(watch.exceeded).toBe(
      'the glibc container wrote 150.0 MiB (157,286,400 bytes) to its disk, beyond disk-limit 100m ' +
        '(100 MiB (104,857,600 bytes)), and was stopped; raise disk-limit if the benchmark or its setup needs that much',
    );
    expect(watch.exceeded).toBe(diskExceededReason(SPEC, 150 * 1024 ** 2));
    expect(ticker.running).toBe(0);
  });

  it('ignores a failed or unreadable answer, and an answer that arrives after stop', async () => {
    const docker = new SlowSizes();
    const ticker = new ManualTicker();
    const watch = watchDisk(docker, ticker, SPEC);
    let checked = watch.check();
    docker.answer('', 1);
    await checked;
    checked = watch.check();
    docker.answer('<no value>\n');
    await checked;
    checked = watch.check();
    watch.stop();
    docker.answer(`${500 * 1024 ** 2}\n`);
    await checked;
    expect(watch.exceeded).toBeUndefined();
    expect(docker.calls.filter((c) => c[0] === 'kill')).toEqual([]);
  });

  it('spaces its ticks by 19 times the last query’s duration, so a slow engine costs at most 1/20 of a core', async () => {
    const docker = new SlowSizes();
    const ticker = new ManualTicker();
    const watch = watchDisk(docker, ticker, SPEC);
    await watch.during(async () => {
      ticker.tick();
      expect(docker.calls).toHaveLength(1);
      ticker.advance(500); // the engine took 0.5 s to size the layer
      docker.answer('10\n');
      await settle();
      // 9.5 s must pass: the ticks at 2, 4, 6 and 8 s are skipped, the one at 10 s asks.
      for (let i = 0; i < 4; i++) ticker.tick();
      expect(docker.calls).toHaveLength(1);
      ticker.tick();
      expect(docker.calls).toHaveLength(2);
      docker.answer('10\n');
      await settle();
      // A fast answer lets the next tick ask again.
      ticker.tick();
      expect(docker.calls).toHaveLength(3);
      docker.answer('10\n');
      await settle();
    });
    watch.stop();
  });

  it('never throws into its timer when the CLI cannot be started', async () => {
    const ticker = new ManualTicker();
    const broken: DockerClient = {
      binary: 'docker',
      run: () => {
        throw new Error("the docker CLI 'docker' was not found on PATH");
      },
    };
    const watch = watchDisk(broken, ticker, SPEC);
    ticker.tick();
    await expect(watch.check()).resolves.toBeUndefined();
    expect(watch.exceeded).toBeUndefined();
  });
});
