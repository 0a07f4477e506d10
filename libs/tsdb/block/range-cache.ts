/**
 * A byte-bounded LRU cache of ranges read from block files, and a `BlockSource` wrapper that
 * answers repeated reads (postings lists, series entries, chunk ranges) from it. Keys are the
 * exact ranges the readers ask for: the index and chunk readers ask for the same coalesced
 * ranges when the same selection repeats, which is what a dashboard refreshing does.
 */
import type { BlockSource, ByteSource } from './byte-source.js';

/** Which kind of block file a cached range comes from, for metrics. */
export type RangeKind = 'index' | 'chunks';

/** Told about every lookup and eviction of a `RangeCache`; calls must not throw. */
export interface RangeCacheObserver {
  /** A read answered from the cache. */
  hit(kind: RangeKind): void;
  /** A read that went to the underlying source. */
  miss(kind: RangeKind): void;
  /** An entry of `bytes` bytes was evicted to stay within the bound. */
  evicted(bytes: number): void;
}

/** Options of a `RangeCache`. */
export interface RangeCacheOptions {
  /**
   * The bytes the cache may hold now; read on every insertion, so a caller sharing one memory
   * budget with other users (index headers) can shrink it as those grow.
   */
  capacity: () => number;
  /**
   * Ranges larger than this fraction of the capacity are passed through uncached, so one huge
   * chunk read does not flush everything else. @default 0.25
   */
  maxItemFraction?: number;
  observer?: RangeCacheObserver;
}

/**
 * See the module comment. Entries are kept in least-recently-used order; `bytes` counts the
 * bytes of the buffers held (each entry owns its buffer, copied out of a larger one when the
 * source returned a view). Single-threaded JS makes every method atomic.
 */
export class RangeCache {
  private readonly entries = new Map<string, Uint8Array>();
  private used = 0;
  private readonly maxItemFraction: number;

  constructor(private readonly options: RangeCacheOptions) {
    this.maxItemFraction = options.maxItemFraction ?? 0.25;
  }

  /** Bytes held by cached ranges. */
  get bytes(): number {
    return this.used;
  }

  /** Number of cached ranges. */
  get size(): number {
    return this.entries.size;
  }

  /** The cached bytes of `key`, marking them most recently used; undefined on a miss. */
  get(key: string): Uint8Array | undefined {
    const v = this.entries.get(key);
    if (v === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  /**
   * Caches `bytes` under `key` (replacing an older value) and evicts least recently used entries
   * until the capacity holds. Returns the bytes kept (a private copy when `bytes` was a view into
   * a larger buffer), or `bytes` itself when too large to cache.
   */
  set(key: string, bytes: Uint8Array): Uint8Array {
    if (bytes.length > this.options.capacity() * this.maxItemFraction) return bytes;
    const own = bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    this.delete(key);
    this.entries.set(key, own);
    this.used += own.length;
    this.shrink();
    return own;
  }

  /** Removes `key` if cached. */
  delete(key: string): void {
    const v = this.entries.get(key);
    if (v === undefined) return;
    this.entries.delete(key);
    this.used -= v.length;
  }

  /** Removes every key starting with `prefix` (a block that left the bucket). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }

  /** Evicts least recently used entries until the bytes held fit the capacity. */
  shrink(): void {
    const cap = Math.max(0, this.options.capacity());
    for (const [key, v] of this.entries) {
      if (this.used <= cap) return;
      this.entries.delete(key);
      this.used -= v.length;
      this.options.observer?.evicted(v.length);
    }
  }

  /**
   * Wraps `source` so its file reads go through this cache under keys starting with
   * `${prefix}/` (prefix: a block's identity, e.g. `tenant/ULID`). Concurrent reads of the same
   * range share one underlying read.
   */
  wrap(prefix: string, source: BlockSource): BlockSource {
    return new CachingBlockSource(this, prefix, source);
  }

  /** @internal Records a lookup for the observer. */
  observe(kind: RangeKind, hit: boolean): void {
    if (hit) this.options.observer?.hit(kind);
    else this.options.observer?.miss(kind);
  }
}

class CachingBlockSource implements BlockSource {
  private readonly files = new Map<string, ByteSource>();

  constructor(
    private readonly cache: RangeCache,
    private readonly prefix: string,
    private readonly inner: BlockSource,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  file(name: string): ByteSource {
    let f = this.files.get(name);
    if (f === undefined) {
      const kind: RangeKind = name.startsWith('chunks/') ? 'chunks' : 'index';
      f = new CachingByteSource(this.cache, `${this.prefix}/${name}`, kind, this.inner.file(name));
      this.files.set(name, f);
    }
    return f;
  }

  readAll(name: string): Promise<Uint8Array> {
    return this.inner.readAll(name);
  }

  close(): Promise<void> {
    this.files.clear();
    return this.inner.close();
  }
}

class CachingByteSource implements ByteSource {
  private readonly inflight = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly cache: RangeCache,
    private readonly key: string,
    private readonly kind: RangeKind,
    private readonly inner: ByteSource,
  ) {}

  size(): Promise<number> {
    return this.inner.size();
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    const key = `${this.key}:${offset}:${length}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.observe(this.kind, true);
      return Promise.resolve(cached);
    }
    let p = this.inflight.get(key);
    if (p === undefined) {
      this.cache.observe(this.kind, false);
      p = this.inner.read(offset, length).then((b) => this.cache.set(key, b));
      const done = (): void => void this.inflight.delete(key);
      p.then(done, done);
      this.inflight.set(key, p);
    } else {
      this.cache.observe(this.kind, true);
    }
    return p;
  }
}
