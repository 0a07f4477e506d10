export type { CasFn, CasResult, KVClient, WatchKeyCallback, WatchPrefixCallback } from './kv.js';
export { CasRetriesExhaustedError } from './kv.js';
export type { CasOptions } from './versioned.js';
export type { MemoryKVOptions } from './memory-kv.js';
export { MemoryKV, DEFAULT_CAS_OPTIONS } from './memory-kv.js';
export type { RedisKVOptions } from './redis-kv.js';
export { RedisKV } from './redis-kv.js';
export { InstrumentedKV } from './instrumented-kv.js';
export type { KvConfig, KvFlag, KvStore } from './config.js';
export {
  KvConfigError,
  defaultKvConfig,
  kvConfigFromFlags,
  kvFlags,
  newKvClient,
  validateKvConfig,
} from './config.js';
