import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { RedisKV } from '../kv/index.js';
import { haTrackerSuite } from './tracker-suite.js';

// Runs the HA tracker suite against the Redis that `npm run deps:up` starts. Without .deps/env
// every test here fails saying so: a missing Redis is a real failure, never a skip.

const ENV_FILE = fileURLToPath(new URL('../../.deps/env', import.meta.url));

function redisUrl(): string {
  if (!existsSync(ENV_FILE)) {
    throw new Error(`${ENV_FILE} not found: run \`npm run deps:up\` to start Redis before these tests`);
  }
  const line = readFileSync(ENV_FILE, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('REDIS_URL='));
  const url = line?.slice('REDIS_URL='.length).trim();
  if (!url) throw new Error(`${ENV_FILE} has no REDIS_URL: run \`npm run deps:up\``);
  return url;
}

async function dropPrefix(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

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
