import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaTracker } from '../../libs/hatracker/index.js';
import { EmbeddedIngestLog, type IngestLog } from '../../libs/ingestlog/index.js';
import { MemoryKV } from '../../libs/kv/index.js';
import { DEFAULT_LIMITS, staticLimits } from '../../libs/limits/index.js';
import { decodeWriteRequest, encodeWriteRequestV1, snappyCompress } from '../../libs/remotewrite/index.js';
import { HttpServer, Router } from '../../libs/server/index.js';
import { Distributor } from './index.js';

let log: IngestLog;
let server: HttpServer;
let tracker: HaTracker;
let url: string;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'ha-')) });
  tracker = new HaTracker({ enabled: true, updateTimeoutMs: 15_000, failoverTimeoutMs: 30_000 }, { kv: new MemoryKV({ logger }) }, { logger, registry: new Registry() });
  await tracker.startAsync();
  const router = new Router();
  new Distributor({ maxRecvMsgSize: 1 << 20 }, () => log, {
    logger,
    registry: new Registry(),
    multitenancy: false,
    limits: staticLimits({ ...DEFAULT_LIMITS, acceptHaSamples: true }),
    haTracker: tracker,
    minValidTime: () => -Infinity,
  }).registerRoutes(router);
  server = new HttpServer({ port: 0, host: '127.0.0.1' }, router, { logger, registry: new Registry() });
  await server.startAsync();
  url = `http://127.0.0.1:${server.port()}/api/v1/push`;
});
afterAll(async () => {
  await server.stopAsync();
  await tracker.stopAsync();
  await log.close();
});

const push = (replica: string, v: number) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
    body: snappyCompress(
      encodeWriteRequestV1({
        timeseries: [
          {
            labels: [
              { name: '__name__', value: 'up' },
              { name: '__replica__', value: replica },
              { name: 'cluster', value: 'eu-1' },
            ],
            samples: { timestamps: [Date.now()], values: [v] },
          },
        ],
      }),
    ),
  });

describe('HA pairs', () => {
  it('stores the elected replica without its replica label and drops the other with 202', async () => {
    expect((await push('a', 1)).status).toBe(204);
    expect((await push('b', 2)).status).toBe(202);
    expect((await push('a', 3)).status).toBe(204);
    const { highWatermark } = await log.offsets(0);
    expect(highWatermark).toBe(2);
    const c = log.consumer(0, { groupId: 'peek' });
    const values: string[] = [];
    await new Promise<void>((resolve) => {
      void c.start('earliest', (batch) => {
        for (const r of batch) {
          for (const s of decodeWriteRequest(r.value, '1.0').timeseries) {
            values.push(`${s.labels.map((l) => `${l.name}=${l.value}`).join(',')} ${s.samples.values[0]}`);
          }
        }
        if (values.length >= 2) resolve();
        return Promise.resolve();
      });
    });
    await c.stop();
    expect(values).toEqual(['__name__=up,cluster=eu-1 1', '__name__=up,cluster=eu-1 3']);
  });
});
