import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKV } from '../kv/index.js';
import { type Service, poll } from '../services/index.js';
import { WRITE } from './operation.js';
import { CountingKV, FlakyKV, GateKV, KEY, plant, stored, testLifecycler, testRing } from './testing.js';

const running: Service[] = [];
async function start<S extends Service>(s: S): Promise<S> {
  running.push(s);
  await s.startAsync();
  return s;
}
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.stopAsync();
});

describe('Lifecycler', () => {
  it('registers with numTokens tokens, becomes ACTIVE and heartbeats', async () => {
    const kv = new MemoryKV();
    const l = await start(testLifecycler(kv, 'ing-1', { numTokens: 128, instanceZone: 'z1' }));
    const d = (await stored(kv))['ing-1']!;
    expect(d.state).toBe('ACTIVE');
    expect(l.instanceState()).toBe('ACTIVE');
    expect(d.tokens).toHaveLength(128);
    expect(new Set(d.tokens).size).toBe(128);
    expect(d.tokens).toEqual([...d.tokens].sort((a, b) => a - b));
    expect(d).toMatchObject({ addr: 'ing-1:9095', zone: 'z1' });
    const first = d.heartbeatTimestamp;
    await poll(async () => (await stored(kv))['ing-1']!.heartbeatTimestamp > first, {
      what: 'a later heartbeat',
    });
    expect((await stored(kv))['ing-1']!.registeredTimestamp).toBe(d.registeredTimestamp);
  });

  it('stays JOINING without autoJoin until changeState', async () => {
    const kv = new MemoryKV();
    const l = await start(testLifecycler(kv, 'ing-1', { autoJoin: false }));
    expect((await stored(kv))['ing-1']!.state).toBe('JOINING');
    await l.changeState('ACTIVE');
    expect((await stored(kv))['ing-1']!.state).toBe('ACTIVE');
  });

  it('a heartbeat racing a state change never writes the old state back', async () => {
    const kv = new GateKV(new MemoryKV());
    const l = await start(testLifecycler(kv, 'ing-1', { autoJoin: false, heartbeatPeriodMs: 60_000 }));
    const release = kv.holdNext();
    const beat = l.heartbeat(); // Read JOINING, held before its write.
    await l.changeState('ACTIVE');
    release(); // The held write conflicts and is retried.
    await beat;
    expect((await stored(kv))['ing-1']!.state).toBe('ACTIVE');
  });

  it('moves to LEAVING and unregisters on stop', async () => {
    const kv = new MemoryKV();
    const states: string[] = [];
    const ring = await start(testRing(kv));
    ring.onChange((d) => states.push(d.instances['ing-1']?.state ?? 'gone'));
    const l = testLifecycler(kv, 'ing-1');
    await l.startAsync();
    await l.stopAsync();
    expect(l.state()).toBe('Terminated');
    expect(await stored(kv)).toEqual({});
    await poll(() => states.at(-1) === 'gone', { what: 'the ring to see the instance leave' });
    expect(states).toContain('LEAVING');
  });

  it('keeps the instance LEAVING with keepInstanceOnShutdown, and a re-join takes its tokens over', async () => {
    const kv = new MemoryKV();
    const first = testLifecycler(kv, 'ing-1', { keepInstanceOnShutdown: true });
    await first.startAsync();
    const tokens = first.tokens();
    const registered = (await stored(kv))['ing-1']!.registeredTimestamp;
    await first.stopAsync();
    expect((await stored(kv))['ing-1']).toMatchObject({ state: 'LEAVING', tokens });

    const second = await start(testLifecycler(kv, 'ing-1', { instanceAddr: 'new-addr:9095' }));
    expect(second.tokens()).toEqual(tokens);
    expect((await stored(kv))['ing-1']).toMatchObject({
      state: 'ACTIVE',
      tokens,
      addr: 'new-addr:9095',
      registeredTimestamp: registered,
    });
  });

  it('tops up a re-joining instance that has fewer tokens than wanted, keeping the old ones', async () => {
    const kv = new MemoryKV();
    await plant(kv, {
      id: 'ing-1',
      state: 'ACTIVE',
      tokens: [5, 10],
      registeredTimestamp: 1,
      heartbeatTimestamp: Date.now(),
    });
    await plant(kv, {
      id: 'other',
      state: 'ACTIVE',
      tokens: [7],
      registeredTimestamp: 1,
      heartbeatTimestamp: Date.now(),
    });
    const l = await start(testLifecycler(kv, 'ing-1', { numTokens: 8 }));
    expect(l.tokens()).toHaveLength(8);
    expect(l.tokens()).toEqual(expect.arrayContaining([5, 10]));
    expect(l.tokens()).not.toContain(7);
    expect(l.instanceState()).toBe('ACTIVE'); // It was ACTIVE: taken over as is.
  });

  it('forgets instances silent for longer than the forget period, never itself', async () => {
    const kv = new MemoryKV();
    const now = Date.now();
    await plant(kv, {
      id: 'dead',
      state: 'ACTIVE',
      tokens: [1],
      registeredTimestamp: 0,
      heartbeatTimestamp: now - 60_000,
    });
    await plant(kv, {
      id: 'recent',
      state: 'ACTIVE',
      tokens: [2],
      registeredTimestamp: 0,
      heartbeatTimestamp: now - 1_000,
    });
    const registry = new Registry();
    await start(testLifecycler(kv, 'ing-1', { forgetPeriodMs: 30_000 }, registry));
    expect(Object.keys(await stored(kv)).sort()).toEqual(['ing-1', 'recent']);
    const metric = await registry.getSingleMetric('epimetheus_ring_forgotten_instances_total')!.get();
    expect(metric.values[0]!.value).toBe(1);
  });

  it('re-registers with its tokens when the instance vanished from the ring', async () => {
    const kv = new MemoryKV();
    const l = await start(testLifecycler(kv, 'ing-1'));
    const tokens = l.tokens();
    await kv.delete(KEY); // As when a Redis without persistence restarts.
    const back = await poll(async () => (await stored(kv))['ing-1'], { what: 're-registration' });
    expect(back).toMatchObject({ state: 'ACTIVE', tokens });
  });

  it('keeps running through a KV outage and heartbeats again afterwards', async () => {
    const kv = new FlakyKV(new MemoryKV());
    const registry = new Registry();
    const l = await start(testLifecycler(kv, 'ing-1', {}, registry));
    const failures = async () =>
      (await registry.getSingleMetric('epimetheus_ring_heartbeats_total')!.get()).values.find(
        (v) => v.labels['outcome'] === 'failed',
      )?.value ?? 0;
    kv.down = true;
    await poll(async () => (await failures()) >= 2, { what: 'failed heartbeats' });
    expect(l.state()).toBe('Running');
    const before = Date.now();
    kv.down = false;
    await poll(async () => (await stored(kv))['ing-1']!.heartbeatTimestamp >= before, {
      what: 'a heartbeat after the outage',
    });
  });

  it('registers concurrent lifecyclers without losing an update or sharing a token', async () => {
    // Ten lifecyclers racing on one key: every CAS conflict must be retried, not dropped.
    const kv = new CountingKV(new MemoryKV({ cas: { maxRetries: 50, minBackoffMs: 1, maxBackoffMs: 5 } }));
    const ids = Array.from({ length: 10 }, (_, i) => `ing-${i}`);
    const ls = ids.map((id) => testLifecycler(kv, id, { numTokens: 32, heartbeatPeriodMs: 10 }));
    running.push(...ls);
    await Promise.all(ls.map((l) => l.startAsync()));
    const all = await stored(kv);
    expect(Object.keys(all).sort()).toEqual([...ids].sort());
    const tokens = Object.values(all).flatMap((d) => d.tokens);
    expect(new Set(tokens).size).toBe(10 * 32);
    for (const l of ls) expect(all[l.instanceId]!.tokens).toEqual(l.tokens());
    expect(kv.attempts).toBeGreaterThan(kv.calls); // There were conflicts to resolve.
    // Keep racing on heartbeats for a while: nobody disappears, every state stays ACTIVE.
    const t0 = Date.now();
    await poll(async () => Object.values(await stored(kv)).every((d) => d.heartbeatTimestamp > t0 + 100), {
      what: 'every instance to heartbeat under contention',
    });
    expect(Object.values(await stored(kv)).map((d) => d.state)).toEqual(ids.map(() => 'ACTIVE'));
  });

  it('answers ring lookups with the registered instances', async () => {
    const kv = new MemoryKV();
    const ring = await start(testRing(kv, { replicationFactor: 3 }));
    for (const id of ['a', 'b', 'c']) await start(testLifecycler(kv, id));
    await poll(() => ring.instances().length === 3, { what: 'three instances' });
    const set = ring.get(12345, WRITE);
    expect(set.instances.map((i) => i.id).sort()).toEqual(['a', 'b', 'c']);
    expect(set.maxErrors).toBe(1);
  });
});
