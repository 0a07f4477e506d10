import { EpimetheusError } from '../errors/index.js';
import { getLabel, labelsKey, METRIC_NAME } from '../model/index.js';
import type { FloatHistogram, Label, Labels } from '../model/index.js';
import type { AggregateExpr } from './ast.js';
import type { Evaluator, Steps } from './evaluator.js';
import { CounterResetHint } from '../model/index.js';
import { CUSTOM_SCHEMA, combineHistograms, HistogramMismatchError, scaleHistogram } from './histogram-math.js';
import { formatGoFloat } from './format.js';
import { goQuote, isValidUtf8 } from './lex.js';
import { newStepSeries, setFloat, setHist } from './values.js';
import type { EvalValue, StepSeries, StepVector } from './values.js';

/** Neumaier-compensated addition, as Prometheus's kahanSumInc. */
export function kahanSumInc(inc: number, sum: number, c: number, out: Float64Array): void {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) c = 0;
  else if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  out[0] = t;
  out[1] = c;
}

interface Groups {
  ids: Int32Array;
  labels: Labels[];
  dropName: boolean[];
}

function groupSeries(series: StepSeries[], e: AggregateExpr): Groups {
  const ids = new Int32Array(series.length);
  const labels: Labels[] = [];
  const dropName: boolean[] = [];
  const index = new Map<string, number>();
  const names = new Set(e.grouping);
  for (let k = 0; k < series.length; k++) {
    const s = series[k]!;
    const ls: Label[] = e.without
      ? s.labels.filter((l) => !names.has(l.name) && l.name !== METRIC_NAME)
      : s.labels.filter((l) => names.has(l.name));
    const key = labelsKey(ls);
    let id = index.get(key);
    if (id === undefined) {
      id = labels.length;
      index.set(key, id);
      labels.push(ls);
      dropName.push(false);
    }
    if (s.dropName && !e.without) dropName[id] = true;
    ids[k] = id;
  }
  return { ids, labels, dropName };
}

/** Evaluates an aggregation expression. */
export function evalAggregate(ev: Evaluator, e: AggregateExpr, steps: Steps): EvalValue {
  const v = ev.evalVector(e.expr, steps);
  switch (e.op) {
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio':
      return selectK(ev, e, v, steps);
    case 'count_values':
      return countValues(ev, e, v, steps);
    case 'quantile':
      return quantileAgg(ev, e, v, steps);
    default:
      return simpleAgg(ev, e, v, steps);
  }
}

function metricName(s: StepSeries): string {
  return getLabel(s.labels, METRIC_NAME);
}

function simpleAgg(ev: Evaluator, e: AggregateExpr, v: StepVector, steps: Steps): StepVector {
  const g = groupSeries(v.series, e);
  const ng = g.labels.length;
  const out = g.labels.map((ls, i) => newStepSeries(ls, steps.n, g.dropName[i]));
  const cnt = new Float64Array(ng);
  const val = new Float64Array(ng);
  const comp = new Float64Array(ng);
  const mean = new Float64Array(ng);
  const incr = new Uint8Array(ng);
  const nf = new Float64Array(ng);
  const nh = new Float64Array(ng);
  const hs: (FloatHistogram | undefined)[] = new Array<FloatHistogram | undefined>(ng);
  const bad = new Uint8Array(ng);
  const resets = new Uint8Array(ng);
  const tmp = new Float64Array(2);
  const op = e.op;
  for (let i = 0; i < steps.n; i++) {
    cnt.fill(0);
    val.fill(0);
    comp.fill(0);
    mean.fill(0);
    incr.fill(0);
    nf.fill(0);
    nh.fill(0);
    bad.fill(0);
    resets.fill(0);
    hs.fill(undefined);
    for (let k = 0; k < v.series.length; k++) {
      const s = v.series[k]!;
      const p = s.present[i]!;
      if (p === 0) continue;
      const gi = g.ids[k]!;
      const f = s.vals[i]!;
      if (p === 2) {
        nh[gi]!++;
        if (op === 'sum' || op === 'avg') addHist(ev, e, hs, bad, resets, gi, s.hists![i]!, s);
        else if (op !== 'count' && op !== 'group') ev.info(`ignored histogram in ${op} aggregation`, e.pos.start);
        continue;
      }
      nf[gi]!++;
      const c = ++cnt[gi]!;
      switch (op) {
        case 'sum':
          kahanSumInc(f, val[gi]!, comp[gi]!, tmp);
          val[gi] = tmp[0]!;
          comp[gi] = tmp[1]!;
          break;
        case 'avg':
          avgInc(f, c, gi, val, comp, mean, incr, tmp);
          break;
        case 'max':
          if (c === 1 || val[gi]! < f || Number.isNaN(val[gi]!)) val[gi] = f;
          break;
        case 'min':
          if (c === 1 || val[gi]! > f || Number.isNaN(val[gi]!)) val[gi] = f;
          break;
        case 'stddev':
        case 'stdvar': {
          if (c === 1) {
            mean[gi] = f;
            comp[gi] = 0;
            val[gi] = 0;
            break;
          }
          const delta = f - (mean[gi]! + comp[gi]!);
          kahanSumInc(delta / c, mean[gi]!, comp[gi]!, tmp);
          mean[gi] = tmp[0]!;
          comp[gi] = tmp[1]!;
          val[gi] = val[gi]! + delta * (f - (mean[gi]! + comp[gi]!));
          break;
        }
      }
    }
    for (let gi = 0; gi < ng; gi++) {
      const total = nf[gi]! + nh[gi]!;
      if (total === 0) continue;
      const o = out[gi]!;
      if (op === 'count') {
        setFloat(o, i, total);
        continue;
      }
      if (op === 'group') {
        setFloat(o, i, 1);
        continue;
      }
      if ((op === 'sum' || op === 'avg') && nh[gi]! > 0) {
        if (nf[gi]! > 0) {
          ev.warn(`encountered a mix of histograms and floats for metric name ${goQuote(firstName(v, g, gi, i))}`, e.pos.start);
          continue;
        }
        if (bad[gi]) continue;
        let h = hs[gi]!;
        if (op === 'avg') h = scaleHistogram(h, 1 / nh[gi]!);
        h.counterResetHint = resets[gi] ? CounterResetHint.Unknown : h.counterResetHint;
        setHist(o, i, h);
        continue;
      }
      if (nf[gi] === 0) continue;
      const c = cnt[gi]!;
      switch (op) {
        case 'sum':
          setFloat(o, i, val[gi]! + comp[gi]!);
          break;
        case 'avg':
          setFloat(o, i, incr[gi] ? mean[gi]! + comp[gi]! : (val[gi]! + comp[gi]!) / c);
          break;
        case 'max':
        case 'min':
          setFloat(o, i, val[gi]!);
          break;
        case 'stdvar':
          setFloat(o, i, val[gi]! / c);
          break;
        case 'stddev':
          setFloat(o, i, Math.sqrt(val[gi]! / c));
          break;
      }
    }
  }
  return { kind: 'vector', series: out.filter((s) => s.present.some((x) => x !== 0)) };
}

function firstName(v: StepVector, g: Groups, gi: number, i: number): string {
  for (let k = 0; k < v.series.length; k++) {
    if (g.ids[k] === gi && v.series[k]!.present[i] !== 0) return metricName(v.series[k]!);
  }
  return '';
}

function avgInc(
  f: number,
  c: number,
  gi: number,
  val: Float64Array,
  comp: Float64Array,
  mean: Float64Array,
  incr: Uint8Array,
  tmp: Float64Array,
): void {
  if (!incr[gi]) {
    kahanSumInc(f, val[gi]!, comp[gi]!, tmp);
    if (Number.isFinite(tmp[0]!) || Number.isNaN(tmp[0]!) || !Number.isFinite(f)) {
      val[gi] = tmp[0]!;
      comp[gi] = tmp[1]!;
      return;
    }
    incr[gi] = 1;
    mean[gi] = val[gi]! / (c - 1);
    comp[gi] = comp[gi]! / (c - 1);
  }
  const m = mean[gi]!;
  if (!Number.isFinite(m) && !Number.isNaN(m)) {
    if (!Number.isFinite(f) && !Number.isNaN(f) && m > 0 === f > 0) return;
    if (Number.isFinite(f)) return;
  }
  const cur = m + comp[gi]!;
  kahanSumInc(f / c - cur / c, m, comp[gi]!, tmp);
  mean[gi] = tmp[0]!;
  comp[gi] = tmp[1]!;
}

function addHist(
  ev: Evaluator,
  e: AggregateExpr,
  hs: (FloatHistogram | undefined)[],
  bad: Uint8Array,
  resets: Uint8Array,
  gi: number,
  h: FloatHistogram,
  s: StepSeries,
): void {
  if (bad[gi]) return;
  const prev = hs[gi];
  if (!prev) {
    hs[gi] = scaleHistogram(h, 1);
    hs[gi]!.counterResetHint = h.counterResetHint;
    return;
  }
  if (
    (prev.counterResetHint === CounterResetHint.CounterReset && h.counterResetHint === CounterResetHint.NotCounterReset) ||
    (prev.counterResetHint === CounterResetHint.NotCounterReset && h.counterResetHint === CounterResetHint.CounterReset)
  ) {
    ev.warn('conflicting counter resets during histogram aggregation', e.pos.start);
    resets[gi] = 1;
  }
  try {
    const r = combineHistograms(prev, h, 1);
    if (r.reconciled) ev.info('mismatched custom buckets were reconciled during aggregation', e.pos.start);
    r.h.counterResetHint = prev.counterResetHint === h.counterResetHint ? h.counterResetHint : CounterResetHint.Unknown;
    if (prev.counterResetHint === CounterResetHint.Gauge || h.counterResetHint === CounterResetHint.Gauge) {
      r.h.counterResetHint = CounterResetHint.Gauge;
    }
    hs[gi] = r.h;
  } catch (err) {
    if (!(err instanceof HistogramMismatchError)) throw err;
    ev.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${goQuote(metricName(s))}`, e.pos.start);
    bad[gi] = 1;
  }
  void CUSTOM_SCHEMA;
}

function paramAt(ev: Evaluator, e: AggregateExpr, steps: Steps): Float64Array {
  return ev.evalScalar(e.param!, steps).vals;
}

/** Implements topk, bottomk, limitk and limit_ratio: output keeps the input series. */
function selectK(ev: Evaluator, e: AggregateExpr, v: StepVector, steps: Steps): StepVector {
  const ks = paramAt(ev, e, steps);
  const g = groupSeries(v.series, e);
  const out = v.series.map((s) => newStepSeries(s.labels, steps.n, s.dropName));
  const order: number[] = [];
  const members: number[][] = g.labels.map(() => []);
  for (let i = 0; i < steps.n; i++) {
    let k = ks[i]!;
    if (Number.isNaN(k)) {
      throw new EpimetheusError('bad_data', e.op === 'limit_ratio' ? 'Ratio value is NaN' : 'Parameter value is NaN');
    }
    if (e.op === 'limit_ratio') {
      if (k > 1 || k < -1) {
        ev.warn(`ratio value should be between -1 and 1, got ${formatGoFloat(k)}, capping to ${k > 0 ? 1 : -1}`, e.param!.pos.start);
        k = k > 0 ? 1 : -1;
      }
    } else {
      if (k > 9.2e18) k = 9.2e18;
      k = Math.trunc(k);
      if (k < 1) continue;
    }
    for (const m of members) m.length = 0;
    for (let s = 0; s < v.series.length; s++) {
      const p = v.series[s]!.present[i]!;
      if (p === 0) continue;
      if (p === 2 && (e.op === 'topk' || e.op === 'bottomk')) {
        ev.info(`ignored histogram in ${e.op} aggregation`, e.pos.start);
        continue;
      }
      members[g.ids[s]!]!.push(s);
    }
    for (const m of members) {
      let chosen: number[];
      if (e.op === 'limitk') chosen = m.slice(0, k);
      else if (e.op === 'limit_ratio') chosen = m.filter((s) => ratioSelected(v.series[s]!.labels, k));
      else {
        const desc = e.op === 'topk';
        const vals = v.series;
        chosen = m
          .slice()
          .sort((a, b) => {
            const x = vals[a]!.vals[i]!;
            const y = vals[b]!.vals[i]!;
            if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
            if (Number.isNaN(y)) return -1;
            return desc ? y - x : x - y;
          })
          .slice(0, k);
      }
      for (const s of chosen) {
        const src = v.series[s]!;
        if (src.present[i] === 2) setHist(out[s]!, i, src.hists![i]!);
        else setFloat(out[s]!, i, src.vals[i]!);
        if (steps.n === 1) order.push(s);
      }
    }
  }
  if (steps.n === 1) return { kind: 'vector', series: order.map((s) => out[s]!) };
  return { kind: 'vector', series: out.filter((s) => s.present.some((x) => x !== 0)) };
}

/** Deterministic per-series sampling for limit_ratio, from a hash of the labels. */
function ratioSelected(ls: Labels, ratio: number): boolean {
  const key = labelsKey(ls);
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  const r = h / 4294967296;
  return ratio >= 0 ? r < ratio : r >= 1 + ratio;
}

function countValues(ev: Evaluator, e: AggregateExpr, v: StepVector, steps: Steps): StepVector {
  const param = ev.eval(e.param!, steps);
  const label = param.kind === 'string' ? param.value : '';
  if (!isValidUtf8(label) || label === '') throw new EpimetheusError('bad_data', `invalid label name ${goQuote(label)}`);
  const g = groupSeries(v.series, e);
  const out = new Map<string, StepSeries>();
  for (let i = 0; i < steps.n; i++) {
    for (let k = 0; k < v.series.length; k++) {
      const s = v.series[k]!;
      const p = s.present[i]!;
      if (p === 0) continue;
      const value = p === 1 ? formatGoFloat(s.vals[i]!) : JSON.stringify(s.hists![i]);
      const base = g.labels[g.ids[k]!]!.filter((l) => l.name !== label);
      const ls = [...base, { name: label, value }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const key = labelsKey(ls);
      let o = out.get(key);
      if (!o) {
        o = newStepSeries(ls, steps.n);
        out.set(key, o);
      }
      setFloat(o, i, (o.present[i] === 1 ? o.vals[i]! : 0) + 1);
    }
  }
  return { kind: 'vector', series: [...out.values()] };
}

/** Prometheus's quantile over a set of values (NaN sorts first). */
export function quantileOf(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  values.sort((a, b) => (Number.isNaN(a) ? -1 : Number.isNaN(b) ? 1 : a - b));
  const n = values.length;
  const rank = q * (n - 1);
  const lo = Math.max(0, Math.floor(rank));
  const hi = Math.min(n - 1, lo + 1);
  const w = rank - Math.floor(rank);
  return values[lo]! * (1 - w) + values[hi]! * w;
}

function quantileAgg(ev: Evaluator, e: AggregateExpr, v: StepVector, steps: Steps): StepVector {
  const qs = paramAt(ev, e, steps);
  const g = groupSeries(v.series, e);
  const out = g.labels.map((ls, i) => newStepSeries(ls, steps.n, g.dropName[i]));
  const buf: number[][] = g.labels.map(() => []);
  for (let i = 0; i < steps.n; i++) {
    const q = qs[i]!;
    if (Number.isNaN(q) || q < 0 || q > 1) {
      ev.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, e.param!.pos.start);
    }
    for (const b of buf) b.length = 0;
    for (let k = 0; k < v.series.length; k++) {
      const s = v.series[k]!;
      if (s.present[i] === 1) buf[g.ids[k]!]!.push(s.vals[i]!);
      else if (s.present[i] === 2) ev.info('ignored histogram in quantile aggregation', e.pos.start);
    }
    for (let gi = 0; gi < buf.length; gi++) if (buf[gi]!.length > 0) setFloat(out[gi]!, i, quantileOf(q, buf[gi]!));
  }
  return { kind: 'vector', series: out.filter((s) => s.present.some((x) => x !== 0)) };
}
