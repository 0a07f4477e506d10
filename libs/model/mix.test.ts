import { describe, expect, it } from 'vitest';
import { fmix32 } from './index.js';

describe('fmix32', () => {
  it('is MurmurHash3 fmix32 (reference values)', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0xffffffff)).toBe(0x81f16f39);
  });

  it('returns unsigned 32-bit integers and takes signed ones alike', () => {
    expect(fmix32(-1)).toBe(fmix32(0xffffffff));
    expect(fmix32(0xdeadbeef)).toBeGreaterThanOrEqual(0);
  });
});
