import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../libs/limits/index.js';
import { labelsFrom, Matcher, type SeriesData } from '../../libs/model/index.js';
import { HttpServer, Router } from '../../libs/server/index.js';
import { QueryApi, type QueryEngine } from './index.js';

const series: SeriesData[] = ['a', 'b', 'c'].map((job) => ({
  labels: labelsFrom({ __name__: 'up', job }),
  timestamps: Float64Array.of(1000, 2000),
  values: Float64Array.of(1, 1),
}));

/** An engine that selects `up` and reports how many series it saw. */
const engine: QueryEngine = {
  instant: async (q, _expr, t) => {
    const found = await (await q.querier(0, t)).select([new Matcher('=', '__name__', 'up')], { start: 0, end: t });
    return { dataJson: `{"resultType":"scalar","result":[0,"${found.length}"]}`, warnings: [], infos: [] };
  },
  range: () => Promise.resolve({ dataJson: '{"resultType":"matrix","result":[]}', warnings: [], infos: [] }),
  parseSelector: () => [],
};

let server: HttpServer;
let base: string;

beforeAll(async () => {
  const router = new Router();
  new QueryApi({ multitenancy: true, maxPointsPerSeries: 11_000, version: 't' }, engine, {
    queryable: () => ({
      querier: () =>
        Promise.resolve({ select: () => Promise.resolve(series), labelNames: () => Promise.resolve([]), labelValues: () => Promise.resolve([]) }),
    }),
    metadata: () => Promise.resolve(new Map()),
    limits: (t) =>
      t === 'small'
        ? { ...DEFAULT_LIMITS, maxFetchedSeriesPerQuery: 2, maxQueryLengthMs: 3_600_000 }
        : t === 'few-samples'
          ? { ...DEFAULT_LIMITS, maxFetchedSamplesPerQuery: 5 }
          : DEFAULT_LIMITS,
  }).register(router);
  server = new HttpServer({ port: 0, host: '127.0.0.1' }, router, { logger: pino({ level: 'silent' }), registry: new Registry() });
  await server.startAsync();
  base = `http://127.0.0.1:${server.port()}`;
});
afterAll(() => server.stopAsync());

async function get(path: string, tenant: string): Promise<{ status: number; body: { status: string; error?: string; data?: unknown } }> {
  const res = await fetch(base + path, { headers: { 'X-Scope-OrgID': tenant } });
  return { status: res.status, body: (await res.json()) as { status: string; error?: string } };
}

describe('per-tenant query limits', () => {
  it('let a tenant within its limits query', async () => {
    const r = await get('/api/v1/query?query=up&time=10', 'big');
    expect(r.body.data).toEqual({ resultType: 'scalar', result: [0, '3'] });
  });
  const cases = [
    { name: 'series fetched', tenant: 'small', path: '/api/v1/query?query=up&time=10', want: /max_fetched_series_per_query|max-fetched-series-per-query/ },
    { name: 'samples fetched', tenant: 'few-samples', path: '/api/v1/query?query=up&time=10', want: /max_fetched_samples_per_query|max-fetched-samples-per-query/ },
    { name: 'query length', tenant: 'small', path: '/api/v1/query_range?query=up&start=0&end=7200&step=60', want: /max_query_length|max-query-length/ },
  ];
  for (const c of cases) {
    it(`refuse a query over the ${c.name} limit, naming the limit`, async () => {
      const r = await get(c.path, c.tenant);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.error).toMatch(c.want);
    });
  }
});
