import { CounterResetHint } from '../model/index.js';
import type { FloatHistogram, Span } from '../model/index.js';

/** Schema of native histograms with custom bucket bounds. */
export const CUSTOM_SCHEMA = -53;

/** Sparse buckets: parallel arrays of absolute bucket indexes and counts, sorted by index. */
export interface Buckets {
  idx: number[];
  cnt: number[];
}

/** Expands spans and counts into index/count arrays. */
export function expand(spans: readonly Span[], counts: readonly number[]): Buckets {
  const idx: number[] = [];
  const cnt: number[] = [];
  let cur = 0;
  let k = 0;
  for (let s = 0; s < spans.length; s++) {
    const sp = spans[s]!;
    cur += sp.offset;
    for (let j = 0; j < sp.length; j++) {
      idx.push(cur);
      cnt.push(counts[k++] ?? 0);
      cur++;
    }
  }
  return { idx, cnt };
}

/** Packs index/count arrays into spans, dropping empty buckets (Prometheus `Compact(0)`). */
export function pack(b: Buckets, keepZeros = false): { spans: Span[]; counts: number[] } {
  const spans: Span[] = [];
  const counts: number[] = [];
  let prev = 0;
  let open: { offset: number; length: number } | undefined;
  for (let i = 0; i < b.idx.length; i++) {
    const c = b.cnt[i]!;
    if (c === 0 && !keepZeros) continue;
    const ix = b.idx[i]!;
    if (open && ix === prev + 1) open.length++;
    else {
      open = { offset: spans.length === 0 ? ix : ix - prev - 1, length: 1 };
      spans.push(open);
    }
    counts.push(c);
    prev = ix;
  }
  return { spans, counts };
}

/** Copies a histogram (buckets and spans are new arrays). */
export function copyHistogram(h: FloatHistogram): FloatHistogram {
  return {
    counterResetHint: h.counterResetHint,
    schema: h.schema,
    zeroThreshold: h.zeroThreshold,
    zeroCount: h.zeroCount,
    count: h.count,
    sum: h.sum,
    positiveSpans: h.positiveSpans.map((s) => ({ ...s })),
    negativeSpans: h.negativeSpans.map((s) => ({ ...s })),
    positiveBuckets: h.positiveBuckets.slice(),
    negativeBuckets: h.negativeBuckets.slice(),
    ...(h.customValues ? { customValues: h.customValues.slice() } : {}),
  };
}

/** Returns `h` with every count and the sum multiplied by `f`; the reset hint is kept unless `f < 0` (then gauge). */
export function scaleHistogram(h: FloatHistogram, f: number): FloatHistogram {
  const r = copyHistogram(h);
  r.zeroCount *= f;
  r.count *= f;
  r.sum *= f;
  for (let i = 0; i < r.positiveBuckets.length; i++) r.positiveBuckets[i]! *= f;
  for (let i = 0; i < r.negativeBuckets.length; i++) r.negativeBuckets[i]! *= f;
  if (f < 0) r.counterResetHint = CounterResetHint.Gauge;
  return r;
}

/** Re-indexes buckets into a coarser schema. */
function reduceBuckets(b: Buckets, from: number, to: number): Buckets {
  if (from === to) return b;
  const delta = from - to;
  const out: Buckets = { idx: [], cnt: [] };
  for (let i = 0; i < b.idx.length; i++) {
    const ni = ((b.idx[i]! - 1) >> delta) + 1;
    const last = out.idx.length - 1;
    if (last >= 0 && out.idx[last] === ni) out.cnt[last]! += b.cnt[i]!;
    else {
      out.idx.push(ni);
      out.cnt.push(b.cnt[i]!);
    }
  }
  return out;
}

function mergeBuckets(a: Buckets, b: Buckets, sign: number): Buckets {
  const out: Buckets = { idx: [], cnt: [] };
  let i = 0;
  let j = 0;
  while (i < a.idx.length || j < b.idx.length) {
    const ai = i < a.idx.length ? a.idx[i]! : Infinity;
    const bj = j < b.idx.length ? b.idx[j]! : Infinity;
    if (ai === bj) {
      out.idx.push(ai);
      out.cnt.push(a.cnt[i++]! + sign * b.cnt[j++]!);
    } else if (ai < bj) {
      out.idx.push(ai);
      out.cnt.push(a.cnt[i++]!);
    } else {
      out.idx.push(bj);
      out.cnt.push(sign * b.cnt[j++]!);
    }
  }
  return out;
}

/** Upper bound of exponential bucket `idx` at `schema`. */
export function bucketUpper(schema: number, idx: number): number {
  return Math.pow(2, idx * Math.pow(2, -schema));
}

/** Moves buckets that fall within a widened zero bucket into the zero count. */
function absorbZero(b: Buckets, schema: number, threshold: number): { b: Buckets; moved: number } {
  let moved = 0;
  const out: Buckets = { idx: [], cnt: [] };
  for (let i = 0; i < b.idx.length; i++) {
    if (bucketUpper(schema, b.idx[i]!) <= threshold) moved += b.cnt[i]!;
    else {
      out.idx.push(b.idx[i]!);
      out.cnt.push(b.cnt[i]!);
    }
  }
  return { b: out, moved };
}

/** Thrown when two histograms cannot be combined (custom bounds differ, or mixed schemas). */
export class HistogramMismatchError extends Error {
  constructor(readonly kind: 'custom-exponential' | 'custom-bounds') {
    super(kind);
    this.name = 'HistogramMismatchError';
  }
}

/** Intersection of two sorted bound lists (used to reconcile custom buckets). */
function commonBounds(a: readonly number[], b: readonly number[]): number[] {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

function remapCustom(h: FloatHistogram, bounds: number[]): Buckets {
  const b = expand(h.positiveSpans, h.positiveBuckets);
  const cv = h.customValues ?? [];
  const out = new Map<number, number>();
  for (let i = 0; i < b.idx.length; i++) {
    const upper = b.idx[i]! < cv.length ? cv[b.idx[i]!]! : Infinity;
    let ni = bounds.findIndex((x) => x >= upper);
    if (ni < 0) ni = bounds.length;
    out.set(ni, (out.get(ni) ?? 0) + b.cnt[i]!);
  }
  const idx = [...out.keys()].sort((x, y) => x - y);
  return { idx, cnt: idx.map((k) => out.get(k)!) };
}

function sameBounds(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Result of adding or subtracting: the histogram and whether custom bounds were reconciled. */
export interface CombineResult {
  h: FloatHistogram;
  reconciled: boolean;
  /** A CounterReset hint met a NotCounterReset hint. */
  collision: boolean;
}

/** The reset hint of a sum of two histograms, as Prometheus's adjustCounterReset. */
export function adjustHint(a: CounterResetHint, b: CounterResetHint): { hint: CounterResetHint; collision: boolean } {
  if (a === b) return { hint: a, collision: false };
  if (a === CounterResetHint.Gauge || b === CounterResetHint.Gauge) return { hint: CounterResetHint.Gauge, collision: false };
  if (a === CounterResetHint.Unknown || b === CounterResetHint.Unknown) return { hint: CounterResetHint.Unknown, collision: false };
  return { hint: CounterResetHint.Unknown, collision: true };
}

/**
 * Returns `a + sign*b` as a new histogram in the coarser schema and wider zero bucket.
 * @throws HistogramMismatchError when exponential and custom-bucket histograms meet.
 */
export function combineHistograms(a: FloatHistogram, b: FloatHistogram, sign: 1 | -1): CombineResult {
  const aCustom = a.schema === CUSTOM_SCHEMA;
  const bCustom = b.schema === CUSTOM_SCHEMA;
  if (aCustom !== bCustom) throw new HistogramMismatchError('custom-exponential');
  if (aCustom) {
    let reconciled = false;
    let pa: Buckets;
    let pb: Buckets;
    let bounds = a.customValues ?? [];
    if (sameBounds(a.customValues, b.customValues)) {
      pa = expand(a.positiveSpans, a.positiveBuckets);
      pb = expand(b.positiveSpans, b.positiveBuckets);
    } else {
      reconciled = true;
      bounds = commonBounds(a.customValues ?? [], b.customValues ?? []);
      pa = remapCustom(a, bounds);
      pb = remapCustom(b, bounds);
    }
    const pos = pack(mergeBuckets(pa, pb, sign), true);
    const h: FloatHistogram = {
      counterResetHint: CounterResetHint.Unknown,
      schema: CUSTOM_SCHEMA,
      zeroThreshold: 0,
      zeroCount: 0,
      count: a.count + sign * b.count,
      sum: a.sum + sign * b.sum,
      positiveSpans: pos.spans,
      positiveBuckets: pos.counts,
      negativeSpans: [],
      negativeBuckets: [],
      customValues: bounds.slice(),
    };
    const adj = adjustHint(a.counterResetHint, b.counterResetHint);
    h.counterResetHint = adj.hint;
    return { h, reconciled, collision: adj.collision };
  }
  const schema = Math.min(a.schema, b.schema);
  let ap = reduceBuckets(expand(a.positiveSpans, a.positiveBuckets), a.schema, schema);
  let an = reduceBuckets(expand(a.negativeSpans, a.negativeBuckets), a.schema, schema);
  let bp = reduceBuckets(expand(b.positiveSpans, b.positiveBuckets), b.schema, schema);
  let bn = reduceBuckets(expand(b.negativeSpans, b.negativeBuckets), b.schema, schema);
  let za = a.zeroCount;
  let zb = b.zeroCount;
  const zt = Math.max(a.zeroThreshold, b.zeroThreshold);
  if (a.zeroThreshold < zt) {
    const p = absorbZero(ap, schema, zt);
    const n = absorbZero(an, schema, zt);
    ap = p.b;
    an = n.b;
    za += p.moved + n.moved;
  }
  if (b.zeroThreshold < zt) {
    const p = absorbZero(bp, schema, zt);
    const n = absorbZero(bn, schema, zt);
    bp = p.b;
    bn = n.b;
    zb += p.moved + n.moved;
  }
  const pos = pack(mergeBuckets(ap, bp, sign), true);
  const neg = pack(mergeBuckets(an, bn, sign), true);
  const h: FloatHistogram = {
    counterResetHint: CounterResetHint.Unknown,
    schema,
    zeroThreshold: zt,
    zeroCount: za + sign * zb,
    count: a.count + sign * b.count,
    sum: a.sum + sign * b.sum,
    positiveSpans: pos.spans,
    positiveBuckets: pos.counts,
    negativeSpans: neg.spans,
    negativeBuckets: neg.counts,
  };
  const adj = adjustHint(a.counterResetHint, b.counterResetHint);
  h.counterResetHint = adj.hint;
  return { h, reconciled: false, collision: adj.collision };
}

/** Removes empty buckets (Prometheus `Compact(0)`), returning a new histogram. */
export function compactHistogram(h: FloatHistogram): FloatHistogram {
  const p = pack(expand(h.positiveSpans, h.positiveBuckets));
  const n = pack(expand(h.negativeSpans, h.negativeBuckets));
  return { ...h, positiveSpans: p.spans, positiveBuckets: p.counts, negativeSpans: n.spans, negativeBuckets: n.counts };
}

/** Whether `cur` dropped compared to `prev`, i.e. a counter reset happened between them. */
export function detectReset(prev: FloatHistogram, cur: FloatHistogram): boolean {
  if (cur.counterResetHint === CounterResetHint.CounterReset) return true;
  if (cur.counterResetHint === CounterResetHint.NotCounterReset) return false;
  if (cur.count < prev.count) return true;
  if (cur.schema === CUSTOM_SCHEMA) {
    if (prev.schema !== CUSTOM_SCHEMA) return true;
    if (!sameBounds(cur.customValues, prev.customValues)) {
      const bounds = commonBounds(cur.customValues ?? [], prev.customValues ?? []);
      const c = remapCustom(cur, bounds);
      const p = remapCustom(prev, bounds);
      const m = new Map<number, number>();
      for (let i = 0; i < c.idx.length; i++) m.set(c.idx[i]!, c.cnt[i]!);
      for (let i = 0; i < p.idx.length; i++) if ((m.get(p.idx[i]!) ?? 0) < p.cnt[i]!) return true;
      return false;
    }
  } else if (cur.schema > prev.schema) return true;
  if (cur.zeroThreshold < prev.zeroThreshold) return true;
  if (cur.zeroCount < prev.zeroCount) return true;
  const schema = Math.min(cur.schema, prev.schema);
  const check = (ps: Buckets, cs: Buckets): boolean => {
    const m = new Map<number, number>();
    for (let i = 0; i < cs.idx.length; i++) m.set(cs.idx[i]!, cs.cnt[i]!);
    for (let i = 0; i < ps.idx.length; i++) {
      if (ps.cnt[i] === 0) continue;
      const c = m.get(ps.idx[i]!);
      if (c === undefined || c < ps.cnt[i]!) return true;
    }
    return false;
  };
  const red = (h: FloatHistogram, pos: boolean): Buckets =>
    h.schema === CUSTOM_SCHEMA
      ? expand(h.positiveSpans, h.positiveBuckets)
      : reduceBuckets(expand(pos ? h.positiveSpans : h.negativeSpans, pos ? h.positiveBuckets : h.negativeBuckets), h.schema, schema);
  return check(red(prev, true), red(cur, true)) || (prev.schema !== CUSTOM_SCHEMA && check(red(prev, false), red(cur, false)));
}

/** A bucket as iterated for quantiles and JSON: bounds, count, and which bounds are inclusive. */
export interface BucketView {
  lower: number;
  upper: number;
  count: number;
  /** 0: (l,u], 1: [l,u), 2: (l,u), 3: [l,u] — the Prometheus JSON boundary rule. */
  boundaryRule: number;
}

/** Iterates all buckets from lowest to highest bound (negative, zero, positive). */
export function allBuckets(h: FloatHistogram): BucketView[] {
  const out: BucketView[] = [];
  if (h.schema === CUSTOM_SCHEMA) {
    const cv = h.customValues ?? [];
    const p = expand(h.positiveSpans, h.positiveBuckets);
    for (let i = 0; i < p.idx.length; i++) {
      const ix = p.idx[i]!;
      const lower = ix === 0 ? -Infinity : cv[ix - 1]!;
      const upper = ix < cv.length ? cv[ix]! : Infinity;
      out.push({ lower, upper, count: p.cnt[i]!, boundaryRule: 0 });
    }
    return out;
  }
  const n = expand(h.negativeSpans, h.negativeBuckets);
  for (let i = n.idx.length - 1; i >= 0; i--) {
    const ix = n.idx[i]!;
    out.push({ lower: -bucketUpper(h.schema, ix), upper: -bucketUpper(h.schema, ix - 1), count: n.cnt[i]!, boundaryRule: 1 });
  }
  if (h.zeroCount !== 0 || h.zeroThreshold !== 0) {
    out.push({ lower: -h.zeroThreshold, upper: h.zeroThreshold, count: h.zeroCount, boundaryRule: 3 });
  }
  const p = expand(h.positiveSpans, h.positiveBuckets);
  for (let i = 0; i < p.idx.length; i++) {
    const ix = p.idx[i]!;
    out.push({ lower: bucketUpper(h.schema, ix - 1), upper: bucketUpper(h.schema, ix), count: p.cnt[i]!, boundaryRule: 0 });
  }
  return out;
}

/** Renders a histogram as Prometheus's `FloatHistogram.String()`, e.g. `{count:2, sum:3, (1,2]:2}`. */
export function histogramString(h: FloatHistogram): string {
  const parts = [`count:${fmtG(h.count)}`, `sum:${fmtG(h.sum)}`];
  for (const b of allBuckets(h)) {
    if (b.boundaryRule === 3 && b.count === 0) continue;
    const open = b.boundaryRule === 1 || b.boundaryRule === 3 ? '[' : '(';
    const close = b.boundaryRule === 0 || b.boundaryRule === 3 ? ']' : ')';
    parts.push(`${open}${fmtG(b.lower)},${fmtG(b.upper)}${close}:${fmtG(b.count)}`);
  }
  return `{${parts.join(', ')}}`;
}

function fmtG(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  const s = String(v);
  return s.includes('e') ? v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : s;
}
