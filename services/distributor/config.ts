import type { FlagDef, FlagValues } from '../../libs/config/index.js';

/** Distributor settings. Per-tenant limits come from `libs/limits` (flags and runtime overrides). */
export interface DistributorConfig {
  /** Largest accepted (compressed) push body in bytes. @default 100 MiB */
  maxRecvMsgSize: number;
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
  };
  if (c.maxRecvMsgSize <= 0) throw new Error('--distributor.max-recv-msg-size must be positive');
  return c;
}
