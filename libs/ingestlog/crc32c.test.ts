import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.js';

/** Byte-at-a-time reference, independent of the sliced tables. */
function bitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32c', () => {
  const cases: { name: string; input: Uint8Array; want: number }[] = [
    { name: 'empty', input: new Uint8Array(0), want: 0 },
    { name: 'check string 123456789', input: new TextEncoder().encode('123456789'), want: 0xe3069283 },
    { name: 'RFC 3720 32 zero bytes', input: new Uint8Array(32), want: 0x8a9136aa },
    { name: 'RFC 3720 32 0xff bytes', input: new Uint8Array(32).fill(0xff), want: 0x62a8ab43 },
    {
      name: 'RFC 3720 incrementing bytes',
      input: Uint8Array.from({ length: 32 }, (_, i) => i),
      want: 0x46dd794e,
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(crc32c(c.input)).toBe(c.want));
  }

  it('matches the bitwise reference at every length and alignment', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end += 7) {
        expect(crc32c(data, 0, start, end)).toBe(bitwise(data.subarray(start, end)));
      }
    }
  });

  it('extends incrementally', () => {
    const data = new TextEncoder().encode('the quick brown fox jumps over the lazy dog');
    const whole = crc32c(data);
    expect(crc32c(data, crc32c(data, 0, 0, 10), 10)).toBe(whole);
  });
});
