import type { Logger } from 'pino';
import type { KVClient } from '../kv/index.js';
import { BasicService, sleep } from '../services/index.js';
import type { RingComponentOptions } from './lifecycler.js';
import { LifecyclerMetrics } from './metrics.js';
import {
  type PartitionRingDesc,
  type PartitionState,
  decodePartitionRingDesc,
  encodePartitionRingDesc,
  withOwner,
  withPartition,
  withPartitionState,
  withoutOwner,
} from './partition-model.js';

/** Configuration of a `PartitionLifecycler`. */
export interface PartitionLifecyclerConfig {
  /** The partition ring's KV key, e.g. `ring/ingester-partitions`. */
  readonly key: string;
  readonly instanceId: string;
  /** The partition this instance owns (see `resolvePartitionId`). */
  readonly partitionId: number;
  /** How often to re-check ownership and the PENDING → ACTIVE switch. */
  readonly reconcileIntervalMs: number;
  /** Create the partition (PENDING) when it does not exist; otherwise wait for it. @default true */
  readonly createPartitionIfNotExists?: boolean;
  /** Owners a PENDING partition needs before it becomes ACTIVE. @default 1 */
  readonly waitOwnersCountOnPending?: number;
  /** …each recorded at least this long ago. @default 0 */
  readonly waitOwnersDurationOnPendingMs?: number;
  /** Remove the ownership on stop (scale-down); a restart keeps it. @default false */
  readonly removeOwnerOnShutdown?: boolean;
}

/**
 * Registers an instance as an owner of one partition (Mimir's `PartitionInstanceLifecycler`):
 *
 * - starting: creates the partition as PENDING if it is missing (or waits for somebody to create
 *   it), records this instance as its owner, and reconciles once.
 * - running: every `reconcileIntervalMs`, re-adds the partition and the ownership if they vanished
 *   (e.g. the KV restarted empty) and turns a PENDING partition ACTIVE once it has
 *   `waitOwnersCountOnPending` owners recorded `waitOwnersDurationOnPendingMs` ago. Failures are
 *   logged and counted, and retried at the next interval.
 * - stopping: removes the ownership with `removeOwnerOnShutdown`. @throws (service failure) when
 *   that write fails.
 */
export class PartitionLifecycler extends BasicService {
  private readonly kv: KVClient;
  private readonly logger: Logger;
  private readonly metrics: LifecyclerMetrics;
  private readonly now: () => number;

  constructor(
    private readonly config: PartitionLifecyclerConfig,
    deps: { kv: KVClient },
    options: RingComponentOptions,
  ) {
    super(`partition-lifecycler-${config.key}`, {
      starting: (signal) => this.register(signal),
      running: (signal) => this.reconcileLoop(signal),
      stopping: () => this.unregister(),
    });
    this.kv = deps.kv;
    this.logger = options.logger.child({
      component: 'partition-lifecycler',
      ring: config.key,
      instance: config.instanceId,
      partition: config.partitionId,
    });
    this.metrics = new LifecyclerMetrics(options.registry);
    this.now = options.now ?? Date.now;
  }

  /** The partition this instance owns. */
  get partitionId(): number {
    return this.config.partitionId;
  }

  /**
   * Sets the owned partition's state, e.g. INACTIVE before scaling it down (re-adding the partition
   * and the ownership first if they vanished, as a reconciliation would).
   * @throws the KV's error when the write fails.
   */
  async changePartitionState(state: PartitionState): Promise<void> {
    await this.update((desc) =>
      withPartitionState(this.ensureOwned(desc), this.config.partitionId, state, this.now()),
    );
    this.logger.info({ state }, 'partition state changed');
  }

  /** Runs one reconciliation now. @throws the KV's error when the write fails. */
  async reconcile(): Promise<void> {
    await this.update((desc) => this.activateIfReady(this.ensureOwned(desc)));
  }

  private async register(signal: AbortSignal): Promise<void> {
    for (;;) {
      let missing = false;
      await this.update((desc) => {
        const owned = this.ensureOwned(desc);
        missing = owned.partitions[this.config.partitionId] === undefined;
        return missing ? desc : owned;
      });
      if (!missing) break;
      this.logger.info('waiting for the partition to be created');
      await sleep(this.config.reconcileIntervalMs, signal);
      if (signal.aborted) return;
    }
    await this.reconcile();
    this.logger.info('partition owner registered');
  }

  /** `desc` with the partition (when this instance may create it) and this ownership in it. */
  private ensureOwned(desc: PartitionRingDesc): PartitionRingDesc {
    const now = this.now();
    const { partitionId, instanceId } = this.config;
    let out = desc;
    if (out.partitions[partitionId] === undefined) {
      if (!(this.config.createPartitionIfNotExists ?? true)) return out;
      out = withPartition(out, partitionId, 'PENDING', now);
    }
    return withOwner(out, instanceId, partitionId, now);
  }

  /** `desc` with a PENDING partition switched to ACTIVE once it has enough settled owners. */
  private activateIfReady(desc: PartitionRingDesc): PartitionRingDesc {
    const p = desc.partitions[this.config.partitionId];
    if (p?.state !== 'PENDING') return desc;
    const now = this.now();
    const settledBefore = now - (this.config.waitOwnersDurationOnPendingMs ?? 0);
    const owners = Object.values(desc.owners).filter(
      (o) => o.partition === p.id && o.updatedTimestamp <= settledBefore,
    ).length;
    if (owners < (this.config.waitOwnersCountOnPending ?? 1)) return desc;
    return withPartitionState(desc, p.id, 'ACTIVE', now);
  }

  /** CAS-applies `edit`; writes nothing when it returns the descriptor unchanged. */
  private async update(edit: (desc: PartitionRingDesc) => PartitionRingDesc): Promise<void> {
    await this.kv.cas(this.config.key, (old) => {
      const desc = decodePartitionRingDesc(old);
      const next = edit(desc);
      return { value: next === desc ? null : encodePartitionRingDesc(next), retry: false };
    });
  }

  private async reconcileLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.config.reconcileIntervalMs, signal);
      if (signal.aborted) return;
      try {
        await this.reconcile();
        this.metrics.heartbeats.inc({ ring: this.config.key, outcome: 'ok' });
      } catch (err) {
        this.metrics.heartbeats.inc({ ring: this.config.key, outcome: 'failed' });
        this.logger.warn({ err }, 'partition ring reconcile failed; retrying at the next interval');
      }
    }
  }

  private async unregister(): Promise<void> {
    if (!(this.config.removeOwnerOnShutdown ?? false)) return;
    await this.update((desc) => withoutOwner(desc, this.config.instanceId));
    this.logger.info('partition owner removed');
  }
}
