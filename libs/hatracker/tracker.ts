import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { KVClient } from '../kv/index.js';
import { BasicService, sleep, waitAborted } from '../services/index.js';
import {
  type Decision,
  type ElectionTimeouts,
  HA_KEY_PREFIX,
  type ReplicaDesc,
  decide,
  decodeReplicaDesc,
  encodeReplicaDesc,
  haKey,
} from './replica-desc.js';

/** What to do with a batch of samples from one replica. */
export type ReplicaCheck = 'accept' | 'reject';

/** The part of `HaTrackerConfig` the tracker itself uses (the KV is built by the caller). */
export interface HaTrackerOptions extends ElectionTimeouts {
  /** When false, `checkReplica` accepts everything and the KV is never used. */
  readonly enabled: boolean;
  /**
   * Entries whose replica has not been seen for this long are deleted from the KV (clusters that
   * went away). @default 1800000 (30m, as Mimir)
   */
  readonly cleanupAfterMs?: number;
  /** How often `running` looks for such entries. @default 60000 */
  readonly cleanupIntervalMs?: number;
  /** Milliseconds since the epoch, for the cleanup loop. @default Date.now */
  readonly now?: () => number;
}

/**
 * The HA tracker, after Cortex/Mimir's: of the Prometheus replicas of one HA cluster, only the
 * elected one's samples are kept. Per (tenant, cluster) the KV key `ha/<tenant>/<cluster>` holds
 * the elected replica as JSON `{replica, receivedAt, electedAt}`, changed only by CAS, so every
 * distributor sharing the KV agrees.
 *
 * - starting reads every `ha/` key into a local cache (@throws the KV's error when it cannot).
 * - running follows `ha/` through the KV's watch, so the cache sees other distributors' elections,
 *   and every `cleanupIntervalMs` deletes entries unseen for `cleanupAfterMs` (`cleanup`).
 *
 * `checkReplica` answers from the cache while the answer cannot have changed (the elected replica
 * within the update timeout; another one within the failover timeout) and goes to the KV only to
 * elect, fail over, or refresh `receivedAt`. Concurrent calls for the same replica share one CAS.
 */
export class HaTracker extends BasicService {
  private readonly cache = new Map<string, ReplicaDesc>();
  private readonly inflight = new Map<string, Promise<ReplicaCheck>>();
  private readonly kv: KVClient;
  private readonly logger: Logger;
  private readonly electedChanges: Counter;
  private readonly casTotal: Counter;
  private readonly checks: Counter<'result'>;

  constructor(
    private readonly options: HaTrackerOptions,
    deps: { kv: KVClient },
    o: { logger: Logger; registry: Registry },
  ) {
    super('ha-tracker', {
      starting: () => this.load(),
      running: (signal) => this.follow(signal),
    });
    this.kv = deps.kv;
    this.logger = o.logger.child({ component: 'ha-tracker' });
    this.electedChanges = new Counter({
      name: 'epimetheus_ha_tracker_elected_replica_changes_total',
      help: 'Elections (first or failover) this distributor wrote to the KV store.',
      registers: [o.registry],
    });
    this.casTotal = new Counter({
      name: 'epimetheus_ha_tracker_kv_store_cas_total',
      help: 'CAS operations the HA tracker ran against the KV store.',
      registers: [o.registry],
    });
    this.checks = new Counter({
      name: 'epimetheus_ha_tracker_replica_checks_total',
      help: 'Replica checks by result (accept: samples kept; reject: samples of a non-elected replica dropped).',
      labelNames: ['result'],
      registers: [o.registry],
    });
  }

  /**
   * Whether samples of `replica` of HA cluster `cluster` of `tenant`, received at `nowMs`
   * (milliseconds since the epoch), are kept (`'accept'`) or dropped (`'reject'`: another replica
   * is elected and alive; the distributor answers 202, as Mimir does).
   * @throws CasRetriesExhaustedError (category `unavailable`, 503) when the KV cannot be updated.
   */
  async checkReplica(tenant: string, cluster: string, replica: string, nowMs: number): Promise<ReplicaCheck> {
    if (!this.options.enabled) return 'accept';
    const key = haKey(tenant, cluster);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      const age = nowMs - cached.receivedAt;
      if (cached.replica === replica && age < this.options.updateTimeoutMs) return this.count('accept');
      if (cached.replica !== replica && age < this.options.failoverTimeoutMs) return this.count('reject');
    }
    const flight = `${key}\u0000${replica}`;
    let p = this.inflight.get(flight);
    if (p === undefined) {
      p = this.updateKv(key, replica, nowMs).finally(() => this.inflight.delete(flight));
      this.inflight.set(flight, p);
    }
    return this.count(await p);
  }

  /** The elected replica of a tenant's cluster as this tracker knows it (cache), if any. */
  electedReplica(tenant: string, cluster: string): ReplicaDesc | undefined {
    return this.cache.get(haKey(tenant, cluster));
  }

  private count(result: ReplicaCheck): ReplicaCheck {
    this.checks.inc({ result });
    return result;
  }

  private async updateKv(key: string, replica: string, nowMs: number): Promise<ReplicaCheck> {
    let decision: Decision | undefined;
    this.casTotal.inc();
    await this.kv.cas(key, (old) => {
      const desc = old === null ? null : this.decode(key, old);
      decision = decide(desc, replica, nowMs, this.options);
      return { value: decision.write === null ? null : encodeReplicaDesc(decision.write), retry: false };
    });
    const d = decision!;
    if (d.elected) {
      this.electedChanges.inc();
      this.logger.info({ key, replica }, 'elected HA replica');
    }
    if (d.current !== null) this.remember(key, d.current);
    return d.result;
  }

  /** Keeps the newer descriptor: stored `receivedAt`s only grow, so an older one is stale. */
  private remember(key: string, desc: ReplicaDesc): void {
    const cached = this.cache.get(key);
    if (cached === undefined || desc.receivedAt >= cached.receivedAt) this.cache.set(key, desc);
  }

  private decode(key: string, bytes: Uint8Array): ReplicaDesc | null {
    const d = decodeReplicaDesc(bytes);
    if (d === undefined) {
      // Overwriting is the way out of a corrupt entry: the next batch elects its replica.
      this.logger.warn(
        { key },
        'HA tracker entry is not valid JSON {replica, receivedAt, electedAt}; ignoring it',
      );
      return null;
    }
    return d;
  }

  private async load(): Promise<void> {
    if (!this.options.enabled) return;
    for (const key of await this.kv.list(HA_KEY_PREFIX)) {
      const bytes = await this.kv.get(key);
      const d = bytes === null ? null : this.decode(key, bytes);
      if (d !== null) this.remember(key, d);
    }
  }

  /**
   * Deletes the KV entries (and cache entries) whose replica was last seen more than
   * `cleanupAfterMs` before `nowMs`, re-reading each from the KV first so a refresh by another
   * distributor spares it. A refresh landing between that read and the delete loses the entry; the
   * cluster's next batch then elects its replica afresh.
   * @returns the number of entries deleted.
   * @throws the KV's error.
   */
  async cleanup(nowMs: number): Promise<number> {
    const cutoff = nowMs - (this.options.cleanupAfterMs ?? 30 * 60_000);
    let deleted = 0;
    for (const [key, cached] of [...this.cache]) {
      if (cached.receivedAt >= cutoff) continue;
      const bytes = await this.kv.get(key);
      const current = bytes === null ? undefined : decodeReplicaDesc(bytes);
      if (current !== undefined && current.receivedAt >= cutoff) {
        this.remember(key, current);
        continue;
      }
      await this.kv.delete(key);
      this.cache.delete(key);
      deleted++;
      this.logger.info(
        { key, replica: cached.replica },
        'deleted HA tracker entry of a cluster not seen for long',
      );
    }
    return deleted;
  }

  private async cleanupLoop(signal: AbortSignal): Promise<void> {
    const now = this.options.now ?? Date.now;
    while (!signal.aborted) {
      await sleep(this.options.cleanupIntervalMs ?? 60_000, signal);
      if (signal.aborted) return;
      try {
        await this.cleanup(now());
      } catch (err) {
        this.logger.warn({ err }, 'HA tracker cleanup failed; retrying next interval');
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    if (!this.options.enabled) return waitAborted(signal);
    const stopCleaning = new AbortController();
    const cleaning = this.cleanupLoop(AbortSignal.any([signal, stopCleaning.signal]));
    try {
      await this.watch(signal);
    } finally {
      stopCleaning.abort();
      await cleaning;
    }
  }

  private async watch(signal: AbortSignal): Promise<void> {
    await this.kv.watchPrefix(HA_KEY_PREFIX, signal, (key, bytes) => {
      if (bytes === null) {
        this.cache.delete(key);
        return;
      }
      const d = this.decode(key, bytes);
      if (d !== null) this.remember(key, d);
    });
  }
}
