import type { FlagDef, FlagValues } from '../../libs/config/index.js';

/** Store-gateway settings. */
export interface StoreGatewayConfig {
  /** How often every tenant's bucket index is re-read. @default 1m */
  syncIntervalMs: number;
  /**
   * Bytes that loaded index headers plus cached postings, series and chunk ranges may take
   * together. @default 512MiB
   */
  maxCacheBytes: number;
  /**
   * Deprecated count bound on loaded blocks, kept for old command lines; 0 (the default) leaves
   * only the byte bound. @default 0
   */
  maxOpenBlocks: number;
  /** Store-gateways each block is given to (ring sharding; queriers read the same flag). @default 1 */
  replicationFactor: number;
}

/** The store-gateway's flags. */
export const STORE_GATEWAY_FLAGS: readonly FlagDef[] = [
  {
    name: 'store-gateway.sync-interval',
    type: 'duration',
    default: 60_000,
    help: "How often the store-gateway re-reads every tenant's bucket index.",
  },
  {
    name: 'blocks-storage.bucket-store.max-cache-bytes',
    type: 'int',
    default: 512 * 1024 * 1024,
    help:
      'Bytes the store-gateway may hold for loaded index headers plus cached postings, series and chunk ranges. ' +
      'Ranges are evicted first, then the least recently used blocks without a query in flight.',
  },
  {
    name: 'store-gateway.max-open-blocks',
    type: 'int',
    default: 0,
    help: 'Deprecated: use --blocks-storage.bucket-store.max-cache-bytes. Most loaded blocks, on top of the byte bound; 0 for none.',
  },
  {
    name: 'store-gateway.sharding-ring.replication-factor',
    type: 'int',
    default: 1,
    help:
      'Store-gateways that load and serve each block (by the hash of tenant and block ULID on the store-gateway ring; ' +
      'one per zone with --store-gateway.ring.zone-awareness-enabled). Queriers must be given the same value.',
  },
];

/** Compiles the store-gateway's flags. @throws Error naming the flag when invalid. */
export function storeGatewayConfig(v: FlagValues): StoreGatewayConfig {
  const c: StoreGatewayConfig = {
    syncIntervalMs: v.get('store-gateway.sync-interval') as number,
    maxCacheBytes: v.get('blocks-storage.bucket-store.max-cache-bytes') as number,
    maxOpenBlocks: v.get('store-gateway.max-open-blocks') as number,
    replicationFactor: v.get('store-gateway.sharding-ring.replication-factor') as number,
  };
  if (c.syncIntervalMs < 1000) throw new Error('--store-gateway.sync-interval must be at least 1s');
  if (c.maxCacheBytes < 1 << 20)
    throw new Error('--blocks-storage.bucket-store.max-cache-bytes must be at least 1MiB');
  if (c.replicationFactor < 1)
    throw new Error('--store-gateway.sharding-ring.replication-factor must be at least 1');
  if (c.maxOpenBlocks < 0) throw new Error('--store-gateway.max-open-blocks must not be negative');
  return c;
}
