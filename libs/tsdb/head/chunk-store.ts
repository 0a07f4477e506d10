/**
 * Closed chunks of every series of a head, appended back to back into shared segments (the
 * in-memory counterpart of Prometheus's memory-mapped head chunk files). A series keeps only
 * each chunk's location. A segment is dropped when none of its chunks is live any more; since
 * chunks are cut and truncated roughly in time order, segments die whole.
 *
 * Chunks are never overwritten in place, so a view handed out stays valid (and unchanged) for
 * as long as its holder keeps it, even after the chunk is freed.
 */

/** Location of a chunk: `segment * SEGMENT_SPAN + offset`. */
const SEGMENT_SPAN = 2 ** 24;
const FIRST_SEGMENT_SIZE = 4096;
const MAX_SEGMENT_SIZE = 1 << 20;

export class ChunkStore {
  private readonly segs: (Uint8Array | undefined)[] = [];
  private readonly live: number[] = [];
  private readonly freeIds: number[] = [];
  private cur = -1;
  private curOff = 0;
  private nextSize = FIRST_SEGMENT_SIZE;
  private allocated = 0;

  /** Copies `bytes` into the store and returns its location. */
  put(bytes: Uint8Array): number {
    const len = bytes.length;
    let seg = this.cur >= 0 ? this.segs[this.cur] : undefined;
    if (seg === undefined || this.curOff + len > seg.length) seg = this.newSegment(len);
    seg.set(bytes, this.curOff);
    const loc = this.cur * SEGMENT_SPAN + this.curOff;
    this.curOff += len;
    this.live[this.cur]! += len;
    return loc;
  }

  private newSegment(minLen: number): Uint8Array {
    const old = this.cur;
    const size = Math.max(this.nextSize, minLen);
    this.nextSize = Math.min(MAX_SEGMENT_SIZE, this.nextSize * 2);
    const id = this.freeIds.pop() ?? this.segs.length;
    const seg = new Uint8Array(size);
    this.segs[id] = seg;
    this.live[id] = 0;
    this.allocated += size;
    this.cur = id;
    this.curOff = 0;
    if (old >= 0 && this.live[old] === 0) this.dropSegment(old);
    return seg;
  }

  /** A view of the chunk at `loc` (`len` bytes). */
  get(loc: number, len: number): Uint8Array {
    const id = Math.floor(loc / SEGMENT_SPAN);
    const off = loc - id * SEGMENT_SPAN;
    return this.segs[id]!.subarray(off, off + len);
  }

  /** The segment holding the chunk at `loc` (no copy, no view: see `offsetAt`). */
  segmentAt(loc: number): Uint8Array {
    return this.segs[Math.floor(loc / SEGMENT_SPAN)]!;
  }

  /** Where the chunk at `loc` starts in `segmentAt(loc)`. */
  offsetAt(loc: number): number {
    return loc % SEGMENT_SPAN;
  }

  /** Marks the chunk at `loc` as no longer used. */
  free(loc: number, len: number): void {
    const id = Math.floor(loc / SEGMENT_SPAN);
    const left = (this.live[id]! -= len);
    if (left === 0 && id !== this.cur) this.dropSegment(id);
  }

  private dropSegment(id: number): void {
    this.allocated -= this.segs[id]!.length;
    this.segs[id] = undefined;
    this.freeIds.push(id);
  }

  /** Bytes held by segments (live chunks plus not yet reclaimed space). */
  bytesAllocated(): number {
    return this.allocated;
  }

  /** Bytes of live chunks. */
  bytesLive(): number {
    let n = 0;
    for (let i = 0; i < this.live.length; i++) if (this.segs[i] !== undefined) n += this.live[i]!;
    return n;
  }
}
