import type { Label, Labels } from '../model/index.js';
import { METRIC_NAME, compareStrings, formatLabels } from '../model/index.js';
import type { RejectionReason, ValidationLimits } from './limits.js';
import { exemplarProblem } from './exemplar-check.js';
import { histogramProblem } from './histogram-check.js';
import { VALIDATION_FLAGS, rejectionErrorId } from './limits.js';
import type { Exemplar, HistogramSample, Samples, TimeSeries, WriteRequest } from './types.js';

/** Options of one validation run that do not come from the limits. */
export interface ValidationOptions {
  /**
   * Samples older than this (ms) are rejected as `too_old`, e.g. the head's lower bound.
   * @default -Infinity
   */
  minValidTimeMs?: number;
  /** What sets `minValidTimeMs`, named in `too_old` messages. @default 'the ingester head's minimum valid time' */
  minValidTimeSource?: string;
}

/**
 * One reason a series, or some of its samples, were not accepted. Whole-series reasons
 * (labels) drop everything; sample reasons drop only the samples they count.
 */
export interface Rejection {
  /** Index of the series in the request. */
  seriesIndex: number;
  reason: RejectionReason;
  /** Stable id, e.g. `err-epimetheus-max-label-names-per-series`. */
  errorId: string;
  /** Says what was wrong, names the series, the limit and the flag that changes it. */
  message: string;
  /** Float samples dropped for this reason. */
  samples: number;
  /** Histogram samples dropped for this reason. */
  histograms: number;
  /** Exemplars dropped (only when the whole series is). */
  exemplars: number;
}

/** Outcome of validating a request. */
export interface ValidationResult {
  /**
   * Series to store, in request order: labels sorted, empty values dropped, invalid
   * samples removed. Unchanged series are the request's own objects.
   */
  accepted: TimeSeries[];
  rejections: Rejection[];
  /**
   * True when the accepted series are exactly what the body encoded: nothing rejected,
   * dropped or re-sorted (by the decoder or here), so the original bytes can be forwarded.
   */
  unchanged: boolean;
}

/** Longest rendering of a series inside a message, in characters. */
const MAX_SERIES_TEXT = 512;

/**
 * Validates every series of `req` against `limits` at time `nowMs` (ms). Never throws
 * for bad data: invalid series and samples come back as `rejections` so the valid rest
 * can be stored. Does not modify `req`.
 */
export function validateWriteRequest(
  req: WriteRequest,
  limits: Readonly<ValidationLimits>,
  nowMs: number,
  options: ValidationOptions = {},
): ValidationResult {
  const accepted: TimeSeries[] = [];
  const rejections: Rejection[] = [];
  let unchanged = true;
  const ctx = context(limits, nowMs, options);
  for (let i = 0; i < req.timeseries.length; i++) {
    const s = req.timeseries[i]!;
    const out = check(s, i, ctx, rejections);
    if (out !== s || s.labelsUnsorted) unchanged = false;
    if (out !== undefined) accepted.push(out);
  }
  return { accepted, rejections, unchanged };
}

/**
 * Validates one series (see `validateWriteRequest`). Returns the series to store (the
 * same object when nothing changed) or undefined, and the rejections with `seriesIndex` 0.
 */
export function validateSeries(
  series: TimeSeries,
  limits: Readonly<ValidationLimits>,
  nowMs: number,
  options: ValidationOptions = {},
): { series: TimeSeries | undefined; rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const out = check(series, 0, context(limits, nowMs, options), rejections);
  return { series: out, rejections };
}

interface Context {
  limits: Readonly<ValidationLimits>;
  maxTime: number;
  minTime: number;
  minTimeSource: string;
  /** Label sets known to be sorted, without empty values and valid under these label limits. */
  validLabels: WeakSet<Labels>;
}

/**
 * Label sets that passed the label checks, per combination of the limits those checks read. The
 * decoder hands out the same `Labels` array for a series each time it is sent again (see
 * `LabelsCache`), so a series' labels are checked once rather than with every sample. Weak: a
 * label set no longer used anywhere is forgotten with it. `Labels` arrays are never modified.
 */
const validLabelsByLimits = new Map<string, WeakSet<Labels>>();

function validLabelsFor(limits: Readonly<ValidationLimits>): WeakSet<Labels> {
  const key = `${limits.utf8Names}|${limits.maxLabelNameLength}|${limits.maxLabelValueLength}|${limits.maxMetricNameLength}|${limits.maxLabelNamesPerSeries}`;
  let set = validLabelsByLimits.get(key);
  if (set === undefined) {
    if (validLabelsByLimits.size >= 64) validLabelsByLimits.clear();
    set = new WeakSet();
    validLabelsByLimits.set(key, set);
  }
  return set;
}

function context(limits: Readonly<ValidationLimits>, nowMs: number, o: ValidationOptions): Context {
  return {
    limits,
    maxTime: nowMs + limits.creationGracePeriodMs,
    minTime: o.minValidTimeMs ?? -Infinity,
    minTimeSource: o.minValidTimeSource ?? "the ingester head's minimum valid time",
    validLabels: validLabelsFor(limits),
  };
}

function check(s: TimeSeries, index: number, ctx: Context, out: Rejection[]): TimeSeries | undefined {
  let labels = s.labels;
  if (!ctx.validLabels.has(labels)) {
    labels = normalizeLabels(s.labels);
    const bad = checkLabels(labels, ctx);
    if (bad !== undefined) {
      out.push({
        seriesIndex: index,
        reason: bad.reason,
        errorId: rejectionErrorId(bad.reason),
        message: `${bad.message}; series: ${seriesText(labels)} (${rejectionErrorId(bad.reason)})`,
        samples: s.samples.timestamps.length,
        histograms: s.histograms.length,
        exemplars: s.exemplars.length,
      });
      return undefined;
    }
    if (labels === s.labels) ctx.validLabels.add(labels);
  }
  const before = out.length;
  const samples = filterSamples(s.samples, ctx, index, labels, out);
  const histograms = filterHistograms(s.histograms, ctx, index, labels, out);
  const exemplars = filterExemplars(s.exemplars, ctx, index, labels, out);
  if (labels === s.labels && out.length === before) return s;
  const had = s.samples.timestamps.length + s.histograms.length + s.exemplars.length;
  if (had > 0 && samples.timestamps.length + histograms.length + exemplars.length === 0) return undefined;
  return { ...s, labels, samples, histograms, exemplars };
}

/** Sorts by name and drops empty values; returns `labels` itself when already so. */
function normalizeLabels(labels: Labels): Labels {
  let ok = true;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l.value === '' || (i > 0 && compareStrings(labels[i - 1]!.name, l.name) > 0)) {
      ok = false;
      break;
    }
  }
  if (ok) return labels;
  return labels.filter((l) => l.value !== '').sort((a, b) => compareStrings(a.name, b.name));
}

interface LabelProblem {
  reason: RejectionReason;
  message: string;
}

function checkLabels(labels: Labels, ctx: Context): LabelProblem | undefined {
  const limits = ctx.limits;
  const name = labels.find((l) => l.name === METRIC_NAME)?.value ?? '';
  if (name === '') {
    return {
      reason: 'missing_metric_name',
      message: 'received a series without a metric name (__name__ label)',
    };
  }
  if (!(limits.utf8Names ? isUtf8Name(name) : isLegacyMetricName(name))) {
    return {
      reason: 'invalid_metric_name',
      message:
        `received a series with an invalid metric name ${quote(name)}: metric names must match ` +
        `[a-zA-Z_:][a-zA-Z0-9_:]* unless ${VALIDATION_FLAGS.utf8Names} is set, which allows any UTF-8 name`,
    };
  }
  if (tooLong(name, limits.maxMetricNameLength)) {
    return tooLongProblem(
      'metric_name_too_long',
      'metric name',
      name,
      limits.maxMetricNameLength,
      'maxMetricNameLength',
    );
  }
  if (labels.length > limits.maxLabelNamesPerSeries) {
    return {
      reason: 'max_label_names_per_series',
      message:
        `received a series with ${labels.length} labels, over the limit of ${limits.maxLabelNamesPerSeries} ` +
        `labels per series; raise ${VALIDATION_FLAGS.maxLabelNamesPerSeries} to accept it`,
    };
  }
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const problem = checkLabel(l, limits);
    if (problem !== undefined) return problem;
    if (i > 0 && labels[i - 1]!.name === l.name) {
      return {
        reason: 'duplicate_label_names',
        message: `received a series with the label name ${quote(labels[i]!.name)} more than once`,
      };
    }
  }
  return undefined;
}

function checkLabel(l: Label, limits: Readonly<ValidationLimits>): LabelProblem | undefined {
  if (!(limits.utf8Names ? isUtf8Name(l.name) : isLegacyLabelName(l.name))) {
    return {
      reason: 'invalid_label',
      message:
        `received a series with an invalid label name ${quote(l.name)}: label names must match ` +
        `[a-zA-Z_][a-zA-Z0-9_]* unless ${VALIDATION_FLAGS.utf8Names} is set, which allows any UTF-8 name`,
    };
  }
  if (tooLong(l.name, limits.maxLabelNameLength)) {
    return tooLongProblem(
      'label_name_too_long',
      'label name',
      l.name,
      limits.maxLabelNameLength,
      'maxLabelNameLength',
    );
  }
  if (tooLong(l.value, limits.maxLabelValueLength)) {
    return tooLongProblem(
      'label_value_too_long',
      `value of label ${quote(l.name)}`,
      l.value,
      limits.maxLabelValueLength,
      'maxLabelValueLength',
    );
  }
  return undefined;
}

function tooLongProblem(
  reason: RejectionReason,
  what: string,
  s: string,
  limit: number,
  key: keyof ValidationLimits,
): LabelProblem {
  return {
    reason,
    message:
      `received a series whose ${what} ${quote(truncate(s, 64))} is ${Buffer.byteLength(s)} bytes long, ` +
      `over the limit of ${limit} bytes; raise ${VALIDATION_FLAGS[key]} to accept it`,
  };
}

/** Whether `s` has more than `limit` UTF-8 bytes, without encoding it in the common case. */
function tooLong(s: string, limit: number): boolean {
  if (s.length > limit) return true; // UTF-8 never has fewer bytes than UTF-16 units
  if (s.length * 3 <= limit) return false;
  return Buffer.byteLength(s, 'utf8') > limit;
}

/**
 * Label names already seen to match the legacy pattern. A fleet uses few distinct names, and
 * the decoder hands out one string per name and request, whose hash V8 keeps: a set lookup is
 * cheaper than a character scan. Cleared when it grows past 4,096 names.
 */
const legacyLabelNames = new Set<string>();

function isLegacyLabelName(s: string): boolean {
  if (legacyLabelNames.has(s)) return true;
  if (!scanLegacyLabelName(s)) return false;
  if (legacyLabelNames.size >= 4096) legacyLabelNames.clear();
  legacyLabelNames.add(s);
  return true;
}

function scanLegacyLabelName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

function isLegacyMetricName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A non-empty string that is valid Unicode (decoded input always is; hand-built may not be). */
function isUtf8Name(s: string): boolean {
  return s.length > 0 && !LONE_SURROGATE.test(s);
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n)}…`;
}

/** The series as Prometheus prints it, shortened for messages. */
export function seriesText(labels: Labels): string {
  return truncate(formatLabels(labels), MAX_SERIES_TEXT);
}

/** Per-reason drop counts of one series' samples. */
interface Drops {
  invalid: number;
  firstInvalid: string;
  old: number;
  future: number;
  order: number;
  firstOld: number;
  firstFuture: number;
  firstOrder: number;
  prevOrder: number;
}

function newDrops(): Drops {
  return {
    invalid: 0,
    firstInvalid: '',
    old: 0,
    future: 0,
    order: 0,
    firstOld: 0,
    firstFuture: 0,
    firstOrder: 0,
    prevOrder: 0,
  };
}

/** Classifies timestamp `t` after `prev` (the last kept one): 0 keep, else counts the drop. */
function judge(t: number, prev: number, ctx: Context, d: Drops): boolean {
  if (t > ctx.maxTime) {
    if (d.future++ === 0) d.firstFuture = t;
    return false;
  }
  if (t < ctx.minTime) {
    if (d.old++ === 0) d.firstOld = t;
    return false;
  }
  if (t <= prev) {
    if (d.order++ === 0) {
      d.firstOrder = t;
      d.prevOrder = prev;
    }
    return false;
  }
  return true;
}

function filterSamples(s: Samples, ctx: Context, index: number, labels: Labels, out: Rejection[]): Samples {
  const ts = s.timestamps;
  const { minTime, maxTime } = ctx;
  let prev = -Infinity;
  let i = 0;
  for (; i < ts.length; i++) {
    const t = ts[i]!;
    if (t > maxTime || t < minTime || t <= prev) break;
    prev = t;
  }
  if (i === ts.length) return s; // the common case: nothing to drop, nothing allocated
  const d = newDrops();
  const keep: number[] = [];
  for (let j = 0; j < i; j++) keep.push(j);
  for (; i < ts.length; i++) {
    const t = ts[i]!;
    if (judge(t, prev, ctx, d)) {
      prev = t;
      keep.push(i);
    }
  }
  reportDrops(d, ctx, index, labels, 'samples', out);
  return pick(s, keep);
}

function pick(s: Samples, keep: number[]): Samples {
  const timestamps = new Float64Array(keep.length);
  const values = new Float64Array(keep.length);
  const st = s.startTimestamps;
  const startTimestamps = st === undefined ? undefined : new Float64Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k]!;
    timestamps[k] = s.timestamps[i]!;
    values[k] = s.values[i]!; // typed array to typed array: NaN payloads are kept
    if (startTimestamps !== undefined) startTimestamps[k] = st![i]!;
  }
  return startTimestamps === undefined ? { timestamps, values } : { timestamps, values, startTimestamps };
}

function filterHistograms(
  hs: readonly HistogramSample[],
  ctx: Context,
  index: number,
  labels: Labels,
  out: Rejection[],
): readonly HistogramSample[] {
  if (hs.length === 0) return hs;
  const d = newDrops();
  let prev = -Infinity;
  let kept: HistogramSample[] | undefined;
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i]!;
    const problem = histogramProblem(h);
    if (problem !== undefined) {
      if (d.invalid++ === 0) d.firstInvalid = `at ${iso(h.timestamp)}: ${problem}`;
      kept ??= hs.slice(0, i);
    } else if (judge(h.timestamp, prev, ctx, d)) {
      prev = h.timestamp;
      kept?.push(h);
    } else kept ??= hs.slice(0, i);
  }
  if (kept === undefined) return hs;
  reportDrops(d, ctx, index, labels, 'histograms', out);
  return kept;
}

function filterExemplars(
  es: readonly Exemplar[],
  ctx: Context,
  index: number,
  labels: Labels,
  out: Rejection[],
): readonly Exemplar[] {
  if (es.length === 0) return es;
  const valid = ctx.limits.utf8Names ? isUtf8Name : isLegacyLabelName;
  let kept: Exemplar[] | undefined;
  let first = '';
  for (let i = 0; i < es.length; i++) {
    const problem = exemplarProblem(es[i]!, valid);
    if (problem === undefined) kept?.push(es[i]!);
    else {
      if (kept === undefined) {
        kept = es.slice(0, i);
        first = `at ${iso(es[i]!.timestamp)}: ${problem}`;
      }
    }
  }
  if (kept === undefined) return es;
  const n = es.length - kept.length;
  const id = rejectionErrorId('invalid_exemplar');
  out.push({
    seriesIndex: index,
    reason: 'invalid_exemplar',
    errorId: id,
    message: `received ${n} invalid exemplar(s) (first ${first}); series: ${seriesText(labels)} (${id})`,
    samples: 0,
    histograms: 0,
    exemplars: n,
  });
  return kept;
}

function reportDrops(
  d: Drops,
  ctx: Context,
  index: number,
  labels: Labels,
  kind: 'samples' | 'histograms',
  out: Rejection[],
): void {
  const series = seriesText(labels);
  const add = (reason: RejectionReason, n: number, what: string): void => {
    const id = rejectionErrorId(reason);
    out.push({
      seriesIndex: index,
      reason,
      errorId: id,
      message: `${what}; series: ${series} (${id})`,
      samples: kind === 'samples' ? n : 0,
      histograms: kind === 'histograms' ? n : 0,
      exemplars: 0,
    });
  };
  const noun = kind === 'samples' ? 'sample' : 'histogram sample';
  if (d.invalid > 0) {
    add(
      'invalid_native_histogram',
      d.invalid,
      `received ${d.invalid} malformed native histogram sample(s) (first ${d.firstInvalid})`,
    );
  }
  if (d.future > 0) {
    add(
      'too_far_in_future',
      d.future,
      `received ${d.future} ${noun}(s) too far in the future (first at ${iso(d.firstFuture)}, more than ` +
        `${duration(ctx.limits.creationGracePeriodMs)} past the receiver's clock); raise ${VALIDATION_FLAGS.creationGracePeriodMs} to accept them`,
    );
  }
  if (d.old > 0) {
    add(
      'too_old',
      d.old,
      `received ${d.old} ${noun}(s) too old (first at ${iso(d.firstOld)}, before ${iso(ctx.minTime)}, ` +
        `set by ${ctx.minTimeSource})`,
    );
  }
  if (d.order > 0) {
    add(
      'sample_out_of_order',
      d.order,
      `received ${d.order} ${noun}(s) out of order within the request (first at ${iso(d.firstOrder)}, not after ` +
        `the previous one at ${iso(d.prevOrder)}); senders must send each series' samples in timestamp order`,
    );
  }
}

/** Renders milliseconds the way flags take durations: `10m`, `1h30m`, `45s`, `250ms`. */
function duration(ms: number): string {
  if (ms % 1000 !== 0 || ms === 0) return `${ms}ms`;
  let s = ms / 1000;
  let out = '';
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (s >= size) {
      out += `${Math.floor(s / size)}${unit}`;
      s %= size;
    }
  }
  return out;
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms}ms` : d.toISOString();
}
