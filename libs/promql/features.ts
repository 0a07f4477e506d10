/**
 * The experimental PromQL features Prometheus keeps behind `--enable-feature` flags. Each
 * field says whether the feature is on; the flag name Prometheus uses is in its comment and
 * in `PROMQL_FEATURE_FLAGS`.
 */
export interface PromqlFeatures {
  /**
   * `promql-experimental-functions`: functions Prometheus marks experimental (`info`,
   * `mad_over_time`, `sort_by_label`, ...) and the `limitk` / `limit_ratio` aggregators.
   * @default false
   */
  experimentalFunctions: boolean;
  /**
   * `promql-duration-expr`: arithmetic, `step()`, `range()`, `min_of()` and `max_of()` in
   * ranges, subquery steps and offsets. Prometheus 3.x turns it on by default and keeps the
   * flag as a no-op, so the default here is on too; set it false to refuse such queries.
   * @default true
   */
  durationExpressions: boolean;
  /** `promql-extended-range-selectors`: the `anchored` and `smoothed` modifiers. @default false */
  extendedRangeSelectors: boolean;
  /** `promql-binop-fill-modifiers`: `fill()`, `fill_left()`, `fill_right()` on binary operators. @default false */
  binopFillModifiers: boolean;
  /**
   * `use-start-timestamps`: `rate`, `increase`, `irate` and `resets` over a range selector
   * read the samples' start timestamps (`SeriesData.startTimestamps`) to find counter
   * resets and the start of a counter, and `start_timestamp()` returns them. An engine
   * option, not syntax: parsing ignores it. @default false
   */
  startTimestamps: boolean;
  /**
   * `promql-delayed-name-removal`: keep `__name__` (and `__type__`, `__unit__`) on derived
   * series until the query returns, so `label_replace` can still read it and regex-selected
   * series of different names do not collide midway. Off, as in Prometheus, names go as
   * soon as each function or operator is evaluated. An engine option. @default false
   */
  delayedNameRemoval: boolean;
}

/** Every feature off except those Prometheus itself enables by default. */
export const DEFAULT_PROMQL_FEATURES: Readonly<PromqlFeatures> = Object.freeze({
  experimentalFunctions: false,
  durationExpressions: true,
  extendedRangeSelectors: false,
  binopFillModifiers: false,
  startTimestamps: false,
  delayedNameRemoval: false,
});

/** Every feature on, as Prometheus's own test harness (promqltest) runs its scripts. */
export const ALL_PROMQL_FEATURES: Readonly<PromqlFeatures> = Object.freeze({
  experimentalFunctions: true,
  durationExpressions: true,
  extendedRangeSelectors: true,
  binopFillModifiers: true,
  startTimestamps: true,
  delayedNameRemoval: true,
});

/** Prometheus's `--enable-feature` names, each mapped to the feature it turns on. */
export const PROMQL_FEATURE_FLAGS: Readonly<Record<string, keyof PromqlFeatures>> = Object.freeze({
  'promql-experimental-functions': 'experimentalFunctions',
  'promql-duration-expr': 'durationExpressions',
  'promql-extended-range-selectors': 'extendedRangeSelectors',
  'promql-binop-fill-modifiers': 'binopFillModifiers',
  'use-start-timestamps': 'startTimestamps',
  'promql-delayed-name-removal': 'delayedNameRemoval',
});

/**
 * Turns Prometheus feature-flag names (as given to `--enable-feature`, one per element or
 * comma-separated) into features on top of the defaults. Names that are not PromQL
 * features here are returned in `unknown`, for the caller to warn about: Prometheus warns
 * and carries on.
 */
export function featuresFromFlags(flags: readonly string[]): { features: PromqlFeatures; unknown: string[] } {
  const features: PromqlFeatures = { ...DEFAULT_PROMQL_FEATURES };
  const unknown: string[] = [];
  for (const name of flags.flatMap((f) => f.split(',')).map((f) => f.trim())) {
    if (name === '') continue;
    const key = Object.hasOwn(PROMQL_FEATURE_FLAGS, name) ? PROMQL_FEATURE_FLAGS[name] : undefined;
    if (key) features[key] = true;
    else unknown.push(name);
  }
  return { features, unknown };
}

/** The defaults with `partial` laid over them. */
export function resolveFeatures(partial: Partial<PromqlFeatures> = {}): PromqlFeatures {
  const out: PromqlFeatures = { ...DEFAULT_PROMQL_FEATURES };
  for (const k of Object.keys(out) as (keyof PromqlFeatures)[]) {
    const v = partial[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
