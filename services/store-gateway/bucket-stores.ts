import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { listTenants, readBucketIndex, type IndexedBlock } from '../../libs/bucketindex/index.js';
import type { Bucket } from '../../libs/objstore/index.js';
import type { Querier, Queryable } from '../../libs/model/index.js';
import { BasicService, sleep } from '../../libs/services/index.js';
import { MergeQueryable } from '../../libs/storeapi/index.js';
import { BlockReader, BucketBlockSource } from '../../libs/tsdb/block/index.js';
import type { StoreGatewayConfig } from './config.js';

interface OpenBlock {
  reader: Promise<BlockReader>;
  lastUsed: number;
}

/**
 * Serves every tenant's blocks from the bucket. Blocks are discovered through each tenant's
 * bucket index; a block's index header is loaded on first use and kept until the
 * least-recently-used bound closes it. Postings, series and chunks are read with ranged
 * GETs. A block marked for deletion keeps being served until it disappears from the index,
 * so a compaction never leaves a gap.
 */
export class BucketStores extends BasicService {
  private readonly tenants = new Map<string, IndexedBlock[]>();
  private readonly open = new Map<string, OpenBlock>();
  private minTime = Infinity;
  private maxTime = -Infinity;

  constructor(
    private readonly config: StoreGatewayConfig,
    private readonly bucket: () => Bucket,
    private readonly deps: { logger: Logger; registry: Registry },
  ) {
    super('store-gateway', {
      starting: () => this.syncAll(),
      running: (signal) => this.loop(signal),
      stopping: () => this.closeAll(),
    });
    const open = this.open;
    const tenants = this.tenants;
    new Gauge({
      name: 'epimetheus_store_gateway_blocks_loaded',
      help: 'Blocks whose index header is loaded.',
      registers: [deps.registry],
      collect() {
        this.set(open.size);
      },
    });
    new Gauge({
      name: 'epimetheus_store_gateway_blocks_known',
      help: 'Blocks listed in the bucket indexes of all tenants.',
      registers: [deps.registry],
      collect() {
        let n = 0;
        for (const b of tenants.values()) n += b.length;
        this.set(n);
      },
    });
  }

  /** The time range of all known blocks (ms, inclusive), for store selection. */
  timeRange(): { minTime: number; maxTime: number } {
    return { minTime: this.minTime, maxTime: this.maxTime };
  }

  /** The tenant's blocks as one queryable; only blocks overlapping a query are opened. */
  queryable(tenant: string): Queryable {
    return {
      querier: async (mint, maxt) => {
        const blocks = (this.tenants.get(tenant) ?? []).filter((b) => b.minTime <= maxt && b.maxTime > mint);
        const readers = await Promise.all(blocks.map((b) => this.reader(tenant, b.ulid)));
        return new MergeQueryable(() => readers).querier(mint, maxt) as Promise<Querier>;
      },
    };
  }

  /** Re-reads one tenant's index now (after an upload in the same process). */
  async syncTenant(tenant: string): Promise<void> {
    const idx = await readBucketIndex(this.bucket(), tenant);
    const blocks = idx?.blocks ?? [];
    this.tenants.set(tenant, blocks);
    const live = new Set(blocks.map((b) => `${tenant}/${b.ulid}`));
    for (const [key, ob] of this.open) {
      if (key.startsWith(`${tenant}/`) && !live.has(key)) {
        this.open.delete(key);
        void ob.reader.then((r) => r.close()).catch(() => undefined);
      }
    }
    this.recomputeRange();
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

  private reader(tenant: string, ulid: string): Promise<BlockReader> {
    const key = `${tenant}/${ulid}`;
    let ob = this.open.get(key);
    if (!ob) {
      const reader = BlockReader.open(new BucketBlockSource(this.bucket(), key));
      reader.catch(() => this.open.delete(key));
      ob = { reader, lastUsed: 0 };
      this.open.set(key, ob);
      this.evict();
    }
    ob.lastUsed = performance.now();
    return ob.reader;
  }

  private evict(): void {
    if (this.open.size <= this.config.maxOpenBlocks) return;
    const oldest = [...this.open].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
    if (!oldest) return;
    this.open.delete(oldest[0]);
    void oldest[1].reader.then((r) => r.close()).catch(() => undefined);
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

  private async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((ob) => ob.reader.then((r) => r.close()).catch(() => undefined)));
  }
}
