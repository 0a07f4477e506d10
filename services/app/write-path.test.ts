import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MemoryKV } from '../../libs/kv/index.js';
import { Router } from '../../libs/server/index.js';
import { poll } from '../../libs/services/index.js';
import { PARTITION_RING_KEY, partitionOwnership, partitionRingWatcher } from './write-path.js';

const logger = pino({ level: 'silent' });
const deps = () => ({ logger, registry: new Registry() });
const flags = (store: string) =>
  new Map<string, string | number | boolean | string[]>([
    ['kv.store', store],
    ['ingester.partition-id', -1],
    ['ingester.partition-ring.min-partition-owners-count', 1],
    ['ingester.partition-ring.min-partition-owners-duration', 0],
  ]);

describe('partition ring wiring', () => {
  it('is off with the embedded defaults (in-memory KV)', () => {
    const kv = new MemoryKV({ logger });
    expect(
      partitionOwnership(
        flags('memory'),
        kv,
        { instanceId: 'x', partitionId: 0, reconcileIntervalMs: 100 },
        new Router(),
        deps(),
      ),
    ).toEqual([]);
    expect(partitionRingWatcher(flags('memory'), kv, deps())).toBeUndefined();
  });

  it('registers an ingester whose id is a plain hostname as owner, and the partition turns ACTIVE', async () => {
    const kv = new MemoryKV({ logger });
    const services = partitionOwnership(
      flags('redis'),
      kv,
      { instanceId: 'worker7', partitionId: 2, reconcileIntervalMs: 100 },
      new Router(),
      deps(),
    );
    const watcher = partitionRingWatcher(flags('redis'), kv, deps())!;
    for (const s of [...services, watcher]) await s.startAsync();
    try {
      await poll(() => watcher.ring().partition(2)?.state === 'ACTIVE', {
        timeoutMs: 5000,
        what: 'partition 2 ACTIVE',
      });
      expect(watcher.ring().owners(2)).toEqual(['worker7']);
      expect(watcher.key).toBe(PARTITION_RING_KEY);
    } finally {
      for (const s of [watcher, ...services].reverse()) await s.stopAsync();
    }
  });
});
