/**
 * Cursor over a byte slice that decodes what `EncBuf` encodes. Reading past the end or a
 * malformed varint throws `FormatError`, so corrupt input never yields garbage numbers.
 */
import { FormatError } from './errors.js';

const TWO_32 = 4294967296;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decoder over `b`; `pos` is the next byte to read. Does not copy `b`. */
export class DecBuf {
  readonly b: Uint8Array;
  pos: number;
  private readonly end: number;
  private readonly view: DataView;

  constructor(b: Uint8Array, start = 0, end = b.length) {
    this.b = b;
    this.pos = start;
    this.end = end;
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Bytes left before the end. */
  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.end)
      throw new FormatError(`unexpected end of data: need ${n} bytes, have ${this.remaining}`);
  }

  byte(): number {
    this.need(1);
    return this.b[this.pos++]!;
  }

  be32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  be64(): number {
    this.need(8);
    const hi = this.view.getUint32(this.pos);
    const lo = this.view.getUint32(this.pos + 4);
    if (hi >= 0x200000) throw new FormatError('64-bit value exceeds the safe integer range');
    this.pos += 8;
    return hi * TWO_32 + lo;
  }

  uvarint(): number {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      this.need(1);
      const b = this.b[this.pos++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) {
        if (v > Number.MAX_SAFE_INTEGER) throw new FormatError('varint exceeds the safe integer range');
        return v;
      }
      mul *= 0x80;
    }
    throw new FormatError('varint overflows 64 bits');
  }

  varint(): number {
    const u = this.uvarint();
    // Zig-zag: even values are non-negative, odd ones negative.
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  uvarintStr(): string {
    const n = this.uvarint();
    return utf8.decode(this.bytes(n));
  }
}
