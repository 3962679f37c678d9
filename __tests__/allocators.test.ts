import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, DEFAULT_ALLOCATORS, findAllocator } from '../src/config/allocators.js';

describe('allocator catalogue', () => {
  it('has an entry for every default allocator of both executors', () => {
    for (const name of [...DEFAULT_ALLOCATORS.docker, ...DEFAULT_ALLOCATORS.host]) {
      expect(findAllocator(name)).toBeDefined();
    }
  });
  it('never hard-codes a versioned soname for Alpaquita packages', () => {
    for (const entry of CATALOGUE) {
      for (const glob of entry.imageGlobs) expect(glob).toMatch(/(\*|wrap\.so)$/);
    }
  });
  it('marks rpmalloc as x86_64 only', () => {
    expect(findAllocator('rpmalloc')?.arches).toEqual(['x64']);
  });
});
