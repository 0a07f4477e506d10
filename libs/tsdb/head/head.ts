/**
 * The in-memory head of one tenant: series addressed by integer refs, XOR chunks per
 * series, an inverted index over interned label strings, and out-of-order samples within a
 * configurable window. Single-threaded: callers must not interleave calls from workers.
 */
import { EpimetheusError } from '../../errors/index.js';
import type { Labels, Matcher, Querier, Queryable } from '../../model/index.js';
import { BufferPool, floatHi, floatLo } from '../chunkenc/index.js';
import type { AppendResult } from './append-result.js';
import { hashLabels, normalizeLabels, packSyms, seriesCompare, symAt, symCount } from './labels-util.js';
import { postingsForMatchers } from './matchers.js';
import { ChunkStore } from './chunk-store.js';
import { MemSeries, type ChunkData } from './mem-series.js';
import { CONFLICT, INSERTED, OooBuffer } from './ooo-buffer.js';
import { LabelCache } from './label-cache.js';
import { MemPostings } from './postings.js';
import { HeadQuerier } from './querier.js';
import { SampleBuffer } from './sample-buffer.js';
import { SeriesTable } from './series-table.js';
import { SymbolTable } from './symbols.js';

/** Options of a `Head`. */
export interface HeadOptions {
  /**
   * Samples up to this many ms older than the head's newest sample are accepted out of order
   * and merged in timestamp order when read. 0 rejects every out-of-order sample.
   * @default 0
   */
  outOfOrderWindowMs?: number;
  /** Target samples per chunk (Prometheus's `samplesPerChunk`). @default 120 */
  chunkSize?: number;
  /**
   * Chunk range in ms, normally the block range: open chunks are cut at its multiples, so
   * chunks never cross block boundaries, and in-order samples more than half of it behind the
   * head's newest sample are out of bounds. @default 7_200_000 (2h)
   */
  chunkRangeMs?: number;
  /**
   * Pool for the open chunks' buffers. Heads share one process-wide pool unless given their
   * own (e.g. to measure one head). @default a shared pool
   */
  bufferPool?: BufferPool;
}

/** The pool that heads share by default: series of all tenants recycle each other's buffers. */
const sharedPool = new BufferPool();

/** A series and its chunks in a time range, for writing blocks. */
export interface SeriesChunks {
  /** The series ref in the head. */
  readonly ref: number;
  readonly labels: Labels;
  /** Chunks in time order, none extending outside the requested range. */
  readonly chunks: readonly ChunkData[];
}

const EMPTY_SERIES: never[] = [];

/** See the module comment. Implements `Queryable` for its own tenant. */
export class Head implements Queryable {
  private readonly oooWindow: number;
  private readonly chunkSize: number;
  private readonly chunkRange: number;
  private readonly symbols = new SymbolTable();
  private readonly labelCache = new LabelCache(this.symbols);
  private readonly chunks = new ChunkStore();
  private readonly pool: BufferPool;
  private readonly postings = new MemPostings();
  /** Series by ref; refs start at 1 and are never reused. */
  private readonly seriesByRef = new SeriesTable<MemSeries>();
  private readonly byHash = new Map<number, number>();
  private readonly collisions = new Map<number, number[]>();
  private liveSeries = 0;
  private samples = 0;
  private mint = Number.POSITIVE_INFINITY;
  private maxt = Number.NEGATIVE_INFINITY;
  /** Appends older than this are out of bounds (raised by truncation). */
  private floor = Number.NEGATIVE_INFINITY;
  private readonly scratch = new SampleBuffer();
  /** The label set `lookup` hashed last (label sets are never modified), and its hash. */
  private lastLookup: Labels | undefined;
  private lastHash = 0;

  /** @throws EpimetheusError (internal) when an option is out of range. */
  constructor(opts: HeadOptions = {}) {
    this.oooWindow = opts.outOfOrderWindowMs ?? 0;
    this.chunkSize = opts.chunkSize ?? 120;
    this.chunkRange = opts.chunkRangeMs ?? 7_200_000;
    this.pool = opts.bufferPool ?? sharedPool;
    if (!(this.oooWindow >= 0))
      throw new EpimetheusError('internal', 'head: outOfOrderWindowMs must be >= 0');
    if (!(this.chunkSize >= 4 && this.chunkSize <= 32767))
      throw new EpimetheusError('internal', 'head: chunkSize must be in [4, 32767]');
    if (!(this.chunkRange > 0)) throw new EpimetheusError('internal', 'head: chunkRangeMs must be > 0');
  }

  /** Oldest sample time held (ms), `+Infinity` when empty. */
  get minTime(): number {
    return this.mint;
  }

  /** Newest sample time held (ms), `-Infinity` when empty. */
  get maxTime(): number {
    return this.maxt;
  }

  /** Number of series held. */
  get numSeries(): number {
    return this.liveSeries;
  }

  /** Alias of `numSeries`. */
  get seriesCount(): number {
    return this.liveSeries;
  }

  /** Number of samples held (in-order and out-of-order). */
  get numSamples(): number {
    return this.samples;
  }

  /** The ref of the series with exactly `labels`, or 0 when there is none. Never allocates. */
  lookup(labels: Labels): number {
    const h = hashLabels(labels);
    // A miss is usually followed by `getOrCreateSeries` with the same labels: hash them once.
    this.lastLookup = labels;
    this.lastHash = h;
    return this.lookupHashed(labels, h);
  }

  private lookupHashed(labels: Labels, h: number): number {
    const ref = this.byHash.get(h);
    if (ref === undefined) return 0;
    if (this.sameLabels(ref, labels)) return ref;
    for (const r of this.collisions.get(h) ?? EMPTY_SERIES) if (this.sameLabels(r, labels)) return r;
    return 0;
  }

  /**
   * The series with `labels`, created when new. Labels with empty values are dropped and the
   * set is sorted by name if needed.
   * @throws EpimetheusError (bad_data) for an empty label set or a repeated label name.
   */
  getOrCreateSeries(labels: Labels): { ref: number; created: boolean } {
    let h = labels === this.lastLookup ? this.lastHash : hashLabels(labels);
    this.lastLookup = undefined;
    const found = this.lookupHashed(labels, h);
    if (found !== 0) return { ref: found, created: false };
    const norm = normalizeLabels(labels);
    if (norm !== labels) {
      h = hashLabels(norm);
      const again = this.lookupHashed(norm, h);
      if (again !== 0) return { ref: again, created: false };
    }
    return { ref: this.createSeries(norm, h), created: true };
  }

  private createSeries(labels: Labels, h: number): number {
    const ref = this.seriesByRef.nextRef;
    const syms: number[] = [];
    const pairs = new Array<string>(labels.length * 2);
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      const n = this.symbols.ref(l.name);
      const v = this.symbols.ref(l.value);
      syms.push(n, v);
      pairs[2 * i] = this.symbols.str(n);
      pairs[2 * i + 1] = this.symbols.str(v);
    }
    this.seriesByRef.add(new MemSeries(this.chunks, ref, packSyms(syms), h, this.pool));
    if (!this.byHash.has(h)) this.byHash.set(h, ref);
    else {
      const list = this.collisions.get(h);
      if (list === undefined) this.collisions.set(h, [ref]);
      else list.push(ref);
    }
    this.postings.add(ref, pairs);
    this.liveSeries++;
    return ref;
  }

  private sameLabels(ref: number, labels: Labels): boolean {
    const s = this.seriesByRef.get(ref);
    if (s === undefined || symCount(s.syms) !== labels.length * 2) return false;
    const syms = s.syms;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      if (
        this.symbols.str(symAt(syms, 2 * i)) !== l.name ||
        this.symbols.str(symAt(syms, 2 * i + 1)) !== l.value
      ) {
        return false;
      }
    }
    return true;
  }

  /** The labels of series `ref`, or undefined when it does not exist. */
  labelsOf(ref: number): Labels | undefined {
    const s = this.seriesByRef.get(ref);
    return s === undefined ? undefined : this.labelsFor(s);
  }

  /**
   * @internal A series' label set: materialised from its symbols on first use (an array of
   * shared `Label` objects, see `LabelCache`) and kept on the series until the next
   * `truncateBefore`, so repeated queries over the same series allocate no labels. Never
   * mutated by anyone (`Labels` is readonly).
   */
  labelsFor(s: MemSeries): Labels {
    return (s.labels ??= this.labelCache.labels(s.syms));
  }

  /**
   * Appends sample `(t, v)` to series `ref`. Never throws for bad samples: see `AppendResult`
   * for the rejections. Allocation-free except when a chunk is cut (every ~120 samples) or an
   * out-of-order buffer grows.
   */
  append(ref: number, t: number, v: number): AppendResult {
    const s = this.seriesByRef.get(ref);
    if (s === undefined) return 'unknown_series';
    if (t < this.floor || !Number.isSafeInteger(t)) return 'out_of_bounds';
    const hi = floatHi(v);
    const lo = floatLo(v);
    const inOrderMin = this.maxt - this.chunkRange / 2;
    if (t > s.lastT && t >= inOrderMin) {
      s.appendInOrder(t, hi, lo, this.chunkSize, this.chunkRange);
      this.added(t);
      return 'ok';
    }
    if (t === s.lastT && s.open.numSamples > 0) {
      return s.open.lastValueHi === hi && s.open.lastValueLo === lo ? 'ok' : 'duplicate';
    }
    if (this.oooWindow > 0) {
      if (t < this.maxt - this.oooWindow) return 'too_old';
      if (s.ooo === null) s.ooo = new OooBuffer();
      const outcome = s.ooo.insert(t, hi, lo);
      if (outcome === CONFLICT) return 'duplicate';
      if (outcome === INSERTED) this.added(t);
      return 'ok';
    }
    return t < inOrderMin ? 'out_of_bounds' : 'out_of_order';
  }

  private added(t: number): void {
    this.samples++;
    if (t < this.mint) this.mint = t;
    if (t > this.maxt) this.maxt = t;
  }

  /** Opens a querier over `[mint, maxt]` (ms, inclusive). Reads see appends made later. */
  querier(mint: number, maxt: number): Promise<Querier> {
    return Promise.resolve(new HeadQuerier(this, mint, maxt));
  }

  /** Number of series with label `name="value"` (e.g. of one metric name), in constant time. */
  seriesWith(name: string, value: string): number {
    return this.postings.count(name, value);
  }

  /** @internal Series refs matching all `matchers`, sorted by ref. */
  refsFor(matchers: readonly Matcher[]): Uint32Array {
    return postingsForMatchers(this.postings, matchers);
  }

  /** @internal The series with `ref`. */
  seriesAt(ref: number): MemSeries | undefined {
    return this.seriesByRef.get(ref);
  }

  /** @internal Label names of all series, sorted. */
  allLabelNames(): string[] {
    return this.postings.labelNames();
  }

  /** @internal Values of `name` across all series, sorted. */
  allLabelValues(name: string): string[] {
    return this.postings.labelValues(name);
  }

  /** @internal Decodes series `s` in `[mint, maxt]` into fresh arrays (bit-exact values). */
  readSamples(s: MemSeries, mint: number, maxt: number): { timestamps: Float64Array; values: Float64Array } {
    this.scratch.clear();
    s.readRange(mint, maxt, this.scratch);
    return this.scratch.copy();
  }

  /** @internal Compares two series by label set. */
  compareSeries(a: MemSeries, b: MemSeries): number {
    return seriesCompare(this.symbols, a.syms, b.syms);
  }

  /** Label sets of all series matching `matchers` (regardless of time), sorted. */
  series(matchers: readonly Matcher[]): Labels[] {
    const out: MemSeries[] = [];
    for (const ref of this.refsFor(matchers)) out.push(this.seriesByRef.get(ref)!);
    out.sort((a, b) => this.compareSeries(a, b));
    return out.map((s) => this.labelsFor(s));
  }

  /**
   * Yields, in label order, every series with samples in `[mint, maxt]` (ms, both inclusive)
   * and its chunks cut to that range: chunks wholly inside are passed through, others are
   * re-encoded, so no chunk holds a sample outside the range. For a Prometheus block
   * `[minTime, maxTime)` pass `maxt = maxTime - 1`. Chunk bytes are owned by the caller and
   * never change. Appends between iterations are allowed; series truncated meanwhile are skipped.
   */
  seriesChunksInRange(mint: number, maxt: number): Generator<SeriesChunks> {
    return this.selectChunks([], mint, maxt);
  }

  /**
   * Like `seriesChunksInRange`, restricted to the series matching all `matchers` (e.g. for a
   * StoreAPI `Series` call, which ships chunks rather than decoded samples).
   */
  *selectChunks(matchers: readonly Matcher[], mint: number, maxt: number): Generator<SeriesChunks> {
    const selected: MemSeries[] = [];
    const refs = matchers.length === 0 ? this.postings.all().slice() : this.refsFor(matchers);
    for (const ref of refs) {
      const s = this.seriesByRef.get(ref)!;
      if (s.overlaps(mint, maxt)) selected.push(s);
    }
    selected.sort((a, b) => this.compareSeries(a, b));
    const scratch = new SampleBuffer();
    for (const s of selected) {
      if (this.seriesByRef.get(s.ref) !== s) continue; // truncated while the caller was paused
      const chunks = s.chunksInRange(mint, maxt, this.chunkSize, scratch);
      if (chunks.length > 0) yield { ref: s.ref, labels: this.labelsFor(s), chunks };
    }
  }

  /**
   * Drops every sample older than `t`, then every series left without samples (with its
   * postings and symbols); their refs become unknown. Later appends older than `t` are
   * out of bounds. Label sets kept by `labelsFor` are let go, so they are held only for
   * series queried since the last truncation.
   */
  truncateBefore(t: number): void {
    if (t > this.floor) this.floor = t;
    const deleted = new Set<number>();
    const pairs: string[] = [];
    let mint = Number.POSITIVE_INFINITY;
    let maxt = Number.NEGATIVE_INFINITY;
    for (const ref of this.postings.all()) {
      const s = this.seriesByRef.get(ref)!;
      s.labels = undefined;
      if (s.minTime() < t) this.samples -= s.dropBefore(t, this.scratch);
      if (s.isEmpty()) {
        this.deleteSeries(s, pairs);
        deleted.add(ref);
        continue;
      }
      mint = Math.min(mint, s.minTime());
      maxt = Math.max(maxt, s.maxTime());
    }
    if (deleted.size > 0) this.postings.remove(deleted, pairs);
    this.mint = mint;
    this.maxt = maxt;
  }

  private deleteSeries(s: MemSeries, pairs: string[]): void {
    s.release();
    for (let i = 0; i < symCount(s.syms); i++) {
      const id = symAt(s.syms, i);
      pairs.push(this.symbols.str(id));
      this.symbols.release(id);
    }
    this.seriesByRef.delete(s.ref);
    this.liveSeries--;
    const h = s.hash;
    const list = this.collisions.get(h);
    if (this.byHash.get(h) === s.ref) {
      if (list === undefined) this.byHash.delete(h);
      else {
        this.byHash.set(h, list.shift()!);
        if (list.length === 0) this.collisions.delete(h);
      }
    } else if (list !== undefined) {
      list.splice(list.indexOf(s.ref), 1);
      if (list.length === 0) this.collisions.delete(h);
    }
  }

  /**
   * Drops every series and returns the open chunks' buffers to the shared pool (e.g. when a
   * tenant's head is discarded). The head is empty afterwards and can be reused.
   */
  close(): void {
    this.truncateBefore(Number.MAX_SAFE_INTEGER);
    this.floor = Number.NEGATIVE_INFINITY;
  }

  /** Approximate bytes of memory the head holds: chunks, series, index and symbols. */
  bytesEstimate(): number {
    let bytes =
      this.seriesByRef.bytesEstimate() +
      this.byHash.size * 40 +
      this.symbols.bytesEstimate() +
      this.postings.bytesEstimate() +
      this.chunks.bytesAllocated();
    for (const ref of this.postings.all()) {
      const s = this.seriesByRef.get(ref)!;
      bytes += s.bytesEstimate() + 32 + s.syms.length * 2;
    }
    return bytes;
  }
}
