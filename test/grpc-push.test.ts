/**
 * The gRPC Push service (`epimetheus_push.Pusher`) of the real binary, as the ruler uses it:
 * what a `PushClient` pushes is what the querier answers; a rejected series comes back with its
 * stable error id while the valid rest is stored; a rate-limited request fails with
 * `rate_limited` and the limit's id.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../libs/errors/index.js';
import { PushClient } from '../libs/pushapi/index.js';
import type { EncodableSeries } from '../libs/remotewrite/index.js';
import { poll } from '../libs/services/index.js';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-grpc-push-'));
const tenant = 'ruler-tenant';
const H = { 'X-Scope-OrgID': tenant };
let epi: EpimetheusProcess;
let client: PushClient;

beforeAll(async () => {
  const grpcPort = await freePort();
  epi = await startEpimetheus({
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'epimetheus.log'),
    args: [
      '--auth.multitenancy-enabled=true',
      `--server.grpc-listen-port=${grpcPort}`,
      '--distributor.ingestion-rate-limit=50',
      '--distributor.ingestion-burst-size=500',
    ],
  });
  client = new PushClient(`127.0.0.1:${grpcPort}`, { timeoutMs: 10_000 });
});

afterAll(async () => {
  client?.close();
  await epi?.kill('SIGTERM');
});

const now = Math.floor(Date.now() / 1000) * 1000;

function rule(name: string, group: string, values: number[]): EncodableSeries {
  return {
    labels: [
      { name: '__name__', value: name },
      { name: 'group', value: group },
    ],
    samples: { timestamps: values.map((_, i) => now - (values.length - 1 - i) * 15_000), values },
  };
}

/** `group@t=value` for every sample of `name` in the last 5 minutes. */
async function read(name: string): Promise<string[]> {
  const data = await instantQuery(epi.url, `${name}[5m]`, now / 1000, H);
  return (data.result as MatrixSeries[])
    .flatMap((s) => s.values.map(([t, v]) => `${s.metric.group}@${t * 1000}=${v}`))
    .sort();
}

describe('gRPC Push through the binary', () => {
  it('stores what it acknowledges with 204, readable through the querier', async () => {
    const series = [rule('job:requests:rate5m', 'a', [1, 2, 3]), rule('job:requests:rate5m', 'b', [4, 5, 6])];
    const r = await client.push(tenant, { timeseries: series });
    expect(r).toMatchObject({ code: 204, samplesWritten: 6, rejections: [] });
    const want = series
      .flatMap((s) =>
        Array.from(s.samples!.timestamps, (t, i) => `${s.labels[1]!.value}@${t}=${s.samples!.values[i]}`),
      )
      .sort();
    let got: string[] = [];
    await poll(async () => (got = await read('job:requests:rate5m')).length === want.length, {
      timeoutMs: 20_000,
      what: 'pushed samples readable',
    });
    expect(got).toEqual(want);
  });

  it("answers 400 with the rejected series' error id and stores the valid rest", async () => {
    const bad: EncodableSeries = {
      labels: [
        { name: '__name__', value: 'job:errors:rate5m' },
        { name: 'bad-name', value: 'x' },
      ],
      samples: { timestamps: [now], values: [1] },
    };
    const r = await client.push(tenant, { timeseries: [bad, rule('job:errors:rate5m', 'ok', [7])] });
    expect(r.code).toBe(400);
    expect(r.samplesWritten).toBe(1);
    expect(r.rejections.map((x) => [x.errorId, x.code])).toEqual([['err-epimetheus-invalid-label', 400]]);
    expect(r.rejections[0]!.message).toMatch(/bad-name/);
    await poll(async () => (await read('job:errors:rate5m')).length === 1, {
      timeoutMs: 20_000,
      what: 'the valid series readable',
    });
    expect(await read('job:errors:rate5m')).toEqual([`ok@${now}=7`]);
  });

  it("refuses a request over the tenant's rate with rate_limited and the limit's id", async () => {
    const big = Array.from({ length: 600 }, (_, i) => rule('job:burst', String(i), [i]));
    const err = await client.push(tenant, { timeseries: big }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EpimetheusError);
    const e = err as EpimetheusError;
    expect([e.category, e.id, e.retriable]).toEqual(['rate_limited', 'err-epimetheus-ingestion-rate', true]);
    expect(e.message).toMatch(/--distributor.ingestion-rate-limit/);
  });

  it('refuses a push without a tenant, as the HTTP receiver does', async () => {
    const e = (await client
      .push('', { timeseries: [rule('x', 'a', [1])] })
      .catch((x: unknown) => x)) as EpimetheusError;
    expect([e.category, e.id]).toEqual(['unauthenticated', 'err-epimetheus-missing-org-id']);
  });
});
