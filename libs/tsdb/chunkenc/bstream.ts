/**
 * Bit streams over `Uint8Array`, most significant bit first, as Prometheus's `bstream`.
 * Values wider than 32 bits travel as two uint32 halves (`hi`, `lo`) so the hot paths stay
 * in small-integer arithmetic and never allocate a BigInt.
 */

import type { ByteAllocator } from './buffer-pool.js';
import { peekBits, uvarintAt } from './bits.js';

const EMPTY = new Uint8Array(0);

/** Thrown when a reader runs past the end of its bytes: the chunk is truncated or corrupt. */
export class ChunkDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChunkDecodeError';
  }
}

/**
 * Appends bits to a growable, zero-initialised byte buffer. The buffer doubles when full, so
 * appending is allocation-free once it has reached its working size; `reset` keeps it.
 */
export class BitWriter {
  /** The backing buffer; bytes past `byteLength` are always zero. Replaced when it grows. */
  buf: Uint8Array;
  /** Number of bits written so far. */
  bitLength = 0;
  /**
   * Whether the last write was a whole number of bytes (`writeBits` with a multiple of 8 bits),
   * which is when Prometheus 2.x's bit stream leaves an extra zero byte if it ended aligned.
   */
  lastWriteWholeBytes = false;

  private readonly allocator: ByteAllocator | undefined;

  /**
   * @param initialCapacity initial buffer size in bytes. @default 32
   * @param allocator where buffers come from and go back to when outgrown or on `dispose`;
   *   standalone `Uint8Array`s when absent.
   */
  constructor(initialCapacity = 32, allocator?: ByteAllocator) {
    this.allocator = allocator;
    const size = Math.max(1, initialCapacity);
    this.buf = allocator === undefined ? new Uint8Array(size) : allocator.alloc(size);
  }

  /** Bytes in use: the bits written, rounded up to whole bytes. */
  get byteLength(): number {
    return (this.bitLength + 7) >>> 3;
  }

  /** Makes room for `nbits` more bits. */
  private ensure(nbits: number): void {
    const needBytes = (this.bitLength + nbits + 7) >>> 3;
    if (needBytes <= this.buf.length) return;
    const size = Math.max(needBytes, this.buf.length * 2);
    const grown = this.allocator === undefined ? new Uint8Array(size) : this.allocator.alloc(size);
    grown.set(this.buf.subarray(0, this.byteLength));
    this.allocator?.free(this.buf);
    this.buf = grown;
  }

  /** Writes one bit (`0` or non-zero for 1). */
  writeBit(bit: number): void {
    this.ensure(1);
    this.lastWriteWholeBytes = false;
    const pos = this.bitLength;
    if (bit !== 0) this.buf[pos >>> 3]! |= 0x80 >>> (pos & 7);
    this.bitLength = pos + 1;
  }

  /** Writes the low `nbits` bits (0..32) of `value`, most significant first. */
  writeBits(value: number, nbits: number): void {
    if (nbits === 0) return;
    this.ensure(nbits);
    this.lastWriteWholeBytes = (nbits & 7) === 0;
    const buf = this.buf;
    const pos = this.bitLength;
    this.bitLength = pos + nbits;
    const v = nbits === 32 ? value >>> 0 : value & ((1 << nbits) - 1);
    let idx = pos >>> 3;
    // r: bits from the start of byte idx to the end of this value.
    let r = nbits + (pos & 7);
    if (r <= 8) {
      buf[idx]! |= v << (8 - r);
      return;
    }
    r -= 8;
    buf[idx]! |= v >>> r;
    while (r >= 8) {
      r -= 8;
      buf[++idx] = v >>> r; // bytes past the end are zero, and the store keeps the low 8 bits
    }
    if (r > 0) buf[++idx] = v << (8 - r);
  }

  /** Writes the low `nbits` bits (0..64) of the 64-bit value `hi:lo`. */
  writeBits64(hi: number, lo: number, nbits: number): void {
    if (nbits > 32) {
      this.writeBits(hi, nbits - 32);
      this.writeBits(lo, 32);
      this.lastWriteWholeBytes = (nbits & 7) === 0;
    } else {
      this.writeBits(lo, nbits);
    }
  }

  /** Writes the unsigned 64-bit value `hi:lo` as a Go `binary.PutUvarint` varint. */
  writeUvarint64(hi: number, lo: number): void {
    let h = hi >>> 0;
    let l = lo >>> 0;
    while (h !== 0 || l >= 0x80) {
      this.writeBits((l & 0x7f) | 0x80, 8);
      l = ((l >>> 7) | (h << 25)) >>> 0;
      h = h >>> 7;
    }
    this.writeBits(l, 8);
  }

  /** The bytes written so far: a view of the internal buffer, valid until the next write. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.byteLength);
  }

  /**
   * The bytes as Prometheus 2.x's `bstream` would hold them: the same bits, plus one zero byte
   * when the stream ends byte-aligned right after a whole-byte write (fixed in Prometheus 3.0).
   * A view, valid until the next write.
   */
  bytesPrometheus2(): Uint8Array {
    if (!this.lastWriteWholeBytes || (this.bitLength & 7) !== 0) return this.bytes();
    this.ensure(8);
    return this.buf.subarray(0, this.byteLength + 1);
  }

  /** Returns the buffer to the allocator; the writer must not be used afterwards. */
  dispose(): void {
    this.allocator?.free(this.buf);
    this.buf = EMPTY;
    this.bitLength = 0;
  }

  /** Forgets all bits but keeps the buffer (zeroing the bytes that were used). */
  reset(): void {
    this.buf.fill(0, 0, this.byteLength);
    this.bitLength = 0;
    this.lastWriteWholeBytes = false;
  }
}

/** Reads bits from a byte array, most significant bit first. */
export class BitReader {
  private buf: Uint8Array;
  /** Next bit to read. */
  pos: number;
  private end: number;

  /** Reads `buf` starting at bit `startBit`. Does not copy `buf`. */
  constructor(buf: Uint8Array, startBit = 0) {
    this.buf = buf;
    this.pos = startBit;
    this.end = buf.length * 8;
  }

  /** Starts over on `buf` at bit `startBit`. */
  reset(buf: Uint8Array, startBit = 0): void {
    this.buf = buf;
    this.pos = startBit;
    this.end = buf.length * 8;
  }

  /** Reads one bit. @throws ChunkDecodeError past the end. */
  readBit(): number {
    const pos = this.pos;
    if (pos >= this.end) throw new ChunkDecodeError('unexpected end of chunk');
    this.pos = pos + 1;
    return (this.buf[pos >>> 3]! >>> (7 - (pos & 7))) & 1;
  }

  /** Reads `nbits` (0..32) bits as an unsigned integer. @throws ChunkDecodeError past the end. */
  readBits(nbits: number): number {
    if (nbits > 25) {
      // A 32-bit window holds at most 25 bits after a 0..7 bit offset: read in two parts.
      const hi = this.readBits(nbits - 16);
      return hi * 65536 + this.readBits(16);
    }
    if (nbits === 0) return 0;
    const pos = this.pos;
    if (pos + nbits > this.end) throw new ChunkDecodeError('unexpected end of chunk');
    this.pos = pos + nbits;
    return peekBits(this.buf, pos, nbits);
  }

  /**
   * Reads a Go uvarint into `out[0]` (hi) and `out[1]` (lo).
   * @throws ChunkDecodeError on a truncated or over-long varint.
   */
  readUvarint64(out: Uint32Array): void {
    const next = uvarintAt(this.buf, this.pos, out);
    if (next < 0) throw new ChunkDecodeError('varint overflows 64 bits');
    if (next > this.end) throw new ChunkDecodeError('unexpected end of chunk');
    this.pos = next;
  }
}
