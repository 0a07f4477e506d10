import { pino } from 'pino';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { Matcher, type SeriesData } from '../../libs/model/index.js';
import { MemoryBucket } from '../../libs/objstore/index.js';
import { BlockReader, BucketBlockSource } from '../../libs/tsdb/block/index.js';
import { BucketStores } from './bucket-stores.js';
import {
  GatedBucket,
  SAMPLES_PER_SERIES,
  STEP_MS,
  testValue,
  uploadTestBlocks,
  type TestBlock,
} from './test-blocks.js';

const TENANT = 'team-a';
const SERIES = 300;
const logger = pino({ level: 'silent' });
const inner = new MemoryBucket();
let blocks: TestBlock[];
let headerBytes: number;

beforeAll(async () => {
  blocks = await uploadTestBlocks(inner, TENANT, 4, SERIES);
  const r = await BlockReader.open(new BucketBlockSource(inner, `${TENANT}/${blocks[0]!.ulid}`));
  headerBytes = r.memoryBytes;
});

function newStores(maxCacheBytes: number): { stores: BucketStores; bucket: GatedBucket; registry: Registry } {
  const bucket = new GatedBucket(inner);
  const registry = new Registry();
  const stores = new BucketStores(
    { syncIntervalMs: 60_000, maxCacheBytes, maxOpenBlocks: 0, replicationFactor: 1 },
    () => bucket,
    { logger, registry },
  );
  return { stores, bucket, registry };
}

async function metric(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const m = await registry.getSingleMetric(name)!.get();
  return m.values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((a, v) => a + v.value, 0);
}

/** Selects one job's series of block `b` and checks every sample. */
async function checkBlock(stores: BucketStores, b: number): Promise<void> {
  const { minTime, maxTime } = blocks[b]!;
  const q = await stores.queryable(TENANT).querier(minTime, maxTime - 1);
  const got = await q.select([new Matcher('=', 'job', 'job-1')], { start: minTime, end: maxTime - 1 });
  expectSamples(got, b);
}

function expectSamples(got: SeriesData[], b: number): void {
  expect(got).toHaveLength(SERIES / 3);
  for (const s of got) {
    const i = Number(s.labels.find((l) => l.name === 'series_id')!.value);
    expect(s.timestamps.length).toBe(SAMPLES_PER_SERIES);
    expect(s.timestamps[7]).toBe(blocks[b]!.minTime + 7 * STEP_MS);
    expect(s.values[SAMPLES_PER_SERIES - 1]).toBe(testValue(b, i, SAMPLES_PER_SERIES - 1));
  }
}

describe('BucketStores memory bound', () => {
  it('estimates an index header from what it holds', () => {
    // 300 series of 10 labels: symbols and the postings table are tens of KiB, not nothing.
    expect(headerBytes).toBeGreaterThan(10_000);
    expect(headerBytes).toBeLessThan(1_000_000);
  });

  it('answers repeated queries from the range cache', async () => {
    const { stores, bucket, registry } = newStores(64 << 20);
    await stores.syncTenant(TENANT);
    await checkBlock(stores, 0);
    const reads = bucket.rangeReads;
    await checkBlock(stores, 0);
    expect(bucket.rangeReads).toBe(reads);
    expect(
      await metric(registry, 'epimetheus_store_gateway_cache_hits_total', { file: 'chunks' }),
    ).toBeGreaterThan(0);
    expect(await metric(registry, 'epimetheus_store_gateway_cache_misses_total')).toBeGreaterThan(0);
    expect(await metric(registry, 'epimetheus_store_gateway_cache_bytes', { kind: 'range' })).toBeGreaterThan(
      0,
    );
  });

  it('keeps headers plus cached ranges within the bound across many blocks', async () => {
    const bound = Math.floor(headerBytes * 2.5);
    const { stores, registry } = newStores(bound);
    await stores.syncTenant(TENANT);
    for (let round = 0; round < 2; round++) {
      for (let b = 0; b < blocks.length; b++) {
        await checkBlock(stores, b);
        expect(await metric(registry, 'epimetheus_store_gateway_cache_bytes')).toBeLessThanOrEqual(bound);
        expect(await metric(registry, 'epimetheus_store_gateway_blocks_loaded')).toBeLessThanOrEqual(2);
      }
    }
    expect(
      await metric(registry, 'epimetheus_store_gateway_cache_evictions_total', { kind: 'index-header' }),
    ).toBeGreaterThan(0);
  });

  it('honours the deprecated block count bound on top of the byte bound', async () => {
    const registry = new Registry();
    const limited = new BucketStores(
      { syncIntervalMs: 60_000, maxCacheBytes: 64 << 20, maxOpenBlocks: 1, replicationFactor: 1 },
      () => inner,
      { logger, registry },
    );
    await limited.syncTenant(TENANT);
    for (let b = 0; b < blocks.length; b++) await checkBlock(limited, b);
    expect(await metric(registry, 'epimetheus_store_gateway_blocks_loaded')).toBe(1);
    expect(
      await metric(registry, 'epimetheus_store_gateway_cache_evictions_total', { kind: 'index-header' }),
    ).toBe(3);
  });

  it('never closes a block under a query in flight, and shrinks once it ends', async () => {
    const bound = Math.floor(headerBytes * 1.2); // room for one header only
    const { stores, bucket, registry } = newStores(bound);
    await stores.syncTenant(TENANT);
    const release = bucket.hold(`${blocks[0]!.ulid}/chunks/`);
    const { minTime, maxTime } = blocks[0]!;
    const q = await stores.queryable(TENANT).querier(minTime, maxTime - 1);
    const inFlight = q.select([new Matcher('=', 'job', 'job-1')], { start: minTime, end: maxTime - 1 });
    // Other blocks come and go while block 0 waits for its chunks.
    for (let b = 1; b < blocks.length; b++) await checkBlock(stores, b);
    expect(
      await metric(registry, 'epimetheus_store_gateway_cache_evictions_total', { kind: 'index-header' }),
    ).toBeGreaterThanOrEqual(2);
    release();
    expectSamples(await inFlight, 0);
    expect(await metric(registry, 'epimetheus_store_gateway_cache_bytes')).toBeLessThanOrEqual(bound);
    expect(await metric(registry, 'epimetheus_store_gateway_blocks_loaded')).toBe(1);
    // Block 0 stayed loaded throughout: querying it again does not read its index header again.
    const headerReads = (): number =>
      bucket.log.filter((r) => r.name === `${TENANT}/${blocks[0]!.ulid}/index` && r.offset === 0).length;
    const before = headerReads();
    await checkBlock(stores, 0);
    expect(headerReads()).toBe(before);
  });
});

describe('BucketStores sharding', () => {
  const owned = (ulid: string): boolean => ulid === blocks[0]!.ulid || ulid === blocks[2]!.ulid;
  const sharded = (bucket: MemoryBucket | GatedBucket = inner): BucketStores =>
    new BucketStores(
      { syncIntervalMs: 60_000, maxCacheBytes: 64 << 20, maxOpenBlocks: 0, replicationFactor: 1 },
      () => bucket,
      {
        logger,
        registry: new Registry(),
        owns: (_t, ulid) => owned(ulid),
      },
    );
  const all = (): [number, number] => [blocks[0]!.minTime, blocks[blocks.length - 1]!.maxTime - 1];
  const blockLabels = (got: SeriesData[]): string[] =>
    [...new Set(got.map((s) => s.labels.find((l) => l.name === 'block')!.value))].sort();

  it('serves only the blocks it owns when asked without block IDs', async () => {
    const stores = sharded();
    await stores.syncTenant(TENANT);
    const [mint, maxt] = all();
    const q = await stores.queryable(TENANT).querier(mint, maxt);
    expect(
      blockLabels(await q.select([new Matcher('=', 'job', 'job-1')], { start: mint, end: maxt })),
    ).toEqual(['0', '2']);
  });

  it('serves exactly the requested blocks, and refuses one it does not own', async () => {
    const stores = sharded();
    await stores.syncTenant(TENANT);
    const [mint, maxt] = all();
    const q = await stores.queryable(TENANT, [blocks[2]!.ulid]).querier(mint, maxt);
    expect(
      blockLabels(await q.select([new Matcher('=', 'job', 'job-1')], { start: mint, end: maxt })),
    ).toEqual(['2']);
    await expect(stores.queryable(TENANT, [blocks[1]!.ulid]).querier(mint, maxt)).rejects.toMatchObject({
      category: 'unavailable',
    });
  });

  it('re-reads the bucket index for a requested block uploaded since its last sync', async () => {
    const bucket = new MemoryBucket();
    const stores = new BucketStores(
      { syncIntervalMs: 60_000, maxCacheBytes: 64 << 20, maxOpenBlocks: 0, replicationFactor: 1 },
      () => bucket,
      {
        logger,
        registry: new Registry(),
      },
    );
    await stores.syncTenant('late');
    const [late] = await uploadTestBlocks(bucket, 'late', 1, 30);
    const q = await stores.queryable('late', [late!.ulid]).querier(late!.minTime, late!.maxTime - 1);
    expect(
      await q.select([new Matcher('=', 'job', 'job-1')], { start: late!.minTime, end: late!.maxTime - 1 }),
    ).toHaveLength(10);
    await expect(stores.queryable('late', ['01HZZZZZZZZZZZZZZZZZZZZZZZ']).querier(0, 1)).rejects.toThrow(
      'not in this store-gateway',
    );
  });
});
