import { QueryLimiter, type Limits } from '../../libs/limits/index.js';
import type { Queryable } from '../../libs/model/index.js';

/**
 * Counts the series and samples one query fetches from the stores and fails it (422) once it
 * goes over the tenant's `max_fetched_series_per_query` or `max_fetched_samples_per_query`.
 * One instance per query: the counts accumulate over every select of that query.
 */
export function limitedQueryable(inner: Queryable, tenant: string, limits: Readonly<Limits>): Queryable {
  if (limits.maxFetchedSeriesPerQuery <= 0 && limits.maxFetchedSamplesPerQuery <= 0) return inner;
  const limiter = new QueryLimiter(tenant, limits);
  return {
    querier: async (mint, maxt) => {
      const q = await inner.querier(mint, maxt);
      return {
        select: async (matchers, hints) => {
          const found = await q.select(matchers, hints);
          limiter.addSeries(found.length);
          let samples = 0;
          for (const s of found) samples += s.timestamps.length + (s.histogramTimestamps?.length ?? 0);
          limiter.addSamples(samples);
          return found;
        },
        labelNames: (matchers, hints) => q.labelNames(matchers, hints),
        labelValues: (name, matchers, hints) => q.labelValues(name, matchers, hints),
      };
    },
  };
}
