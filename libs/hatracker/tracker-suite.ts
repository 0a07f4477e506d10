// The HA tracker's behaviour against a KV store, run by the test files of this library for each
// KV implementation. Not part of the public surface.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { KVClient } from '../kv/index.js';
import { poll } from '../services/index.js';
import { type ReplicaDesc, decodeReplicaDesc, haKey } from './replica-desc.js';
import { HaTracker, type ReplicaCheck } from './tracker.js';

/** Makes clients of one fresh, empty store per test, and cleans up after it. */
export type KvFactory = () => Promise<{ client: () => KVClient; cleanup: () => Promise<void> }>;

const T0 = 1_700_000_000_000;
const S = 1000;
const OPTS = { enabled: true, updateTimeoutMs: 15 * S, failoverTimeoutMs: 30 * S };

/** One call of `checkReplica` (on distributor `d`, default 0) and what it must give. */
interface Step {
  readonly d?: 0 | 1;
  readonly replica: string;
  /** Seconds after T0 (the fake clock). */
  readonly at: number;
  readonly want: ReplicaCheck;
  /** The KV entry after the step: replica, receivedAt and electedAt in seconds after T0. */
  readonly kv?: readonly [string, number, number];
}

const scenarios: { name: string; steps: Step[] }[] = [
  {
    name: 'the first replica seen is elected',
    steps: [{ replica: 'a', at: 0, want: 'accept', kv: ['a', 0, 0] }],
  },
  {
    name: 'the other replica is rejected while the elected one is alive',
    steps: [
      { replica: 'a', at: 0, want: 'accept' },
      { replica: 'b', at: 1, want: 'reject', kv: ['a', 0, 0] },
      { replica: 'b', at: 29, want: 'reject', kv: ['a', 0, 0] },
    ],
  },
  {
    name: 'receivedAt is refreshed only after the update timeout',
    steps: [
      { replica: 'a', at: 0, want: 'accept' },
      { replica: 'a', at: 10, want: 'accept', kv: ['a', 0, 0] },
      { replica: 'a', at: 16, want: 'accept', kv: ['a', 16, 0] },
      { replica: 'a', at: 20, want: 'accept', kv: ['a', 16, 0] },
    ],
  },
  {
    name: 'fails over once the elected replica is unseen for the failover timeout',
    steps: [
      { replica: 'a', at: 0, want: 'accept' },
      { replica: 'b', at: 29, want: 'reject' },
      { replica: 'b', at: 31, want: 'accept', kv: ['b', 31, 31] },
      { replica: 'a', at: 32, want: 'reject', kv: ['b', 31, 31] },
    ],
  },
  {
    name: 'a refreshed replica stays elected past the first failover timeout',
    steps: [
      { replica: 'a', at: 0, want: 'accept' },
      { replica: 'a', at: 16, want: 'accept' },
      { replica: 'b', at: 40, want: 'reject', kv: ['a', 16, 0] },
      { replica: 'b', at: 47, want: 'accept', kv: ['b', 47, 47] },
    ],
  },
  {
    name: 'two distributors agree: one elects, the other rejects, then either fails over',
    steps: [
      { d: 0, replica: 'a', at: 0, want: 'accept' },
      { d: 1, replica: 'b', at: 1, want: 'reject', kv: ['a', 0, 0] },
      { d: 1, replica: 'a', at: 2, want: 'accept' },
      { d: 1, replica: 'b', at: 31, want: 'accept', kv: ['b', 31, 31] },
      // d0 still caches 'a' from t=0, but that entry is too old to trust: it asks the KV.
      { d: 0, replica: 'a', at: 32, want: 'reject', kv: ['b', 31, 31] },
      { d: 0, replica: 'b', at: 33, want: 'accept' },
    ],
  },
];

async function kvEntry(kv: KVClient, tenant: string, cluster: string): Promise<ReplicaDesc | undefined> {
  const bytes = await kv.get(haKey(tenant, cluster));
  return bytes === null ? undefined : decodeReplicaDesc(bytes);
}

/** Runs the HA tracker suite against stores from `factory`. */
export function haTrackerSuite(name: string, factory: KvFactory): void {
  describe(`HaTracker on ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    });

    async function setup(n: number, options = OPTS) {
      const store = await factory();
      cleanups.push(store.cleanup);
      const trackers: HaTracker[] = [];
      const registries: Registry[] = [];
      for (let i = 0; i < n; i++) {
        const registry = new Registry();
        const t = new HaTracker(
          options,
          { kv: store.client() },
          { logger: pino({ level: 'silent' }), registry },
        );
        await t.startAsync();
        cleanups.push(() => t.stopAsync());
        trackers.push(t);
        registries.push(registry);
      }
      return { trackers, registries, kv: store.client() };
    }

    for (const s of scenarios) {
      it(s.name, async () => {
        const { trackers, kv } = await setup(2);
        for (const [i, step] of s.steps.entries()) {
          const got = await trackers[step.d ?? 0]!.checkReplica('t1', 'c1', step.replica, T0 + step.at * S);
          expect(got, `step ${i}: ${step.replica}@${step.at}s`).toBe(step.want);
          if (step.kv) {
            const [replica, receivedAt, electedAt] = step.kv;
            expect(await kvEntry(kv, 't1', 'c1'), `step ${i} KV`).toEqual({
              replica,
              receivedAt: T0 + receivedAt * S,
              electedAt: T0 + electedAt * S,
            });
          }
        }
      });
    }

    it('keeps tenants and clusters apart', async () => {
      const { trackers } = await setup(1);
      const [t] = trackers;
      expect(await t!.checkReplica('t1', 'c1', 'a', T0)).toBe('accept');
      expect(await t!.checkReplica('t1', 'c2', 'b', T0)).toBe('accept');
      expect(await t!.checkReplica('t2', 'c1', 'b', T0)).toBe('accept');
      expect(await t!.checkReplica('t1', 'c1', 'b', T0)).toBe('reject');
    });

    it('elects exactly one replica when two distributors race on an empty KV', async () => {
      const { trackers, kv } = await setup(2);
      const [r0, r1] = await Promise.all([
        trackers[0]!.checkReplica('t1', 'c1', 'a', T0),
        trackers[1]!.checkReplica('t1', 'c1', 'b', T0),
      ]);
      expect([r0, r1].sort()).toEqual(['accept', 'reject']);
      const winner = r0 === 'accept' ? 'a' : 'b';
      expect((await kvEntry(kv, 't1', 'c1'))?.replica).toBe(winner);
    });

    it("sees the other distributor's election through the watch", async () => {
      const { trackers } = await setup(2);
      expect(await trackers[0]!.checkReplica('t1', 'c1', 'a', T0)).toBe('accept');
      await poll(() => trackers[1]!.electedReplica('t1', 'c1')?.replica === 'a', { what: 'watch update' });
      // Now answered from d1's cache alone.
      expect(await trackers[1]!.checkReplica('t1', 'c1', 'b', T0 + S)).toBe('reject');
    });

    it('loads existing elections at start-up', async () => {
      const store = await factory();
      cleanups.push(store.cleanup);
      const reg = () => ({ logger: pino({ level: 'silent' }), registry: new Registry() });
      const first = new HaTracker(OPTS, { kv: store.client() }, reg());
      await first.startAsync();
      cleanups.push(() => first.stopAsync());
      await first.checkReplica('t1', 'c1', 'a', T0);
      const second = new HaTracker(OPTS, { kv: store.client() }, reg());
      await second.startAsync();
      cleanups.push(() => second.stopAsync());
      expect(second.electedReplica('t1', 'c1')).toEqual({ replica: 'a', receivedAt: T0, electedAt: T0 });
    });

    it('replaces a corrupt entry with the next replica seen', async () => {
      const { trackers, kv } = await setup(1);
      await kv.cas(haKey('t1', 'c1'), () => ({ value: new TextEncoder().encode('{not json'), retry: false }));
      expect(await trackers[0]!.checkReplica('t1', 'c1', 'b', T0)).toBe('accept');
      expect((await kvEntry(kv, 't1', 'c1'))?.replica).toBe('b');
    });

    it('deletes entries of clusters unseen for the cleanup period, sparing refreshed ones', async () => {
      const { trackers, kv } = await setup(2);
      const [d0, d1] = trackers;
      await d0!.checkReplica('t1', 'gone', 'a', T0);
      await d0!.checkReplica('t1', 'alive', 'a', T0);
      await poll(() => d1!.electedReplica('t1', 'alive') !== undefined && d1!.electedReplica('t1', 'gone'), {
        what: 'd1 cache',
      });
      // d1 refreshes 'alive' late; d0's cache still says T0 until the watch brings the refresh.
      await d1!.checkReplica('t1', 'alive', 'a', T0 + 29 * 60 * S);
      expect(await d0!.cleanup(T0 + 31 * 60 * S)).toBe(1);
      expect(await kv.list('ha/')).toEqual([haKey('t1', 'alive')]);
      expect(d0!.electedReplica('t1', 'gone')).toBeUndefined();
      await poll(() => d1!.electedReplica('t1', 'gone') === undefined, { what: 'deletion reaching d1' });
      // The cluster comes back: its next batch elects afresh.
      expect(await d1!.checkReplica('t1', 'gone', 'b', T0 + 32 * 60 * S)).toBe('accept');
    });

    it('counts elections and checks', async () => {
      const { trackers, registries } = await setup(1);
      await trackers[0]!.checkReplica('t1', 'c1', 'a', T0);
      await trackers[0]!.checkReplica('t1', 'c1', 'b', T0 + S);
      await trackers[0]!.checkReplica('t1', 'c1', 'b', T0 + 40 * S);
      const text = await registries[0]!.metrics();
      expect(text).toContain('epimetheus_ha_tracker_elected_replica_changes_total 2');
      expect(text).toContain('epimetheus_ha_tracker_replica_checks_total{result="reject"} 1');
      expect(text).toContain('epimetheus_ha_tracker_replica_checks_total{result="accept"} 2');
    });
  });
}
