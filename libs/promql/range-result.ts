import { EpimetheusError } from '../errors/index.js';
import { compareLabels } from '../model/index.js';
import type { FloatHistogram, Labels } from '../model/index.js';
import type { MatrixSeries } from './engine.js';
import type { StepSeries } from './values.js';

const NO_TIMES = new Float64Array(0);

/**
 * The series of a range query's result, sorted by labels: `series[k]` under `metrics[k]` (its
 * labels once names are dropped), series whose metrics became equal merged into one, which
 * fails when two of them have a point at the same step. Equal metrics are found by sorting,
 * not by a string key per series, and the points of all series share one pair of arrays.
 * @throws EpimetheusError (execution) on a duplicate label set at one step.
 */
export function rangeResult(series: readonly StepSeries[], metrics: readonly Labels[], times: Float64Array): MatrixSeries[] {
  const order = Array.from(series.keys()).sort((a, b) => compareLabels(metrics[a]!, metrics[b]!) || a - b);
  const runs: StepSeries[] = [];
  const runMetrics: Labels[] = [];
  let floats = 0;
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && compareLabels(metrics[order[i]!]!, metrics[order[j]!]!) === 0) j++;
    const s = j === i + 1 ? series[order[i]!]! : merge(order.slice(i, j).map((k) => series[k]!));
    for (let t = 0; t < s.present.length; t++) if (s.present[t] === 1) floats++;
    runs.push(s);
    runMetrics.push(metrics[order[i]!]!);
    i = j;
  }
  const ts = new Float64Array(floats);
  const vs = new Float64Array(floats);
  let at = 0;
  const out: MatrixSeries[] = [];
  for (let r = 0; r < runs.length; r++) {
    const s = runs[r]!;
    const start = at;
    let hts: number[] | undefined;
    const hs: FloatHistogram[] = [];
    for (let i = 0; i < s.present.length; i++) {
      if (s.present[i] === 1) {
        ts[at] = times[i]!;
        vs[at++] = s.vals[i]!;
      } else if (s.present[i] === 2) {
        (hts ??= []).push(times[i]!);
        hs.push(s.hists![i]!);
      }
    }
    if (at === start && hs.length === 0) continue;
    out.push({
      metric: runMetrics[r]!,
      timestamps: ts.subarray(start, at),
      values: vs.subarray(start, at),
      histogramTimestamps: hts ? Float64Array.from(hts) : NO_TIMES,
      histograms: hs,
    });
  }
  return out;
}

/** One series holding the points of `list` (same metric); fails on two points at one step. */
function merge(list: readonly StepSeries[]): StepSeries {
  const first = list[0]!;
  const n = first.present.length;
  const m: StepSeries = { labels: first.labels, vals: first.vals.slice(), present: first.present.slice(), hists: first.hists?.slice(), dropName: false };
  for (let k = 1; k < list.length; k++) {
    const s = list[k]!;
    for (let i = 0; i < n; i++) {
      if (s.present[i] === 0) continue;
      if (m.present[i] !== 0) throw new EpimetheusError('execution', 'vector cannot contain metrics with the same labelset');
      m.present[i] = s.present[i]!;
      m.vals[i] = s.vals[i]!;
      if (s.present[i] === 2) {
        if (!m.hists) m.hists = new Array<FloatHistogram | undefined>(n);
        m.hists[i] = s.hists![i];
      }
    }
  }
  return m;
}
