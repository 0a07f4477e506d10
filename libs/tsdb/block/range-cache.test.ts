import { describe, expect, it } from 'vitest';
import type { BlockSource, ByteSource } from './byte-source.js';
import { RangeCache, type RangeKind } from './range-cache.js';

/** A block source over fixed bytes that counts reads per file. */
function countingSource(bytes: Uint8Array): { source: BlockSource; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const file = (name: string): ByteSource => ({
    size: () => Promise.resolve(bytes.length),
    read: (offset, length) => {
      reads.set(name, (reads.get(name) ?? 0) + 1);
      // A view into a larger buffer, as a coalesced or pooled read returns.
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  });
  return {
    source: { name: 'test', file, readAll: () => Promise.resolve(bytes), close: () => Promise.resolve() },
    reads,
  };
}

function stats(): { hits: RangeKind[]; misses: RangeKind[]; evicted: number[] } {
  return { hits: [], misses: [], evicted: [] };
}

describe('RangeCache', () => {
  const data = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);

  it('answers a repeated range from memory and shares concurrent reads', async () => {
    const s = stats();
    const cache = new RangeCache({
      capacity: () => 1 << 20,
      observer: {
        hit: (k) => s.hits.push(k),
        miss: (k) => s.misses.push(k),
        evicted: (b) => s.evicted.push(b),
      },
    });
    const { source, reads } = countingSource(data);
    const src = cache.wrap('t/B1', source);
    const [a, b] = await Promise.all([src.file('index').read(100, 50), src.file('index').read(100, 50)]);
    const c = await src.file('chunks/000001').read(100, 50);
    const d = await src.file('index').read(100, 50);
    expect(reads.get('index')).toBe(1);
    expect(reads.get('chunks/000001')).toBe(1);
    for (const x of [a, b, c, d]) expect(Array.from(x)).toEqual(Array.from(data.subarray(100, 150)));
    expect(s.misses).toEqual(['index', 'chunks']);
    expect(s.hits).toEqual(['index', 'index']);
  });

  it('charges a cached view its own bytes, not the buffer behind it', async () => {
    const cache = new RangeCache({ capacity: () => 1 << 20 });
    const got = await cache.wrap('t/B1', countingSource(data).source).file('index').read(0, 10);
    expect(cache.bytes).toBe(10);
    expect(got.buffer.byteLength).toBe(10);
  });

  it('stays within its capacity, evicting the least recently used range first', async () => {
    const evicted: number[] = [];
    const cache = new RangeCache({
      capacity: () => 1000,
      observer: { hit() {}, miss() {}, evicted: (b) => evicted.push(b) },
    });
    const { source, reads } = countingSource(data);
    const f = cache.wrap('t/B1', source).file('index');
    await f.read(0, 200);
    for (let i = 1; i <= 6; i++) {
      await f.read(0, 200); // keep the first range the most recently used
      await f.read(i * 1000, 200);
      expect(cache.bytes).toBeLessThanOrEqual(1000);
    }
    expect(evicted.length).toBeGreaterThan(0);
    const before = reads.get('index');
    await f.read(0, 200);
    expect(reads.get('index')).toBe(before);
  });

  it('follows a shrinking capacity and passes oversized ranges through', async () => {
    let cap = 10_000;
    const cache = new RangeCache({ capacity: () => cap });
    const f = cache.wrap('t/B1', countingSource(data).source).file('index');
    for (let i = 0; i < 8; i++) await f.read(i * 1000, 1000);
    expect(cache.bytes).toBe(8000);
    cap = 3000;
    cache.shrink();
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    await f.read(0, 2000); // more than a quarter of the capacity: not cached
    expect(cache.bytes).toBeLessThanOrEqual(3000);
    expect(cache.get('t/B1/index:0:2000')).toBeUndefined();
  });

  it("forgets a block's ranges by prefix", async () => {
    const cache = new RangeCache({ capacity: () => 1 << 20 });
    await cache.wrap('t/B1', countingSource(data).source).file('index').read(0, 10);
    await cache.wrap('t/B2', countingSource(data).source).file('index').read(0, 10);
    cache.deletePrefix('t/B1/');
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(10);
  });
});
