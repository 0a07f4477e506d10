import { EpimetheusError } from '../errors/index.js';
import { getLabel, labelsKey, METRIC_NAME } from '../model/index.js';
import type { FloatHistogram, Labels } from '../model/index.js';
import type { Call } from './ast.js';
import type { Evaluator, Steps } from './evaluator.js';
import { formatGoFloat } from './format.js';
import { kahanSumInc } from './aggregate.js';
import { allBuckets, CUSTOM_SCHEMA } from './histogram-math.js';
import type { BucketView } from './histogram-math.js';
import { goQuote } from './lex.js';

/**
 * The ` for metric name "x"` ending of histogram annotations. Prometheus leaves it out when
 * there is no name, which is always the case without delayed name removal: the functions
 * drop the name before they annotate.
 */
function forMetric(ev: Evaluator, name: string): string {
  return name === '' || !ev.st.delayedNameRemoval ? '' : ` for metric name ${goQuote(name)}`;
}
import { newStepSeries, setFloat } from './values.js';
import type { EvalValue, StepSeries, StepVector } from './values.js';

type HistFn = (ev: Evaluator, e: Call, steps: Steps) => EvalValue;

/** Relative float comparison as Prometheus's `almost.Equal`. */
export function almostEqual(a: number, b: number, eps: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  const minNormal = 2.2250738585072014e-308;
  if (a === 0 || b === 0 || absSum < minNormal) return diff < eps * minNormal;
  return diff / Math.min(absSum, Number.MAX_VALUE) < eps;
}

/** Go's strconv.ParseFloat for bucket bounds; undefined when malformed. */
function parseLe(s: string): number | undefined {
  const t = s.trim();
  if (t === '' || t !== s) return undefined;
  const l = t.toLowerCase().replace(/^\+/, '');
  if (l === 'inf' || l === 'infinity') return t.startsWith('-') ? -Infinity : Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  if (l === 'nan') return NaN;
  if (!/^[+-]?(\d[\d_]*\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) && !/^[+-]?0x[0-9a-f.]+(p[+-]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t.replace(/_/g, ''));
  return Number.isNaN(v) ? undefined : v;
}

interface ClassicBucket {
  upper: number;
  count: number;
}

/** Prometheus's BucketQuantile over classic buckets. Returns value and forced-monotonicity flag. */
export function bucketQuantile(q: number, buckets: ClassicBucket[]): [number, boolean] {
  if (Number.isNaN(q)) return [NaN, false];
  if (q < 0) return [-Infinity, false];
  if (q > 1) return [Infinity, false];
  buckets.sort((a, b) => a.upper - b.upper);
  if (buckets.length === 0 || buckets[buckets.length - 1]!.upper !== Infinity) return [NaN, false];
  const bs: ClassicBucket[] = [];
  for (const b of buckets) {
    const last = bs[bs.length - 1];
    if (last && last.upper === b.upper) last.count += b.count;
    else bs.push({ ...b });
  }
  let forced = false;
  let prev = bs[0]!.count;
  for (let i = 1; i < bs.length; i++) {
    const cur = bs[i]!.count;
    if (cur === prev) continue;
    if (almostEqual(prev, cur, 1e-12)) {
      bs[i]!.count = prev;
      continue;
    }
    if (cur < prev) {
      bs[i]!.count = prev;
      forced = true;
      continue;
    }
    prev = cur;
  }
  if (bs.length < 2) return [NaN, forced];
  const obs = bs[bs.length - 1]!.count;
  if (obs === 0) return [NaN, forced];
  let rank = q * obs;
  let b = 0;
  while (b < bs.length - 1 && !(bs[b]!.count >= rank)) b++;
  if (b === bs.length - 1) return [bs[bs.length - 2]!.upper, forced];
  if (b === 0 && bs[0]!.upper <= 0) return [bs[0]!.upper, forced];
  let start = 0;
  const end = bs[b]!.upper;
  let count = bs[b]!.count;
  if (b > 0) {
    start = bs[b - 1]!.upper;
    count -= bs[b - 1]!.count;
    rank -= bs[b - 1]!.count;
  }
  return [start + (end - start) * (rank / count), forced];
}

/** Native-histogram quantile, as Prometheus's HistogramQuantile. */
export function nativeQuantile(q: number, h: FloatHistogram, onNaN: (kind: 'nan' | 'skew') => void): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (h.count === 0 || Number.isNaN(q)) return NaN;
  const all = allBuckets(h);
  const forward = Number.isNaN(h.sum) || q < 0.5;
  const order = forward ? all : all.slice().reverse();
  let rank = forward ? q * h.count : (1 - q) * h.count;
  let count = 0;
  let bucket: BucketView | undefined;
  let k = 0;
  for (; k < order.length; k++) {
    const b = order[k]!;
    if (b.count === 0) continue;
    bucket = { ...b };
    count += b.count;
    if (count >= rank) break;
  }
  if (!bucket) {
    if (Number.isNaN(h.sum)) onNaN('nan');
    return NaN;
  }
  const custom = h.schema === CUSTOM_SCHEMA;
  const hasNeg = h.negativeBuckets.length > 0;
  const hasPos = h.positiveBuckets.length > 0;
  if (!custom && bucket.lower < 0 && bucket.upper > 0) {
    if (!hasNeg && hasPos) bucket.lower = 0;
    else if (!hasPos && hasNeg) bucket.upper = 0;
  } else if (custom) {
    if (bucket.lower === -Infinity) {
      if (bucket.upper <= 0) return bucket.upper;
      bucket.lower = 0;
    } else if (bucket.upper === Infinity) return bucket.lower;
  }
  if (count > h.count) count = h.count;
  if (count < rank) {
    if (Number.isNaN(h.sum)) {
      onNaN('nan');
      return NaN;
    }
    return bucket.upper;
  }
  if (forward) rank -= count - bucket.count;
  else rank = count - rank;
  if (Number.isNaN(h.sum)) {
    for (k++; k < order.length; k++) count += order[k]!.count;
    if (count < h.count) onNaN('skew');
  }
  const fraction = rank / bucket.count;
  if (custom || (bucket.lower <= 0 && bucket.upper >= 0)) return bucket.lower + (bucket.upper - bucket.lower) * fraction;
  const logLower = Math.log2(Math.abs(bucket.lower));
  const logUpper = Math.log2(Math.abs(bucket.upper));
  if (bucket.lower > 0) return Math.pow(2, logLower + (logUpper - logLower) * fraction);
  return -Math.pow(2, logUpper + (logLower - logUpper) * (1 - fraction));
}

interface Collected {
  natives: { s: StepSeries; h: FloatHistogram }[];
  classic: Map<string, { labels: Labels; name: string; buckets: ClassicBucket[]; dropName: boolean }>;
}

/** Splits one step's input into native histograms and classic bucket groups, as Prometheus's resetHistograms. */
function collect(ev: Evaluator, v: StepVector, i: number, pos: number): Collected {
  const natives: Collected['natives'] = [];
  const classic: Collected['classic'] = new Map();
  for (const s of v.series) {
    const p = s.present[i]!;
    if (p === 0) continue;
    if (p === 2) {
      natives.push({ s, h: s.hists![i]! });
      continue;
    }
    const leStr = getLabel(s.labels, 'le');
    const le = parseLe(leStr);
    if (le === undefined) {
      ev.warn(`bucket label "le" is missing or has a malformed value of ${goQuote(leStr)}${forMetric(ev, getLabel(s.labels, METRIC_NAME))}`, pos);
      continue;
    }
    const labels = s.labels.filter((l) => l.name !== 'le');
    const key = labelsKey(labels);
    let g = classic.get(key);
    if (!g) {
      g = { labels, name: getLabel(s.labels, METRIC_NAME), buckets: [], dropName: s.dropName };
      classic.set(key, g);
    }
    g.buckets.push({ upper: le, count: s.vals[i]! });
  }
  const kept: Collected['natives'] = [];
  for (const n of natives) {
    const key = labelsKey(n.s.labels);
    if (classic.has(key)) {
      ev.warn(`vector contains a mix of classic and native histograms${forMetric(ev, getLabel(n.s.labels, METRIC_NAME))}`, pos);
      classic.delete(key);
      continue;
    }
    kept.push(n);
  }
  return { natives: kept, classic };
}

/** Output series keyed by labels, created on first use. */
class Outputs {
  private readonly byKey = new Map<string, StepSeries>();
  constructor(private readonly n: number) {}
  /** The output series for `labels`; throws if it already has a sample at step `i`. */
  get(labels: Labels, i?: number): StepSeries {
    const key = labelsKey(labels);
    let o = this.byKey.get(key);
    if (!o) {
      o = newStepSeries(labels, this.n, true);
      this.byKey.set(key, o);
    }
    if (i !== undefined && o.present[i] !== 0) throw new EpimetheusError('execution', 'vector cannot contain metrics with the same labelset');
    return o;
  }
  vector(): StepVector {
    return { kind: 'vector', series: [...this.byKey.values()] };
  }
}

function quantileWarn(ev: Evaluator, q: number, pos: number): void {
  if (Number.isNaN(q) || q < 0 || q > 1) ev.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, pos);
}

function quantileInto(ev: Evaluator, c: Collected, q: number, pos: number, i: number, labelsFor: (ls: Labels) => Labels, outs: Outputs): void {
  for (const n of c.natives) {
    const name = getLabel(n.s.labels, METRIC_NAME);
    const val = nativeQuantile(q, n.h, (kind) =>
      ev.info(
        kind === 'nan'
          ? `input to histogram_quantile has NaN observations, result is NaN${forMetric(ev, name)}`
          : `input to histogram_quantile has NaN observations, result is skewed higher${forMetric(ev, name)}`,
        pos,
      ),
    );
    setFloat(outs.get(labelsFor(n.s.labels), i), i, val);
  }
  for (const g of c.classic.values()) {
    if (g.buckets.length === 0) continue;
    const [val, forced] = bucketQuantile(q, g.buckets);
    if (forced) {
      ev.info(
        `input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)${forMetric(ev, g.name)}`,
        pos,
      );
    }
    setFloat(outs.get(labelsFor(g.labels), i), i, val);
  }
}

function histogramQuantile(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const qs = ev.evalScalar(e.args[0]!, steps).vals;
  const v = ev.evalVector(e.args[1]!, steps);
  const pos = e.args[1]!.pos.start;
  const outs = new Outputs(steps.n);
  for (let i = 0; i < steps.n; i++) {
    quantileWarn(ev, qs[i]!, e.args[0]!.pos.start);
    quantileInto(ev, collect(ev, v, i, pos), qs[i]!, pos, i, (ls) => ls, outs);
  }
  return outs.vector();
}

/** FormatOpenMetricsFloat: like Go's %g-style shortest form, with `.0` appended to integers. */
function openMetricsFloat(q: number): string {
  if (Number.isNaN(q)) return 'NaN';
  if (q === Infinity) return '+Inf';
  if (q === -Infinity) return '-Inf';
  const s = String(q);
  return /[.e]/.test(s) ? s : s + '.0';
}

function histogramQuantiles(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const v = ev.evalVector(e.args[0]!, steps);
  const labelArg = ev.eval(e.args[1]!, steps);
  const label = labelArg.kind === 'string' ? labelArg.value : 'quantile';
  const qArgs = e.args.slice(2).map((a) => ({ vals: ev.evalScalar(a, steps).vals, pos: a.pos.start }));
  const pos = e.args[0]!.pos.start;
  const outs = new Outputs(steps.n);
  for (let i = 0; i < steps.n; i++) {
    for (const qa of qArgs) quantileWarn(ev, qa.vals[i]!, qa.pos);
    const c = collect(ev, v, i, pos);
    for (const qa of qArgs) {
      const qs = openMetricsFloat(qa.vals[i]!);
      quantileInto(ev, c, qa.vals[i]!, pos, i, (ls) => [...ls.filter((l) => l.name !== label), { name: label, value: qs }].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)), outs);
    }
  }
  return outs.vector();
}

/** Prometheus's BucketFraction over classic buckets. */
function bucketFraction(lower: number, upper: number, buckets0: ClassicBucket[]): number {
  const sorted = buckets0.slice().sort((a, b) => a.upper - b.upper);
  if (sorted[sorted.length - 1]!.upper !== Infinity) return NaN;
  const bs: ClassicBucket[] = [];
  for (const b of sorted) {
    const last = bs[bs.length - 1];
    if (last && last.upper === b.upper) last.count += b.count;
    else bs.push({ ...b });
  }
  const count = bs[bs.length - 1]!.count;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let lowerBound = bs[0]!.upper <= 0 ? -Infinity : 0;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i]!;
    if (i > 0) lowerBound = bs[i - 1]!.upper;
    const upperBound = b.upper;
    const lin = (x: number): number => (lowerBound === -Infinity ? b.count : rank + ((b.count - rank) * (x - lowerBound)) / (upperBound - lowerBound));
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = lin(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = lin(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = b.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

function histogramFractionFn(ev: Evaluator, e: Call, steps: Steps): StepVector {
  const lo = ev.evalScalar(e.args[0]!, steps).vals;
  const hi = ev.evalScalar(e.args[1]!, steps).vals;
  const v = ev.evalVector(e.args[2]!, steps);
  const pos = e.args[2]!.pos.start;
  const outs = new Outputs(steps.n);
  for (let i = 0; i < steps.n; i++) {
    const c = collect(ev, v, i, pos);
    for (const n of c.natives) {
      const name = getLabel(n.s.labels, METRIC_NAME);
      if (Number.isNaN(n.h.sum) && allBuckets(n.h).reduce((acc, b) => acc + b.count, 0) < n.h.count) {
        ev.info(`input to histogram_fraction has NaN observations, which are excluded from all fractions${forMetric(ev, name)}`, pos);
      }
      setFloat(outs.get(n.s.labels), i, histogramFraction(lo[i]!, hi[i]!, n.h));
    }
    for (const g of c.classic.values()) if (g.buckets.length > 0) setFloat(outs.get(g.labels), i, bucketFraction(lo[i]!, hi[i]!, g.buckets));
  }
  return outs.vector();
}

function mapHistograms(fn: (h: FloatHistogram, args: number[]) => number | undefined, nScalars = 0): HistFn {
  return (ev, e, steps) => {
    const scalars = e.args.slice(0, nScalars).map((a) => ev.evalScalar(a, steps).vals);
    const v = ev.evalVector(e.args[nScalars]!, steps);
    const out: StepSeries[] = [];
    for (const s of v.series) {
      const r = newStepSeries(s.labels, steps.n, true);
      let any = false;
      for (let i = 0; i < steps.n; i++) {
        if (s.present[i] !== 2) continue;
        const x = fn(
          s.hists![i]!,
          scalars.map((sc) => sc[i]!),
        );
        if (x === undefined) continue;
        setFloat(r, i, x);
        any = true;
      }
      if (any) out.push(r);
    }
    return { kind: 'vector', series: out };
  };
}

/** Variance of the observations estimated from bucket midpoints, as Prometheus. */
function histogramVariance(h: FloatHistogram): number {
  const mean = h.sum / h.count;
  let variance = 0;
  let cVariance = 0;
  const tmp = new Float64Array(2);
  for (const b of allBuckets(h)) {
    if (b.count === 0) continue;
    let val: number;
    if (h.schema === CUSTOM_SCHEMA) val = (b.lower + b.upper) / 2;
    else if (b.lower <= 0 && b.upper >= 0) val = 0;
    else {
      val = Math.sqrt(b.upper * b.lower);
      if (b.upper < 0) val = -val;
    }
    const delta = val - mean;
    kahanSumInc(b.count * delta * delta, variance, cVariance, tmp);
    variance = tmp[0]!;
    cVariance = tmp[1]!;
  }
  return (variance + cVariance) / h.count;
}

/** Fraction of observations between lower and upper, as Prometheus's HistogramFraction. */
function histogramFraction(lower: number, upper: number, h: FloatHistogram): number {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  const custom = h.schema === CUSTOM_SCHEMA;
  const hasNeg = h.negativeBuckets.length > 0;
  const hasPos = h.positiveBuckets.length > 0;
  for (const b0 of allBuckets(h)) {
    const b = { ...b0 };
    let zero = false;
    if (b.lower <= 0 && b.upper >= 0) {
      zero = true;
      if (!hasNeg && hasPos) b.lower = 0;
      else if (!hasPos && hasNeg) b.upper = 0;
    }
    const lin = (v: number): number => (b.lower === -Infinity ? b.count : rank + b.count * fractionBelow(b, v, true));
    const exp = (v: number): number => rank + b.count * fractionBelow(b, v, false);
    if (!lowerSet && b.lower >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && b.lower >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && b.lower < lower && b.upper > lower) {
      lowerRank = custom || zero ? lin(lower) : exp(lower);
      lowerSet = true;
    }
    if (!upperSet && b.lower < upper && b.upper > upper) {
      upperRank = custom || zero ? lin(upper) : exp(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += b.count;
  }
  const count = Number.isNaN(h.sum) ? allBuckets(h).reduce((acc, b) => acc + b.count, 0) : h.count;
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / h.count;
}

function fractionBelow(b: BucketView, v: number, linear: boolean): number {
  if (v <= b.lower) return 0;
  if (v >= b.upper) return 1;
  if (linear || (b.lower <= 0 && b.upper >= 0)) return (v - b.lower) / (b.upper - b.lower);
  const lo = Math.log2(Math.abs(b.lower));
  const hi = Math.log2(Math.abs(b.upper));
  const x = Math.log2(Math.abs(v));
  if (b.lower > 0) return (x - lo) / (hi - lo);
  return 1 - (x - hi) / (lo - hi);
}

/** The `histogram_*` functions by name. */
export const HISTOGRAM_FUNCTIONS: Record<string, HistFn> = {
  histogram_quantile: histogramQuantile,
  histogram_count: mapHistograms((h) => h.count),
  histogram_sum: mapHistograms((h) => h.sum),
  histogram_avg: mapHistograms((h) => h.sum / h.count),
  histogram_stdvar: mapHistograms((h) => histogramVariance(h)),
  histogram_stddev: mapHistograms((h) => Math.sqrt(histogramVariance(h))),
  histogram_fraction: histogramFractionFn,
  histogram_quantiles: histogramQuantiles,
};
