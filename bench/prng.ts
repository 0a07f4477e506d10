/**
 * A small seeded pseudo-random generator (mulberry32) so that a benchmark run with the same seed
 * sends byte-for-byte the same requests. Not for anything that needs statistical quality beyond
 * "looks like a fleet".
 */
export class Rng {
  private state: number;

  /** @param seed any 32-bit integer; the same seed yields the same sequence. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns an integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Returns an integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** Returns one element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const v = items[this.int(items.length)];
    if (v === undefined) throw new Error('pick from an empty array');
    return v;
  }

  /** Returns a lowercase hex string of `len` characters, like a pod-name suffix. */
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += this.int(16).toString(16);
    return s;
  }
}
