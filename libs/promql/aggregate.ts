import { EpimetheusError } from '../errors/index.js';
import { compareLabels, getLabel, labelsKey, METRIC_NAME } from '../model/index.js';
import type { FloatHistogram, Label, Labels } from '../model/index.js';
import type { AggregateExpr } from './ast.js';
import type { Evaluator, Steps } from './evaluator.js';
import { CounterResetHint } from '../model/index.js';
import { compactHistogram, HistogramMismatchError, histogramString } from './histogram-math.js';
import { averageHistograms, HistogramSum } from './histogram-sum.js';
import { formatGoFloat } from './format.js';
import { labelsHash } from './xxhash.js';
import { goQuote, isValidUtf8 } from './lex.js';
import { isMetadataName, nameDropSafety } from './name-removal.js';
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
  // `by` one label: series whose label is the same object (the head shares them) need no key.
  const single = !e.without && names.size === 1 ? e.grouping[0]! : undefined;
  const byLabel = new Map<Label | undefined, number>();
  for (let k = 0; k < series.length; k++) {
    const s = series[k]!;
    let id: number | undefined;
    let l: Label | undefined;
    if (single !== undefined) {
      for (const x of s.labels) {
        if (x.name === single) {
          l = x;
          break;
        }
      }
      id = byLabel.get(l);
    }
    if (id === undefined) {
      const ls: Label[] = e.without
        ? s.labels.filter((x) => !names.has(x.name) && x.name !== METRIC_NAME)
        : s.labels.filter((x) => names.has(x.name));
      const key = labelsKey(ls);
      id = index.get(key);
      if (id === undefined) {
        id = labels.length;
        index.set(key, id);
        labels.push(ls);
        dropName.push(false);
      }
      if (single !== undefined) byLabel.set(l, id);
    }
    if (s.dropName && !e.without) dropName[id] = true;
    ids[k] = id;
  }
  return { ids, labels, dropName };
}

/** Evaluates an aggregation expression. */
export function evalAggregate(ev: Evaluator, e: AggregateExpr, steps: Steps): EvalValue {
  if (ROW_WISE_OPS.has(e.op) && !e.without && !e.grouping.some(isMetadataName)) return simpleAgg(ev, e, namedInput(ev, e, steps), steps);
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

/**
 * The input of a float aggregation `by` labels other than the metadata ones: eager name
 * removal changes nothing such a group sees, so it is skipped (copying every input series'
 * labels) when it also cannot merge two series, i.e. every series loses the same metadata.
 * Histogram input keeps the removal: its warnings name the (removed) metric name.
 */
function namedInput(ev: Evaluator, e: AggregateExpr, steps: Steps): StepVector {
  const v = ev.evalVectorNamed(e.expr, steps);
  if (v.series.every((s) => s.hists === undefined) && nameDropSafety(v.series) !== 'mixed') return v;
  return ev.dropNames(v);
}

function metricName(s: StepSeries): string {
  return getLabel(s.labels, METRIC_NAME);
}

interface Group {
  seen: boolean;
  f: number;
  mean: number;
  c: number;
  count: number;
  acc: HistogramSum | undefined;
  /** Histograms of an avg group, for the overflow-safe mean. */
  hlist: FloatHistogram[];
  hasFloat: boolean;
  hasHist: boolean;
  incompatible: boolean;
  incrMean: boolean;
  resetSeen: boolean;
  notResetSeen: boolean;
  dropName: boolean;
}

function newGroup(): Group {
  return {
    seen: false,
    f: 0,
    mean: 0,
    c: 0,
    count: 0,
    acc: undefined,
    hlist: [],
    hasFloat: false,
    hasHist: false,
    incompatible: false,
    incrMean: false,
    resetSeen: false,
    notResetSeen: false,
    dropName: false,
  };
}

function noteHint(g: Group, h: FloatHistogram): void {
  if (h.counterResetHint === CounterResetHint.CounterReset) g.resetSeen = true;
  else if (h.counterResetHint === CounterResetHint.NotCounterReset) g.notResetSeen = true;
}

/** Adds `h` into the group's histogram sum; marks the group incompatible on a schema mix. */
function groupAddHist(ev: Evaluator, e: AggregateExpr, g: Group, h: FloatHistogram, s: StepSeries): void {
  if (e.op === 'avg') g.hlist.push(h);
  try {
    g.acc!.add(h);
  } catch (err) {
    if (!(err instanceof HistogramMismatchError)) throw err;
    ev.warn(`vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${goQuote(metricName(s))}`, e.expr.pos.start);
    g.incompatible = true;
  }
}

function initGroup(ev: Evaluator, e: AggregateExpr, g: Group, f: number, h: FloatHistogram | undefined, s: StepSeries): void {
  Object.assign(g, newGroup(), { seen: true, f, mean: f, count: 1, dropName: s.dropName });
  const pos = e.expr.pos.start;
  switch (e.op) {
    case 'sum':
    case 'avg':
      if (!h) g.hasFloat = true;
      else {
        g.acc = new HistogramSum();
        g.acc.add(h);
        g.hlist = [h];
        g.hasHist = true;
        noteHint(g, h);
      }
      break;
    case 'stddev':
    case 'stdvar':
      if (h) {
        g.seen = false;
        ev.info(`ignored histogram in ${e.op} aggregation`, pos);
      } else g.f = Number.isFinite(f) ? 0 : NaN;
      break;
    case 'group':
      g.f = 1;
      break;
    case 'min':
    case 'max':
      if (h) {
        g.seen = false;
        ev.info(`ignored histogram in ${e.op} aggregation`, pos);
      }
      break;
  }
}

function accumulate(ev: Evaluator, e: AggregateExpr, g: Group, f: number, h: FloatHistogram | undefined, s: StepSeries, tmp: Float64Array): void {
  if (g.incompatible) return;
  if (s.dropName) g.dropName = true;
  const pos = e.expr.pos.start;
  switch (e.op) {
    case 'sum':
      if (h) {
        g.hasHist = true;
        if (g.acc) {
          noteHint(g, h);
          groupAddHist(ev, e, g, h, s);
        }
      } else {
        g.hasFloat = true;
        kahanSumInc(f, g.f, g.c, tmp);
        g.f = tmp[0]!;
        g.c = tmp[1]!;
      }
      return;
    case 'avg':
      g.count++;
      if (h) {
        g.hasHist = true;
        if (g.acc) {
          noteHint(g, h);
          groupAddHist(ev, e, g, h, s);
        }
        return;
      }
      g.hasFloat = true;
      if (!g.incrMean) {
        kahanSumInc(f, g.f, g.c, tmp);
        if (tmp[0] !== Infinity && tmp[0] !== -Infinity) {
          g.f = tmp[0]!;
          g.c = tmp[1]!;
          return;
        }
        g.incrMean = true;
        g.mean = g.f / (g.count - 1);
        g.c /= g.count - 1;
      }
      {
        const q = (g.count - 1) / g.count;
        kahanSumInc(f / g.count, q * g.mean, q * g.c, tmp);
        g.mean = tmp[0]!;
        g.c = tmp[1]!;
      }
      return;
    case 'max':
      if (h) return ev.info('ignored histogram in max aggregation', pos);
      if (g.f < f || Number.isNaN(g.f)) g.f = f;
      return;
    case 'min':
      if (h) return ev.info('ignored histogram in min aggregation', pos);
      if (g.f > f || Number.isNaN(g.f)) g.f = f;
      return;
    case 'count':
      g.count++;
      return;
    case 'stddev':
    case 'stdvar': {
      if (h) return ev.info(`ignored histogram in ${e.op} aggregation`, pos);
      g.count++;
      const delta = f - g.mean;
      g.mean += delta / g.count;
      g.f += delta * (f - g.mean);
      return;
    }
    default:
      return;
  }
}

function finishGroup(ev: Evaluator, e: AggregateExpr, g: Group, o: StepSeries, i: number): void {
  const pos = e.expr.pos.start;
  switch (e.op) {
    case 'sum':
    case 'avg':
      if (g.hasFloat && g.hasHist) {
        ev.warn('encountered a mix of histograms and floats for aggregation', pos);
        return;
      }
      if (g.incompatible) return;
      if (g.hasHist) {
        const h = compactHistogram(e.op === 'avg' ? averageHistograms(g.hlist).result() : g.acc!.result());
        if (g.acc!.reconciled) ev.info('mismatched custom buckets were reconciled during aggregation', pos);
        if (g.resetSeen && g.notResetSeen) ev.warn('conflicting counter resets during histogram aggregation', pos);
        setHist(o, i, h);
        return;
      }
      if (e.op === 'sum') setFloat(o, i, g.f + g.c);
      else setFloat(o, i, g.incrMean ? g.mean + g.c : g.f / g.count + g.c / g.count);
      return;
    case 'count':
      setFloat(o, i, g.count);
      return;
    case 'stdvar':
      setFloat(o, i, g.f / g.count);
      return;
    case 'stddev':
      setFloat(o, i, Math.sqrt(g.f / g.count));
      return;
    default:
      setFloat(o, i, g.f);
  }
}

/** Aggregations `simpleAggFloats` computes. */
const ROW_WISE_OPS = new Set(['sum', 'avg', 'count', 'min', 'max', 'group']);

function simpleAgg(ev: Evaluator, e: AggregateExpr, v: StepVector, steps: Steps): StepVector {
  const gs = groupSeries(v.series, e);
  if (ROW_WISE_OPS.has(e.op) && v.series.every((s) => s.hists === undefined)) return simpleAggFloats(e.op, v.series, gs, steps.n);
  const ng = gs.labels.length;
  const out = gs.labels.map((ls) => newStepSeries(ls, steps.n, false));
  const groups: Group[] = gs.labels.map(() => newGroup());
  const tmp = new Float64Array(2);
  for (let i = 0; i < steps.n; i++) {
    for (const g of groups) g.seen = false;
    for (let k = 0; k < v.series.length; k++) {
      const s = v.series[k]!;
      const p = s.present[i]!;
      if (p === 0) continue;
      const g = groups[gs.ids[k]!]!;
      const h = p === 2 ? s.hists![i] : undefined;
      const f = p === 1 ? s.vals[i]! : 0;
      if (!g.seen) initGroup(ev, e, g, f, h, s);
      else accumulate(ev, e, g, f, h, s, tmp);
    }
    for (let gi = 0; gi < ng; gi++) {
      const g = groups[gi]!;
      if (!g.seen) continue;
      finishGroup(ev, e, g, out[gi]!, i);
      if (g.dropName) out[gi]!.dropName = true;
    }
  }
  return { kind: 'vector', series: out.filter((s): s is StepSeries => s !== undefined) };
}

/**
 * `simpleAgg` for float-only input: the same arithmetic in the same order per group and step,
 * but walking each input series once (series outer, steps inner) over flat per-group state.
 * Reading step `i` of every series in turn touched a different array each time.
 */
function simpleAggFloats(op: string, series: StepSeries[], gs: Groups, n: number): StepVector {
  const ng = gs.labels.length;
  const f = new Float64Array(ng * n);
  const c = new Float64Array(ng * n);
  const count = new Float64Array(ng * n);
  const mean = op === 'avg' ? new Float64Array(ng * n) : c;
  const incr = new Uint8Array(op === 'avg' ? ng * n : 0);
  const dropName = new Uint8Array(ng);
  for (let k = 0; k < series.length; k++) {
    const s = series[k]!;
    const base = gs.ids[k]! * n;
    const present = s.present;
    const vals = s.vals;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (present[i] === 0) continue;
      any = true;
      const x = vals[i]!;
      const j = base + i;
      const seen = count[j]!;
      count[j] = seen + 1;
      if (seen === 0) {
        f[j] = op === 'group' ? 1 : x;
        continue;
      }
      switch (op) {
        case 'sum':
          sumInto(f, c, j, x);
          break;
        case 'avg':
          avgInto(f, c, mean, incr, j, x, seen + 1);
          break;
        case 'max':
          if (f[j]! < x || Number.isNaN(f[j]!)) f[j] = x;
          break;
        case 'min':
          if (f[j]! > x || Number.isNaN(f[j]!)) f[j] = x;
          break;
      }
    }
    if (any && s.dropName) dropName[gs.ids[k]!] = 1;
  }
  const out: StepSeries[] = [];
  for (let g = 0; g < ng; g++) {
    const o = newStepSeries(gs.labels[g]!, n, dropName[g] === 1);
    let any = false;
    for (let i = 0; i < n; i++) {
      const j = g * n + i;
      const cnt = count[j]!;
      if (cnt === 0) continue;
      any = true;
      if (op === 'sum') setFloat(o, i, f[j]! + c[j]!);
      else if (op === 'avg') setFloat(o, i, incr[j] === 1 ? mean[j]! + c[j]! : f[j]! / cnt + c[j]! / cnt);
      else if (op === 'count') setFloat(o, i, cnt);
      else setFloat(o, i, f[j]!);
    }
    if (any) out.push(o);
  }
  return { kind: 'vector', series: out };
}

/** `kahanSumInc(x, f[j], c[j])` in place. */
function sumInto(f: Float64Array, c: Float64Array, j: number, x: number): void {
  const sum = f[j]!;
  const t = sum + x;
  if (t === Infinity || t === -Infinity) c[j] = 0;
  else if (Math.abs(sum) >= Math.abs(x)) c[j]! += sum - t + x;
  else c[j]! += x - t + sum;
  f[j] = t;
}

/** One step of `accumulate`'s avg for float `x`, the `cnt`-th sample of the group. */
function avgInto(f: Float64Array, c: Float64Array, mean: Float64Array, incr: Uint8Array, j: number, x: number, cnt: number): void {
  if (incr[j] === 0) {
    const sum = f[j]!;
    const t = sum + x;
    if (t !== Infinity && t !== -Infinity) {
      if (Math.abs(sum) >= Math.abs(x)) c[j]! += sum - t + x;
      else c[j]! += x - t + sum;
      f[j] = t;
      return;
    }
    incr[j] = 1;
    mean[j] = sum / (cnt - 1);
    c[j] = c[j]! / (cnt - 1);
  }
  const q = (cnt - 1) / cnt;
  const m = q * mean[j]!;
  const inc = x / cnt;
  const t = m + inc;
  let cc = q * c[j]!;
  if (t === Infinity || t === -Infinity) cc = 0;
  else if (Math.abs(m) >= Math.abs(inc)) cc += m - t + inc;
  else cc += inc - t + m;
  mean[j] = t;
  c[j] = cc;
}

function paramAt(ev: Evaluator, e: AggregateExpr, steps: Steps): Float64Array {
  return ev.evalScalar(e.param!, steps).vals;
}

/** Implements topk, bottomk, limitk and limit_ratio: output keeps the input series. */
function selectK(ev: Evaluator, e: AggregateExpr, v: StepVector, steps: Steps): StepVector {
  const ks = paramAt(ev, e, steps);
  const g = groupSeries(v.series, e);
  // Output series are made for selected inputs only: topk(5, x) over thousands of series
  // should not allocate thousands of step arrays.
  const out = new Array<StepSeries | undefined>(v.series.length);
  const outFor = (s: number): StepSeries => (out[s] ??= newStepSeries(v.series[s]!.labels, steps.n, v.series[s]!.dropName));
  const order: number[] = [];
  const members: number[][] = g.labels.map(() => []);
  // limitk keeps the first series it meets; topk and bottomk break ties by labels below.
  const byLabels = e.op === 'limitk' ? labelOrder(v.series) : undefined;
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
    for (let j = 0; j < v.series.length; j++) {
      const s = byLabels ? byLabels[j]! : j;
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
        chosen = firstK(m, k, (a, b) => {
          const x = vals[a]!.vals[i]!;
          const y = vals[b]!.vals[i]!;
          if (Number.isNaN(x)) return Number.isNaN(y) ? compareLabels(vals[a]!.labels, vals[b]!.labels) : 1;
          if (Number.isNaN(y)) return -1;
          return (desc ? y - x : x - y) || compareLabels(vals[a]!.labels, vals[b]!.labels);
        });
      }
      for (const s of chosen) {
        const src = v.series[s]!;
        if (src.present[i] === 2) setHist(outFor(s), i, src.hists![i]!);
        else setFloat(outFor(s), i, src.vals[i]!);
        if (steps.n === 1) order.push(s);
      }
    }
  }
  if (steps.n === 1) return { kind: 'vector', series: order.map((s) => out[s]!) };
  return { kind: 'vector', series: out.filter((s): s is StepSeries => s !== undefined) };
}

/**
 * Indices of `series` in label order. Stores hand series over in any order, and limitk keeps
 * the first series it meets (as topk and bottomk keep the earlier one on a tie): in label
 * order they choose the series Prometheus does, whatever the order of the series in the store.
 */
function labelOrder(series: readonly StepSeries[]): number[] {
  const idx = Array.from({ length: series.length }, (_, i) => i);
  for (let k = 1; k < series.length; k++) {
    if (compareLabels(series[k - 1]!.labels, series[k]!.labels) > 0) return idx.sort((a, b) => compareLabels(series[a]!.labels, series[b]!.labels));
  }
  return idx;
}

/**
 * The first `k` of `m` in a stable sort by `cmp`, without sorting all of `m` when `k` is
 * small: an insertion into at most `k` kept entries, ties keeping the earlier entry.
 */
function firstK(m: readonly number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k > 64 || k >= m.length) return m.slice().sort(cmp).slice(0, k);
  const top: number[] = [];
  for (const s of m) {
    let pos = top.length;
    while (pos > 0 && cmp(top[pos - 1]!, s) > 0) pos--;
    if (pos >= k) continue;
    top.splice(pos, 0, s);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Per-series sampling for limit_ratio, from Prometheus's label hash so the same series are picked. */
function ratioSelected(ls: Labels, ratio: number): boolean {
  const r = Number(labelsHash(ls)) / 18446744073709551615;
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
      const value = p === 1 ? formatGoFloat(s.vals[i]!) : histogramString(s.hists![i]!);
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
  return { kind: 'vector', series: out.filter((s): s is StepSeries => s !== undefined) };
}
