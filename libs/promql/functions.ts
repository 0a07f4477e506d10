import { EpimetheusError } from '../errors/index.js';
import { compareLabels, compileAnchored, getLabel, labelsKey, METRIC_NAME, sortLabels } from '../model/index.js';
import type { Label, Labels } from '../model/index.js';
import type { Call, Expr } from './ast.js';
import type { Evaluator, Steps } from './evaluator.js';
import { HISTOGRAM_FUNCTIONS } from './histogram-functions.js';
import { evalInfo } from './info-function.js';
import { goQuote, isValidUtf8 } from './lex.js';
import { anchoredWindow, extendedFloatRate, RANGE_FUNCTIONS } from './range-functions.js';
import type { RangeOut, Window } from './range-functions.js';
import { newStepSeries, setFloat, setHist } from './values.js';
import type { EvalValue, StepSeries, StepVector } from './values.js';

const MATH: Record<string, (x: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sgn: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  deg: (x) => (x * 180) / Math.PI,
  rad: (x) => (x * Math.PI) / 180,
  acos: Math.acos,
  acosh: Math.acosh,
  asin: Math.asin,
  asinh: Math.asinh,
  atan: Math.atan,
  atanh: Math.atanh,
  cos: Math.cos,
  cosh: Math.cosh,
  sin: Math.sin,
  sinh: Math.sinh,
  tan: Math.tan,
  tanh: Math.tanh,
};

const DATE: Record<string, (d: Date) => number> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => {
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    return Math.floor((d.getTime() - start) / 86400000) + 1;
  },
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

/** Evaluates a function call. */
export function evalCall(ev: Evaluator, e: Call, steps: Steps): EvalValue {
  const f = e.func;
  const rf = RANGE_FUNCTIONS[f];
  if (rf) return evalRangeCall(ev, e, steps);
  const m = MATH[f];
  if (m) return mapFloats(ev.evalVector(e.args[0]!, steps), steps, (x) => m(x));
  const d = DATE[f];
  if (d) return evalDate(ev, e, steps, d);
  const hf = HISTOGRAM_FUNCTIONS[f];
  if (hf) return hf(ev, e, steps);
  switch (f) {
    case 'time':
      return { kind: 'scalar', vals: steps.times.map((t) => t / 1000) };
    case 'step':
      return { kind: 'scalar', vals: new Float64Array(steps.n).fill(ev.queryStep / 1000) };
    case 'range':
      return { kind: 'scalar', vals: new Float64Array(steps.n).fill((ev.queryEnd - ev.queryStart) / 1000) };
    case 'start':
      return { kind: 'scalar', vals: new Float64Array(steps.n).fill(ev.queryStart / 1000) };
    case 'end':
      return { kind: 'scalar', vals: new Float64Array(steps.n).fill(ev.queryEnd / 1000) };
    case 'min_of':
    case 'max_of': {
      const a = ev.evalScalar(e.args[0]!, steps).vals;
      const b = ev.evalScalar(e.args[1]!, steps).vals;
      const vals = new Float64Array(steps.n);
      for (let i = 0; i < steps.n; i++) vals[i] = f === 'min_of' ? goMin(a[i]!, b[i]!) : goMax(a[i]!, b[i]!);
      return { kind: 'scalar', vals };
    }
    case 'pi':
      return { kind: 'scalar', vals: new Float64Array(steps.n).fill(Math.PI) };
    case 'vector': {
      const s = ev.evalScalar(e.args[0]!, steps);
      const out = newStepSeries([], steps.n);
      out.vals.set(s.vals);
      out.present.fill(1);
      return { kind: 'vector', series: [out] };
    }
    case 'scalar':
      return evalScalarFn(ev, e, steps);
    case 'timestamp':
      return evalTimestamp(ev, e, steps);
    case 'start_timestamp':
      return evalStartTimestamp(ev, e, steps);
    case 'absent':
      return evalAbsent(ev, e, steps);
    case 'absent_over_time':
      return evalAbsentOverTime(ev, e, steps);
    case 'round': {
      const to = e.args[1] ? ev.evalScalar(e.args[1], steps).vals : undefined;
      return mapFloats(ev.evalVector(e.args[0]!, steps), steps, (x, i) => {
        const inv = 1 / (to ? to[i]! : 1);
        return Math.floor(x * inv + 0.5) / inv;
      });
    }
    case 'clamp':
    case 'clamp_min':
    case 'clamp_max':
      return evalClamp(ev, e, steps);
    case 'label_replace':
      return labelReplace(ev, e, steps);
    case 'info':
      return evalInfo(ev, e, steps);
    case 'label_join':
      return labelJoin(ev, e, steps);
    case 'sort':
    case 'sort_desc':
    case 'sort_by_label':
    case 'sort_by_label_desc':
      return evalSort(ev, e, steps);
    default:
      throw new EpimetheusError('bad_data', `function "${f}" is not supported`);
  }
}

/** Applies a float function to every float sample; histograms are dropped. Drops the name. */
function mapFloats(v: StepVector, steps: Steps, fn: (x: number, i: number) => number): StepVector {
  const out: StepSeries[] = [];
  for (const s of v.series) {
    const r = newStepSeries(s.labels, steps.n, true);
    let any = false;
    for (let i = 0; i < steps.n; i++) {
      if (s.present[i] !== 1) continue;
      setFloat(r, i, fn(s.vals[i]!, i));
      any = true;
    }
    if (any) out.push(r);
  }
  return { kind: 'vector', series: out };
}

function evalDate(ev: Evaluator, e: Call, steps: Steps, fn: (d: Date) => number): StepVector {
  if (e.args.length === 0) {
    const out = newStepSeries([], steps.n);
    for (let i = 0; i < steps.n; i++) setFloat(out, i, fn(new Date(steps.times[i]!)));
    return { kind: 'vector', series: [out] };
  }
  return mapFloats(ev.evalVector(e.args[0]!, steps), steps, (x) => (Number.isFinite(x) ? fn(new Date(x * 1000)) : NaN));
}

function evalClamp(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const v = ev.evalVector(e.args[0]!, steps);
  const a = ev.evalScalar(e.args[1]!, steps).vals;
  const b = e.args[2] ? ev.evalScalar(e.args[2], steps).vals : undefined;
  const out: StepSeries[] = [];
  for (const s of v.series) {
    const r = newStepSeries(s.labels, steps.n, true);
    for (let i = 0; i < steps.n; i++) {
      if (s.present[i] !== 1) continue;
      const x = s.vals[i]!;
      if (e.func === 'clamp_min') setFloat(r, i, Math.max(a[i]!, x));
      else if (e.func === 'clamp_max') setFloat(r, i, Math.min(a[i]!, x));
      else if (!(b![i]! < a[i]!)) setFloat(r, i, Math.max(a[i]!, Math.min(b![i]!, x)));
    }
    out.push(r);
  }
  return { kind: 'vector', series: out };
}

function goMin(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
}

function goMax(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
}

function evalScalarFn(ev: Evaluator, e: Call, steps: Steps): EvalValue {
  const v = ev.evalVector(e.args[0]!, steps);
  const vals = new Float64Array(steps.n).fill(NaN);
  for (let i = 0; i < steps.n; i++) {
    let n = 0;
    let x = NaN;
    for (const s of v.series) {
      if (s.present[i] !== 1) continue;
      n++;
      x = s.vals[i]!;
    }
    vals[i] = n === 1 ? x : NaN;
  }
  return { kind: 'scalar', vals };
}

function unwrap(e: Expr): Expr {
  while (e.type === 'ParenExpr' || e.type === 'StepInvariantExpr') e = e.expr;
  return e;
}

function evalTimestamp(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const arg = unwrap(e.args[0]!);
  if (arg.type === 'VectorSelector') {
    const v = ev.evalVectorSelectorTimestamps(arg, steps);
    for (const s of v.series) s.dropName = true;
    return v;
  }
  const v = ev.evalVector(e.args[0]!, steps);
  const out: StepSeries[] = [];
  for (const s of v.series) {
    const r = newStepSeries(s.labels, steps.n, true);
    for (let i = 0; i < steps.n; i++) if (s.present[i] !== 0) setFloat(r, i, steps.times[i]! / 1000);
    out.push(r);
  }
  return { kind: 'vector', series: out };
}

/**
 * `start_timestamp(v)` (experimental): the start timestamp of each selected sample, in
 * seconds. Only a plain selector knows start timestamps; for any other argument, or with
 * `use-start-timestamps` off, the result is empty, as in Prometheus.
 */
function evalStartTimestamp(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const arg = unwrap(e.args[0]!);
  if (arg.type !== 'VectorSelector') {
    ev.evalVector(e.args[0]!, steps);
    return { kind: 'vector', series: [] };
  }
  const v = ev.evalVectorSelectorStartTimestamps(arg, steps);
  for (const s of v.series) s.dropName = true;
  return v;
}

/** Labels `absent` reports: the equality matchers of a plain selector. */
function absentLabels(arg: Expr): Labels {
  const e = unwrap(arg);
  const vs = e.type === 'VectorSelector' ? e : e.type === 'MatrixSelector' ? e.vs : undefined;
  if (!vs) return [];
  const out = new Map<string, string>();
  const has = new Set<string>();
  for (const m of vs.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !has.has(m.name)) {
      out.set(m.name, m.value);
      has.add(m.name);
    } else out.delete(m.name);
  }
  return sortLabels([...out].map(([name, value]): Label => ({ name, value })));
}

function evalAbsent(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const v = ev.evalVector(e.args[0]!, steps);
  const out = newStepSeries(absentLabels(e.args[0]!), steps.n, false);
  for (let i = 0; i < steps.n; i++) {
    if (!v.series.some((s) => s.present[i] !== 0)) setFloat(out, i, 1);
  }
  return { kind: 'vector', series: [out] };
}

function evalAbsentOverTime(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const present = evalRangeCall(ev, { ...e, func: 'present_over_time' }, steps);
  const out = newStepSeries(absentLabels(e.args[0]!), steps.n, false);
  for (let i = 0; i < steps.n; i++) {
    if (!present.series.some((s) => s.present[i] !== 0)) setFloat(out, i, 1);
  }
  return { kind: 'vector', series: [out] };
}

const KEEP_NAME = new Set(['last_over_time', 'first_over_time']);

function evalRangeCall(ev: Evaluator, e: Call, steps: Steps): StepVector {
  let fn = RANGE_FUNCTIONS[e.func]!;
  const mi = e.args.findIndex((a) => (a.type === 'StepInvariantExpr' ? a.expr : a).type !== 'NumberLiteral' && isMatrixArg(a));
  const matrixArg = e.args[mi]!;
  const scalars = e.args.map((a, i) => (i === mi ? undefined : ev.evalScalar(a, steps).vals));
  const mat = ev.evalMatrix(matrixArg, steps);
  checkExtended(e, matrixArg);
  const ms = unwrap(matrixArg);
  const anchored = ms.type === 'MatrixSelector' && ms.anchored;
  const smoothed = ms.type === 'MatrixSelector' && ms.smoothed;
  // Anchored and smoothed ranges also see one lookback before (and, smoothed, after) the range.
  const extLo = anchored || smoothed ? ev.st.lookback : 0;
  const extHi = smoothed ? ev.st.lookback : 0;
  if ((anchored || smoothed) && ['rate', 'increase', 'delta'].includes(e.func)) {
    fn = extendedFloatRate(e.func !== 'delta', e.func === 'rate', smoothed);
  } else if (anchored && (e.func === 'changes' || e.func === 'resets')) fn = anchoredWindow(fn);
  const w: Window = {
    ft: [],
    fv: [],
    fLo: 0,
    fHi: 0,
    ht: [],
    hv: [],
    hLo: 0,
    hHi: 0,
    start: 0,
    end: 0,
    stepT: 0,
    range: mat.range,
    args: [],
    metricName: '',
  };
  const out: RangeOut = { kind: 0, f: 0, h: undefined };
  const pos = unwrap(matrixArg).pos.start;
  const ann = { warn: (m: string) => ev.warn(m, pos), info: (m: string) => ev.info(m, pos), warnCounted: (m: string) => ev.warnCounted(m, pos) };
  const keep = KEEP_NAME.has(e.func);
  const res: StepSeries[] = [];
  const windowTotals = new Float64Array(steps.n);
  const counterCheck = e.func === 'rate' || e.func === 'increase';
  const hasScalars = scalars.some((sc) => sc !== undefined);
  const counterName = new MemoTest(COUNTER_SUFFIX);
  for (const s of mat.series) {
    ev.checkDeadline();
    w.ft = s.ft;
    w.fv = s.fv;
    w.ht = s.ht;
    w.hv = s.hv;
    w.fst = s.fst;
    w.hst = s.hst;
    w.metricName = getLabel(s.labels, METRIC_NAME);
    const r = newStepSeries(s.labels, steps.n, keep ? s.dropName : true);
    let fLo = 0;
    let fHi = 0;
    let hLo = 0;
    let hHi = 0;
    let any = false;
    let warnedCounter = !counterCheck || w.metricName === '' || counterName.test(w.metricName);
    for (let i = 0; i < steps.n; i++) {
      const end = mat.ends[i]!;
      const start = end - mat.range;
      if (i > 0 && end < mat.ends[i - 1]!) fLo = fHi = hLo = hHi = 0;
      while (fHi < s.ft.length && s.ft[fHi]! <= end + extHi) fHi++;
      while (fLo < fHi && s.ft[fLo]! <= start - extLo) fLo++;
      while (hHi < s.ht.length && s.ht[hHi]! <= end + extHi) hHi++;
      while (hLo < hHi && s.ht[hLo]! <= start - extLo) hLo++;
      windowTotals[i]! += fHi - fLo + (hHi - hLo) * 8;
      w.fLo = fLo;
      w.fHi = fHi;
      w.hLo = hLo;
      w.hHi = hHi;
      w.start = start;
      w.end = end;
      w.stepT = steps.times[i]!;
      if (hasScalars) {
        w.args.length = 0;
        for (const sc of scalars) if (sc) w.args.push(sc[i]!);
      }
      out.kind = 0;
      fn(w, out, ann);
      if (!warnedCounter && fHi > fLo) {
        warnedCounter = true;
        ev.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(w.metricName)}`, pos);
      }
      const kind = out.kind as number;
      if (kind === 1) setFloat(r, i, out.f);
      else if (kind === 2) setHist(r, i, out.h!);
      else continue;
      any = true;
    }
    if (any) res.push(r);
  }
  let peak = 0;
  for (let i = 0; i < steps.n; i++) if (windowTotals[i]! > peak) peak = windowTotals[i]!;
  ev.countSamples(peak);
  if (e.func === 'quantile_over_time') {
    const q = scalars[0]!;
    for (let i = 0; i < steps.n; i++) {
      const x = q[i]!;
      if ((Number.isNaN(x) || x < 0 || x > 1) && res.length > 0) {
        ev.warn(`quantile value should be between 0 and 1, got ${formatG(x)}`, e.args[0]!.pos.start);
      }
    }
  }
  return { kind: 'vector', series: res };
}

const COUNTER_SUFFIX = /(_total|_sum|_count|_bucket)$/;

/** A regex test that remembers its last input: the series of one selection share a name. */
class MemoTest {
  private last: string | undefined;
  private result = false;

  constructor(private readonly re: RegExp) {}

  test(s: string): boolean {
    if (s !== this.last) {
      this.last = s;
      this.result = this.re.test(s);
    }
    return this.result;
  }
}

function formatG(x: number): string {
  return Number.isNaN(x) ? 'NaN' : String(x);
}

function isMatrixArg(a: Expr): boolean {
  const u = unwrap(a);
  return u.type === 'MatrixSelector' || u.type === 'SubqueryExpr';
}

function checkExtended(e: Call, arg: Expr): void {
  const u = unwrap(arg);
  if (u.type !== 'MatrixSelector') return;
  if (u.smoothed && !['delta', 'increase', 'rate'].includes(e.func)) {
    throw new EpimetheusError('bad_data', `smoothed modifier can only be used with: delta, increase, rate - not with ${e.func}`);
  }
  if (u.anchored && !['changes', 'delta', 'increase', 'rate', 'resets'].includes(e.func)) {
    throw new EpimetheusError('bad_data', `anchored modifier can only be used with: changes, delta, increase, rate, resets - not with ${e.func}`);
  }
}

/** Expands `$1`, `${1}`, `$name` like Go's regexp.Expand. */
function expandTemplate(tpl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < tpl.length; i++) {
    const c = tpl[i]!;
    if (c !== '$' || i === tpl.length - 1) {
      out += c;
      continue;
    }
    const next = tpl[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (next === '{') {
      const close = tpl.indexOf('}', i + 2);
      if (close < 0) {
        out += c;
        continue;
      }
      name = tpl.slice(i + 2, close);
      end = close;
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(tpl.slice(i + 1));
      if (!mm) {
        out += c;
        continue;
      }
      name = mm[0];
      end = i + name.length;
    }
    if (/^\d+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
    i = end;
  }
  return out;
}

function setLabel(ls: Labels, name: string, value: string): Labels {
  const out = ls.filter((l) => l.name !== name);
  if (value !== '') out.push({ name, value });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function relabel(ev: Evaluator, v: StepVector, steps: Steps, dst: string, fn: (ls: Labels) => Labels | undefined): StepVector {
  const byKey = new Map<string, StepSeries>();
  const out: StepSeries[] = [];
  for (const s of v.series) {
    const ls = fn(s.labels) ?? s.labels;
    const dropName = dst === METRIC_NAME ? false : s.dropName;
    const key = labelsKey(ls) + (dropName ? '\x00' : '');
    const prev = byKey.get(key);
    if (!prev) {
      const r: StepSeries = { ...s, labels: ls, dropName };
      byKey.set(key, r);
      out.push(r);
      continue;
    }
    const merged = newStepSeries(ls, steps.n, dropName);
    for (let i = 0; i < steps.n; i++) {
      const a = prev.present[i]!;
      const b = s.present[i]!;
      if (a !== 0 && b !== 0) throw new EpimetheusError('execution', 'vector cannot contain metrics with the same labelset');
      const src = a !== 0 ? prev : s;
      if (src.present[i] === 1) setFloat(merged, i, src.vals[i]!);
      else if (src.present[i] === 2) setHist(merged, i, src.hists![i]!);
    }
    out[out.indexOf(prev)] = merged;
    byKey.set(key, merged);
  }
  void ev;
  return { kind: 'vector', series: out };
}

function stringArg(ev: Evaluator, e: Expr, steps: Steps): string {
  const v = ev.eval(e, steps);
  return v.kind === 'string' ? v.value : '';
}

function labelReplace(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const v = ev.evalVector(e.args[0]!, steps);
  const [dst, repl, src, regex] = e.args.slice(1).map((a) => stringArg(ev, a, steps)) as [string, string, string, string];
  let re: RegExp;
  try {
    re = compileAnchored(regex);
  } catch (err) {
    throw new EpimetheusError('bad_data', `invalid regular expression in label_replace(): ${regex}`, { cause: err });
  }
  if (!isValidUtf8(dst) || dst === '') throw new EpimetheusError('bad_data', `invalid destination label name in label_replace(): ${dst}`);
  return relabel(ev, v, steps, dst, (ls) => {
    const m = re.exec(getLabel(ls, src));
    if (!m) return undefined;
    return setLabel(ls, dst, expandTemplate(repl, m));
  });
}

function labelJoin(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const v = ev.evalVector(e.args[0]!, steps);
  const strs = e.args.slice(1).map((a) => stringArg(ev, a, steps));
  const [dst, sep] = strs as [string, string];
  const srcs = strs.slice(2);
  if (!isValidUtf8(dst)) throw new EpimetheusError('bad_data', `invalid destination label name in label_join(): ${dst}`);
  for (const s of srcs) if (!isValidUtf8(s)) throw new EpimetheusError('bad_data', `invalid source label name in label_join(): ${s}`);
  return relabel(ev, v, steps, dst, (ls) => setLabel(ls, dst, srcs.map((s) => getLabel(ls, s)).join(sep)));
}

function evalSort(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const v = ev.evalVector(e.args[0]!, steps);
  if (steps.n > 1) {
    ev.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos.start);
    return { kind: 'vector', series: v.series.map((s) => ({ ...s, present: s.present.map((p) => (p === 1 ? 1 : 0)), hists: undefined })) };
  }
  const series = v.series.filter((s) => s.present[0] === 1);
  if (e.func === 'sort' || e.func === 'sort_desc') {
    const desc = e.func === 'sort_desc';
    series.sort((a, b) => {
      const x = a.vals[0]!;
      const y = b.vals[0]!;
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
      if (Number.isNaN(y)) return -1;
      return desc ? y - x : x - y;
    });
    return { kind: 'vector', series };
  }
  const names = e.args.slice(1).map((a) => stringArg(ev, a, steps));
  const desc = e.func === 'sort_by_label_desc';
  series.sort((a, b) => {
    for (const n of names) {
      const c = naturalCompare(getLabel(a.labels, n), getLabel(b.labels, n));
      if (c !== 0) return desc ? -c : c;
    }
    const c = compareLabels(a.labels, b.labels);
    return desc ? -c : c;
  });
  return { kind: 'vector', series };
}

function naturalCompare(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    }
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length;
}
