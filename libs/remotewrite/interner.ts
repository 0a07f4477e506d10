/**
 * Interns values by the bytes they were decoded from, within one buffer. A remote-write
 * 1.0 request repeats the same label names, values and whole label pairs across series;
 * finding them again by hash and byte comparison is cheaper than decoding UTF-8 and
 * allocating, and downstream code then shares one string or object per distinct value.
 *
 * Fixed-size open addressing with a probe limit: a hostile request that collides cannot
 * make it quadratic, it only stops interning. `reset` is O(1) (a generation counter).
 */
import { hashBytes } from './labels-cache.js';

export class ByteInterner<T> {
  private readonly mask: number;
  private readonly maxEntries: number;
  private readonly gens: Int32Array;
  private readonly hashes: Int32Array;
  private readonly starts: Int32Array;
  private readonly lens: Int32Array;
  private readonly values: (T | undefined)[];
  private gen = 0;
  private count = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private slot = -1;
  private hash = 0;

  /** @param bits log2 of the table size. */
  constructor(bits = 15) {
    const size = 1 << bits;
    this.mask = size - 1;
    this.maxEntries = size >>> 1;
    this.gens = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.lens = new Int32Array(size);
    this.values = new Array<T | undefined>(size).fill(undefined);
  }

  /** Forgets every entry and binds the interner to `buf`. */
  reset(buf: Uint8Array): void {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.gen = (this.gen + 1) | 0;
    if (this.gen === 0) {
      this.gens.fill(0);
      this.gen = 1;
    }
    this.count = 0;
  }

  /**
   * Returns the value stored for the bytes `[start, end)`, or undefined; after a miss,
   * `add` with the same range stores a value.
   */
  get(start: number, end: number): T | undefined {
    const buf = this.buf;
    const view = this.view;
    const h = hashBytes(view, buf, start, end);
    const len = end - start;
    let idx = h & this.mask;
    for (let probe = 0; probe < 8; probe++) {
      if (this.gens[idx] !== this.gen) {
        this.slot = idx;
        this.hash = h;
        return undefined;
      }
      if (this.hashes[idx] === h && this.lens[idx] === len && this.same(this.starts[idx]!, start, len)) {
        return this.values[idx];
      }
      idx = (idx + 1) & this.mask;
    }
    this.slot = -1;
    return undefined;
  }

  /** Stores `value` for the range of the last missed `get`, if the table has room. */
  add(start: number, end: number, value: T): void {
    const idx = this.slot;
    this.slot = -1;
    if (idx < 0 || this.count >= this.maxEntries) return;
    this.count++;
    this.gens[idx] = this.gen;
    this.hashes[idx] = this.hash;
    this.starts[idx] = start;
    this.lens[idx] = end - start;
    this.values[idx] = value;
  }

  private same(a: number, b: number, len: number): boolean {
    const view = this.view;
    let i = 0;
    for (; i + 4 <= len; i += 4) if (view.getInt32(a + i, true) !== view.getInt32(b + i, true)) return false;
    const buf = this.buf;
    for (; i < len; i++) if (buf[a + i] !== buf[b + i]) return false;
    return true;
  }
}
