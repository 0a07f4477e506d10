import { describe, expect, it } from 'vitest';
import { xxhash64 } from './xxhash.js';

describe('xxhash64', () => {
  // Reference values of XXH64 (seed 0) as produced by Go's cespare/xxhash.
  const cases: [string, string][] = [
    ['', 'ef46db3751d8e999'],
    ['a', 'd24ec4f1a98c6e5b'],
    ['abc', '44bc2cf5ad770999'],
    ['Nobody inspects the spammish repetition', 'fbcea83c8a378bf1'],
  ];
  for (const [input, want] of cases) {
    it(`hashes ${JSON.stringify(input)}`, () => {
      expect(xxhash64(new TextEncoder().encode(input)).toString(16)).toBe(want);
    });
  }
});
