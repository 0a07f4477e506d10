import type { Logger } from 'pino';
import type { KVClient } from '../kv/index.js';
import { BasicService, sleep } from '../services/index.js';
import type { RingComponentOptions } from './lifecycler.js';
import { RingMetrics } from './metrics.js';
import {
  type InstanceDesc,
  type RingDesc,
  INSTANCE_STATES,
  decodeRingDesc,
  emptyRingDesc,
  encodeRingDesc,
  instancesToForget,
  withoutInstances,
} from './model.js';
import { type Operation, REPORTING } from './operation.js';
import {
  type OperationReplicationSet,
  type ReplicationSet,
  type ReplicationStrategy,
  RingSnapshot,
  heartbeatHealthy,
  instanceHealthy,
} from './snapshot.js';

/** Resolved configuration of a `Ring` client. A `RingConfig` plus `key` fills the required fields. */
export interface RingClientConfig {
  /** The ring's KV key, e.g. `ring/ingester`. */
  readonly key: string;
  /** A heartbeat older than this makes an instance unhealthy; ≤ 0 never. */
  readonly heartbeatTimeoutMs: number;
  /** The replication factor `get` uses when none is given. */
  readonly replicationFactor: number;
  readonly zoneAwarenessEnabled: boolean;
  /** Instances silent for longer than this are removed from the ring; ≤ 0 never. */
  readonly forgetPeriodMs: number;
  /** @default 'default' (quorum) */
  readonly replicationStrategy?: ReplicationStrategy;
  /**
   * How often to look for instances to forget (and refresh the member gauges); ≤ 0 leaves
   * forgetting to lifecyclers.
   * @default the heartbeat timeout
   */
  readonly forgetCheckIntervalMs?: number;
}

/**
 * A read-only client of one ring, after dskit's `ring.Ring`: it watches the ring key, keeps the
 * latest descriptor indexed, and answers lookups from memory. starting reads the key once (so a
 * Running ring has seen the KV; @throws the KV's error when it cannot be read); running follows
 * the key through the KV's watch and, every `forgetCheckIntervalMs`, removes instances silent for
 * longer than `forgetPeriodMs` by CAS. A descriptor that cannot be decoded is logged and counted
 * and the previous one kept.
 *
 * Lookups are synchronous and safe at any time; before the first read the ring is empty.
 */
export class Ring extends BasicService {
  readonly key: string;
  private snapshot = new RingSnapshot(emptyRingDesc());
  private readonly kv: KVClient;
  private readonly logger: Logger;
  private readonly metrics: RingMetrics;
  private readonly now: () => number;
  private readonly changeListeners: ((desc: RingDesc) => void)[] = [];

  constructor(
    private readonly config: RingClientConfig,
    deps: { kv: KVClient },
    options: RingComponentOptions,
  ) {
    super(`ring-${config.key}`, {
      starting: () => this.load(),
      running: (signal) => this.follow(signal),
    });
    this.key = config.key;
    this.kv = deps.kv;
    this.logger = options.logger.child({ component: 'ring', ring: config.key });
    this.metrics = new RingMetrics(options.registry);
    this.now = options.now ?? Date.now;
  }

  /** The replication factor `get` uses by default. */
  get replicationFactor(): number {
    return this.config.replicationFactor;
  }

  /** The heartbeat timeout health is judged by. */
  get heartbeatTimeoutMs(): number {
    return this.config.heartbeatTimeoutMs;
  }

  /** The latest descriptor (immutable). */
  desc(): RingDesc {
    return this.snapshot.desc;
  }

  /** Every instance in the ring, healthy or not, sorted by id. */
  instances(): InstanceDesc[] {
    return this.snapshot.instances();
  }

  /** The instance registered as `id`, if any. */
  instance(id: string): InstanceDesc | undefined {
    return this.snapshot.desc.instances[id];
  }

  /**
   * The replica set of `key` (a uint32, e.g. from `shardHash`) for `op`; see `RingSnapshot.get`
   * for the walk (clockwise, distinct instances, one per zone with zone awareness).
   * @throws EmptyRingError when no instance has tokens.
   * @throws TooFewReplicasError when too few replicas are healthy for the replication strategy.
   */
  get(key: number, op: Operation, replicationFactor = this.config.replicationFactor): ReplicationSet {
    return this.snapshot.get(
      key,
      op,
      replicationFactor,
      { zoneAware: this.config.zoneAwarenessEnabled, strategy: this.config.replicationStrategy ?? 'default' },
      this.health(),
    );
  }

  /**
   * The set for reading from every instance (e.g. a querier's fan-out to all ingesters); see
   * `RingSnapshot.forOperation`.
   * @throws EmptyRingError when no instance has tokens.
   * @throws TooFewReplicasError when too many instances or zones are unhealthy.
   */
  replicationSetForOperation(op: Operation): OperationReplicationSet {
    return this.snapshot.forOperation(
      op,
      this.config.replicationFactor,
      this.config.zoneAwarenessEnabled,
      this.health(),
    );
  }

  /**
   * Every instance healthy for `op`, sorted by id, `maxErrors` 0.
   * @throws EmptyRingError when the ring has no instances.
   */
  getAllHealthy(op: Operation): ReplicationSet {
    return this.snapshot.allHealthy(op, this.health());
  }

  /**
   * Whether `instance` (a descriptor or an id) is in the ring, in a state `op` accepts (any state
   * by default) and heartbeating within the timeout.
   */
  healthy(instance: InstanceDesc | string, op: Operation = REPORTING): boolean {
    const d = typeof instance === 'string' ? this.instance(instance) : instance;
    return d !== undefined && instanceHealthy(d, op, this.health());
  }

  /** The fraction of the hash space each instance owns, by id. */
  ownership(): Map<string, number> {
    return this.snapshot.ownership();
  }

  /** Calls `cb` with every new descriptor this client sees. */
  onChange(cb: (desc: RingDesc) => void): void {
    this.changeListeners.push(cb);
  }

  /**
   * Removes instance `id` from the ring (the ring page's "Forget"). A live instance re-registers
   * at its next heartbeat. Updates this client's view at once.
   * @throws the KV's error when the write fails.
   */
  async forget(id: string): Promise<void> {
    await this.removeInstances(() => [id]);
    this.logger.info({ forgotten: id }, 'ring instance forgotten on request');
  }

  private health(): { heartbeatTimeoutMs: number; now: number } {
    return { heartbeatTimeoutMs: this.config.heartbeatTimeoutMs, now: this.now() };
  }

  private async load(): Promise<void> {
    this.update(decodeRingDesc(await this.kv.get(this.key)));
  }

  private update(desc: RingDesc): void {
    this.snapshot = new RingSnapshot(desc);
    this.setMemberGauges();
    for (const cb of this.changeListeners) cb(desc);
  }

  private setMemberGauges(): void {
    const counts = new Map<string, number>([...INSTANCE_STATES, 'unhealthy'].map((s) => [s, 0]));
    const now = this.now();
    for (const i of this.snapshot.instances()) {
      counts.set(i.state, counts.get(i.state)! + 1);
      if (!heartbeatHealthy(i, this.config.heartbeatTimeoutMs, now))
        counts.set('unhealthy', counts.get('unhealthy')! + 1);
    }
    for (const [state, n] of counts) this.metrics.members.set({ ring: this.key, state }, n);
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const watching = this.kv.watchKey(this.key, signal, (value) => {
      try {
        this.update(decodeRingDesc(value));
      } catch (err) {
        this.metrics.decodeFailures.inc({ ring: this.key });
        this.logger.warn({ err }, 'ring descriptor update ignored');
      }
    });
    await Promise.all([watching, this.maintenanceLoop(signal)]);
  }

  /**
   * Every `forgetCheckIntervalMs`: refreshes the member gauges (health changes with time alone)
   * and forgets dead instances when forgetting is on.
   */
  private async maintenanceLoop(signal: AbortSignal): Promise<void> {
    const interval = this.config.forgetCheckIntervalMs ?? this.config.heartbeatTimeoutMs;
    if (interval <= 0) return;
    while (!signal.aborted) {
      await sleep(interval, signal);
      if (signal.aborted) return;
      this.setMemberGauges();
      await this.forgetDead();
    }
  }

  private async forgetDead(): Promise<void> {
    const period = this.config.forgetPeriodMs;
    if (period <= 0 || instancesToForget(this.snapshot.desc, period, this.now()).length === 0) return;
    try {
      const dead = await this.removeInstances((desc) => instancesToForget(desc, period, this.now()));
      if (dead.length === 0) return;
      this.metrics.forgotten.inc({ ring: this.key }, dead.length);
      this.logger.warn({ forgotten: dead }, 'forgot ring instances that stopped heartbeating');
    } catch (err) {
      this.logger.warn({ err }, 'forgetting dead ring instances failed; retrying later');
    }
  }

  /** Removes the instances `pick` names from the stored descriptor by CAS; returns those removed. */
  private async removeInstances(pick: (desc: RingDesc) => string[]): Promise<string[]> {
    let removed: string[] = [];
    await this.kv.cas(this.key, (old) => {
      const desc = decodeRingDesc(old);
      removed = pick(desc).filter((id) => id in desc.instances);
      if (removed.length === 0) return { value: null, retry: false };
      return { value: encodeRingDesc(withoutInstances(desc, removed)), retry: false };
    });
    // Show the change now rather than at the next watch poll. Should the watch deliver a newer
    // descriptor in between, this older one stands until the next change (a heartbeat at most).
    if (removed.length > 0) {
      try {
        this.update(decodeRingDesc(await this.kv.get(this.key)));
      } catch (err) {
        // The removal is done; the watch will bring the new descriptor.
        this.logger.debug({ err }, 'ring re-read after a removal failed');
      }
    }
    return removed;
  }
}
