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
 *
 * Sized to the stream: when the young generation fills while fewer than half the lookups since
 * the last rotation hit (more active series than two generations hold: every lookup a miss that
 * also pays an insertion and, downstream, a full validation and series lookup), the generation
 * size doubles instead of rotating, up to `maxGenerationSize`, provided most of those misses
 * were series seen before (a small filter of recently missed hashes tells): a stream that fits
 * never grows it, and neither does churn (a sender inventing new series all the time), which a
 * bigger cache would not help.
 */
import type { Labels } from '../model/index.js';

/** Protobuf tag of `TimeSeries.labels` and `Label.name` (field 1, length-delimited). */
const TAG_1_LEN = 0x0a;

/** Default entries per generation: the series of a default per-tenant limit, and some. */
export const DEFAULT_LABELS_CACHE_GENERATION = 1 << 17;

/** Default ceiling of the generation size when it grows: two generations hold 4,194,304 series. */
export const DEFAULT_LABELS_CACHE_MAX_GENERATION = 1 << 21;

/** Bytes of one page of label-byte copies; a longer label run gets a page of its own. */
const PAGE = 1 << 22;

interface Entry {
  readonly labels: Labels;
  /** The page holding this entry's bytes. */
  readonly page: DataView;
  readonly off: number;
  readonly len: number;
}

/** One generation: label sets by hash, and a copy of the bytes each was decoded from. */
class Generation {
  readonly map = new Map<number, Entry>();
  /** The page being filled; full pages stay referenced by their entries only. */
  private page = new DataView(new ArrayBuffer(1 << 16));
  private pageBytes = new Uint8Array(this.page.buffer);
  private used = 0;

  /** The entry under `hash` whose bytes equal `buf[start, end)`, or undefined. */
  find(view: DataView, buf: Uint8Array, start: number, end: number, hash: number): Labels | undefined {
    const e = this.map.get(hash);
    if (e === undefined || e.len !== end - start) return undefined;
    // Contiguous bytes, four at a time: much cheaper than visiting the label strings.
    const page = e.page;
    const n = e.len;
    const off = e.off;
    let i = 0;
    for (; i + 4 <= n; i += 4)
      if (view.getInt32(start + i, true) !== page.getInt32(off + i, true)) return undefined;
    for (; i < n; i++) if (buf[start + i] !== page.getUint8(off + i)) return undefined;
    return e.labels;
  }

  put(buf: Uint8Array, start: number, end: number, hash: number, labels: Labels): void {
    const len = end - start;
    if (this.used + len > this.pageBytes.length) {
      // Pages of fixed size: growing never copies what is already held.
      const size =
        len > PAGE ? len : this.pageBytes.length < PAGE ? Math.min(PAGE, this.pageBytes.length * 4) : PAGE;
      this.pageBytes = new Uint8Array(Math.max(size, len));
      this.page = new DataView(this.pageBytes.buffer);
      this.used = 0;
    }
    this.pageBytes.set(buf.subarray(start, end), this.used);
    // A replaced entry's bytes stay in their page until the generation is dropped (rare: collisions).
    this.map.set(hash, { labels, page: this.page, off: this.used, len });
    this.used += len;
  }
}

/**
 * Hashes of recently missed label sets, in two rotating bit sets (a Bloom filter with two probes
 * per hash): answers "was this missed before, within the last `window` misses?" with a few per
 * cent false positives and no false negatives.
 */
class RecentMisses {
  private current: Uint32Array;
  private previous: Uint32Array;
  private added = 0;
  private readonly mask: number;

  constructor(private readonly window: number) {
    // About 8 bits per remembered hash: with two probes, about 5% false positives when full.
    let bits = 1024;
    while (bits < window * 8 && bits < 1 << 30) bits *= 2;
    this.mask = bits - 1;
    this.current = new Uint32Array(bits >>> 5);
    this.previous = new Uint32Array(bits >>> 5);
  }

  /** Whether `hash` was added within the window; then adds it. */
  seenThenAdd(hash: number): boolean {
    const a = hash & this.mask;
    const b = (Math.imul(hash, 0x9e3779b1) ^ (hash >>> 15)) & this.mask;
    const seen = (has(this.current, a) && has(this.current, b)) || (has(this.previous, a) && has(this.previous, b));
    if (++this.added > this.window) {
      [this.previous, this.current] = [this.current, this.previous];
      this.current.fill(0);
      this.added = 1;
    }
    this.current[a >>> 5]! |= 1 << (a & 31);
    this.current[b >>> 5]! |= 1 << (b & 31);
    return seen;
  }
}

function has(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

export class LabelsCache {
  private young = new Generation();
  private old = new Generation();
  /** Lookups, hits, and misses of series missed before, since the last rotation or growth. */
  private lookups = 0;
  private hits = 0;
  private recurring = 0;
  private readonly recentMisses: RecentMisses;

  /**
   * @param generationSize entries per generation to start with.
   * @param maxGenerationSize the most entries per generation the cache grows to when the stream
   *   has more active series than two generations hold.
   */
  constructor(
    private generationSize = DEFAULT_LABELS_CACHE_GENERATION,
    private readonly maxGenerationSize = Math.max(generationSize, DEFAULT_LABELS_CACHE_MAX_GENERATION),
  ) {
    this.recentMisses = new RecentMisses(2 * this.maxGenerationSize);
  }

  /** Entries held (for tests). */
  get size(): number {
    return this.young.map.size + this.old.map.size;
  }

  /** Current entries per generation (for tests and metrics). */
  get capacity(): number {
    return this.generationSize;
  }

  /**
   * The cached label set encoded by the `Label` fields `buf[start, end)` (tags included), or
   * undefined. `view` is a `DataView` of `buf`; `hash` is `hashBytes(view, buf, start, end)`.
   */
  get(view: DataView, buf: Uint8Array, start: number, end: number, hash: number): Labels | undefined {
    this.lookups++;
    const hit = this.young.find(view, buf, start, end, hash);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    const old = this.old.find(view, buf, start, end, hash);
    if (old !== undefined) {
      this.hits++;
      this.old.map.delete(hash);
      this.put(buf, start, end, hash, old);
    } else if (this.recentMisses.seenThenAdd(hash)) {
      this.recurring++;
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
      const misses = this.lookups - this.hits;
      if (this.hits * 2 < this.lookups && this.recurring * 2 > misses && this.generationSize < this.maxGenerationSize) {
        // Thrashing: more active series, sent again, than the cache holds. Grow; keep both generations.
        this.generationSize = Math.min(this.generationSize * 2, this.maxGenerationSize);
      } else {
        this.old = this.young;
        this.young = new Generation();
      }
      this.lookups = 0;
      this.hits = 0;
      this.recurring = 0;
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
