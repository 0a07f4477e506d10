// Test helpers shared by this library's tests. Not part of the public surface.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { KVClient } from '../kv/index.js';
import { Lifecycler, type LifecyclerConfig } from './lifecycler.js';
import { type InstanceDesc, decodeRingDesc, encodeRingDesc, withInstance } from './model.js';
import { Ring, type RingClientConfig } from './ring.js';

/** The ring key the test helpers use. */
export const KEY = 'ring/test';
/** A logger that drops everything. */
export const silent = pino({ level: 'silent' });

/** A lifecycler on `kv` with fast test timings; `over` replaces any field. */
export function testLifecycler(
  kv: KVClient,
  id: string,
  over: Partial<LifecyclerConfig> = {},
  registry = new Registry(),
): Lifecycler {
  return new Lifecycler(
    {
      key: KEY,
      instanceId: id,
      instanceAddr: `${id}:9095`,
      instanceZone: '',
      numTokens: 16,
      heartbeatPeriodMs: 50,
      forgetPeriodMs: 0,
      ...over,
    },
    { kv },
    { logger: silent, registry },
  );
}

/** A ring client on `kv` with fast test timings; `over` replaces any field. */
export function testRing(
  kv: KVClient,
  over: Partial<RingClientConfig> = {},
  registry = new Registry(),
): Ring {
  return new Ring(
    {
      key: KEY,
      heartbeatTimeoutMs: 1000,
      replicationFactor: 1,
      zoneAwarenessEnabled: false,
      forgetPeriodMs: 0,
      ...over,
    },
    { kv },
    { logger: silent, registry },
  );
}

/** Writes `instance` straight into the ring key, as a crashed process would have left it. */
export async function plant(
  kv: KVClient,
  instance: Omit<InstanceDesc, 'addr' | 'zone'> & Partial<InstanceDesc>,
): Promise<void> {
  const full: InstanceDesc = { addr: `${instance.id}:9095`, zone: '', ...instance };
  await kv.cas(KEY, (old) => ({
    value: encodeRingDesc(withInstance(decodeRingDesc(old), full)),
    retry: false,
  }));
}

/** The instances stored under the ring key now. */
export async function stored(kv: KVClient, key = KEY): Promise<Readonly<Record<string, InstanceDesc>>> {
  return decodeRingDesc(await kv.get(key)).instances;
}

/** A KVClient that fails every call while `down` is set, passing through otherwise. */
export class FlakyKV implements KVClient {
  down = false;

  constructor(private readonly inner: KVClient) {}

  private check(): void {
    if (this.down) throw new Error('kv unavailable (test)');
  }

  async get(key: string) {
    this.check();
    return this.inner.get(key);
  }

  async cas(key: string, fn: Parameters<KVClient['cas']>[1]) {
    this.check();
    return this.inner.cas(key, fn);
  }

  watchKey(key: string, signal: AbortSignal, cb: Parameters<KVClient['watchKey']>[2]) {
    return this.inner.watchKey(key, signal, cb);
  }

  watchPrefix(prefix: string, signal: AbortSignal, cb: Parameters<KVClient['watchPrefix']>[2]) {
    return this.inner.watchPrefix(prefix, signal, cb);
  }

  async list(prefix: string) {
    this.check();
    return this.inner.list(prefix);
  }

  async delete(key: string) {
    this.check();
    return this.inner.delete(key);
  }

  close() {
    return this.inner.close();
  }
}

/** A pass-through KVClient counting `cas` calls and the attempts (callback runs) they took. */
export class CountingKV extends FlakyKV {
  calls = 0;
  attempts = 0;

  override async cas(key: string, fn: Parameters<KVClient['cas']>[1]) {
    this.calls++;
    return super.cas(key, (old) => {
      this.attempts++;
      return fn(old);
    });
  }
}

/** A pass-through KVClient that can hold the next `cas` attempt after its callback ran. */
export class GateKV extends FlakyKV {
  private gate: Promise<void> | undefined;

  /** Holds the next CAS attempt, after its callback computed the value, until `release` is called. */
  holdNext(): () => void {
    let release!: () => void;
    this.gate = new Promise((r) => (release = r));
    return release;
  }

  override async cas(key: string, fn: Parameters<KVClient['cas']>[1]) {
    return super.cas(key, async (old) => {
      const result = await fn(old);
      const gate = this.gate;
      this.gate = undefined;
      if (gate) await gate;
      return result;
    });
  }
}
