import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKV } from '../kv/index.js';
import { type Service, poll } from '../services/index.js';
import { EmptyRingError } from './errors.js';
import { READ, WRITE } from './operation.js';
import { KEY, plant, stored, testLifecycler, testRing } from './testing.js';

const running: Service[] = [];
async function start<S extends Service>(s: S): Promise<S> {
  running.push(s);
  await s.startAsync();
  return s;
}
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.stopAsync();
});

describe('Ring', () => {
  it('sees the descriptor at start and follows changes', async () => {
    const kv = new MemoryKV();
    await plant(kv, {
      id: 'a',
      state: 'ACTIVE',
      tokens: [10],
      registeredTimestamp: 0,
      heartbeatTimestamp: Date.now(),
    });
    const ring = await start(testRing(kv));
    expect(ring.instances().map((i) => i.id)).toEqual(['a']);
    await plant(kv, {
      id: 'b',
      state: 'JOINING',
      tokens: [20],
      registeredTimestamp: 0,
      heartbeatTimestamp: Date.now(),
    });
    await poll(() => ring.instances().length === 2, { what: 'b to appear' });
    expect(ring.instance('b')?.state).toBe('JOINING');
    await kv.delete(KEY);
    await poll(() => ring.instances().length === 0, { what: 'the deleted key to empty the ring' });
    expect(() => ring.get(1, WRITE)).toThrow(EmptyRingError);
  });

  it('judges health by state and heartbeat age', async () => {
    const kv = new MemoryKV();
    const now = Date.now();
    await plant(kv, {
      id: 'fresh',
      state: 'ACTIVE',
      tokens: [1],
      registeredTimestamp: 0,
      heartbeatTimestamp: now,
    });
    await plant(kv, {
      id: 'stale',
      state: 'ACTIVE',
      tokens: [2],
      registeredTimestamp: 0,
      heartbeatTimestamp: now - 5_000,
    });
    await plant(kv, {
      id: 'leaving',
      state: 'LEAVING',
      tokens: [3],
      registeredTimestamp: 0,
      heartbeatTimestamp: now,
    });
    const ring = await start(testRing(kv, { heartbeatTimeoutMs: 1_000 }));
    expect(ring.healthy('fresh')).toBe(true);
    expect(ring.healthy('stale')).toBe(false);
    expect(ring.healthy('leaving')).toBe(true);
    expect(ring.healthy('leaving', WRITE)).toBe(false);
    expect(ring.healthy('missing')).toBe(false);
    expect(ring.getAllHealthy(WRITE).instances.map((i) => i.id)).toEqual(['fresh']);
    expect(ring.getAllHealthy(READ).instances.map((i) => i.id)).toEqual(['fresh', 'leaving']);
  });

  it('an instance becomes unhealthy once its lifecycler stops heartbeating', async () => {
    const kv = new MemoryKV();
    const ring = await start(testRing(kv, { heartbeatTimeoutMs: 200 }));
    const l = testLifecycler(kv, 'a', { keepInstanceOnShutdown: true, heartbeatPeriodMs: 50 });
    await l.startAsync();
    await poll(() => ring.healthy('a', WRITE), { what: 'a healthy' });
    await l.stopAsync();
    await poll(() => ring.instance('a') !== undefined && !ring.healthy('a'), { what: 'a unhealthy' });
  });

  it('forgets instances unhealthy for longer than the forget period', async () => {
    const kv = new MemoryKV();
    const now = Date.now();
    await plant(kv, {
      id: 'dead',
      state: 'ACTIVE',
      tokens: [1],
      registeredTimestamp: 0,
      heartbeatTimestamp: now - 10_000,
    });
    await plant(kv, {
      id: 'unhealthy',
      state: 'ACTIVE',
      tokens: [2],
      registeredTimestamp: 0,
      heartbeatTimestamp: now - 2_000,
    });
    const registry = new Registry();
    const ring = await start(
      testRing(kv, { heartbeatTimeoutMs: 1_000, forgetPeriodMs: 5_000, forgetCheckIntervalMs: 20 }, registry),
    );
    await poll(async () => !('dead' in (await stored(kv))), { what: 'dead to be forgotten' });
    expect(Object.keys(await stored(kv))).toEqual(['unhealthy']); // Unhealthy, but not for long enough.
    await poll(() => ring.instance('dead') === undefined, { what: 'the client to drop dead' });
    const members = await registry.getSingleMetric('epimetheus_ring_members')!.get();
    expect(members.values.find((v) => v.labels['state'] === 'unhealthy')?.value).toBe(1);
  });

  it('forget(id) removes an instance; a live lifecycler registers again', async () => {
    const kv = new MemoryKV();
    const ring = await start(testRing(kv));
    const l = await start(testLifecycler(kv, 'a', { heartbeatPeriodMs: 30 }));
    await plant(kv, {
      id: 'gone',
      state: 'ACTIVE',
      tokens: [1],
      registeredTimestamp: 0,
      heartbeatTimestamp: 0,
    });
    await ring.forget('gone');
    expect(ring.instance('gone')).toBeUndefined(); // At once, without waiting for the watch.
    expect('gone' in (await stored(kv))).toBe(false);
    await ring.forget('a');
    await poll(() => ring.instance('a')?.tokens.join() === l.tokens().join(), { what: 'a to come back' });
  });

  it('keeps the previous descriptor when an update cannot be decoded', async () => {
    const kv = new MemoryKV();
    await plant(kv, {
      id: 'a',
      state: 'ACTIVE',
      tokens: [10],
      registeredTimestamp: 0,
      heartbeatTimestamp: Date.now(),
    });
    const registry = new Registry();
    const ring = await start(testRing(kv, {}, registry));
    await kv.cas(KEY, () => ({ value: new TextEncoder().encode('{not json'), retry: false }));
    const failures = async () =>
      (await registry.getSingleMetric('epimetheus_ring_decode_failures_total')!.get()).values[0]?.value ?? 0;
    await poll(async () => (await failures()) === 1, { what: 'the decode failure' });
    expect(ring.instances().map((i) => i.id)).toEqual(['a']);
    expect(ring.state()).toBe('Running');
  });

  it('zone-aware lookups over live lifecyclers put each replica in another zone', async () => {
    const kv = new MemoryKV();
    const ring = await start(testRing(kv, { replicationFactor: 3, zoneAwarenessEnabled: true }));
    for (const zone of ['a', 'b', 'c']) {
      for (const n of [0, 1]) await start(testLifecycler(kv, `ing-${zone}-${n}`, { instanceZone: zone }));
    }
    await poll(() => ring.getAllHealthy(WRITE).instances.length === 6, { what: 'six ACTIVE instances' });
    const seen = new Set<string>();
    for (let k = 0; k < 200; k++) {
      const set = ring.get((k * 0x9e3779b1) >>> 0, WRITE);
      expect(set.instances.map((i) => i.zone).sort()).toEqual(['a', 'b', 'c']);
      expect(set.maxErrors).toBe(1);
      for (const i of set.instances) seen.add(i.id);
    }
    expect(seen.size).toBe(6); // Every instance gets a share.
    const all = ring.replicationSetForOperation(WRITE);
    expect([all.instances.length, all.maxErrors, all.maxUnavailableZones]).toEqual([6, 0, 1]);
  });
});
