import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisKV } from '../kv/index.js';
import { poll } from '../services/index.js';
import { WRITE } from './operation.js';
import { PartitionLifecycler } from './partition-lifecycler.js';
import { PartitionRingWatcher, partitionIdFromInstanceId } from './partition-ring.js';
import { PrivateRedis, depsEnv, dropPrefix, freePort } from '../testsupport/index.js';
import { silent, stored, testLifecycler, testRing } from './testing.js';

// Runs against the Redis of `npm run deps:up` (.deps/env); without it every test here fails with
// a message saying so. The restart test runs a redis-server of its own.

const FAST = { pollIntervalMs: 20, cas: { maxRetries: 5, minBackoffMs: 5, maxBackoffMs: 50 } };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
}, 60_000);

describe('ring on Redis', () => {
  it('registers, serves lookups and unregisters through the shared Redis', async () => {
    const url = depsEnv('REDIS_URL');
    const keyPrefix = `test:ring:${randomBytes(6).toString('hex')}:`;
    const kvs = [0, 1, 2].map(() => new RedisKV({ url, keyPrefix, ...FAST }));
    cleanups.push(async () => {
      await Promise.all(kvs.map((k) => k.close()));
      await dropPrefix(url, keyPrefix);
    });
    const ring = testRing(kvs[0]!, { replicationFactor: 2 });
    await ring.startAsync();
    cleanups.push(() => ring.stopAsync());
    const a = testLifecycler(kvs[1]!, 'a', { heartbeatPeriodMs: 100 });
    const b = testLifecycler(kvs[2]!, 'b', { heartbeatPeriodMs: 100 });
    await Promise.all([a.startAsync(), b.startAsync()]);
    cleanups.push(() => a.stopAsync());

    await poll(() => ring.healthy('a', WRITE) && ring.healthy('b', WRITE), {
      what: 'a and b ACTIVE in the ring',
    });
    expect(ring.instance('a')!.tokens).toEqual(a.tokens());
    expect(
      ring
        .get(0xdeadbeef, WRITE)
        .instances.map((i) => i.id)
        .sort(),
    ).toEqual(['a', 'b']);

    await b.stopAsync();
    expect(Object.keys(await stored(kvs[0]!))).toEqual(['a']);
    await poll(() => ring.instance('b') === undefined, { what: 'b gone from the ring' });
  });

  it('runs the partition ring: owners from two zones, the distributor maps hashes to partitions', async () => {
    const url = depsEnv('REDIS_URL');
    const keyPrefix = `test:ring:${randomBytes(6).toString('hex')}:`;
    const kvs = Array.from({ length: 5 }, () => new RedisKV({ url, keyPrefix, ...FAST }));
    cleanups.push(async () => {
      await Promise.all(kvs.map((k) => k.close()));
      await dropPrefix(url, keyPrefix);
    });
    const opts = { logger: silent, registry: new Registry() };
    const watcher = new PartitionRingWatcher({ key: 'ring/partitions' }, { kv: kvs[0]! }, opts);
    await watcher.startAsync();
    cleanups.push(() => watcher.stopAsync());
    const ids = ['ingester-zone-a-0', 'ingester-zone-b-0', 'ingester-zone-a-1', 'ingester-zone-b-1'];
    const owners = ids.map(
      (id, i) =>
        new PartitionLifecycler(
          {
            key: 'ring/partitions',
            instanceId: id,
            partitionId: partitionIdFromInstanceId(id),
            reconcileIntervalMs: 50,
          },
          { kv: kvs[i + 1]! },
          opts,
        ),
    );
    await Promise.all(owners.map((o) => o.startAsync()));
    cleanups.push(async () => {
      await Promise.all(owners.map((o) => o.stopAsync()));
    });
    await poll(
      () =>
        watcher.ring().partitionIds('ACTIVE').join() === '0,1' &&
        watcher.ring().owners(0).length === 2 &&
        watcher.ring().owners(1).length === 2,
      {
        what: 'partitions 0 and 1 ACTIVE with two owners each',
      },
    );
    expect(watcher.ring().owners(0)).toEqual(['ingester-zone-a-0', 'ingester-zone-b-0']);
    const hits = new Set<number>();
    for (let h = 0; h < 64; h++) hits.add(watcher.partitionFor((h * 0x9e3779b1) >>> 0));
    expect([...hits].sort()).toEqual([0, 1]);
  });

  it('resolves CAS conflicts between lifecyclers on separate connections', async () => {
    const url = depsEnv('REDIS_URL');
    const keyPrefix = `test:ring:${randomBytes(6).toString('hex')}:`;
    const cas = { maxRetries: 30, minBackoffMs: 1, maxBackoffMs: 20 };
    const kvs = Array.from({ length: 6 }, () => new RedisKV({ url, keyPrefix, ...FAST, cas }));
    cleanups.push(async () => {
      await Promise.all(kvs.map((k) => k.close()));
      await dropPrefix(url, keyPrefix);
    });
    const ls = kvs.map((kv, i) => testLifecycler(kv, `ing-${i}`, { numTokens: 32, heartbeatPeriodMs: 20 }));
    await Promise.all(ls.map((l) => l.startAsync()));
    cleanups.push(async () => {
      await Promise.all(ls.map((l) => l.stopAsync()));
    });
    const all = await stored(kvs[0]!);
    expect(Object.keys(all).sort()).toEqual(ls.map((l) => l.instanceId).sort());
    expect(new Set(Object.values(all).flatMap((d) => d.tokens)).size).toBe(6 * 32);
    const t0 = Date.now();
    await poll(
      async () => Object.values(await stored(kvs[0]!)).every((d) => d.heartbeatTimestamp > t0 + 100),
      {
        what: 'every instance to keep heartbeating under contention',
      },
    );
    await Promise.all(ls.map((l) => l.stopAsync()));
    expect(await stored(kvs[0]!)).toEqual({});
  });

  it('recovers after Redis restarts empty: heartbeats retry and re-register, the ring follows', async () => {
    const server = new PrivateRedis(await freePort());
    await server.start();
    cleanups.push(() => server.kill());
    const ringKV = new RedisKV({ url: server.url, ...FAST });
    const lcKV = new RedisKV({ url: server.url, ...FAST });
    cleanups.push(async () => {
      await ringKV.close();
      await lcKV.close();
    });
    const ring = testRing(ringKV, { heartbeatTimeoutMs: 5_000 });
    await ring.startAsync();
    cleanups.push(() => ring.stopAsync());
    const registry = new Registry();
    const l = testLifecycler(lcKV, 'ing-1', { heartbeatPeriodMs: 100 }, registry);
    await l.startAsync();
    cleanups.push(() => l.stopAsync());
    await poll(() => ring.healthy('ing-1', WRITE), { what: 'ing-1 ACTIVE' });
    const tokens = l.tokens();

    await server.kill();
    const failed = async () =>
      (await registry.getSingleMetric('epimetheus_ring_heartbeats_total')!.get()).values.find(
        (v) => v.labels['outcome'] === 'failed',
      )?.value ?? 0;
    await poll(async () => (await failed()) >= 1, {
      timeoutMs: 20_000,
      what: 'a failed heartbeat while Redis is down',
    });
    expect(l.state()).toBe('Running');
    expect(ring.state()).toBe('Running');

    const restartedAt = Date.now();
    await server.start(); // Empty: no persistence.
    const back = await poll(async () => (await stored(ringKV))['ing-1'], {
      timeoutMs: 20_000,
      what: 're-registration',
    });
    expect(back).toMatchObject({ state: 'ACTIVE', tokens });
    await poll(() => (ring.instance('ing-1')?.heartbeatTimestamp ?? 0) >= restartedAt, {
      timeoutMs: 20_000,
      what: 'the ring client to see the re-registered instance',
    });
    expect(ring.get(42, WRITE).instances.map((i) => i.id)).toEqual(['ing-1']);
  }, 60_000);
});
