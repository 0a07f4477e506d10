export { RateLimiter } from './rate-limiter.js';
export type { Limits, LimitName, LimitType, LimitDef } from './limits.js';
export {
  LIMIT_DEFS,
  DEFAULT_LIMITS,
  LIMITS_FLAGS,
  LimitsConfigError,
  limitDef,
  limitsFromFlags,
} from './limits.js';
export type { TenantLimits } from './runtime-config.js';
export { RuntimeConfigError, parseRuntimeConfig } from './runtime-config.js';
export type { LimitsSource, OverridesConfig } from './overrides.js';
export { Overrides, RUNTIME_CONFIG_FLAGS, overridesConfigFromFlags, staticLimits } from './overrides.js';
export { limitError, limitErrorId, formatLimitValue } from './limit-error.js';
export type { SeriesCounts } from './series-limiter.js';
export { SeriesLimiter, localSeriesLimit } from './series-limiter.js';
export { QueryLimiter, checkQueryLength } from './query-limiter.js';
