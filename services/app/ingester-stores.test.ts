import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../libs/model/index.js';
import { PartitionRing, type InstanceDesc, type PartitionState } from '../../libs/ring/index.js';
import type { SelectableStore } from '../../libs/storeapi/index.js';
import { ingesterReplicaSets } from './ingester-stores.js';

/** An instance of the ring; `lookup` decides its health. */
const inst = (id: string, addr: string): InstanceDesc => ({
  id,
  addr,
  zone: '',
  state: 'ACTIVE',
  tokens: [],
  registeredTimestamp: 0,
  heartbeatTimestamp: 0,
});

function lookup(instances: InstanceDesc[], unhealthy: string[] = []) {
  return {
    instance: (id: string) => instances.find((i) => i.id === id),
    healthy: (i: InstanceDesc) => !unhealthy.includes(i.id),
  };
}

function partitionRing(
  partitions: Record<number, PartitionState>,
  owners: Record<string, number>,
): PartitionRing {
  return new PartitionRing({
    partitions: Object.fromEntries(
      Object.entries(partitions).map(([id, state]) => [
        id,
        { id: Number(id), tokens: [Number(id) + 1], state, stateTimestamp: 0 },
      ]),
    ),
    owners: Object.fromEntries(
      Object.entries(owners).map(([id, partition]) => [id, { id, partition, updatedTimestamp: 0 }]),
    ),
  });
}

/** A store answering with its address, so a test sees which replica a set asked first. */
function store(addr: string): SelectableStore {
  const queryable: Queryable = {
    querier: () =>
      Promise.resolve({
        select: () => Promise.resolve([]),
        labelNames: () => Promise.resolve([addr]),
        labelValues: () => Promise.resolve([]),
      }),
  };
  return { kind: 'ingester', queryable: () => queryable, timeRange: () => ({ minTime: 0, maxTime: 1 }) };
}

async function firstAsked(sets: SelectableStore[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of sets)
    out.push(...(await (await s.queryable('t').querier(0, 1)).labelNames([], { start: 0, end: 1 })));
  return out;
}

describe('ingesterReplicaSets', () => {
  const a0 = inst('ingester-zone-a-0', 'a0');
  const b0 = inst('ingester-zone-b-0', 'b0');
  const x = inst('ingester-x', 'x');
  const y = inst('ingester-y', 'y');

  it('groups by the partition each ingester owns, whatever its id says', async () => {
    const ring = partitionRing(
      { 0: 'ACTIVE', 1: 'INACTIVE', 2: 'PENDING' },
      { 'ingester-x': 0, 'ingester-y': 1 },
    );
    const sets = ingesterReplicaSets(lookup([x, y]), [x, y], ring, store);
    expect(await firstAsked(sets)).toEqual(['x', 'y']);
  });

  it('puts the owners of one partition into one set, failing over to a healthy one', async () => {
    const ring = partitionRing({ 0: 'ACTIVE' }, { 'ingester-x': 0, 'ingester-y': 0 });
    const sets = ingesterReplicaSets(lookup([x, y], ['ingester-x']), [y], ring, store);
    expect(await firstAsked(sets)).toEqual(['y']);
  });

  it('fails reads when a partition that may hold data has no healthy owner', async () => {
    const ring = partitionRing({ 0: 'ACTIVE', 1: 'ACTIVE' }, { 'ingester-x': 0, 'ingester-y': 1 });
    const sets = ingesterReplicaSets(lookup([x, y], ['ingester-y']), [x], ring, store);
    expect(sets).toHaveLength(1);
    expect(sets[0]!.timeRange()).toBeUndefined();
    await expect(sets[0]!.queryable('t').querier(0, 1)).rejects.toMatchObject({
      category: 'unavailable',
      partition: 1,
    });
  });

  it('falls back to the id suffix without a partition ring, or with only PENDING partitions', async () => {
    const b1 = inst('ingester-zone-b-1', 'b1');
    for (const ring of [undefined, partitionRing({ 0: 'PENDING' }, {})]) {
      const sets = ingesterReplicaSets(lookup([a0, b0, b1]), [a0, b0, b1], ring, store);
      expect(await firstAsked(sets)).toEqual(['a0', 'b1']);
    }
  });
});
