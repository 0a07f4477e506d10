/**
 * Ring state lives in Redis. When Redis restarts empty, every member re-registers on its next
 * heartbeat and a querier that discovers stores through the rings answers again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../libs/services/index.js';
import { instantQuery } from './lib/api.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';
import { privateRedis, type PrivateRedis } from './lib/redis.js';
import { pushSeries } from './lib/remote-write.js';

const dir = mkdtempSync(join(tmpdir(), 'epimetheus-redis-restart-'));
let redis: PrivateRedis;
let node: EpimetheusProcess;
let querier: EpimetheusProcess;
const t = Math.floor(Date.now() / 1000) * 1000 - 60_000;

async function ringIds(): Promise<string[]> {
  const page = (await fetch(`${node.url}/ingester/ring?format=json`).then((r) => r.json())) as { instances: { id: string; state: string }[] };
  return page.instances.filter((i) => i.state === 'ACTIVE').map((i) => i.id);
}

beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
  const kv = ['--kv.store=redis', `--kv.redis.url=${redis.url}`, '--kv.redis.poll-interval=200ms'];
  const grpc = await freePort();
  // One process holding ingester and store-gateway, registered in both rings.
  node = await startEpimetheus({
    dataDir: join(dir, 'node'),
    logFile: join(dir, 'node.log'),
    args: [...kv, '--instance.id=node-1', '--ingester.ring.heartbeat-period=1s', '--store-gateway.ring.heartbeat-period=1s',
      `--ingester.ring.instance-addr=127.0.0.1:${grpc}`, `--store-gateway.ring.instance-addr=127.0.0.1:${grpc}`, `--server.grpc-listen-port=${grpc}`],
  });
  querier = await startEpimetheus({ dataDir: join(dir, 'querier'), logFile: join(dir, 'querier.log'), args: [...kv, '--target=querier'] });
  const r = await pushSeries(node.url, [{ labels: [{ name: '__name__', value: 'gpu_memory_used_bytes' }], samples: { timestamps: [t], values: [42] } }]);
  expect(r.status, r.text).toBe(204);
}, 120_000);
afterAll(async () => {
  await querier?.kill('SIGTERM');
  await node?.kill('SIGTERM');
  await redis?.kill();
});

const answer = async () => (await instantQuery(querier.url, 'gpu_memory_used_bytes', t / 1000)).result as unknown[];

describe('a Redis restart', () => {
  it('is survived by the rings and by queries through them', async () => {
    await poll(async () => (await answer()).length === 1, { timeoutMs: 30_000, what: 'querier finds the data through the rings' });
    await redis.kill();
    await redis.start(); // empty: no persistence
    await poll(async () => (await ringIds()).includes('node-1'), { timeoutMs: 30_000, what: 'instance re-registered' });
    // While the querier's view of the rings catches up, a query may fail, but it must never
    // answer from part of the data (here: nothing); in the end it answers right again.
    const want = [{ metric: { __name__: 'gpu_memory_used_bytes' }, value: [t / 1000, '42'] }];
    let right = 0;
    for (let i = 0; i < 100 && right < 10; i++) {
      const got = await answer().catch(() => undefined);
      if (got !== undefined) expect(got).toEqual(want);
      right = got === undefined ? 0 : right + 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(right).toBe(10);
  });
});
