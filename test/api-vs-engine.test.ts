/**
 * The HTTP API gives the answers the engine gives: a data set goes in by remote write, and
 * a set of queries (instant and range, aggregations, rates, histogram quantiles, subqueries)
 * is answered both by the running binary and by the engine over the same samples in memory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortLabels } from '../libs/model/index.js';
import { Engine, MemoryQueryable, resultToJSON } from '../libs/promql/index.js';
import type { EncodableSeries } from '../libs/remotewrite/index.js';
import { poll } from '../libs/services/index.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { pushSeries } from './lib/remote-write.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-api-engine-'));
let epi: EpimetheusProcess;
const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
const STEP = 15_000;
const N = 240; // one hour

/** An inference fleet: request counters, latency buckets, GPU gauges. */
function fleet(): EncodableSeries[] {
  const out: EncodableSeries[] = [];
  const add = (labels: Record<string, string>, f: (i: number) => number) => {
    const ts: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < N; i++) {
      ts.push(end - (N - 1 - i) * STEP);
      vs.push(f(i));
    }
    out.push({ labels: Object.entries(labels).map(([name, value]) => ({ name, value })), samples: { timestamps: ts, values: vs } });
  };
  for (const model of ['llama', 'mistral']) {
    for (const code of ['200', '500']) {
      add({ __name__: 'inference_requests_total', model, code }, (i) => (code === '200' ? 10 : 1) * i + (i > 150 ? 7 : 0));
    }
    let acc = 0;
    for (const le of ['0.1', '0.5', '1', '+Inf']) {
      acc += le === '+Inf' ? 3 : Number(le) * 10;
      const per = acc;
      add({ __name__: 'inference_latency_seconds_bucket', model, le }, (i) => per * i);
    }
    add({ __name__: 'gpu_utilization_ratio', model, gpu: '0' }, (i) => 0.5 + 0.4 * Math.sin(i / 9));
  }
  return out;
}

const queries = [
  'sum by (model) (rate(inference_requests_total[5m]))',
  'sum(rate(inference_requests_total{code="500"}[5m])) / sum(rate(inference_requests_total[5m]))',
  'histogram_quantile(0.99, sum by (le, model) (rate(inference_latency_seconds_bucket[5m])))',
  'avg_over_time(gpu_utilization_ratio[10m])',
  'max_over_time(deriv(gpu_utilization_ratio[5m])[15m:1m])',
  'topk(2, increase(inference_requests_total[15m]))',
  'gpu_utilization_ratio offset 5m',
  'label_replace(gpu_utilization_ratio, "card", "gpu-$1", "gpu", "(.*)")',
  'count_values("v", round(gpu_utilization_ratio * 10))',
];

const engine = new Engine();
const memory = new MemoryQueryable();
for (const s of fleet()) {
  const labels = sortLabels(s.labels);
  for (let i = 0; i < N; i++) memory.addFloat(labels, s.samples!.timestamps[i]!, s.samples!.values[i]!);
}

beforeAll(async () => {
  epi = await startEpimetheus({ dataDir: join(dir, 'data'), logFile: join(dir, 'epimetheus.log'), args: ['--distributor.ingestion-rate-limit=0'] });
  const r = await pushSeries(epi.url, fleet());
  expect(r.status, r.text).toBe(204);
  await poll(async () => (await api('query', { query: 'count(gpu_utilization_ratio)', time: String(end / 1000) })).includes('"2"'), {
    what: 'data ingested',
  });
});
afterAll(() => epi?.kill('SIGTERM'));

async function api(path: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${epi.url}/api/v1/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return res.text();
}

describe('HTTP API and engine agree', () => {
  for (const q of queries) {
    it(`instant: ${q}`, async () => {
      const want = resultToJSON(await engine.instantQuery(memory, q, end));
      const got = JSON.parse(await api('query', { query: q, time: String(end / 1000) })) as { data: unknown };
      expect(got.data).toEqual(JSON.parse(want));
    });
    it(`range: ${q}`, async () => {
      const start = end - 45 * 60_000;
      const want = resultToJSON(await engine.rangeQuery(memory, q, start, end, 60_000));
      const got = JSON.parse(await api('query_range', { query: q, start: String(start / 1000), end: String(end / 1000), step: '60' })) as {
        data: unknown;
      };
      expect(got.data).toEqual(JSON.parse(want));
    });
  }
});
