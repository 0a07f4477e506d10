import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { listTenants, readBucketIndex, type IndexedBlock } from '../../libs/bucketindex/index.js';
import type { Bucket } from '../../libs/objstore/index.js';
import { EpimetheusError } from '../../libs/errors/index.js';
import type { Querier, Queryable } from '../../libs/model/index.js';
import { BasicService, sleep } from '../../libs/services/index.js';
import { MergeQueryable } from '../../libs/storeapi/index.js';
import { BlockReader, BucketBlockSource } from '../../libs/tsdb/block/index.js';
import { BlockPool, type BlockLease } from './block-pool.js';
import type { StoreGatewayConfig } from './config.js';
import { blockPoolMetrics } from './metrics.js';

/** What `BucketStores` needs besides its config. */
export interface BucketStoresDeps {
  logger: Logger;
  registry: Registry;
  /**
   * Whether this store-gateway owns a block (ring sharding); blocks it does not own are neither
   * loaded nor served. @default every block
   */
  owns?: (tenant: string, ulid: string) => boolean;
}

/**
 * Serves every tenant's blocks from the bucket. Blocks are discovered through each tenant's
 * bucket index; a block's index header is loaded on first use, and postings, series and chunks
 * are read with ranged GETs through a cache; headers and cached ranges share one memory bound
 * (`BlockPool`). Every call (select, label names, label values) leases the blocks it reads for
 * its duration, so an eviction never closes a block under a running query. A block marked for
 * deletion keeps being served until it disappears from the index, so a compaction never leaves
 * a gap.
 */
export class BucketStores extends BasicService {
  private readonly tenants = new Map<string, IndexedBlock[]>();
  private readonly pool: BlockPool;
  private readonly resyncs = new Map<string, Promise<void>>();
  private minTime = Infinity;
  private maxTime = -Infinity;
  private firstSyncDone = false;

  constructor(
    private readonly config: StoreGatewayConfig,
    private readonly bucket: () => Bucket,
    private readonly deps: BucketStoresDeps,
  ) {
    super('store-gateway', {
      starting: () => this.syncAll(),
      running: (signal) => this.loop(signal),
      stopping: () => this.pool.closeAll(),
    });
    const observer = blockPoolMetrics(deps.registry, config.maxCacheBytes, () => this.pool);
    this.pool = new BlockPool(
      { maxBytes: config.maxCacheBytes, maxBlocks: config.maxOpenBlocks },
      (key, wrap) => BlockReader.open(wrap(new BucketBlockSource(this.bucket(), key))),
      { logger: deps.logger, observer },
    );
    this.registerGauges();
  }

  /** The time range of all known blocks (ms, inclusive), for store selection. */
  timeRange(): { minTime: number; maxTime: number } {
    return { minTime: this.minTime, maxTime: this.maxTime };
  }

  /** Whether every tenant's bucket index has been read once (the store-gateway may join its ring). */
  get synced(): boolean {
    return this.firstSyncDone;
  }

  /**
   * The tenant's blocks as one queryable: the owned blocks overlapping each query or, with
   * `blockIds`, exactly those. Each call leases only the blocks it reads.
   * @throws EpimetheusError `unavailable` (from `querier`) when a requested block is unknown here
   *   even after re-reading the tenant's bucket index, or owned by another store-gateway.
   */
  queryable(tenant: string, blockIds?: readonly string[]): Queryable {
    return {
      querier: async (mint, maxt) => {
        const keys = blockIds ? await this.requested(tenant, blockIds) : this.owned(tenant, mint, maxt);
        const run = <T>(fn: (q: Querier) => Promise<T>): Promise<T> => this.withBlocks(keys, mint, maxt, fn);
        return {
          select: (ms, hints) => run((q) => q.select(ms, hints)),
          labelNames: (ms, hints) => run((q) => q.labelNames(ms, hints)),
          labelValues: (name, ms, hints) => run((q) => q.labelValues(name, ms, hints)),
        };
      },
    };
  }

  /** Re-reads one tenant's index now (after an upload in the same process). */
  async syncTenant(tenant: string): Promise<void> {
    const idx = await readBucketIndex(this.bucket(), tenant);
    const blocks = idx?.blocks ?? [];
    const live = new Set(blocks.map((b) => b.ulid));
    for (const b of this.tenants.get(tenant) ?? []) {
      if (!live.has(b.ulid)) this.pool.drop(`${tenant}/${b.ulid}`);
    }
    this.tenants.set(tenant, blocks);
    this.recomputeRange();
  }

  private owned(tenant: string, mint: number, maxt: number): string[] {
    const owns = this.deps.owns ?? (() => true);
    return (this.tenants.get(tenant) ?? [])
      .filter((b) => b.minTime <= maxt && b.maxTime > mint && owns(tenant, b.ulid))
      .map((b) => `${tenant}/${b.ulid}`);
  }

  /**
   * Keys of the requested blocks. A block not in the tenant's index yet (uploaded since the last
   * sync) makes one re-read of the index, shared by concurrent calls.
   */
  private async requested(tenant: string, ids: readonly string[]): Promise<string[]> {
    const known = (): Set<string> => new Set((this.tenants.get(tenant) ?? []).map((b) => b.ulid));
    if (ids.some((id) => !known().has(id))) {
      let p = this.resyncs.get(tenant);
      if (p === undefined) {
        p = this.syncTenant(tenant).finally(() => this.resyncs.delete(tenant));
        this.resyncs.set(tenant, p);
      }
      await p;
    }
    const have = known();
    const owns = this.deps.owns ?? (() => true);
    for (const id of ids) {
      if (!have.has(id))
        throw new EpimetheusError(
          'unavailable',
          `block ${id} of tenant ${tenant} is not in this store-gateway's bucket index`,
        );
      if (!owns(tenant, id))
        throw new EpimetheusError(
          'unavailable',
          `block ${id} of tenant ${tenant} is owned by another store-gateway`,
        );
    }
    return ids.map((id) => `${tenant}/${id}`);
  }

  /** Leases `keys` for one call of `fn` over their merged data, releasing them however it ends. */
  private async withBlocks<T>(
    keys: string[],
    mint: number,
    maxt: number,
    fn: (q: Querier) => Promise<T>,
  ): Promise<T> {
    const got = await Promise.allSettled(keys.map((k) => this.pool.acquire(k)));
    const leases = got.flatMap((g) => (g.status === 'fulfilled' ? [g.value] : []));
    try {
      const failed = got.find((g): g is PromiseRejectedResult => g.status === 'rejected');
      if (failed) throw failed.reason;
      const readers = leases.map((l: BlockLease) => l.reader);
      return await fn(await new MergeQueryable(() => readers).querier(mint, maxt));
    } finally {
      for (const l of leases) l.release();
    }
  }

  private registerGauges(): void {
    const pool = this.pool;
    const tenants = this.tenants;
    new Gauge({
      name: 'epimetheus_store_gateway_blocks_loaded',
      help: 'Blocks whose index header is loaded.',
      registers: [this.deps.registry],
      collect() {
        this.set(pool.loaded);
      },
    });
    new Gauge({
      name: 'epimetheus_store_gateway_blocks_known',
      help: 'Blocks listed in the bucket indexes of all tenants.',
      registers: [this.deps.registry],
      collect() {
        let n = 0;
        for (const b of tenants.values()) n += b.length;
        this.set(n);
      },
    });
  }

  /** Syncs every tenant; one tenant's unreadable index does not hold back the others. */
  private async syncAll(): Promise<void> {
    for (const t of await listTenants(this.bucket())) {
      try {
        await this.syncTenant(t);
      } catch (err) {
        this.deps.logger.warn({ err, tenant: t }, 'tenant sync failed; serving its last known blocks');
      }
    }
    this.firstSyncDone = true;
    const owns = this.deps.owns;
    if (owns)
      this.pool.retain((key) =>
        owns(key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)),
      );
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.config.syncIntervalMs, signal);
      if (signal.aborted) break;
      try {
        await this.syncAll();
      } catch (err) {
        this.deps.logger.warn({ err }, 'bucket sync failed; serving the last known blocks');
      }
    }
  }

  private recomputeRange(): void {
    let lo = Infinity;
    let hi = -Infinity;
    for (const blocks of this.tenants.values()) {
      for (const b of blocks) {
        lo = Math.min(lo, b.minTime);
        hi = Math.max(hi, b.maxTime - 1);
      }
    }
    this.minTime = lo;
    this.maxTime = hi;
  }
}
