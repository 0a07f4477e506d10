/**
 * A one-pass XOR chunk decoder for the query path: the same bit layout `XorChunkIterator`
 * reads (see xor.ts), with every piece of state in locals and the chunk addressed as a range
 * of a larger buffer, so decoding a series allocates nothing. Bits are read as big-endian
 * 32-bit windows; reads may look up to 3 bytes past the chunk (inside or past `buf`), and
 * those bits are always shifted out.
 */
import { peekBits as peek, uvarintAt } from './bits.js';
import { ChunkDecodeError } from './bstream.js';

const TWO_32 = 4294967296;
/** The halves of a varint just read (hi, lo). */
const varint = new Uint32Array(2);

/** `uvarintAt` into `varint`; the position after it. @throws ChunkDecodeError past 64 bits. */
function readVarint(buf: Uint8Array, pos: number): number {
  const next = uvarintAt(buf, pos, varint);
  if (next < 0) throw new ChunkDecodeError('varint overflows 64 bits');
  return next;
}

/** `n` (0..32) bits from absolute bit `pos`. */
function peekWide(buf: Uint8Array, pos: number, n: number): number {
  if (n === 0) return 0;
  if (n <= 25) return peek(buf, pos, n);
  return peek(buf, pos, n - 16) * 65536 + peek(buf, pos + n - 16, 16);
}

/** Number of samples of the chunk at `buf[off, off + len)`. */
export function xorRangeNumSamples(buf: Uint8Array, off: number, len: number): number {
  if (len < 2) throw new ChunkDecodeError('chunk shorter than its header');
  return (buf[off]! << 8) | buf[off + 1]!;
}

/** Output of `decodeXorRange`: timestamps and the values' bits (lo, hi words per value). */
export interface DecodeTarget {
  ts: Float64Array;
  bits: Uint32Array;
}

/**
 * Appends the samples with `mint <= t <= maxt` of the XOR chunk at `buf[off, off + len)` to
 * `out` from index `at`, value bits copied exactly (stale markers included); `out` needs room
 * for every sample of the chunk. Returns the index after the last sample written.
 * @throws ChunkDecodeError when the chunk is truncated or corrupt.
 */
export function decodeXorRange(buf: Uint8Array, off: number, len: number, mint: number, maxt: number, out: DecodeTarget, at: number): number {
  const total = xorRangeNumSamples(buf, off, len);
  if (total === 0) return at;
  const ts = out.ts;
  const bits = out.bits;
  const end = (off + len) * 8;
  let pos = (off + 2) * 8;
  let n = at;
  // Sample 0: zigzag varint timestamp, raw 64-bit value.
  pos = readVarint(buf, pos);
  const hi = varint[0]!;
  const lo = varint[1]!;
  const sign = -(lo & 1);
  let t = (((hi >>> 1) ^ sign) | 0) * TWO_32 + ((((lo >>> 1) | (hi << 31)) ^ sign) >>> 0);
  let vHi = peekWide(buf, pos, 32);
  let vLo = peekWide(buf, pos + 32, 32);
  pos += 64;
  if (pos > end) throw new ChunkDecodeError('unexpected end of chunk');
  if (t >= mint && t <= maxt) {
    ts[n] = t;
    bits[2 * n] = vLo;
    bits[2 * n + 1] = vHi;
    n++;
  }
  let tDelta = 0;
  let leading = 0;
  let trailing = 0;
  for (let k = 1; k < total; k++) {
    if (k === 1) {
      pos = readVarint(buf, pos);
      tDelta = (varint[0]! | 0) * TWO_32 + varint[1]!;
    } else {
      // Delta of delta: '0' | '10'+14 | '110'+17 | '1110'+20 | '1111'+64 bits.
      const head = peek(buf, pos, 4);
      if (head < 8) pos += 1;
      else {
        let sz: number;
        if (head < 12) {
          sz = 14;
          pos += 2;
        } else if (head < 14) {
          sz = 17;
          pos += 3;
        } else if (head === 14) {
          sz = 20;
          pos += 4;
        } else {
          pos += 4;
          tDelta += (peekWide(buf, pos, 32) | 0) * TWO_32 + peekWide(buf, pos + 32, 32);
          sz = 0;
          pos += 64;
        }
        if (sz > 0) {
          const v = peek(buf, pos, sz);
          pos += sz;
          tDelta += v > 1 << (sz - 1) ? v - (1 << sz) : v;
        }
      }
    }
    t += tDelta;
    // XOR value: '0' same | '10' previous window | '11' + 5 leading + 6 length + bits.
    const ctl = peek(buf, pos, 2);
    if (ctl < 2) pos += 1;
    else {
      pos += 2;
      if (ctl === 3) {
        leading = peek(buf, pos, 5);
        let m = peek(buf, pos + 5, 6);
        pos += 11;
        if (m === 0) m = 64;
        trailing = 64 - leading - m;
        if (trailing < 0) throw new ChunkDecodeError('xor value window exceeds 64 bits');
      }
      const mbits = 64 - leading - trailing;
      let xHi = 0;
      let xLo: number;
      if (mbits > 32) {
        xHi = peekWide(buf, pos, mbits - 32);
        xLo = peekWide(buf, pos + mbits - 32, 32);
      } else xLo = peekWide(buf, pos, mbits);
      pos += mbits;
      if (trailing >= 32) {
        xHi = xLo << (trailing - 32);
        xLo = 0;
      } else if (trailing > 0) {
        xHi = (xHi << trailing) | (xLo >>> (32 - trailing));
        xLo = xLo << trailing;
      }
      vHi = (vHi ^ xHi) >>> 0;
      vLo = (vLo ^ xLo) >>> 0;
    }
    if (pos > end) throw new ChunkDecodeError('unexpected end of chunk');
    if (t > maxt) break;
    if (t < mint) continue;
    ts[n] = t;
    bits[2 * n] = vLo;
    bits[2 * n + 1] = vHi;
    n++;
  }
  return n;
}
