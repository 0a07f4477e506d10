import { describe, expect, it } from 'vitest';
import { crc32c, crc32cUpdate } from './crc32c.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc32c', () => {
  // Check values from RFC 3720 (iSCSI) appendix B.4 and the common "123456789" check.
  const cases: { name: string; input: Uint8Array; want: number }[] = [
    { name: 'empty', input: new Uint8Array(0), want: 0 },
    { name: 'check string', input: ascii('123456789'), want: 0xe3069283 },
    { name: '32 zero bytes', input: new Uint8Array(32), want: 0x8a9136aa },
    { name: '32 0xff bytes', input: new Uint8Array(32).fill(0xff), want: 0x62a8ab43 },
    { name: 'ascending 0..31', input: Uint8Array.from({ length: 32 }, (_, i) => i), want: 0x46dd794e },
    { name: 'descending 31..0', input: Uint8Array.from({ length: 32 }, (_, i) => 31 - i), want: 0x113fdb5c },
  ];
  for (const c of cases) {
    it(c.name, () => expect(crc32c(c.input)).toBe(c.want));
  }

  it('gives the same result when fed in pieces as at once', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff);
    let crc = 0;
    for (let i = 0; i < data.length; i += 13) crc = crc32cUpdate(crc, data, i, Math.min(i + 13, data.length));
    expect(crc).toBe(crc32c(data));
    expect(crc32c(data, 100, 200)).toBe(crc32c(data.subarray(100, 200)));
  });
});
