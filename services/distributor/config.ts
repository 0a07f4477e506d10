import type { FlagDef, FlagValues } from '../../libs/config/index.js';

/** Distributor settings. Limits are per tenant until the runtime overrides file arrives. */
export interface DistributorConfig {
  /** Largest accepted (compressed) push body in bytes. @default 100 MiB */
  maxRecvMsgSize: number;
  /** Samples (plus exemplars and metadata) per second per tenant; 0 disables. @default 10000 */
  ingestionRate: number;
  /** Bucket size of the ingestion rate limit. @default 200000 */
  ingestionBurst: number;
}

/** The distributor's flags. */
export const DISTRIBUTOR_FLAGS: readonly FlagDef[] = [
  {
    name: 'distributor.max-recv-msg-size',
    type: 'int',
    default: 100 << 20,
    help: 'Largest remote-write request body accepted, in bytes.',
  },
  {
    name: 'distributor.ingestion-rate-limit',
    type: 'float',
    default: 10_000,
    help: 'Per-tenant ingestion rate limit in samples per second (0 disables).',
  },
  {
    name: 'distributor.ingestion-burst-size',
    type: 'int',
    default: 200_000,
    help: 'Per-tenant ingestion burst size in samples.',
  },
];

/** Compiles the distributor's flags. @throws Error naming the flag when invalid. */
export function distributorConfig(v: FlagValues): DistributorConfig {
  const c: DistributorConfig = {
    maxRecvMsgSize: v.get('distributor.max-recv-msg-size') as number,
    ingestionRate: v.get('distributor.ingestion-rate-limit') as number,
    ingestionBurst: v.get('distributor.ingestion-burst-size') as number,
  };
  if (c.maxRecvMsgSize <= 0) throw new Error('--distributor.max-recv-msg-size must be positive');
  if (c.ingestionRate < 0) throw new Error('--distributor.ingestion-rate-limit must not be negative');
  if (c.ingestionRate > 0 && c.ingestionBurst < 1) {
    throw new Error('--distributor.ingestion-burst-size must be at least 1 when a rate limit is set');
  }
  return c;
}
