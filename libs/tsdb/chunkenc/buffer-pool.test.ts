import { describe, expect, it } from 'vitest';
import { BitWriter, BufferPool, XorChunkEncoder, decodeXorChunk } from './index.js';

describe('BufferPool', () => {
  it('hands out zeroed class-sized views and recycles freed ones', () => {
    const pool = new BufferPool();
    const a = pool.alloc(100);
    expect(a.length).toBe(128);
    a.fill(9);
    pool.free(a);
    const b = pool.alloc(120);
    expect(b).toBe(a);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(pool.alloc(10_000).length).toBe(10_000);
    expect(pool.allocatedBytes).toBe(16384);
  });

  it('backs growing writers and encoders without mixing their bytes', () => {
    const pool = new BufferPool();
    const encs = Array.from({ length: 50 }, () => new XorChunkEncoder(32, false, pool));
    for (let i = 0; i < 120; i++) encs.forEach((e, k) => e.append(i * 1000 + k, Math.sin(i + k)));
    encs.forEach((e, k) => {
      const { timestamps, values } = decodeXorChunk(e.bytes());
      expect(timestamps[119]).toBe(119_000 + k);
      expect(values[5]).toBe(Math.sin(5 + k));
    });
    const w = new BitWriter(32, pool);
    w.writeBits(0xff, 8);
    w.dispose();
    // The disposed writer's buffer is reused zeroed.
    expect(pool.alloc(32).every((x) => x === 0)).toBe(true);
  });
});

describe('BufferPool free lists', () => {
  it('keep a bounded number of free buffers per size class', () => {
    const pool = new BufferPool();
    const bufs = Array.from({ length: 1024 }, () => pool.alloc(128)); // 8 full slabs
    for (const b of bufs) pool.free(b);
    // 64 KiB of 128-byte buffers are kept; re-allocating more than that needs new slabs.
    const before = pool.allocatedBytes;
    for (let i = 0; i < 512; i++) pool.alloc(128);
    expect(pool.allocatedBytes).toBe(before);
    pool.alloc(128);
    expect(pool.allocatedBytes).toBe(before + 16384);
  });
});
