import { describe, expect, it } from 'vitest';
import { MemoryBucket, type Bucket } from '../objstore/index.js';
import { BucketIndexCache, updateBucketIndex } from './index.js';

const META = (ulid: string): string =>
  JSON.stringify({
    ulid,
    minTime: 0,
    maxTime: 7_200_000,
    version: 1,
    stats: { numSamples: 1, numSeries: 1, numChunks: 1 },
    compaction: { level: 1, sources: [ulid] },
  });

/** A bucket counting index reads, failing them while `broken`. */
class CountingBucket extends MemoryBucket {
  indexReads = 0;
  broken = false;
  override async get(name: string): Promise<Uint8Array> {
    if (name.endsWith('bucket-index.json.gz')) {
      this.indexReads++;
      if (this.broken) throw new Error('bucket down');
    }
    return super.get(name);
  }
}

async function addBlock(bucket: Bucket, tenant: string, ulid: string): Promise<void> {
  await bucket.upload(`${tenant}/${ulid}/meta.json`, new TextEncoder().encode(META(ulid)));
  await updateBucketIndex(bucket, tenant);
}

describe('BucketIndexCache', () => {
  it('reads an index once while fresh, shares concurrent reads, and reads again once stale', async () => {
    const bucket = new CountingBucket();
    await addBlock(bucket, 't', '01HAAAAAAAAAAAAAAAAAAAAAAA');
    let now = 0;
    const cache = new BucketIndexCache(
      () => bucket,
      10_000,
      () => now,
    );
    expect(cache.cached('t')).toBeUndefined();
    const [a, b] = await Promise.all([cache.blocks('t'), cache.blocks('t')]);
    expect(a.map((x) => x.ulid)).toEqual(['01HAAAAAAAAAAAAAAAAAAAAAAA']);
    expect(b).toBe(a);
    expect(bucket.indexReads).toBe(1);
    await addBlock(bucket, 't', '01HBBBBBBBBBBBBBBBBBBBBBBB');
    now = 9_999;
    expect(await cache.blocks('t')).toHaveLength(1);
    now = 10_000;
    expect(await cache.blocks('t')).toHaveLength(2);
    expect(bucket.indexReads).toBe(2);
  });

  it('fails while the index cannot be read, and does not remember the failure', async () => {
    const bucket = new CountingBucket();
    const cache = new BucketIndexCache(() => bucket, 10_000);
    bucket.broken = true;
    await expect(cache.blocks('t')).rejects.toMatchObject({ category: 'unavailable' });
    bucket.broken = false;
    expect(await cache.blocks('t')).toEqual([]);
  });
});
