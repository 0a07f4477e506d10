// The contract every KVClient implementation passes. Not part of the public surface: the test
// files of this library call it with a factory for each implementation.
import { describe, expect, it } from 'vitest';
import type { KVClient } from './kv.js';

/**
 * Creates clients on one fresh, empty store for one test (`client()` may be called several times:
 * every client sees the same data), and cleans up afterwards.
 */
export type KVFactory = () => Promise<{ client: () => KVClient; cleanup: () => Promise<void> }>;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null): string | null => (b === null ? null : new TextDecoder().decode(b));

/** Polls `check` until it passes or `timeoutMs` runs out, then fails with its last error. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Wraps a test body: a fresh store before, cleanup after. */
type WithStore = (fn: (client: () => KVClient) => Promise<void>) => () => Promise<void>;

const put = (kv: KVClient, key: string, value: string) =>
  kv.cas(key, () => ({ value: enc(value), retry: false }));

/** Runs the KVClient contract against stores from `factory`. */
/** get and cas. */
function casCases(withStore: WithStore): void {
  it(
    'gets null for a missing key and what cas stored otherwise',
    withStore(async (client) => {
      const kv = client();
      expect(await kv.get('ring')).toBeNull();
      let seenOld: Uint8Array | null | undefined;
      await kv.cas('ring', (old) => {
        seenOld = old;
        return { value: enc('v1'), retry: false };
      });
      expect(seenOld).toBeNull();
      expect(dec(await kv.get('ring'))).toBe('v1');
      await kv.cas('ring', (old) => ({ value: enc(`${dec(old)}+v2`), retry: false }));
      expect(dec(await kv.get('ring'))).toBe('v1+v2');
    }),
  );

  it(
    'keeps binary values byte for byte',
    withStore(async (client) => {
      const kv = client();
      const all = new Uint8Array(512).map((_, i) => i % 256);
      await kv.cas('bin', () => ({ value: all, retry: false }));
      expect(await kv.get('bin')).toEqual(all);
      await kv.cas('empty', () => ({ value: new Uint8Array(0), retry: false }));
      expect(await kv.get('empty')).toEqual(new Uint8Array(0));
    }),
  );

  it(
    'writes nothing when the callback returns null without retry',
    withStore(async (client) => {
      const kv = client();
      await put(kv, 'k', 'kept');
      let calls = 0;
      await kv.cas('k', () => {
        calls++;
        return { value: null, retry: false };
      });
      expect(calls).toBe(1);
      expect(dec(await kv.get('k'))).toBe('kept');
    }),
  );

  it(
    'calls again after null with retry, and gives up after the retry limit',
    withStore(async (client) => {
      const kv = client();
      let calls = 0;
      await kv.cas('k', () => {
        calls++;
        return calls < 3 ? { value: null, retry: true } : { value: enc('third'), retry: false };
      });
      expect(calls).toBe(3);
      expect(dec(await kv.get('k'))).toBe('third');
      await expect(kv.cas('never', () => ({ value: null, retry: true }))).rejects.toMatchObject({
        name: 'CasRetriesExhaustedError',
        category: 'unavailable',
      });
    }),
  );

  it(
    'passes the callback’s error through',
    withStore(async (client) => {
      const kv = client();
      await expect(kv.cas('k', () => Promise.reject(new Error('decode ring')))).rejects.toThrow(
        'decode ring',
      );
      expect(await kv.get('k')).toBeNull();
    }),
  );

  it(
    'loses no update and invents none under concurrent cas from several clients',
    withStore(async (client) => {
      const clients = [client(), client(), client()];
      const per = 6;
      const attempts = clients.flatMap((kv, c) =>
        Array.from({ length: per }, (_, i) => {
          const id = `${c}-${i}`;
          return kv
            .cas('counter', async (old) => {
              // Yield between read and write so other updates can interleave.
              await new Promise((r) => setTimeout(r, Math.random() * 3));
              const list = old === null ? [] : (JSON.parse(dec(old)!) as string[]);
              return { value: enc(JSON.stringify([...list, id])), retry: false };
            })
            .then(() => id);
        }),
      );
      const settled = await Promise.allSettled(attempts);
      // A cas that gave up must have thrown; every one that resolved must be in the value.
      const succeeded = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      for (const r of settled) {
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'CasRetriesExhaustedError' });
      }
      expect(succeeded.length).toBeGreaterThan(clients.length * per * 0.5);
      const final = JSON.parse(dec(await clients[0]!.get('counter'))!) as string[];
      expect([...final].sort()).toEqual([...succeeded].sort());
      for (const kv of clients.slice(1)) await kv.close();
    }),
    30_000,
  );
}

/** list, delete and value ownership. */
function listCases(withStore: WithStore): void {
  it(
    'lists keys by prefix in order, and deletes',
    withStore(async (client) => {
      const kv = client();
      for (const k of ['ring/b', 'ring/a', 'ha/t1/c1', 'ring2', 'r']) await put(kv, k, k);
      expect(await kv.list('ring')).toEqual(['ring/a', 'ring/b', 'ring2']);
      expect(await kv.list('ring/')).toEqual(['ring/a', 'ring/b']);
      expect(await kv.list('')).toEqual(['ha/t1/c1', 'r', 'ring/a', 'ring/b', 'ring2']);
      expect(await kv.list('nothing')).toEqual([]);
      await kv.delete('ring/a');
      await kv.delete('ring/a');
      await kv.delete('missing');
      expect(await kv.get('ring/a')).toBeNull();
      expect(await kv.list('ring/')).toEqual(['ring/b']);
      let seenOld: Uint8Array | null | undefined;
      await kv.cas('ring/a', (old) => {
        seenOld = old;
        return { value: enc('again'), retry: false };
      });
      expect(seenOld).toBeNull();
      expect(dec(await kv.get('ring/a'))).toBe('again');
    }),
  );

  it(
    'hands each caller its own copy of a value',
    withStore(async (client) => {
      const kv = client();
      const v = enc('abc');
      await kv.cas('k', () => ({ value: v, retry: false }));
      v[0] = 0x7a;
      const got = await kv.get('k');
      got![1] = 0x7a;
      expect(dec(await kv.get('k'))).toBe('abc');
    }),
  );
}

/** watchKey and watchPrefix. */
function watchCases(withStore: WithStore): void {
  it(
    'watches a key: current value first, then changes, deletion as null',
    withStore(async (client) => {
      const writer = client();
      const watcher = client();
      await put(writer, 'ha/t1', 'replica-a');
      const seen: (string | null)[] = [];
      const ac = new AbortController();
      const done = watcher.watchKey('ha/t1', ac.signal, (v) => {
        seen.push(dec(v));
      });
      await eventually(() => expect(seen).toEqual(['replica-a']));
      await put(writer, 'ha/t1', 'replica-b');
      await eventually(() => expect(seen.at(-1)).toBe('replica-b'));
      await writer.delete('ha/t1');
      await eventually(() => expect(seen.at(-1)).toBeNull());
      await put(writer, 'ha/t1', 'replica-c');
      await eventually(() => expect(seen.at(-1)).toBe('replica-c'));
      ac.abort();
      await done;
      const count = seen.length;
      await put(writer, 'ha/t1', 'after-stop');
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.length).toBe(count);
    }),
    30_000,
  );

  it(
    'watches a key that does not exist yet, and stops when the callback says so',
    withStore(async (client) => {
      const kv = client();
      const seen: (string | null)[] = [];
      const done = kv.watchKey('later', new AbortController().signal, (v) => {
        seen.push(dec(v));
        return seen.length < 2;
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual([]);
      await put(kv, 'later', 'one');
      await eventually(() => expect(seen).toEqual(['one']));
      await put(kv, 'later', 'two');
      await done; // Resolves because the callback returned false.
      expect(seen).toEqual(['one', 'two']);
    }),
    30_000,
  );

  it(
    'watches a prefix: existing keys, new keys, changes and deletions',
    withStore(async (client) => {
      const writer = client();
      const watcher = client();
      await put(writer, 'ring/ingester-1', 'A');
      await put(writer, 'other', 'x');
      const latest = new Map<string, string | null>();
      const ac = new AbortController();
      const done = watcher.watchPrefix('ring/', ac.signal, (key, v) => {
        latest.set(key, dec(v));
      });
      await eventually(() => expect([...latest]).toEqual([['ring/ingester-1', 'A']]));
      await put(writer, 'ring/ingester-2', 'B');
      await put(writer, 'ring/ingester-1', 'A2');
      await put(writer, 'other', 'y');
      await eventually(() =>
        expect(Object.fromEntries(latest)).toEqual({ 'ring/ingester-1': 'A2', 'ring/ingester-2': 'B' }),
      );
      await writer.delete('ring/ingester-1');
      await eventually(() => expect(latest.get('ring/ingester-1')).toBeNull());
      expect(latest.has('other')).toBe(false);
      ac.abort();
      await done;
    }),
    30_000,
  );

  it(
    'ends a watch with the callback’s error',
    withStore(async (client) => {
      const kv = client();
      await put(kv, 'k', 'v');
      const watch = kv.watchKey('k', new AbortController().signal, () => {
        throw new Error('bad ring state');
      });
      await expect(watch).rejects.toThrow('bad ring state');
    }),
  );
}

export function kvContract(name: string, factory: KVFactory): void {
  const withStore = (fn: (client: () => KVClient) => Promise<void>) => async () => {
    const { client, cleanup } = await factory();
    try {
      await fn(client);
    } finally {
      await cleanup();
    }
  };

  describe(`KVClient contract: ${name}`, () => {
    casCases(withStore);
    listCases(withStore);
    watchCases(withStore);
  });
}
