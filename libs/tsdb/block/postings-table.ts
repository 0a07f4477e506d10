/**
 * The postings offset table of an index, kept compactly in memory: the table's raw bytes plus,
 * per label name, every 32nd value and its byte position (as Prometheus's own reader does).
 * A lookup binary-searches the samples and decodes at most 32 entries; listing a name's values
 * decodes them on demand. Layout: docs/format/index.md.
 */
import { DecBuf } from './decbuf.js';
import { FormatError } from './errors.js';
import { compareUtf8 } from './utf8-order.js';

/** Entries between two kept samples. */
const SAMPLE_EVERY = 32;
const utf8 = new TextDecoder();

interface NameIndex {
  /** Entries of this name. */
  count: number;
  /** Byte position (in the table) of entries 0, 32, 64, ... of this name. */
  samplePos: number[];
  /** Values of those entries. */
  sampleValues: string[];
}

/** Byte range of one postings list in the index file. */
export interface PostingsRange {
  start: number;
  end: number;
}

/** See the module comment. Immutable once parsed. */
export class PostingsTable {
  private constructor(
    private readonly table: Uint8Array,
    private readonly byName: Map<string, NameIndex>,
    /** Every list start and section start, sorted: a list ends at the next one. */
    private readonly bounds: Float64Array,
  ) {}

  /**
   * Parses the table body (`entries` of `count(4) entry*`, CRC already checked). `sectionStarts`
   * are offsets that may follow the last postings list (label offset table, TOC, ...).
   */
  static parse(body: Uint8Array, sectionStarts: readonly number[]): PostingsTable {
    const d = new DecBuf(body);
    const n = d.be32();
    const byName = new Map<string, NameIndex>();
    const offsets = new Float64Array(n + sectionStarts.length);
    let cur: NameIndex | undefined;
    let prevName: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      const pos = d.pos;
      if (d.uvarint() !== 2) throw new FormatError('index: postings offset entry without 2 keys');
      const nameBytes = d.bytes(d.uvarint());
      if (cur === undefined || !sameBytes(nameBytes, prevName!)) {
        cur = { count: 0, samplePos: [], sampleValues: [] };
        byName.set(utf8.decode(nameBytes), cur);
        prevName = nameBytes;
      }
      const valueBytes = d.bytes(d.uvarint());
      if (cur.count % SAMPLE_EVERY === 0) {
        cur.samplePos.push(pos);
        cur.sampleValues.push(utf8.decode(valueBytes));
      }
      cur.count++;
      offsets[i] = d.uvarint();
    }
    sectionStarts.forEach((s, k) => (offsets[n + k] = s));
    return new PostingsTable(body, byName, offsets.sort());
  }

  /** Approximate bytes held in memory. */
  get memoryBytes(): number {
    let n = this.table.length + this.bounds.length * 8;
    for (const [name, p] of this.byName) {
      n += 64 + name.length;
      for (const v of p.sampleValues) n += 32 + v.length;
    }
    return n;
  }

  /** Label names in table (UTF-8) order, including '' for the all-series list. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Every value of `name` in table (UTF-8) order; empty when the name never occurs. */
  values(name: string): string[] {
    const p = this.byName.get(name);
    if (p === undefined) return [];
    const out: string[] = [];
    const d = new DecBuf(this.table, p.samplePos[0]);
    for (let i = 0; i < p.count; i++) {
      d.uvarint();
      d.skip(d.uvarint());
      out.push(d.uvarintStr());
      d.uvarint();
    }
    return out;
  }

  /** Where the postings list of `(name, value)` is, or undefined when the pair never occurs. */
  find(name: string, value: string): PostingsRange | undefined {
    const p = this.byName.get(name);
    if (p === undefined) return undefined;
    // Last kept sample <= value; the entry, if any, is among the 32 that follow it.
    let lo = 0;
    let hi = p.sampleValues.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareUtf8(p.sampleValues[mid]!, value) <= 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    const k = lo - 1;
    const d = new DecBuf(this.table, p.samplePos[k]);
    const last = Math.min(SAMPLE_EVERY, p.count - k * SAMPLE_EVERY);
    for (let i = 0; i < last; i++) {
      d.uvarint();
      d.skip(d.uvarint());
      const v = d.uvarintStr();
      const start = d.uvarint();
      const c = compareUtf8(v, value);
      if (c === 0) return { start, end: this.endOf(start) };
      if (c > 0) return undefined;
    }
    return undefined;
  }

  private endOf(start: number): number {
    const b = this.bounds;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    return b[lo] ?? start + 8;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
