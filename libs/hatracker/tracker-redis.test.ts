import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RedisKV } from '../kv/index.js';
import { redisUrl } from './deps-env.js';
import { dropPrefix } from '../testsupport/index.js';
import { haTrackerSuite } from './tracker-suite.js';

// Runs the HA tracker suite against the Redis that `npm run deps:up` starts. Without .deps/env
// every test here fails saying so: a missing Redis is a real failure, never a skip.


haTrackerSuite('the Redis KV', async () => {
  const url = redisUrl();
  // A key prefix per test: tests share the Redis but never see each other's keys.
  const keyPrefix = `test:hatracker:${randomBytes(6).toString('hex')}:`;
  const clients: RedisKV[] = [];
  return {
    client: () => {
      const c = new RedisKV({
        url,
        keyPrefix,
        pollIntervalMs: 20,
        cas: { maxRetries: 30, minBackoffMs: 1, maxBackoffMs: 20 },
      });
      clients.push(c);
      return c;
    },
    cleanup: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await dropPrefix(url, keyPrefix);
    },
  };
});

describe('redisUrl', () => {
  it('fails, telling to run deps:up, when .deps/env is missing', () => {
    expect(() => redisUrl('/nonexistent/.deps/env')).toThrow('npm run deps:up');
  });
});
