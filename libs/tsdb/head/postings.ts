/**
 * The head's inverted index: label name → value → sorted series refs. A value that only one
 * series has (common for high-cardinality labels) is stored as a bare number; longer lists are
 * growable `Uint32Array`s. Refs are handed out in increasing order, so adding is an append.
 */

const EMPTY = new Uint32Array(0);

/** A sorted, growable list of series refs. */
export class PostingsList {
  private refs: Uint32Array;
  /** Number of refs in the list. */
  length: number;

  constructor(first: number, second: number) {
    this.refs = new Uint32Array(4);
    this.refs[0] = first;
    this.refs[1] = second;
    this.length = 2;
  }

  /** Adds `ref`, keeping the list sorted (an append when `ref` is the largest, as usual). */
  add(ref: number): void {
    if (this.length === this.refs.length) {
      const grown = new Uint32Array(this.refs.length * 2);
      grown.set(this.refs);
      this.refs = grown;
    }
    let i = this.length;
    while (i > 0 && this.refs[i - 1]! > ref) {
      this.refs[i] = this.refs[i - 1]!;
      i--;
    }
    this.refs[i] = ref;
    this.length++;
  }

  /** The refs: a view valid until the list next changes. */
  view(): Uint32Array {
    return this.refs.subarray(0, this.length);
  }

  /** Removes every ref in `deleted`; shrinks the buffer when it is mostly empty. */
  removeAll(deleted: ReadonlySet<number>): void {
    let n = 0;
    for (let i = 0; i < this.length; i++) {
      const r = this.refs[i]!;
      if (!deleted.has(r)) this.refs[n++] = r;
    }
    this.length = n;
    if (n * 4 < this.refs.length && this.refs.length > 4) this.refs = this.refs.slice(0, Math.max(4, n * 2));
  }

  /** Bytes held by the buffer, plus object overhead. */
  bytesEstimate(): number {
    return this.refs.byteLength + 120;
  }
}

type Entry = number | PostingsList;

function entryView(e: Entry): Uint32Array {
  return typeof e === 'number' ? Uint32Array.of(e) : e.view();
}

/** Label name → value → series refs, plus the list of every series. */
export class MemPostings {
  private readonly byName = new Map<string, Map<string, Entry>>();
  private allRefs = new Uint32Array(64);
  private allLen = 0;

  /** Indexes series `ref` under each of its label pairs (names and values alternate). */
  add(ref: number, pairs: readonly string[]): void {
    for (let i = 0; i < pairs.length; i += 2) {
      const name = pairs[i]!;
      const value = pairs[i + 1]!;
      let values = this.byName.get(name);
      if (values === undefined) {
        values = new Map();
        this.byName.set(name, values);
      }
      const e = values.get(value);
      if (e === undefined) values.set(value, ref);
      else if (typeof e === 'number')
        values.set(value, e < ref ? new PostingsList(e, ref) : new PostingsList(ref, e));
      else e.add(ref);
    }
    if (this.allLen === this.allRefs.length) {
      const grown = new Uint32Array(this.allRefs.length * 2);
      grown.set(this.allRefs);
      this.allRefs = grown;
    }
    this.allRefs[this.allLen++] = ref; // refs arrive in increasing order
  }

  /**
   * Removes `deleted` refs. `pairs` lists the label pairs (names and values alternating) of the
   * deleted series, so only their lists are visited.
   */
  remove(deleted: ReadonlySet<number>, pairs: readonly string[]): void {
    // Many deleted series share pairs (job="x"): visit each list once.
    const touched = new Map<string, Set<string>>();
    for (let i = 0; i < pairs.length; i += 2) {
      let vs = touched.get(pairs[i]!);
      if (vs === undefined) touched.set(pairs[i]!, (vs = new Set()));
      vs.add(pairs[i + 1]!);
    }
    for (const [name, vs] of touched) {
      const values = this.byName.get(name);
      if (values === undefined) continue;
      for (const value of vs) this.removeFrom(values, value, deleted);
      if (values.size === 0) this.byName.delete(name);
    }
    let n = 0;
    for (let i = 0; i < this.allLen; i++) {
      const r = this.allRefs[i]!;
      if (!deleted.has(r)) this.allRefs[n++] = r;
    }
    this.allLen = n;
    if (n * 4 < this.allRefs.length && this.allRefs.length > 64) this.allRefs = this.allRefs.slice(0, n * 2);
  }

  private removeFrom(values: Map<string, Entry>, value: string, deleted: ReadonlySet<number>): void {
    const e = values.get(value);
    if (e === undefined) return;
    if (typeof e === 'number') {
      if (deleted.has(e)) values.delete(value);
      return;
    }
    e.removeAll(deleted);
    if (e.length === 0) values.delete(value);
    else if (e.length === 1) values.set(value, e.view()[0]!);
  }

  /** Every series ref, sorted: a view valid until the index next changes. */
  all(): Uint32Array {
    return this.allRefs.subarray(0, this.allLen);
  }

  /** Refs of series with `name="value"` (empty when none). */
  get(name: string, value: string): Uint32Array {
    const e = this.byName.get(name)?.get(value);
    return e === undefined ? EMPTY : entryView(e);
  }

  /** Sorted refs of series whose value of `name` satisfies `accept` (absent label excluded). */
  matching(name: string, accept: (value: string) => boolean): Uint32Array {
    const values = this.byName.get(name);
    if (values === undefined) return EMPTY;
    const lists: Uint32Array[] = [];
    const singles: number[] = [];
    let total = 0;
    for (const [value, e] of values) {
      if (!accept(value)) continue;
      if (typeof e === 'number') {
        singles.push(e);
        total++;
      } else {
        lists.push(e.view());
        total += e.length;
      }
    }
    if (lists.length === 1 && singles.length === 0) return lists[0]!.slice();
    const out = new Uint32Array(total);
    let n = 0;
    for (const l of lists) {
      out.set(l, n);
      n += l.length;
    }
    for (const r of singles) out[n++] = r;
    // Values of one name are disjoint, so sorting is all a union needs.
    return out.sort();
  }

  /** Sorted label names that at least one series has. */
  labelNames(): string[] {
    return [...this.byName.keys()].sort(compareUtf8);
  }

  /** Sorted values of `name` among all series. */
  labelValues(name: string): string[] {
    const values = this.byName.get(name);
    return values === undefined ? [] : [...values.keys()].sort(compareUtf8);
  }

  /** Number of series holding `name="value"`. */
  count(name: string, value: string): number {
    const e = this.byName.get(name)?.get(value);
    return e === undefined ? 0 : typeof e === 'number' ? 1 : e.length;
  }

  /** Approximate heap bytes held by the index (excluding the strings, owned by symbols). */
  bytesEstimate(): number {
    let bytes = this.allRefs.byteLength + 64;
    for (const values of this.byName.values()) {
      bytes += 80 + values.size * 40;
      for (const e of values.values()) if (typeof e !== 'number') bytes += e.bytesEstimate();
    }
    return bytes;
  }
}

function compareUtf8(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Intersection of two sorted ref lists. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Uint32Array(a.length);
  let n = 0;
  if (a.length * 16 < b.length) {
    // Much smaller list: binary-search each of its refs in the larger one.
    let lo = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      if (lo < b.length && b[lo] === x) out[n++] = x;
    }
  } else {
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        out[n++] = x;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
  }
  return out.subarray(0, n);
}

/** Refs of sorted list `a` that are not in sorted list `b`. */
export function subtract(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Union of sorted ref lists, sorted and without duplicates. */
export function union(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return EMPTY;
  if (lists.length === 1) return lists[0]!;
  let total = 0;
  for (const l of lists) total += l.length;
  const all = new Uint32Array(total);
  let n = 0;
  for (const l of lists) {
    all.set(l, n);
    n += l.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i]!;
  return all.subarray(0, m);
}
