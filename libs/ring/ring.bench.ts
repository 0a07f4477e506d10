/**
 * The distributor's per-series cost: `shardHash` on realistic series (10 to 30 labels, seeded)
 * against the reference of encoding the same bytes with TextEncoder and hashing them, then
 * `partitionFor` and a 128-token-per-instance `get` on the hash.
 * Run: npx vitest bench libs/ring --run
 */
import { bench, describe } from 'vitest';
import { type Labels, labelsFrom } from '../model/index.js';
import { shardHash } from './hash.js';
import type { InstanceDesc } from './model.js';
import { WRITE } from './operation.js';
import { emptyPartitionRingDesc, withPartition } from './partition-model.js';
import { PartitionRing } from './partition-ring.js';
import { RingSnapshot } from './snapshot.js';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const rand = rng(42);
const series: Labels[] = Array.from({ length: 2000 }, (_, s) => {
  const obj: Record<string, string> = {
    __name__: `metric_${s % 50}`,
    job: 'node',
    instance: `host-${s % 97}:9100`,
  };
  const n = 10 + Math.floor(rand() * 21);
  for (let i = 3; i < n; i++) obj[`label_${i}`] = `value-${Math.floor(rand() * 1000)}-${i}`;
  return labelsFrom(obj);
});

const encoder = new TextEncoder();
function referenceHash(tenant: string, labels: Labels): number {
  let s = tenant + '\uffff';
  for (const l of labels) s += l.name + '\uffff' + l.value + '\uffff';
  let h = 0x811c9dc5;
  for (const b of encoder.encode(s)) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

let partitions = emptyPartitionRingDesc();
for (let p = 0; p < 64; p++) partitions = withPartition(partitions, p, 'ACTIVE', 0);
const partitionRing = new PartitionRing(partitions);

const now = Date.now();
const instances: Record<string, InstanceDesc> = {};
for (let i = 0; i < 30; i++) {
  const tokens = Array.from({ length: 128 }, () => Math.floor(rand() * 2 ** 32)).sort((a, b) => a - b);
  const id = `ing-${i}`;
  instances[id] = {
    id,
    addr: '',
    zone: `z${i % 3}`,
    state: 'ACTIVE',
    tokens,
    registeredTimestamp: 0,
    heartbeatTimestamp: now,
  };
}
const snapshot = new RingSnapshot({ instances });
const hashes = series.map((l) => shardHash('tenant-1', l));
const health = { heartbeatTimeoutMs: 60_000, now };
const options = { time: 1000, warmupTime: 200 };

describe('hash 2,000 series (10-30 labels)', () => {
  bench(
    'shardHash',
    () => {
      for (const l of series) shardHash('tenant-1', l);
    },
    options,
  );
  bench(
    'reference: concatenate, TextEncoder, FNV-1a',
    () => {
      for (const l of series) referenceHash('tenant-1', l);
    },
    options,
  );
});

describe('look up 2,000 hashes', () => {
  bench(
    'partitionFor, 64 partitions',
    () => {
      for (const h of hashes) partitionRing.partitionFor(h);
    },
    options,
  );
  bench(
    'get RF 3 zone-aware, 30 instances x 128 tokens',
    () => {
      for (const h of hashes) snapshot.get(h, WRITE, 3, { zoneAware: true, strategy: 'default' }, health);
    },
    options,
  );
});
