import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKV } from '../kv/index.js';
import { type Service, poll } from '../services/index.js';
import { NoActivePartitionError, PartitionUnavailableError } from './errors.js';
import type { InstanceDesc } from './model.js';
import { READ } from './operation.js';
import { PartitionLifecycler, type PartitionLifecyclerConfig } from './partition-lifecycler.js';
import {
  type PartitionRingDesc,
  type PartitionState,
  decodePartitionRingDesc,
  emptyPartitionRingDesc,
  encodePartitionRingDesc,
  partitionTokens,
  withOwner,
  withPartition,
  withPartitionState,
} from './partition-model.js';
import {
  PartitionRing,
  PartitionRingWatcher,
  partitionIdFromInstanceId,
  partitionReplicaSets,
  resolvePartitionId,
} from './partition-ring.js';
import { shardHash } from './hash.js';
import { labelsFrom } from '../model/index.js';
import { Registry } from 'prom-client';
import { silent } from './testing.js';

const PKEY = 'ring/partitions-test';

const running: Service[] = [];
async function start<S extends Service>(s: S): Promise<S> {
  running.push(s);
  await s.startAsync();
  return s;
}
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.stopAsync();
});

function ringOf(states: PartitionState[], owners: Record<string, number> = {}): PartitionRing {
  let d: PartitionRingDesc = emptyPartitionRingDesc();
  states.forEach((s, id) => (d = withPartition(d, id, s, 0)));
  for (const [o, p] of Object.entries(owners)) d = withOwner(d, o, p, 0);
  return new PartitionRing(d);
}

describe('partition ids', () => {
  it.each([
    ['ingester-zone-a-3', 3],
    ['ingester-0', 0],
    ['ingester-zone-b-12', 12],
    ['a-b-c-007', 7],
  ])('partitionIdFromInstanceId(%j) is %i', (id, want) => {
    expect(partitionIdFromInstanceId(id)).toBe(want);
  });

  it.each(['ingester', 'ingester-a', 'ingester-3a', ''])('partitionIdFromInstanceId(%j) throws', (id) => {
    expect(() => partitionIdFromInstanceId(id)).toThrow(/does not end in -<partition number>/);
  });

  it('resolvePartitionId prefers a non-negative flag value', () => {
    expect(resolvePartitionId(5, 'ingester-zone-a-3')).toBe(5);
    expect(resolvePartitionId(-1, 'ingester-zone-a-3')).toBe(3);
    expect(resolvePartitionId(undefined, 'ingester-zone-a-3')).toBe(3);
    expect(() => resolvePartitionId(-1, 'ingester')).toThrow();
  });
});

describe('PartitionRing', () => {
  it('gives each partition the same deterministic tokens', () => {
    const t = partitionTokens(3);
    expect(t).toHaveLength(128);
    expect(new Set(t).size).toBe(128);
    expect(partitionTokens(3)).toEqual(t);
    expect(partitionTokens(4)).not.toEqual(t);
  });

  it('maps hashes onto ACTIVE partitions, evenly', () => {
    const ring = ringOf(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++)
      counts[ring.partitionFor(shardHash('t', labelsFrom({ i: String(i) })))]!++;
    for (const c of counts) expect(c).toBeGreaterThan(3_500);
    const token = ring.partition(2)!.tokens[5]!;
    expect(ring.partitionFor(token)).toBe(2);
  });

  it('walks past partitions that are not ACTIVE and moves only their keys', () => {
    const all = ringOf(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    const some = ringOf(['ACTIVE', 'INACTIVE', 'ACTIVE']);
    let moved = 0;
    for (let i = 0; i < 2_000; i++) {
      const h = shardHash('t', labelsFrom({ i: String(i) }));
      const before = all.partitionFor(h);
      const after = some.partitionFor(h);
      expect(after).not.toBe(1);
      if (before !== 1) expect(after).toBe(before);
      else moved++;
    }
    expect(moved).toBeGreaterThan(400);
  });

  it('throws NoActivePartitionError without an ACTIVE partition', () => {
    expect(() => ringOf([]).partitionFor(1)).toThrow(NoActivePartitionError);
    expect(() => ringOf(['PENDING', 'INACTIVE']).partitionFor(1)).toThrow(NoActivePartitionError);
  });

  it('lists partitions by state, owners and ownership', () => {
    const ring = ringOf(['ACTIVE', 'PENDING', 'INACTIVE'], { 'ing-b-0': 0, 'ing-a-0': 0, 'ing-a-2': 2 });
    expect(ring.partitionIds()).toEqual([0, 1, 2]);
    expect(ring.partitionIds('ACTIVE')).toEqual([0]);
    expect(ring.owners(0)).toEqual(['ing-a-0', 'ing-b-0']);
    expect(ring.owners(1)).toEqual([]);
    const total = [...ring.ownership().values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('round-trips through its JSON codec', () => {
    let d = withPartition(emptyPartitionRingDesc(), 0, 'PENDING', 5);
    d = withPartitionState(withOwner(d, 'ing-0', 0, 6), 0, 'ACTIVE', 7);
    expect(decodePartitionRingDesc(encodePartitionRingDesc(d))).toEqual(d);
  });
});

describe('partitionReplicaSets', () => {
  const inst = (id: string, healthy: boolean): InstanceDesc => ({
    id,
    addr: `${id}:9095`,
    zone: id.includes('-a-') ? 'a' : 'b',
    state: 'ACTIVE',
    tokens: [],
    registeredTimestamp: 0,
    heartbeatTimestamp: healthy ? 1 : 0,
  });
  const lookup = (list: InstanceDesc[]) => ({
    instance: (id: string) => list.find((i) => i.id === id),
    healthy: (i: InstanceDesc) => i.heartbeatTimestamp === 1,
  });

  it('gives each readable partition its healthy owners, skipping PENDING ones', () => {
    const ring = ringOf(['ACTIVE', 'INACTIVE', 'PENDING'], {
      'ing-a-0': 0,
      'ing-b-0': 0,
      'ing-a-1': 1,
      'ing-b-1': 1,
    });
    const sets = partitionReplicaSets(
      ring,
      lookup([inst('ing-a-0', true), inst('ing-b-0', true), inst('ing-a-1', false), inst('ing-b-1', true)]),
      READ,
    );
    expect(sets.map((s) => [s.partition, s.instances.map((i) => i.id)])).toEqual([
      [0, ['ing-a-0', 'ing-b-0']],
      [1, ['ing-b-1']],
    ]);
  });

  it('throws PartitionUnavailableError when a partition has no healthy owner', () => {
    const ring = ringOf(['ACTIVE', 'ACTIVE'], { 'ing-a-0': 0, 'ing-a-1': 1, 'ing-b-1': 1 });
    const look = lookup([inst('ing-a-0', true), inst('ing-a-1', false)]); // ing-b-1 is not in the instance ring.
    expect(() => partitionReplicaSets(ring, look, READ)).toThrow(PartitionUnavailableError);
  });
});

describe('PartitionLifecycler and PartitionRingWatcher', () => {
  const lifecycler = (kv: MemoryKV, id: string, over: Partial<PartitionLifecyclerConfig> = {}) =>
    new PartitionLifecycler(
      {
        key: PKEY,
        instanceId: id,
        partitionId: partitionIdFromInstanceId(id),
        reconcileIntervalMs: 20,
        ...over,
      },
      { kv },
      { logger: silent, registry: new Registry() },
    );
  const watcher = (kv: MemoryKV) =>
    new PartitionRingWatcher({ key: PKEY }, { kv }, { logger: silent, registry: new Registry() });

  it('creates partitions, records two owners per partition and activates them', async () => {
    const kv = new MemoryKV();
    const w = await start(watcher(kv));
    for (const id of ['ingester-zone-a-0', 'ingester-zone-b-0', 'ingester-zone-a-1'])
      await start(lifecycler(kv, id));
    await poll(() => w.ring().partitionIds('ACTIVE').length === 2, { what: 'two ACTIVE partitions' });
    expect(w.ring().owners(0)).toEqual(['ingester-zone-a-0', 'ingester-zone-b-0']);
    expect(w.ring().owners(1)).toEqual(['ingester-zone-a-1']);
    expect([0, 1]).toContain(w.partitionFor(0x12345678));
  });

  it('keeps a partition PENDING until it has enough owners', async () => {
    const kv = new MemoryKV();
    const w = await start(watcher(kv));
    await start(lifecycler(kv, 'ingester-zone-a-0', { waitOwnersCountOnPending: 2 }));
    await poll(() => w.ring().partition(0)?.state === 'PENDING', { what: 'partition 0 PENDING' });
    expect(() => w.partitionFor(1)).toThrow(NoActivePartitionError);
    await start(lifecycler(kv, 'ingester-zone-b-0', { waitOwnersCountOnPending: 2 }));
    await poll(() => w.ring().partition(0)?.state === 'ACTIVE', { what: 'partition 0 ACTIVE' });
  });

  it('waits for the partition when it may not create it', async () => {
    const kv = new MemoryKV();
    const waiting = lifecycler(kv, 'ingester-zone-b-0', { createPartitionIfNotExists: false });
    running.push(waiting);
    const started = waiting.startAsync();
    await poll(() => waiting.state() === 'Starting', { what: 'starting' });
    expect(decodePartitionRingDesc(await kv.get(PKEY)).owners).toEqual({});
    await start(lifecycler(kv, 'ingester-zone-a-0'));
    await started;
    expect(Object.keys(decodePartitionRingDesc(await kv.get(PKEY)).owners).sort()).toEqual([
      'ingester-zone-a-0',
      'ingester-zone-b-0',
    ]);
  });

  it('re-creates its partition and ownership after the KV lost them, and leaves on request', async () => {
    const kv = new MemoryKV();
    const w = await start(watcher(kv));
    const l = lifecycler(kv, 'ingester-zone-a-3', { removeOwnerOnShutdown: true });
    await l.startAsync();
    await kv.delete(PKEY);
    const stored = async () => decodePartitionRingDesc(await kv.get(PKEY));
    await poll(async () => (await stored()).partitions[3]?.state === 'ACTIVE', { what: 'partition 3 back' });
    expect((await stored()).owners['ingester-zone-a-3']?.partition).toBe(3);
    await l.changePartitionState('INACTIVE');
    await poll(() => w.ring().partition(3)?.state === 'INACTIVE', { what: 'partition 3 INACTIVE' });
    await l.stopAsync();
    await poll(() => w.ring().owners(3).length === 0, { what: 'owner removed' });
    expect(w.ring().partition(3)?.state).toBe('INACTIVE'); // The partition itself stays.
  });
});
