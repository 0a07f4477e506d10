/**
 * Label sets of recently decoded series, found again by the bytes that encode them. A Prometheus
 * sends every active series again each scrape interval with the same label bytes; finding the
 * label set decoded last time costs one hash and one comparison pass over those bytes, and gives
 * back the *same* `Labels` array, so downstream work keyed by that array (label validation, the
 * ingester's series lookup) is done once per series instead of once per sample.
 *
 * A hit is never trusted to the hash: the bytes are compared with a copy of the bytes the label
 * set was decoded from (kept in one slab per generation: comparing contiguous bytes is much
 * cheaper than visiting the strings), so a hash collision only costs a miss. Decoding is a
 * function of the bytes, so equal bytes give equal labels; only series whose labels all come
 * from one run of fields and arrive sorted are cached, others are decoded every time.
 *
 * Bounded: two generations of at most `generationSize` entries each; when the young one is full
 * it becomes the old one and the previous old one is dropped. A hit in the old generation moves
 * the entry to the young one, so series still being sent survive a rotation.
 */
import type { Labels } from '../model/index.js';

/** Protobuf tag of `TimeSeries.labels` and `Label.name` (field 1, length-delimited). */
const TAG_1_LEN = 0x0a;

/** Default entries per generation: the series of a default per-tenant limit, and some. */
export const DEFAULT_LABELS_CACHE_GENERATION = 1 << 17;

/** One generation: label sets by hash, and a copy of the bytes each was decoded from. */
class Generation {
  readonly map = new Map<number, { labels: Labels; off: number; len: number }>();
  slab = new Uint8Array(1 << 16);
  view = new DataView(this.slab.buffer);
  used = 0;

  /** The entry under `hash` whose bytes equal `buf[start, end)`, or undefined. */
  find(view: DataView, buf: Uint8Array, start: number, end: number, hash: number): Labels | undefined {
    const e = this.map.get(hash);
    if (e === undefined || e.len !== end - start) return undefined;
    // Contiguous bytes, four at a time: much cheaper than visiting the label strings.
    const slab = this.view;
    const n = e.len;
    let i = 0;
    for (; i + 4 <= n; i += 4)
      if (view.getInt32(start + i, true) !== slab.getInt32(e.off + i, true)) return undefined;
    for (; i < n; i++) if (buf[start + i] !== this.slab[e.off + i]) return undefined;
    return e.labels;
  }

  put(buf: Uint8Array, start: number, end: number, hash: number, labels: Labels): void {
    const len = end - start;
    if (this.used + len > this.slab.length) {
      const grown = new Uint8Array(Math.max(this.slab.length * 2, this.used + len));
      grown.set(this.slab.subarray(0, this.used));
      this.slab = grown;
      this.view = new DataView(grown.buffer);
    }
    this.slab.set(buf.subarray(start, end), this.used);
    // A replaced entry's bytes stay in the slab until the generation is dropped (rare: collisions).
    this.map.set(hash, { labels, off: this.used, len });
    this.used += len;
  }
}

export class LabelsCache {
  private young = new Generation();
  private old = new Generation();

  constructor(private readonly generationSize = DEFAULT_LABELS_CACHE_GENERATION) {}

  /** Entries held (for tests). */
  get size(): number {
    return this.young.map.size + this.old.map.size;
  }

  /**
   * The cached label set encoded by the `Label` fields `buf[start, end)` (tags included), or
   * undefined. `view` is a `DataView` of `buf`; `hash` is `hashBytes(view, buf, start, end)`.
   */
  get(view: DataView, buf: Uint8Array, start: number, end: number, hash: number): Labels | undefined {
    const hit = this.young.find(view, buf, start, end, hash);
    if (hit !== undefined) return hit;
    const old = this.old.find(view, buf, start, end, hash);
    if (old !== undefined) {
      this.old.map.delete(hash);
      this.put(buf, start, end, hash, old);
    }
    return old;
  }

  /**
   * Caches `labels`, which must be exactly what decoding the `Label` fields `buf[start, end)`
   * gave (no labels from elsewhere, not re-sorted), so that equal bytes mean equal labels.
   * `labels` must never change.
   */
  add(buf: Uint8Array, start: number, end: number, hash: number, labels: Labels): void {
    this.put(buf, start, end, hash, labels);
  }

  private put(buf: Uint8Array, start: number, end: number, hash: number, labels: Labels): void {
    if (this.young.map.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Generation();
    }
    this.young.put(buf, start, end, hash, labels);
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
