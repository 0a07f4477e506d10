/**
 * The newest durable records of one partition, kept in memory. A consumer in the same process
 * (the usual embedded deployment: an ingester tailing the log a few records behind the
 * distributor) gets them from here instead of reading the segment back and checking every
 * frame's CRC again, and receives the producer's in-process `local` value with each record.
 *
 * Only records already durable are added (the partition adds a group after its fdatasync), so
 * a reader never sees more than a disk read would. Bounded by the bytes of the frames it holds:
 * the oldest records go first, and a consumer further behind reads from disk as before.
 */
import { FRAME_HEADER_BYTES, decodeBody } from './frame.js';
import type { ConsumedRecord } from './types.js';

export class MemoryTail {
  /** Records held, oldest first, from `entries[start]` on; offsets contiguous. */
  private entries: ConsumedRecord[] = [];
  private sizes: number[] = [];
  private start = 0;
  private bytes = 0;

  /** @param maxBytes frame bytes held at most; 0 keeps nothing. */
  constructor(private readonly maxBytes: number) {}

  /** Offset of the oldest record held; `Infinity` when empty. */
  get firstOffset(): number {
    return this.start < this.entries.length ? this.entries[this.start]!.offset : Infinity;
  }

  /** Bytes of the frames held (for tests). */
  get heldBytes(): number {
    return this.bytes;
  }

  /**
   * Adds one durable `produce` call: `frames` is its encoded batch (owned by the log, never
   * written to again), `first` the offset of its first record, `locals` the records' `local`
   * values in order. Records must follow the last one held without a gap, or the tail restarts.
   */
  add(first: number, frames: Buffer, locals: readonly unknown[]): void {
    if (this.maxBytes === 0) return;
    const last = this.entries.length > this.start ? this.entries[this.entries.length - 1]!.offset : first - 1;
    if (last !== first - 1) this.clear();
    let pos = 0;
    for (let i = 0; pos < frames.length; i++) {
      const bodyLen = frames.readUInt32BE(pos);
      const bodyStart = pos + FRAME_HEADER_BYTES;
      const rec = decodeBody(frames, bodyStart, bodyStart + bodyLen, first + i);
      const local = locals[i];
      if (local !== undefined) rec.local = local;
      this.entries.push(rec);
      this.sizes.push(FRAME_HEADER_BYTES + bodyLen);
      this.bytes += FRAME_HEADER_BYTES + bodyLen;
      pos = bodyStart + bodyLen;
    }
    this.trim();
  }

  /**
   * Up to `maxRecords` records from `offset` on (stopping once their bodies reach `maxBytes`,
   * at least one record), or undefined when `offset` is not held.
   */
  read(offset: number, maxRecords: number, maxBytes: number): ConsumedRecord[] | undefined {
    const first = this.firstOffset;
    const i0 = this.start + (offset - first);
    if (offset < first || i0 >= this.entries.length) return undefined;
    const out: ConsumedRecord[] = [];
    let bytes = 0;
    for (let i = i0; i < this.entries.length && out.length < maxRecords && bytes < maxBytes; i++) {
      out.push(this.entries[i]!);
      bytes += this.sizes[i]!;
    }
    return out;
  }

  /** Forgets every record. */
  clear(): void {
    this.entries = [];
    this.sizes = [];
    this.start = 0;
    this.bytes = 0;
  }

  private trim(): void {
    while (this.bytes > this.maxBytes && this.start < this.entries.length) {
      this.bytes -= this.sizes[this.start]!;
      this.entries[this.start] = undefined as unknown as ConsumedRecord;
      this.start++;
    }
    // Compact once the dropped prefix dominates, so trimming stays amortised O(1).
    if (this.start > 64 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.sizes = this.sizes.slice(this.start);
      this.start = 0;
    }
  }
}
