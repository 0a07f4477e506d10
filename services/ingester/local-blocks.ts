import { EpimetheusError } from '../../libs/errors/index.js';
import type { Matcher, Querier, Queryable, SelectHints } from '../../libs/model/index.js';
import { MergeQueryable } from '../../libs/storeapi/index.js';
import { BlockReader } from '../../libs/tsdb/block/index.js';

/**
 * One open local block. Every read holds a reference for as long as it runs, so `retire` can
 * wait for reads in flight before the files are closed and deleted.
 */
class ServedBlock implements Queryable {
  private inFlight = 0;
  private closed = false;
  private drained: (() => void) | undefined;

  constructor(readonly reader: BlockReader) {}

  get minTime(): number {
    return this.reader.meta.minTime;
  }

  /** Exclusive, as in meta.json. */
  get maxTime(): number {
    return this.reader.meta.maxTime;
  }

  async querier(mint: number, maxt: number): Promise<Querier> {
    const q = await this.reader.querier(mint, maxt);
    return {
      select: (ms: readonly Matcher[], h: SelectHints) => this.use(() => q.select(ms, h)),
      labelNames: (ms: readonly Matcher[], h: SelectHints) => this.use(() => q.labelNames(ms, h)),
      labelValues: (n: string, ms: readonly Matcher[], h: SelectHints) =>
        this.use(() => q.labelValues(n, ms, h)),
    };
  }

  /** Stops new reads, waits for the ones in flight, then closes the files. */
  async retire(): Promise<void> {
    this.closed = true;
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.reader.close();
  }

  private async use<T>(read: () => Promise<T>): Promise<T> {
    if (this.closed) {
      // A querier opened before the block was retired: the block is in the bucket long since,
      // and the querier asking again reads it there; an empty answer would be silently partial.
      throw new EpimetheusError(
        'unavailable',
        `local block ${this.reader.meta.ulid} was deleted during the query`,
      );
    }
    this.inFlight++;
    try {
      return await read();
    } finally {
      if (--this.inFlight === 0) this.drained?.();
    }
  }
}

/**
 * The ingester's local copies of shipped blocks, open for reading until they are deleted, so
 * that a sample cut out of the head stays queryable from the ingester until the queriers see
 * its block in the bucket. Safe for concurrent reads; `add` and `remove` are called by the
 * ingester under its lock.
 */
export class LocalBlocks {
  private readonly byTenant = new Map<string, Map<string, ServedBlock>>();

  /** Opens the block in `dir` and serves it for `tenant`; a block already served is kept. */
  async add(tenant: string, dir: string): Promise<void> {
    const reader = await BlockReader.openLocal(dir);
    let blocks = this.byTenant.get(tenant);
    if (!blocks) this.byTenant.set(tenant, (blocks = new Map()));
    if (blocks.has(reader.meta.ulid)) {
      await reader.close();
      return;
    }
    blocks.set(reader.meta.ulid, new ServedBlock(reader));
  }

  /**
   * Stops serving a block and resolves once no read uses it any more and its files are
   * closed, so the caller may delete the directory. Unknown blocks resolve at once.
   */
  async remove(tenant: string, ulid: string): Promise<void> {
    const blocks = this.byTenant.get(tenant);
    const block = blocks?.get(ulid);
    if (!blocks || !block) return;
    blocks.delete(ulid);
    if (blocks.size === 0) this.byTenant.delete(tenant);
    await block.retire();
  }

  /** Closes every block (the ingester stopping). */
  async close(): Promise<void> {
    const all = [...this.byTenant.entries()].flatMap(([t, bs]) => [...bs.keys()].map((u) => [t, u] as const));
    await Promise.all(all.map(([t, u]) => this.remove(t, u)));
  }

  /** Number of blocks served for the tenant. */
  count(tenant: string): number {
    return this.byTenant.get(tenant)?.size ?? 0;
  }

  /** Time range of every served block (ms; maxTime inclusive), or an empty range. */
  timeRange(): { minTime: number; maxTime: number } {
    let minTime = Infinity;
    let maxTime = -Infinity;
    for (const blocks of this.byTenant.values()) {
      for (const b of blocks.values()) {
        minTime = Math.min(minTime, b.minTime);
        maxTime = Math.max(maxTime, b.maxTime - 1);
      }
    }
    return { minTime, maxTime };
  }

  /**
   * `head` merged with the tenant's blocks that overlap the queried range; `head` itself
   * when the tenant has no blocks. Samples in both (between a cut and the head's truncation)
   * are returned once.
   */
  withHead(tenant: string, head: Queryable): Queryable {
    if (!this.byTenant.has(tenant)) return head;
    return {
      querier: (mint, maxt) => {
        const blocks = [...(this.byTenant.get(tenant)?.values() ?? [])].filter(
          (b) => b.minTime <= maxt && b.maxTime > mint,
        );
        if (blocks.length === 0) return head.querier(mint, maxt);
        return new MergeQueryable(() => [head, ...blocks]).querier(mint, maxt);
      },
    };
  }
}
