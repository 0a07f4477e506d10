/**
 * A small protobuf wire-format reader over one `Uint8Array`, written for the ingestion
 * hot path: no allocation per scalar, doubles read through one `DataView` (so NaN
 * payloads survive), every read bounds-checked. Errors are `DecodeFault`s carrying the
 * byte offset; the message decoders wrap them into `EpimetheusError('bad_data')`.
 *
 * Wire format: https://protobuf.dev/programming-guides/encoding/
 */

/** Protobuf wire types. */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  Len: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

const TWO_32 = 4294967296;
/** Stateless with `fatal` and no streaming, so one instance serves every reader. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_GROUP_DEPTH = 32;

/** A malformed-input error raised while reading; `offset` is the byte where it was found. */
export class DecodeFault extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'DecodeFault';
    this.offset = offset;
  }
}

/** Cursor over a protobuf message. Not shared between concurrent decodes. */
export class ProtoReader {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Throws a `DecodeFault` at the current position. */
  fail(message: string, at: number = this.pos): never {
    throw new DecodeFault(message, at);
  }

  /** Reads a field tag; rejects field number 0. Returns `fieldNumber << 3 | wireType`. */
  tag(): number {
    const at = this.pos;
    const t = this.uint32();
    if (t >>> 3 === 0) this.fail('invalid field number 0', at);
    return t;
  }

  /** Reads a varint and keeps its low 32 bits, unsigned (as protobuf does for uint32). */
  uint32(): number {
    const buf = this.buf;
    const pos = this.pos;
    if (pos < buf.length) {
      const b = buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.uint32Slow();
  }

  private uint32Slow(): number {
    const buf = this.buf;
    let pos = this.pos;
    let v = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= buf.length) this.fail('truncated varint', pos);
      const b = buf[pos++]!;
      if (shift < 32) v |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return v >>> 0;
      }
    }
    return this.fail('varint longer than 10 bytes', this.pos);
  }

  /** Reads an int64 varint as a number (exact within ±2^53). */
  int64(): number {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= buf.length) this.fail('truncated varint', pos);
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return lo;
      }
    }
    this.pos = pos;
    return this.varint64Tail(lo, true);
  }

  /** Reads a uint64 varint as a number (exact up to 2^53). */
  uint64(): number {
    const lo = this.uint32Prefix();
    return lo < 0 ? this.varint64Tail(lo & 0x0fffffff, false) : lo;
  }

  /** Reads a zigzag-encoded sint64 as a number (exact within ±2^53). */
  sint64(): number {
    const lo = this.uint32Prefix();
    if (lo >= 0) return (lo >>> 1) ^ -(lo & 1);
    this.varint64Tail(lo & 0x0fffffff, false);
    const l = this.lo;
    const h = this.hi;
    const mask = -(l & 1);
    const zl = ((l >>> 1) | (h << 31)) ^ mask;
    const zh = (h >>> 1) ^ mask;
    return zh * TWO_32 + (zl >>> 0);
  }

  /** Reads a zigzag-encoded sint32. */
  sint32(): number {
    const v = this.uint32();
    return (v >>> 1) ^ -(v & 1);
  }

  /** Reads a bool varint. */
  bool(): boolean {
    return this.uint32() !== 0;
  }

  private lo = 0;
  private hi = 0;

  /**
   * Reads up to the first four bytes of a varint. Returns the value when it ended
   * there (< 2^28), or -1 - 0x0fffffff-masked low bits combined as a negative marker:
   * callers continue with `varint64Tail`.
   */
  private uint32Prefix(): number {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= buf.length) this.fail('truncated varint', pos);
      const b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return lo;
      }
    }
    this.pos = pos;
    return lo | 0x80000000; // negative: more bytes follow; low 28 bits kept
  }

  /**
   * Finishes a varint whose low 28 bits are `lo28`; leaves the 64 bits in `this.lo` and
   * `this.hi` and returns them as a signed or unsigned number.
   */
  private varint64Tail(lo28: number, signed: boolean): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= buf.length) this.fail('truncated varint', pos);
    let b = buf[pos++]!;
    let lo = lo28 | ((b & 0x7f) << 28);
    let hi = (b & 0x7f) >> 4;
    let done = b < 0x80;
    for (let shift = 3; !done && shift < 32; shift += 7) {
      if (pos >= buf.length) this.fail('truncated varint', pos);
      b = buf[pos++]!;
      hi |= (b & 0x7f) << shift;
      done = b < 0x80;
    }
    if (!done) this.fail('varint longer than 10 bytes', this.pos);
    this.pos = pos;
    lo >>>= 0;
    this.lo = lo;
    this.hi = hi | 0;
    return signed ? (hi | 0) * TWO_32 + lo : (hi >>> 0) * TWO_32 + lo;
  }

  /** Reads a little-endian double within `end`, bit for bit (NaN payloads kept). */
  double(end: number): number {
    const pos = this.pos;
    if (pos + 8 > end) this.fail('truncated fixed64', pos);
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads a length prefix and returns the end offset of the payload, checked against `end`. */
  lenEnd(end: number): number {
    const at = this.pos;
    const len = this.uint32();
    const e = this.pos + len;
    if (e > end) this.fail(`length ${len} runs past the end of its message`, at);
    return e;
  }

  /** Decodes the UTF-8 bytes `[start, end)`, rejecting invalid UTF-8. */
  utf8At(start: number, end: number): string {
    const buf = this.buf;
    let i = start;
    while (i < end && buf[i]! < 0x80) i++;
    if (i === end && end - start <= 256) return asciiString(buf, start, end);
    try {
      return UTF8.decode(buf.subarray(start, end));
    } catch {
      return this.fail('invalid UTF-8 in string', start);
    }
  }

  /** Reads a length-delimited string within `end`. */
  string(end: number): string {
    const e = this.lenEnd(end);
    const start = this.pos;
    this.pos = e;
    return start === e ? '' : this.utf8At(start, e);
  }

  /** Skips one field's payload of `wireType` (the tag already read), within `end`. */
  skip(wireType: number, end: number, depth = 0): void {
    switch (wireType) {
      case WireType.Varint:
        this.uint32Slow();
        break;
      case WireType.Fixed64:
        if (this.pos + 8 > end) this.fail('truncated fixed64');
        this.pos += 8;
        break;
      case WireType.Len:
        this.pos = this.lenEnd(end);
        break;
      case WireType.Fixed32:
        if (this.pos + 4 > end) this.fail('truncated fixed32');
        this.pos += 4;
        break;
      case WireType.StartGroup:
        this.skipGroup(end, depth);
        break;
      default:
        this.fail(`invalid wire type ${wireType}`);
    }
    if (this.pos > end) this.fail('field runs past the end of its message');
  }

  private skipGroup(end: number, depth: number): void {
    if (depth >= MAX_GROUP_DEPTH) this.fail('groups nested too deeply');
    for (;;) {
      if (this.pos >= end) this.fail('unterminated group');
      const t = this.tag();
      if ((t & 7) === WireType.EndGroup) return;
      this.skip(t & 7, end, depth + 1);
    }
  }

  /** Throws unless `wireType` is `expected`, naming the field. */
  expect(wireType: number, expected: number, field: string): void {
    if (wireType !== expected) {
      this.fail(`field ${field} has wire type ${wireType}, want ${expected}`);
    }
  }

  /** Fails unless a message that should end at `end` did (a varint may have overrun it). */
  checkEnd(end: number): void {
    if (this.pos !== end) this.fail('field runs past the end of its message');
  }
}

/** Builds a string from ASCII bytes without a trip through TextDecoder. */
function asciiString(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 12) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
    return s;
  }
  return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
}
