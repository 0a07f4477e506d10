import {
  EmptyRingError,
  fnv1a32,
  RingSnapshot,
  TooFewReplicasError,
  type InstanceDesc,
  type Operation,
  type RingDesc,
} from '../ring/index.js';

/**
 * The ring operation blocks are sharded by, on both sides (the store-gateway deciding what it
 * owns, the querier deciding whom to ask), so the two agree: ACTIVE and LEAVING store-gateways
 * serve; a JOINING one (not yet synced) or one whose heartbeat is stale is passed over and the
 * walk takes the next, so its blocks have owners meanwhile.
 */
export const BLOCKS_OWNER: Operation = {
  name: 'blocks-owner',
  healthyStates: new Set(['ACTIVE', 'LEAVING']),
  extendOn: (s) => s !== 'ACTIVE' && s !== 'LEAVING',
  extendOnUnhealthy: true,
};

/** How blocks are spread over the store-gateway ring. */
export interface BlockShardingConfig {
  /** Store-gateways each block is given to. @default 1 */
  replicationFactor: number;
  /** At most one replica of a block per zone. */
  zoneAwarenessEnabled: boolean;
}

/** What `BlockSharding` reads of a ring (a `Ring` client fits). */
export interface RingView {
  desc(): RingDesc;
  readonly heartbeatTimeoutMs: number;
}

/** The ring key of a block: 32-bit FNV-1a of `tenant/ULID`. Stable: changing it moves every block. */
export function blockShardKey(tenant: string, ulid: string): number {
  return fnv1a32(`${tenant}/${ulid}`);
}

/**
 * Maps blocks to the store-gateways that own them: the `replicationFactor` instances (one per zone
 * with zone awareness) the ring walk from the block's key meets, under `BLOCKS_OWNER`. Safe to
 * call at any time; answers follow the ring as it changes.
 */
export class BlockSharding {
  private snapshot: RingSnapshot | undefined;
  /** The ring as instance `id` sees itself in `owns`, for the descriptor it was built from. */
  private selfView: { id: string; from: RingDesc; snapshot: RingSnapshot } | undefined;

  constructor(
    private readonly ring: RingView,
    private readonly config: BlockShardingConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The healthy owners of a block, in the order to ask them. Empty when the ring has no
   * instances or none of the block's owners is healthy.
   */
  owners(tenant: string, ulid: string): InstanceDesc[] {
    return this.ownersIn(this.current(), tenant, ulid);
  }

  private ownersIn(snapshot: RingSnapshot, tenant: string, ulid: string): InstanceDesc[] {
    try {
      return [
        ...snapshot.get(
          blockShardKey(tenant, ulid),
          BLOCKS_OWNER,
          this.config.replicationFactor,
          this.options(),
          this.health(),
        ).instances,
      ];
    } catch (err) {
      if (err instanceof EmptyRingError || err instanceof TooFewReplicasError) return [];
      throw err;
    }
  }

  /**
   * Whether instance `id` owns the block, counting `id` itself as ACTIVE and healthy: a
   * store-gateway still JOINING (or whose own heartbeat lags in its view) serves the blocks it
   * is about to own, since serving more than its share is only slower, while serving less would
   * leave blocks out of a querier that asks every store. An instance not (yet) in the ring owns
   * every block, for the same reason.
   */
  owns(id: string, tenant: string, ulid: string): boolean {
    const desc = this.ring.desc();
    const me = desc.instances[id];
    if (me === undefined) return true;
    if (this.selfView?.id !== id || this.selfView.from !== desc) {
      const active: InstanceDesc = { ...me, state: 'ACTIVE', heartbeatTimestamp: Number.MAX_SAFE_INTEGER };
      this.selfView = {
        id,
        from: desc,
        snapshot: new RingSnapshot({ instances: { ...desc.instances, [id]: active } }),
      };
    }
    return this.ownersIn(this.selfView.snapshot, tenant, ulid).some((i) => i.id === id);
  }

  private current(): RingSnapshot {
    const desc = this.ring.desc();
    if (this.snapshot?.desc !== desc) this.snapshot = new RingSnapshot(desc);
    return this.snapshot;
  }

  private options(): { zoneAware: boolean; strategy: 'ignore-unhealthy' } {
    return { zoneAware: this.config.zoneAwarenessEnabled, strategy: 'ignore-unhealthy' };
  }

  private health(): { heartbeatTimeoutMs: number; now: number } {
    return { heartbeatTimeoutMs: this.ring.heartbeatTimeoutMs, now: this.now() };
  }
}
