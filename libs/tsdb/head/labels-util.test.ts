import { describe, expect, it } from 'vitest';
import { packSyms, symAt, symCount } from './labels-util.js';

describe('packSyms', () => {
  it('round-trips ids across the whole uint32 range, surrogate code units included', () => {
    const ids = [0, 1, 255, 256, 0xd800, 0xdfff, 65535, 65536, 0x12345678, 0xffffffff];
    const p = packSyms(ids);
    expect(symCount(p)).toBe(ids.length);
    expect(ids.map((_, k) => symAt(p, k))).toEqual(ids);
  });
});
