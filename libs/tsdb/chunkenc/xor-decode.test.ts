import { describe, expect, it } from 'vitest';
import { STALE_NAN } from '../../model/index.js';
import { ChunkDecodeError, decodeXorRange, XorChunkEncoder, XorChunkIterator } from './index.js';
import { mulberry32 } from '../../testsupport/index.js';

const rng = mulberry32;

/** Samples exercising every timestamp bucket and value case. */
function samples(seed: number, n: number): Array<[number, number]> {
  const r = rng(seed);
  const out: Array<[number, number]> = [];
  let t = Math.floor((r() - 0.5) * 2e12);
  let v = r() * 100;
  const gaps = [15_000, 15_000, 15_001, 14_000, 8_000, 130_000, 900_000, 3e9, 1];
  for (let i = 0; i < n; i++) {
    out.push([t, v]);
    t += gaps[Math.floor(r() * gaps.length)]!;
    const pick = r();
    if (pick < 0.2) continue;
    if (pick < 0.3) v = STALE_NAN;
    else if (pick < 0.4) v = -v * 1e200;
    else if (pick < 0.5) v = Math.floor(r() * 1000);
    else v = v + r();
  }
  return out;
}

function encode(s: Array<[number, number]>): Uint8Array {
  const e = new XorChunkEncoder();
  for (const [t, v] of s) e.append(t, v);
  return e.bytes().slice();
}

/** What the iterator reads: timestamps and value bits as hex, within `[mint, maxt]`. */
function viaIterator(bytes: Uint8Array, mint: number, maxt: number): string[] {
  const it = new XorChunkIterator(bytes);
  const out: string[] = [];
  while (it.next()) {
    if (it.t < mint) continue;
    if (it.t > maxt) break;
    out.push(`${it.t} ${it.valueHi.toString(16)}:${it.valueLo.toString(16)}`);
  }
  return out;
}

/** The same through `decodeXorRange`, with the chunk placed at `off` inside a larger buffer. */
function viaRange(bytes: Uint8Array, mint: number, maxt: number, off = 0, at = 0): string[] {
  const buf = new Uint8Array(off + bytes.length + 8).fill(0xff);
  buf.set(bytes, off);
  const ts = new Float64Array(at + 200);
  const bits = new Uint32Array(2 * ts.length);
  const end = decodeXorRange(buf, off, bytes.length, mint, maxt, { ts, bits }, at);
  const out: string[] = [];
  for (let i = at; i < end; i++) out.push(`${ts[i]} ${bits[2 * i + 1]!.toString(16)}:${bits[2 * i]!.toString(16)}`);
  return out;
}

/**
 * Chunk bits for samples whose timestamp delta-of-deltas sit on every bucket boundary and
 * whose value XORs have every leading (0..31) and trailing (0..63) zero count.
 */
function boundaryChunk(seed: number): Uint8Array {
  const r = rng(seed);
  const dods = [0, 1, -1, 8191, 8192, -8191, -8192, 8193, 65535, 65536, -65536, 65537, 524287, 524288, -524288, 524289, 2 ** 31, -(2 ** 31)];
  const e = new XorChunkEncoder();
  let t = 1_700_000_000_000;
  let delta = 15_000;
  let hi = 0x40590000;
  let lo = 0;
  for (let i = 0; i < 120; i++) {
    e.appendBits(t, hi >>> 0, lo >>> 0);
    delta += dods[Math.floor(r() * dods.length)]!;
    if (delta <= 0) delta = 1;
    t += delta;
    const lead = Math.floor(r() * 32);
    const trail = Math.floor(r() * (64 - lead));
    // A window [trail, 64 - lead) with both ends set and random bits inside.
    for (let b = trail; b < 64 - lead; b++) {
      if (b !== trail && b !== 63 - lead && r() < 0.5) continue;
      if (b >= 32) hi ^= 1 << (b - 32);
      else lo ^= 1 << b;
    }
  }
  return e.bytes().slice();
}

describe('decodeXorRange', () => {
  it('decodes every delta-of-delta bucket boundary and XOR window exactly as the iterator', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = boundaryChunk(seed);
      expect(viaRange(bytes, -Infinity, Infinity, seed % 7)).toEqual(viaIterator(bytes, -Infinity, Infinity));
    }
  });

  it.each([1, 2, 3, 7, 120, 180])('decodes %i samples exactly as the iterator', (n) => {
    for (let seed = 1; seed <= 20; seed++) {
      const s = samples(seed * 31 + n, n);
      const bytes = encode(s);
      const all = viaIterator(bytes, -Infinity, Infinity);
      expect(all).toHaveLength(n);
      expect(viaRange(bytes, -Infinity, Infinity, seed % 5, seed % 3)).toEqual(all);
      const mint = s[Math.floor(n / 3)]![0];
      const maxt = s[Math.floor((2 * n) / 3)]![0];
      expect(viaRange(bytes, mint, maxt, 3)).toEqual(viaIterator(bytes, mint, maxt));
    }
  });

  it('returns `at` for an empty chunk', () => {
    expect(decodeXorRange(new Uint8Array(2), 0, 2, 0, 1, { ts: new Float64Array(0), bits: new Uint32Array(0) }, 4)).toBe(4);
  });

  it('fails on a truncated chunk instead of reading the bytes after it', () => {
    const bytes = encode(samples(5, 50));
    const ts = new Float64Array(64);
    const bits = new Uint32Array(128);
    const buf = new Uint8Array(bytes.length + 16).fill(0xff);
    buf.set(bytes);
    expect(() => decodeXorRange(buf, 0, bytes.length - 3, -Infinity, Infinity, { ts, bits }, 0)).toThrow(ChunkDecodeError);
    expect(() => decodeXorRange(buf, 0, 1, -Infinity, Infinity, { ts, bits }, 0)).toThrow(ChunkDecodeError);
  });
});
