/**
 * A protobuf wire-format writer into one growable buffer. Length-delimited fields are
 * written by reserving one byte for the length and moving the payload when it turns out
 * longer than 127 bytes, so messages are written in a single pass without size
 * precomputation. Doubles go through a `DataView`, keeping NaN payloads.
 */
import { WireType } from './proto-reader.js';

const TWO_32 = 4294967296;

/** Growable protobuf writer; reusable after `finish`. */
export class ProtoWriter {
  buf: Uint8Array;
  private view: DataView;
  pos = 0;
  private readonly utf8 = new TextEncoder();

  constructor(initialSize = 64 * 1024) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }

  /** Returns a copy of what was written and empties the writer. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Writes a field tag. */
  tag(field: number, wire: number): void {
    this.uint32((field << 3) | wire);
  }

  /** Writes `v` (taken as uint32) as a varint. */
  uint32(v: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    v >>>= 0;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** Writes a signed integer as an int64 varint (negative numbers take 10 bytes). */
  int64(v: number): void {
    if (v >= 0 && v < TWO_32) {
      this.uint32(v);
      return;
    }
    v = Math.trunc(v);
    const hi = Math.floor(v / TWO_32);
    this.varint64((v - hi * TWO_32) >>> 0, hi >>> 0);
  }

  /** Writes a non-negative integer as a uint64 varint. */
  uint64(v: number): void {
    this.int64(v < 0 ? 0 : v);
  }

  /** Writes a zigzag sint64 varint. */
  sint64(v: number): void {
    v = Math.trunc(v);
    this.int64(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Writes a zigzag sint32 varint. */
  sint32(v: number): void {
    this.uint32(((v << 1) ^ (v >> 31)) >>> 0);
  }

  private varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi > 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** Writes a little-endian double, bit for bit. */
  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** Starts a length-delimited payload (the tag already written); pass the result to `endLen`. */
  beginLen(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends a payload started at `start`, writing its length (moving it if the length needs >1 byte). */
  endLen(start: number): void {
    const len = this.pos - start - 1;
    if (len < 0x80) {
      this.buf[start] = len;
      return;
    }
    const size = varintSize(len);
    this.ensure(size - 1);
    this.buf.copyWithin(start + size, start + 1, this.pos);
    this.pos += size - 1;
    const buf = this.buf;
    let v = len;
    let p = start;
    while (v > 0x7f) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p] = v;
  }

  /** Writes a string field (tag, length, UTF-8); empty strings are omitted (proto3 default). */
  stringField(field: number, s: string): void {
    if (s.length === 0) return;
    this.tag(field, WireType.Len);
    this.ensure(3 * s.length + 5);
    const start = this.beginLen();
    const buf = this.buf;
    let pos = this.pos;
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[pos++] = c;
    }
    if (i < s.length) pos += this.utf8.encodeInto(s.slice(i), buf.subarray(pos)).written;
    this.pos = pos;
    this.endLen(start);
  }

  /** Writes a double field unless it is +0 (proto3 default); -0 and NaNs are written. */
  doubleField(field: number, v: number): void {
    if (v === 0 && 1 / v > 0) return;
    this.tag(field, WireType.Fixed64);
    this.double(v);
  }

  /** Writes an int64 field unless it is 0. */
  int64Field(field: number, v: number): void {
    if (v === 0) return;
    this.tag(field, WireType.Varint);
    this.int64(v);
  }

  /** Writes a uint32 field unless it is 0. */
  uint32Field(field: number, v: number): void {
    if (v === 0) return;
    this.tag(field, WireType.Varint);
    this.uint32(v);
  }
}

function varintSize(v: number): number {
  let n = 1;
  while (v > 0x7f) {
    v >>>= 7;
    n++;
  }
  return n;
}
