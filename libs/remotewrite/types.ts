import type { CounterResetHint, Label, Labels, Span } from '../model/index.js';

/** Which remote-write message a body holds: `prometheus.WriteRequest` or `io.prometheus.write.v2.Request`. */
export type RemoteWriteVersion = '1.0' | '2.0';

/** Metric type of a metadata entry. Remote write 1.0 and 2.0 number the types alike. */
export const MetricType = {
  Unknown: 0,
  Counter: 1,
  Gauge: 2,
  Histogram: 3,
  GaugeHistogram: 4,
  Summary: 5,
  Info: 6,
  StateSet: 7,
} as const;
/** One of the `MetricType` values (other numbers from the wire are kept as they came). */
export type MetricType = (typeof MetricType)[keyof typeof MetricType];

/**
 * Float samples of one series, as parallel columns. Decoded requests hand out views
 * (`subarray`) into one buffer per request, so a series keeps the whole request's
 * columns alive: copy them if you keep a few series for long.
 */
export interface Samples {
  /** Milliseconds since the Unix epoch. */
  readonly timestamps: Float64Array;
  /** Values exactly as sent: NaN payloads (the stale marker) are kept bit for bit. */
  readonly values: Float64Array;
  /**
   * Per-sample start (created) timestamps of remote write 2.0, 0 meaning unset; absent
   * when no sample of the series carries one.
   */
  readonly startTimestamps?: Float64Array;
}

/**
 * One native histogram sample as it travels on the wire. An integer histogram
 * (`isFloat` false) carries `positiveDeltas`/`negativeDeltas` (each bucket minus the
 * previous one); a float histogram carries absolute `positiveCounts`/`negativeCounts`.
 * `toFloatHistogram` turns either into the model's `FloatHistogram`.
 */
export interface HistogramSample {
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  /** Start (created) timestamp of remote write 2.0, 0 meaning unset. */
  startTimestamp: number;
  /** Whether the counts are floats (`count_float`) rather than integers (`count_int`). */
  isFloat: boolean;
  count: number;
  /** Sum of observations; a stale histogram sample has the stale NaN here. */
  sum: number;
  /** -4..8 exponential schemas, -53 for custom buckets. */
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  resetHint: CounterResetHint;
  positiveSpans: Span[];
  negativeSpans: Span[];
  positiveDeltas: number[];
  negativeDeltas: number[];
  positiveCounts: number[];
  negativeCounts: number[];
  /** Upper bounds of custom buckets (schema -53); empty otherwise. */
  customValues: number[];
}

/** An exemplar attached to a series: labels (often `trace_id`), value and timestamp (ms). */
export interface Exemplar {
  labels: Labels;
  value: number;
  timestamp: number;
}

/** Metadata of a metric family as remote write 1.0 sends it, one list per request. */
export interface MetricMetadata {
  type: MetricType;
  metricFamilyName: string;
  help: string;
  unit: string;
}

/** Metadata remote write 2.0 attaches to each series. */
export interface SeriesMetadata {
  type: MetricType;
  help: string;
  unit: string;
}

/**
 * One series of a request. `labels` come out of the decoder sorted by name; the decoder
 * does not drop empty values or reject duplicate names: validation does.
 */
export interface TimeSeries {
  labels: Labels;
  /** True when the sender's labels were not sorted by name (the decoder sorted them). */
  labelsUnsorted: boolean;
  samples: Samples;
  /** Histogram samples; a shared frozen empty array when there are none. */
  histograms: readonly HistogramSample[];
  /** Exemplars; a shared frozen empty array when there are none. */
  exemplars: readonly Exemplar[];
  /** Remote write 2.0 per-series metadata; absent in 1.0. */
  metadata?: SeriesMetadata;
  /** Remote write 2.0-rc.3 per-series created timestamp (ms), 0 when unset. */
  createdTimestamp: number;
}

/** A decoded remote-write request of either version, in one shape. */
export interface WriteRequest {
  version: RemoteWriteVersion;
  timeseries: TimeSeries[];
  /** Remote write 1.0 request-level metadata; empty for 2.0 (see `TimeSeries.metadata`). */
  metadata: MetricMetadata[];
}

/** Series input accepted by the encoders: the decoded shape with optional parts. */
export interface EncodableSeries {
  labels: readonly Label[];
  samples?: {
    timestamps: ArrayLike<number>;
    values: ArrayLike<number>;
    startTimestamps?: ArrayLike<number>;
  };
  histograms?: readonly HistogramSample[];
  exemplars?: readonly Exemplar[];
  metadata?: SeriesMetadata;
  createdTimestamp?: number;
}

/** Request input accepted by the encoders. */
export interface EncodableRequest {
  timeseries: readonly EncodableSeries[];
  /** Written by the 1.0 encoder only (2.0 carries metadata per series). */
  metadata?: readonly MetricMetadata[];
}
