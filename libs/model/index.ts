export type { Label, Labels } from './labels.js';
export {
  METRIC_NAME,
  compareStrings,
  compareLabels,
  sortLabels,
  labelsFrom,
  getLabel,
  labelsKey,
  formatLabels,
  labelsEqual,
} from './labels.js';
export type { MatchType } from './matcher.js';
export { Matcher, compileAnchored } from './matcher.js';
export type { Span, FloatHistogram } from './histogram.js';
export { CounterResetHint } from './histogram.js';
export type { SelectHints, SeriesData, Querier, Queryable } from './queryable.js';
export { STALE_NAN, isStaleNaN } from './samples.js';
export { fmix32 } from './mix.js';
