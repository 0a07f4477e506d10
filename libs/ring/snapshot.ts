// An immutable, indexed view of one ring descriptor: the sorted token table and the replica walk.
import { EmptyRingError, TooFewReplicasError } from './errors.js';
import type { InstanceDesc, RingDesc } from './model.js';
import type { Operation } from './operation.js';

/** The instances a key maps to. */
export interface ReplicationSet {
  /** Healthy replicas, in ring order starting at the key. */
  readonly instances: readonly InstanceDesc[];
  /** How many of `instances` may fail while the operation still reaches a quorum. */
  readonly maxErrors: number;
}

/**
 * How `get` treats unhealthy replicas. `default` (dskit's): they are dropped, and fewer than a
 * quorum (`rf/2+1`) left is an error. `ignore-unhealthy`: they are dropped, and only none left is
 * an error (for sharding work, e.g. store-gateways and compactors, where any owner will do).
 */
export type ReplicationStrategy = 'default' | 'ignore-unhealthy';

/** A replication set for reading from every instance (`forOperation`). */
export interface OperationReplicationSet extends ReplicationSet {
  /**
   * With zone awareness: how many more zones may fail (every instance of a zone with an unhealthy
   * instance is already left out); `maxErrors` is then 0. Without: 0.
   */
  readonly maxUnavailableZones: number;
}

/** What decides health: the heartbeat timeout (≤ 0: heartbeats never expire) and the clock. */
export interface HealthOptions {
  readonly heartbeatTimeoutMs: number;
  readonly now: number;
}

/** Whether `instance`'s last heartbeat is recent enough at `now`. */
export function heartbeatHealthy(instance: InstanceDesc, heartbeatTimeoutMs: number, now: number): boolean {
  return heartbeatTimeoutMs <= 0 || now - instance.heartbeatTimestamp <= heartbeatTimeoutMs;
}

/** Whether `instance` may serve `op`: a state `op` accepts and a recent heartbeat. */
export function instanceHealthy(instance: InstanceDesc, op: Operation, h: HealthOptions): boolean {
  return op.healthyStates.has(instance.state) && heartbeatHealthy(instance, h.heartbeatTimeoutMs, h.now);
}

/** Index of the first entry of `sorted` that is ≥ `key`, wrapping to 0 past the end. */
export function searchToken(sorted: Uint32Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo === sorted.length ? 0 : lo;
}

/**
 * A descriptor indexed for lookups. Built once per descriptor change; every method is pure and
 * safe to call concurrently. A token claimed by two instances belongs to the smaller id.
 */
export class RingSnapshot {
  readonly desc: RingDesc;
  /** Every token, ascending. */
  readonly tokens: Uint32Array;
  /** `owners[i]` owns `tokens[i]`. */
  private readonly owners: InstanceDesc[];
  private readonly zoneCount: number;
  private readonly instanceCount: number;

  constructor(desc: RingDesc) {
    this.desc = desc;
    const byToken = new Map<number, InstanceDesc>();
    const ids = Object.keys(desc.instances).sort();
    for (const id of ids.reverse())
      for (const t of desc.instances[id]!.tokens) byToken.set(t, desc.instances[id]!);
    this.tokens = Uint32Array.from(byToken.keys()).sort();
    this.owners = Array.from(this.tokens, (t) => byToken.get(t)!);
    this.zoneCount = new Set(Object.values(desc.instances).map((i) => i.zone)).size;
    this.instanceCount = ids.length;
  }

  /** The instances, sorted by id. */
  instances(): InstanceDesc[] {
    return Object.keys(this.desc.instances)
      .sort()
      .map((id) => this.desc.instances[id]!);
  }

  /**
   * The replicas of `key`: walks the tokens clockwise from the first token ≥ `key`, taking distinct
   * instances (and, with `zoneAware`, at most one per zone; instances without a zone are exempt)
   * until `replicationFactor` are taken, extending the set past instances `op` says to extend on.
   * Then drops unhealthy instances and checks what is left as `options.strategy` says.
   * @throws EmptyRingError when the ring has no tokens.
   * @throws TooFewReplicasError when too few replicas remain healthy: for `default`, fewer than a
   *   quorum of the replication factor (grown to the set's size when the set was extended).
   */
  get(
    key: number,
    op: Operation,
    replicationFactor: number,
    options: { zoneAware: boolean; strategy: ReplicationStrategy },
    h: HealthOptions,
  ): ReplicationSet {
    const walked = this.walk(key >>> 0, op, replicationFactor, options.zoneAware, h);
    const healthy: InstanceDesc[] = [];
    const unhealthy: string[] = [];
    for (const i of walked) {
      if (instanceHealthy(i, op, h)) healthy.push(i);
      else unhealthy.push(i.id);
    }
    if (options.strategy === 'ignore-unhealthy') {
      if (healthy.length === 0) throw new TooFewReplicasError(1, 0, unhealthy, options.zoneAware);
      return { instances: healthy, maxErrors: healthy.length - 1 };
    }
    // An extended set needs a quorum of its real size.
    const quorum = Math.floor(Math.max(replicationFactor, walked.length) / 2) + 1;
    if (healthy.length < quorum)
      throw new TooFewReplicasError(quorum, healthy.length, unhealthy, options.zoneAware);
    return { instances: healthy, maxErrors: healthy.length - quorum };
  }

  private walk(key: number, op: Operation, rf: number, zoneAware: boolean, h: HealthOptions): InstanceDesc[] {
    if (this.tokens.length === 0) throw new EmptyRingError(`get replicas of ${key}`);
    let n = rf;
    const picked: InstanceDesc[] = [];
    const ids = new Set<string>();
    const zones = new Set<string>();
    const start = searchToken(this.tokens, key);
    for (let k = 0; k < this.tokens.length; k++) {
      if (ids.size >= Math.min(n, this.instanceCount) || (zoneAware && zones.size >= this.zoneCount)) break;
      const inst = this.owners[(start + k) % this.tokens.length]!;
      if (ids.has(inst.id)) continue;
      if (zoneAware && inst.zone !== '' && zones.has(inst.zone)) continue;
      ids.add(inst.id);
      picked.push(inst);
      const dead = op.extendOnUnhealthy === true && !heartbeatHealthy(inst, h.heartbeatTimeoutMs, h.now);
      // A replacement is wanted in the same zone, so an extending instance does not use up its zone.
      if (dead || op.extendOn(inst.state)) n++;
      else if (zoneAware && inst.zone !== '') zones.add(inst.zone);
    }
    return picked;
  }

  /**
   * The set a read of every instance uses (dskit's `GetReplicationSetForOperation`): the healthy
   * instances, sorted by id. Without zone awareness, `maxErrors` is what may fail while every key
   * still has a quorum (`max(instances, rf) - rf/2` must answer). With zone awareness, every zone
   * with an unhealthy instance is left out and `maxUnavailableZones` says how many more may fail.
   * @throws EmptyRingError when the ring has no tokens.
   * @throws TooFewReplicasError when too many instances (or zones) are unhealthy.
   */
  forOperation(op: Operation, rf: number, zoneAware: boolean, h: HealthOptions): OperationReplicationSet {
    if (this.tokens.length === 0) throw new EmptyRingError(`get replication set for ${op.name}`);
    const all = this.instances();
    const healthy = all.filter((i) => instanceHealthy(i, op, h));
    const unhealthy = all.filter((i) => !instanceHealthy(i, op, h));
    if (zoneAware) {
      const zones = new Set(all.filter((i) => i.tokens.length > 0).map((i) => i.zone));
      const maxUnavailable = Math.floor(Math.min(zones.size, rf) / 2);
      const failed = new Set(unhealthy.map((i) => i.zone));
      if (failed.size > maxUnavailable) {
        throw new TooFewReplicasError(
          zones.size - maxUnavailable,
          zones.size - failed.size,
          unhealthy.map((i) => i.id),
          true,
        );
      }
      const instances = healthy.filter((i) => !failed.has(i.zone));
      return { instances, maxErrors: 0, maxUnavailableZones: maxUnavailable - failed.size };
    }
    const required = Math.max(all.length, rf) - Math.floor(rf / 2);
    if (healthy.length < required) {
      throw new TooFewReplicasError(
        required,
        healthy.length,
        unhealthy.map((i) => i.id),
        false,
      );
    }
    return { instances: healthy, maxErrors: healthy.length - required, maxUnavailableZones: 0 };
  }

  /**
   * Every instance healthy for `op`, sorted by id, with `maxErrors` 0.
   * @throws EmptyRingError when the ring has no instances.
   */
  allHealthy(op: Operation, h: HealthOptions): ReplicationSet {
    if (this.instanceCount === 0) throw new EmptyRingError(`get healthy instances for ${op.name}`);
    return { instances: this.instances().filter((i) => instanceHealthy(i, op, h)), maxErrors: 0 };
  }

  /**
   * The share of the hash space each instance owns (a token owns the keys after the previous
   * token, up to and including itself), as fractions summing to 1 when the ring has tokens.
   */
  ownership(): Map<string, number> {
    const out = new Map<string, number>();
    for (const id of Object.keys(this.desc.instances)) out.set(id, 0);
    const n = this.tokens.length;
    if (n === 0) return out;
    for (let i = 0; i < n; i++) {
      const prev = this.tokens[(i + n - 1) % n]!;
      const cur = this.tokens[i]!;
      // One token alone owns the whole space; otherwise the distance wraps past 2^32.
      const span = n === 1 ? 2 ** 32 : (cur - prev + 2 ** 32) % 2 ** 32;
      const id = this.owners[i]!.id;
      out.set(id, out.get(id)! + span / 2 ** 32);
    }
    return out;
  }
}
