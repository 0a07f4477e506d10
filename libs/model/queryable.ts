import type { FloatHistogram } from './histogram.js';
import type { Labels } from './labels.js';
import type { Matcher } from './matcher.js';

/**
 * What the caller of `select` will do with the data, so a store may prune. Times are
 * Unix milliseconds, both ends inclusive. Stores may return samples outside the range;
 * the engine filters.
 */
export interface SelectHints {
  start: number;
  end: number;
  /** Query resolution step in ms, 0 for an instant query. */
  step?: number;
  /** Outermost function applied to the selection, e.g. `rate`. */
  func?: string;
  /** Range of a range selector in ms, 0 for an instant selector. */
  range?: number;
  /** True when only label sets are needed (e.g. `/api/v1/series`): stores may omit samples. */
  labelsOnly?: boolean;
  /**
   * True when the caller needs the series in no particular order (the PromQL engine, like
   * Prometheus's with `sortSeries` false): a store may skip sorting them by labels.
   */
  unsorted?: boolean;
}

/**
 * The samples of one series in a time range, both arrays sorted by timestamp. Float
 * samples and histogram samples of the same series are kept apart; a timestamp appears in
 * at most one of them. Stale markers are floats with the StaleNaN bit pattern.
 */
export interface SeriesData {
  readonly labels: Labels;
  /** Timestamps (ms) of float samples. */
  readonly timestamps: ArrayLike<number>;
  /** Values of float samples, same length as `timestamps`. */
  readonly values: ArrayLike<number>;
  /** Timestamps (ms) of histogram samples, if any. */
  readonly histogramTimestamps?: ArrayLike<number>;
  /** Histogram samples, same length as `histogramTimestamps`. */
  readonly histograms?: readonly FloatHistogram[];
  /**
   * Start timestamps (ms) of the samples, for stores that keep them (OpenTelemetry start
   * times, created timestamps): `floats[i]` belongs to `timestamps[i]` and `histograms[i]`
   * to `histogramTimestamps[i]`; 0 means unknown. Absent, or either side absent, when the
   * store has none. Read by PromQL only with the `use-start-timestamps` feature.
   */
  readonly startTimestamps?: { readonly floats?: ArrayLike<number>; readonly histograms?: ArrayLike<number> };
}

/** A read view of one tenant's data over a time range. */
export interface Querier {
  /**
   * Returns every series matching all `matchers` with its samples in `[hints.start,
   * hints.end]`, unique by label set and sorted by labels (in any order when
   * `hints.unsorted`).
   * @throws when a store fails; never returns a silently partial result.
   */
  select(matchers: readonly Matcher[], hints: SelectHints): Promise<SeriesData[]>;
  /** Sorted, unique label names of series matching `matchers` (all series if empty). */
  labelNames(matchers: readonly Matcher[], hints: SelectHints): Promise<string[]>;
  /** Sorted, unique values of label `name` among series matching `matchers`. */
  labelValues(name: string, matchers: readonly Matcher[], hints: SelectHints): Promise<string[]>;
}

/**
 * Something that can be queried: the head, a set of blocks, a fan-out over remote stores.
 * Bound to one tenant by whoever constructs it; the PromQL engine only ever sees this.
 */
export interface Queryable {
  /** Opens a querier for `[mint, maxt]` (ms, inclusive). */
  querier(mint: number, maxt: number): Promise<Querier>;
}
