import type { Logger } from 'pino';
import type { KVClient } from '../kv/index.js';
import { BasicService } from '../services/index.js';
import { NoActivePartitionError, PartitionUnavailableError } from './errors.js';
import type { RingComponentOptions } from './lifecycler.js';
import { RingMetrics } from './metrics.js';
import type { InstanceDesc } from './model.js';
import type { Operation } from './operation.js';
import {
  type PartitionDesc,
  type PartitionRingDesc,
  decodePartitionRingDesc,
  emptyPartitionRingDesc,
} from './partition-model.js';
import { searchToken } from './snapshot.js';

/**
 * The partition an instance owns, from the digits after its id's last `-`:
 * `partitionIdFromInstanceId('ingester-zone-a-3') === 3` (Mimir's StatefulSet naming).
 * @throws Error when the id does not end in `-<digits>`.
 */
export function partitionIdFromInstanceId(instanceId: string): number {
  const m = /-(\d+)$/.exec(instanceId);
  if (m === null)
    throw new Error(`instance id ${JSON.stringify(instanceId)} does not end in -<partition number>`);
  return Number(m[1]);
}

/**
 * The partition to own: `flagValue` (`--ingester.partition-id`) when it is ≥ 0, else the number
 * the instance id ends with. @throws Error when neither gives one.
 */
export function resolvePartitionId(flagValue: number | undefined, instanceId: string): number {
  if (flagValue !== undefined && flagValue >= 0) {
    if (!Number.isInteger(flagValue)) throw new Error(`partition id ${flagValue} is not an integer`);
    return flagValue;
  }
  return partitionIdFromInstanceId(instanceId);
}

/**
 * An immutable, indexed view of a partition ring descriptor (Mimir's `PartitionRing`). A token
 * claimed by two partitions belongs to the smaller id.
 */
export class PartitionRing {
  readonly desc: PartitionRingDesc;
  private readonly tokens: Uint32Array;
  private readonly tokenPartition: Int32Array;
  private readonly tokenActive: Uint8Array;
  private readonly ownersByPartition = new Map<number, string[]>();

  constructor(desc: PartitionRingDesc) {
    this.desc = desc;
    const byToken = new Map<number, PartitionDesc>();
    const parts = Object.values(desc.partitions).sort((a, b) => b.id - a.id); // Smaller ids win.
    for (const p of parts) for (const t of p.tokens) byToken.set(t, p);
    this.tokens = Uint32Array.from(byToken.keys()).sort();
    this.tokenPartition = Int32Array.from(this.tokens, (t) => byToken.get(t)!.id);
    this.tokenActive = Uint8Array.from(this.tokens, (t) => (byToken.get(t)!.state === 'ACTIVE' ? 1 : 0));
    for (const o of Object.values(desc.owners)) {
      const list = this.ownersByPartition.get(o.partition) ?? [];
      list.push(o.id);
      this.ownersByPartition.set(o.partition, list);
    }
    for (const list of this.ownersByPartition.values()) list.sort();
  }

  /**
   * The ACTIVE partition a series hash (e.g. `shardHash`) is written to: the partition of the
   * first token ≥ `hash`, walking clockwise past tokens of partitions that are not ACTIVE.
   * @throws NoActivePartitionError when no partition is ACTIVE.
   */
  partitionFor(hash: number): number {
    const n = this.tokens.length;
    const start = n === 0 ? 0 : searchToken(this.tokens, hash >>> 0);
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (this.tokenActive[i] === 1) return this.tokenPartition[i]!;
    }
    throw new NoActivePartitionError();
  }

  /** Every partition, sorted by id. */
  partitions(): PartitionDesc[] {
    return Object.values(this.desc.partitions).sort((a, b) => a.id - b.id);
  }

  /** Partition `id`, if it exists. */
  partition(id: number): PartitionDesc | undefined {
    return this.desc.partitions[id];
  }

  /** Ids of the partitions in `state` (all when omitted), ascending. */
  partitionIds(state?: PartitionDesc['state']): number[] {
    return this.partitions()
      .filter((p) => state === undefined || p.state === state)
      .map((p) => p.id);
  }

  /** The instance ids owning partition `id`, sorted (empty when none). */
  owners(id: number): readonly string[] {
    return this.ownersByPartition.get(id) ?? [];
  }

  /** The fraction of the hash space each partition's tokens cover, by partition id. */
  ownership(): Map<number, number> {
    const out = new Map<number, number>(this.partitions().map((p) => [p.id, 0]));
    const n = this.tokens.length;
    for (let i = 0; i < n; i++) {
      const span = n === 1 ? 2 ** 32 : (this.tokens[i]! - this.tokens[(i + n - 1) % n]! + 2 ** 32) % 2 ** 32;
      const id = this.tokenPartition[i]!;
      out.set(id, out.get(id)! + span / 2 ** 32);
    }
    return out;
  }
}

/** The instance lookups `partitionReplicaSets` needs; a `Ring` provides them. */
export interface InstanceLookup {
  instance(id: string): InstanceDesc | undefined;
  healthy(instance: InstanceDesc, op: Operation): boolean;
}

/** The healthy owners of one partition. */
export interface PartitionReplicaSet {
  readonly partition: number;
  /** Healthy owners (usually one per zone), sorted by id; a reader needs one of them. */
  readonly instances: readonly InstanceDesc[];
}

/**
 * What a querier reads: for every partition that may hold data (ACTIVE and INACTIVE; PENDING ones
 * were never written), its owners that `instances` knows and finds healthy for `op`.
 * @throws PartitionUnavailableError for the first partition without a healthy owner.
 */
export function partitionReplicaSets(
  ring: PartitionRing,
  instances: InstanceLookup,
  op: Operation,
): PartitionReplicaSet[] {
  const out: PartitionReplicaSet[] = [];
  for (const p of ring.partitions()) {
    if (p.state === 'PENDING') continue;
    const owners = ring.owners(p.id);
    const healthy = owners
      .map((id) => instances.instance(id))
      .filter((d): d is InstanceDesc => d !== undefined && instances.healthy(d, op));
    if (healthy.length === 0) throw new PartitionUnavailableError(p.id, owners);
    out.push({ partition: p.id, instances: healthy });
  }
  return out;
}

/**
 * Follows the partition ring key and keeps the latest `PartitionRing` (Mimir's
 * `PartitionRingWatcher`). starting reads the key once (@throws the KV's error); running follows
 * the KV's watch. A descriptor that cannot be decoded is logged and counted, the previous kept.
 */
export class PartitionRingWatcher extends BasicService {
  readonly key: string;
  private view = new PartitionRing(emptyPartitionRingDesc());
  private readonly kv: KVClient;
  private readonly logger: Logger;
  private readonly metrics: RingMetrics;
  private readonly changeListeners: ((ring: PartitionRing) => void)[] = [];

  constructor(config: { key: string }, deps: { kv: KVClient }, options: RingComponentOptions) {
    super(`partition-ring-${config.key}`, {
      starting: async () => this.update(decodePartitionRingDesc(await this.kv.get(this.key))),
      running: (signal) => this.follow(signal),
    });
    this.key = config.key;
    this.kv = deps.kv;
    this.logger = options.logger.child({ component: 'partition-ring', ring: config.key });
    this.metrics = new RingMetrics(options.registry);
  }

  /** The latest view (immutable). */
  ring(): PartitionRing {
    return this.view;
  }

  /** `ring().partitionFor(hash)`. @throws NoActivePartitionError */
  partitionFor(hash: number): number {
    return this.view.partitionFor(hash);
  }

  /** Calls `cb` with every new view. */
  onChange(cb: (ring: PartitionRing) => void): void {
    this.changeListeners.push(cb);
  }

  private update(desc: PartitionRingDesc): void {
    this.view = new PartitionRing(desc);
    for (const state of ['PENDING', 'ACTIVE', 'INACTIVE'] as const) {
      this.metrics.members.set({ ring: this.key, state }, this.view.partitionIds(state).length);
    }
    for (const cb of this.changeListeners) cb(this.view);
  }

  private follow(signal: AbortSignal): Promise<void> {
    return this.kv.watchKey(this.key, signal, (value) => {
      try {
        this.update(decodePartitionRingDesc(value));
      } catch (err) {
        this.metrics.decodeFailures.inc({ ring: this.key });
        this.logger.warn({ err }, 'partition ring descriptor update ignored');
      }
    });
  }
}
