import { CounterResetHint } from '../model/index.js';
import type { FloatHistogram } from '../model/index.js';
import { kahanSumInc, quantileOf } from './aggregate.js';
import { averageHistograms, HistogramSum } from './histogram-sum.js';
import { extendedHistogramRate } from './extended-histogram-rate.js';
import { CUSTOM_SCHEMA, combineHistograms, compactHistogram, detectReset, HistogramMismatchError, scaleHistogram } from './histogram-math.js';
import { addFirstHistogram, floatResetsWithStarts, isStartTimestampReset, startAt, startTimeOverlaps, startTimeOverlapWarning } from './start-timestamps.js';

/**
 * The samples of one series inside one step's window, as index ranges into the series'
 * arrays. Reused across steps to avoid allocation.
 */
export interface Window {
  ft: ArrayLike<number>;
  fv: ArrayLike<number>;
  fLo: number;
  fHi: number;
  ht: ArrayLike<number>;
  hv: readonly FloatHistogram[];
  hLo: number;
  hHi: number;
  /**
   * Start timestamps of the float and histogram samples (same indices as `ft`/`ht`), only
   * for a plain range selector with `use-start-timestamps` on; 0 entries are unknown.
   */
  fst?: ArrayLike<number> | undefined;
  hst?: ArrayLike<number> | undefined;
  /** Window bounds `(start, end]` in ms. */
  start: number;
  end: number;
  /** The evaluation time of the step (differs from `end` under offset/@). */
  stepT: number;
  range: number;
  /** Extra scalar arguments of the call at this step. */
  args: number[];
  metricName: string;
}

/** Output of a range function for one window. `kind` 0 means no sample. */
export interface RangeOut {
  kind: 0 | 1 | 2;
  f: number;
  h: FloatHistogram | undefined;
}

/** Annotation sink for range functions. */
export interface Annotator {
  warn(msg: string): void;
  info(msg: string): void;
  /** A warning Prometheus counts: repeats show as `(N occurrences)` in the final text. */
  warnCounted(msg: string): void;
}

/** A range function: reads `w`, writes `out`. */
export type RangeFn = (w: Window, out: RangeOut, a: Annotator) => void;

const q = (s: string): string => JSON.stringify(s);

function mixedWarn(w: Window, a: Annotator): void {
  a.warn(`encountered a mix of histograms and floats for metric name ${q(w.metricName)}`);
}

function setF(out: RangeOut, f: number): void {
  out.kind = 1;
  out.f = f;
}

function setH(out: RangeOut, h: FloatHistogram): void {
  out.kind = 2;
  out.h = h;
}

function histRate(w: Window, isCounter: boolean, a: Annotator): FloatHistogram | undefined {
  const { hv, hLo, hHi } = w;
  let prev: FloatHistogram = hv[hLo]!;
  const last = hv[hHi - 1]!;
  let custom = prev.schema === CUSTOM_SCHEMA;
  if (isCounter && (prev.counterResetHint === CounterResetHint.Gauge || last.counterResetHint === CounterResetHint.Gauge)) {
    a.warn(`this native histogram metric is not a counter: ${q(w.metricName)}`);
  }
  const stReset = (i: number): boolean => isStartTimestampReset(startAt(w.hst, i - 1), w.ht[i - 1]!, startAt(w.hst, i), w.ht[i]!);
  if (isCounter && hHi - hLo > 1) {
    const second = hv[hLo + 1]!;
    if (stReset(hLo + 1) || detectReset(prev, second)) {
      prev = {
        counterResetHint: CounterResetHint.Unknown,
        schema: second.schema,
        zeroThreshold: second.zeroThreshold,
        zeroCount: 0,
        count: 0,
        sum: 0,
        positiveSpans: [],
        negativeSpans: [],
        positiveBuckets: [],
        negativeBuckets: [],
        ...(second.customValues ? { customValues: second.customValues } : {}),
      };
      custom = second.schema === CUSTOM_SCHEMA;
    }
  }
  const mixedSchemas = (): undefined => {
    a.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${q(w.metricName)}`);
    return undefined;
  };
  if ((last.schema === CUSTOM_SCHEMA) !== custom) return mixedSchemas();
  for (let i = hLo + 1; i < hHi - 1; i++) {
    const cur = hv[i]!;
    if (!isCounter) continue;
    if (cur.counterResetHint === CounterResetHint.Gauge) a.warn(`this native histogram metric is not a counter: ${q(w.metricName)}`);
    if ((cur.schema === CUSTOM_SCHEMA) !== custom) return mixedSchemas();
  }
  let reconciled = false;
  try {
    const r = combineHistograms(last, prev, -1);
    reconciled ||= r.reconciled;
    let h = r.h;
    if (isCounter) {
      let p = prev;
      let overlapWarned = false;
      for (let i = hLo + 1; i < hHi; i++) {
        const cur = hv[i]!;
        if (!overlapWarned && startTimeOverlaps(startAt(w.hst, i - 1), w.ht[i - 1]!, startAt(w.hst, i))) {
          a.warnCounted(startTimeOverlapWarning(w.metricName));
          overlapWarned = true;
        }
        if (stReset(i) || detectReset(p, cur)) {
          const s = combineHistograms(h, p, 1);
          reconciled ||= s.reconciled;
          h = s.h;
        }
        p = cur;
      }
    } else if (hv[hLo]!.counterResetHint !== CounterResetHint.Gauge || last.counterResetHint !== CounterResetHint.Gauge) {
      a.warn(`this native histogram metric is not a gauge: ${q(w.metricName)}`);
    }
    if (reconciled) a.info('mismatched custom buckets were reconciled during subtraction');
    h.counterResetHint = CounterResetHint.Gauge;
    return compactHistogram(h);
  } catch (err) {
    if (err instanceof HistogramMismatchError) return mixedSchemas();
    throw err;
  }
}

function extrapolatedRate(isCounter: boolean, isRate: boolean): RangeFn {
  return (w, out, a) => {
    const nf = w.fHi - w.fLo;
    const nh = w.hHi - w.hLo;
    if (nf > 0 && nh > 0) return mixedWarn(w, a);
    let firstT: number;
    let lastT: number;
    let n1: number;
    let result = 0;
    let hist: FloatHistogram | undefined;
    let firstSt = 0;
    const { ft, fv, fLo, fHi } = w;
    if (nh > 0) {
      n1 = nh - 1;
      firstT = w.ht[w.hLo]!;
      lastT = w.ht[w.hHi - 1]!;
      firstSt = startAt(w.hst, w.hLo);
      if (nh > 1) {
        hist = histRate(w, isCounter, a);
        if (!hist) return;
      }
    } else if (nf > 0) {
      n1 = nf - 1;
      firstT = ft[fLo]!;
      lastT = ft[fHi - 1]!;
      result = fv[fHi - 1]! - fv[fLo]!;
      if (isCounter) {
        firstSt = startAt(w.fst, fLo);
        result += w.fst ? floatResetsWithStarts(w, a) : floatResets(w);
      }
    } else return;
    let durationToStart = (firstT - w.start) / 1000;
    let durationToEnd = (w.end - lastT) / 1000;
    let sampled = (lastT - firstT) / 1000;
    const avgStep = n1 > 0 ? sampled / n1 : 0;
    const threshold = avgStep * 1.1;
    if (isCounter && firstSt !== 0 && firstSt > w.start && firstSt < firstT) {
      // The first sample's start lies inside the range: assume a zero sample there instead
      // of extrapolating to the left.
      durationToStart = 0;
      sampled = (lastT - firstSt) / 1000;
      if (nf > 0) result += fv[fLo]!;
      else {
        hist = addFirstHistogram(w, hist, a);
        if (!hist) return;
      }
    } else if (n1 === 0) return;
    else {
      if (durationToStart >= threshold) durationToStart = avgStep / 2;
      if (isCounter) {
        let toZero = durationToStart;
        if (result > 0 && nf > 0 && fv[fLo]! >= 0) toZero = sampled * (fv[fLo]! / result);
        else if (hist && hist.count > 0 && nh > 0 && w.hv[w.hLo]!.count >= 0) toZero = sampled * (w.hv[w.hLo]!.count / hist.count);
        if (toZero < durationToStart) durationToStart = toZero;
      }
    }
    if (durationToEnd >= threshold) durationToEnd = avgStep / 2;
    let factor = sampled !== 0 ? (sampled + durationToStart + durationToEnd) / sampled : 1;
    if (isRate) factor /= w.range / 1000;
    if (hist) setH(out, scaleHistogramKeepHint(hist, factor));
    else setF(out, result * factor);
  };
}

/** What counter resets add to `last - first` over the window's floats. */
function floatResets(w: Window): number {
  const fv = w.fv;
  let add = 0;
  let prev = fv[w.fLo]!;
  for (let i = w.fLo + 1; i < w.fHi; i++) {
    const c = fv[i]!;
    if (c < prev) add += prev;
    prev = c;
  }
  return add;
}

function scaleHistogramKeepHint(h: FloatHistogram, f: number): FloatHistogram {
  const r = scaleHistogram(h, f);
  r.counterResetHint = CounterResetHint.Gauge;
  return r;
}

function instantValue(isRate: boolean): RangeFn {
  return (w, out, a) => {
    const nf = w.fHi - w.fLo;
    const nh = w.hHi - w.hLo;
    if (nf + nh < 2) return;
    type P = { t: number; f: number; h: FloatHistogram | undefined; st: number };
    const ss: P[] = [];
    for (let i = Math.max(w.fLo, w.fHi - 2); i < w.fHi; i++) ss.push({ t: w.ft[i]!, f: w.fv[i]!, h: undefined, st: startAt(w.fst, i) });
    for (let i = Math.max(w.hLo, w.hHi - 2); i < w.hHi; i++) {
      const s: P = { t: w.ht[i]!, f: 0, h: w.hv[i]!, st: startAt(w.hst, i) };
      if (ss.length === 0) ss.push(s);
      else if (ss.length === 1) {
        if (s.t < ss[0]!.t) ss.unshift(s);
        else ss.push(s);
      } else if (s.t < ss[0]!.t) {
        // older than both: discard
      } else if (s.t > ss[1]!.t) {
        ss[0] = ss[1]!;
        ss[1] = s;
      } else ss[0] = s;
    }
    const p0 = ss[0]!;
    const p1 = ss[1]!;
    const dt = p1.t - p0.t;
    if (dt === 0) return;
    const stReset = isStartTimestampReset(p0.st, p0.t, p1.st, p1.t);
    if (!p0.h && !p1.h) {
      let f = p1.f;
      if (!isRate || !(p1.f < p0.f || stReset)) f = p1.f - p0.f;
      setF(out, isRate ? f / (dt / 1000) : f);
      return;
    }
    if (p0.h && p1.h) {
      if (isRate && (p1.h.counterResetHint === CounterResetHint.Gauge || p0.h.counterResetHint === CounterResetHint.Gauge)) {
        a.warn(`this native histogram metric is not a counter: ${q(w.metricName)}`);
      }
      if (!isRate && (p1.h.counterResetHint !== CounterResetHint.Gauge || p0.h.counterResetHint !== CounterResetHint.Gauge)) {
        a.warn(`this native histogram metric is not a gauge: ${q(w.metricName)}`);
      }
      let h = scaleHistogram(p1.h, 1);
      if (!isRate || (!stReset && !detectReset(p0.h, p1.h))) {
        try {
          const r = combineHistograms(p1.h, p0.h, -1);
          if (r.reconciled) a.info('mismatched custom buckets were reconciled during subtraction');
          h = r.h;
        } catch (err) {
          if (!(err instanceof HistogramMismatchError)) throw err;
          a.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${q(w.metricName)}`);
          return;
        }
      }
      h = compactHistogram(h);
      h.counterResetHint = CounterResetHint.Gauge;
      setH(out, isRate ? scaleHistogramKeepHint(h, 1000 / dt) : h);
      return;
    }
    mixedWarn(w, a);
  };
}

/** Prometheus's linearRegression with compensated sums. */
export function linearRegression(w: Window, interceptTime: number): [number, number] {
  let n = 0;
  const sx = new Float64Array(2);
  const sy = new Float64Array(2);
  const sxy = new Float64Array(2);
  const sx2 = new Float64Array(2);
  const initY = w.fv[w.fLo]!;
  let constY = true;
  for (let i = w.fLo; i < w.fHi; i++) {
    const y = w.fv[i]!;
    if (constY && i > w.fLo && y !== initY) constY = false;
    n++;
    const x = (w.ft[i]! - interceptTime) / 1000;
    kahanSumInc(x, sx[0]!, sx[1]!, sx);
    kahanSumInc(y, sy[0]!, sy[1]!, sy);
    kahanSumInc(x * y, sxy[0]!, sxy[1]!, sxy);
    kahanSumInc(x * x, sx2[0]!, sx2[1]!, sx2);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [NaN, NaN];
    return [0, initY];
  }
  const sumX = sx[0]! + sx[1]!;
  const sumY = sy[0]! + sy[1]!;
  const sumXY = sxy[0]! + sxy[1]!;
  const sumX2 = sx2[0]! + sx2[1]!;
  const cov = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = cov / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

function floatsOnly(name: string, fn: (w: Window, out: RangeOut, a: Annotator) => void): RangeFn {
  return (w, out, a) => {
    if (w.fHi === w.fLo) return;
    if (w.hHi > w.hLo) a.info(`ignored histograms in a range containing both floats and histograms for metric name ${q(w.metricName)}`);
    fn(w, out, a);
    void name;
  };
}

function avgFloats(w: Window): number {
  const fv = w.fv;
  let sum = fv[w.fLo]!;
  let count = 1;
  let mean = 0;
  let c = 0;
  let incr = false;
  for (let i = w.fLo + 1; i < w.fHi; i++) {
    const f = fv[i]!;
    count++;
    if (!incr) {
      const t = sum + f;
      if (t !== Infinity && t !== -Infinity) {
        // Neumaier-compensated running sum, inlined for speed.
        if (Math.abs(sum) >= Math.abs(f)) c += sum - t + f;
        else c += f - t + sum;
        sum = t;
        continue;
      }
      incr = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    const qq = (count - 1) / count;
    const m = qq * mean;
    const x = f / count;
    const t = m + x;
    let cc = qq * c;
    if (t === Infinity || t === -Infinity) cc = 0;
    else if (Math.abs(m) >= Math.abs(x)) cc += m - t + x;
    else cc += x - t + m;
    mean = t;
    c = cc;
  }
  return incr ? mean + c : sum / count + c / count;
}

function sumFloats(w: Window): number {
  const fv = w.fv;
  let sum = 0;
  let c = 0;
  for (let i = w.fLo; i < w.fHi; i++) {
    const f = fv[i]!;
    const t = sum + f;
    if (t === Infinity || t === -Infinity) c = 0;
    else if (Math.abs(sum) >= Math.abs(f)) c += sum - t + f;
    else c += f - t + sum;
    sum = t;
  }
  return sum + c;
}

function sumHists(w: Window, a: Annotator, avg: boolean): FloatHistogram | undefined {
  let acc = new HistogramSum();
  try {
    if (avg) acc = averageHistograms(w.hv.slice(w.hLo, w.hHi));
    else for (let i = w.hLo; i < w.hHi; i++) acc.add(w.hv[i]!);
  } catch (err) {
    if (!(err instanceof HistogramMismatchError)) throw err;
    a.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${q(w.metricName)}`);
    return undefined;
  }
  if (acc.reconciled) a.info('mismatched custom buckets were reconciled during aggregation');
  if (acc.resetSeen && acc.notResetSeen) a.warn('conflicting counter resets during histogram aggregation');
  return compactHistogram(acc.result());
}

function variance(w: Window): number {
  let count = 0;
  let mean = 0;
  let c = 0;
  let aux = 0;
  const tmp = new Float64Array(2);
  for (let i = w.fLo; i < w.fHi; i++) {
    const f = w.fv[i]!;
    count++;
    const delta = f - (mean + c);
    kahanSumInc(delta / count, mean, c, tmp);
    mean = tmp[0]!;
    c = tmp[1]!;
    aux += delta * (f - (mean + c));
  }
  return aux / count;
}

function changesOrResets(resets: boolean): RangeFn {
  return (w, out) => {
    const nf = w.fHi - w.fLo;
    const nh = w.hHi - w.hLo;
    if (nf + nh === 0) return;
    let count = 0;
    let i = w.fLo;
    let j = w.hLo;
    let prevF = 0;
    let prevH: FloatHistogram | undefined;
    let first = true;
    let prevT = 0;
    let prevSt = 0;
    while (i < w.fHi || j < w.hHi) {
      const useF = j >= w.hHi || (i < w.fHi && w.ft[i]! < w.ht[j]!);
      const t = useF ? w.ft[i]! : w.ht[j]!;
      const st = useF ? startAt(w.fst, i) : startAt(w.hst, j);
      const stReset = resets && !first && isStartTimestampReset(prevSt, prevT, st, t);
      prevT = t;
      prevSt = st;
      if (useF) {
        const f = w.fv[i++]!;
        if (!first) {
          if (resets) {
            if (prevH === undefined && (f < prevF || stReset)) count++;
            else if (prevH !== undefined) count++;
          } else if (prevH !== undefined || (f !== prevF && !(Number.isNaN(f) && Number.isNaN(prevF)))) count++;
        }
        prevF = f;
        prevH = undefined;
      } else {
        const h = w.hv[j++]!;
        if (!first) {
          if (resets) {
            if (prevH === undefined || stReset || detectReset(prevH, h)) count++;
          } else if (prevH === undefined || !sameHistogram(prevH, h)) count++;
        }
        prevH = h;
      }
      first = false;
    }
    setF(out, count);
  };
}

function sameHistogram(a: FloatHistogram, b: FloatHistogram): boolean {
  const x = compactHistogram(a);
  const y = compactHistogram(b);
  return (
    JSON.stringify([x.schema, x.count, x.sum, x.zeroThreshold, x.zeroCount, x.positiveSpans, x.positiveBuckets, x.negativeSpans, x.negativeBuckets, x.customValues ?? []]) ===
    JSON.stringify([y.schema, y.count, y.sum, y.zeroThreshold, y.zeroCount, y.positiveSpans, y.positiveBuckets, y.negativeSpans, y.negativeBuckets, y.customValues ?? []])
  );
}

const lastOverTime: RangeFn = (w, out) => {
  const fT = w.fHi > w.fLo ? w.ft[w.fHi - 1]! : -Infinity;
  const hT = w.hHi > w.hLo ? w.ht[w.hHi - 1]! : -Infinity;
  if (fT === -Infinity && hT === -Infinity) return;
  if (fT >= hT) setF(out, w.fv[w.fHi - 1]!);
  else setH(out, w.hv[w.hHi - 1]!);
};

const firstOverTime: RangeFn = (w, out) => {
  const fT = w.fHi > w.fLo ? w.ft[w.fLo]! : Infinity;
  const hT = w.hHi > w.hLo ? w.ht[w.hLo]! : Infinity;
  if (fT === Infinity && hT === Infinity) return;
  if (fT <= hT) setF(out, w.fv[w.fLo]!);
  else setH(out, w.hv[w.hLo]!);
};

function extremeOverTime(max: boolean, tsOf: boolean): RangeFn {
  return floatsOnly('', (w, out) => {
    let best = w.fv[w.fLo]!;
    let bt = w.ft[w.fLo]!;
    for (let i = w.fLo + 1; i < w.fHi; i++) {
      const f = w.fv[i]!;
      if ((max ? f > best : f < best) || Number.isNaN(best)) {
        best = f;
        bt = w.ft[i]!;
      } else if (tsOf && f === best) bt = w.ft[i]!;
    }
    setF(out, tsOf ? bt / 1000 : best);
  });
}

function doubleExpSmoothing(w: Window, out: RangeOut): void {
  const sf = w.args[0]!;
  const tf = w.args[1]!;
  const n = w.fHi - w.fLo;
  if (n < 2) return;
  if (!(sf > 0 && sf < 1) || !(tf > 0 && tf < 1)) return;
  let s1 = w.fv[w.fLo]!;
  let b = w.fv[w.fLo + 1]! - w.fv[w.fLo]!;
  let s0 = 0;
  for (let i = 1; i < n; i++) {
    const x = w.fv[w.fLo + i]!;
    if (i > 1) b = tf * (s1 - s0) + (1 - tf) * b;
    s0 = s1;
    s1 = sf * x + (1 - sf) * (s0 + b);
  }
  setF(out, s1);
}

/** The range-vector functions by name. */
export const RANGE_FUNCTIONS: Record<string, RangeFn> = {
  rate: extrapolatedRate(true, true),
  increase: extrapolatedRate(true, false),
  delta: extrapolatedRate(false, false),
  irate: instantValue(true),
  idelta: instantValue(false),
  deriv: floatsOnly('deriv', (w, out) => {
    if (w.fHi - w.fLo < 2) return;
    setF(out, linearRegression(w, w.ft[w.fLo]!)[0]);
  }),
  predict_linear: floatsOnly('predict_linear', (w, out) => {
    if (w.fHi - w.fLo < 2) return;
    const [slope, icpt] = linearRegression(w, w.stepT);
    setF(out, icpt + slope * w.args[0]!);
  }),
  avg_over_time: (w, out, a) => {
    const nf = w.fHi - w.fLo;
    const nh = w.hHi - w.hLo;
    if (nf > 0 && nh > 0) return mixedWarn(w, a);
    if (nh > 0) {
      const h = sumHists(w, a, true);
      if (h) setH(out, h);
      return;
    }
    if (nf > 0) setF(out, avgFloats(w));
  },
  sum_over_time: (w, out, a) => {
    const nf = w.fHi - w.fLo;
    const nh = w.hHi - w.hLo;
    if (nf > 0 && nh > 0) return mixedWarn(w, a);
    if (nh > 0) {
      const h = sumHists(w, a, false);
      if (h) setH(out, h);
      return;
    }
    if (nf === 0) return;
    setF(out, sumFloats(w));
  },
  count_over_time: (w, out) => {
    const n = w.fHi - w.fLo + w.hHi - w.hLo;
    if (n > 0) setF(out, n);
  },
  present_over_time: (w, out) => {
    if (w.fHi - w.fLo + w.hHi - w.hLo > 0) setF(out, 1);
  },
  last_over_time: lastOverTime,
  first_over_time: firstOverTime,
  max_over_time: extremeOverTime(true, false),
  min_over_time: extremeOverTime(false, false),
  ts_of_max_over_time: extremeOverTime(true, true),
  ts_of_min_over_time: extremeOverTime(false, true),
  ts_of_last_over_time: (w, out) => {
    const fT = w.fHi > w.fLo ? w.ft[w.fHi - 1]! : -Infinity;
    const hT = w.hHi > w.hLo ? w.ht[w.hHi - 1]! : -Infinity;
    if (fT === -Infinity && hT === -Infinity) return;
    setF(out, Math.max(fT, hT) / 1000);
  },
  ts_of_first_over_time: (w, out) => {
    const fT = w.fHi > w.fLo ? w.ft[w.fLo]! : Infinity;
    const hT = w.hHi > w.hLo ? w.ht[w.hLo]! : Infinity;
    if (fT === Infinity && hT === Infinity) return;
    setF(out, Math.min(fT, hT) / 1000);
  },
  stddev_over_time: floatsOnly('stddev_over_time', (w, out) => setF(out, Math.sqrt(variance(w)))),
  stdvar_over_time: floatsOnly('stdvar_over_time', (w, out) => setF(out, variance(w))),
  quantile_over_time: floatsOnly('quantile_over_time', (w, out) => {
    const vals: number[] = [];
    for (let i = w.fLo; i < w.fHi; i++) vals.push(w.fv[i]!);
    setF(out, quantileOf(w.args[0]!, vals));
  }),
  mad_over_time: floatsOnly('mad_over_time', (w, out) => {
    const vals: number[] = [];
    for (let i = w.fLo; i < w.fHi; i++) vals.push(w.fv[i]!);
    if (vals.some((v) => Number.isNaN(v))) return setF(out, NaN);
    const med = quantileOf(0.5, vals.slice());
    setF(out, quantileOf(0.5, vals.map((v) => Math.abs(v - med))));
  }),
  changes: changesOrResets(false),
  resets: changesOrResets(true),
  double_exponential_smoothing: floatsOnly('double_exponential_smoothing', doubleExpSmoothing),
};

/** The first index in `[0, n)` where the monotone `pred` holds, or `n` (binary search). */
export function searchFirst(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * rate/increase/delta over an `anchored` or `smoothed` range (experimental): the window
 * also holds samples up to one lookback before the range (and after it, when smoothed), and
 * the boundary values are picked (anchored) or interpolated (smoothed) at the range edges.
 */
export function extendedFloatRate(isCounter: boolean, isRate: boolean, smoothed: boolean): RangeFn {
  const interpolate = (t1: number, y1: number, t2: number, y2: number, t: number): number => {
    const a = isCounter && y2 < y1 ? 0 : y1;
    return a + ((y2 - a) * (t - t1)) / (t2 - t1);
  };
  return (w, out, a) => {
    const n = w.fHi - w.fLo;
    if (n > 0 && w.hHi > w.hLo) return mixedWarn(w, a);
    if (n === 0) {
      if (w.hHi > w.hLo) extendedHistogramRate(w, out, a, isCounter, isRate, smoothed);
      return;
    }
    const T = (i: number): number => w.ft[w.fLo + i]!;
    const F = (i: number): number => w.fv[w.fLo + i]!;
    let last = n - 1;
    let first = Math.max(0, searchFirst(last, (i) => T(i) > w.start) - 1);
    if (smoothed) last = searchFirst(last, (i) => T(i) >= w.end);
    if (T(last) <= w.start) return;
    if (smoothed && T(first) > w.end) return;
    const left = smoothed && T(first) < w.start ? interpolate(T(first), F(first), T(first + 1), F(first + 1), w.start) : F(first);
    const right = smoothed && last > 0 && T(last) > w.end ? interpolate(T(last - 1), F(last - 1), T(last), F(last), w.end) : F(last);
    let result = right - left;
    if (isCounter) {
      if (T(first) <= w.start) first++;
      if (T(last) >= w.end) last--;
      let prev = left;
      let corr = 0;
      for (let i = first; i <= last; i++) {
        if (F(i) < prev) corr += prev;
        prev = F(i);
      }
      if (right < prev) corr += prev;
      result += corr;
    }
    setF(out, isRate ? result / (w.range / 1000) : result);
  };
}

/**
 * Wraps changes/resets for an `anchored` range: the single most recent sample at or before
 * the range start (of either type) is kept as the baseline with every sample after the
 * start; there is no result without a sample after the start.
 */
export function anchoredWindow(fn: RangeFn): RangeFn {
  return (w, out, a) => {
    let fAfter = w.fLo;
    while (fAfter < w.fHi && w.ft[fAfter]! <= w.start) fAfter++;
    let hAfter = w.hLo;
    while (hAfter < w.hHi && w.ht[hAfter]! <= w.start) hAfter++;
    if (fAfter === w.fHi && hAfter === w.hHi) return;
    const lastF = fAfter > w.fLo ? w.ft[fAfter - 1]! : -Infinity;
    const lastH = hAfter > w.hLo ? w.ht[hAfter - 1]! : -Infinity;
    const [fLo, hLo] = [w.fLo, w.hLo];
    w.fLo = fAfter;
    w.hLo = hAfter;
    if (lastF !== -Infinity && lastF >= lastH) w.fLo = fAfter - 1;
    else if (lastH !== -Infinity) w.hLo = hAfter - 1;
    fn(w, out, a);
    w.fLo = fLo;
    w.hLo = hLo;
  };
}

/** Functions that keep the metric name of their input. */
export const KEEPS_NAME = new Set(['last_over_time', 'first_over_time', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join']);
