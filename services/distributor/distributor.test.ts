import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../../libs/errors/index.js';
import { EmbeddedIngestLog, type ConsumedRecord, type IngestLog } from '../../libs/ingestlog/index.js';
import { STALE_NAN } from '../../libs/model/index.js';
import {
  decodeWriteRequest,
  encodeWriteRequestV1,
  snappyCompress,
  type EncodableSeries,
  type WriteRequest,
} from '../../libs/remotewrite/index.js';
import { HttpServer, Router } from '../../libs/server/index.js';
import { DEFAULT_LIMITS, staticLimits } from '../../libs/limits/index.js';
import { Distributor } from './index.js';

let log: IngestLog;
let server: HttpServer;
let url: string;
let failLog = false;

beforeAll(async () => {
  log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'dist-')) });
  const router = new Router();
  new Distributor(
    { maxRecvMsgSize: 64 * 1024 },
    () => flakyLog(log),
    {
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      multitenancy: false,
      limits: staticLimits({ ...DEFAULT_LIMITS, ingestionRate: 1000, ingestionBurstSize: 5000 }),
      minValidTime: () => Date.now() - 3_600_000,
    },
  ).registerRoutes(router);
  server = new HttpServer({ port: 0, host: '127.0.0.1' }, router, { logger: pino({ level: 'silent' }), registry: new Registry() });
  await server.startAsync();
  url = `http://127.0.0.1:${server.port()}/api/v1/push`;
});
afterAll(async () => {
  await server.stopAsync();
  await log.close();
});

/** The real log, but producing fails with `unavailable` while `failLog` is set. */
function flakyLog(real: IngestLog): IngestLog {
  const producer = real.producer();
  return new Proxy(real, {
    get: (target, prop) =>
      prop === 'producer'
        ? () => ({
            produce: (p: number, r: Parameters<typeof producer.produce>[1]) =>
              failLog ? Promise.reject(new EpimetheusError('unavailable', 'ingest log is down')) : producer.produce(p, r),
            close: () => producer.close(),
          })
        : (target as unknown as Record<string | symbol, unknown>)[prop],
  });
}

const now = Date.now();
const series = (labels: Record<string, string>, samples: [number, number][] = [[now, 1]]): EncodableSeries => ({
  labels: Object.entries(labels).map(([name, value]) => ({ name, value })),
  samples: { timestamps: samples.map((s) => s[0]), values: samples.map((s) => s[1]) },
});
const body = (s: EncodableSeries[]) => snappyCompress(encodeWriteRequestV1({ timeseries: s }));

async function push(b: Uint8Array | string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy', ...headers },
    body: b,
  });
  return { status: res.status, text: await res.text() };
}

async function lastRecordSeries(): Promise<string[]> {
  const { highWatermark } = await log.offsets(0);
  const c = log.consumer(0, { groupId: `peek-${Math.random()}` });
  let names: string[] = [];
  await new Promise<void>((resolve) => {
    void c.start(highWatermark - 1, (batch) => {
      const req = decodeWriteRequest(batch[batch.length - 1]!.value, '1.0');
      names = req.timeseries.map((s) => s.labels.map((l) => `${l.name}=${l.value}`).join(','));
      resolve();
      return Promise.resolve();
    });
  });
  await c.stop();
  return names;
}

async function lastRecord(): Promise<ConsumedRecord> {
  const { highWatermark } = await log.offsets(0);
  const c = log.consumer(0, { groupId: `peek-${Math.random()}` });
  const got = await new Promise<ConsumedRecord>((resolve) => {
    void c.start(highWatermark - 1, (batch) => {
      resolve(batch[batch.length - 1]!);
      return Promise.resolve();
    });
  });
  await c.stop();
  return got;
}

/** Labels and float samples of a decoded request, stale NaNs as bit patterns. */
function content(req: WriteRequest): unknown {
  const bits = (v: Float64Array) => Array.from(new BigUint64Array(v.buffer, v.byteOffset, v.length), String);
  return req.timeseries.map((s) => [s.labels, Array.from(s.samples.timestamps), bits(s.samples.values)]);
}

describe('in-process hand-off', () => {
  it('attaches to each record the decoded request its bytes encode, forwarded or re-encoded', async () => {
    const stale = new Float64Array([STALE_NAN]);
    const clean = [series({ __name__: 'up', job: 'a' }), { ...series({ __name__: 'up', job: 'b' }), samples: { timestamps: [now], values: stale } }];
    for (const b of [body(clean), body([...clean, series({ job: 'no-name' })])]) {
      await push(b);
      const rec = await lastRecord();
      const local = rec.local as WriteRequest;
      expect(local.version).toBe('1.0');
      expect(content(local)).toEqual(content(decodeWriteRequest(rec.value, '1.0')));
      expect(local.timeseries).toHaveLength(2);
    }
  });
});

describe('remote-write receiver', () => {
  it('stores a valid request and answers 204', async () => {
    const r = await push(body([series({ __name__: 'up', job: 'a' })]));
    expect(r.status).toBe(204);
    expect(await lastRecordSeries()).toEqual(['__name__=up,job=a']);
  });

  const rejections: { name: string; series: EncodableSeries; want: RegExp; keepsSeries?: boolean }[] = [
    { name: 'missing metric name', series: series({ job: 'a' }), want: /metric name/i },
    { name: 'invalid label name', series: series({ __name__: 'up', 'bad-name': 'x' }), want: /bad-name/ },
    { name: 'label value too long', series: series({ __name__: 'up', v: 'x'.repeat(5000) }), want: /--validation.max-length-label-value/ },
    {
      name: 'too many labels',
      series: series(Object.fromEntries([['__name__', 'up'], ...Array.from({ length: 40 }, (_, i) => [`l${i}`, 'v'])])),
      want: /--validation.max-label-names-per-series/,
    },
    // Only the offending sample goes; the series keeps its in-order samples.
    { name: 'samples out of order', series: series({ __name__: 'up', job: 'ooo' }, [[now, 1], [now - 1000, 2]]), want: /order/i, keepsSeries: true },
    { name: 'too far in the future', series: series({ __name__: 'up', job: 'future' }, [[now + 3_600_000, 1]]), want: /future/i },
    { name: 'older than the head accepts', series: series({ __name__: 'up', job: 'old' }, [[now - 7_200_000, 1]]), want: /old/i },
  ];
  for (const c of rejections) {
    it(`rejects ${c.name} with 400 naming the series, and stores the valid rest`, async () => {
      const r = await push(body([c.series, series({ __name__: 'ok_metric', case: c.name })]));
      expect(r.status).toBe(400);
      expect(r.text).toMatch(c.want);
      const kept = c.keepsSeries ? ['__name__=up,job=ooo'] : [];
      expect(await lastRecordSeries()).toEqual([...kept, `__name__=ok_metric,case=${c.name}`]);
    });
  }

  const malformed: { name: string; body: Uint8Array | string; headers?: Record<string, string>; status: number; want: RegExp }[] = [
    { name: 'a garbage body', body: 'not snappy at all', status: 400, want: /snappy/ },
    { name: 'truncated snappy', body: body([series({ __name__: 'up' })]).subarray(0, 10), status: 400, want: /snappy/ },
    { name: 'snappy of garbage protobuf', body: snappyCompress(Buffer.from([0x0a, 0xff, 0xff, 0x01])), status: 400, want: /./ },
    { name: 'a wrong Content-Type', body: body([series({ __name__: 'up' })]), headers: { 'Content-Type': 'application/json' }, status: 415, want: /Content-Type/ },
    { name: 'a wrong Content-Encoding', body: body([series({ __name__: 'up' })]), headers: { 'Content-Encoding': 'gzip' }, status: 415, want: /Content-Encoding/ },
    { name: 'a body over the limit', body: new Uint8Array(100 * 1024), status: 413, want: /--distributor.max-recv-msg-size/ },
  ];
  for (const c of malformed) {
    it(`answers ${c.status} to ${c.name}`, async () => {
      const r = await push(c.body, c.headers);
      expect(r.status).toBe(c.status);
      expect(r.text).toMatch(c.want);
    });
  }

  it('refuses native histograms with 400 saying so', async () => {
    const h: EncodableSeries = {
      labels: [{ name: '__name__', value: 'latency' }],
      histograms: [
        {
          timestamp: now, startTimestamp: 0, isFloat: false, count: 1, sum: 1, schema: 0, zeroThreshold: 0, zeroCount: 0,
          resetHint: 0, positiveSpans: [{ offset: 0, length: 1 }], negativeSpans: [], positiveDeltas: [1], negativeDeltas: [],
          positiveCounts: [], negativeCounts: [], customValues: [],
        },
      ],
    };
    const r = await push(snappyCompress(encodeWriteRequestV1({ timeseries: [h] })));
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/native histogram/);
  });

  it('answers 429 naming the flag when the tenant is over its rate', async () => {
    const big = Array.from({ length: 6000 }, (_, i) => series({ __name__: 'burst', i: String(i) }));
    const r = await push(snappyCompress(encodeWriteRequestV1({ timeseries: big })));
    expect(r.status).toBe(429);
    expect(r.text).toMatch(/--distributor.ingestion-rate-limit/);
  });

  it('answers 503 when the log cannot make the write durable, then recovers', async () => {
    failLog = true;
    const r = await push(body([series({ __name__: 'up', job: 'down' })]));
    failLog = false;
    expect(r.status).toBe(503);
    expect(r.text).toMatch(/ingest log is down/);
    const again = await push(body([series({ __name__: 'up', job: 'back' })]));
    expect(again.status).toBe(204);
  });
});
