export type { QueryApiConfig } from './api.js';
export { QueryApi, API_PREFIXES } from './api.js';
export type { QueryEngine, EvalOptions, EvalResult, MetricMetadata, TenantStores } from './engine.js';
export { parseTimeParam, parseDurationParam, MIN_TIME_MS, MAX_TIME_MS } from './params.js';
