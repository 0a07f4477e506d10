/**
 * A growable pair of `Float64Array`s for decoded samples. Values are written through a
 * `Uint32Array` alias so NaN payloads (stale markers) are copied bit for bit.
 */
export class SampleBuffer {
  /** Timestamps; the first `length` entries are valid. Replaced when the buffer grows. */
  ts: Float64Array;
  /** Values, aligned with `ts`. */
  vs: Float64Array;
  /** `vs` as 32-bit words (lo, hi per value); replaced with `vs`. */
  bits: Uint32Array;
  /** Number of samples held. */
  length = 0;

  /** @param capacity initial capacity in samples. @default 256 */
  constructor(capacity = 256) {
    this.ts = new Float64Array(capacity);
    this.vs = new Float64Array(capacity);
    this.bits = new Uint32Array(this.vs.buffer);
  }

  /** Makes room for `n` more samples. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.ts.length) return;
    const cap = Math.max(need, this.ts.length * 2);
    const ts = new Float64Array(cap);
    const vs = new Float64Array(cap);
    ts.set(this.ts.subarray(0, this.length));
    vs.set(this.vs.subarray(0, this.length));
    this.ts = ts;
    this.vs = vs;
    this.bits = new Uint32Array(vs.buffer);
  }

  /** Appends a sample given by timestamp and value bits. */
  pushBits(t: number, hi: number, lo: number): void {
    if (this.length === this.ts.length) this.reserve(1);
    const i = this.length++;
    this.ts[i] = t;
    this.bits[2 * i] = lo;
    this.bits[2 * i + 1] = hi;
  }

  /** High 32 bits of value `i`. */
  hi(i: number): number {
    return this.bits[2 * i + 1]!;
  }

  /** Low 32 bits of value `i`. */
  lo(i: number): number {
    return this.bits[2 * i]!;
  }

  /** Empties the buffer, keeping its memory. */
  clear(): void {
    this.length = 0;
  }

  /** Exact-size copies of the samples held. */
  copy(): { timestamps: Float64Array; values: Float64Array } {
    return { timestamps: this.ts.slice(0, this.length), values: this.vs.slice(0, this.length) };
  }
}
