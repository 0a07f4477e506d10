import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../../libs/errors/index.js';
import { EmbeddedIngestLog, type IngestLog } from '../../libs/ingestlog/index.js';
import { MemoryKV } from '../../libs/kv/index.js';
import { DEFAULT_LIMITS, staticLimits } from '../../libs/limits/index.js';
import type { Labels } from '../../libs/model/index.js';
import { decodeWriteRequest, encodeWriteRequestV1, snappyCompress } from '../../libs/remotewrite/index.js';
import {
  encodePartitionRingDesc,
  PartitionLifecycler,
  PartitionRing,
  PartitionRingWatcher,
  partitionTokens,
  type PartitionDesc,
  type PartitionState,
} from '../../libs/ring/index.js';
import { poll } from '../../libs/services/index.js';
import { Distributor, modPartitioner, ringPartitioner } from './index.js';

const logger = pino({ level: 'silent' });
const KEY = 'ring/ingester-partitions';

function ring(states: PartitionState[]): PartitionRing {
  const partitions: Record<number, PartitionDesc> = {};
  states.forEach(
    (state, id) => (partitions[id] = { id, tokens: partitionTokens(id), state, stateTimestamp: 0 }),
  );
  return new PartitionRing({ partitions, owners: {} });
}

const labels = (i: number): Labels => [
  { name: '__name__', value: 'requests_total' },
  { name: 'pod', value: `pod-${i}` },
];

/** How many of 3000 series land on each partition. */
function spread(p: { partitionFor: typeof modPartitioner.partitionFor }, partitions: number): number[] {
  const counts = new Array<number>(partitions).fill(0);
  for (let i = 0; i < 3000; i++) counts[p.partitionFor('tenant', labels(i), partitions)]! += 1;
  return counts;
}

describe('ringPartitioner', () => {
  const cases: { name: string; states: PartitionState[]; writable: number[] }[] = [
    { name: 'every partition ACTIVE', states: ['ACTIVE', 'ACTIVE', 'ACTIVE'], writable: [0, 1, 2] },
    { name: 'a PENDING partition', states: ['ACTIVE', 'PENDING', 'ACTIVE'], writable: [0, 2] },
    { name: 'an INACTIVE partition', states: ['INACTIVE', 'ACTIVE', 'ACTIVE'], writable: [1, 2] },
  ];
  for (const c of cases) {
    it(`spreads series over the ACTIVE partitions only: ${c.name}`, () => {
      const counts = spread(ringPartitioner(ring(c.states)), 3);
      for (let p = 0; p < 3; p++) {
        // 128 tokens a partition: each ACTIVE one gets a fair share, the others nothing.
        if (c.writable.includes(p))
          expect(counts[p]!, `partition ${p}`).toBeGreaterThan(3000 / c.writable.length / 2);
        else expect(counts[p], `partition ${p}`).toBe(0);
      }
    });
  }

  it('keeps a series on its partition while the ring is unchanged, and moves only some when one turns ACTIVE', () => {
    const before = ringPartitioner(ring(['ACTIVE', 'ACTIVE', 'PENDING']));
    const after = ringPartitioner(ring(['ACTIVE', 'ACTIVE', 'ACTIVE']));
    let moved = 0;
    for (let i = 0; i < 3000; i++) {
      const a = before.partitionFor('tenant', labels(i), 3);
      expect(before.partitionFor('tenant', labels(i), 3)).toBe(a);
      const b = after.partitionFor('tenant', labels(i), 3);
      if (a !== b) {
        moved++;
        expect(b, 'a moved series goes to the new partition').toBe(2);
      }
    }
    expect(moved).toBeGreaterThan(500);
    expect(moved).toBeLessThan(1500);
  });

  it('spreads series that differ only in their last character over every ACTIVE partition', () => {
    const p = ringPartitioner(ring(['ACTIVE', 'ACTIVE', 'ACTIVE']));
    const counts = [0, 0, 0];
    for (let i = 0; i < 30; i++) counts[p.partitionFor('anonymous', labels(i), 3)]! += 1;
    for (const n of counts) expect(n).toBeGreaterThan(2);
  });

  it('hashes the tenant too', () => {
    const p = ringPartitioner(ring(['ACTIVE', 'ACTIVE', 'ACTIVE']));
    const differ = Array.from(
      { length: 100 },
      (_, i) => p.partitionFor('a', labels(i), 3) !== p.partitionFor('b', labels(i), 3),
    );
    expect(differ.filter(Boolean).length).toBeGreaterThan(20);
  });

  const refusals: { name: string; states: PartitionState[]; logPartitions: number; want: RegExp }[] = [
    {
      name: 'no ACTIVE partition',
      states: ['PENDING', 'INACTIVE'],
      logPartitions: 2,
      want: /no active partition/,
    },
    {
      name: 'a partition the log does not have',
      states: ['PENDING', 'PENDING', 'ACTIVE'],
      logPartitions: 2,
      want: /--kafka.partitions/,
    },
  ];
  for (const c of refusals) {
    it(`answers unavailable (retriable) for ${c.name}`, () => {
      let err: unknown;
      try {
        ringPartitioner(ring(c.states)).partitionFor('tenant', labels(1), c.logPartitions);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EpimetheusError);
      expect((err as EpimetheusError).category).toBe('unavailable');
      expect((err as EpimetheusError).message).toMatch(c.want);
    });
  }
});

describe('modPartitioner', () => {
  it('uses every partition of the log', () => {
    for (const n of spread(modPartitioner, 3)) expect(n).toBeGreaterThan(800);
  });
});

/** Every sample in every partition, as `pod@t` → partitions it is in. */
async function readLog(log: IngestLog): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (let p = 0; p < log.partitions; p++) {
    const { highWatermark } = await log.offsets(p);
    if (highWatermark === 0) continue;
    const c = log.consumer(p, { groupId: `read-${p}` });
    await new Promise<void>((resolve) => {
      void c.start('earliest', (batch) => {
        for (const r of batch) {
          for (const s of decodeWriteRequest(r.value, '1.0').timeseries) {
            const key = `${s.labels.find((l) => l.name === 'pod')!.value}@${s.samples.timestamps[0]}`;
            out.set(key, [...(out.get(key) ?? []), p]);
          }
          if (r.offset === highWatermark - 1) resolve();
        }
        return Promise.resolve();
      });
    });
    await c.stop();
  }
  return out;
}

describe('a distributor on the partition ring', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.reverse()) await f();
    cleanup.length = 0;
  });

  it('loses no acknowledged sample while a partition turns ACTIVE under load', async () => {
    const log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'part-')), partitions: 3 });
    const kv = new MemoryKV({ logger });
    const deps = { logger, registry: new Registry() };
    // Partitions 0 and 1 are owned and ACTIVE; 2 exists but is PENDING until its owner comes.
    const desc = ring(['ACTIVE', 'ACTIVE', 'PENDING']).desc;
    await kv.cas(KEY, () => ({ value: encodePartitionRingDesc(desc), retry: false }));
    const watcher = new PartitionRingWatcher({ key: KEY }, { kv }, deps);
    await watcher.startAsync();
    cleanup.push(
      () => log.close(),
      () => watcher.stopAsync(),
    );
    const distributor = new Distributor({ maxRecvMsgSize: 1 << 20 }, () => log, {
      ...deps,
      multitenancy: false,
      limits: staticLimits({ ...DEFAULT_LIMITS, ingestionRate: 0 }),
      partitioner: ringPartitioner(watcher),
      minValidTime: () => -Infinity,
    });
    const t0 = Date.now() - 60_000;
    const acked: string[] = [];
    let round = 0;
    let stop = false;
    const load = (async () => {
      for (; !stop; round++) {
        const series = Array.from({ length: 50 }, (_, i) => ({
          labels: labels(i),
          samples: { timestamps: [t0 + round], values: [round] },
        }));
        const r = await distributor.push(
          'anonymous',
          '1.0',
          snappyCompress(encodeWriteRequestV1({ timeseries: series })),
        );
        expect(r.rejections).toEqual([]);
        for (let i = 0; i < 50; i++) acked.push(`pod-${i}@${t0 + round}`);
      }
    })();
    await poll(() => round >= 20, { what: 'load under way' });
    const owner = new PartitionLifecycler(
      { key: KEY, instanceId: 'ingester-2', partitionId: 2, reconcileIntervalMs: 50 },
      { kv },
      deps,
    );
    await owner.startAsync();
    cleanup.push(() => owner.stopAsync());
    await poll(() => watcher.ring().partition(2)?.state === 'ACTIVE', {
      what: 'the distributor to see partition 2 ACTIVE',
    });
    const activatedAt = round;
    await poll(() => round >= activatedAt + 20, { what: 'load after activation' });
    stop = true;
    await load;
    const stored = await readLog(log);
    for (const s of acked) expect(stored.get(s), s).toHaveLength(1);
    expect(stored.size).toBe(acked.length);
    const onNew = [...stored].filter(([, ps]) => ps[0] === 2);
    expect(onNew.length, 'the new partition takes writes once ACTIVE').toBeGreaterThan(0);
  });
});
