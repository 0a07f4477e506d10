import type { FloatHistogram } from '../model/index.js';
import { bucketUpper, compactHistogram, copyHistogram, CUSTOM_SCHEMA, expand, pack } from './histogram-math.js';

interface B {
  lower: number;
  upper: number;
  count: number;
}

function midpoint(lo: number, hi: number, positive: boolean, linear: boolean): number {
  if (!Number.isFinite(lo)) {
    if (!Number.isFinite(hi)) return 0;
    return hi > 0 ? hi / 2 : hi;
  }
  if (!Number.isFinite(hi)) return lo;
  if (linear) return (lo + hi) / 2;
  const g = Math.sqrt(Math.abs(lo * hi));
  return positive ? g : -g;
}

function fractionBelow(b: B, v: number, linear: boolean): number {
  if (v <= b.lower) return 0;
  if (v >= b.upper) return 1;
  if (linear || (b.lower <= 0 && b.upper >= 0)) return (v - b.lower) / (b.upper - b.lower);
  const lo = Math.log2(Math.abs(b.lower));
  const hi = Math.log2(Math.abs(b.upper));
  const x = Math.log2(Math.abs(v));
  if (b.lower > 0) return (x - lo) / (hi - lo);
  return 1 - (x - hi) / (lo - hi);
}

const zeroIfInf = (x: number): number => (Number.isFinite(x) ? x : 0);

function infinityBucket(upperTrim: boolean, b: B, rhs: number): [number, number] {
  if (b.lower === -Infinity) {
    if (upperTrim) {
      if (rhs >= b.upper) return [b.count, 0];
      if (rhs > 0 && b.upper > 0 && b.upper !== Infinity) return [(b.count * rhs) / b.upper, rhs / 2];
      if (b.upper <= 0) return [b.count, rhs];
      return [0, zeroIfInf(b.upper)];
    }
    if (rhs <= b.lower) return [b.count, 0];
    if (rhs >= 0 && b.upper > rhs && b.upper !== Infinity) return [b.count * (1 - rhs / b.upper), (rhs + b.upper) / 2];
    return [0, zeroIfInf(b.upper)];
  }
  if (upperTrim) return [0, zeroIfInf(b.lower)];
  if (rhs >= b.lower) return [b.count, rhs];
  return [0, zeroIfInf(b.lower)];
}

function bucketTrim(b: B, rhs: number, upperTrim: boolean, positive: boolean, linear: boolean): [number, number] {
  if (b.lower === -Infinity || b.upper === Infinity) return infinityBucket(upperTrim, b, rhs);
  const under = rhs <= b.lower ? 0 : rhs >= b.upper ? b.count : b.count * fractionBelow(b, rhs, linear);
  if (upperTrim) return [under, midpoint(b.lower, rhs, positive, linear)];
  return [b.count - under, midpoint(rhs, b.upper, positive, linear)];
}

/**
 * Implements `h </ rhs` (upper trim: keep observations below rhs) and `h >/ rhs` (lower trim),
 * as Prometheus's FloatHistogram.TrimBuckets. Returns a new histogram.
 */
export function trimHistogram(h0: FloatHistogram, rhs: number, upperTrim: boolean): FloatHistogram {
  const h = copyHistogram(h0);
  const custom = h.schema === CUSTOM_SCHEMA;
  let count = 0;
  let sum = 0;
  let trimmed = false;
  let hasPos = false;
  let hasNeg = false;
  const side = (positive: boolean): void => {
    const bs = expand(positive ? h.positiveSpans : h.negativeSpans, positive ? h.positiveBuckets : h.negativeBuckets);
    for (let i = 0; i < bs.idx.length; i++) {
      const c = bs.cnt[i]!;
      if (c === 0) continue;
      if (positive) hasPos = true;
      else hasNeg = true;
      const ix = bs.idx[i]!;
      let b: B;
      if (custom) {
        const cv = h.customValues ?? [];
        b = { lower: ix === 0 ? -Infinity : cv[ix - 1]!, upper: ix < cv.length ? cv[ix]! : Infinity, count: c };
      } else if (positive) b = { lower: bucketUpper(h.schema, ix - 1), upper: bucketUpper(h.schema, ix), count: c };
      else b = { lower: -bucketUpper(h.schema, ix), upper: -bucketUpper(h.schema, ix - 1), count: c };
      const keepAll = upperTrim ? b.upper <= rhs : b.lower >= rhs;
      const partial = upperTrim ? b.lower < rhs : b.upper > rhs;
      if (keepAll) {
        count += c;
        sum += midpoint(b.lower, b.upper, positive, custom) * c;
      } else if (partial) {
        const [keep, mid] = bucketTrim(b, rhs, upperTrim, positive, custom);
        count += keep;
        sum += mid * keep;
        if (keep !== c) {
          bs.cnt[i] = keep;
          trimmed = true;
        }
      } else {
        bs.cnt[i] = 0;
        trimmed = true;
      }
    }
    const packed = pack(bs, true);
    if (positive) {
      h.positiveSpans = packed.spans;
      h.positiveBuckets = packed.counts;
    } else {
      h.negativeSpans = packed.spans;
      h.negativeBuckets = packed.counts;
    }
  };
  side(true);
  side(false);
  if (h.zeroCount > 0) {
    let lower = -h.zeroThreshold;
    let upper = h.zeroThreshold;
    if (hasNeg && !hasPos) upper = 0;
    if (hasPos && !hasNeg) lower = 0;
    let keep: number;
    let mid: number;
    if (upperTrim) {
      if (rhs <= lower) [keep, mid] = [0, 0];
      else if (rhs >= upper) [keep, mid] = [h.zeroCount, (lower + upper) / 2];
      else [keep, mid] = [(h.zeroCount * (rhs - lower)) / (upper - lower), (lower + rhs) / 2];
    } else if (rhs <= lower) [keep, mid] = [h.zeroCount, (lower + upper) / 2];
    else if (rhs >= upper) [keep, mid] = [0, 0];
    else [keep, mid] = [(h.zeroCount * (upper - rhs)) / (upper - lower), (rhs + upper) / 2];
    if (keep !== h.zeroCount) {
      h.zeroCount = keep;
      trimmed = true;
    }
    sum += mid * keep;
    count += keep;
  }
  if (!trimmed) return h;
  h.count = count;
  h.sum = sum;
  return compactHistogram(h);
}
