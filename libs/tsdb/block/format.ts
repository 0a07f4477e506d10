/**
 * Constants of the Prometheus TSDB block format. Byte layouts: docs/format/index.md,
 * docs/format/chunks.md and docs/format/meta.md.
 */

/** First 4 bytes of an `index` file. */
export const INDEX_MAGIC = 0xbaaad700;
/** Index format version written (2: series ids are offset/16, symbols referenced by position). */
export const INDEX_VERSION = 2;
/** Magic (4 bytes) plus version (1 byte). */
export const INDEX_HEADER_SIZE = 5;
/** Series entries start at multiples of this; a series id is its offset divided by it. */
export const SERIES_ALIGNMENT = 16;
/** Six 8-byte offsets and a CRC32C. */
export const INDEX_TOC_SIZE = 6 * 8 + 4;

/** First 4 bytes of a chunk segment file. */
export const CHUNKS_MAGIC = 0x85bd40dd;
/** Chunk segment format version. */
export const CHUNKS_VERSION = 1;
/** Magic, version and 3 zero bytes of padding. */
export const SEGMENT_HEADER_SIZE = 8;
/** Largest segment file Prometheus cuts (512 MiB); chunk offsets must stay below 2^32. */
export const DEFAULT_SEGMENT_SIZE = 512 * 1024 * 1024;
/** Most bytes a chunk's length prefix takes (a uvarint of a 32-bit length). */
export const MAX_CHUNK_LEN_SIZE = 5;

/** First 4 bytes of a `tombstones` file. */
export const TOMBSTONES_MAGIC = 0x0130ba30;
/** Tombstones format version. */
export const TOMBSTONES_VERSION = 1;

/** `meta.json` format version. */
export const META_VERSION = 1;

/** 2^32: chunk refs are segment index * 2^32 + offset. */
export const TWO_32 = 4294967296;

/** Name of chunk segment file `index` (0-based), as Prometheus numbers them: `000001`, ... */
export function segmentFileName(index: number): string {
  return String(index + 1).padStart(6, '0');
}

/** Packs a chunk's segment index and byte offset into the 64-bit ref the index stores. */
export function chunkRef(segment: number, offset: number): number {
  return segment * TWO_32 + offset;
}

/** Splits a chunk ref into segment index and offset. */
export function splitChunkRef(ref: number): { segment: number; offset: number } {
  const segment = Math.floor(ref / TWO_32);
  return { segment, offset: ref - segment * TWO_32 };
}
