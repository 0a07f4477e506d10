import { describe, expect, it } from 'vitest';
import { kvContract } from './kv-contract.js';
import { MemoryKV } from './memory-kv.js';

kvContract('memory', async () => {
  const store = new MemoryKV({ cas: { maxRetries: 30, minBackoffMs: 1, maxBackoffMs: 20 } });
  return { client: () => store, cleanup: () => store.close() };
});

describe('MemoryKV', () => {
  it('ends watches on close', async () => {
    const kv = new MemoryKV();
    const done = kv.watchPrefix('', new AbortController().signal, () => {});
    await kv.close();
    const timeout = new Promise((r) => setTimeout(() => r('still watching'), 1000));
    expect(await Promise.race([done.then(() => 'ended'), timeout])).toBe('ended');
  });
});
