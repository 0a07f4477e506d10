import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  type KvConfig,
  KvConfigError,
  defaultKvConfig,
  kvConfigFromFlags,
  kvFlags,
  newKvClient,
  validateKvConfig,
} from './config.js';
import { MemoryKV } from './memory-kv.js';
import { RedisKV } from './redis-kv.js';

const P = 'distributor.ha-tracker';

function redisConfig(over: Partial<KvConfig['redis']> = {}): KvConfig {
  const c = defaultKvConfig(P);
  return { store: 'redis', redis: { ...c.redis, ...over } };
}

describe('validateKvConfig', () => {
  it('accepts the defaults and a redis store', () => {
    expect(() => validateKvConfig(defaultKvConfig(P), P)).not.toThrow();
    expect(() => validateKvConfig(redisConfig(), P)).not.toThrow();
  });

  const bad: { name: string; config: KvConfig; flag: string }[] = [
    {
      name: 'unknown store',
      config: { ...defaultKvConfig(P), store: 'consul' as 'redis' },
      flag: `${P}.store`,
    },
    { name: 'not a URL', config: redisConfig({ url: 'localhost:6379' }), flag: `${P}.redis.url` },
    { name: 'wrong scheme', config: redisConfig({ url: 'http://localhost:6379' }), flag: `${P}.redis.url` },
    {
      name: 'zero poll interval',
      config: redisConfig({ pollIntervalMs: 0 }),
      flag: `${P}.redis.poll-interval`,
    },
  ];
  for (const c of bad) {
    it(`names the flag: ${c.name}`, () => {
      expect(() => validateKvConfig(c.config, P)).toThrow(KvConfigError);
      expect(() => validateKvConfig(c.config, P)).toThrow(`--${c.flag}`);
    });
  }
});

describe('kvFlags', () => {
  it('puts every flag under the prefix with its default', () => {
    const flags = kvFlags(P);
    expect(flags.map((f) => f.flag)).toEqual([
      `${P}.store`,
      `${P}.redis.url`,
      `${P}.redis.key-prefix`,
      `${P}.redis.poll-interval`,
    ]);
    expect(flags.find((f) => f.key === 'redis.pollIntervalMs')).toMatchObject({
      type: 'duration',
      default: 1000,
    });
    expect(flags.find((f) => f.key === 'redis.keyPrefix')?.default).toBe(`epimetheus:${P}:`);
  });

  it('maps parsed flag values onto the config', () => {
    const c = kvConfigFromFlags(
      P,
      new Map<string, unknown>([
        [`${P}.store`, 'redis'],
        [`${P}.redis.poll-interval`, 250],
        ['ingester.ring.store', 'inmemory'],
      ]),
    );
    expect(c.store).toBe('redis');
    expect(c.redis.pollIntervalMs).toBe(250);
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
  });
});

describe('newKvClient', () => {
  const logger = pino({ level: 'silent' });

  it('returns the shared in-memory store when given one', () => {
    const memory = new MemoryKV();
    expect(newKvClient(defaultKvConfig(P), P, { logger, memory })).toBe(memory);
    expect(newKvClient(defaultKvConfig(P), P, { logger })).toBeInstanceOf(MemoryKV);
  });

  it('builds a Redis client', async () => {
    const kv = newKvClient(redisConfig({ url: 'redis://127.0.0.1:1' }), P, { logger });
    expect(kv).toBeInstanceOf(RedisKV);
    await kv.close();
  });
});
