import { EpimetheusError } from '../errors/index.js';
import { CounterResetHint, getLabel, isStaleNaN, METRIC_NAME } from '../model/index.js';
import type { FloatHistogram, SeriesData } from '../model/index.js';
import type { Expr, MatrixSelector, SubqueryExpr, VectorSelector } from './ast.js';
import { evalAggregate } from './aggregate.js';
import { evalBinary } from './binary.js';
import { evalCall } from './functions.js';
import { combineHistograms, detectReset, HistogramMismatchError, scaleHistogram } from './histogram-math.js';
import { positionString } from './parser.js';
import { startAt } from './start-timestamps.js';
import { dropNamesNow } from './name-removal.js';
import { hasAny, newStepSeries, setFloat, setHist } from './values.js';
import type { EvalValue, RangeSeries, RangeVector, StepScalar, StepSeries, StepVector } from './values.js';

/** Shared stand-ins for a series without histograms (never written). */
const NO_TIMES: readonly number[] = [];
const NO_HISTOGRAMS: readonly FloatHistogram[] = [];

/** Evaluation steps: `n` timestamps from `start` to `end` every `interval` ms. */
export interface Steps {
  start: number;
  end: number;
  interval: number;
  n: number;
  times: Float64Array;
}

/** Builds the step grid of `[start, end]`. */
export function makeSteps(start: number, end: number, interval: number): Steps {
  const n = interval > 0 ? Math.floor((end - start) / interval) + 1 : 1;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = start + i * interval;
  return { start, end, interval, n, times };
}

/** Per-query state shared by every node's evaluation. */
export interface QueryState {
  query: string;
  lookback: number;
  maxSamples: number;
  deadline: number;
  signal: AbortSignal | undefined;
  data: Map<VectorSelector, SeriesData[]>;
  subqueryStep: number;
  warnings: Set<string>;
  /** Warnings Prometheus counts (start-time overlaps), by text: how often each occurred. */
  countedWarnings: Map<string, number>;
  infos: Set<string>;
  /** Peak number of samples counted so far, for stats and the limit. */
  peakSamples: number;
  totalSamples: number;
  /** The outer query's start, end and step (ms), for start(), end(), range(), step(). */
  queryStart: number;
  queryEnd: number;
  queryStep: number;
  /** `use-start-timestamps`: range selectors carry the samples' start timestamps. */
  useStartTimestamps: boolean;
  /** `promql-delayed-name-removal`: drop `__name__` when the query returns, not per node. */
  delayedNameRemoval: boolean;
}

/** The evaluator: one per query, stateless between nodes except for `QueryState`. */
export class Evaluator {
  constructor(readonly st: QueryState) {}

  get queryStart(): number {
    return this.st.queryStart;
  }

  get queryEnd(): number {
    return this.st.queryEnd;
  }

  get queryStep(): number {
    return this.st.queryStep;
  }

  /** Adds a warning annotation positioned at `pos` (a byte offset in the query). */
  warn(msg: string, pos: number): void {
    this.st.warnings.add(`PromQL warning: ${msg} (${positionString(this.st.query, pos).slice(0, -1)})`);
  }

  /**
   * Adds a warning that Prometheus counts rather than deduplicates: once per series and
   * step, rendered with `(N occurrences)` when N > 1 (see `countedWarningTexts`).
   */
  warnCounted(msg: string, pos: number): void {
    const key = `PromQL warning: ${msg}\u0000${positionString(this.st.query, pos).slice(0, -1)}`;
    this.st.countedWarnings.set(key, (this.st.countedWarnings.get(key) ?? 0) + 1);
  }

  /** Adds an info annotation positioned at `pos`. */
  info(msg: string, pos: number): void {
    this.st.infos.add(`PromQL info: ${msg} (${positionString(this.st.query, pos).slice(0, -1)})`);
  }

  /** Throws when the query ran out of time or was cancelled. */
  checkDeadline(): void {
    if (this.st.signal?.aborted) throw new EpimetheusError('canceled', 'query was canceled in query execution');
    if (Date.now() > this.st.deadline) throw new EpimetheusError('timeout', 'query timed out in query execution');
  }

  /** Accounts `n` samples held at once; throws the Prometheus error past the limit. */
  countSamples(n: number): void {
    this.st.totalSamples += n;
    if (n > this.st.peakSamples) this.st.peakSamples = n;
    if (n > this.st.maxSamples) {
      throw new EpimetheusError('execution', 'query processing would load too many samples into memory in query execution', {
        id: 'err-epimetheus-max-samples-per-query',
      });
    }
  }

  /** Evaluates `e` over `steps`. */
  eval(e: Expr, steps: Steps): EvalValue {
    const v = this.evalNode(e, steps);
    return v.kind === 'vector' ? this.dropNames(v) : v;
  }

  private evalNode(e: Expr, steps: Steps): EvalValue {
    this.checkDeadline();
    switch (e.type) {
      case 'NumberLiteral':
        return { kind: 'scalar', vals: new Float64Array(steps.n).fill(e.value) };
      case 'StringLiteral':
        return { kind: 'string', value: e.value };
      case 'ParenExpr':
        return this.eval(e.expr, steps);
      case 'StepInvariantExpr':
        return this.evalStepInvariant(e.expr, steps);
      case 'UnaryExpr':
        return this.evalUnary(e.op, e.expr, steps);
      case 'VectorSelector':
        return this.evalVectorSelector(e, steps);
      case 'MatrixSelector':
        return this.evalMatrixSelector(e, steps);
      case 'SubqueryExpr':
        return this.evalSubquery(e, steps);
      case 'Call':
        return evalCall(this, e, steps);
      case 'AggregateExpr':
        return evalAggregate(this, e, steps);
      case 'BinaryExpr':
        return evalBinary(this, e, steps);
    }
  }

  /** Evaluates and asserts an instant vector. */
  evalVector(e: Expr, steps: Steps): StepVector {
    const v = this.eval(e, steps);
    if (v.kind !== 'vector') throw new EpimetheusError('internal', `expected instant vector, got ${v.kind}`);
    return v;
  }

  /**
   * Like `evalVector` but without eager `__name__` removal at the top node: for a consumer
   * that reads no metadata label, which passes the result to `dropNames` otherwise.
   */
  evalVectorNamed(e: Expr, steps: Steps): StepVector {
    const v = e.type === 'ParenExpr' ? this.evalVectorNamed(e.expr, steps) : this.evalNode(e, steps);
    if (v.kind !== 'vector') throw new EpimetheusError('internal', `expected instant vector, got ${v.kind}`);
    return v;
  }

  /** Eager `__name__` removal as `eval` applies it (nothing with `promql-delayed-name-removal`). */
  dropNames(v: StepVector): StepVector {
    return this.st.delayedNameRemoval ? v : dropNamesNow(v);
  }

  /** Evaluates and asserts a scalar. */
  evalScalar(e: Expr, steps: Steps): StepScalar {
    const v = this.eval(e, steps);
    if (v.kind !== 'scalar') throw new EpimetheusError('internal', `expected scalar, got ${v.kind}`);
    return v;
  }

  /** Evaluates and asserts a range vector. */
  evalMatrix(e: Expr, steps: Steps): RangeVector {
    const v = this.eval(e, steps);
    if (v.kind !== 'matrix') throw new EpimetheusError('internal', `expected range vector, got ${v.kind}`);
    return v;
  }

  private evalStepInvariant(inner: Expr, steps: Steps): EvalValue {
    if (inner.type === 'NumberLiteral' || inner.type === 'StringLiteral' || steps.n === 1) return this.eval(inner, steps);
    const one = makeSteps(steps.start, steps.start, steps.interval);
    const v = this.eval(inner, one);
    if (v.kind === 'scalar') return { kind: 'scalar', vals: new Float64Array(steps.n).fill(v.vals[0]!) };
    if (v.kind !== 'vector') {
      if (v.kind === 'matrix') return { ...v, ends: new Float64Array(steps.n).fill(v.ends[0]!) };
      return v;
    }
    const out: StepSeries[] = [];
    for (const s of v.series) {
      const r = newStepSeries(s.labels, steps.n, s.dropName);
      if (s.present[0] === 1) {
        r.vals.fill(s.vals[0]!);
        r.present.fill(1);
      } else if (s.present[0] === 2) {
        const h = s.hists![0]!;
        r.hists = new Array<FloatHistogram | undefined>(steps.n).fill(h);
        r.present.fill(2);
      }
      out.push(r);
    }
    this.countSamples(out.length * steps.n);
    return { kind: 'vector', series: out };
  }

  private evalUnary(op: '-' | '+', inner: Expr, steps: Steps): EvalValue {
    const v = this.eval(inner, steps);
    if (op === '+') return v;
    if (v.kind === 'scalar') return { kind: 'scalar', vals: v.vals.map((x) => -x) };
    if (v.kind !== 'vector') return v;
    const out: StepSeries[] = [];
    for (const s of v.series) {
      const r = newStepSeries(s.labels, steps.n, true);
      for (let i = 0; i < steps.n; i++) {
        if (s.present[i] === 1) setFloat(r, i, -s.vals[i]!);
        else if (s.present[i] === 2) setHist(r, i, { ...scaleHistogram(s.hists![i]!, -1), counterResetHint: CounterResetHint.Gauge });
      }
      out.push(r);
    }
    return { kind: 'vector', series: out };
  }

  /** The time a selector looks at for step time `t`. */
  private selectorTimes(vs: { at: VectorSelector['at']; offset: number }, steps: Steps): Float64Array {
    const out = new Float64Array(steps.n);
    const at = vs.at?.kind === 'time' ? vs.at.ms : undefined;
    for (let i = 0; i < steps.n; i++) out[i] = (at ?? steps.times[i]!) - vs.offset;
    return out;
  }

  /** Like a vector selector, but each value is the sample's own timestamp in seconds. */
  evalVectorSelectorTimestamps(vs: VectorSelector, steps: Steps): StepVector {
    return this.evalVectorSelector(vs, steps, true);
  }

  /**
   * Like a vector selector, but each value is the sample's start timestamp in seconds (0
   * when unknown); no samples at all unless `use-start-timestamps` is on.
   */
  evalVectorSelectorStartTimestamps(vs: VectorSelector, steps: Steps): StepVector {
    if (!this.st.useStartTimestamps) return { kind: 'vector', series: [] };
    return this.evalVectorSelector(vs, steps, true, true);
  }

  private evalVectorSelector(vs: VectorSelector, steps: Steps, timestamps = false, starts = false): StepVector {
    if (vs.smoothed && !timestamps) return this.evalSmoothedSelector(vs, steps);
    const data = this.st.data.get(vs) ?? [];
    const ts = this.selectorTimes(vs, steps);
    const lookback = this.st.lookback;
    const out: StepSeries[] = [];
    let count = 0;
    for (const sd of data) {
      const s = newStepSeries(sd.labels, steps.n);
      const ft = sd.timestamps;
      const fv = sd.values;
      const ht = sd.histogramTimestamps ?? NO_TIMES;
      const hv = sd.histograms ?? NO_HISTOGRAMS;
      const fst = starts ? sd.startTimestamps?.floats : undefined;
      const hst = starts ? sd.startTimestamps?.histograms : undefined;
      let fi = 0;
      let hi = 0;
      for (let i = 0; i < steps.n; i++) {
        const t = ts[i]!;
        if (i > 0 && t < ts[i - 1]!) {
          fi = 0;
          hi = 0;
        }
        while (fi < ft.length && ft[fi]! <= t) fi++;
        while (hi < ht.length && ht[hi]! <= t) hi++;
        const fT = fi > 0 ? ft[fi - 1]! : -Infinity;
        const hT = hi > 0 ? ht[hi - 1]! : -Infinity;
        if (fT >= hT) {
          if (fT > t - lookback) {
            const v = fv[fi - 1]!;
            if (!isStaleNaN(v)) {
              setFloat(s, i, timestamps ? (starts ? startAt(fst, fi - 1) : fT) / 1000 : v);
              count++;
            }
          }
        } else if (hT > t - lookback) {
          if (timestamps) setFloat(s, i, (starts ? startAt(hst, hi - 1) : hT) / 1000);
          else setHist(s, i, hv[hi - 1]!);
          count++;
        }
      }
      if (hasAny(s)) out.push(s);
    }
    this.countSamples(count);
    return { kind: 'vector', series: out };
  }

  /**
   * A `smoothed` instant selector (experimental): the value at the step time interpolated
   * linearly between the neighbouring samples within one lookback on each side, or the
   * last sample before it. Stale markers are ignored, as in range selections.
   */
  private evalSmoothedSelector(vs: VectorSelector, steps: Steps): StepVector {
    const ts = this.selectorTimes(vs, steps);
    const lb = this.st.lookback;
    const out: StepSeries[] = [];
    for (const sd of this.st.data.get(vs) ?? []) {
      const r = withoutStale(sd);
      const s = newStepSeries(sd.labels, steps.n);
      for (let i = 0; i < steps.n; i++) {
        const t = ts[i]!;
        let lo = 0;
        while (lo < r.ft.length && r.ft[lo]! <= t - lb) lo++;
        let hi = lo;
        while (hi < r.ft.length && r.ft[hi]! <= t + lb) hi++;
        let hl = 0;
        while (hl < r.ht.length && r.ht[hl]! <= t - lb) hl++;
        let hj = hl;
        while (hj < r.ht.length && r.ht[hj]! <= t + lb) hj++;
        if (hi > lo && hj > hl) {
          this.warn(`encountered a mix of histograms and floats for metric name ${JSON.stringify(getLabel(sd.labels, METRIC_NAME))}`, vs.pos.start);
          continue;
        }
        if (hi === lo) {
          if (hj > hl) this.smoothHistogram(r, hl, hj, t, s, i, vs);
          continue;
        }
        let k = lo;
        while (k < hi && r.ft[k]! < t) k++;
        if (k < hi && r.ft[k] === t) setFloat(s, i, r.fv[k]!);
        else if (k > lo && k < hi) {
          const t1 = r.ft[k - 1]!;
          const y1 = r.fv[k - 1]!;
          setFloat(s, i, y1 + ((r.fv[k]! - y1) * (t - t1)) / (r.ft[k]! - t1));
        } else if (k > lo) setFloat(s, i, r.fv[k - 1]!);
      }
      if (hasAny(s)) out.push(s);
    }
    return { kind: 'vector', series: out };
  }

  private smoothHistogram(r: RangeSeries, lo: number, hi: number, t: number, s: StepSeries, i: number, vs: VectorSelector): void {
    let k = lo;
    while (k < hi && r.ht[k]! < t) k++;
    if (k < hi && r.ht[k] === t) return setHist(s, i, r.hv[k]!);
    if (k > lo && k < hi) {
      const h1 = r.hv[k - 1]!;
      const h2 = r.hv[k]!;
      const f = (t - r.ht[k - 1]!) / (r.ht[k]! - r.ht[k - 1]!);
      const isCounter = h1.counterResetHint !== CounterResetHint.Gauge || h2.counterResetHint !== CounterResetHint.Gauge;
      try {
        if ((h1.schema === -53) !== (h2.schema === -53)) throw new HistogramMismatchError('custom-exponential');
        if (isCounter && detectReset(h1, h2)) return setHist(s, i, scaleHistogram(h2, f));
        const d = combineHistograms(h2, h1, -1).h;
        const h = combineHistograms(scaleHistogram(d, f), h1, 1).h;
        return setHist(s, i, h);
      } catch (err) {
        if (!(err instanceof HistogramMismatchError)) throw err;
        this.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${JSON.stringify(getLabel(r.labels, METRIC_NAME))}`, vs.pos.start);
        return;
      }
    }
    if (k > lo) setHist(s, i, { ...r.hv[k - 1]!, counterResetHint: CounterResetHint.Unknown });
  }

  private evalMatrixSelector(ms: MatrixSelector, steps: Steps): RangeVector {
    const data = this.st.data.get(ms.vs) ?? [];
    const series: RangeSeries[] = data.map((sd) => withoutStale(sd, this.st.useStartTimestamps));
    return { kind: 'matrix', series, range: ms.range, ends: this.selectorTimes(ms.vs, steps) };
  }

  private evalSubquery(sq: SubqueryExpr, steps: Steps): RangeVector {
    const step = sq.step > 0 ? sq.step : this.st.subqueryStep;
    const at = sq.at?.kind === 'time' ? sq.at.ms : undefined;
    const outerStart = at ?? steps.start;
    const outerEnd = at ?? steps.end;
    const lo = outerStart - sq.offset - sq.range;
    let start = step * Math.trunc(lo / step);
    if (start <= lo) start += step;
    const end = outerEnd - sq.offset;
    const inner = makeSteps(start, Math.max(start, end), step);
    const series: RangeSeries[] = [];
    if (start <= end) {
      const v = this.evalVector(sq.expr, inner);
      for (const s of v.series) series.push(stepSeriesToRange(s, inner.times));
    }
    return { kind: 'matrix', series, range: sq.range, ends: this.selectorTimes(sq, steps) };
  }
}

/** The final text of counted warnings: `msg (N occurrences) (pos)`, the count only past 1. */
export function countedWarningTexts(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].map(([key, n]) => {
    const [msg, pos] = key.split('\u0000') as [string, string];
    return n > 1 ? `${msg} (${n} occurrences) (${pos})` : `${msg} (${pos})`;
  });
}

/**
 * Drops stale markers; a range vector never contains them. With `starts`, keeps the start
 * timestamps the store returned beside the samples.
 */
function withoutStale(sd: SeriesData, starts = false): RangeSeries {
  const ft = sd.timestamps;
  const fv = sd.values;
  let stale = 0;
  for (let i = 0; i < fv.length; i++) if (isStaleNaN(fv[i]!)) stale++;
  const ht = sd.histogramTimestamps ?? NO_TIMES;
  const hv = sd.histograms ?? NO_HISTOGRAMS;
  const sts = starts ? sd.startTimestamps : undefined;
  if (stale === 0) {
    const r: RangeSeries = { labels: sd.labels, ft, fv, ht, hv, dropName: false };
    return sts ? { ...r, fst: sts.floats, hst: sts.histograms } : r;
  }
  const nt = new Float64Array(fv.length - stale);
  const nv = new Float64Array(fv.length - stale);
  const nst = sts?.floats ? new Float64Array(fv.length - stale) : undefined;
  let k = 0;
  for (let i = 0; i < fv.length; i++) {
    if (isStaleNaN(fv[i]!)) continue;
    if (nst) nst[k] = sts!.floats![i]!;
    nt[k] = ft[i]!;
    nv[k++] = fv[i]!;
  }
  const r: RangeSeries = { labels: sd.labels, ft: nt, fv: nv, ht, hv, dropName: false };
  return sts ? { ...r, fst: nst, hst: sts.histograms } : r;
}

/** Converts a step series into points at the given step times. */
export function stepSeriesToRange(s: StepSeries, times: Float64Array): RangeSeries {
  let nf = 0;
  let nh = 0;
  for (let i = 0; i < s.present.length; i++) {
    if (s.present[i] === 1) nf++;
    else if (s.present[i] === 2) nh++;
  }
  const ft = new Float64Array(nf);
  const fv = new Float64Array(nf);
  const ht = new Float64Array(nh);
  const hv: FloatHistogram[] = [];
  let a = 0;
  let b = 0;
  for (let i = 0; i < s.present.length; i++) {
    if (s.present[i] === 1) {
      ft[a] = times[i]!;
      fv[a++] = s.vals[i]!;
    } else if (s.present[i] === 2) {
      ht[b++] = times[i]!;
      const h = s.hists![i]!;
      // As Prometheus: explicit reset hints are unreliable once a subquery resamples.
      hv.push(h.counterResetHint === CounterResetHint.CounterReset || h.counterResetHint === CounterResetHint.NotCounterReset ? { ...h, counterResetHint: CounterResetHint.Unknown } : h);
    }
  }
  return { labels: s.labels, ft, fv, ht, hv, dropName: s.dropName };
}
