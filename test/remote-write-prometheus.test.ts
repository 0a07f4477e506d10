/**
 * End to end with a real Prometheus: it scrapes itself every second and remote-writes into
 * the real Epimetheus binary. Prometheus's own series must be queryable through Epimetheus
 * with the values Prometheus holds; after SIGKILL and a restart on the same data dir,
 * nothing acknowledged is missing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../libs/services/index.js';
import { instantQuery, rawSamples } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';
import { startPrometheus, type PrometheusProcess } from './lib/prometheus.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-e2e-'));
const dataDir = join(dir, 'epimetheus-data');
let epi: EpimetheusProcess;
let prom: PrometheusProcess;
let epiPort: number;

const SELECTOR = '{__name__=~"prometheus_tsdb_head_series|prometheus_http_requests_total|up|scrape_samples_scraped"}';

beforeAll(async () => {
  epiPort = await freePort();
  epi = await startEpimetheus({ dataDir, httpPort: epiPort, logFile: join(dir, 'epimetheus.log') });
  prom = await startPrometheus({
    dir,
    configYaml: `
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:PROM_PORT']
remote_write:
  - url: http://127.0.0.1:${epiPort}/api/v1/push
    queue_config:
      batch_send_deadline: 1s
      max_samples_per_send: 2000
`,
  });
});

afterAll(async () => {
  await prom?.kill('SIGTERM');
  await epi?.kill('SIGTERM');
});

/** Waits until Epimetheus holds every sample Prometheus has for `selector` in a window. */
async function expectSameSamples(end: number, rangeSec: number): Promise<Map<string, [number, string][]>> {
  const want = await rawSamples(prom.url, SELECTOR, end, rangeSec);
  expect(want.size).toBeGreaterThan(3);
  let got = new Map<string, [number, string][]>();
  await poll(
    async () => {
      got = await rawSamples(epi.url, SELECTOR, end, rangeSec);
      return [...want].every(([k, v]) => JSON.stringify(got.get(k)) === JSON.stringify(v));
    },
    { timeoutMs: 30_000, intervalMs: 500, what: 'Epimetheus to hold the samples Prometheus has' },
  ).catch(() => undefined);
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  return got;
}

describe('Prometheus remote-writing into Epimetheus', () => {
  let acknowledged: Map<string, [number, string][]>;
  let end: number;

  it('answers queries with the samples Prometheus scraped', async () => {
    await poll(async () => ((await instantQuery(epi.url, 'up')).result as unknown[]).length > 0, {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'the first remote-written samples',
    });
    // Let a dozen scrapes happen, then compare a window that ended 5s ago, so Prometheus
    // has had time to send it.
    await new Promise((r) => setTimeout(r, 12_000));
    end = Math.floor(Date.now() / 1000) - 5 + 0.5;
    acknowledged = await expectSameSamples(end, 10);
    const samples = [...acknowledged.values()].reduce((n, v) => n + v.length, 0);
    expect(samples).toBeGreaterThan(20);
  });

  it('keeps every acknowledged sample across SIGKILL and restart', async () => {
    await epi.kill('SIGKILL');
    epi = await startEpimetheus({ dataDir, httpPort: epiPort, logFile: join(dir, 'epimetheus-2.log') });
    const after = await rawSamples(epi.url, SELECTOR, end, 10);
    for (const [k, v] of acknowledged) expect(after.get(k), k).toEqual(v);
  });

  it('serves series, labels and label values for what was written', async () => {
    const labels = await fetch(`${epi.url}/api/v1/labels`).then((r) => r.json() as Promise<{ data: string[] }>);
    expect(labels.data).toEqual(expect.arrayContaining(['__name__', 'instance', 'job']));
    const values = await fetch(`${epi.url}/prometheus/api/v1/label/job/values`).then((r) => r.json() as Promise<{ data: string[] }>);
    expect(values.data).toContain('prometheus');
    const series = await fetch(`${epi.url}/api/v1/series?match[]=up`).then((r) => r.json() as Promise<{ data: unknown[] }>);
    expect(series.data).toContainEqual({ __name__: 'up', instance: expect.any(String) as string, job: 'prometheus' });
  });
});
