// A typed fake of the TreeArchiver port: records which host directories were archived and hands
// back an empty tar stream, or fails the directories a test names, as tar would.
import { Readable } from 'node:stream';
import type { TreeArchiver } from '../../src/executors/docker/trees.js';

export class FakeTreeArchiver implements TreeArchiver {
  readonly archived: string[] = [];

  /** Per host directory: the error its archive's `done` rejects with. */
  constructor(private readonly failures: Record<string, Error> = {}) {}

  archive(hostDir: string): { stream: Readable; done: Promise<void> } {
    this.archived.push(hostDir);
    const failure = this.failures[hostDir];
    return { stream: Readable.from([]), done: failure ? Promise.reject(failure) : Promise.resolve() };
  }
}
