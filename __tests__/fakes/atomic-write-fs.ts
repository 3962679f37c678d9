// Typed fakes of the AtomicWriteFs port: the real file system with one call made to fail, as a
// full disk or a read-only directory would.
import { nodeAtomicWriteFs, type AtomicWriteFs } from '../../src/results/io.js';

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** Writes store only the first half of the data and then fail with ENOSPC; `over` replaces other calls. */
export function fullDiskFs(over: Partial<AtomicWriteFs> = {}): AtomicWriteFs {
  return {
    ...nodeAtomicWriteFs,
    async create(file) {
      const real = await nodeAtomicWriteFs.create(file);
      return {
        ...real,
        async writeFile(data) {
          await real.writeFile(data.slice(0, data.length / 2));
          throw enospc();
        },
      };
    },
    ...over,
  };
}
