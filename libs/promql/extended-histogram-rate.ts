import { CounterResetHint } from '../model/index.js';
import type { FloatHistogram } from '../model/index.js';
import { combineHistograms, compactHistogram, CUSTOM_SCHEMA, detectReset, HistogramMismatchError, scaleHistogram } from './histogram-math.js';
import { searchFirst, type Annotator, type RangeOut, type Window } from './range-functions.js';

/**
 * rate/increase/delta of native histograms over an `anchored` or `smoothed` range
 * (experimental), as Prometheus's extendedHistogramRate: boundary histograms are picked or
 * linearly interpolated, then `right - left` plus the counter-reset correction.
 * @throws HistogramMismatchError when exponential and custom buckets meet (caller warns).
 */
export function extendedHistogramRate(w: Window, out: RangeOut, a: Annotator, isCounter: boolean, isRate: boolean, smoothed: boolean): void {
  const n = w.hHi - w.hLo;
  const T = (i: number): number => w.ht[w.hLo + i]!;
  const H = (i: number): FloatHistogram => w.hv[w.hLo + i]!;
  const name = JSON.stringify(w.metricName);
  let last = n - 1;
  const first = Math.max(0, searchFirst(last, (i) => T(i) > w.start) - 1);
  if (smoothed) last = searchFirst(last, (i) => T(i) >= w.end);
  if (T(last) <= w.start) return;
  if (smoothed && T(first) > w.end) return;
  const custom = H(first).schema === CUSTOM_SCHEMA;
  for (let i = first; i <= last; i++) {
    if ((H(i).schema === CUSTOM_SCHEMA) !== custom) {
      a.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${name}`);
      return;
    }
    if (isCounter && H(i).counterResetHint === CounterResetHint.Gauge) a.warn(`this native histogram metric is not a counter: ${name}`);
  }
  const add = (x: FloatHistogram, y: FloatHistogram, sign: 1 | -1): FloatHistogram => {
    const r = combineHistograms(x, y, sign);
    if (r.reconciled) a.info(`mismatched custom buckets were reconciled during ${sign > 0 ? 'addition' : 'subtraction'}`);
    return r.h;
  };
  const interpolate = (i: number, t: number): FloatHistogram => {
    const h1 = H(i);
    const h2 = H(i + 1);
    const f = (t - T(i)) / (T(i + 1) - T(i));
    if (isCounter && detectReset(h1, h2)) return scaleHistogram(h2, f);
    return add(scaleHistogram(add(h2, h1, -1), f), h1, 1);
  };
  try {
    const left = smoothed && T(first) < w.start ? interpolate(first, w.start) : H(first);
    const right = smoothed && last > 0 && T(last) > w.end ? interpolate(last - 1, w.end) : H(last);
    if (!isCounter && (left.counterResetHint !== CounterResetHint.Gauge || right.counterResetHint !== CounterResetHint.Gauge)) {
      a.warn(`this native histogram metric is not a gauge: ${name}`);
    }
    let result = add(right, left, -1);
    if (isCounter) {
      let lo = first + 1;
      let prev = left;
      if (smoothed && T(first) < w.start && detectReset(H(first), H(first + 1))) {
        prev = H(first + 1);
        lo++;
      }
      if (lo <= last) {
        let corr: FloatHistogram | undefined;
        for (let i = lo; i <= last - 1; i++) {
          if (detectReset(prev, H(i))) corr = corr ? add(corr, prev, 1) : prev;
          prev = H(i);
        }
        if (detectReset(prev, right)) corr = corr ? add(corr, prev, 1) : prev;
        if (corr) result = add(result, corr, 1);
      }
    }
    if (isRate) result = scaleHistogram(result, 1000 / w.range);
    result = compactHistogram(result);
    result.counterResetHint = CounterResetHint.Gauge;
    out.kind = 2;
    out.h = result;
  } catch (err) {
    if (!(err instanceof HistogramMismatchError)) throw err;
    a.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${name}`);
  }
}
