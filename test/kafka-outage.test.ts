/**
 * A Kafka outage never produces a false 2xx: while the broker is down the receiver answers
 * 5xx (so Prometheus retries), and once it is back writes succeed and nothing acknowledged
 * before, during or after the outage is lost.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../libs/services/index.js';
import { instantQuery, type MatrixSeries } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { privateKafka, type PrivateKafka } from './lib/kafka.js';
import { pushSeries } from './lib/remote-write.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-kafka-outage-'));
let kafka: PrivateKafka;
let epi: EpimetheusProcess;
const t0 = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
const acked: number[] = [];

const round = (r: number) => [
  { labels: [{ name: '__name__', value: 'queue_depth' }, { name: 'queue', value: 'prefill' }], samples: { timestamps: [t0 + r * 1000], values: [r] } },
];

beforeAll(async () => {
  kafka = await privateKafka(join(dir, 'kafka'));
  await kafka.start();
  epi = await startEpimetheus({
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'epimetheus.log'),
    args: [`--kafka.brokers=${kafka.brokers}`, '--kafka.partitions=1'],
  });
}, 180_000);
afterAll(async () => {
  await epi?.kill('SIGTERM');
  await kafka?.kill('SIGKILL');
});

describe('a Kafka outage', () => {
  it('acknowledges writes while Kafka is up', async () => {
    for (let r = 0; r < 5; r++) {
      const res = await pushSeries(epi.url, round(r));
      expect(res.status, res.text).toBe(204);
      acked.push(r);
    }
  });

  it('answers 5xx, never 2xx, while Kafka is down', async () => {
    await kafka.kill('SIGKILL');
    for (let r = 5; r < 8; r++) {
      const res = await pushSeries(epi.url, round(r));
      expect(res.status, res.text).toBeGreaterThanOrEqual(500);
    }
    // The process keeps serving: queries and readiness still answer.
    expect((await fetch(`${epi.url}/metrics`)).status).toBe(200);
  });

  it('accepts writes again once Kafka is back and loses nothing acknowledged', async () => {
    await kafka.start();
    let r = 8;
    await poll(async () => (await pushSeries(epi.url, round(r))).status === 204, { timeoutMs: 90_000, intervalMs: 1000, what: 'writes to succeed again' });
    acked.push(r);
    for (r = 9; r < 12; r++) {
      const res = await pushSeries(epi.url, round(r));
      expect(res.status, res.text).toBe(204);
      acked.push(r);
    }
    const want = acked.map((x) => [(t0 + x * 1000) / 1000, String(x)]);
    await poll(
      async () => {
        const data = await instantQuery(epi.url, 'queue_depth[1h]', (t0 + 20_000) / 1000);
        const values = (data.result as MatrixSeries[])[0]?.values ?? [];
        return want.every(([t]) => values.some(([vt]) => vt === t));
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every acknowledged sample readable' },
    );
  });
});
