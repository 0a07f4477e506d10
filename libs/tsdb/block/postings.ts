/**
 * Set operations on sorted postings lists (ascending series ids) and the translation of
 * label matchers into one list, as Prometheus's `PostingsForMatchers` does.
 */
import type { Matcher } from '../../model/index.js';
import type { IndexReader } from './index-reader.js';

/** Ids present in every list. */
export function intersectPostings(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  let acc = lists[0]!;
  for (let k = 1; k < lists.length && acc.length > 0; k++) {
    const b = lists[k]!;
    const out = new Uint32Array(Math.min(acc.length, b.length));
    let n = 0;
    for (let i = 0, j = 0; i < acc.length && j < b.length;) {
      if (acc[i]! < b[j]!) i++;
      else if (acc[i]! > b[j]!) j++;
      else {
        out[n++] = acc[i]!;
        i++;
        j++;
      }
    }
    acc = out.subarray(0, n);
  }
  return acc;
}

/** Ids present in any list, sorted and unique. */
export function unionPostings(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  let total = 0;
  for (const l of lists) total += l.length;
  const all = new Uint32Array(total);
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (n === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

/** Ids of `a` not in `b`. */
export function subtractPostings(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if (j >= b.length || b[j] !== a[i]) out[n++] = a[i]!;
  }
  return out.subarray(0, n);
}

/**
 * Ids of the series matching every matcher. A matcher that accepts the empty string also
 * accepts series without its label, so it removes the series whose value it rejects instead
 * of selecting those it accepts; with no selecting matcher the start is every series.
 * Fetches all needed lists in one batch.
 */
export async function postingsForMatchers(
  ix: IndexReader,
  matchers: readonly Matcher[],
): Promise<Uint32Array> {
  const include: (readonly [string, string])[][] = [];
  const exclude: (readonly [string, string])[] = [];
  for (const m of matchers) {
    // Equality needs one binary search, not a scan of every value of the label.
    if (m.type === '=' && m.value !== '') {
      if (!ix.hasLabelValue(m.name, m.value)) return new Uint32Array(0);
      include.push([[m.name, m.value]]);
      continue;
    }
    if (m.type === '!=' && m.value !== '') {
      if (ix.hasLabelValue(m.name, m.value)) exclude.push([m.name, m.value]);
      continue;
    }
    const values = ix.labelValues(m.name);
    if (m.matchesEmpty()) {
      for (const v of values) if (!m.matches(v)) exclude.push([m.name, v]);
    } else {
      const hit = values.filter((v) => m.matches(v));
      if (hit.length === 0) return new Uint32Array(0);
      include.push(hit.map((v) => [m.name, v] as const));
    }
  }
  const pairs = [...include.flat(), ...exclude];
  if (include.length === 0) pairs.push(['', '']);
  const lists = await ix.postings(pairs);
  let at = 0;
  const groups: Uint32Array[] = [];
  for (const g of include) {
    groups.push(unionPostings(lists.slice(at, at + g.length)));
    at += g.length;
  }
  const negatives = lists.slice(at, at + exclude.length);
  const base = include.length === 0 ? lists[lists.length - 1]! : intersectPostings(groups);
  return negatives.length === 0 ? base : subtractPostings(base, unionPostings(negatives));
}
