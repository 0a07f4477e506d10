/**
 * The Prometheus XOR chunk encoding (Gorilla-style), bit for bit as `tsdb/chunkenc/xor.go`
 * writes it. Layout (see README.md for the full table):
 *
 *   uint16 BE sample count
 *   sample 0: varint t, 64 bits of the float
 *   sample 1: uvarint (t1 - t0), XOR value
 *   sample n: delta-of-delta bucket ('0' | '10'+14 | '110'+17 | '1110'+20 | '1111'+64), XOR value
 *   XOR value: '0' same bits | '10' + meaningful bits in the previous window |
 *              '11' + 5 bits leading zeros + 6 bits length (64 as 0) + meaningful bits
 *
 * The chunk ends at the last written bit rounded up to a byte (Prometheus >= 3.0; 2.x could
 * leave one extra zero byte; readers ignore trailing padding either way).
 */
import { BitReader, BitWriter, ChunkDecodeError } from './bstream.js';
import type { ByteAllocator } from './buffer-pool.js';
import { floatFromBits, floatHi, floatLo } from './float-bits.js';
import { decodeXorRange } from './xor-decode.js';

const TWO_32 = 4294967296;
/** Samples a chunk header can count. */
const MAX_SAMPLES = 0xffff;

/**
 * Encodes samples into one XOR chunk. Appends never allocate once the buffer has grown to its
 * working size; `reset` reuses it for the next chunk.
 *
 * Timestamps must be integers (ms) in the safe-integer range; the encoder does not check their
 * order (the head does), but decoding reproduces whatever was appended.
 */
export class XorChunkEncoder {
  private readonly w: BitWriter;
  private num = 0;
  private t = 0;
  private tDelta = 0;
  // Value bits kept as int32 so they stay small integers in the object instead of boxed
  // doubles (a uint32 above 2^31 would be a heap number): one encoder lives per series.
  private vHi = 0;
  private vLo = 0;
  private leading = 0xff;
  private trailing = 0;
  private firstT = Number.POSITIVE_INFINITY;

  private readonly prometheus2Padding: boolean;

  /**
   * @param initialCapacity initial buffer size in bytes. @default 32
   * @param prometheus2Padding make `bytes()` reproduce Prometheus 2.x exactly, which ends
   *   about one chunk in 64 with an extra zero byte (Prometheus 3.0 dropped it; every reader
   *   ignores it). @default false
   * @param allocator source of the growing buffer (e.g. a shared `BufferPool`); call `dispose`
   *   to give it back. Standalone buffers when absent.
   */
  constructor(initialCapacity = 32, prometheus2Padding = false, allocator?: ByteAllocator) {
    this.w = new BitWriter(Math.max(2, initialCapacity), allocator);
    this.w.bitLength = 16; // the sample-count header
    this.prometheus2Padding = prometheus2Padding;
  }

  /** Number of samples appended. */
  get numSamples(): number {
    return this.num;
  }

  /** Timestamp of the first sample, `+Infinity` when empty. */
  get minTime(): number {
    return this.firstT;
  }

  /** Timestamp of the last sample, `-Infinity` when empty. */
  get maxTime(): number {
    return this.num === 0 ? Number.NEGATIVE_INFINITY : this.t;
  }

  /**
   * The internal buffer: the chunk is its first `byteLength` bytes. No copy; valid until the
   * next append or reset (for reading without a view per call).
   */
  get buffer(): Uint8Array {
    return this.w.buf;
  }

  /** Size in bytes of the encoded chunk so far. */
  get byteLength(): number {
    return this.w.byteLength;
  }

  /** Size in bytes of the internal buffer (for memory accounting). */
  get capacity(): number {
    return this.w.buf.length;
  }

  /** Whether `v` has exactly the bit pattern of the last appended value (NaN-aware). */
  lastValueBitsEqual(v: number): boolean {
    return this.num > 0 && (floatHi(v) | 0) === this.vHi && (floatLo(v) | 0) === this.vLo;
  }

  /** High 32 bits of the last appended value's IEEE 754 pattern (0 when empty). */
  get lastValueHi(): number {
    return this.vHi >>> 0;
  }

  /** Low 32 bits of the last appended value's IEEE 754 pattern (0 when empty). */
  get lastValueLo(): number {
    return this.vLo >>> 0;
  }

  /** Appends one sample. @throws RangeError when the chunk already holds 65535 samples. */
  append(t: number, v: number): void {
    this.appendBits(t, floatHi(v), floatLo(v));
  }

  /**
   * Appends one sample given as the IEEE 754 bits `hi:lo` of its value, which keeps NaN
   * payloads exact even where a JS number might not.
   * @throws RangeError when the chunk already holds 65535 samples.
   */
  appendBits(t: number, hi: number, lo: number): void {
    const num = this.num;
    if (num >= MAX_SAMPLES) throw new RangeError('xor chunk is full (65535 samples)');
    const w = this.w;
    if (num === 0) {
      writeVarint(w, t);
      w.writeBits(hi, 32);
      w.writeBits(lo, 32);
      this.firstT = t;
    } else if (num === 1) {
      const tDelta = t - this.t;
      w.writeUvarint64(Math.floor(tDelta / TWO_32) >>> 0, tDelta >>> 0);
      this.tDelta = tDelta;
      this.writeValue(hi, lo);
    } else {
      const tDelta = t - this.t;
      writeDod(w, tDelta - this.tDelta);
      this.tDelta = tDelta;
      this.writeValue(hi, lo);
    }
    this.t = t;
    this.vHi = hi | 0;
    this.vLo = lo | 0;
    this.num = num + 1;
    w.buf[0] = (num + 1) >>> 8;
    w.buf[1] = (num + 1) & 0xff;
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const dHi = (hi ^ this.vHi) >>> 0;
    const dLo = (lo ^ this.vLo) >>> 0;
    if (dHi === 0 && dLo === 0) {
      w.writeBit(0);
      return;
    }
    let leading = dHi !== 0 ? Math.clz32(dHi) : 32 + Math.clz32(dLo);
    const trailing = dLo !== 0 ? ctz32(dLo) : 32 + ctz32(dHi);
    if (leading >= 32) leading = 31; // must fit 5 bits
    if (this.leading !== 0xff && leading >= this.leading && trailing >= this.trailing) {
      w.writeBits(0b10, 2);
      writeShiftedRight(w, dHi, dLo, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = leading;
    this.trailing = trailing;
    const sigbits = 64 - leading - trailing;
    w.writeBits(0b11, 2);
    w.writeBits(leading, 5);
    w.writeBits(sigbits & 63, 6); // 64 does not fit: written as 0, read back as 64
    writeShiftedRight(w, dHi, dLo, trailing, sigbits);
  }

  /**
   * The encoded chunk: a view of the internal buffer, valid until the next `append` or
   * `reset`. Copy it (`slice()`) to keep it.
   */
  bytes(): Uint8Array {
    return this.prometheus2Padding ? this.w.bytesPrometheus2() : this.w.bytes();
  }

  /** Returns the buffer to the encoder's allocator; the encoder must not be used afterwards. */
  dispose(): void {
    this.w.dispose();
    this.num = 0;
  }

  /** Empties the encoder for a new chunk, keeping its buffer. */
  reset(): void {
    this.w.reset();
    this.w.bitLength = 16;
    this.num = 0;
    this.t = 0;
    this.tDelta = 0;
    this.vHi = 0;
    this.vLo = 0;
    this.leading = 0xff;
    this.trailing = 0;
    this.firstT = Number.POSITIVE_INFINITY;
  }
}

/** Count of trailing zero bits of a non-zero uint32. */
function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Writes a signed integer as a Go `binary.PutVarint` (zig-zag) varint. */
function writeVarint(w: BitWriter, t: number): void {
  const hi = Math.floor(t / TWO_32) | 0;
  const lo = t >>> 0;
  const sign = hi >> 31;
  const zHi = ((hi << 1) | (lo >>> 31)) ^ sign;
  const zLo = (lo << 1) ^ sign;
  w.writeUvarint64(zHi >>> 0, zLo >>> 0);
}

/** Writes a timestamp delta-of-delta in the smallest bucket whose range holds it. */
function writeDod(w: BitWriter, dod: number): void {
  if (dod === 0) {
    w.writeBit(0);
  } else if (dod >= -8191 && dod <= 8192) {
    w.writeBits(0b10, 2);
    w.writeBits(dod & 0x3fff, 14);
  } else if (dod >= -65535 && dod <= 65536) {
    w.writeBits(0b110, 3);
    w.writeBits(dod & 0x1ffff, 17);
  } else if (dod >= -524287 && dod <= 524288) {
    w.writeBits(0b1110, 4);
    w.writeBits(dod & 0xfffff, 20);
  } else {
    w.writeBits(0b1111, 4);
    w.writeBits(Math.floor(dod / TWO_32) >>> 0, 32);
    w.writeBits(dod >>> 0, 32);
  }
}

/** Writes the low `nbits` bits of `(hi:lo) >>> shift`. */
function writeShiftedRight(w: BitWriter, hi: number, lo: number, shift: number, nbits: number): void {
  if (shift === 0) {
    w.writeBits64(hi, lo, nbits);
  } else if (shift >= 32) {
    w.writeBits(hi >>> (shift - 32), nbits);
  } else {
    w.writeBits64(hi >>> shift, ((lo >>> shift) | (hi << (32 - shift))) >>> 0, nbits);
  }
}

/** Reads the sample count from a chunk's header. @throws ChunkDecodeError when too short. */
export function xorChunkNumSamples(bytes: Uint8Array): number {
  if (bytes.length < 2) throw new ChunkDecodeError('chunk shorter than its header');
  return (bytes[0]! << 8) | bytes[1]!;
}

/**
 * Iterates the samples of one XOR chunk. Does not copy `bytes`; they must not change while
 * iterating. Corrupt or truncated data throws `ChunkDecodeError` from `next`.
 *
 * @example
 *   const it = new XorChunkIterator(bytes);
 *   while (it.next()) use(it.t, it.v);
 */
export class XorChunkIterator {
  /** Timestamp of the current sample (valid after `next` returned true). */
  t = 0;
  /** High 32 bits of the current value's IEEE 754 pattern. */
  valueHi = 0;
  /** Low 32 bits of the current value's IEEE 754 pattern. */
  valueLo = 0;
  private readonly r: BitReader;
  private total: number;
  private read = 0;
  private tDelta = 0;
  private leading = 0;
  private trailing = 0;
  private readonly scratch = new Uint32Array(2);

  /** @throws ChunkDecodeError when `bytes` is shorter than the header. */
  constructor(bytes: Uint8Array) {
    this.total = xorChunkNumSamples(bytes);
    this.r = new BitReader(bytes, 16);
  }

  /** Restarts on another chunk, reusing this iterator. */
  reset(bytes: Uint8Array): void {
    this.total = xorChunkNumSamples(bytes);
    this.r.reset(bytes, 16);
    this.read = 0;
    this.t = 0;
    this.valueHi = 0;
    this.valueLo = 0;
    this.tDelta = 0;
    this.leading = 0;
    this.trailing = 0;
  }

  /** Number of samples the chunk holds. */
  get numSamples(): number {
    return this.total;
  }

  /** Value of the current sample (bit-exact, stale markers included). */
  get v(): number {
    return floatFromBits(this.valueHi, this.valueLo);
  }

  /** Advances to the next sample; false at the end. */
  next(): boolean {
    if (this.read >= this.total) return false;
    const r = this.r;
    const s = this.scratch;
    if (this.read === 0) {
      r.readUvarint64(s);
      const sign = -(s[1]! & 1);
      const hi = (s[0]! >>> 1) ^ sign;
      const lo = ((s[1]! >>> 1) | (s[0]! << 31)) ^ sign;
      this.t = (hi | 0) * TWO_32 + (lo >>> 0);
      this.valueHi = r.readBits(32);
      this.valueLo = r.readBits(32);
      this.read = 1;
      return true;
    }
    if (this.read === 1) {
      r.readUvarint64(s);
      this.tDelta = (s[0]! | 0) * TWO_32 + s[1]!;
    } else {
      this.tDelta += this.readDod();
    }
    this.t += this.tDelta;
    this.readValue();
    this.read++;
    return true;
  }

  /** Advances to the first sample with timestamp >= `t`; false when there is none. */
  seek(t: number): boolean {
    if (this.read > 0 && this.t >= t) return true;
    while (this.next()) if (this.t >= t) return true;
    return false;
  }

  private readDod(): number {
    const r = this.r;
    if (r.readBit() === 0) return 0;
    let sz: number;
    if (r.readBit() === 0) sz = 14;
    else if (r.readBit() === 0) sz = 17;
    else if (r.readBit() === 0) sz = 20;
    else {
      const hi = r.readBits(32);
      return (hi | 0) * TWO_32 + r.readBits(32);
    }
    const bits = r.readBits(sz);
    const half = 1 << (sz - 1);
    return bits > half ? bits - (1 << sz) : bits;
  }

  private readValue(): void {
    const r = this.r;
    if (r.readBit() === 0) return;
    if (r.readBit() === 1) {
      this.leading = r.readBits(5);
      let mbits = r.readBits(6);
      if (mbits === 0) mbits = 64;
      this.trailing = 64 - this.leading - mbits;
      if (this.trailing < 0) throw new ChunkDecodeError('xor value window exceeds 64 bits');
    }
    const mbits = 64 - this.leading - this.trailing;
    const sh = this.trailing;
    let hi = 0;
    let lo: number;
    if (mbits > 32) {
      hi = r.readBits(mbits - 32);
      lo = r.readBits(32);
    } else {
      lo = r.readBits(mbits);
    }
    if (sh >= 32) {
      hi = lo << (sh - 32);
      lo = 0;
    } else if (sh > 0) {
      hi = (hi << sh) | (lo >>> (32 - sh));
      lo = lo << sh;
    }
    this.valueHi = (this.valueHi ^ hi) >>> 0;
    this.valueLo = (this.valueLo ^ lo) >>> 0;
  }
}

/**
 * Decodes the samples of `bytes` with `mint <= t <= maxt` into `timestamps` and `values` from
 * index `offset`, copying value bits exactly. Both arrays need room for every sample of the
 * chunk past `offset`. Returns how many samples it wrote. (The one-pass `decodeXorRange`; the
 * iterator above is the readable reference it is tested against.)
 * @throws ChunkDecodeError on corrupt data.
 */
export function decodeXorChunkInto(
  bytes: Uint8Array,
  timestamps: Float64Array,
  values: Float64Array,
  offset = 0,
  mint = Number.NEGATIVE_INFINITY,
  maxt = Number.POSITIVE_INFINITY,
): number {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  return decodeXorRange(bytes, 0, bytes.length, mint, maxt, { ts: timestamps, bits }, offset) - offset;
}

/** Decodes a whole chunk into new arrays. @throws ChunkDecodeError on corrupt data. */
export function decodeXorChunk(bytes: Uint8Array): { timestamps: Float64Array; values: Float64Array } {
  const n = xorChunkNumSamples(bytes);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const got = decodeXorChunkInto(bytes, timestamps, values);
  if (got !== n) throw new ChunkDecodeError(`chunk has ${got} samples, header says ${n}`);
  return { timestamps, values };
}

/**
 * Encodes parallel arrays of samples into one chunk (a fresh copy). Values given as a
 * `Float64Array` are copied by their bits, so NaN payloads (stale markers) survive exactly.
 */
export function encodeXorChunk(timestamps: ArrayLike<number>, values: ArrayLike<number>): Uint8Array {
  const enc = new XorChunkEncoder(16 + timestamps.length * 2);
  if (values instanceof Float64Array) {
    const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    for (let i = 0; i < timestamps.length; i++)
      enc.appendBits(timestamps[i]!, bits[2 * i + 1]!, bits[2 * i]!);
  } else {
    for (let i = 0; i < timestamps.length; i++) enc.append(timestamps[i]!, values[i]!);
  }
  return enc.bytes().slice();
}
