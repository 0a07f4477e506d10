import type { Limits } from '../../libs/limits/index.js';
import type { Matcher, Queryable } from '../../libs/model/index.js';

/** Options of one query evaluation. */
export interface EvalOptions {
  /** Per-query timeout in ms; the engine's default applies when absent. */
  timeoutMs?: number;
  /** Whether to collect per-query statistics (`stats=all`). */
  stats?: boolean;
  /** Limit on the number of series a result may hold, 0 for none. */
  limit?: number;
}

/** A query result, already rendered as the API's `data` JSON object. */
export interface EvalResult {
  /**
   * The JSON text of `{"resultType":...,"result":...}` (and `stats` when asked), as a string
   * or as its UTF-8 bytes (large answers, sent without becoming a string).
   */
  dataJson: string | Uint8Array;
  warnings: string[];
  infos: string[];
}

/**
 * What the querier needs of a PromQL engine. `services/app` adapts `libs/promql` to it,
 * which keeps the API handlers testable with a fake engine and free of engine internals.
 * Methods throw `EpimetheusError` with category bad_data, execution, timeout or canceled.
 */
export interface QueryEngine {
  instant(q: Queryable, expr: string, timeMs: number, opts: EvalOptions): Promise<EvalResult>;
  range(q: Queryable, expr: string, startMs: number, endMs: number, stepMs: number, opts: EvalOptions): Promise<EvalResult>;
  /** Parses a series selector such as `up{job="x"}` into matchers. */
  parseSelector(text: string): Matcher[];
}

/** Per-metric metadata as the `/api/v1/metadata` endpoint returns it. */
export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

/** Where a tenant's data and metadata come from. */
export interface TenantStores {
  /** The tenant's queryable view (head, blocks, remote stores merged). */
  queryable(tenant: string): Queryable;
  /** Metadata by metric name, each with the distinct entries seen. */
  metadata(tenant: string): Promise<ReadonlyMap<string, readonly MetricMetadata[]>>;
  /** The tenant's query limits; absent means unlimited. */
  limits?(tenant: string): Readonly<Limits>;
}
