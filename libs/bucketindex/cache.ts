import type { Bucket } from '../objstore/index.js';
import { readBucketIndex, type IndexedBlock } from './bucket-index.js';

interface Loaded {
  at: number;
  blocks: IndexedBlock[];
}

/**
 * Tenants' bucket indexes as a reader (a querier) needs them: read on first use and again once
 * older than `maxAgeMs`; concurrent callers share one read. A failed read is not cached.
 */
export class BucketIndexCache {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<IndexedBlock[]>>();

  constructor(
    private readonly bucket: () => Bucket,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The tenant's blocks (empty when it has no index yet), at most `maxAgeMs` old.
   * @throws EpimetheusError from `readBucketIndex` when the index cannot be read.
   */
  blocks(tenant: string): Promise<IndexedBlock[]> {
    const l = this.loaded.get(tenant);
    if (l !== undefined && this.now() - l.at < this.maxAgeMs) return Promise.resolve(l.blocks);
    let p = this.loading.get(tenant);
    if (p === undefined) {
      const at = this.now();
      p = readBucketIndex(this.bucket(), tenant).then((idx) => {
        const blocks = idx?.blocks ?? [];
        this.loaded.set(tenant, { at, blocks });
        return blocks;
      });
      const done = (): void => void this.loading.delete(tenant);
      p.then(done, done);
      this.loading.set(tenant, p);
    }
    return p;
  }

  /** The tenant's blocks as last read, without reading; undefined when never read. */
  cached(tenant: string): IndexedBlock[] | undefined {
    return this.loaded.get(tenant)?.blocks;
  }
}
