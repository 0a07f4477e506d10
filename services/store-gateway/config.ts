import type { FlagDef, FlagValues } from '../../libs/config/index.js';

/** Store-gateway settings. */
export interface StoreGatewayConfig {
  /** How often every tenant's bucket index is re-read. @default 1m */
  syncIntervalMs: number;
  /** Most block readers (index headers) kept open; least recently used ones close. @default 1000 */
  maxOpenBlocks: number;
}

/** The store-gateway's flags. */
export const STORE_GATEWAY_FLAGS: readonly FlagDef[] = [
  {
    name: 'store-gateway.sync-interval',
    type: 'duration',
    default: 60_000,
    help: 'How often the store-gateway re-reads every tenant\'s bucket index.',
  },
  {
    name: 'store-gateway.max-open-blocks',
    type: 'int',
    default: 1000,
    help: 'Most blocks whose index headers stay loaded; the least recently used are closed.',
  },
];

/** Compiles the store-gateway's flags. @throws Error naming the flag when invalid. */
export function storeGatewayConfig(v: FlagValues): StoreGatewayConfig {
  const c: StoreGatewayConfig = {
    syncIntervalMs: v.get('store-gateway.sync-interval') as number,
    maxOpenBlocks: v.get('store-gateway.max-open-blocks') as number,
  };
  if (c.syncIntervalMs < 1000) throw new Error('--store-gateway.sync-interval must be at least 1s');
  if (c.maxOpenBlocks < 1) throw new Error('--store-gateway.max-open-blocks must be at least 1');
  return c;
}
