import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { depsEnv, dropPrefix, freePort, PrivateRedis } from '../testsupport/index.js';
import { eventually, kvContract } from './kv-contract.js';
import { RedisKV } from './redis-kv.js';

// Runs against the Redis that `npm run deps:up` starts; without .deps/env every test here fails
// with a message saying so (CI runs deps:up first, so a missing Redis is a real failure).

const FAST = { pollIntervalMs: 20, cas: { maxRetries: 30, minBackoffMs: 1, maxBackoffMs: 20 } };


kvContract('redis', async () => {
  const url = depsEnv('REDIS_URL');
  // A prefix per test: tests share the Redis but never see each other's keys.
  const keyPrefix = `test:${randomBytes(6).toString('hex')}:`;
  const clients: RedisKV[] = [];
  return {
    client: () => {
      const c = new RedisKV({ url, keyPrefix, ...FAST });
      clients.push(c);
      return c;
    },
    cleanup: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await dropPrefix(url, keyPrefix);
    },
  };
});




describe('RedisKV', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('recovers after the Redis server restarts: commands, cas and watches', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kv-redis-'));
    const server = new PrivateRedis(await freePort(), dir);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await server.start();
    cleanups.push(() => server.stop());
    const kv = new RedisKV({ url: `redis://127.0.0.1:${server.port}`, ...FAST });
    cleanups.push(() => kv.close());
    const enc = (s: string) => new TextEncoder().encode(s);
    const put = (v: string) => kv.cas('ring', () => ({ value: enc(v), retry: false }));

    await put('before');
    const seen: string[] = [];
    const ac = new AbortController();
    const watch = kv.watchKey('ring', ac.signal, (v) => {
      seen.push(v === null ? '<null>' : new TextDecoder().decode(v));
    });
    await eventually(() => expect(seen).toEqual(['before']));

    await server.stop();
    await expect(kv.get('ring')).rejects.toThrow();
    await server.start();

    // The snapshot brought the value back, and the client reconnected by itself.
    await eventually(
      async () => expect(new TextDecoder().decode((await kv.get('ring'))!)).toBe('before'),
      15_000,
    );
    await put('after'); // Scripts are gone from the new server: EVALSHA must fall back.
    expect(new TextDecoder().decode((await kv.get('ring'))!)).toBe('after');
    await eventually(() => expect(seen.at(-1)).toBe('after'), 15_000);
    ac.abort();
    await watch;
  }, 60_000);

  it('keeps stores with different key prefixes apart', async () => {
    const url = depsEnv('REDIS_URL');
    const p1 = `test:${randomBytes(6).toString('hex')}:`;
    const p2 = `test:${randomBytes(6).toString('hex')}:`;
    const a = new RedisKV({ url, keyPrefix: p1 });
    const b = new RedisKV({ url, keyPrefix: p2 });
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await dropPrefix(url, p1);
      await dropPrefix(url, p2);
    });
    await a.cas('k', () => ({ value: new Uint8Array([1]), retry: false }));
    expect(await b.get('k')).toBeNull();
    expect(await b.list('')).toEqual([]);
    expect(await a.list('')).toEqual(['k']);
  });
});
