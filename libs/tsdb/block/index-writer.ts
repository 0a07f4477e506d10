/**
 * Writes a Prometheus index file, format version 2. Byte layout: docs/format/index.md.
 *
 * Takes every series at once (the symbol table precedes the series and must hold every
 * string), sorted by labels. Compactness: symbols are referenced by position, series are padded
 * only to the 16-byte alignment their ids need, postings lists are not padded, and the legacy
 * label indices are an empty section with an empty offset table (readers of version 2 never
 * use them; Prometheus still finds every section the TOC names).
 */
import { compareLabels, formatLabels, type Labels } from '../../model/index.js';
import { crc32c } from '../../checksum/index.js';
import { EncBuf } from './encbuf.js';
import { FormatError } from './errors.js';
import type { FileSink } from './file-sink.js';
import { INDEX_MAGIC, INDEX_VERSION, SERIES_ALIGNMENT } from './format.js';
import { compareUtf8 } from './utf8-order.js';

/** Where a chunk lives and what time range it covers; times in ms, both inclusive. */
export interface ChunkMeta {
  readonly minTime: number;
  readonly maxTime: number;
  /** Segment index * 2^32 + byte offset in that segment file. */
  readonly ref: number;
}

/** One series as the index records it. */
export interface IndexSeries {
  readonly labels: Labels;
  /** Chunks sorted by time, not overlapping. */
  readonly chunks: readonly ChunkMeta[];
}

/** Sizes of what `writeIndex` wrote, in bytes. */
export interface IndexStats {
  size: number;
  symbols: number;
  seriesBytes: number;
  postingsBytes: number;
  postingsTableBytes: number;
}

/**
 * Writes the index of `series` (sorted by labels, unique) to `sink`, which must be at offset 0.
 * Does not close the sink.
 * @throws FormatError when series are out of order or would not fit the format's 32-bit ids.
 */
export async function writeIndex(sink: FileSink, series: readonly IndexSeries[]): Promise<IndexStats> {
  checkOrder(series);
  const symbols = collectSymbols(series);
  const symbolRefs = new Map<string, number>();
  symbols.forEach((s, i) => symbolRefs.set(s, i));

  const buf = new EncBuf(1 << 16);
  buf.putBE32(INDEX_MAGIC);
  buf.putByte(INDEX_VERSION);
  await sink.write(buf.bytes());

  const tocSymbols = sink.pos;
  await writeSymbols(sink, buf, symbols);

  await sink.pad(SERIES_ALIGNMENT);
  const tocSeries = sink.pos;
  const postings = await writeSeries(sink, buf, series, symbolRefs, symbols.length);
  const seriesBytes = sink.pos - tocSeries;

  // No legacy label index sections: the sequence is empty and starts where postings start.
  const tocLabelIndices = sink.pos;
  const tocPostings = sink.pos;
  const offsets = await writePostings(sink, buf, postings, symbols);
  const postingsBytes = sink.pos - tocPostings;

  const tocLabelTable = sink.pos;
  await writeCountedSection(sink, buf, 0, () => undefined);

  const tocPostingsTable = sink.pos;
  await writeCountedSection(sink, buf, offsets.length, () => {
    for (const o of offsets) {
      buf.putUvarint(2);
      buf.putUvarintStr(o.name);
      buf.putUvarintStr(o.value);
      buf.putUvarint(o.offset);
    }
  });
  const postingsTableBytes = sink.pos - tocPostingsTable;

  buf.reset();
  for (const off of [tocSymbols, tocSeries, tocLabelIndices, tocLabelTable, tocPostings, tocPostingsTable]) {
    buf.putBE64(off);
  }
  buf.putBE32(crc32c(buf.bytes()));
  await sink.write(buf.bytes());
  return { size: sink.pos, symbols: symbols.length, seriesBytes, postingsBytes, postingsTableBytes };
}

function checkOrder(series: readonly IndexSeries[]): void {
  for (let i = 1; i < series.length; i++) {
    if (compareLabels(series[i - 1]!.labels, series[i]!.labels) >= 0) {
      throw new FormatError(`series out of order or duplicate: ${formatLabels(series[i]!.labels)}`);
    }
  }
}

function collectSymbols(series: readonly IndexSeries[]): string[] {
  const set = new Set<string>();
  for (const s of series) {
    for (const l of s.labels) {
      set.add(l.name);
      set.add(l.value);
    }
  }
  return [...set].sort(compareUtf8);
}

/**
 * Writes a section framed as `len(4) count(4) body CRC32C(4)` where `len` covers count and
 * body. `fill` appends the body to `buf` (after the count).
 */
async function writeCountedSection(
  sink: FileSink,
  buf: EncBuf,
  count: number,
  fill: () => void,
): Promise<void> {
  buf.reset();
  buf.putBE32(0);
  buf.putBE32(count);
  fill();
  const body = buf.bytes();
  buf.setBE32(0, body.length - 4);
  const crc = crc32c(body, 4);
  buf.putBE32(crc);
  await sink.write(buf.bytes());
}

async function writeSymbols(sink: FileSink, buf: EncBuf, symbols: readonly string[]): Promise<void> {
  await writeCountedSection(sink, buf, symbols.length, () => {
    for (const s of symbols) buf.putUvarintStr(s);
  });
}

/**
 * Postings built while writing series. A label pair is keyed by its symbol refs,
 * `nameRef * nsymbols + valueRef`: numbers hash faster than strings, and since symbols are
 * sorted, sorting the keys numerically sorts the pairs by name, then value.
 */
interface Postings {
  all: number[];
  byPair: Map<number, number[]>;
}

async function writeSeries(
  sink: FileSink,
  buf: EncBuf,
  series: readonly IndexSeries[],
  symbolRefs: ReadonlyMap<string, number>,
  nsymbols: number,
): Promise<Postings> {
  const all: number[] = [];
  const byPair = new Map<number, number[]>();
  const body = new EncBuf(256);
  for (const s of series) {
    await sink.pad(SERIES_ALIGNMENT);
    const id = sink.pos / SERIES_ALIGNMENT;
    if (id > 0xffffffff) throw new FormatError('index series section exceeds 64 GiB');
    all.push(id);
    body.reset();
    body.putUvarint(s.labels.length);
    for (const l of s.labels) {
      const nameRef = symbolRefs.get(l.name)!;
      const valueRef = symbolRefs.get(l.value)!;
      body.putUvarint(nameRef);
      body.putUvarint(valueRef);
      const key = nameRef * nsymbols + valueRef;
      const ids = byPair.get(key);
      if (ids === undefined) byPair.set(key, [id]);
      else ids.push(id);
    }
    encodeChunkMetas(body, s.chunks);
    const content = body.bytes();
    buf.reset();
    buf.putUvarint(content.length);
    buf.putBytes(content);
    buf.putBE32(crc32c(content));
    await sink.write(buf.bytes());
  }
  return { all, byPair };
}

/** First chunk absolute, the rest as deltas to the previous chunk (see docs/format/index.md). */
function encodeChunkMetas(body: EncBuf, chunks: readonly ChunkMeta[]): void {
  body.putUvarint(chunks.length);
  let prevMaxt = 0;
  let prevRef = 0;
  chunks.forEach((c, i) => {
    if (c.maxTime < c.minTime)
      throw new FormatError(`chunk maxTime ${c.maxTime} before minTime ${c.minTime}`);
    if (i === 0) {
      body.putVarint(c.minTime);
      body.putUvarint(c.maxTime - c.minTime);
      body.putUvarint(c.ref);
    } else {
      if (c.minTime < prevMaxt) throw new FormatError(`chunks overlap or are out of order at ${c.minTime}`);
      body.putUvarint(c.minTime - prevMaxt);
      body.putUvarint(c.maxTime - c.minTime);
      body.putVarint(c.ref - prevRef);
    }
    prevMaxt = c.maxTime;
    prevRef = c.ref;
  });
}

interface PostingsOffset {
  name: string;
  value: string;
  offset: number;
}

/** Writes the all-series list (key "", "") then one list per label pair, in table order. */
async function writePostings(
  sink: FileSink,
  buf: EncBuf,
  postings: Postings,
  symbols: readonly string[],
): Promise<PostingsOffset[]> {
  const offsets: PostingsOffset[] = [];
  const writeList = async (name: string, value: string, ids: readonly number[]): Promise<void> => {
    offsets.push({ name, value, offset: sink.pos });
    await writeCountedSection(sink, buf, ids.length, () => {
      for (const id of ids) buf.putBE32(id);
    });
  };
  await writeList('', '', postings.all);
  const keys = Float64Array.from(postings.byPair.keys()).sort();
  for (const key of keys) {
    const nameRef = Math.floor(key / symbols.length);
    const valueRef = key - nameRef * symbols.length;
    await writeList(symbols[nameRef]!, symbols[valueRef]!, postings.byPair.get(key)!);
  }
  return offsets;
}
