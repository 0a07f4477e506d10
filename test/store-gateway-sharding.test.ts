/**
 * Store-gateway sharding on MinIO and Redis: two store-gateways share the blocks of a tenant by
 * the store-gateway ring with replication factor 2; the querier reads the tenant's bucket index
 * and asks each block of one owner. Every sample of every block reads back, each block from one
 * store-gateway only, and still after one store-gateway is SIGKILLed; with both gone the query
 * fails instead of answering without their blocks.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { BlockSharding } from '../libs/bucketindex/index.js';
import { kvConfigFromFlags, newKvClient } from '../libs/kv/index.js';
import { S3Bucket } from '../libs/objstore/index.js';
import { decodeRingDesc } from '../libs/ring/index.js';
import { poll } from '../libs/services/index.js';
import {
  SAMPLES_PER_SERIES,
  uploadTestBlocks,
  type TestBlock,
} from '../services/store-gateway/test-blocks.js';
import { instantQuery } from './lib/api.js';
import { clusterFlags, readDeps, s3Flags } from './lib/deps.js';
import { startEpimetheus, type EpimetheusProcess } from './lib/epimetheus.js';
import { freePort } from './lib/ports.js';

const deps = readDeps();
const dir = mkdtempSync(join(tmpdir(), 'epimetheus-sg-sharding-'));
const run = randomBytes(4).toString('hex');
const tenant = `sgshard-${run}`;
const H = { 'X-Scope-OrgID': tenant };
const SERIES = 60;
const BLOCKS = 4;
const common = [
  ...clusterFlags(deps, run, { topic: 'sgshard', partitions: 1 }),
  '--store-gateway.sharding-ring.replication-factor=2',
  '--store-gateway.sync-interval=1s',
  ...s3Flags(deps),
];

const procs: Record<string, EpimetheusProcess> = {};
let blocks: TestBlock[];

async function start(name: string, args: string[]): Promise<EpimetheusProcess> {
  const grpcPort = await freePort();
  procs[name] = await startEpimetheus({
    dataDir: join(dir, name),
    logFile: join(dir, `${name}.log`),
    args: [
      ...common,
      ...args,
      `--server.grpc-listen-port=${grpcPort}`,
      `--instance.id=${name}`,
      `--${ringOf(name)}.ring.instance-addr=127.0.0.1:${grpcPort}`,
    ],
  });
  return procs[name];
}

function ringOf(name: string): string {
  return name.startsWith('ingester') ? 'ingester' : 'store-gateway';
}

/** Sum of one gauge over its series on a process's /metrics page. */
async function gauge(p: EpimetheusProcess, name: string): Promise<number> {
  const text = await fetch(`${p.url}/metrics`).then((r) => r.text());
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Sample count and value sum of block `b`, read through the querier. */
async function readBlock(b: number): Promise<{ count: number; sum: number }> {
  const t = (blocks[b]!.maxTime - 1) / 1000;
  const sel = `{block="${b}"}[2h]`;
  const one = async (q: string): Promise<number> => {
    const data = await instantQuery(procs.querier!.url, q, t, H);
    const r = data.result as { value: [number, string] }[];
    return r.length === 0 ? 0 : Number(r[0]!.value[1]);
  };
  return { count: await one(`sum(count_over_time(${sel}))`), sum: await one(`sum(sum_over_time(${sel}))`) };
}

/** What block `b` holds: every series' samples (values from `testValue`). */
function expected(b: number): { count: number; sum: number } {
  const n = SAMPLES_PER_SERIES;
  const sumI = (SERIES * (SERIES - 1)) / 2;
  const sumJ = (n * (n - 1)) / 2;
  return { count: SERIES * n, sum: SERIES * n * b * 1000 + n * sumI + (SERIES * sumJ) / 1000 };
}

/** The first owner of each block, computed from the ring in Redis as the querier does. */
async function firstOwners(): Promise<string[]> {
  const values = new Map<string, unknown>([
    ['kv.store', 'redis'],
    ['kv.redis.url', deps.REDIS_URL],
    ['kv.redis.key-prefix', `test-${run}/`],
  ]);
  const kv = newKvClient(kvConfigFromFlags('kv', values), 'kv', { logger: pino({ level: 'silent' }) });
  try {
    const desc = decodeRingDesc(await kv.get('ring/store-gateway'));
    const sharding = new BlockSharding(
      { desc: () => desc, heartbeatTimeoutMs: 60_000 },
      { replicationFactor: 2, zoneAwarenessEnabled: false },
    );
    return blocks.map((b) => sharding.owners(tenant, b.ulid)[0]!.id);
  } finally {
    await kv.close();
  }
}

async function expectEverything(): Promise<void> {
  const start = blocks[0]!.minTime / 1000;
  const end = (blocks[BLOCKS - 1]!.maxTime - 1) / 1000;
  const res = await fetch(`${procs.querier!.url}/api/v1/label/block/values?start=${start}&end=${end}`, {
    headers: H,
  });
  const body = (await res.json()) as { data: string[] };
  expect(body.data).toEqual(Array.from({ length: BLOCKS }, (_, b) => String(b)));
  for (let b = 0; b < BLOCKS; b++) {
    const got = await readBlock(b);
    const want = expected(b);
    expect(got.count, `samples of block ${b}`).toBe(want.count);
    expect(got.sum, `sum of block ${b}`).toBeCloseTo(want.sum, 3);
  }
}

beforeAll(async () => {
  const bucket = new S3Bucket({
    bucket: deps.S3_BUCKET,
    endpoint: deps.S3_ENDPOINT,
    region: 'us-east-1',
    accessKeyId: deps.S3_ACCESS_KEY_ID,
    secretAccessKey: deps.S3_SECRET_ACCESS_KEY,
    forcePathStyle: true,
  });
  // Two days old: only the store-gateways hold it (ingesters are asked for the last 13h).
  blocks = await uploadTestBlocks(
    bucket,
    tenant,
    BLOCKS,
    SERIES,
    Math.floor(Date.now() / 7_200_000 - 24) * 7_200_000,
  );
  await bucket.close();
  await Promise.all([
    start('ingester-0', ['--target=ingester']),
    start('sg-a', ['--target=store-gateway']),
    start('sg-b', ['--target=store-gateway']),
  ]);
  await start('querier', ['--target=querier']);
}, 240_000);

afterAll(async () => {
  await Promise.all(Object.values(procs).map((p) => p.kill('SIGTERM')));
});

describe('store-gateway sharding by the ring', () => {
  it('shows both store-gateways ACTIVE on the ring page', async () => {
    await poll(
      async () => {
        const page = (await fetch(`${procs['sg-a']!.url}/store-gateway/ring?format=json`).then((r) =>
          r.json(),
        )) as { instances: { id: string; state: string }[] };
        return page.instances.filter((i) => i.state === 'ACTIVE').length === 2;
      },
      { timeoutMs: 30_000, what: 'two ACTIVE store-gateways' },
    );
  });

  it('reads back every sample, each block from its first owner in the ring only', async () => {
    await expectEverything();
    const firsts = await firstOwners();
    for (const name of ['sg-a', 'sg-b']) {
      const want = firsts.filter((id) => id === name).length;
      expect(
        await gauge(procs[name]!, 'epimetheus_store_gateway_blocks_loaded'),
        `blocks loaded by ${name}`,
      ).toBe(want);
    }
  });

  it('still reads back everything after a store-gateway is killed', async () => {
    // Kill the first owner of block 0, so the survivor must take over at least that block.
    const victim = (await firstOwners())[0]!;
    const survivor = victim === 'sg-a' ? 'sg-b' : 'sg-a';
    expect(await gauge(procs[survivor]!, 'epimetheus_store_gateway_blocks_loaded')).toBeLessThan(BLOCKS);
    await procs[victim]!.kill('SIGKILL');
    await expectEverything();
    expect(await gauge(procs[survivor]!, 'epimetheus_store_gateway_blocks_loaded')).toBe(BLOCKS);
    // The ring still showed the victim healthy: its blocks failed over to the survivor.
    expect(await gauge(procs.querier!, 'epimetheus_querier_block_failovers_total')).toBeGreaterThan(0);
  });

  it('fails the query, never answers without a block, once no owner is left', async () => {
    await Promise.all(['sg-a', 'sg-b'].map((n) => procs[n]!.kill('SIGKILL')));
    await expect(readBlock(0)).rejects.toThrow(/503.*could not be read from any store-gateway/);
  });
});
