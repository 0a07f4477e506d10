/**
 * Out-of-order samples of one series, kept sorted by timestamp in typed arrays (values as
 * their IEEE 754 bits). They merge with the in-order chunks when read or cut into blocks.
 */
/** The sample was inserted. */
export const INSERTED = 0;
/** An identical sample was already present. */
export const SAME = 1;
/** Another value already holds the timestamp. */
export const CONFLICT = 2;
/** Outcome of `OooBuffer.insert`. */
export type InsertOutcome = typeof INSERTED | typeof SAME | typeof CONFLICT;

export class OooBuffer {
  private ts: Float64Array;
  private bits: Uint32Array;
  /** Number of samples held. */
  length = 0;

  constructor(capacity = 8) {
    this.ts = new Float64Array(capacity);
    this.bits = new Uint32Array(capacity * 2);
  }

  /** Timestamp of sample `i`. */
  t(i: number): number {
    return this.ts[i]!;
  }

  /** High 32 bits of sample `i`'s value. */
  hi(i: number): number {
    return this.bits[2 * i + 1]!;
  }

  /** Low 32 bits of sample `i`'s value. */
  lo(i: number): number {
    return this.bits[2 * i]!;
  }

  /** Index of the first sample with timestamp >= `t`. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Inserts a sample in order. Returns `INSERTED`, `SAME` when an identical sample (same
   * timestamp and value bits) is already there, or `CONFLICT` when the timestamp is taken by
   * another value.
   */
  insert(t: number, hi: number, lo: number): InsertOutcome {
    const i = this.lowerBound(t);
    if (i < this.length && this.ts[i] === t) {
      return this.bits[2 * i + 1] === hi >>> 0 && this.bits[2 * i] === lo >>> 0 ? SAME : CONFLICT;
    }
    if (this.length === this.ts.length) this.grow();
    this.ts.copyWithin(i + 1, i, this.length);
    this.bits.copyWithin(2 * i + 2, 2 * i, 2 * this.length);
    this.ts[i] = t;
    this.bits[2 * i] = lo;
    this.bits[2 * i + 1] = hi;
    this.length++;
    return INSERTED;
  }

  private grow(): void {
    const ts = new Float64Array(this.ts.length * 2);
    const bits = new Uint32Array(this.bits.length * 2);
    ts.set(this.ts);
    bits.set(this.bits);
    this.ts = ts;
    this.bits = bits;
  }

  /** Drops samples older than `t`; returns how many. */
  dropBefore(t: number): number {
    const n = this.lowerBound(t);
    if (n === 0) return 0;
    this.ts.copyWithin(0, n, this.length);
    this.bits.copyWithin(0, 2 * n, 2 * this.length);
    this.length -= n;
    return n;
  }

  /** Bytes held. */
  bytesEstimate(): number {
    return this.ts.byteLength + this.bits.byteLength + 200;
  }
}
