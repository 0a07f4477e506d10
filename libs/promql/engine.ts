import { EpimetheusError } from '../errors/index.js';
import { compareLabels, CounterResetHint, labelsKey } from '../model/index.js';
import { detectReset } from './histogram-math.js';
import type { FloatHistogram, Labels, Queryable, SeriesData } from '../model/index.js';
import type { Expr, VectorSelector } from './ast.js';
import { countedWarningTexts, Evaluator, makeSteps } from './evaluator.js';
import type { QueryState, Steps } from './evaluator.js';
import { featuresFromFlags } from './features.js';
import type { PromqlFeatures } from './features.js';
import { parseExpr } from './parser.js';
import { rangeResult } from './range-result.js';
import { markStatsOnly, preprocess, selectorRanges } from './preprocess.js';
import { withoutMetadata } from './name-removal.js';
import type { EvalValue, RangeVector, StepSeries } from './values.js';

/** Engine-wide options. Every field has a default. */
export interface EngineOptions {
  /** How far back an instant selector looks for a sample. @default 300000 (5m) */
  lookbackDeltaMs?: number;
  /** Most samples a query may hold in memory at once. @default 50000000 */
  maxSamples?: number;
  /** Query timeout. @default 120000 (2m) */
  timeoutMs?: number;
  /**
   * Allow experimental functions (mad_over_time, sort_by_label, limitk, ...); shorthand for
   * `features.experimentalFunctions`. @default false
   */
  enableExperimentalFunctions?: boolean;
  /**
   * Prometheus `--enable-feature` names to enable, e.g. `promql-experimental-functions`
   * (see `PROMQL_FEATURE_FLAGS`); names that are not PromQL features are ignored.
   * @default []
   */
  enabledFeatures?: string[];
  /**
   * Experimental features, field by field; a field set here wins over
   * `enableExperimentalFunctions` and `enabledFeatures`. @default DEFAULT_PROMQL_FEATURES
   */
  features?: Partial<PromqlFeatures>;
  /** Step of subqueries written without one (`x[5m:]`). @default 60000 */
  defaultSubqueryStepMs?: number;
  /** Most points a range query may return per series. @default 11000 */
  maxPointsPerSeries?: number;
}

/** Per-query options. */
export interface QueryOptions {
  /** Overrides the engine's lookback delta for this query. */
  lookbackDeltaMs?: number;
  /** Cancels the query when aborted. */
  signal?: AbortSignal;
  /** Overrides the engine's timeout for this query. */
  timeoutMs?: number;
}

/** One sample of an instant vector. */
export interface InstantSample {
  metric: Labels;
  /** Evaluation time, ms. */
  t: number;
  f: number;
  h: FloatHistogram | undefined;
}

/** One series of a range result; float and histogram points kept apart, each sorted by time. */
export interface MatrixSeries {
  metric: Labels;
  timestamps: Float64Array;
  values: Float64Array;
  histogramTimestamps: Float64Array;
  histograms: FloatHistogram[];
}

/** A query result value, shaped like Prometheus's four result types. */
export type Value =
  | { resultType: 'scalar'; t: number; v: number }
  | { resultType: 'string'; t: number; v: string }
  | { resultType: 'vector'; samples: InstantSample[] }
  | { resultType: 'matrix'; series: MatrixSeries[] };

/** Sample counts of an executed query. */
export interface QueryStats {
  /** Largest number of samples held at once. */
  peakSamples: number;
  /** Samples loaded and produced over the whole query. */
  totalSamples: number;
}

/** The outcome of a query: value plus annotations (strings as Prometheus renders them). */
export interface QueryResult {
  value: Value;
  warnings: string[];
  infos: string[];
  stats: QueryStats;
}

interface Resolved {
  lookbackDeltaMs: number;
  maxSamples: number;
  timeoutMs: number;
  features: PromqlFeatures;
  subqueryStep: number;
  maxPoints: number;
}

/**
 * The PromQL engine. Stateless between queries; safe to share. Queries read data only
 * through the `Queryable` they are given.
 */
export class Engine {
  private readonly o: Resolved;

  constructor(opts: EngineOptions = {}) {
    const features = featuresFromFlags(opts.enabledFeatures ?? []).features;
    if (opts.enableExperimentalFunctions !== undefined) features.experimentalFunctions = opts.enableExperimentalFunctions;
    Object.assign(features, definedFields(opts.features ?? {}));
    this.o = {
      lookbackDeltaMs: opts.lookbackDeltaMs ?? 300_000,
      maxSamples: opts.maxSamples ?? 50_000_000,
      timeoutMs: opts.timeoutMs ?? 120_000,
      features,
      subqueryStep: opts.defaultSubqueryStepMs ?? 60_000,
      maxPoints: opts.maxPointsPerSeries ?? 11_000,
    };
  }

  /**
   * Evaluates `expr` at `timeMs`.
   * @throws EpimetheusError: `bad_data` for parse errors, `execution` for limits and
   * evaluation errors, `timeout`, `canceled`, or the Queryable's own errors.
   */
  async instantQuery(q: Queryable, expr: string, timeMs: number, opts: QueryOptions = {}): Promise<QueryResult> {
    return this.run(q, expr, makeSteps(timeMs, timeMs, 0), opts, false);
  }

  /**
   * Evaluates `expr` at every step from `startMs` to `endMs`.
   * @throws EpimetheusError as `instantQuery`, plus `bad_data` for a bad step or too many points.
   */
  async rangeQuery(q: Queryable, expr: string, startMs: number, endMs: number, stepMs: number, opts: QueryOptions = {}): Promise<QueryResult> {
    if (!(stepMs > 0)) throw new EpimetheusError('bad_data', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
    if (endMs < startMs) throw new EpimetheusError('bad_data', 'end timestamp must not be before start time');
    if ((endMs - startMs) / stepMs > this.o.maxPoints) {
      throw new EpimetheusError('bad_data', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
    }
    return this.run(q, expr, makeSteps(startMs, endMs, stepMs), opts, true);
  }

  private async run(q: Queryable, query: string, steps: Steps, opts: QueryOptions, isRange: boolean): Promise<QueryResult> {
    const started = Date.now();
    let expr = parseExpr(query, { features: this.o.features });
    expr = preprocess(expr, steps.start, steps.end, steps.interval);
    markStatsOnly(expr);
    const lookback = opts.lookbackDeltaMs ?? this.o.lookbackDeltaMs;
    const st: QueryState = {
      query,
      lookback,
      maxSamples: this.o.maxSamples,
      deadline: started + (opts.timeoutMs ?? this.o.timeoutMs),
      signal: opts.signal,
      data: await this.fetch(q, expr, steps, lookback, opts),
      subqueryStep: this.o.subqueryStep,
      warnings: new Set(),
      countedWarnings: new Map(),
      infos: new Set(),
      peakSamples: 0,
      totalSamples: 0,
      queryStart: steps.start,
      queryEnd: steps.end,
      queryStep: steps.interval,
      useStartTimestamps: this.o.features.startTimestamps,
      delayedNameRemoval: this.o.features.delayedNameRemoval,
    };
    const ev = new Evaluator(st);
    const v = ev.eval(expr, steps);
    const value = isRange ? toRangeValue(v, steps, expr) : toInstantValue(v, steps);
    return {
      value,
      warnings: [...st.warnings, ...countedWarningTexts(st.countedWarnings)],
      infos: [...st.infos],
      stats: { peakSamples: st.peakSamples, totalSamples: st.totalSamples },
    };
  }

  private async fetch(q: Queryable, expr: Expr, steps: Steps, lookback: number, opts: QueryOptions): Promise<Map<VectorSelector, SeriesData[]>> {
    const fetches = selectorRanges(expr, steps.start, steps.end, steps.interval, lookback, this.o.subqueryStep);
    const data = new Map<VectorSelector, SeriesData[]>();
    if (fetches.length === 0) return data;
    let mint = Infinity;
    let maxt = -Infinity;
    for (const f of fetches) {
      mint = Math.min(mint, f.mint);
      maxt = Math.max(maxt, f.maxt);
    }
    const querier = await q.querier(mint, maxt);
    const results = await Promise.all(fetches.map((f) => querier.select(f.vs.matchers, f.hints)));
    if (opts.signal?.aborted) throw new EpimetheusError('canceled', 'query was canceled in query execution');
    fetches.forEach((f, i) => data.set(f.vs, f.vs.statsOnly ? results[i]!.map(redetectResets) : results[i]!));
    return data;
  }
}

/** Assigns reset hints on the fly, as Prometheus's HistogramStatsIterator does. */
function redetectResets(sd: SeriesData): SeriesData {
  const hv = sd.histograms;
  if (!hv || hv.length < 2) return sd;
  const out: FloatHistogram[] = [hv[0]!];
  for (let i = 1; i < hv.length; i++) {
    const h = hv[i]!;
    if (h.counterResetHint !== CounterResetHint.Unknown) out.push(h);
    else out.push({ ...h, counterResetHint: detectReset(hv[i - 1]!, h) ? CounterResetHint.CounterReset : CounterResetHint.NotCounterReset });
  }
  return { ...sd, histograms: out };
}

/** The fields of `o` that are not undefined. */
function definedFields<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The series' labels without the metadata labels when it drops them. Most such series lost
 * them already (eager name removal): their label array is returned as it is, not copied.
 */
function dropNameLabels(s: StepSeries): Labels {
  return s.dropName ? withoutMetadata(s.labels) : s.labels;
}

function toInstantValue(v: EvalValue, steps: Steps): Value {
  const t = steps.start;
  switch (v.kind) {
    case 'scalar':
      return { resultType: 'scalar', t, v: v.vals[0]! };
    case 'string':
      return { resultType: 'string', t, v: v.value };
    case 'matrix':
      return { resultType: 'matrix', series: rangeToMatrix(v) };
    case 'vector': {
      const samples: InstantSample[] = [];
      const seen = new Set<string>();
      for (const s of v.series) {
        if (s.present[0] === 0) continue;
        const metric = s.dropName ? withoutMetadata(s.labels) : s.labels;
        const key = labelsKey(metric);
        if (seen.has(key)) throw new EpimetheusError('execution', 'vector cannot contain metrics with the same labelset');
        seen.add(key);
        samples.push({ metric, t, f: s.present[0] === 1 ? s.vals[0]! : 0, h: s.present[0] === 2 ? s.hists![0] : undefined });
      }
      return { resultType: 'vector', samples };
    }
  }
}

function rangeToMatrix(v: RangeVector): MatrixSeries[] {
  const out: MatrixSeries[] = [];
  const end = v.ends[0]!;
  const start = end - v.range;
  for (const s of v.series) {
    const ft: number[] = [];
    const fv: number[] = [];
    const ht: number[] = [];
    const hv: FloatHistogram[] = [];
    for (let i = 0; i < s.ft.length; i++) {
      const t = s.ft[i]!;
      if (t > start && t <= end) {
        ft.push(t);
        fv.push(s.fv[i]!);
      }
    }
    for (let i = 0; i < s.ht.length; i++) {
      const t = s.ht[i]!;
      if (t > start && t <= end) {
        ht.push(t);
        hv.push(s.hv[i]!);
      }
    }
    if (ft.length + ht.length === 0) continue;
    const metric = s.dropName ? withoutMetadata(s.labels) : s.labels;
    out.push({
      metric,
      timestamps: Float64Array.from(ft),
      values: Float64Array.from(fv),
      histogramTimestamps: Float64Array.from(ht),
      histograms: hv,
    });
  }
  return out.sort((a, b) => compareLabels(a.metric, b.metric));
}

function toRangeValue(v: EvalValue, steps: Steps, expr: Expr): Value {
  if (v.kind === 'scalar') {
    return { resultType: 'matrix', series: [{ metric: [], timestamps: steps.times.slice(), values: v.vals.slice(), histogramTimestamps: new Float64Array(0), histograms: [] }] };
  }
  if (v.kind !== 'vector') {
    const t = v.kind === 'string' ? 'string' : 'range vector';
    void expr;
    throw new EpimetheusError('bad_data', `invalid expression type "${t}" for range query, must be Scalar or instant Vector`);
  }
  return { resultType: 'matrix', series: rangeResult(v.series, v.series.map(dropNameLabels), steps.times) };
}
