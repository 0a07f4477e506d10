import { describe, expect, it } from 'vitest';
import type { InstanceDesc, InstanceState, RingDesc } from '../ring/index.js';
import { BlockSharding } from './index.js';

const NOW = 1_700_000_000_000;

/** Deterministic tokens: 64 per instance, spread by a simple LCG seeded with the id. */
function instance(
  id: string,
  zone = '',
  state: InstanceState = 'ACTIVE',
  heartbeatTimestamp = NOW,
): InstanceDesc {
  let x = [...id].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) >>> 0;
  const tokens = Array.from({ length: 64 }, () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0)).sort(
    (a, b) => a - b,
  );
  return { id, addr: `${id}:9095`, zone, state, tokens, registeredTimestamp: NOW - 1000, heartbeatTimestamp };
}

function sharding(
  instances: InstanceDesc[],
  replicationFactor: number,
  zoneAwarenessEnabled = false,
): BlockSharding {
  const desc: RingDesc = { instances: Object.fromEntries(instances.map((i) => [i.id, i])) };
  return new BlockSharding(
    { desc: () => desc, heartbeatTimeoutMs: 60_000 },
    { replicationFactor, zoneAwarenessEnabled },
    () => NOW,
  );
}

const ULIDS = Array.from({ length: 200 }, (_, i) => `01HBLOCK${String(i).padStart(18, '0')}`);

describe('BlockSharding', () => {
  it('gives each block to exactly one store-gateway with replication factor 1, spreading them', () => {
    const ids = ['sg-1', 'sg-2', 'sg-3'];
    const s = sharding(
      ids.map((id) => instance(id)),
      1,
    );
    const count = new Map<string, number>();
    for (const u of ULIDS) {
      const owners = s.owners('t', u);
      expect(owners).toHaveLength(1);
      expect(ids.filter((id) => s.owns(id, 't', u))).toEqual([owners[0]!.id]);
      count.set(owners[0]!.id, (count.get(owners[0]!.id) ?? 0) + 1);
    }
    for (const id of ids) expect(count.get(id) ?? 0).toBeGreaterThan(20);
  });

  it('depends on the tenant too', () => {
    const s = sharding(
      ['sg-1', 'sg-2', 'sg-3'].map((id) => instance(id)),
      1,
    );
    expect(ULIDS.some((u) => s.owners('a', u)[0]!.id !== s.owners('b', u)[0]!.id)).toBe(true);
  });

  it('gives each block to two distinct store-gateways with replication factor 2', () => {
    const s = sharding(
      ['sg-1', 'sg-2', 'sg-3'].map((id) => instance(id)),
      2,
    );
    for (const u of ULIDS) expect(new Set(s.owners('t', u).map((i) => i.id)).size).toBe(2);
  });

  it('puts replicas in different zones with zone awareness', () => {
    const s = sharding(
      [instance('a-1', 'a'), instance('a-2', 'a'), instance('b-1', 'b'), instance('b-2', 'b')],
      2,
      true,
    );
    for (const u of ULIDS)
      expect(
        s
          .owners('t', u)
          .map((i) => i.zone)
          .sort(),
      ).toEqual(['a', 'b']);
  });

  it('passes over a store-gateway with a stale heartbeat or still joining, so its blocks keep an owner', () => {
    const healthy = ['sg-1', 'sg-2'].map((id) => instance(id));
    for (const third of [instance('sg-3', '', 'ACTIVE', NOW - 120_000), instance('sg-3', '', 'JOINING')]) {
      const s = sharding([...healthy, third], 1);
      for (const u of ULIDS) {
        const owners = s.owners('t', u);
        expect(owners).toHaveLength(1);
        expect(owners[0]!.id).not.toBe('sg-3');
      }
    }
  });

  it('lets a joining store-gateway serve the share it is about to own, which queriers still route elsewhere', () => {
    const ids = ['sg-1', 'sg-2', 'sg-3'];
    const active = sharding(
      ids.map((id) => instance(id)),
      1,
    );
    const joining = sharding([instance('sg-1'), instance('sg-2'), instance('sg-3', '', 'JOINING')], 1);
    const share = ULIDS.filter((u) => active.owns('sg-3', 't', u));
    expect(share.length).toBeGreaterThan(0);
    expect(ULIDS.filter((u) => joining.owns('sg-3', 't', u))).toEqual(share);
    for (const u of share) expect(joining.owners('t', u).map((i) => i.id)).not.toContain('sg-3');
  });

  it('lets an instance not in the ring own everything, and an empty ring have no owners', () => {
    const s = sharding([instance('sg-1')], 1);
    expect(s.owns('sg-new', 't', ULIDS[0]!)).toBe(true);
    expect(sharding([], 1).owners('t', ULIDS[0]!)).toEqual([]);
  });
});
