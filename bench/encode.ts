/**
 * A minimal remote write 1.0 encoder for the load generator. The request layout
 * (`prometheus.WriteRequest`, proto/prometheus/write-v1.proto):
 *
 *   WriteRequest { repeated TimeSeries timeseries = 1; }
 *   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 *   Label        { string name = 1; string value = 2; }
 *   Sample       { double value = 1; int64 timestamp = 2; }
 *
 * Each series' labels are encoded once (`encodeLabels`) and reused every round, so building a
 * round's requests is a copy plus a 9-byte double and a varint per series: the generator stays
 * cheap next to the servers it measures.
 */
import type { Label } from '../libs/model/index.js';

const TAG_LABELS = 0x0a; // field 1, length-delimited
const TAG_SAMPLES = 0x12; // field 2, length-delimited
const TAG_SERIES = 0x0a; // WriteRequest field 1, length-delimited
const TAG_NAME = 0x0a;
const TAG_VALUE = 0x12;
const TAG_SAMPLE_VALUE = 0x09; // field 1, 64-bit
const TAG_SAMPLE_TS = 0x10; // field 2, varint

const utf8 = new TextEncoder();

/** Number of bytes `v` (a non-negative safe integer) takes as a protobuf varint. */
export function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

function writeVarint(buf: Uint8Array, pos: number, v: number): number {
  while (v >= 0x80) {
    buf[pos++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

function encodeLabel(l: Label): Uint8Array {
  const name = utf8.encode(l.name);
  const value = utf8.encode(l.value);
  const inner = 1 + varintSize(name.length) + name.length + 1 + varintSize(value.length) + value.length;
  const out = new Uint8Array(1 + varintSize(inner) + inner);
  let p = 0;
  out[p++] = TAG_LABELS;
  p = writeVarint(out, p, inner);
  out[p++] = TAG_NAME;
  p = writeVarint(out, p, name.length);
  out.set(name, p);
  p += name.length;
  out[p++] = TAG_VALUE;
  p = writeVarint(out, p, value.length);
  out.set(value, p);
  return out;
}

/**
 * Encodes the `labels` fields (field 1, repeated) of TimeSeries messages, in the order given;
 * pass labels sorted by name as the remote write spec requires. Each distinct label pair is
 * encoded once and kept (looked up by object first, then by name and value), since a fleet
 * repeats its target labels across many series; one
 * instance per fleet, not shared between threads.
 */
export class LabelEncoder {
  private readonly byObject = new WeakMap<Label, Uint8Array>();
  private readonly byPair = new Map<string, Uint8Array>();

  /** Returns a fresh buffer holding the encoded labels. */
  encode(labels: readonly Label[]): Uint8Array {
    const parts: Uint8Array[] = [];
    let size = 0;
    for (const l of labels) {
      let enc = this.byObject.get(l);
      if (enc === undefined) {
        const key = `${l.name}\u0000${l.value}`;
        enc = this.byPair.get(key);
        if (enc === undefined) {
          enc = encodeLabel(l);
          this.byPair.set(key, enc);
        }
        this.byObject.set(l, enc);
      }
      parts.push(enc);
      size += enc.length;
    }
    const all = new Uint8Array(size);
    let off = 0;
    // A byte loop: TypedArray.prototype.set costs more than it copies for parts this small.
    for (const p of parts) for (let i = 0; i < p.length; i++) all[off++] = p[i]!;
    return all;
  }
}

/** Encodes one series' labels without a cache; see `LabelEncoder`. Returns a fresh buffer. */
export function encodeLabels(labels: readonly Label[]): Uint8Array {
  return new LabelEncoder().encode(labels);
}

function sampleSize(timestampMs: number): number {
  return 1 + 8 + 1 + varintSize(timestampMs);
}

/**
 * Encodes an uncompressed WriteRequest holding series `from` (inclusive) to `to` (exclusive), each
 * with one sample: `values[i]` at `timestampMs` (a non-negative integer). `labelBytes[i]` comes from
 * `encodeLabels`. Returns a fresh buffer.
 */
export function encodeRound(
  labelBytes: readonly Uint8Array[],
  values: Float64Array,
  timestampMs: number,
  from: number,
  to: number,
): Uint8Array {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new Error(`bad timestamp ${timestampMs}`);
  const sSize = sampleSize(timestampMs);
  let total = 0;
  for (let i = from; i < to; i++) {
    const inner = labelBytes[i]!.length + 1 + varintSize(sSize) + sSize;
    total += 1 + varintSize(inner) + inner;
  }
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  let p = 0;
  for (let i = from; i < to; i++) {
    const lb = labelBytes[i]!;
    const inner = lb.length + 1 + varintSize(sSize) + sSize;
    buf[p++] = TAG_SERIES;
    p = writeVarint(buf, p, inner);
    buf.set(lb, p);
    p += lb.length;
    buf[p++] = TAG_SAMPLES;
    p = writeVarint(buf, p, sSize);
    buf[p++] = TAG_SAMPLE_VALUE;
    view.setFloat64(p, values[i]!, true);
    p += 8;
    buf[p++] = TAG_SAMPLE_TS;
    p = writeVarint(buf, p, timestampMs);
  }
  if (p !== total) throw new Error(`encoder size mismatch: wrote ${p} of ${total} bytes`);
  return buf;
}
