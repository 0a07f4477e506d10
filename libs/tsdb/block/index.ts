/**
 * The Prometheus TSDB block format: writing block directories that promtool and Prometheus
 * read, and reading blocks (ours or Prometheus's) through ranged reads. Formats:
 * docs/format/index.md, docs/format/chunks.md, docs/format/meta.md.
 */
export type { BlockChunk, BlockSeries, BlockWriterOptions, WrittenBlock } from './block-writer.js';
export { BlockWriter, writeBlock } from './block-writer.js';
export type { SeriesChunksOptions } from './block-reader.js';
export { BlockReader } from './block-reader.js';
export type { ByteSource, BlockSource, Want } from './byte-source.js';
export {
  BytesSource,
  FileByteSource,
  LocalBlockSource,
  MAX_CONCURRENT_READS,
  readCoalesced,
} from './byte-source.js';
export type { RawChunk } from './chunk-reader.js';
export { ChunkReader } from './chunk-reader.js';
export type { ChunkMeta, IndexSeries, IndexStats } from './index-writer.js';
export type { IndexToc, SeriesEntry } from './index-reader.js';
export { IndexReader } from './index-reader.js';
export type { BlockMeta, BlockStats, BlockCompaction, EpimetheusMeta } from './meta.js';
export { encodeBlockMeta, parseBlockMeta, emptyTombstones, isUlid } from './meta.js';
export { postingsForMatchers, intersectPostings, unionPostings, subtractPostings } from './postings.js';
export { FormatError } from './errors.js';
export { DEFAULT_SEGMENT_SIZE, segmentFileName, chunkRef, splitChunkRef } from './format.js';
export { BucketBlockSource, uploadBlock } from './bucket-source.js';
export type { RangeKind, RangeCacheObserver, RangeCacheOptions } from './range-cache.js';
export { RangeCache } from './range-cache.js';
