import type { ValueType } from './ast.js';

/** Argument and return types of a PromQL function, for parse-time checks. */
export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /** 0: exactly `args`; n > 0: up to n trailing args optional; -1: last arg repeats. */
  readonly variadic: number;
  readonly returns: ValueType;
  /** Only available with experimental functions enabled. */
  readonly experimental: boolean;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

function sig(args: ValueType[], returns: ValueType, variadic = 0, experimental = false): FunctionSignature {
  return { args, returns, variadic, experimental };
}

const table: Record<string, FunctionSignature> = {
  time: sig([], S),
  pi: sig([], S),
  step: sig([], S, 0, true),
  range: sig([], S, 0, true),
  start: sig([], S, 0, true),
  end: sig([], S, 0, true),
  min_of: sig([S, S], S, 0, true),
  max_of: sig([S, S], S, 0, true),
  scalar: sig([V], S),
  vector: sig([S], V),
  timestamp: sig([V], V),
  absent: sig([V], V),
  absent_over_time: sig([M], V),
  present_over_time: sig([M], V),
  clamp: sig([V, S, S], V),
  clamp_max: sig([V, S], V),
  clamp_min: sig([V, S], V),
  round: sig([V, S], V, 1),
  label_replace: sig([V, STR, STR, STR, STR], V),
  label_join: sig([V, STR, STR, STR], V, -1),
  sort: sig([V], V),
  sort_desc: sig([V], V),
  sort_by_label: sig([V, STR], V, -1, true),
  sort_by_label_desc: sig([V, STR], V, -1, true),
  quantile_over_time: sig([S, M], V),
  predict_linear: sig([M, S], V),
  double_exponential_smoothing: sig([M, S, S], V, 0, true),
  histogram_quantile: sig([S, V], V),
  histogram_quantiles: sig([V, STR, S], V, -1, true),
  histogram_fraction: sig([S, S, V], V),
  info: sig([V, V], V, 1, true),
  start_timestamp: sig([V], V, 0, true),
};

for (const f of [
  'abs', 'ceil', 'floor', 'exp', 'sqrt', 'ln', 'log2', 'log10', 'sgn', 'deg', 'rad',
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh',
  'histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar',
]) {
  table[f] = sig([V], V);
}
for (const f of ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year']) {
  table[f] = sig([V], V, 1);
}
for (const f of [
  'avg_over_time', 'count_over_time', 'last_over_time', 'max_over_time', 'min_over_time',
  'stddev_over_time', 'stdvar_over_time', 'sum_over_time', 'changes', 'resets', 'delta', 'deriv',
  'idelta', 'increase', 'irate', 'rate', 'first_over_time',
]) {
  table[f] = sig([M], V);
}
for (const f of [
  'mad_over_time', 'ts_of_first_over_time', 'ts_of_last_over_time',
  'ts_of_max_over_time', 'ts_of_min_over_time',
]) {
  table[f] = sig([M], V, 0, true);
}

/** Looks up a function's signature; undefined for unknown names. */
export function functionSignature(name: string): FunctionSignature | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
