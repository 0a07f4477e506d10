import type { FloatHistogram } from '../model/index.js';
import type { HistogramSample } from './types.js';

/**
 * Converts a wire histogram to the model's `FloatHistogram`: integer deltas become
 * absolute float counts; float histograms are copied. Custom bucket bounds are kept for
 * schema -53 only. Does not validate spans against bucket counts.
 */
export function toFloatHistogram(h: HistogramSample): FloatHistogram {
  const fh: FloatHistogram = {
    counterResetHint: h.resetHint,
    schema: h.schema,
    zeroThreshold: h.zeroThreshold,
    zeroCount: h.zeroCount,
    count: h.count,
    sum: h.sum,
    positiveSpans: h.positiveSpans.map((s) => ({ offset: s.offset, length: s.length })),
    negativeSpans: h.negativeSpans.map((s) => ({ offset: s.offset, length: s.length })),
    positiveBuckets: h.isFloat ? h.positiveCounts.slice() : cumulate(h.positiveDeltas),
    negativeBuckets: h.isFloat ? h.negativeCounts.slice() : cumulate(h.negativeDeltas),
  };
  if (h.schema === -53) fh.customValues = h.customValues.slice();
  return fh;
}

function cumulate(deltas: readonly number[]): number[] {
  const out = new Array<number>(deltas.length);
  let v = 0;
  for (let i = 0; i < deltas.length; i++) {
    v += deltas[i]!;
    out[i] = v;
  }
  return out;
}
