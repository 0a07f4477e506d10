import { EpimetheusError } from '../errors/index.js';
import { labelsKey, METRIC_NAME } from '../model/index.js';
import type { FloatHistogram, Label, Labels } from '../model/index.js';
import type { BinaryExpr, BinaryOp, VectorMatching } from './ast.js';
import { isComparison, isSetOp } from './checker.js';
import type { Evaluator, Steps } from './evaluator.js';
import { combineHistograms, compactHistogram, HistogramMismatchError, scaleHistogram } from './histogram-math.js';
import { trimHistogram } from './histogram-trim.js';
import { CounterResetHint } from '../model/index.js';
import { newStepSeries, setFloat, setHist } from './values.js';
import type { EvalValue, StepScalar, StepSeries, StepVector } from './values.js';

/** Applies a float binary operator. Comparisons return 1 or 0. */
export function floatOp(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return goMod(a, b);
    case '^':
      return Math.pow(a, b);
    case 'atan2':
      return Math.atan2(a, b);
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    default:
      return NaN;
  }
}

/** Go's math.Mod: result has the sign of `a`. */
function goMod(a: number, b: number): number {
  return a % b;
}

/** Result of one element operation: kind 0 drop, 1 float, 2 histogram. */
interface ElemOut {
  kind: 0 | 1 | 2;
  f: number;
  h: FloatHistogram | undefined;
}

/**
 * Computes `lhs op rhs` for two samples, where either side may be a histogram.
 * Returns kind 0 when the combination is undefined (the sample is dropped).
 */
function elemOp(
  ev: Evaluator,
  e: BinaryExpr,
  lf: number,
  lh: FloatHistogram | undefined,
  rf: number,
  rh: FloatHistogram | undefined,
  out: ElemOut,
): void {
  const op = e.op;
  out.h = undefined;
  if (!lh && !rh && op !== '>/' && op !== '</') {
    out.kind = 1;
    out.f = floatOp(op, lf, rf);
    return;
  }
  out.kind = 0;
  const pos = e.pos.start;
  const incompatible = (): void =>
    ev.info(`incompatible sample types encountered for binary operator "${op}": ${lh ? 'histogram' : 'float'} ${op} ${rh ? 'histogram' : 'float'}`, pos);
  if (!lh && !rh) return incompatible();
  if (!lh && rh) {
    if (op !== '*') return incompatible();
    out.kind = 2;
    out.h = compactHistogram(scaleHistogram(rh, lf));
    return;
  }
  if (lh && !rh) {
    if (op === '*' || op === '/') {
      out.kind = 2;
      out.h = compactHistogram(op === '/' && rf === 0 ? divHistByZero(lh) : scaleHistogram(lh, op === '*' ? rf : 1 / rf));
      return;
    }
    if (op === '</' || op === '>/') {
      out.kind = 2;
      out.h = trimHistogram(lh, rf, op === '</');
      return;
    }
    return incompatible();
  }
  // Both histograms.
  if (op === '+' || op === '-') {
    try {
      const r = combineHistograms(lh!, rh!, op === '+' ? 1 : -1);
      if (r.reconciled) ev.info(`mismatched custom buckets were reconciled during ${op === '+' ? 'addition' : 'subtraction'}`, pos);
      if (r.collision) ev.warn(`conflicting counter resets during histogram ${op === '+' ? 'addition' : 'subtraction'}`, pos);
      const h = compactHistogram(r.h);
      if (op === '-') h.counterResetHint = CounterResetHint.Gauge;
      out.kind = 2;
      out.h = h;
    } catch (err) {
      if (!(err instanceof HistogramMismatchError)) throw err;
      ev.warn('vector contains a mix of histograms with exponential and custom buckets schemas for metric name ""', pos);
    }
    return;
  }
  if (op === '==' || op === '!=') {
    out.kind = 1;
    out.f = (op === '==') === histEqual(lh!, rh!) ? 1 : 0;
    out.h = lh;
    return;
  }
  incompatible();
}

/** Division by zero keeps only count, sum and zero count (all infinite or NaN), as Prometheus. */
function divHistByZero(h: FloatHistogram): FloatHistogram {
  const r = scaleHistogram(h, 1);
  r.count /= 0;
  r.sum /= 0;
  r.zeroCount /= 0;
  r.positiveBuckets = [];
  r.negativeBuckets = [];
  r.positiveSpans = [];
  r.negativeSpans = [];
  return r;
}

function histEqual(a: FloatHistogram, b: FloatHistogram): boolean {
  const x = compactHistogram(a);
  const y = compactHistogram(b);
  return (
    x.schema === y.schema &&
    x.count === y.count &&
    (x.sum === y.sum || (Number.isNaN(x.sum) && Number.isNaN(y.sum))) &&
    x.zeroThreshold === y.zeroThreshold &&
    x.zeroCount === y.zeroCount &&
    JSON.stringify([x.positiveSpans, x.positiveBuckets, x.negativeSpans, x.negativeBuckets, x.customValues ?? []]) ===
      JSON.stringify([y.positiveSpans, y.positiveBuckets, y.negativeSpans, y.negativeBuckets, y.customValues ?? []])
  );
}

/** Evaluates a binary expression. */
export function evalBinary(ev: Evaluator, e: BinaryExpr, steps: Steps): EvalValue {
  const l = ev.eval(e.lhs, steps);
  const r = ev.eval(e.rhs, steps);
  if (l.kind === 'scalar' && r.kind === 'scalar') {
    const vals = new Float64Array(steps.n);
    for (let i = 0; i < steps.n; i++) vals[i] = floatOp(e.op, l.vals[i]!, r.vals[i]!);
    return { kind: 'scalar', vals };
  }
  if (l.kind === 'vector' && r.kind === 'scalar') return vectorScalar(ev, e, l, r, false, steps);
  if (l.kind === 'scalar' && r.kind === 'vector') return vectorScalar(ev, e, r, l, true, steps);
  if (l.kind !== 'vector' || r.kind !== 'vector') throw new EpimetheusError('internal', 'binary operands must be vectors or scalars');
  const m = e.matching!;
  switch (e.op) {
    case 'and':
      return setAnd(l, r, m, steps, false);
    case 'unless':
      return setAnd(l, r, m, steps, true);
    case 'or':
      return setOr(l, r, m, steps);
    default:
      return vectorVector(ev, e, l, r, m, steps);
  }
}

function vectorScalar(ev: Evaluator, e: BinaryExpr, v: StepVector, s: StepScalar, swap: boolean, steps: Steps): StepVector {
  const cmp = isComparison(e.op);
  const drop = (!cmp && e.op !== '</' && e.op !== '>/') || e.returnBool;
  const out: StepSeries[] = [];
  const o: ElemOut = { kind: 0, f: 0, h: undefined };
  for (const x of v.series) {
    const r = newStepSeries(x.labels, steps.n, x.dropName || drop);
    let any = false;
    for (let i = 0; i < steps.n; i++) {
      const p = x.present[i]!;
      if (p === 0) continue;
      const xf = x.vals[i]!;
      const xh = p === 2 ? x.hists![i] : undefined;
      const sv = s.vals[i]!;
      if (swap) elemOp(ev, e, sv, undefined, xf, xh, o);
      else elemOp(ev, e, xf, xh, sv, undefined, o);
      if (o.kind === 0) continue;
      if (cmp) {
        if (e.returnBool) {
          if (o.kind !== 1) continue;
          setFloat(r, i, o.f);
        } else if (o.f !== 0 && o.kind === 1) {
          if (xh) setHist(r, i, xh);
          else setFloat(r, i, xf);
        } else continue;
      } else if (o.kind === 1) setFloat(r, i, o.f);
      else setHist(r, i, o.h!);
      any = true;
    }
    if (any) out.push(r);
  }
  return { kind: 'vector', series: out };
}

/** Computes match signatures per series; equal strings mean the series match. */
function signatures(series: StepSeries[], m: VectorMatching): string[] {
  const out: string[] = new Array<string>(series.length);
  if (m.on) {
    const names = [...m.labels].sort();
    for (let k = 0; k < series.length; k++) {
      const ls = series[k]!.labels;
      let s = '';
      for (const n of names) {
        let v = '';
        for (const l of ls) if (l.name === n) v = l.value;
        s += n + '\xff' + v + '\xff';
      }
      out[k] = s;
    }
  } else {
    const skip = new Set(m.labels);
    skip.add(METRIC_NAME);
    for (let k = 0; k < series.length; k++) {
      let s = '';
      for (const l of series[k]!.labels) if (!skip.has(l.name)) s += l.name + '\xff' + l.value + '\xff';
      out[k] = s;
    }
  }
  return out;
}

function sigIds(ls: string[], rs: string[]): { l: Int32Array; r: Int32Array; n: number } {
  const ids = new Map<string, number>();
  const get = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return id;
  };
  const l = Int32Array.from(ls, get);
  const r = Int32Array.from(rs, get);
  return { l, r, n: ids.size };
}

function setAnd(l: StepVector, r: StepVector, m: VectorMatching, steps: Steps, unless: boolean): StepVector {
  const ids = sigIds(signatures(l.series, m), signatures(r.series, m));
  const seen = new Int32Array(ids.n).fill(-1);
  const out: StepSeries[] = l.series.map((s) => ({ ...newStepSeries(s.labels, steps.n, s.dropName) }));
  for (let i = 0; i < steps.n; i++) {
    for (let k = 0; k < r.series.length; k++) if (r.series[k]!.present[i] !== 0) seen[ids.r[k]!] = i;
    for (let k = 0; k < l.series.length; k++) {
      const s = l.series[k]!;
      if (s.present[i] === 0) continue;
      if ((seen[ids.l[k]!] === i) === unless) continue;
      copyPoint(s, out[k]!, i);
    }
  }
  return { kind: 'vector', series: out };
}

function copyPoint(from: StepSeries, to: StepSeries, i: number): void {
  if (from.present[i] === 1) setFloat(to, i, from.vals[i]!);
  else if (from.present[i] === 2) setHist(to, i, from.hists![i]!);
}

function setOr(l: StepVector, r: StepVector, m: VectorMatching, steps: Steps): StepVector {
  const ids = sigIds(signatures(l.series, m), signatures(r.series, m));
  const seen = new Int32Array(ids.n).fill(-1);
  const lo: StepSeries[] = l.series.map((s) => newStepSeries(s.labels, steps.n, s.dropName));
  const ro: StepSeries[] = r.series.map((s) => newStepSeries(s.labels, steps.n, s.dropName));
  for (let i = 0; i < steps.n; i++) {
    for (let k = 0; k < l.series.length; k++) {
      const s = l.series[k]!;
      if (s.present[i] === 0) continue;
      seen[ids.l[k]!] = i;
      copyPoint(s, lo[k]!, i);
    }
    for (let k = 0; k < r.series.length; k++) {
      const s = r.series[k]!;
      if (s.present[i] === 0 || seen[ids.r[k]!] === i) continue;
      copyPoint(s, ro[k]!, i);
    }
  }
  return { kind: 'vector', series: mergeSameLabels([...lo, ...ro]) };
}

/** Merges series that have identical labels and never overlap (e.g. `or` of two selectors). */
function mergeSameLabels(series: StepSeries[]): StepSeries[] {
  const byKey = new Map<string, StepSeries>();
  const out: StepSeries[] = [];
  for (const s of series) {
    const key = labelsKey(s.labels) + (s.dropName ? '\x00d' : '');
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, s);
      out.push(s);
      continue;
    }
    for (let i = 0; i < s.present.length; i++) if (prev.present[i] === 0 && s.present[i] !== 0) copyPoint(s, prev, i);
  }
  return out;
}

function resultLabels(e: BinaryExpr, m: VectorMatching, ls: Labels, rs: Labels): Labels {
  let out: Label[];
  if (m.card === 'one-to-one') {
    if (m.on) out = ls.filter((l) => m.labels.includes(l.name));
    else out = ls.filter((l) => !m.labels.includes(l.name));
  } else out = ls.slice();
  if (m.include.length > 0) {
    for (const name of m.include) {
      const v = rs.find((l) => l.name === name)?.value ?? '';
      out = out.filter((l) => l.name !== name);
      if (v !== '') out.push({ name, value: v });
    }
    out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return out;
}

function dupError(side: 'left' | 'right', sig: Labels, a: Labels, b: Labels): never {
  throw new EpimetheusError(
    'execution',
    `found duplicate series for the match group ${formatMatchGroup(sig)} on the ${side} hand-side of the operation: [${formatMatchGroup(a)}, ${formatMatchGroup(b)}];many-to-many matching not allowed: matching labels must be unique on one side`,
  );
}

function formatMatchGroup(ls: Labels): string {
  return '{' + ls.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ') + '}';
}

function matchGroupLabels(s: Labels, m: VectorMatching): Labels {
  if (m.on) return s.filter((l) => m.labels.includes(l.name));
  return s.filter((l) => l.name !== METRIC_NAME && !m.labels.includes(l.name));
}

function vectorVector(ev: Evaluator, e: BinaryExpr, l: StepVector, r: StepVector, m: VectorMatching, steps: Steps): StepVector {
  const swap = m.card === 'one-to-many';
  const many = swap ? r : l; // the side whose series may repeat a signature
  const one = swap ? l : r;
  const sigs = sigIds(signatures(many.series, m), signatures(one.series, m));
  const manySig = sigs.l;
  const oneSig = sigs.r;
  const oneAt = new Int32Array(sigs.n).fill(-1);
  const oneStep = new Int32Array(sigs.n).fill(-1);
  const manyStep = new Int32Array(sigs.n).fill(-1);
  const manyAt = new Int32Array(sigs.n).fill(-1);
  const cmp = isComparison(e.op);
  const dropName = !cmp || e.returnBool;
  const outIndex = new Map<number, number>();
  const outKeys = new Map<string, number>();
  const out: StepSeries[] = [];
  const lastWrite: number[] = [];
  const manyPresent = new Int32Array(sigs.n).fill(-1);
  const o: ElemOut = { kind: 0, f: 0, h: undefined };
  // Prometheus swaps the operands of group_right before matching and keeps the fill values
  // with the swapped positions: fill_left always fills the many side, fill_right the one side.
  const fillOne = e.fillRight;
  const fillMany = e.fillLeft;
  /** Writes one filled result; `ls`/`rs` are the operand samples (undefined = the fill value). */
  const emitFilled = (labels: Labels, i: number, lv: number, lh: FloatHistogram | undefined, rv: number, rh: FloatHistogram | undefined, keepName: boolean): void => {
    elemOp(ev, e, lv, lh, rv, rh, o);
    if (o.kind === 0) return;
    let kind = o.kind;
    let f = o.f;
    let h = o.h;
    if (cmp && !e.returnBool) {
      if (kind !== 1 || f === 0) return;
      kind = lh ? 2 : 1;
      f = lv;
      h = lh;
    }
    const key = labelsKey(labels);
    let idx = outKeys.get(key);
    if (idx === undefined) {
      idx = out.length;
      out.push(newStepSeries(labels, steps.n, !keepName));
      lastWrite.push(-1);
      outKeys.set(key, idx);
    }
    if (lastWrite[idx] === i) throw new EpimetheusError('execution', 'multiple matches for labels: grouping labels must ensure unique matches');
    lastWrite[idx] = i;
    if (kind === 2) setHist(out[idx]!, i, h!);
    else setFloat(out[idx]!, i, f);
  };
  const nOne = one.series.length;
  for (let i = 0; i < steps.n; i++) {
    for (let k = 0; k < nOne; k++) {
      const s = one.series[k]!;
      if (s.present[i] === 0) continue;
      const sig = oneSig[k]!;
      if (oneStep[sig] === i) {
        const side = swap ? 'left' : 'right';
        dupError(side, matchGroupLabels(s.labels, m), one.series[oneAt[sig]!]!.labels, s.labels);
      }
      oneStep[sig] = i;
      oneAt[sig] = k;
    }
    for (let k = 0; k < many.series.length; k++) {
      const s = many.series[k]!;
      if (s.present[i] === 0) continue;
      const sig = manySig[k]!;
      manyPresent[sig] = i;
      if (oneStep[sig] !== i) continue;
      if (m.card === 'one-to-one') {
        if (manyStep[sig] === i) {
          throw new EpimetheusError('execution', 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
        }
        manyStep[sig] = i;
        manyAt[sig] = k;
      }
      const ok = oneAt[sig]!;
      const os = one.series[ok]!;
      const ls = swap ? os : s;
      const rs = swap ? s : os;
      const lh = ls.present[i] === 2 ? ls.hists![i] : undefined;
      const rh = rs.present[i] === 2 ? rs.hists![i] : undefined;
      elemOp(ev, e, ls.vals[i]!, lh, rs.vals[i]!, rh, o);
      if (o.kind === 0) continue;
      let kind = o.kind;
      let f = o.f;
      let h = o.h;
      if (cmp) {
        if (!e.returnBool) {
          if (kind !== 1 || f === 0) continue;
          kind = lh ? 2 : 1;
          f = ls.vals[i]!;
          h = lh;
        }
      }
      const pairKey = k * (nOne + 1) + ok;
      let idx = outIndex.get(pairKey);
      if (idx === undefined) {
        const labels = resultLabels(e, m, s.labels, os.labels);
        const key = labelsKey(labels);
        idx = outKeys.get(key);
        if (idx === undefined) {
          idx = out.length;
          out.push(newStepSeries(labels, steps.n, dropName || (!cmp ? true : ls.dropName)));
          lastWrite.push(-1);
          outKeys.set(key, idx);
        }
        outIndex.set(pairKey, idx);
      }
      if (lastWrite[idx] === i) {
        throw new EpimetheusError('execution', 'multiple matches for labels: grouping labels must ensure unique matches');
      }
      lastWrite[idx] = i;
      const target = out[idx]!;
      if (kind === 2) setHist(target, i, h!);
      else setFloat(target, i, f);
    }
    if (fillOne !== undefined) {
      for (let k = 0; k < many.series.length; k++) {
        const s = many.series[k]!;
        if (s.present[i] === 0 || oneStep[manySig[k]!] === i) continue;
        const sh = s.present[i] === 2 ? s.hists![i] : undefined;
        const labels = resultLabels(e, m, s.labels, []);
        if (swap) emitFilled(labels, i, fillOne, undefined, s.vals[i]!, sh, false);
        else emitFilled(labels, i, s.vals[i]!, sh, fillOne, undefined, cmp && !e.returnBool && !s.dropName);
      }
    }
    if (fillMany !== undefined) {
      for (let k = 0; k < nOne; k++) {
        const s = one.series[k]!;
        if (s.present[i] === 0 || manyPresent[oneSig[k]!] === i) continue;
        const sh = s.present[i] === 2 ? s.hists![i] : undefined;
        const labels = matchGroupLabels(s.labels, m);
        if (swap) emitFilled(labels, i, s.vals[i]!, sh, fillMany, undefined, false);
        else emitFilled(labels, i, fillMany, undefined, s.vals[i]!, sh, false);
      }
    }
  }
  return { kind: 'vector', series: out };
}

/** Whether the operator is a set operator; re-exported for the function modules. */
export { isSetOp };
