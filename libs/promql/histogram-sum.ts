import { CounterResetHint } from '../model/index.js';
import type { FloatHistogram } from '../model/index.js';
import { adjustHint, bucketUpper, CUSTOM_SCHEMA, expand, HistogramMismatchError, pack } from './histogram-math.js';

type Pair = [number, number];

function inc(p: Pair, v: number): void {
  const t = p[0] + v;
  if (!Number.isFinite(t) && !Number.isNaN(t)) p[1] = 0;
  else if (Math.abs(p[0]) >= Math.abs(v)) p[1] += p[0] - t + v;
  else p[1] += v - t + p[0];
  p[0] = t;
}

function reduceMap(m: Map<number, Pair>, delta: number): Map<number, Pair> {
  if (delta <= 0) return m;
  const out = new Map<number, Pair>();
  for (const [ix, p] of m) {
    const ni = ((ix - 1) >> delta) + 1;
    const q = out.get(ni);
    if (!q) out.set(ni, [p[0], p[1]]);
    else {
      inc(q, p[0]);
      q[1] += p[1];
    }
  }
  return out;
}

/**
 * A compensated (Kahan/Neumaier) running sum of native histograms, as Prometheus's
 * KahanAdd: every count, the sum and every bucket carry their own compensation term.
 * Tracks the reset hints seen so callers can report conflicts.
 */
export class HistogramSum {
  private schema = 0;
  private zt = 0;
  private bounds: number[] | undefined;
  private readonly count: Pair = [0, 0];
  private readonly sum: Pair = [0, 0];
  private readonly zero: Pair = [0, 0];
  private pos = new Map<number, Pair>();
  private neg = new Map<number, Pair>();
  private hint: CounterResetHint = CounterResetHint.Unknown;
  private n = 0;
  /** A CounterReset hint and a NotCounterReset hint both occurred. */
  resetSeen = false;
  notResetSeen = false;
  /** Custom bucket bounds had to be reconciled. */
  reconciled = false;

  /**
   * Adds `h`.
   * @throws HistogramMismatchError when exponential and custom buckets meet.
   */
  add(h: FloatHistogram): void {
    if (h.counterResetHint === CounterResetHint.CounterReset) this.resetSeen = true;
    else if (h.counterResetHint === CounterResetHint.NotCounterReset) this.notResetSeen = true;
    const custom = h.schema === CUSTOM_SCHEMA;
    if (this.n === 0) {
      this.schema = h.schema;
      this.zt = h.zeroThreshold;
      this.bounds = custom ? (h.customValues ?? []).slice() : undefined;
      this.hint = h.counterResetHint;
    } else {
      if (custom !== (this.schema === CUSTOM_SCHEMA)) throw new HistogramMismatchError('custom-exponential');
      this.hint = adjustHint(this.hint, h.counterResetHint).hint;
    }
    this.n++;
    inc(this.count, h.count);
    inc(this.sum, h.sum);
    if (custom) return this.addCustom(h);
    if (h.schema < this.schema) {
      this.pos = reduceMap(this.pos, this.schema - h.schema);
      this.neg = reduceMap(this.neg, this.schema - h.schema);
      this.schema = h.schema;
    }
    let hz = h.zeroCount;
    if (h.zeroThreshold > this.zt) {
      this.zt = h.zeroThreshold;
      this.absorb(this.pos);
      this.absorb(this.neg);
    }
    const delta = h.schema - this.schema;
    const addSide = (spans: FloatHistogram['positiveSpans'], counts: number[], m: Map<number, Pair>): void => {
      const b = expand(spans, counts);
      for (let i = 0; i < b.idx.length; i++) {
        const ni = delta > 0 ? ((b.idx[i]! - 1) >> delta) + 1 : b.idx[i]!;
        if (bucketUpper(this.schema, ni) <= this.zt) {
          hz += b.cnt[i]!;
          continue;
        }
        let p = m.get(ni);
        if (!p) m.set(ni, (p = [0, 0]));
        inc(p, b.cnt[i]!);
      }
    };
    addSide(h.positiveSpans, h.positiveBuckets, this.pos);
    addSide(h.negativeSpans, h.negativeBuckets, this.neg);
    inc(this.zero, hz);
  }

  private absorb(m: Map<number, Pair>): void {
    for (const [ix, p] of m) {
      if (bucketUpper(this.schema, ix) <= this.zt) {
        inc(this.zero, p[0]);
        this.zero[1] += p[1];
        m.delete(ix);
      }
    }
  }

  private addCustom(h: FloatHistogram): void {
    const hb = h.customValues ?? [];
    const mine = this.bounds ?? [];
    let target = mine;
    if (hb.length !== mine.length || hb.some((x, i) => x !== mine[i])) {
      this.reconciled = true;
      const set = new Set(hb);
      target = mine.filter((x) => set.has(x));
      const remapped = new Map<number, Pair>();
      for (const [ix, p] of this.pos) {
        const ni = remapIndex(ix, mine, target);
        const q = remapped.get(ni);
        if (!q) remapped.set(ni, [p[0], p[1]]);
        else {
          inc(q, p[0]);
          q[1] += p[1];
        }
      }
      this.pos = remapped;
      this.bounds = target;
    }
    const b = expand(h.positiveSpans, h.positiveBuckets);
    for (let i = 0; i < b.idx.length; i++) {
      const ni = remapIndex(b.idx[i]!, hb, target);
      let p = this.pos.get(ni);
      if (!p) this.pos.set(ni, (p = [0, 0]));
      inc(p, b.cnt[i]!);
    }
  }

  /** A deep copy. */
  clone(): HistogramSum {
    const c = new HistogramSum();
    Object.assign(c, this);
    c.setPairs(this);
    return c;
  }

  private setPairs(from: HistogramSum): void {
    const cp = (m: Map<number, Pair>): Map<number, Pair> => new Map([...m].map(([k, p]) => [k, [p[0], p[1]] as Pair]));
    Object.assign(this, {
      count: [from.count[0], from.count[1]],
      sum: [from.sum[0], from.sum[1]],
      zero: [from.zero[0], from.zero[1]],
      pos: cp(from.pos),
      neg: cp(from.neg),
      bounds: from.bounds?.slice(),
    });
  }

  /** Multiplies every value and compensation term by `f`. */
  scaleInPlace(f: number): void {
    const sc = (p: Pair): void => {
      p[0] *= f;
      p[1] *= f;
    };
    sc(this.count);
    sc(this.sum);
    sc(this.zero);
    for (const p of this.pos.values()) sc(p);
    for (const p of this.neg.values()) sc(p);
  }

  /**
   * Divides every value and compensation term by `d`. Not the same as scaling by `1 / d`:
   * the reciprocal rounds first, and the means Prometheus reports are exact quotients.
   */
  divideInPlace(d: number): void {
    const dv = (p: Pair): void => {
      p[0] /= d;
      p[1] /= d;
    };
    dv(this.count);
    dv(this.sum);
    dv(this.zero);
    for (const p of this.pos.values()) dv(p);
    for (const p of this.neg.values()) dv(p);
  }

  /** Whether any value of the current sum is infinite. */
  overflows(): boolean {
    const inf = (p: Pair): boolean => p[0] === Infinity || p[0] === -Infinity;
    if (inf(this.count) || inf(this.sum) || inf(this.zero)) return true;
    for (const p of this.pos.values()) if (inf(p)) return true;
    for (const p of this.neg.values()) if (inf(p)) return true;
    return false;
  }

  /** Number of histograms added. */
  get size(): number {
    return this.n;
  }

  /** The compensated sum, each value multiplied by `scale`. */
  result(scale = 1): FloatHistogram {
    const side = (m: Map<number, Pair>): { spans: FloatHistogram['positiveSpans']; counts: number[] } => {
      const idx = [...m.keys()].sort((a, b) => a - b);
      return pack({ idx, cnt: idx.map((k) => (m.get(k)![0] + m.get(k)![1]) * scale) });
    };
    const p = side(this.pos);
    const n = side(this.neg);
    const h: FloatHistogram = {
      counterResetHint: this.hint,
      schema: this.schema,
      zeroThreshold: this.zt,
      zeroCount: (this.zero[0] + this.zero[1]) * scale,
      count: (this.count[0] + this.count[1]) * scale,
      sum: (this.sum[0] + this.sum[1]) * scale,
      positiveSpans: p.spans,
      positiveBuckets: p.counts,
      negativeSpans: n.spans,
      negativeBuckets: n.counts,
    };
    if (this.bounds) h.customValues = this.bounds.slice();
    return h;
  }
}

function remapIndex(ix: number, from: readonly number[], to: readonly number[]): number {
  const upper = ix < from.length ? from[ix]! : Infinity;
  const ni = to.findIndex((x) => x >= upper);
  return ni < 0 ? to.length : ni;
}

/**
 * The mean of histograms as Prometheus computes it: a compensated direct sum divided by the
 * count, switching to an incremental mean (`mean = mean * (k-1)/k + h/k`, still compensated)
 * once the direct sum would overflow float64. Every division is a true division, so results
 * match Prometheus's to the last bit.
 * @throws HistogramMismatchError when exponential and custom buckets meet.
 */
export function averageHistograms(list: readonly FloatHistogram[]): HistogramSum {
  let acc = new HistogramSum();
  let incremental = false;
  for (let k = 1; k <= list.length; k++) {
    const h = list[k - 1]!;
    if (!incremental) {
      const trial = acc.clone();
      trial.add(h);
      if (!trial.overflows() || k === 1) {
        acc = trial;
        continue;
      }
      incremental = true;
      acc.divideInPlace(k - 1);
    }
    acc.scaleInPlace((k - 1) / k);
    acc.add(dividedHistogram(h, k));
  }
  if (!incremental) acc.divideInPlace(list.length);
  return acc;
}

/** A copy of `h` with every count and the sum divided by `d` (`d` > 0). */
function dividedHistogram(h: FloatHistogram, d: number): FloatHistogram {
  return {
    ...h,
    zeroCount: h.zeroCount / d,
    count: h.count / d,
    sum: h.sum / d,
    positiveBuckets: h.positiveBuckets.map((v) => v / d),
    negativeBuckets: h.negativeBuckets.map((v) => v / d),
  };
}

export { HistogramMismatchError };
