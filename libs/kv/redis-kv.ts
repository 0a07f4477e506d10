import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import type { KVClient } from './kv.js';
import { DEFAULT_CAS_OPTIONS } from './memory-kv.js';
import { type CasOptions, type Versioned, type VersionedBackend, BackendKV, sleep } from './versioned.js';

/** Options of a `RedisKV`. */
export interface RedisKVOptions {
  /** `redis://[:password@]host:port[/db]`. */
  readonly url: string;
  /**
   * Prefix of every Redis key this client touches, so several stores share one Redis.
   * @default 'epimetheus:kv:'
   */
  readonly keyPrefix?: string;
  /**
   * How often watches poll the store's change counter.
   * @default 1000
   */
  readonly pollIntervalMs?: number;
  /** @default 10 attempts, 10ms to 1s backoff */
  readonly cas?: Partial<CasOptions>;
  readonly logger?: Logger;
}

// Layout under the prefix P: the hash P + 'k:' + key holds fields v (value) and ver (version);
// the set P + 'keys' names every key; the counter P + 'version' is incremented by every write and
// delete and gives the versions, so a version is never reused for a key, even across a delete.

const CAS_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], 'ver')
if cur == false then cur = '0' end
if cur ~= ARGV[1] then return 0 end
local ver = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'ver', ver)
redis.call('SADD', KEYS[2], ARGV[2])
return ver
`;

const DELETE_SCRIPT = `
if redis.call('DEL', KEYS[1]) == 1 then
  redis.call('SREM', KEYS[2], ARGV[1])
  redis.call('INCR', KEYS[3])
end
return 1
`;

interface Script {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const CAS = script(CAS_SCRIPT);
const DELETE = script(DELETE_SCRIPT);

/**
 * A `KVClient` on Redis through ioredis. CAS is a Lua script comparing a per-key version, so it is
 * atomic on one connection shared by concurrent callers. Watches poll a store-wide change counter
 * every `pollIntervalMs` (one GET while nothing changes) and read keys only after it moved.
 *
 * ioredis reconnects by itself after the server goes away; commands issued meanwhile wait in its
 * queue, are retried, and fail once its retry limit is reached (`cas` retries in turn). Scripts
 * are re-sent when a restarted server no longer has them.
 */
export class RedisKV extends BackendKV implements KVClient {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly pollIntervalMs: number;
  protected readonly casOptions: CasOptions;
  protected readonly logger: Logger;
  protected readonly backend: VersionedBackend;

  constructor(options: RedisKVOptions) {
    super();
    this.prefix = options.keyPrefix ?? 'epimetheus:kv:';
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.casOptions = { ...DEFAULT_CAS_OPTIONS, ...options.cas };
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'kv', store: 'redis' });
    this.client = new Redis(options.url, {
      // Reconnect forever, backing off to 2s; a command waits through a few reconnects and then
      // fails, so callers see an outage instead of hanging.
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
      maxRetriesPerRequest: 3,
      lazyConnect: false,
    });
    this.client.on('error', (err: Error) => this.logger.debug({ err }, 'redis connection error'));
    this.backend = {
      getVersioned: (key) => this.getVersioned(key),
      listVersions: (prefix) => this.listVersions(prefix),
      compareAndSet: async (key, expected, value) =>
        Number(
          await this.eval(
            CAS,
            [this.hashKey(key), this.indexKey(), this.counterKey()],
            [String(expected), key, Buffer.from(value.buffer, value.byteOffset, value.length)],
          ),
        ) > 0,
      changeToken: async () => Number((await this.client.get(this.counterKey())) ?? 0),
      waitForChange: (token, signal) => this.waitForChange(token, signal),
    };
  }

  async get(key: string): Promise<Uint8Array | null> {
    return (await this.getVersioned(key))?.value ?? null;
  }

  async list(prefix: string): Promise<string[]> {
    const keys = await this.client.smembers(this.indexKey());
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(key: string): Promise<void> {
    await this.eval(DELETE, [this.hashKey(key), this.indexKey(), this.counterKey()], [key]);
  }

  async close(): Promise<void> {
    this.closed.abort();
    this.client.disconnect();
  }

  private hashKey(key: string): string {
    return `${this.prefix}k:${key}`;
  }

  private indexKey(): string {
    return `${this.prefix}keys`;
  }

  private counterKey(): string {
    return `${this.prefix}version`;
  }

  private async getVersioned(key: string): Promise<Versioned | null> {
    const [value, ver] = await this.client.hmgetBuffer(this.hashKey(key), 'v', 'ver');
    if (value === null || value === undefined || ver === null || ver === undefined) return null;
    return { value: new Uint8Array(value), version: Number(ver.toString()) };
  }

  private async listVersions(prefix: string): Promise<Map<string, number>> {
    const keys = await this.list(prefix);
    const pipeline = this.client.pipeline();
    for (const k of keys) pipeline.hget(this.hashKey(k), 'ver');
    const replies = (await pipeline.exec()) ?? [];
    const out = new Map<string, number>();
    keys.forEach((k, i) => {
      const [err, ver] = replies[i] ?? [null, null];
      if (err) throw err;
      if (typeof ver === 'string') out.set(k, Number(ver));
    });
    return out;
  }

  /** EVALSHA, falling back to EVAL when the server does not know the script (e.g. restarted). */
  private async eval(s: Script, keys: string[], args: (string | Buffer)[]): Promise<unknown> {
    try {
      return await this.client.evalsha(s.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return await this.client.eval(s.source, keys.length, ...keys, ...args);
    }
  }

  private async waitForChange(token: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.pollIntervalMs, signal);
      if (signal.aborted) return;
      try {
        if (Number((await this.client.get(this.counterKey())) ?? 0) !== token) return;
      } catch {
        return; // Let the watch loop look again, log and back off.
      }
    }
  }
}
