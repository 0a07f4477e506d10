/**
 * The distributor writes to the ACTIVE partitions of the partition ring, not to every partition
 * of the topic: with a three-partition Kafka topic but only the owners of partitions 0 and 1
 * running, every acknowledged series is consumed (with `shardHash % 3` a third would sit unread
 * in partition 2). Once the owner of partition 2 registers, the partition turns ACTIVE, takes
 * its share, and nothing acknowledged before or after is lost. Before any partition is owned,
 * pushes answer 503.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodableSeries } from '../libs/remotewrite/index.js';
import { poll } from '../libs/services/index.js';
import { Matcher } from '../libs/model/index.js';
import { StoreClient } from '../libs/storeapi/index.js';
import { readDeps, s3Flags } from './lib/deps.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';
import { pushSeries } from './lib/remote-write.js';

const deps = readDeps();
const dir = mkdtempSync(join(tmpdir(), 'epimetheus-partitions-'));
const run = randomBytes(4).toString('hex');
const kafka = [
  `--kafka.brokers=${deps.KAFKA_BROKERS}`,
  `--kafka.topic=epimetheus-partitions-${run}`,
  '--kafka.partitions=3',
];
const redis = [
  '--kv.store=redis',
  `--kv.redis.url=${deps.REDIS_URL}`,
  `--kv.redis.key-prefix=partitions-${run}/`,
  '--kv.redis.poll-interval=200ms',
];
const common = [
  ...kafka,
  ...s3Flags(deps),
  '--distributor.ingestion-rate-limit=0',
  '--ingester.ring.heartbeat-period=1s',
];
const ingesterAddrs: string[] = [];
const procs: EpimetheusProcess[] = [];
const ingesters: EpimetheusProcess[] = [];
let distributor: EpimetheusProcess;

async function start(name: string, args: string[]): Promise<EpimetheusProcess> {
  const p = await startEpimetheus({
    dataDir: join(dir, name),
    logFile: join(dir, `${name}.log`),
    args: [...common, ...args],
  });
  procs.push(p);
  return p;
}

async function startIngester(i: number): Promise<void> {
  const grpcPort = await freePort();
  ingesterAddrs[i] = `127.0.0.1:${grpcPort}`;
  const args = [
    '--target=ingester',
    `--instance.id=ingester-${i}`,
    `--server.grpc-listen-port=${grpcPort}`,
    `--ingester.ring.instance-addr=${ingesterAddrs[i]}`,
  ];
  ingesters[i] = await start(`ingester-${i}`, [...args, ...redis]);
}

beforeAll(async () => {
  // The distributor first: until an ingester owns a partition there is nowhere to write.
  distributor = await start('distributor', ['--target=distributor', ...redis]);
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGTERM')));
});

const t0 = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;

function round(r: number): EncodableSeries[] {
  return Array.from({ length: 60 }, (_, i) => ({
    labels: [
      { name: '__name__', value: 'queue_depth' },
      { name: 'pod', value: `pod-${i}` },
    ],
    samples: { timestamps: [t0 + r * 15_000], values: [r * 1000 + i] },
  }));
}

async function partitionStates(): Promise<Record<number, string>> {
  const page = (await fetch(`${ingesters[0]!.url}/ingester/partition-ring?format=json`).then((r) =>
    r.json(),
  )) as {
    partitions: { id: number; state: string }[];
  };
  return Object.fromEntries(page.partitions.map((p) => [p.id, p.state]));
}

/** `pod@t` of every sample of `queue_depth` in the three ingesters' heads. */
async function readHeads(): Promise<Set<string>> {
  const out = new Set<string>();
  for (const addr of ingesterAddrs) {
    const client = new StoreClient(addr, { timeoutMs: 10_000 });
    try {
      const q = await client.queryable('anonymous').querier(t0 - 1, t0 + 10 * 15_000);
      for (const s of await q.select([new Matcher('=', '__name__', 'queue_depth')], {
        start: t0 - 1,
        end: t0 + 10 * 15_000,
      })) {
        const pod = s.labels.find((l) => l.name === 'pod')!.value;
        for (const t of Array.from(s.timestamps)) out.add(`${pod}@${t}`);
      }
    } finally {
      client.close();
    }
  }
  return out;
}

async function memorySeries(p: EpimetheusProcess): Promise<number> {
  const m = /^epimetheus_ingester_memory_series (\d+)/m.exec(
    await fetch(`${p.url}/metrics`).then((r) => r.text()),
  );
  return Number(m?.[1] ?? 0);
}

/** ACTIVE partitions in `p`'s own view of the partition ring (its watcher's gauge). */
async function activePartitionsSeenBy(p: EpimetheusProcess): Promise<number> {
  const m = /^epimetheus_ring_members\{ring="ring\/ingester-partitions",state="ACTIVE"\} (\d+)/m.exec(
    await fetch(`${p.url}/metrics`).then((r) => r.text()),
  );
  return Number(m?.[1] ?? 0);
}

describe('the distributor on the partition ring', () => {
  it('answers 503, never 2xx, while no partition is ACTIVE', async () => {
    const res = await pushSeries(distributor.url, round(0));
    expect(res.status, res.text).toBe(503);
    expect(res.text).toMatch(/no active partition/);
    await Promise.all([0, 1].map(startIngester));
  });

  it('writes only to the ACTIVE partitions: every series is consumed by the two running owners', async () => {
    await poll(async () => JSON.stringify(await partitionStates()) === '{"0":"ACTIVE","1":"ACTIVE"}', {
      timeoutMs: 30_000,
      what: 'partitions 0 and 1 ACTIVE',
    });
    // That is the ingesters' view; the distributor's watcher sees the change at its next poll of
    // Redis (every 200ms here). Pushing before it does would put round 0 wholly on partition 0
    // and later rounds on both, and the series of round 0 that move would sit in both heads.
    await poll(async () => (await activePartitionsSeenBy(distributor)) === 2, {
      timeoutMs: 30_000,
      what: 'the distributor seeing partitions 0 and 1 ACTIVE',
    });
    for (let r = 0; r < 5; r++) {
      const res = await pushSeries(distributor.url, round(r));
      expect(res.status, res.text).toBe(204);
    }
    let counts: number[] = [];
    await poll(
      async () => (counts = await Promise.all(ingesters.map(memorySeries))).reduce((a, b) => a + b) === 60,
      {
        timeoutMs: 30_000,
        what: 'all 60 series in the two heads',
      },
    ).catch(() => undefined);
    expect(counts.reduce((a, b) => a + b)).toBe(60);
    for (const n of counts) expect(n).toBeGreaterThan(10);
  });

  it('gives a new partition its share once its owner registers, losing nothing acknowledged', async () => {
    await startIngester(2);
    await poll(async () => (await partitionStates())[2] === 'ACTIVE', {
      timeoutMs: 30_000,
      what: 'partition 2 ACTIVE',
    });
    // Distributors follow the ring through the KV's watch (200ms polling here).
    await poll(async () => (await activePartitionsSeenBy(distributor)) === 3, {
      timeoutMs: 30_000,
      what: 'the distributor seeing partition 2 ACTIVE',
    });
    for (let r = 5; r < 10; r++) {
      const res = await pushSeries(distributor.url, round(r));
      expect(res.status, res.text).toBe(204);
    }
    await poll(async () => (await memorySeries(ingesters[2]!)) > 10, {
      timeoutMs: 30_000,
      what: 'partition 2 taking series',
    });
    // Read every ingester's head through its StoreAPI, as a querier does.
    const want = new Set(
      Array.from({ length: 10 }, (_, r) => round(r))
        .flat()
        .map((s) => `${s.labels[1]!.value}@${s.samples!.timestamps[0]}`),
    );
    let got = new Set<string>();
    await poll(
      async () => {
        got = await readHeads();
        return got.size >= want.size;
      },
      { timeoutMs: 30_000, what: 'every acknowledged sample readable' },
    ).catch(() => undefined);
    expect([...want].filter((s) => !got.has(s))).toEqual([]);
    expect(got.size).toBe(want.size);
  });
});
