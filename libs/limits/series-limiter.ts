import type { EpimetheusError } from '../errors/index.js';
import { limitError } from './limit-error.js';
import type { LimitsSource } from './overrides.js';

/** How many in-memory series a tenant has in this ingester, in total and for one metric name. */
export interface SeriesCounts {
  /** Series of the tenant. */
  readonly tenant: number;
  /** Series of the tenant with the metric name of the series about to be created. */
  readonly metric: number;
}

/**
 * The share of a cluster-wide limit one ingester enforces when the tenant's series are spread over
 * `shards` ingesters (partitions): `global / shards`, rounded down but at least 1. 0 stays 0
 * (unlimited).
 */
export function localSeriesLimit(global: number, shards: number): number {
  if (global <= 0) return 0;
  return Math.max(1, Math.floor(global / Math.max(1, shards)));
}

/**
 * Decides, in the ingester, whether a tenant may create one more series, against
 * `max_global_series_per_user` and `max_global_series_per_metric` (after Mimir's ingester
 * `Limiter`). Global limits are divided by the number of shards the tenant's series are spread
 * over (`shards()`, e.g. the active partitions), since each ingester only sees its share.
 *
 * Stateless: the caller keeps the counts. Safe to share.
 */
export class SeriesLimiter {
  constructor(
    private readonly limits: LimitsSource,
    private readonly shards: () => number = () => 1,
  ) {}

  /**
   * Whether a series of `metricName` may be created for `tenant`, which already has `counts`.
   * @returns `undefined` when it may; otherwise the error to reject the sample with (category
   *   `tenant_limit`, id `err-epimetheus-max-global-series-per-user` or `...-per-metric`).
   */
  checkNewSeries(tenant: string, metricName: string, counts: SeriesCounts): EpimetheusError | undefined {
    const l = this.limits.limitsFor(tenant);
    const shards = this.shards();
    const perUser = localSeriesLimit(l.maxGlobalSeriesPerUser, shards);
    if (perUser > 0 && counts.tenant >= perUser) {
      return limitError(
        'maxGlobalSeriesPerUser',
        l.maxGlobalSeriesPerUser,
        tenant,
        `per-tenant series limit reached (${perUser} series in this ingester, 1/${shards} of the global limit)`,
      );
    }
    const perMetric = localSeriesLimit(l.maxGlobalSeriesPerMetric, shards);
    if (perMetric > 0 && counts.metric >= perMetric) {
      return limitError(
        'maxGlobalSeriesPerMetric',
        l.maxGlobalSeriesPerMetric,
        tenant,
        `per-metric series limit reached for ${JSON.stringify(metricName)} ` +
          `(${perMetric} series in this ingester, 1/${shards} of the global limit)`,
      );
    }
    return undefined;
  }
}
