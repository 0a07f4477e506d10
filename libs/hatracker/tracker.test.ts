import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MemoryKV } from '../kv/index.js';
import { poll } from '../services/index.js';
import { HaTracker } from './index.js';
import { haTrackerSuite } from './tracker-suite.js';

haTrackerSuite('the in-memory KV', async () => {
  const kv = new MemoryKV();
  return { client: () => kv, cleanup: () => kv.close() };
});

describe('HaTracker disabled', () => {
  it('accepts every replica without touching the KV', async () => {
    const kv = new MemoryKV();
    const t = new HaTracker(
      { enabled: false, updateTimeoutMs: 15_000, failoverTimeoutMs: 30_000 },
      { kv },
      { logger: pino({ level: 'silent' }), registry: new Registry() },
    );
    await t.startAsync();
    expect(await t.checkReplica('t', 'c', 'a', 0)).toBe('accept');
    expect(await t.checkReplica('t', 'c', 'b', 1)).toBe('accept');
    expect(await kv.list('')).toEqual([]);
    await t.stopAsync();
  });
});

describe('HaTracker cleanup loop', () => {
  it('deletes stale entries in the background', async () => {
    const kv = new MemoryKV();
    let now = 1_000_000;
    const t = new HaTracker(
      {
        enabled: true,
        updateTimeoutMs: 15_000,
        failoverTimeoutMs: 30_000,
        cleanupIntervalMs: 10,
        now: () => now,
      },
      { kv },
      { logger: pino({ level: 'silent' }), registry: new Registry() },
    );
    await t.startAsync();
    expect(await t.checkReplica('t', 'c', 'a', now)).toBe('accept');
    expect(await kv.list('ha/')).toEqual(['ha/t/c']);
    now += 30 * 60_000 + 1;
    await poll(async () => (await kv.list('ha/')).length === 0, { what: 'stale entry deleted' });
    expect(t.electedReplica('t', 'c')).toBeUndefined();
    await t.stopAsync();
    expect(t.state()).toBe('Terminated');
  });
});

describe('HaTracker hot path', () => {
  it('shares one CAS among concurrent checks and then answers from its cache', async () => {
    const kv = new MemoryKV();
    const registry = new Registry();
    const t = new HaTracker(
      { enabled: true, updateTimeoutMs: 15_000, failoverTimeoutMs: 30_000 },
      { kv },
      { logger: pino({ level: 'silent' }), registry },
    );
    await t.startAsync();
    const results = await Promise.all(Array.from({ length: 20 }, () => t.checkReplica('t', 'c', 'a', 1_000)));
    expect(new Set(results)).toEqual(new Set(['accept']));
    for (let i = 0; i < 20; i++) {
      expect(await t.checkReplica('t', 'c', i % 2 ? 'a' : 'b', 2_000 + i)).toBe(i % 2 ? 'accept' : 'reject');
    }
    expect(await registry.metrics()).toContain('epimetheus_ha_tracker_kv_store_cas_total 1');
    await t.stopAsync();
  });
});
