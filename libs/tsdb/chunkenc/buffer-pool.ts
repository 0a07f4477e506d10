/**
 * Pooled small byte buffers for chunk encoders. Every standalone `Uint8Array` carries its own
 * `ArrayBuffer` with a few hundred bytes of bookkeeping outside the JS heap, which would double
 * the memory of a 150-byte open chunk; the pool carves buffers out of shared slabs instead and
 * recycles them. Buffers come in power-of-two size classes from 32 bytes to 4 KiB; larger
 * requests get a standalone buffer. Single-threaded.
 */

/** Where a `BitWriter` gets and returns its buffers. */
export interface ByteAllocator {
  /** A zero-filled buffer of at least `size` bytes. */
  alloc(size: number): Uint8Array;
  /** Returns `buf` (obtained from `alloc`) for reuse. The caller must not touch it afterwards. */
  free(buf: Uint8Array): void;
}

const MIN_CLASS = 32;
const MAX_CLASS = 4096;
const SLAB_BYTES = 16384;
/**
 * Bytes of free buffers kept per size class. Beyond it freed buffers are dropped, so a slab
 * whose buffers all went away (e.g. every series outgrew its first 128-byte chunk) is collected.
 */
const MAX_FREE_BYTES_PER_CLASS = 64 * 1024;

/** A `ByteAllocator` over shared slabs with per-size-class free lists. */
export class BufferPool implements ByteAllocator {
  private readonly freeLists: Uint8Array[][] = [];
  private readonly slabs: (Uint8Array | undefined)[] = [];
  private readonly slabOffsets: number[] = [];
  private slabBytes = 0;

  constructor() {
    for (let size = MIN_CLASS; size <= MAX_CLASS; size *= 2) {
      this.freeLists.push([]);
      this.slabs.push(undefined);
      this.slabOffsets.push(0);
    }
  }

  alloc(size: number): Uint8Array {
    if (size > MAX_CLASS) return new Uint8Array(size);
    let cls = 0;
    let classSize = MIN_CLASS;
    while (classSize < size) {
      classSize *= 2;
      cls++;
    }
    const reused = this.freeLists[cls]!.pop();
    if (reused !== undefined) return reused;
    let slab = this.slabs[cls];
    let off = this.slabOffsets[cls]!;
    if (slab === undefined || off + classSize > slab.length) {
      slab = new Uint8Array(SLAB_BYTES);
      this.slabBytes += SLAB_BYTES;
      this.slabs[cls] = slab;
      off = 0;
    }
    this.slabOffsets[cls] = off + classSize;
    return slab.subarray(off, off + classSize);
  }

  free(buf: Uint8Array): void {
    const size = buf.length;
    // Only class-sized views come from slabs; anything else is left to the GC.
    if (
      size > MAX_CLASS ||
      size < MIN_CLASS ||
      (size & (size - 1)) !== 0 ||
      buf.buffer.byteLength !== SLAB_BYTES
    ) {
      return;
    }
    const list = this.freeLists[31 - Math.clz32(size / MIN_CLASS)]!;
    if ((list.length + 1) * size > MAX_FREE_BYTES_PER_CLASS) return;
    buf.fill(0);
    list.push(buf);
  }

  /** Bytes of slabs allocated so far (a count, not what is live: dropped slabs stay counted). */
  get allocatedBytes(): number {
    return this.slabBytes;
  }
}
