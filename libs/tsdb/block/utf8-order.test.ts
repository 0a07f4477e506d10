import { describe, expect, it } from 'vitest';
import { compareUtf8 } from './utf8-order.js';

const utf8 = new TextEncoder();

function byteOrder(a: string, b: string): number {
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}

describe('compareUtf8', () => {
  const cases: { name: string; a: string; b: string }[] = [
    { name: 'ascii', a: 'abc', b: 'abd' },
    { name: 'prefix', a: 'ab', b: 'abc' },
    { name: 'equal', a: 'é', b: 'é' },
    { name: 'BMP high vs astral', a: '\ufffd', b: '\u{1F600}' },
    { name: 'private use vs astral', a: '\ue000x', b: '\u{10000}' },
    { name: 'two astral', a: '\u{1F600}', b: '\u{1F601}' },
    { name: 'latin vs CJK', a: 'é', b: '日' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(Math.sign(compareUtf8(c.a, c.b))).toBe(Math.sign(byteOrder(c.a, c.b)));
      expect(Math.sign(compareUtf8(c.b, c.a))).toBe(Math.sign(byteOrder(c.b, c.a)));
    });
  }
});
