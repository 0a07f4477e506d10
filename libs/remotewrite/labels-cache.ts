/**
 * Label sets of recently decoded series, found again by the bytes that encode them. A Prometheus
 * sends every active series again each scrape interval with the same label bytes; finding the
 * label set decoded last time costs one hash and one comparison pass over those bytes, and gives
 * back the *same* `Labels` array, so downstream work keyed by that array (label validation, the
 * ingester's series lookup) is done once per series instead of once per sample.
 *
 * A hit is never trusted to the hash: the bytes are compared with the cached label strings, so a
 * hash collision only costs a miss. Only label sets that compare equal to their own bytes are
 * cached (ASCII, sorted on the wire, canonical `Label` messages); others are decoded every time.
 *
 * Bounded: two generations of at most `generationSize` entries each; when the young one is full
 * it becomes the old one and the previous old one is dropped. A hit in the old generation moves
 * the entry to the young one, so series still being sent survive a rotation.
 */
import type { Labels } from '../model/index.js';

/** Protobuf tag of `TimeSeries.labels` and `Label.name` (field 1, length-delimited). */
const TAG_1_LEN = 0x0a;
/** Protobuf tag of `Label.value` (field 2, length-delimited). */
const TAG_2_LEN = 0x12;

/** Default entries per generation: the series of a default per-tenant limit, and some. */
export const DEFAULT_LABELS_CACHE_GENERATION = 1 << 17;

export class LabelsCache {
  private young = new Map<number, Labels>();
  private old = new Map<number, Labels>();

  constructor(private readonly generationSize = DEFAULT_LABELS_CACHE_GENERATION) {}

  /** Entries held (for tests). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /**
   * The cached label set encoded by the `Label` fields `buf[start, end)` (tags included), or
   * undefined. `hash` is `hashBytes(view, buf, start, end)`.
   */
  get(buf: Uint8Array, start: number, end: number, hash: number): Labels | undefined {
    let labels = this.young.get(hash);
    if (labels === undefined) {
      labels = this.old.get(hash);
      if (labels === undefined || !encodes(buf, start, end, labels)) return undefined;
      this.old.delete(hash);
      this.put(hash, labels);
      return labels;
    }
    return encodes(buf, start, end, labels) ? labels : undefined;
  }

  /**
   * Caches `labels`, decoded from `buf[start, end)`, if those bytes are exactly its canonical
   * encoding (otherwise later lookups could never match it). `labels` must never change.
   */
  add(buf: Uint8Array, start: number, end: number, hash: number, labels: Labels): void {
    if (encodes(buf, start, end, labels)) this.put(hash, labels);
  }

  private put(hash: number, labels: Labels): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(hash, labels);
  }
}

/**
 * The end of the run of `TimeSeries.labels` fields starting at `buf[start]` (which holds the
 * first one's tag) and lying within `end`; -1 when a length is malformed (the caller's regular
 * decoding then reports it).
 */
export function labelRunEnd(buf: Uint8Array, start: number, end: number): number {
  let pos = start;
  while (pos < end && buf[pos] === TAG_1_LEN) {
    const len = varint(buf, pos + 1, end);
    if (len < 0) return -1;
    pos = vEnd + len;
    if (pos > end) return -1;
  }
  return pos;
}

/** A 32-bit hash of `buf[start, end)`, four bytes a step (the interners' hash). */
export function hashBytes(view: DataView, buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ view.getInt32(i, true), 0x01000193);
    h ^= h >>> 15;
  }
  for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h ^ (h >>> 13);
}

/** Where the last `varint` call ended. */
let vEnd = 0;

/** Reads a varint of at most 4 bytes at `pos` (sets `vEnd`); -1 when longer or past `end`. */
function varint(buf: Uint8Array, pos: number, end: number): number {
  let v = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= end) return -1;
    const b = buf[pos++]!;
    v |= (b & 0x7f) << shift;
    if (b < 0x80) {
      vEnd = pos;
      return v;
    }
  }
  return -1;
}

/**
 * Whether `buf[start, end)` is exactly `labels` encoded as `Label` fields, each `name` then
 * `value` (omitted when empty), ASCII only: what decoding those bytes would give, byte for byte.
 * Every length is read as a one-byte varint (labels of 128 bytes or more never compare equal, so
 * such series are simply decoded each time): this runs for every series of every request.
 */
function encodes(buf: Uint8Array, start: number, end: number, labels: Labels): boolean {
  let pos = start;
  for (let i = 0; i < labels.length; i++) {
    // Label message: 0x0a len, then 0x0a nameLen name, then (unless empty) 0x12 valueLen value.
    if (pos + 4 > end || buf[pos] !== TAG_1_LEN || buf[pos + 2] !== TAG_1_LEN) return false;
    const msgLen = buf[pos + 1]!;
    const msgEnd = pos + 2 + msgLen;
    const l = labels[i]!;
    const name = l.name;
    const nameLen = buf[pos + 3]!;
    if (msgLen >= 0x80 || msgEnd > end || nameLen !== name.length) return false;
    pos += 4;
    if (!sameAscii(buf, pos, name, nameLen)) return false;
    pos += nameLen;
    const value = l.value;
    if (pos === msgEnd) {
      if (value !== '') return false;
      continue;
    }
    const valueLen = buf[pos + 1]!;
    if (buf[pos] !== TAG_2_LEN || valueLen !== value.length || pos + 2 + valueLen !== msgEnd) return false;
    if (!sameAscii(buf, pos + 2, value, valueLen)) return false;
    pos = msgEnd;
  }
  return pos === end;
}

/** Whether `buf[pos, pos + n)` holds the ASCII string `s` (of length `n`, all < 0x80). */
function sameAscii(buf: Uint8Array, pos: number, s: string, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const b = buf[pos + j]!;
    // ASCII only: a byte >= 0x80 equal to a Latin-1 code unit is not that character in UTF-8.
    if (b !== s.charCodeAt(j) || b >= 0x80) return false;
  }
  return true;
}
