import { formatDuration } from '../config/index.js';
import type { EpimetheusError } from '../errors/index.js';
import { limitError } from './limit-error.js';
import type { Limits } from './limits.js';

/**
 * The error for a query selecting `[startMs, endMs]` when that is longer than the tenant's
 * `max_query_length`, or undefined when it is within it (or the limit is 0, unlimited).
 */
export function checkQueryLength(
  tenant: string,
  limits: Readonly<Limits>,
  startMs: number,
  endMs: number,
): EpimetheusError | undefined {
  const max = limits.maxQueryLengthMs;
  const length = endMs - startMs;
  if (max <= 0 || length <= max) return undefined;
  return limitError(
    'maxQueryLengthMs',
    max,
    tenant,
    `the query time range of ${formatDuration(length)} exceeds the limit; shorten the range`,
  );
}

/**
 * Counts what one query fetches from the stores against `max_fetched_series_per_query` and
 * `max_fetched_samples_per_query` (after Mimir's per-query limiter). One per query; not shared
 * between queries. Count series after merging replicas, so a series fetched twice counts once.
 */
export class QueryLimiter {
  private series = 0;
  private samples = 0;

  constructor(
    private readonly tenant: string,
    private readonly limits: Readonly<Limits>,
  ) {}

  /** Adds `n` fetched series. @throws EpimetheusError (`tenant_limit`) once over the limit. */
  addSeries(n: number): void {
    this.series += n;
    const max = this.limits.maxFetchedSeriesPerQuery;
    if (max > 0 && this.series > max) {
      throw limitError(
        'maxFetchedSeriesPerQuery',
        max,
        this.tenant,
        'the query fetched too many series; select fewer series or a shorter range',
      );
    }
  }

  /** Adds `n` fetched samples. @throws EpimetheusError (`tenant_limit`) once over the limit. */
  addSamples(n: number): void {
    this.samples += n;
    const max = this.limits.maxFetchedSamplesPerQuery;
    if (max > 0 && this.samples > max) {
      throw limitError(
        'maxFetchedSamplesPerQuery',
        max,
        this.tenant,
        'the query fetched too many samples; select fewer series or a shorter range',
      );
    }
  }

  /** Series and samples counted so far. */
  fetched(): { series: number; samples: number } {
    return { series: this.series, samples: this.samples };
  }
}
