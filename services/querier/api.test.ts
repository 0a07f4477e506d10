import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Registry } from 'prom-client';
import { EpimetheusError } from '../../libs/errors/index.js';
import { labelsFrom, Matcher, type Querier, type SeriesData } from '../../libs/model/index.js';
import { HttpServer, Router } from '../../libs/server/index.js';
import { QueryApi, type QueryEngine } from './index.js';

const series: SeriesData[] = [
  { labels: labelsFrom({ __name__: 'up', job: 'a' }), timestamps: [1000], values: [1] },
  { labels: labelsFrom({ __name__: 'up', job: 'b', zone: 'z1' }), timestamps: [1000], values: [0] },
];

const querier: Querier = {
  select: (ms) => Promise.resolve(series.filter((s) => ms.every((m) => m.matches(lv(s, m.name))))),
  labelNames: (ms) =>
    Promise.resolve([...new Set(series.filter((s) => ms.every((m) => m.matches(lv(s, m.name)))).flatMap((s) => s.labels.map((l) => l.name)))].sort()),
  labelValues: (name, ms) =>
    Promise.resolve([...new Set(series.filter((s) => ms.every((m) => m.matches(lv(s, m.name)))).map((s) => lv(s, name)))].filter(Boolean).sort()),
};
const lv = (s: SeriesData, n: string) => s.labels.find((l) => l.name === n)?.value ?? '';

const engine: QueryEngine = {
  instant: (_q, expr, t) => {
    if (expr === 'bad(') return Promise.reject(new EpimetheusError('bad_data', 'parse error: unexpected end of input'));
    if (expr === 'bytes') {
      const dataJson = Buffer.from('{"resultType":"string","result":[1,"café 日本"]}', 'utf8');
      return Promise.resolve({ dataJson, warnings: ['w'], infos: [] });
    }
    return Promise.resolve({ dataJson: `{"resultType":"scalar","result":[${t / 1000},"1"]}`, warnings: [], infos: ['an info'] });
  },
  range: (_q, _e, s, e, step) => Promise.resolve({ dataJson: `{"resultType":"matrix","result":[],"echo":[${s},${e},${step}]}`, warnings: ['w'], infos: [] }),
  parseSelector: (text) => {
    const m = /^(\w+)(?:\{(\w+)="(\w*)"\})?$/.exec(text);
    if (!m) throw new EpimetheusError('bad_data', `parse error: bad selector ${text}`);
    const out = [new Matcher('=', '__name__', m[1]!)];
    if (m[2]) out.push(new Matcher('=', m[2], m[3]!));
    return out;
  },
};

let server: HttpServer;
let base: string;

beforeAll(async () => {
  const router = new Router();
  new QueryApi({ multitenancy: true, maxPointsPerSeries: 11_000, version: 'test' }, engine, {
    queryable: () => ({ querier: () => Promise.resolve(querier) }),
    metadata: () => Promise.resolve(new Map([['up', [{ type: 'gauge', help: 'Up.', unit: '' }]]])),
  }).register(router);
  server = new HttpServer({ port: 0, host: '127.0.0.1' }, router, { logger: pino({ level: 'silent' }), registry: new Registry() });
  await server.startAsync();
  base = `http://127.0.0.1:${server.port()}`;
});
afterAll(() => server.stopAsync());

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(base + path, { ...init, headers: { 'X-Scope-OrgID': 't1', ...init.headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('query API', () => {
  it('sends an answer the engine rendered as bytes as they are, with their length', async () => {
    const res = await fetch(`${base}/api/v1/query?query=bytes`, { headers: { 'X-Scope-OrgID': 't1' } });
    const raw = Buffer.from(await res.arrayBuffer());
    const want = '{"status":"success","data":{"resultType":"string","result":[1,"café 日本"]},"warnings":["w"]}';
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(want)));
    expect(raw.toString('utf8')).toBe(want);
  });

  const cases: { name: string; path: string; status: number; want: Record<string, unknown> }[] = [
    { name: 'instant with float time', path: '/api/v1/query?query=1&time=1700000000.5', status: 200,
      want: { status: 'success', data: { resultType: 'scalar', result: [1700000000.5, '1'] }, infos: ['an info'] } },
    { name: 'instant with RFC3339 time under /prometheus', path: '/prometheus/api/v1/query?query=1&time=2023-11-14T22:13:20Z', status: 200,
      want: { status: 'success', data: { resultType: 'scalar', result: [1700000000, '1'] }, infos: ['an info'] } },
    { name: 'parse error is bad_data', path: '/api/v1/query?query=bad(', status: 400,
      want: { status: 'error', errorType: 'bad_data', error: 'parse error: unexpected end of input' } },
    { name: 'bad time', path: '/api/v1/query?query=1&time=yesterday', status: 400,
      want: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "time": cannot parse "yesterday" to a valid timestamp' } },
    { name: 'range with duration step', path: '/api/v1/query_range?query=up&start=0&end=60&step=15s', status: 200,
      want: { status: 'success', data: { resultType: 'matrix', result: [], echo: [0, 60000, 15000] }, warnings: ['w'] } },
    { name: 'range end before start', path: '/api/v1/query_range?query=up&start=60&end=0&step=15', status: 400,
      want: { status: 'error', errorType: 'bad_data', error: 'end timestamp must not be before start time' } },
    { name: 'range zero step', path: '/api/v1/query_range?query=up&start=0&end=60&step=0', status: 400,
      want: { status: 'error', errorType: 'bad_data', error: 'zero or negative query resolution step widths are not accepted. Try a positive integer' } },
    { name: 'range too many points', path: '/api/v1/query_range?query=up&start=0&end=100000&step=1', status: 400,
      want: { status: 'error', errorType: 'bad_data', error: 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)' } },
    { name: 'series', path: '/api/v1/series?match[]=up{job="a"}', status: 200,
      want: { status: 'success', data: [{ __name__: 'up', job: 'a' }] } },
    { name: 'series without match', path: '/api/v1/series', status: 400,
      want: { status: 'error', errorType: 'bad_data', error: 'no match[] parameter provided' } },
    { name: 'labels', path: '/api/v1/labels', status: 200, want: { status: 'success', data: ['__name__', 'job', 'zone'] } },
    { name: 'labels with limit', path: '/api/v1/labels?limit=1', status: 200,
      want: { status: 'success', data: ['__name__'], warnings: ['results truncated due to limit'] } },
    { name: 'label values', path: '/api/v1/label/job/values', status: 200, want: { status: 'success', data: ['a', 'b'] } },
    { name: 'metadata', path: '/api/v1/metadata', status: 200,
      want: { status: 'success', data: { up: [{ type: 'gauge', help: 'Up.', unit: '' }] } } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { status, body } = await get(c.path);
      expect(status).toBe(c.status);
      expect(body).toEqual(c.want);
    });
  }

  it('accepts POST with a form body', async () => {
    const { status, body } = await get('/api/v1/query', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=1&time=10',
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ resultType: 'scalar', result: [10, '1'] });
  });

  it('requires a tenant when multi-tenancy is on', async () => {
    const res = await fetch(`${base}/api/v1/labels`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/X-Scope-OrgID/);
  });
});
