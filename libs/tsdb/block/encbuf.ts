/**
 * Growable byte buffer with the primitive encodings of the TSDB formats: big-endian fixed
 * width integers, unsigned LEB128 varints ("uvarint") and zig-zag signed varints ("varint").
 * Integers are JS numbers and must be safe integers (|x| < 2^53): enough for millisecond
 * timestamps, chunk refs and file offsets.
 */

const TWO_32 = 4294967296;
const utf8 = new TextEncoder();

/** Append-only encoder. `bytes()` returns a view that is valid until the next write. */
export class EncBuf {
  private buf: Uint8Array;
  private view: DataView;
  /** Number of bytes written. */
  len = 0;

  /** @param capacity initial capacity in bytes. @default 256 */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(16, capacity));
    this.view = new DataView(this.buf.buffer);
  }

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Forgets the contents, keeping the allocation. */
  reset(): void {
    this.len = 0;
  }

  /** The written bytes; a view into the internal buffer, invalidated by further writes. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  putByte(b: number): void {
    this.grow(1);
    this.buf[this.len++] = b;
  }

  putBytes(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  putZeros(n: number): void {
    this.grow(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
  }

  putBE32(v: number): void {
    this.grow(4);
    this.view.setUint32(this.len, v >>> 0);
    this.len += 4;
  }

  /** Overwrites 4 bytes at `pos` (already written) with `v` big-endian. */
  setBE32(pos: number, v: number): void {
    this.view.setUint32(pos, v >>> 0);
  }

  putBE64(v: number): void {
    this.grow(8);
    this.view.setUint32(this.len, Math.floor(v / TWO_32));
    this.view.setUint32(this.len + 4, v >>> 0);
    this.len += 8;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  putUvarint(v: number): void {
    this.grow(10);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  /** Zig-zag signed varint of a safe integer (Go `binary.PutVarint`). */
  putVarint(v: number): void {
    this.putUvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** A string as uvarint byte length followed by its UTF-8 bytes. */
  putUvarintStr(s: string): void {
    const b = utf8.encode(s);
    this.putUvarint(b.length);
    this.putBytes(b);
  }
}

/** Number of bytes `putUvarint(v)` writes. */
export function uvarintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 0x80);
    n++;
  }
  return n;
}
