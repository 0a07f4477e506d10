/**
 * One partition of the embedded log: a directory of segment files, appended with group commit
 * (all `append` calls waiting while a write is in flight share the next write and fdatasync),
 * read by offset, trimmed by whole segments.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { internal, unavailable, badData } from './errors.js';
import { MAX_BODY_BYTES, decodeBody, encodeBatch } from './frame.js';
import type { IngestLogMetrics } from './metrics.js';
import { MemoryTail } from './memory-tail.js';
import { Segment, parseSegmentFileName, scanFrames, segmentFileName } from './segment.js';
import type { IndexEntry } from './segment.js';
import type {
  ConsumedRecord,
  IngestLogLogger,
  IngestLogRecord,
  PartitionOffsets,
  ProduceResult,
} from './types.js';

/** A read stops adding records once their bodies reach this many bytes (at least one record). */
const READ_BATCH_BYTES = 8 * 1024 * 1024;

/** Settings of one partition, already resolved. */
export interface PartitionLogOptions {
  dir: string;
  partition: number;
  segmentBytes: number;
  maxRecordBytes: number;
  /** Frame bytes of the newest durable records kept in memory for consumers (0: none). */
  memoryTailBytes: number;
  metrics: IngestLogMetrics;
  logger: IngestLogLogger;
}

/** Counters for tests and benchmarks; the same numbers feed the metrics. */
export interface PartitionStats {
  /** fdatasync calls on segment data. */
  dataSyncs: number;
  /** fsync calls on the partition directory (segment roll, deletion, offset files). */
  dirSyncs: number;
  /** Successful `append` calls. */
  appends: number;
}

/** Where a read stopped, so the next read continues without seeking. */
export interface ReadPosition extends IndexEntry {
  segmentBase: number;
}

interface PendingAppend {
  bytes: Buffer;
  count: number;
  /** The records' `local` values, in order. */
  locals: unknown[];
  payloadBytes: number;
  startedMs: number;
  resolve: (r: ProduceResult) => void;
  reject: (e: unknown) => void;
}

/** See the module comment. Not safe to open the same directory twice. */
export class PartitionLog {
  private readonly segments: Segment[] = [];
  private next = 0;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private broken: unknown;
  private closed = false;
  private readonly waiters = new Set<() => void>();
  private deleting: Promise<void> = Promise.resolve();
  private readonly label: { partition: string };
  private readonly tail: MemoryTail;
  readonly stats: PartitionStats = { dataSyncs: 0, dirSyncs: 0, appends: 0 };

  private constructor(private readonly opts: PartitionLogOptions) {
    this.label = { partition: String(opts.partition) };
    this.tail = new MemoryTail(opts.memoryTailBytes);
  }

  /** Opens (creating if needed) the partition directory, truncating a torn tail. */
  static async open(opts: PartitionLogOptions): Promise<PartitionLog> {
    const log = new PartitionLog(opts);
    await log.load();
    return log;
  }

  private async load(): Promise<void> {
    const { dir } = this.opts;
    await fs.mkdir(dir, { recursive: true });
    const bases: number[] = [];
    for (const name of await fs.readdir(dir)) {
      const base = parseSegmentFileName(name);
      if (base !== undefined) bases.push(base);
      else if (name.endsWith('.tmp')) await fs.rm(path.join(dir, name), { force: true });
    }
    bases.sort((a, b) => a - b);
    if (bases.length === 0) {
      await this.createSegment(0);
    } else {
      for (const base of bases) {
        const seg = new Segment(base, path.join(dir, segmentFileName(base)));
        seg.size = (await fs.stat(seg.path)).size;
        this.segments.push(seg);
      }
      await this.recoverActive();
    }
    this.opts.metrics.segments.set(this.label, this.segments.length);
    this.opts.metrics.highWatermark.set(this.label, this.next);
  }

  /** Scans the last segment, cuts anything after its last valid frame, and sets the end offset. */
  private async recoverActive(): Promise<void> {
    const seg = this.active;
    const fh = await fs.open(seg.path, 'r+');
    seg.handle = Promise.resolve(fh);
    const index: IndexEntry[] = [];
    seg.index = index;
    const end = await scanFrames(
      fh,
      { offset: seg.base, pos: 0 },
      seg.size,
      MAX_BODY_BYTES,
      (_b, _s, _e, offset, pos) => {
        seg.noteFrame(offset, pos);
        return true;
      },
    );
    if (end.pos < seg.size) {
      const dropped = seg.size - end.pos;
      this.opts.logger.warn(
        {
          partition: this.opts.partition,
          segment: seg.path,
          pos: end.pos,
          dropped,
          reason: end.reason ?? end.stop,
        },
        'truncating torn ingest log tail',
      );
      await fh.truncate(end.pos);
      await this.dataSync(fh);
      this.opts.metrics.truncatedBytes.inc(this.label, dropped);
      seg.size = end.pos;
    }
    this.next = end.offset;
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  /** The retained range. */
  offsets(): PartitionOffsets {
    return { earliest: this.segments[0]!.base, highWatermark: this.next };
  }

  /**
   * Appends `records` and resolves once they are fdatasync'ed. See `Producer.produce`; the
   * records are encoded before this returns, so the caller may reuse their buffers at once.
   */
  append(records: readonly IngestLogRecord[]): Promise<ProduceResult> {
    if (this.closed) return Promise.reject(unavailable('ingest log closed'));
    if (this.broken !== undefined) {
      return Promise.reject(unavailable('ingest log partition failed; reopen the log', this.broken));
    }
    let bytes: Buffer;
    try {
      bytes = encodeBatch(records, this.opts.maxRecordBytes).bytes;
    } catch (err) {
      return Promise.reject(badData(err instanceof Error ? err.message : String(err)));
    }
    const payloadBytes = records.reduce((n, r) => n + r.value.length + (r.key?.length ?? 0), 0);
    return new Promise<ProduceResult>((resolve, reject) => {
      this.pending.push({
        bytes,
        count: records.length,
        locals: records.map((r) => r.local),
        payloadBytes,
        startedMs: performance.now(),
        resolve,
        reject,
      });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Writes groups until nothing is pending. Runs at most once at a time. */
  private async flushLoop(): Promise<void> {
    // Let every append issued in this turn of the event loop join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      if (this.pending.length === 0) {
        this.flushing = undefined;
        return;
      }
      const { group, roll } = this.takeGroup();
      await this.writeGroup(group, roll);
    }
  }

  /** Takes the pending appends that fit the active segment (at least one), oldest first. */
  private takeGroup(): { group: PendingAppend[]; roll: boolean } {
    const { segmentBytes } = this.opts;
    const size = this.active.size;
    const first = this.pending[0]!.bytes.length;
    const roll = size > 0 && size + first > segmentBytes;
    const room = roll ? segmentBytes : segmentBytes - size;
    let n = 0;
    let bytes = 0;
    while (n < this.pending.length) {
      const b = this.pending[n]!.bytes.length;
      if (n > 0 && bytes + b > room) break;
      bytes += b;
      n++;
    }
    return { group: this.pending.splice(0, n), roll };
  }

  private async writeGroup(group: PendingAppend[], roll: boolean): Promise<void> {
    if (this.broken !== undefined) return this.rejectAll(group);
    let start = -1;
    try {
      if (roll) await this.createSegment(this.next);
      const seg = this.active;
      const fh = await seg.handle!;
      start = seg.size;
      const buffers = group.map((g) => g.bytes);
      const total = buffers.reduce((n, b) => n + b.length, 0);
      const { bytesWritten } = await fh.writev(buffers, start);
      if (bytesWritten !== total) throw new Error(`short write of ${bytesWritten} of ${total} bytes`);
      await this.dataSync(fh);
    } catch (err) {
      this.broken = err;
      this.opts.logger.error({ partition: this.opts.partition, err }, 'ingest log write failed');
      if (start >= 0) await (await this.active.handle!).truncate(start).catch(() => undefined);
      return this.rejectAll(group);
    }
    this.opts.metrics.groupCommitRequests.observe(group.length);
    this.acknowledge(group, start);
  }

  /** Publishes a durable group: advances the end offset, resolves the appends, wakes readers. */
  private acknowledge(group: PendingAppend[], start: number): void {
    const seg = this.active;
    const { metrics } = this.opts;
    let offset = this.next;
    let pos = start;
    const results: ProduceResult[] = [];
    for (const g of group) {
      seg.noteFrame(offset, pos);
      this.tail.add(offset, g.bytes, g.locals);
      results.push({ baseOffset: offset, lastOffset: offset + g.count - 1 });
      offset += g.count;
      pos += g.bytes.length;
    }
    seg.size = pos;
    this.next = offset;
    metrics.highWatermark.set(this.label, offset);
    const now = performance.now();
    group.forEach((g, i) => {
      this.stats.appends++;
      metrics.producedRecords.inc(this.label, g.count);
      metrics.producedBytes.inc(this.label, g.payloadBytes);
      metrics.produceDuration.observe(this.label, (now - g.startedMs) / 1000);
      g.resolve(results[i]!);
    });
    this.notify();
  }

  private rejectAll(group: PendingAppend[]): void {
    const all = group.concat(this.pending.splice(0));
    for (const g of all) {
      this.opts.metrics.produceFailures.inc(this.label);
      g.reject(unavailable('ingest log write failed; reopen the log', this.broken));
    }
  }

  private async dataSync(fh: fs.FileHandle): Promise<void> {
    const t0 = performance.now();
    await fh.datasync();
    this.stats.dataSyncs++;
    this.opts.metrics.fsyncs.inc(this.label);
    this.opts.metrics.fsyncDuration.observe((performance.now() - t0) / 1000);
  }

  /** Fsyncs the partition directory, making created, renamed and removed entries durable. */
  async syncDir(): Promise<void> {
    const dh = await fs.open(this.opts.dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
    this.stats.dirSyncs++;
    this.opts.metrics.fsyncs.inc(this.label);
  }

  /** Creates an empty segment with base `base` and makes it the active one. */
  private async createSegment(base: number): Promise<void> {
    const seg = new Segment(base, path.join(this.opts.dir, segmentFileName(base)));
    const fh = await fs.open(seg.path, 'wx+');
    try {
      await this.syncDir();
    } catch (err) {
      await fh.close();
      throw err;
    }
    seg.handle = Promise.resolve(fh);
    seg.index = [];
    this.segments.push(seg);
    this.opts.metrics.segments.set(this.label, this.segments.length);
  }

  /**
   * Reads up to `maxRecords` durable records from `offset` (raised to the earliest retained
   * offset if below it), never across a segment end. `hint` is the `next` of the previous read.
   * Returns no records when `offset` is at the high watermark. Throws `internal` on corruption.
   */
  async read(
    offset: number,
    maxRecords: number,
    hint?: ReadPosition,
  ): Promise<{ records: ConsumedRecord[]; next?: ReadPosition }> {
    if (this.closed) throw unavailable('ingest log closed');
    offset = Math.max(offset, this.segments[0]!.base);
    if (offset >= this.next) return { records: [] };
    // Recent records come from memory: no read, no second checksum pass, and their `local`.
    const recent = this.tail.read(offset, maxRecords, READ_BATCH_BYTES);
    if (recent !== undefined) return { records: recent };
    const i = this.segmentIndexOf(offset);
    const seg = this.segments[i]!;
    const segEnd = this.segments[i + 1]?.base ?? this.next;
    const limit = seg.size;
    seg.readers++;
    try {
      let fh: fs.FileHandle;
      try {
        fh = await seg.open();
      } catch (err) {
        // Retention removed the segment between choosing it and opening it: read from what is left.
        if (seg.deleted && (err as NodeJS.ErrnoException).code === 'ENOENT')
          return await this.read(offset, maxRecords);
        throw err;
      }
      if (!seg.index) await this.buildIndex(seg);
      const start = hint?.segmentBase === seg.base && hint.offset === offset ? hint : seg.seek(offset);
      const records: ConsumedRecord[] = [];
      let bytes = 0;
      const end = await scanFrames(fh, start, limit, MAX_BODY_BYTES, (buf, bs, be, off) => {
        if (off < offset) return true;
        records.push(decodeBody(buf, bs, be, off));
        bytes += be - bs;
        return records.length < maxRecords && bytes < READ_BATCH_BYTES && off + 1 < segEnd;
      });
      if (records.length === 0)
        throw internal(`segment ${seg.path} ends before offset ${offset} (${end.reason ?? end.stop})`);
      return { records, next: { offset: end.offset, pos: end.pos, segmentBase: seg.base } };
    } finally {
      seg.readers--;
      if (seg.deleted && seg.readers === 0) await seg.closeHandle();
    }
  }

  private segmentIndexOf(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.base <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Builds the sparse index of a sealed segment by scanning it once. */
  private async buildIndex(seg: Segment): Promise<void> {
    const probe = new Segment(seg.base, seg.path);
    probe.index = [];
    const end = await scanFrames(
      await seg.open(),
      { offset: seg.base, pos: 0 },
      seg.size,
      MAX_BODY_BYTES,
      (_b, _s, _e, off, pos) => {
        probe.noteFrame(off, pos);
        return true;
      },
    );
    if (end.stop !== 'limit')
      throw internal(`segment ${seg.path} corrupt at byte ${end.pos}: ${end.reason ?? end.stop}`);
    seg.index ??= probe.index;
  }

  /**
   * Resolves when the high watermark passes `offset`, the log closes, or `signal` aborts.
   * The notification comes from the append path: no polling.
   */
  waitForAppend(offset: number, signal: AbortSignal): Promise<void> {
    if (this.next > offset || this.closed || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Removes whole segments whose records are all below `offset`; never the active one. */
  deleteBefore(offset: number): Promise<void> {
    const run = this.deleting.then(() => this.deleteSegments(offset));
    this.deleting = run.catch(() => undefined);
    return run;
  }

  private async deleteSegments(offset: number): Promise<void> {
    if (this.closed) throw unavailable('ingest log closed');
    let removed = 0;
    while (this.segments.length > 1 && this.segments[1]!.base <= offset) {
      const seg = this.segments[0]!;
      try {
        await fs.rm(seg.path, { force: true });
      } catch (err) {
        throw unavailable(`delete segment ${seg.path}`, err);
      }
      this.segments.shift();
      seg.deleted = true;
      if (seg.readers === 0) await seg.closeHandle();
      removed++;
    }
    if (removed > 0) {
      this.opts.metrics.segments.set(this.label, this.segments.length);
      await this.syncDir();
      this.opts.logger.info(
        { partition: this.opts.partition, removed, offset },
        'deleted ingest log segments',
      );
    }
  }

  /** Lets pending appends finish, then refuses new ones, wakes waiters and closes files. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing;
    this.closed = true;
    this.tail.clear();
    await this.deleting;
    this.notify();
    for (const seg of this.segments) await seg.closeHandle();
  }

  /** Whether `close` was called. */
  get isClosed(): boolean {
    return this.closed;
  }
}
