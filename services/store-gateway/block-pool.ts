import type { Logger } from 'pino';
import {
  RangeCache,
  type BlockReader,
  type BlockSource,
  type RangeCacheObserver,
} from '../../libs/tsdb/block/index.js';

/** Limits of a `BlockPool`. */
export interface BlockPoolLimits {
  /** Bytes that loaded index headers and cached ranges together may take. */
  maxBytes: number;
  /** Most blocks loaded at once; 0 for no count bound (the byte bound alone). */
  maxBlocks: number;
}

/** What the pool reports, for metrics. */
export interface BlockPoolObserver extends RangeCacheObserver {
  /** A loaded block (its index header, `bytes` charged) was closed to stay within the bounds. */
  headerEvicted(bytes: number): void;
}

/** A block held for one call: the reader stays loaded until `release`. */
export interface BlockLease {
  readonly reader: BlockReader;
  /** Ends the lease; call exactly once. */
  release(): void;
}

interface Entry {
  opening: Promise<BlockReader>;
  reader?: BlockReader;
  /** Bytes charged: the reader's `memoryBytes` once loaded, 0 while opening. */
  bytes: number;
  /** Leases in flight; an entry with any is never closed. */
  pins: number;
}

/**
 * The loaded blocks of a store-gateway and the cache of ranges read from them, under one memory
 * bound. A block's index header is loaded on its first lease; ranges (postings, series entries,
 * chunks) are cached in a `RangeCache` whose capacity is what the headers leave of the bound.
 * When headers alone exceed it (or the block count bound), the least recently leased blocks
 * without a lease in flight are closed; a leased block is never closed, so eviction never breaks
 * a query, and the bound may be exceeded only while every loaded block is in use.
 */
export class BlockPool {
  /** Insertion order is least-recently-leased first. */
  private readonly entries = new Map<string, Entry>();
  private headers = 0;
  /** The range cache; sources of opened blocks read through it. */
  readonly ranges: RangeCache;

  constructor(
    private readonly limits: BlockPoolLimits,
    private readonly open: (key: string, source: (inner: BlockSource) => BlockSource) => Promise<BlockReader>,
    private readonly deps: { logger: Logger; observer?: BlockPoolObserver },
  ) {
    this.ranges = new RangeCache({
      capacity: () => this.limits.maxBytes - this.headers,
      ...(deps.observer ? { observer: deps.observer } : {}),
    });
  }

  /** Bytes charged for loaded index headers. */
  get headerBytes(): number {
    return this.headers;
  }

  /** Bytes of cached ranges. */
  get rangeBytes(): number {
    return this.ranges.bytes;
  }

  /** Number of loaded (or loading) blocks. */
  get loaded(): number {
    return this.entries.size;
  }

  /**
   * Leases block `key` (e.g. `tenant/ULID`), loading its index header first when needed.
   * @throws the open error (the block is not kept, so the next lease retries).
   */
  async acquire(key: string): Promise<BlockLease> {
    let e = this.entries.get(key);
    if (e === undefined) {
      e = this.load(key);
    } else {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    e.pins++;
    let reader: BlockReader;
    try {
      reader = await e.opening;
    } catch (err) {
      e.pins--;
      throw err;
    }
    const entry = e;
    let released = false;
    return {
      reader,
      release: () => {
        if (released) return;
        released = true;
        entry.pins--;
        this.shrink();
      },
    };
  }

  /** Closes block `key` when nothing leases it and forgets its cached ranges (it left the bucket). */
  drop(key: string): void {
    const e = this.entries.get(key);
    if (e !== undefined && e.pins === 0) this.close(key, e);
    this.ranges.deletePrefix(`${key}/`);
  }

  /** Closes every loaded block without a lease whose key fails `keep` (blocks no longer owned). */
  retain(keep: (key: string) => boolean): void {
    for (const [key, e] of [...this.entries]) if (e.pins === 0 && !keep(key)) this.close(key, e);
  }

  /** Closes every block and empties the cache. */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    this.headers = 0;
    this.ranges.deletePrefix('');
    await Promise.all(all.map((e) => e.opening.then((r) => r.close()).catch(() => undefined)));
  }

  private load(key: string): Entry {
    const e: Entry = { opening: this.open(key, (inner) => this.ranges.wrap(key, inner)), bytes: 0, pins: 0 };
    this.entries.set(key, e);
    e.opening.then(
      (r) => {
        if (this.entries.get(key) !== e) return;
        e.reader = r;
        e.bytes = r.memoryBytes;
        this.headers += e.bytes;
        this.shrink();
      },
      () => {
        if (this.entries.get(key) === e) this.entries.delete(key);
      },
    );
    return e;
  }

  /** Shrinks the range cache to what headers leave, then closes idle blocks while over a bound. */
  private shrink(): void {
    this.ranges.shrink();
    for (const [key, e] of this.entries) {
      const overBytes = this.headers > this.limits.maxBytes;
      const overCount = this.limits.maxBlocks > 0 && this.entries.size > this.limits.maxBlocks;
      if (!overBytes && !overCount) return;
      if (e.pins > 0 || e.reader === undefined) continue;
      this.close(key, e);
      this.deps.observer?.headerEvicted(e.bytes);
    }
  }

  private close(key: string, e: Entry): void {
    this.entries.delete(key);
    this.headers -= e.bytes;
    void e.opening
      .then((r) => r.close())
      .catch((err: unknown) => this.deps.logger.warn({ err, block: key }, 'closing an evicted block failed'));
  }
}
