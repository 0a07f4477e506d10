import { hostname } from 'node:os';
import { RingConfigError } from './errors.js';

/**
 * A flag definition with the shape of `FlagDef` in libs/config (name without dashes, type, default,
 * help; durations in milliseconds), so the app registers these rows as they are.
 */
export interface RingFlagDef {
  readonly name: string;
  readonly type: 'string' | 'int' | 'bool' | 'duration';
  readonly default: string | number | boolean;
  readonly help: string;
}

/** A ring's resolved configuration: every default filled, durations in milliseconds. */
export interface RingConfig {
  /** How often the lifecycler heartbeats. @default 15000 (`15s`) */
  readonly heartbeatPeriodMs: number;
  /** A heartbeat older than this makes an instance unhealthy; 0 never. @default 60000 (`1m`) */
  readonly heartbeatTimeoutMs: number;
  /** Unhealthy for longer than this, an instance is removed from the ring. @default 10 × heartbeat timeout */
  readonly forgetPeriodMs: number;
  /** @default 3 */
  readonly replicationFactor: number;
  /** At most one replica per zone. @default false */
  readonly zoneAwarenessEnabled: boolean;
  /** Tokens a lifecycler registers. @default 128 */
  readonly numTokens: number;
  /** @default the host name */
  readonly instanceId: string;
  /** `host:port` peers dial. @default the `defaultInstanceAddr` given to `resolveRingConfig`, else the host name */
  readonly instanceAddr: string;
  /** @default '' (no zone) */
  readonly instanceZone: string;
}

/** The defaults of `RingConfig` (the instance id and address from the host name). */
export function defaultRingConfig(): RingConfig {
  return {
    heartbeatPeriodMs: 15_000,
    heartbeatTimeoutMs: 60_000,
    forgetPeriodMs: 600_000,
    replicationFactor: 3,
    zoneAwarenessEnabled: false,
    numTokens: 128,
    instanceId: hostname(),
    instanceAddr: hostname(),
    instanceZone: '',
  };
}

/**
 * The flags of the ring under `prefix` (`ingester`, `store-gateway`): `--<prefix>.ring.heartbeat-period`,
 * `.heartbeat-timeout`, `.replication-factor`, `.zone-awareness-enabled`, `.num-tokens`,
 * `.instance-id`, `.instance-addr`, `.instance-zone`. `options.replicationFactor: false` leaves
 * out `.replication-factor` for a ring whose users replicate by a flag of their own.
 */
export function ringFlags(prefix: string, options: { replicationFactor?: boolean } = {}): RingFlagDef[] {
  const d = defaultRingConfig();
  const f = (name: string) => `${prefix}.ring.${name}`;
  const flags: RingFlagDef[] = [
    {
      name: f('heartbeat-period'),
      type: 'duration',
      default: d.heartbeatPeriodMs,
      help: 'How often an instance heartbeats to the ring.',
    },
    {
      name: f('heartbeat-timeout'),
      type: 'duration',
      default: d.heartbeatTimeoutMs,
      help: 'An instance whose last heartbeat is older than this is unhealthy; 0 disables the check. Instances unhealthy for 10 times this are forgotten.',
    },
    {
      name: f('replication-factor'),
      type: 'int',
      default: d.replicationFactor,
      help: 'Instances each key is replicated to.',
    },
    {
      name: f('zone-awareness-enabled'),
      type: 'bool',
      default: d.zoneAwarenessEnabled,
      help: 'Replicate across zones: at most one replica per zone.',
    },
    {
      name: f('num-tokens'),
      type: 'int',
      default: d.numTokens,
      help: 'Tokens this instance registers in the ring.',
    },
    {
      name: f('instance-id'),
      type: 'string',
      default: d.instanceId,
      help: 'Id of this instance in the ring; keep it across restarts to keep its tokens.',
    },
    {
      name: f('instance-addr'),
      type: 'string',
      default: '',
      help: 'Address (host:port) peers use to reach this instance; empty: this host and the gRPC port.',
    },
    {
      name: f('instance-zone'),
      type: 'string',
      default: d.instanceZone,
      help: 'Availability zone of this instance; required with zone awareness.',
    },
  ];
  return options.replicationFactor === false ? flags.filter((x) => x.name !== f('replication-factor')) : flags;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Typed, validated reads of the flags under `<prefix>.ring.`; errors name the flag. */
function flagReader(values: ReadonlyMap<string, unknown>, prefix: string) {
  const name = (n: string) => `${prefix}.ring.${n}`;
  const raw = (n: string) => values.get(name(n));
  const fail = (n: string, want: string, v: unknown) =>
    new RingConfigError(name(n), `want ${want}, got ${JSON.stringify(v)}`);
  return {
    name,
    duration(n: string, def: number, min: number): number {
      const v = raw(n) ?? def;
      const m = typeof v === 'string' ? DURATION.exec(v) : null;
      const ms = typeof v === 'number' ? v : m ? Number(m[1]) * UNIT_MS[m[2]!]! : NaN;
      if (!Number.isFinite(ms) || ms < min) throw fail(n, `a duration of at least ${min}ms`, v);
      return ms;
    },
    int(n: string, def: number): number {
      const v = raw(n) ?? def;
      const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) throw fail(n, 'a positive integer', v);
      return x;
    },
    str(n: string, def: string): string {
      const v = raw(n) ?? def;
      if (typeof v !== 'string') throw fail(n, 'a string', v);
      return v;
    },
    bool(n: string, def: boolean): boolean {
      const v = raw(n) ?? def;
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw fail(n, 'true or false', v);
    },
  };
}

/**
 * Resolves and validates the ring flags under `prefix` from parsed flag values keyed by flag name
 * (absent flags keep their defaults; durations are milliseconds, or strings like `15s`).
 * `defaultInstanceAddr` fills an empty `instance-addr` (the app passes `host:grpc-port`).
 * @throws RingConfigError naming the flag of the first invalid value.
 */
export function resolveRingConfig(
  values: ReadonlyMap<string, unknown>,
  prefix: string,
  options: { defaultInstanceAddr?: string } = {},
): RingConfig {
  const d = defaultRingConfig();
  const { name, duration, int, str, bool } = flagReader(values, prefix);
  const heartbeatPeriodMs = duration('heartbeat-period', d.heartbeatPeriodMs, 1);
  const heartbeatTimeoutMs = duration('heartbeat-timeout', d.heartbeatTimeoutMs, 0);
  if (heartbeatTimeoutMs > 0 && heartbeatTimeoutMs <= heartbeatPeriodMs) {
    throw new RingConfigError(
      name('heartbeat-timeout'),
      `must exceed --${name('heartbeat-period')} (${heartbeatPeriodMs}ms), or be 0`,
    );
  }
  const config: RingConfig = {
    heartbeatPeriodMs,
    heartbeatTimeoutMs,
    forgetPeriodMs: 10 * heartbeatTimeoutMs,
    replicationFactor: int('replication-factor', d.replicationFactor),
    zoneAwarenessEnabled: bool('zone-awareness-enabled', d.zoneAwarenessEnabled),
    numTokens: int('num-tokens', d.numTokens),
    instanceId: str('instance-id', d.instanceId),
    instanceAddr: str('instance-addr', '') || options.defaultInstanceAddr || d.instanceAddr,
    instanceZone: str('instance-zone', d.instanceZone),
  };
  if (config.instanceId === '') throw new RingConfigError(name('instance-id'), 'must not be empty');
  if (config.zoneAwarenessEnabled && config.instanceZone === '') {
    throw new RingConfigError(
      name('instance-zone'),
      `must be set when --${name('zone-awareness-enabled')} is true`,
    );
  }
  return config;
}

/** Resolved partition-ownership settings of an ingester (see `PartitionLifecyclerConfig`). */
export interface PartitionOwnerConfig {
  /** The partition to own; from `--<prefix>.partition-id`, else the instance id's `-N` suffix. */
  readonly partitionId: number;
  /** @default 1 */
  readonly waitOwnersCountOnPending: number;
  /** @default 0 */
  readonly waitOwnersDurationOnPendingMs: number;
}

/**
 * The partition flags under `prefix` (`ingester`): `--<prefix>.partition-id` (-1: take it from the
 * instance id), `--<prefix>.partition-ring.min-partition-owners-count` and
 * `.min-partition-owners-duration`.
 */
export function partitionFlags(prefix: string): RingFlagDef[] {
  return [
    {
      name: `${prefix}.partition-id`,
      type: 'int',
      default: -1,
      help: 'Partition this instance owns; -1 takes the number the instance id ends with (ingester-zone-a-3 owns 3).',
    },
    {
      name: `${prefix}.partition-ring.min-partition-owners-count`,
      type: 'int',
      default: 1,
      help: 'Owners a new (PENDING) partition needs before it becomes ACTIVE and takes writes.',
    },
    {
      name: `${prefix}.partition-ring.min-partition-owners-duration`,
      type: 'duration',
      default: 0,
      help: 'How long each of those owners must have been registered first.',
    },
  ];
}

/**
 * Resolves the partition flags under `prefix` for the instance `instanceId`.
 * @throws RingConfigError naming the flag: a bad value, or no partition id from the flag nor the
 * instance id.
 */
export function resolvePartitionOwnerConfig(
  values: ReadonlyMap<string, unknown>,
  prefix: string,
  instanceId: string,
): PartitionOwnerConfig {
  const idFlag = `${prefix}.partition-id`;
  const raw = values.get(idFlag) ?? -1;
  const id = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < -1) {
    throw new RingConfigError(idFlag, `want a partition number or -1, got ${JSON.stringify(raw)}`);
  }
  let partitionId = id;
  if (id < 0) {
    const m = /-(\d+)$/.exec(instanceId);
    if (m === null) {
      throw new RingConfigError(
        idFlag,
        `not set, and the instance id ${JSON.stringify(instanceId)} does not end in -<partition number>`,
      );
    }
    partitionId = Number(m[1]);
  }
  const countFlag = `${prefix}.partition-ring.min-partition-owners-count`;
  const count = values.get(countFlag) ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new RingConfigError(countFlag, `want a positive integer, got ${JSON.stringify(count)}`);
  }
  const durFlag = `${prefix}.partition-ring.min-partition-owners-duration`;
  const dur = values.get(durFlag) ?? 0;
  if (typeof dur !== 'number' || !Number.isFinite(dur) || dur < 0) {
    throw new RingConfigError(durFlag, `want a non-negative duration, got ${JSON.stringify(dur)}`);
  }
  return { partitionId, waitOwnersCountOnPending: count, waitOwnersDurationOnPendingMs: dur };
}
