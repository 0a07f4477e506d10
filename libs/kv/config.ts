import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { InstrumentedKV } from './instrumented-kv.js';
import type { KVClient } from './kv.js';
import { MemoryKV } from './memory-kv.js';
import { RedisKV } from './redis-kv.js';

/** The KV backends `newKvClient` can build. */
export type KvStore = 'inmemory' | 'redis';

/**
 * Configuration of one KV store, as the `--<prefix>.store` and `--<prefix>.redis.*` flags set it;
 * each user (ring, HA tracker) has its own prefix, e.g. `ingester.ring` or
 * `distributor.ha-tracker`.
 */
export interface KvConfig {
  /** @default 'inmemory' */
  store: KvStore;
  redis: {
    /** @default 'redis://127.0.0.1:6379' */
    url: string;
    /** Prefix of the Redis keys. @default `epimetheus:<flag prefix>:` */
    keyPrefix: string;
    /** How often watches poll for changes, in milliseconds. @default 1000 (`1s`) */
    pollIntervalMs: number;
  };
}

/** A fresh copy of the defaults for the store configured under `flagPrefix`. */
export function defaultKvConfig(flagPrefix: string): KvConfig {
  return {
    store: 'inmemory',
    redis: { url: 'redis://127.0.0.1:6379', keyPrefix: `epimetheus:${flagPrefix}:`, pollIntervalMs: 1000 },
  };
}

/** One flag of a KV configuration, for the config library to register. */
export interface KvFlag {
  /** Flag name without dashes, e.g. `ingester.ring.store`. */
  readonly flag: string;
  /** Dotted path of the value in `KvConfig`, e.g. `redis.url`. */
  readonly key: string;
  /** `duration` values are milliseconds, written `1s` on the command line. */
  readonly type: 'string' | 'duration';
  readonly description: string;
  readonly default: string | number;
}

/** The flags of the KV store under `flagPrefix`: name, config key, type, help and default. */
export function kvFlags(flagPrefix: string): KvFlag[] {
  const d = defaultKvConfig(flagPrefix);
  return [
    {
      flag: `${flagPrefix}.store`,
      key: 'store',
      type: 'string',
      description: 'Backend of the key-value store: inmemory or redis.',
      default: d.store,
    },
    {
      flag: `${flagPrefix}.redis.url`,
      key: 'redis.url',
      type: 'string',
      description: 'Redis URL, redis://[:password@]host:port[/db].',
      default: d.redis.url,
    },
    {
      flag: `${flagPrefix}.redis.key-prefix`,
      key: 'redis.keyPrefix',
      type: 'string',
      description: 'Prefix of the Redis keys of this store.',
      default: d.redis.keyPrefix,
    },
    {
      flag: `${flagPrefix}.redis.poll-interval`,
      key: 'redis.pollIntervalMs',
      type: 'duration',
      description: 'How often watches poll Redis for changes.',
      default: d.redis.pollIntervalMs,
    },
  ];
}

/** Builds a `KvConfig` from parsed flag values keyed by flag name; absent flags keep defaults. */
export function kvConfigFromFlags(flagPrefix: string, values: ReadonlyMap<string, unknown>): KvConfig {
  const c = defaultKvConfig(flagPrefix);
  const get = (name: string) => values.get(`${flagPrefix}.${name}`);
  const store = get('store');
  if (store !== undefined) c.store = String(store) as KvStore;
  const url = get('redis.url');
  if (url !== undefined) c.redis.url = String(url);
  const keyPrefix = get('redis.key-prefix');
  if (keyPrefix !== undefined) c.redis.keyPrefix = String(keyPrefix);
  const poll = get('redis.poll-interval');
  if (poll !== undefined) c.redis.pollIntervalMs = Number(poll);
  return c;
}

/** Thrown by `validateKvConfig`; the message names the flag to change. */
export class KvConfigError extends Error {
  /** The flag, without dashes, that holds the bad value. */
  readonly flag: string;

  constructor(flag: string, message: string) {
    super(`invalid --${flag}: ${message}`);
    this.name = 'KvConfigError';
    this.flag = flag;
  }
}

/** @throws KvConfigError naming the flag (under `flagPrefix`) of the first invalid value. */
export function validateKvConfig(config: KvConfig, flagPrefix: string): void {
  const flag = (name: string) => `${flagPrefix}.${name}`;
  if (config.store !== 'inmemory' && config.store !== 'redis') {
    throw new KvConfigError(
      flag('store'),
      `unknown store ${JSON.stringify(config.store)}, want inmemory or redis`,
    );
  }
  if (config.store !== 'redis') return;
  let url: URL;
  try {
    url = new URL(config.redis.url);
  } catch {
    throw new KvConfigError(flag('redis.url'), `not a URL: ${JSON.stringify(config.redis.url)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new KvConfigError(flag('redis.url'), `want a redis:// or rediss:// URL, got ${url.protocol}`);
  }
  if (!Number.isFinite(config.redis.pollIntervalMs) || config.redis.pollIntervalMs <= 0) {
    throw new KvConfigError(flag('redis.poll-interval'), 'must be positive');
  }
}

/**
 * Builds the store the config describes, timed on `registry` (as `kv_name` = `flagPrefix`) when
 * one is given. For `inmemory`, pass the process's shared `memory` store so that every component
 * sees the same state; without it a new, private one is made.
 * @throws KvConfigError for an invalid config.
 */
export function newKvClient(
  config: KvConfig,
  flagPrefix: string,
  deps: { logger: Logger; registry?: Registry; memory?: MemoryKV },
): KVClient {
  const kv = newRawKvClient(config, flagPrefix, deps);
  return deps.registry === undefined ? kv : new InstrumentedKV(kv, flagPrefix, deps.registry);
}

function newRawKvClient(
  config: KvConfig,
  flagPrefix: string,
  deps: { logger: Logger; memory?: MemoryKV },
): KVClient {
  validateKvConfig(config, flagPrefix);
  const logger = deps.logger.child({ kv: flagPrefix });
  if (config.store === 'inmemory') return deps.memory ?? new MemoryKV({ logger });
  return new RedisKV({
    url: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    pollIntervalMs: config.redis.pollIntervalMs,
    logger,
  });
}
