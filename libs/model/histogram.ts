/** A run of consecutive buckets in a native histogram: `offset` gaps from the previous span. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

/** Counter-reset hint of a native histogram sample, as in the remote-write proto. */
export const CounterResetHint = {
  Unknown: 0,
  CounterReset: 1,
  NotCounterReset: 2,
  Gauge: 3,
} as const;
/** One of the `CounterResetHint` values. */
export type CounterResetHint = (typeof CounterResetHint)[keyof typeof CounterResetHint];

/**
 * A native histogram with float counts (integer histograms are converted on read).
 * Buckets are absolute counts, not deltas. `customValues` holds the bucket bounds of
 * schema -53 (custom buckets); it is absent otherwise.
 */
export interface FloatHistogram {
  counterResetHint: CounterResetHint;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  count: number;
  sum: number;
  positiveSpans: Span[];
  negativeSpans: Span[];
  positiveBuckets: number[];
  negativeBuckets: number[];
  customValues?: number[];
}
