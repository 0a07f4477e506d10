/**
 * What the KV holds under `ha/<tenant>/<cluster>`, as JSON: the elected replica, when a sample of
 * it was last recorded (refreshed at most every update timeout), and when it was elected. Times are
 * milliseconds since the epoch.
 */
export interface ReplicaDesc {
  readonly replica: string;
  readonly receivedAt: number;
  readonly electedAt: number;
}

/** The KV key of a tenant's HA cluster. Tenant ids contain no `/`; cluster names may. */
export function haKey(tenant: string, cluster: string): string {
  return `ha/${tenant}/${cluster}`;
}

/** The key prefix under which every HA cluster lives. */
export const HA_KEY_PREFIX = 'ha/';

/** Encodes a descriptor as the JSON bytes stored in the KV. */
export function encodeReplicaDesc(d: ReplicaDesc): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ replica: d.replica, receivedAt: d.receivedAt, electedAt: d.electedAt }),
  );
}

/** Decodes KV bytes. @returns undefined when they are not a valid descriptor. */
export function decodeReplicaDesc(bytes: Uint8Array): ReplicaDesc | undefined {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (v === null || typeof v !== 'object') return undefined;
  const { replica, receivedAt, electedAt } = v as Record<string, unknown>;
  if (typeof replica !== 'string' || typeof receivedAt !== 'number' || typeof electedAt !== 'number') {
    return undefined;
  }
  return Object.freeze({ replica, receivedAt, electedAt });
}

/** The two timeouts the election depends on, in ms. */
export interface ElectionTimeouts {
  readonly updateTimeoutMs: number;
  readonly failoverTimeoutMs: number;
}

/** The outcome of one sample batch against the current descriptor. */
export interface Decision {
  readonly result: 'accept' | 'reject';
  /** The descriptor to write, or null when the KV must not change. */
  readonly write: ReplicaDesc | null;
  /** The descriptor in force afterwards (null only when there was none and nothing is written). */
  readonly current: ReplicaDesc | null;
  /** True when `write` elects a replica other than the previous one (or the first). */
  readonly elected: boolean;
}

/**
 * Decides for a batch from `replica` received at `now`, given the KV's `desc` (null: no cluster yet),
 * after Mimir's HA tracker:
 *
 * - no descriptor: elect `replica`;
 * - `replica` is elected: accept; write a fresh `receivedAt` only when the stored one is at least
 *   `updateTimeoutMs` old (to spare the KV);
 * - another replica is elected and was seen less than `failoverTimeoutMs` ago: reject;
 * - otherwise fail over: elect `replica`.
 *
 * Pure; the KV's stored `receivedAt` only ever grows, since every write uses a later `now`.
 */
export function decide(
  desc: ReplicaDesc | null,
  replica: string,
  now: number,
  t: ElectionTimeouts,
): Decision {
  if (desc !== null && desc.replica === replica) {
    if (now - desc.receivedAt < t.updateTimeoutMs)
      return { result: 'accept', write: null, current: desc, elected: false };
    const write = Object.freeze({ replica, receivedAt: now, electedAt: desc.electedAt });
    return { result: 'accept', write, current: write, elected: false };
  }
  if (desc !== null && now - desc.receivedAt < t.failoverTimeoutMs) {
    return { result: 'reject', write: null, current: desc, elected: false };
  }
  const write = Object.freeze({ replica, receivedAt: now, electedAt: now });
  return { result: 'accept', write, current: write, elected: true };
}
