/**
 * A block opened for reading: meta.json, the index header in memory, chunks fetched on demand.
 * Implements `Queryable`, so the engine can query a block like the head.
 */
import {
  compareLabels,
  compareStrings,
  type Labels,
  type Matcher,
  type Querier,
  type Queryable,
  type SelectHints,
  type SeriesData,
} from '../../model/index.js';
import { decodeXorChunkInto, EncXOR, xorChunkNumSamples } from '../chunkenc/index.js';
import type { BlockChunk, BlockSeries } from './block-writer.js';
import { LocalBlockSource, type BlockSource } from './byte-source.js';
import { ChunkReader } from './chunk-reader.js';
import { FormatError, wrapBlockError } from './errors.js';
import { IndexReader, type SeriesEntry } from './index-reader.js';
import { parseBlockMeta, type BlockMeta } from './meta.js';
import { postingsForMatchers } from './postings.js';

/** Heap a parsed meta.json and the reader's own objects take, roughly (measured: under 2 KiB). */
const META_BYTES = 2048;

/** Options of `BlockReader.seriesChunks`. */
export interface SeriesChunksOptions {
  /** Keep chunks ending at or after this time (ms). @default -Infinity */
  mint?: number;
  /** Keep chunks starting at or before this time (ms). @default Infinity */
  maxt?: number;
  /** Series fetched per round of index and chunk reads. @default 256 */
  batchSize?: number;
  /** Return labels only; chunks are not read. @default false */
  labelsOnly?: boolean;
}

/** See the module comment. Safe for concurrent queries. */
export class BlockReader implements Queryable {
  private constructor(
    private readonly source: BlockSource,
    /** The parsed meta.json. */
    readonly meta: BlockMeta,
    /** The index, for callers that stream series and raw chunks (store-gateway). */
    readonly index: IndexReader,
    /** The chunk segment files. */
    readonly chunks: ChunkReader,
  ) {}

  /**
   * Opens a block: reads meta.json and the index header. The source stays open until `close`.
   * @throws FormatError when meta.json or the index is malformed.
   */
  static async open(source: BlockSource): Promise<BlockReader> {
    try {
      const [metaBytes, index] = await Promise.all([
        source.readAll('meta.json'),
        IndexReader.open(source.file('index')),
      ]);
      const meta = parseBlockMeta(new TextDecoder().decode(metaBytes));
      return new BlockReader(source, meta, index, new ChunkReader(source));
    } catch (err) {
      throw wrapBlockError(err, `open block ${source.name}`);
    }
  }

  /** Opens the block in local directory `dir`. */
  static openLocal(dir: string): Promise<BlockReader> {
    return BlockReader.open(new LocalBlockSource(dir));
  }

  /**
   * Bytes this open block keeps in memory, estimated from what it holds: the index header
   * (`IndexReader.headerSize`) plus the parsed meta.json. What a memory-bounded cache of open
   * blocks charges for it; `reader-memory.bench.ts` compares it with the measured heap growth.
   */
  get memoryBytes(): number {
    return this.index.headerSize + META_BYTES;
  }

  /** Series ids matching all `matchers` (every series when empty). */
  postings(matchers: readonly Matcher[]): Promise<Uint32Array> {
    return postingsForMatchers(this.index, matchers);
  }

  /**
   * Streams the series matching `matchers` that have chunks overlapping `[mint, maxt]`, in
   * index (label) order, with those chunks' raw bytes, fetching `batchSize` series at a time.
   * The output fits `writeBlock` directly (rewriting or compacting a block) and is what a
   * store-gateway sends. With `labelsOnly` the chunks are listed empty and never read.
   * Chunk `data` are views into the batch's read buffers: copy them to keep them long after
   * the batch, or the whole buffer stays alive.
   */
  async *seriesChunks(
    matchers: readonly Matcher[],
    { mint = -Infinity, maxt = Infinity, batchSize = 256, labelsOnly = false }: SeriesChunksOptions = {},
  ): AsyncGenerator<BlockSeries> {
    const ids = await this.postings(matchers);
    for (let at = 0; at < ids.length; at += batchSize) {
      const selected: SeriesEntry[] = [];
      for (const e of await this.index.series(ids.subarray(at, at + batchSize))) {
        const chunks = e.chunks.filter((c) => c.maxTime >= mint && c.minTime <= maxt);
        if (chunks.length > 0) selected.push({ ...e, chunks });
      }
      if (labelsOnly) {
        for (const e of selected) yield { labels: e.labels, chunks: [] };
        continue;
      }
      const raw = await this.chunks.chunks(selected.flatMap((e) => e.chunks.map((c) => c.ref)));
      let k = 0;
      for (const e of selected) {
        const chunks: BlockChunk[] = e.chunks.map((c) => {
          const r = raw[k++]!;
          return { minTime: c.minTime, maxTime: c.maxTime, encoding: r.encoding, data: r.data };
        });
        yield { labels: e.labels, chunks };
      }
    }
  }

  /** Opens a querier for `[mint, maxt]` (ms, inclusive). */
  querier(mint: number, maxt: number): Promise<Querier> {
    return Promise.resolve(new BlockQuerier(this, mint, maxt));
  }

  /** Closes the block's files. */
  close(): Promise<void> {
    return this.source.close();
  }
}

class BlockQuerier implements Querier {
  constructor(
    private readonly block: BlockReader,
    private readonly mint: number,
    private readonly maxt: number,
  ) {}

  async select(matchers: readonly Matcher[], hints: SelectHints): Promise<SeriesData[]> {
    try {
      return await this.selectUnwrapped(matchers, hints);
    } catch (err) {
      throw wrapBlockError(err, `select from block ${this.block.meta.ulid}`);
    }
  }

  private async selectUnwrapped(matchers: readonly Matcher[], hints: SelectHints): Promise<SeriesData[]> {
    const mint = Math.max(this.mint, hints.start);
    const maxt = Math.min(this.maxt, hints.end);
    const meta = this.block.meta;
    if (mint > maxt || maxt < meta.minTime || mint >= meta.maxTime) return [];
    const labelsOnly = hints.labelsOnly === true;
    const out: SeriesData[] = [];
    for await (const s of this.block.seriesChunks(matchers, { mint, maxt, labelsOnly })) {
      if (labelsOnly) {
        out.push(emptySeries(s.labels));
        continue;
      }
      for (const c of s.chunks) {
        if (c.encoding !== EncXOR) throw new FormatError(`chunk encoding ${c.encoding} is not supported`);
      }
      const d = decodeSeries(
        s.labels,
        s.chunks.map((c) => c.data),
        mint,
        maxt,
      );
      if (d.timestamps.length > 0) out.push(d);
    }
    return sortSeries(out);
  }

  async labelNames(matchers: readonly Matcher[]): Promise<string[]> {
    if (matchers.length === 0) return this.block.index.labelNames().sort(compareStrings);
    const names = new Set<string>();
    for (const e of await this.block.index.series(await this.block.postings(matchers))) {
      for (const l of e.labels) names.add(l.name);
    }
    return [...names].sort(compareStrings);
  }

  async labelValues(name: string, matchers: readonly Matcher[]): Promise<string[]> {
    if (matchers.length === 0) return [...this.block.index.labelValues(name)].sort(compareStrings);
    const values = new Set<string>();
    for (const e of await this.block.index.series(await this.block.postings(matchers))) {
      for (const l of e.labels) if (l.name === name) values.add(l.value);
    }
    return [...values].sort(compareStrings);
  }
}

function emptySeries(labels: Labels): SeriesData {
  return { labels, timestamps: new Float64Array(0), values: new Float64Array(0) };
}

function sortSeries(s: SeriesData[]): SeriesData[] {
  return s.sort((a, b) => compareLabels(a.labels, b.labels));
}

/** Decodes the samples of consecutive chunks within `[mint, maxt]` into one pair of arrays. */
function decodeSeries(labels: Labels, chunks: readonly Uint8Array[], mint: number, maxt: number): SeriesData {
  let total = 0;
  for (const c of chunks) total += xorChunkNumSamples(c);
  const timestamps = new Float64Array(total);
  const values = new Float64Array(total);
  let n = 0;
  for (const c of chunks) n += decodeXorChunkInto(c, timestamps, values, n, mint, maxt);
  return { labels, timestamps: timestamps.subarray(0, n), values: values.subarray(0, n) };
}
