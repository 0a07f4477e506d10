/**
 * One series in the head: its label symbols, the locations of its closed XOR chunks in the
 * head's `ChunkStore` ([minTime, maxTime, location, length] per chunk), the open chunk being
 * appended to, and an optional buffer of out-of-order samples.
 */
import { decodeXorRange, EncXOR, XorChunkEncoder, xorRangeNumSamples, type ByteAllocator } from '../chunkenc/index.js';
import type { ChunkStore } from './chunk-store.js';
import type { Labels } from '../../model/index.js';
import type { PackedSyms } from './labels-util.js';
import type { OooBuffer } from './ooo-buffer.js';
import { SampleBuffer } from './sample-buffer.js';

/** One chunk of a series, as handed to block writers. */
export interface ChunkData {
  /** Timestamp of the first sample (ms). */
  readonly minTime: number;
  /** Timestamp of the last sample (ms). */
  readonly maxTime: number;
  /** Chunk encoding id; always `EncXOR` (1) from the head. */
  readonly encoding: 1;
  /** The encoded chunk. Owned by the caller: never written to by the head afterwards. */
  readonly data: Uint8Array;
}

const NO_META: readonly number[] = [];
/** Numbers per closed chunk in `cMeta`. */
const M = 4;
/** Initial size of a series' open chunk buffer, as Prometheus allocates it. */
const OPEN_CHUNK_CAPACITY = 128;

/** Prometheus's `rangeForTimestamp`: end of the chunk range holding `t` (Go division). */
function rangeEnd(t: number, width: number): number {
  return Math.trunc(t / width) * width + width;
}

/**
 * Prometheus's `computeChunkEndTime` (2.x): after a quarter of a chunk, predict an end time that
 * spreads the remaining samples of the chunk range evenly over chunks.
 */
function predictChunkEnd(start: number, cur: number, max: number): number {
  const n = Math.trunc((max - start) / ((cur - start + 1) * 4));
  if (n <= 1) return max;
  return start + Math.trunc((max - start) / n);
}

/** The in-memory state of one series. Internal to the head. */
export class MemSeries {
  /** [minTime, maxTime, location, length] of each closed chunk, oldest first. */
  cMeta: readonly number[] = NO_META;
  /** The open chunk. */
  readonly open: XorChunkEncoder;
  /** When the open chunk must be cut (Prometheus's `nextAt`). */
  nextAt = Number.POSITIVE_INFINITY;
  /** Newest in-order timestamp ever appended (survives truncation). */
  lastT = Number.NEGATIVE_INFINITY;
  /** Out-of-order samples, when any were accepted. */
  ooo: OooBuffer | null = null;
  /** The label set once a query has materialised it (see `Head.labelsFor`). */
  labels: Labels | undefined = undefined;

  constructor(
    private readonly store: ChunkStore,
    readonly ref: number,
    /** Symbol ids: name, value, name, value, ... in label order, packed. */
    readonly syms: PackedSyms,
    readonly hash: number,
    allocator: ByteAllocator,
  ) {
    this.open = new XorChunkEncoder(OPEN_CHUNK_CAPACITY, false, allocator);
  }

  /** Number of closed chunks. */
  get numClosed(): number {
    return this.cMeta.length / M;
  }

  /** Bytes of closed chunk `i`: a view that stays valid and unchanged (the store never rewrites). */
  closedChunk(i: number): Uint8Array {
    return this.store.get(this.cMeta[M * i + 2]!, this.cMeta[M * i + 3]!);
  }

  /**
   * Appends an in-order sample (`t > lastT`), cutting the open chunk the way Prometheus does:
   * at the end of the chunk range, at a predicted time that spreads samples evenly, or at
   * twice `samplesPerChunk`.
   */
  appendInOrder(t: number, hi: number, lo: number, samplesPerChunk: number, chunkRange: number): void {
    const open = this.open;
    const num = open.numSamples;
    if (num === 0) {
      this.nextAt = rangeEnd(t, chunkRange);
    } else {
      if (num === samplesPerChunk >>> 2)
        this.nextAt = predictChunkEnd(open.minTime, open.maxTime, this.nextAt);
      if (t >= this.nextAt || num >= samplesPerChunk * 2) {
        this.cutOpenChunk();
        this.nextAt = rangeEnd(t, chunkRange);
      }
    }
    open.appendBits(t, hi, lo);
    this.lastT = t;
  }

  /** Closes the open chunk: copies its bytes to the closed chunks and resets it. */
  private cutOpenChunk(): void {
    const bytes = this.open.bytes();
    const loc = this.store.put(bytes);
    this.cMeta = this.cMeta.concat([this.open.minTime, this.open.maxTime, loc, bytes.length]);
    this.open.reset();
  }

  /** Oldest sample time, `+Infinity` when empty. */
  minTime(): number {
    let t = this.cMeta.length > 0 ? this.cMeta[0]! : this.open.minTime;
    if (this.ooo !== null && this.ooo.length > 0) t = Math.min(t, this.ooo.t(0));
    return t;
  }

  /** Newest sample time, `-Infinity` when empty. */
  maxTime(): number {
    const k = this.cMeta.length;
    let t =
      this.open.numSamples > 0
        ? this.open.maxTime
        : k > 0
          ? this.cMeta[k - M + 1]!
          : Number.NEGATIVE_INFINITY;
    // A series can hold only out-of-order samples (created with a sample behind the head).
    if (this.ooo !== null && this.ooo.length > 0) t = Math.max(t, this.ooo.t(this.ooo.length - 1));
    return t;
  }

  /** Whether the series holds no samples. */
  isEmpty(): boolean {
    return (
      this.cMeta.length === 0 && this.open.numSamples === 0 && (this.ooo === null || this.ooo.length === 0)
    );
  }

  /** Whether any sample may lie in `[mint, maxt]` (by chunk bounds). */
  overlaps(mint: number, maxt: number): boolean {
    return !this.isEmpty() && this.minTime() <= maxt && this.maxTime() >= mint;
  }

  /** Number of samples held. */
  sampleCount(): number {
    let n = this.open.numSamples + (this.ooo?.length ?? 0);
    for (let i = 0; i < this.numClosed; i++) {
      const c = this.closedChunk(i);
      n += (c[0]! << 8) | c[1]!;
    }
    return n;
  }

  /** Whether out-of-order samples lie in `[mint, maxt]`. */
  private hasOooIn(mint: number, maxt: number): boolean {
    const ooo = this.ooo;
    if (ooo === null || ooo.length === 0) return false;
    const i = ooo.lowerBound(mint);
    return i < ooo.length && ooo.t(i) <= maxt;
  }

  /** Appends the in-order samples in `[mint, maxt]` to `out`. */
  private readInOrder(mint: number, maxt: number, out: SampleBuffer): void {
    for (let i = 0; i < this.numClosed; i++) {
      if (this.cMeta[M * i + 1]! < mint) continue;
      if (this.cMeta[M * i]! > maxt) return;
      const loc = this.cMeta[M * i + 2]!;
      readChunkAt(this.store.segmentAt(loc), this.store.offsetAt(loc), this.cMeta[M * i + 3]!, mint, maxt, out);
    }
    const open = this.open;
    if (open.numSamples > 0 && open.maxTime >= mint && open.minTime <= maxt) {
      readChunkAt(open.buffer, 0, open.byteLength, mint, maxt, out);
    }
  }

  /**
   * Appends every sample in `[mint, maxt]` to `out`, in timestamp order, merging out-of-order
   * samples (an in-order sample wins over an out-of-order one at the same timestamp).
   */
  readRange(mint: number, maxt: number, out: SampleBuffer): void {
    const start = out.length;
    this.readInOrder(mint, maxt, out);
    if (!this.hasOooIn(mint, maxt)) return;
    const ooo = this.ooo!;
    const n = out.length - start;
    const inOrder = new SampleBuffer(n);
    for (let i = 0; i < n; i++) inOrder.pushBits(out.ts[start + i]!, out.hi(start + i), out.lo(start + i));
    out.length = start;
    let j = ooo.lowerBound(mint);
    let i = 0;
    while (i < n || (j < ooo.length && ooo.t(j) <= maxt)) {
      const tj = j < ooo.length && ooo.t(j) <= maxt ? ooo.t(j) : Number.POSITIVE_INFINITY;
      const ti = i < n ? inOrder.ts[i]! : Number.POSITIVE_INFINITY;
      if (ti <= tj) {
        out.pushBits(ti, inOrder.hi(i), inOrder.lo(i));
        i++;
        if (ti === tj) j++;
      } else {
        out.pushBits(tj, ooo.hi(j), ooo.lo(j));
        j++;
      }
    }
  }

  /**
   * The series' chunks restricted to `[mint, maxt]`: closed chunks wholly inside are returned
   * as they are; chunks crossing a bound, the open chunk's samples, and anything merged with
   * out-of-order samples are re-encoded into chunks of at most `samplesPerChunk`.
   */
  chunksInRange(
    mint: number,
    maxt: number,
    samplesPerChunk: number,
    scratch: SampleBuffer,
  ): ChunkData[] {
    const out: ChunkData[] = [];
    if (this.hasOooIn(mint, maxt)) {
      scratch.clear();
      this.readRange(mint, maxt, scratch);
      encodeRuns(scratch, samplesPerChunk, out);
      return out;
    }
    for (let i = 0; i < this.numClosed; i++) {
      const cmin = this.cMeta[M * i]!;
      const cmax = this.cMeta[M * i + 1]!;
      if (cmax < mint || cmin > maxt) continue;
      if (cmin >= mint && cmax <= maxt) {
        out.push({ minTime: cmin, maxTime: cmax, encoding: EncXOR, data: this.closedChunk(i) });
      } else {
        scratch.clear();
        readChunk(this.closedChunk(i), mint, maxt, scratch);
        encodeRuns(scratch, samplesPerChunk, out);
      }
    }
    const open = this.open;
    if (open.numSamples > 0 && open.maxTime >= mint && open.minTime <= maxt) {
      if (open.minTime >= mint && open.maxTime <= maxt) {
        out.push({
          minTime: open.minTime,
          maxTime: open.maxTime,
          encoding: EncXOR,
          data: open.bytes().slice(),
        });
      } else {
        scratch.clear();
        readChunk(open.bytes(), mint, maxt, scratch);
        encodeRuns(scratch, samplesPerChunk, out);
      }
    }
    return out;
  }

  /** Drops every sample older than `t`; returns how many were dropped. */
  dropBefore(t: number, scratch: SampleBuffer): number {
    const before = this.sampleCount();
    this.dropClosedBefore(t, scratch);
    const open = this.open;
    if (open.numSamples > 0 && open.minTime < t) {
      scratch.clear();
      if (open.maxTime >= t) readChunk(open.bytes(), t, Number.POSITIVE_INFINITY, scratch);
      open.reset();
      for (let i = 0; i < scratch.length; i++) open.appendBits(scratch.ts[i]!, scratch.hi(i), scratch.lo(i));
    }
    if (this.ooo !== null) {
      this.ooo.dropBefore(t);
      if (this.ooo.length === 0) this.ooo = null;
    }
    return before - this.sampleCount();
  }

  private dropClosedBefore(t: number, scratch: SampleBuffer): void {
    const k = this.numClosed;
    let first = 0;
    while (first < k && this.cMeta[M * first + 1]! < t) first++;
    if (first === 0 && (k === 0 || this.cMeta[0]! >= t)) return;
    for (let i = 0; i < first; i++) this.store.free(this.cMeta[M * i + 2]!, this.cMeta[M * i + 3]!);
    const meta = this.cMeta.slice(M * first);
    if (meta.length > 0 && meta[0]! < t) {
      // The first kept chunk straddles t: keep only its samples from t on.
      scratch.clear();
      readChunk(this.store.get(meta[2]!, meta[3]!), t, Number.POSITIVE_INFINITY, scratch);
      const runs: ChunkData[] = [];
      encodeRuns(scratch, Number.MAX_SAFE_INTEGER, runs);
      this.store.free(meta[2]!, meta[3]!);
      meta[0] = runs[0]!.minTime;
      meta[2] = this.store.put(runs[0]!.data);
      meta[3] = runs[0]!.data.length;
    }
    this.cMeta = meta.length === 0 ? NO_META : meta;
  }

  /** Frees the open chunk's buffer and the closed chunks (when the series is deleted). */
  release(): void {
    this.open.dispose();
    for (let i = 0; i < this.numClosed; i++) this.store.free(this.cMeta[M * i + 2]!, this.cMeta[M * i + 3]!);
    this.cMeta = NO_META;
  }

  /** Approximate bytes held by this series' samples and objects (labels excluded). */
  bytesEstimate(): number {
    return 250 + this.cMeta.length * 8 + this.open.capacity + (this.ooo?.bytesEstimate() ?? 0);
  }
}

/** Decodes the samples of `bytes` in `[mint, maxt]` onto `out`. */
function readChunk(bytes: Uint8Array, mint: number, maxt: number, out: SampleBuffer): void {
  readChunkAt(bytes, 0, bytes.length, mint, maxt, out);
}

/** `readChunk` for the chunk at `buf[off, off + len)`. */
function readChunkAt(buf: Uint8Array, off: number, len: number, mint: number, maxt: number, out: SampleBuffer): void {
  out.reserve(xorRangeNumSamples(buf, off, len));
  out.length = decodeXorRange(buf, off, len, mint, maxt, out, out.length);
}

/** Encodes the samples of `buf` into chunks of at most `perChunk` samples, onto `out`. */
export function encodeRuns(buf: SampleBuffer, perChunk: number, out: ChunkData[]): void {
  for (let start = 0; start < buf.length; start += perChunk) {
    const end = Math.min(buf.length, start + perChunk);
    const enc = new XorChunkEncoder(16 + (end - start) * 2);
    for (let i = start; i < end; i++) enc.appendBits(buf.ts[i]!, buf.hi(i), buf.lo(i));
    out.push({ minTime: enc.minTime, maxTime: enc.maxTime, encoding: EncXOR, data: enc.bytes().slice() });
  }
}
