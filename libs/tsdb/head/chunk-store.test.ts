import { describe, expect, it } from 'vitest';
import { ChunkStore } from './chunk-store.js';

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('ChunkStore', () => {
  it('returns what was put, across segment boundaries', () => {
    const store = new ChunkStore();
    const locs: [number, number, number][] = [];
    for (let i = 0; i < 200; i++) {
      const len = 50 + (i % 7) * 30;
      locs.push([store.put(bytes(len, i)), len, i]);
    }
    for (const [loc, len, fill] of locs) expect(store.get(loc, len)).toEqual(bytes(len, fill));
    expect(store.bytesLive()).toBe(locs.reduce((n, [, len]) => n + len, 0));
  });

  it('drops a segment once all its chunks are freed, keeping handed-out views intact', () => {
    const store = new ChunkStore();
    const first = Array.from({ length: 40 }, (_, i) => [store.put(bytes(100, i)), 100] as const);
    const view = store.get(first[0]![0], 100);
    const before = store.bytesAllocated();
    for (const [loc, len] of first) store.free(loc, len);
    // Fill new segments; the freed ones are reclaimed.
    for (let i = 0; i < 80; i++) store.put(bytes(100, 255));
    expect(store.bytesAllocated()).toBeLessThan(before + 80 * 100);
    expect(view).toEqual(bytes(100, 0));
    expect(store.bytesLive()).toBe(8000);
  });

  it('stores a chunk larger than a segment', () => {
    const store = new ChunkStore();
    const loc = store.put(bytes(100_000, 7));
    expect(store.get(loc, 100_000)).toEqual(bytes(100_000, 7));
  });
});
