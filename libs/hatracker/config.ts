import type { FlagDef } from '../config/index.js';
import { type KvConfig, defaultKvConfig, kvConfigFromFlags, kvFlags, validateKvConfig } from '../kv/index.js';

/** The flag prefix of the HA tracker, also its KV store's (`--distributor.ha-tracker.store`, ...). */
export const HA_TRACKER_FLAG_PREFIX = 'distributor.ha-tracker';

/** Configuration of the HA tracker, resolved (durations in ms). */
export interface HaTrackerConfig {
  /**
   * Run the HA tracker. When false, `checkReplica` accepts everything and the KV is never touched;
   * tenants still need `accept_ha_samples` for deduplication. @default false
   */
  enabled: boolean;
  /** The elected replica's `receivedAt` in the KV is refreshed at most this often. @default 15000 (`15s`) */
  updateTimeoutMs: number;
  /** Another replica is elected once the elected one has not been seen for this long. @default 30000 (`30s`) */
  failoverTimeoutMs: number;
  /** The KV store holding the elected replicas. */
  kv: KvConfig;
}

/** A fresh copy of the defaults. */
export function defaultHaTrackerConfig(): HaTrackerConfig {
  return {
    enabled: false,
    updateTimeoutMs: 15_000,
    failoverTimeoutMs: 30_000,
    kv: defaultKvConfig(HA_TRACKER_FLAG_PREFIX),
  };
}

const P = HA_TRACKER_FLAG_PREFIX;

/**
 * The HA tracker's flags: `--distributor.ha-tracker.enable`, `.update-timeout`, `.failover-timeout`
 * and its KV store's (`.store`, `.redis.url`, `.redis.key-prefix`, `.redis.poll-interval`).
 */
export const HA_TRACKER_FLAGS: readonly FlagDef[] = Object.freeze([
  {
    name: `${P}.enable`,
    type: 'bool',
    default: false,
    help: 'Run the HA tracker, which deduplicates samples from HA Prometheus pairs for tenants with accept_ha_samples.',
  },
  {
    name: `${P}.update-timeout`,
    type: 'duration',
    default: 15_000,
    help: "How often at most the elected replica's last-seen time is written to the KV store.",
  },
  {
    name: `${P}.failover-timeout`,
    type: 'duration',
    default: 30_000,
    help: 'How long the elected replica may go unseen before another replica is elected; above update-timeout + 1s.',
  },
  ...kvFlags(P).map(
    (f): FlagDef => ({ name: f.flag, type: f.type, default: f.default, help: f.description }) as FlagDef,
  ),
] satisfies FlagDef[]);

/** Thrown for an invalid HA tracker configuration; the message names the flag. */
export class HaTrackerConfigError extends Error {
  constructor(flag: string, message: string) {
    super(`invalid --${flag}: ${message}`);
    this.name = 'HaTrackerConfigError';
  }
}

/**
 * Builds and validates the config from parsed flag values keyed by flag name; absent flags keep
 * their defaults.
 * @throws HaTrackerConfigError or KvConfigError naming the flag of an invalid value.
 */
export function haTrackerConfigFromFlags(values: ReadonlyMap<string, unknown>): HaTrackerConfig {
  const c = defaultHaTrackerConfig();
  const enabled = values.get(`${P}.enable`);
  if (enabled !== undefined) c.enabled = enabled === true;
  const update = values.get(`${P}.update-timeout`);
  if (update !== undefined) c.updateTimeoutMs = Number(update);
  const failover = values.get(`${P}.failover-timeout`);
  if (failover !== undefined) c.failoverTimeoutMs = Number(failover);
  c.kv = kvConfigFromFlags(P, values);
  validateHaTrackerConfig(c);
  return c;
}

/**
 * Checks the timeouts: the elected replica's KV timestamp may lag by up to `updateTimeoutMs`, so
 * failing over sooner than that (plus a second of slack for the sample interval) would flap.
 * @throws HaTrackerConfigError or KvConfigError naming the flag.
 */
export function validateHaTrackerConfig(c: HaTrackerConfig): void {
  if (!(c.updateTimeoutMs > 0)) throw new HaTrackerConfigError(`${P}.update-timeout`, 'must be positive');
  if (!(c.failoverTimeoutMs >= c.updateTimeoutMs + 1000)) {
    throw new HaTrackerConfigError(
      `${P}.failover-timeout`,
      `must be at least --${P}.update-timeout + 1s (${c.updateTimeoutMs + 1000}ms), got ${c.failoverTimeoutMs}ms`,
    );
  }
  if (c.enabled) validateKvConfig(c.kv, P);
}
