import type { Span } from '../model/index.js';
import type { HistogramSample } from './types.js';

/** The schema of native histograms with custom bucket bounds. */
export const CUSTOM_BUCKETS_SCHEMA = -53;

/**
 * Checks that a native histogram sample is well formed, as the TSDB needs it: a known
 * schema, counts of the kind its `isFloat` says, spans whose lengths add up to the
 * bucket counts, no negative or NaN bucket counts, an integer count not below its
 * buckets, and for custom buckets (schema -53) strictly increasing bounds that the
 * spans stay within, with no negative or zero buckets. Returns what is wrong, or
 * undefined. Stale markers (sum = stale NaN, no buckets) pass.
 */
export function histogramProblem(h: HistogramSample): string | undefined {
  const custom = h.schema === CUSTOM_BUCKETS_SCHEMA;
  if (!custom && (h.schema < -4 || h.schema > 8 || !Number.isInteger(h.schema))) {
    return `schema ${h.schema} is not one of -4..8 or ${CUSTOM_BUCKETS_SCHEMA} (custom buckets)`;
  }
  if (
    h.isFloat
      ? h.positiveDeltas.length + h.negativeDeltas.length > 0
      : h.positiveCounts.length + h.negativeCounts.length > 0
  ) {
    return h.isFloat
      ? 'a float histogram carries integer bucket deltas'
      : 'an integer histogram carries float bucket counts';
  }
  const pos = h.isFloat ? h.positiveCounts : h.positiveDeltas;
  const neg = h.isFloat ? h.negativeCounts : h.negativeDeltas;
  const problem =
    spanProblem('positive', h.positiveSpans, pos.length) ??
    spanProblem('negative', h.negativeSpans, neg.length) ??
    (custom
      ? customProblem(h)
      : h.customValues.length > 0
        ? 'custom bucket bounds on an exponential schema'
        : undefined);
  if (problem !== undefined) return problem;
  const posTotal = bucketTotal(pos, h.isFloat);
  const negTotal = bucketTotal(neg, h.isFloat);
  if (Number.isNaN(posTotal) || Number.isNaN(negTotal)) return 'a bucket count is negative or NaN';
  if (!h.isFloat && h.count < posTotal + negTotal + h.zeroCount) {
    return `count ${h.count} is below the ${posTotal + negTotal + h.zeroCount} observations in its buckets`;
  }
  return undefined;
}

function spanProblem(side: string, spans: readonly Span[], buckets: number): string | undefined {
  let total = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (i > 0 && s.offset < 0) return `${side} span ${i} has a negative offset ${s.offset}`;
    total += s.length;
  }
  if (total !== buckets) return `${side} spans cover ${total} buckets but ${buckets} bucket counts were sent`;
  return undefined;
}

/** Sum of absolute bucket counts (deltas are cumulated); NaN when one is negative or NaN. */
function bucketTotal(buckets: readonly number[], isFloat: boolean): number {
  let total = 0;
  let cur = 0;
  for (const b of buckets) {
    cur = isFloat ? b : cur + b;
    if (!(cur >= 0)) return NaN;
    total += cur;
  }
  return total;
}

function customProblem(h: HistogramSample): string | undefined {
  if (h.negativeSpans.length > 0 || h.zeroCount !== 0) {
    return 'custom buckets (schema -53) cannot have negative or zero buckets';
  }
  const bounds = h.customValues;
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    if (Number.isNaN(b) || (i > 0 && !(b > bounds[i - 1]!)))
      return 'custom bucket bounds are not strictly increasing';
  }
  // Offsets are gaps after the previous span (the first is a start index); bucket
  // index len(bounds) is the +Inf bucket and nothing lies beyond it.
  let next = 0;
  let index = -1;
  for (let i = 0; i < h.positiveSpans.length; i++) {
    const s = h.positiveSpans[i]!;
    if (i === 0 && s.offset < 0) return `custom bucket span starts at negative index ${s.offset}`;
    const start = i === 0 ? s.offset : next + s.offset;
    if (s.length > 0) index = start + s.length - 1;
    next = start + s.length;
  }
  if (index > bounds.length)
    return `custom bucket spans reach index ${index}, beyond the ${bounds.length + 1} buckets`;
  return undefined;
}
