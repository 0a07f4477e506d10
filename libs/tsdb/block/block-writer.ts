/**
 * Writes one Prometheus TSDB block directory: `chunks/`, `index`, `meta.json`, `tombstones`.
 * Series arrive in label order with their already-encoded chunks; chunk bytes go straight to
 * the segment files, only labels and chunk metas stay in memory until `finish` writes the
 * index. The block is built in `<dir>/<ulid>.tmp-for-creation` and renamed into place, so a
 * crash never leaves a half-written block under its final name.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid as newUlid } from 'ulid';
import { compareLabels, formatLabels, type Labels } from '../../model/index.js';
import { ChunkWriter } from './chunk-writer.js';
import { FormatError } from './errors.js';
import { FileSink } from './file-sink.js';
import { DEFAULT_SEGMENT_SIZE } from './format.js';
import { writeIndex, type ChunkMeta, type IndexSeries } from './index-writer.js';
import { emptyTombstones, encodeBlockMeta, isUlid, type BlockMeta, type EpimetheusMeta } from './meta.js';

/** One encoded chunk as the head or a compactor hands it over. Times in ms, inclusive. */
export interface BlockChunk {
  readonly minTime: number;
  readonly maxTime: number;
  /** Chunk encoding id (1 = XOR). */
  readonly encoding: number;
  /** Encoded chunk; its first two bytes are the sample count (true of every Prometheus encoding). */
  readonly data: Uint8Array;
}

/** One series to write: labels and its chunks in time order. */
export interface BlockSeries {
  readonly labels: Labels;
  readonly chunks: readonly BlockChunk[];
}

/** Options of a `BlockWriter`. */
export interface BlockWriterOptions {
  /** ULID of the new block. @default a fresh ULID of the current time */
  ulid?: string;
  /** Block range start (ms, inclusive). @default first sample's time */
  minTime?: number;
  /** Block range end (ms, exclusive). @default last sample's time + 1 */
  maxTime?: number;
  /** @default 1 */
  compactionLevel?: number;
  /** @default [ulid] */
  sources?: string[];
  /** Parents of a compacted block. */
  parents?: { ulid: string; minTime: number; maxTime: number }[];
  /** The `epimetheus` section of meta.json; omitted when not given. */
  epimetheus?: EpimetheusMeta;
  /** Largest chunk segment file in bytes. @default 512 MiB */
  segmentSize?: number;
}

/** Result of `BlockWriter.finish`. */
export interface WrittenBlock {
  /** The block's directory, `<dir>/<ulid>`. */
  dir: string;
  meta: BlockMeta;
  /** Size of the index file in bytes. */
  indexSize: number;
  /** Total size of the chunk segment files in bytes. */
  chunksSize: number;
}

/**
 * Builds one block. Call `addSeries` for each series in strictly increasing label order, then
 * `finish` (or `abort`). Not safe for concurrent calls: await each before the next.
 */
export class BlockWriter {
  readonly ulid: string;
  private readonly tmpDir: string;
  private readonly chunkWriter: ChunkWriter;
  private readonly series: IndexSeries[] = [];
  private numSamples = 0;
  private numChunks = 0;
  private mint = Number.POSITIVE_INFINITY;
  private maxt = Number.NEGATIVE_INFINITY;
  private done = false;

  private constructor(
    private readonly dir: string,
    private readonly options: BlockWriterOptions,
  ) {
    this.ulid = options.ulid ?? newUlid();
    this.tmpDir = join(dir, `${this.ulid}.tmp-for-creation`);
    this.chunkWriter = new ChunkWriter(
      join(this.tmpDir, 'chunks'),
      options.segmentSize ?? DEFAULT_SEGMENT_SIZE,
    );
  }

  /** Starts a block under the parent directory `dir` (created if missing). */
  static async create(dir: string, options: BlockWriterOptions = {}): Promise<BlockWriter> {
    if (options.ulid !== undefined && !isUlid(options.ulid))
      throw new FormatError(`invalid ULID ${options.ulid}`);
    const w = new BlockWriter(dir, options);
    await rm(w.tmpDir, { recursive: true, force: true });
    await mkdir(w.tmpDir, { recursive: true });
    return w;
  }

  /**
   * Appends a series. Series without chunks are skipped (Prometheus never indexes them).
   * @throws FormatError when out of label order, when chunks overlap or leave the block range.
   */
  async addSeries(s: BlockSeries): Promise<void> {
    if (this.done) throw new FormatError('block writer already finished');
    if (s.chunks.length === 0) return;
    const last = this.series[this.series.length - 1];
    if (last !== undefined && compareLabels(last.labels, s.labels) >= 0) {
      throw new FormatError(`series out of order or duplicate: ${formatLabels(s.labels)}`);
    }
    checkChunks(s);
    const metas: ChunkMeta[] = [];
    for (const c of s.chunks) {
      this.checkRange(c, s.labels);
      const ref = await this.chunkWriter.write(c.encoding, c.data);
      metas.push({ minTime: c.minTime, maxTime: c.maxTime, ref });
      this.numSamples += c.data.length >= 2 ? (c.data[0]! << 8) | c.data[1]! : 0;
      this.mint = Math.min(this.mint, c.minTime);
      this.maxt = Math.max(this.maxt, c.maxTime);
    }
    this.numChunks += metas.length;
    this.series.push({ labels: s.labels, chunks: metas });
  }

  private checkRange(c: BlockChunk, labels: Labels): void {
    const { minTime, maxTime } = this.options;
    if ((minTime !== undefined && c.minTime < minTime) || (maxTime !== undefined && c.maxTime >= maxTime)) {
      throw new FormatError(
        `chunk [${c.minTime}, ${c.maxTime}] of ${formatLabels(labels)} outside block range [${minTime}, ${maxTime})`,
      );
    }
  }

  /**
   * Writes index, meta.json and tombstones, fsyncs, and renames the block into place.
   * @throws FormatError when the block is empty and no time range was given.
   */
  async finish(): Promise<WrittenBlock> {
    if (this.done) throw new FormatError('block writer already finished');
    this.done = true;
    try {
      await this.chunkWriter.close();
      const minTime = this.options.minTime ?? this.mint;
      const maxTime = this.options.maxTime ?? this.maxt + 1;
      if (!Number.isFinite(minTime) || !Number.isFinite(maxTime)) {
        throw new FormatError('empty block needs minTime and maxTime');
      }
      const sink = await FileSink.create(join(this.tmpDir, 'index'));
      const stats = await writeIndex(sink, this.series).finally(() => sink.close());
      const meta = this.meta(minTime, maxTime);
      await writeSynced(join(this.tmpDir, 'meta.json'), new TextEncoder().encode(encodeBlockMeta(meta)));
      await writeSynced(join(this.tmpDir, 'tombstones'), emptyTombstones());
      await syncDir(join(this.tmpDir, 'chunks'));
      await syncDir(this.tmpDir);
      const final = join(this.dir, this.ulid);
      await rm(final, { recursive: true, force: true });
      await rename(this.tmpDir, final);
      await syncDir(this.dir);
      return { dir: final, meta, indexSize: stats.size, chunksSize: this.chunkWriter.bytesWritten };
    } catch (err) {
      await this.cleanup();
      throw err;
    }
  }

  private meta(minTime: number, maxTime: number): BlockMeta {
    const o = this.options;
    const meta: BlockMeta = {
      ulid: this.ulid,
      minTime,
      maxTime,
      stats: { numSamples: this.numSamples, numSeries: this.series.length, numChunks: this.numChunks },
      compaction: { level: o.compactionLevel ?? 1, sources: o.sources ?? [this.ulid] },
      version: 1,
    };
    if (o.parents !== undefined) meta.compaction.parents = o.parents;
    if (o.epimetheus !== undefined) meta.epimetheus = o.epimetheus;
    return meta;
  }

  /** Discards everything written so far. Never throws. */
  async abort(): Promise<void> {
    this.done = true;
    await this.cleanup();
  }

  private async cleanup(): Promise<void> {
    await this.chunkWriter.abandon();
    await rm(this.tmpDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Chunks must be in time order, not overlap, and have `minTime <= maxTime`. */
function checkChunks(s: BlockSeries): void {
  let prevMax = Number.NEGATIVE_INFINITY;
  for (const c of s.chunks) {
    if (!Number.isSafeInteger(c.minTime) || !Number.isSafeInteger(c.maxTime) || c.maxTime < c.minTime) {
      throw new FormatError(
        `chunk [${c.minTime}, ${c.maxTime}] of ${formatLabels(s.labels)} has a bad time range`,
      );
    }
    if (c.minTime <= prevMax) {
      throw new FormatError(
        `chunks of ${formatLabels(s.labels)} overlap or are out of order at ${c.minTime}`,
      );
    }
    prevMax = c.maxTime;
  }
}

/**
 * Writes a whole block from `series` (label order) under `dir`; the head's
 * `seriesChunksInRange` generator fits directly.
 */
export async function writeBlock(
  dir: string,
  series: Iterable<BlockSeries> | AsyncIterable<BlockSeries>,
  options: BlockWriterOptions = {},
): Promise<WrittenBlock> {
  const w = await BlockWriter.create(dir, options);
  try {
    for await (const s of series) await w.addSeries(s);
  } catch (err) {
    await w.abort();
    throw err;
  }
  return w.finish();
}

async function writeSynced(path: string, bytes: Uint8Array): Promise<void> {
  const sink = await FileSink.create(path);
  await sink.write(bytes);
  await sink.close();
}

/** Makes entries created in or renamed into `dir` durable (Linux: fsync on the directory). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
