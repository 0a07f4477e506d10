import { describe, expect, it } from 'vitest';
import { STALE_NAN, isStaleNaN } from '../../model/index.js';
import {
  BitReader,
  BitWriter,
  ChunkDecodeError,
  EncFloatHistogram,
  EncHistogram,
  EncXOR,
  XorChunkEncoder,
  XorChunkIterator,
  decodeXorChunk,
  decodeXorChunkInto,
  encodeXorChunk,
  floatFromBits,
  floatHi,
  floatLo,
  xorChunkNumSamples,
} from './index.js';
import { mulberry32 } from '../../testsupport/index.js';

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

const rng = mulberry32;

function bitsOf(v: number): string {
  return floatHi(v).toString(16) + ':' + floatLo(v).toString(16);
}

function roundTrip(ts: number[], vs: ArrayLike<number>): void {
  const bytes = encodeXorChunk(ts, vs);
  expect(xorChunkNumSamples(bytes)).toBe(ts.length);
  const it = new XorChunkIterator(bytes);
  let i = 0;
  while (it.next()) {
    expect(it.t).toBe(ts[i]);
    expect(bitsOf(it.v)).toBe(bitsOf(vs[i]!));
    i++;
  }
  expect(i).toBe(ts.length);
  const dec = decodeXorChunk(bytes);
  expect(Array.from(dec.timestamps)).toEqual(ts);
  for (let j = 0; j < vs.length; j++) expect(bitsOf(dec.values[j]!)).toBe(bitsOf(vs[j]!));
}

describe('encoding ids', () => {
  it('match Prometheus chunkenc.Encoding', () => {
    expect([EncXOR, EncHistogram, EncFloatHistogram]).toEqual([1, 2, 3]);
  });
});

describe('bit stream', () => {
  it('writes MSB first and reads back mixed widths', () => {
    const w = new BitWriter(1);
    w.writeBit(1);
    w.writeBits(0b0110, 4);
    w.writeBits(0xdeadbeef, 32);
    w.writeBits64(0x12345, 0x6789abcd, 49);
    w.writeUvarint64(0, 300);
    expect(w.bitLength).toBe(1 + 4 + 32 + 49 + 16);
    const r = new BitReader(w.bytes());
    expect(r.readBit()).toBe(1);
    expect(r.readBits(4)).toBe(0b0110);
    expect(r.readBits(32)).toBe(0xdeadbeef);
    expect(r.readBits(17)).toBe(0x12345 & 0x1ffff);
    expect(r.readBits(32)).toBe(0x6789abcd);
    const out = new Uint32Array(2);
    r.readUvarint64(out);
    expect([out[0], out[1]]).toEqual([0, 300]);
    expect(() => r.readBits(8)).toThrow(ChunkDecodeError);
  });

  it('first bits land in the top of the first byte', () => {
    const w = new BitWriter();
    w.writeBits(0b101, 3);
    expect(hex(w.bytes())).toBe('a0');
  });
});

describe('XOR golden vectors', () => {
  // Derived by hand from the format (see README.md):
  // header 0004 | varint(1000)=d00f | 1.0=3ff0000000000000 | uvarint(1000)=e807
  // | 2.0: '1' '1' leading=00001 sig=001011 delta>>52=11111111111 -> c2 5f ff
  // | t=3000 dod=0 '0'; 3.0: xor=0x0008.. leading 12, trailing 51 -> new window
  //   '1' '1' 01100 000001 '1'
  // | t=4001 dod=1: '10' 00000000000001; 3.0 again: '0'  -> 6c 07 00 02
  it('encodes a small series exactly', () => {
    const bytes = encodeXorChunk([1000, 2000, 3000, 4001], [1, 2, 3, 3]);
    expect(hex(bytes)).toBe('0004' + 'd00f' + '3ff0000000000000' + 'e807' + 'c25fff' + '6c070002');
  });

  // t=-1: varint zig-zag 1 -> 01; value 0 -> 64 zero bits; t=0: uvarint 1 -> 01;
  // value -0 (0x8000..): '1' '1' leading 00000 sig 000001 '1' -> 11 00000 000001 1
  // = 1100 0000 0000 11 -> pad: c0 0c
  it('encodes a negative timestamp and minus zero exactly', () => {
    const bytes = encodeXorChunk([-1, 0], [0, -0]);
    expect(hex(bytes)).toBe('0002' + '01' + '0000000000000000' + '01' + 'c00c');
    const dec = decodeXorChunk(bytes);
    expect(Object.is(dec.values[1], -0)).toBe(true);
    expect(Array.from(dec.timestamps)).toEqual([-1, 0]);
  });

  // A 64-bit meaningful window: 0 -> NaN with all mantissa bits... use a pattern whose xor
  // has no leading or trailing zeros: hi=0x80000000|x, lo odd. Sig bits 64 is written as 0.
  it('writes 64 significant bits as a zero length field', () => {
    const v = floatFromBits(0xc0000001, 0x00000001); // xor with 0 keeps both ends set
    const bytes = encodeXorChunk([0, 1], [0, v]);
    // after header, varint 0 (00), 8 zero bytes, uvarint 1 (01): '11' 00000 000000 + 64 bits
    expect(hex(bytes.subarray(0, 12))).toBe('0002' + '00' + '0000000000000000' + '01');
    const tail = new BitReader(bytes, 12 * 8);
    expect(tail.readBits(2)).toBe(0b11);
    expect(tail.readBits(5)).toBe(0);
    expect(tail.readBits(6)).toBe(0);
    expect(tail.readBits(32)).toBe(0xc0000001);
    expect(tail.readBits(32)).toBe(1);
    roundTrip([0, 1], [0, v]);
  });
});

describe('XOR round trips', () => {
  // Values that carry NaN payloads live in Float64Arrays: V8 canonicalises NaNs stored in
  // plain double arrays, which would erase the stale marker before the encoder sees it.
  const rows: { name: string; ts: number[]; vs: ArrayLike<number> }[] = [];
  const base = 1_700_000_000_000;
  {
    // Counter scraped every 15s with jitter, 120 samples.
    const r = rng(1);
    const ts: number[] = [];
    const vs: number[] = [];
    let c = 1000;
    for (let i = 0; i < 120; i++) {
      ts.push(base + i * 15_000 + Math.floor(r() * 20) - 10);
      c += Math.floor(r() * 50);
      vs.push(c);
    }
    rows.push({ name: 'jittered counter', ts, vs });
  }
  {
    // Gauge with random doubles.
    const r = rng(2);
    const ts: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < 120; i++) {
      ts.push(base + i * 30_000);
      vs.push((r() - 0.5) * 1e6);
    }
    rows.push({ name: 'random gauge', ts, vs });
  }
  {
    // Every dod bucket, including the edges of each range and the 64-bit escape.
    const dods = [
      0,
      1,
      -1,
      8192,
      -8191,
      8193,
      -8192,
      65536,
      -65535,
      65537,
      524288,
      -524287,
      524289,
      -524288,
      2 ** 40,
      -(2 ** 40),
    ];
    const ts = [base, base + 1_000_000_000_000];
    let delta = 1_000_000_000_000;
    for (const d of dods) {
      delta += d;
      ts.push(ts[ts.length - 1]! + delta);
    }
    rows.push({ name: 'dod bucket edges', ts, vs: ts.map((_, i) => i) });
  }
  {
    const vs = new Float64Array(10);
    const special = [NaN, Infinity, -Infinity, -0, 0, 1, Number.MIN_VALUE, -Number.MAX_VALUE, 2];
    special.forEach((v, i) => (vs[i + 1] = v));
    vs[0] = STALE_NAN;
    vs[6] = STALE_NAN;
    vs[9] = STALE_NAN;
    rows.push({ name: 'special floats', ts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], vs });
  }
  rows.push({ name: 'single sample', ts: [base], vs: [42.5] });
  rows.push({
    name: 'constant',
    ts: Array.from({ length: 120 }, (_, i) => i * 1000),
    vs: Array(120).fill(7),
  });
  rows.push({ name: 'decreasing timestamps', ts: [100, 50, 75, -20], vs: [1, 2, 3, 4] });

  for (const row of rows) {
    it(row.name, () => roundTrip(row.ts, row.vs));
  }

  it('special floats row really carries stale markers', () => {
    const vs = rows.find((r) => r.name === 'special floats')!.vs;
    expect([0, 6, 9].map((i) => isStaleNaN(vs[i]!))).toEqual([true, true, true]);
    expect(isStaleNaN(vs[1]!)).toBe(false);
  });

  it('random series of many shapes', () => {
    const r = rng(99);
    for (let k = 0; k < 200; k++) {
      const n = 1 + Math.floor(r() * 200);
      const ts: number[] = [];
      const vs: number[] = [];
      let t = Math.floor(r() * 2e12) - 1e12;
      for (let i = 0; i < n; i++) {
        t += Math.floor(r() * (r() < 0.1 ? 1e9 : 60_000));
        ts.push(t);
        const kind = r();
        vs.push(
          kind < 0.3
            ? Math.floor(r() * 100)
            : kind < 0.6
              ? r() * 1e9
              : floatFromBits((r() * 2 ** 32) >>> 0, (r() * 2 ** 32) >>> 0),
        );
      }
      roundTrip(ts, vs);
    }
  });

  it('keeps stale markers bit-exact through the iterator', () => {
    const vs = new Float64Array([5, 0, 6]);
    vs[1] = STALE_NAN;
    const bytes = encodeXorChunk([1, 2, 3], vs);
    const it = new XorChunkIterator(bytes);
    const stale: boolean[] = [];
    while (it.next()) stale.push(isStaleNaN(it.v));
    expect(stale).toEqual([false, true, false]);
    expect(it.valueHi).toBe(floatHi(6));
    expect(isStaleNaN(decodeXorChunk(bytes).values[1]!)).toBe(true);
  });
});

describe('XorChunkEncoder', () => {
  it('tracks count, time range and reuses its buffer after reset', () => {
    const enc = new XorChunkEncoder(4);
    expect(enc.numSamples).toBe(0);
    expect(enc.minTime).toBe(Infinity);
    expect(enc.maxTime).toBe(-Infinity);
    for (let i = 0; i < 120; i++) enc.append(1000 + i * 15_000, i);
    expect([enc.numSamples, enc.minTime, enc.maxTime]).toEqual([120, 1000, 1000 + 119 * 15_000]);
    const first = enc.bytes().slice();
    const cap = enc.capacity;
    enc.reset();
    expect(enc.bytes().length).toBe(2);
    for (let i = 0; i < 120; i++) enc.append(1000 + i * 15_000, i);
    expect(hex(enc.bytes())).toBe(hex(first));
    expect(enc.capacity).toBe(cap);
  });

  it('compresses a regular counter to under 2 bytes a sample', () => {
    const enc = new XorChunkEncoder();
    for (let i = 0; i < 120; i++) enc.append(1_700_000_000_000 + i * 15_000, i * 10);
    expect(enc.byteLength / 120).toBeLessThan(2);
  });

  it('compares last value bits, NaN-aware', () => {
    const enc = new XorChunkEncoder();
    expect(enc.lastValueBitsEqual(1)).toBe(false);
    enc.append(1, STALE_NAN);
    expect(enc.lastValueBitsEqual(STALE_NAN)).toBe(true);
    expect(enc.lastValueBitsEqual(NaN)).toBe(false);
  });
});

describe('XorChunkIterator', () => {
  const bytes = encodeXorChunk([10, 20, 30, 40], [1, 2, 3, 4]);

  it('seeks to the first sample at or after t', () => {
    const it = new XorChunkIterator(bytes);
    expect(it.seek(25)).toBe(true);
    expect([it.t, it.v]).toEqual([30, 3]);
    expect(it.seek(5)).toBe(true);
    expect(it.t).toBe(30);
    expect(it.seek(41)).toBe(false);
  });

  it('decodes a time range into caller arrays', () => {
    const ts = new Float64Array(8);
    const vs = new Float64Array(8);
    expect(decodeXorChunkInto(bytes, ts, vs, 2, 20, 30)).toBe(2);
    expect(Array.from(ts.subarray(2, 4))).toEqual([20, 30]);
    expect(Array.from(vs.subarray(2, 4))).toEqual([2, 3]);
  });

  it('throws ChunkDecodeError on truncated data', () => {
    expect(() => decodeXorChunk(bytes.subarray(0, bytes.length - 2))).toThrow(ChunkDecodeError);
    expect(() => new XorChunkIterator(new Uint8Array(1))).toThrow(ChunkDecodeError);
  });

  it('reads a chunk with a trailing zero padding byte (Prometheus 2.x writer)', () => {
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    expect(Array.from(decodeXorChunk(padded).values)).toEqual([1, 2, 3, 4]);
  });
});
