/**
 * A standalone querier that reads one ingester through its StoreAPI alone (no store-gateway, no
 * bucket): it answers `/api/v1/metadata` from the ingester, with Prometheus's `limit` and
 * `limit_per_metric`, and still answers every sample right after the ingester flushed its head
 * into blocks, from the ingester's local copies of them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeWriteRequestV1,
  MetricType,
  snappyCompress,
  type EncodableSeries,
} from '../libs/remotewrite/index.js';
import { poll } from '../libs/services/index.js';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { readDeps } from './lib/deps.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';

const deps = readDeps();
const dir = mkdtempSync(join(tmpdir(), 'epimetheus-querier-ingester-'));
const run = randomBytes(4).toString('hex');
const tenant = `qi-${run}`;
const H = { 'X-Scope-OrgID': tenant };
const common = [
  '--auth.multitenancy-enabled=true',
  `--kafka.brokers=${deps.KAFKA_BROKERS}`,
  `--kafka.topic=epimetheus-qi-${run}`,
  '--kafka.partitions=1',
  '--distributor.ingestion-rate-limit=0',
];
const procs: EpimetheusProcess[] = [];
let distributor: EpimetheusProcess;
let ingester: EpimetheusProcess;
let querier: EpimetheusProcess;

async function start(name: string, args: string[]): Promise<EpimetheusProcess> {
  const grpcPort = await freePort();
  const p = await startEpimetheus({
    dataDir: join(dir, name),
    logFile: join(dir, `${name}.log`),
    args: [...common, ...args, `--server.grpc-listen-port=${grpcPort}`],
  });
  procs.push(p);
  return Object.assign(p, { grpcPort });
}

beforeAll(async () => {
  const ingesterGrpc = await freePort();
  ingester = await startEpimetheus({
    dataDir: join(dir, 'ingester'),
    logFile: join(dir, 'ingester.log'),
    args: [
      ...common,
      '--target=ingester',
      '--instance.id=ingester-0',
      `--server.grpc-listen-port=${ingesterGrpc}`,
    ],
  });
  procs.push(ingester);
  distributor = await start('distributor', ['--target=distributor']);
  querier = await start('querier', [
    '--target=querier',
    `--querier.store-addresses=127.0.0.1:${ingesterGrpc}`,
    '--querier.store-info-refresh-interval=1h',
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGTERM')));
});

const end = Math.floor(Date.now() / 1000) * 1000;

/** 20 series of `jobs_total` and 5 of `queue_depth`, 40 samples each, 15s apart. */
function series(): EncodableSeries[] {
  const make = (name: string, n: number): EncodableSeries[] =>
    Array.from({ length: n }, (_, i) => ({
      labels: [
        { name: '__name__', value: name },
        { name: 'i', value: String(i) },
      ],
      samples: {
        timestamps: Array.from({ length: 40 }, (_, k) => end - (39 - k) * 15_000),
        values: Array.from({ length: 40 }, (_, k) => i * 1000 + k),
      },
    }));
  return [...make('jobs_total', 20), ...make('queue_depth', 5)];
}

async function push(): Promise<void> {
  const body = encodeWriteRequestV1({
    timeseries: series(),
    metadata: [
      { metricFamilyName: 'jobs_total', type: MetricType.Counter, help: 'Jobs done.', unit: '' },
      { metricFamilyName: 'jobs_total', type: MetricType.Counter, help: 'Jobs finished.', unit: '' },
      { metricFamilyName: 'queue_depth', type: MetricType.Gauge, help: 'Jobs waiting.', unit: '' },
    ],
  });
  const res = await fetch(`${distributor.url}/api/v1/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy', ...H },
    body: snappyCompress(body),
  });
  expect(res.status, await res.text()).toBe(204);
}

/** Every sample the querier answers for `{__name__=~"jobs_total|queue_depth"}` over 15 minutes. */
async function samples(): Promise<number> {
  const data = await instantQuery(querier.url, '{__name__=~"jobs_total|queue_depth"}[15m]', end / 1000, H);
  return (data.result as MatrixSeries[]).reduce((n, s) => n + s.values.length, 0);
}

async function metadata(query: string): Promise<Record<string, { type: string; help: string }[]>> {
  const res = await fetch(`${querier.url}/api/v1/metadata${query}`, { headers: H });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Record<string, { type: string; help: string }[]> }).data;
}

describe('a standalone querier over one ingester', () => {
  it('reads what was pushed', async () => {
    await push();
    await poll(async () => (await samples()) === 25 * 40, { timeoutMs: 30_000, what: 'samples readable' });
  });

  it('answers metric metadata from the ingester, honouring limit and limit_per_metric', async () => {
    expect(await metadata('')).toEqual({
      jobs_total: [
        { type: 'counter', help: 'Jobs done.', unit: '' },
        { type: 'counter', help: 'Jobs finished.', unit: '' },
      ],
      queue_depth: [{ type: 'gauge', help: 'Jobs waiting.', unit: '' }],
    });
    expect(Object.keys(await metadata('?limit=1'))).toEqual(['jobs_total']);
    expect((await metadata('?limit_per_metric=1')).jobs_total).toEqual([{ type: 'counter', help: 'Jobs done.', unit: '' }]);
    expect(await metadata('?metric=queue_depth')).toEqual({
      queue_depth: [{ type: 'gauge', help: 'Jobs waiting.', unit: '' }],
    });
    const other = await fetch(`${querier.url}/api/v1/metadata`, {
      headers: { 'X-Scope-OrgID': `other-${run}` },
    });
    expect(((await other.json()) as { data: object }).data).toEqual({});
  });

  it('answers every sample right after the ingester flushed its head into blocks', async () => {
    const res = await fetch(`${ingester.url}/ingester/flush`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(await samples()).toBe(25 * 40);
  });
});
