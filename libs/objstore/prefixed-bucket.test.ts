import { describe, expect, it } from 'vitest';
import { bucketContract } from './bucket-contract.js';
import { MemoryBucket } from './memory-bucket.js';
import { PrefixedBucket } from './prefixed-bucket.js';

// A prefixed view must behave as a bucket of its own, whatever else lives beside the prefix.
bucketContract('prefixed memory', async () => {
  const inner = new MemoryBucket();
  await inner.upload('tenant-b/01/meta.json', new Uint8Array([1]));
  await inner.upload('tenant-a0', new Uint8Array([1]));
  return { bucket: new PrefixedBucket(inner, 'tenant-a'), cleanup: async () => {} };
});

describe('PrefixedBucket', () => {
  it('stores objects under the prefix and lists them relative to it', async () => {
    const inner = new MemoryBucket();
    const b = new PrefixedBucket(inner, 'blocks/tenant-a');
    await b.upload('01ABC/meta.json', new Uint8Array([7]));
    expect(await inner.get('blocks/tenant-a/01ABC/meta.json')).toEqual(new Uint8Array([7]));
    const names: string[] = [];
    for await (const n of b.iter('')) names.push(n);
    expect(names).toEqual(['01ABC/']);
    expect(b.name).toBe('memory/blocks/tenant-a');
  });

  it('rejects an invalid prefix', () => {
    expect(() => new PrefixedBucket(new MemoryBucket(), '/abs')).toThrow(/invalid object name/);
    expect(() => new PrefixedBucket(new MemoryBucket(), '')).toThrow(/invalid object name/);
  });
});
