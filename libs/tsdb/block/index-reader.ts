/**
 * Reads a Prometheus index file (format version 2) through ranged reads. Byte layout:
 * docs/format/index.md.
 *
 * `open` reads the TOC, the symbol table and the postings offset table once and keeps them in
 * memory (the "index header"); postings lists and series entries are fetched on demand with
 * coalesced ranged reads, so a store-gateway can serve a block from object storage without
 * downloading its index.
 */
import type { Label } from '../../model/index.js';
import { readCoalesced, type ByteSource, type Want } from './byte-source.js';
import { crc32c } from '../../checksum/index.js';
import { DecBuf } from './decbuf.js';
import { FormatError } from './errors.js';
import { INDEX_HEADER_SIZE, INDEX_MAGIC, INDEX_TOC_SIZE, INDEX_VERSION, SERIES_ALIGNMENT } from './format.js';
import type { ChunkMeta } from './index-writer.js';
import { PostingsTable } from './postings-table.js';

/** Section offsets from the index's table of contents. */
export interface IndexToc {
  symbols: number;
  series: number;
  labelIndices: number;
  labelIndicesTable: number;
  postings: number;
  postingsTable: number;
}

/** A decoded series entry. */
export interface SeriesEntry {
  /** Series id: offset / 16. */
  readonly id: number;
  readonly labels: Label[];
  readonly chunks: ChunkMeta[];
}

/** Bytes fetched up front for a series entry; longer entries cost a second read. */
const SERIES_READ_GUESS = 512;

/** See the module comment. Safe for concurrent use once opened. */
export class IndexReader {
  private cachedHeaderSize: number | undefined;

  private constructor(
    private readonly src: ByteSource,
    /** Table of contents. */
    readonly toc: IndexToc,
    /** Every string of the symbol table, in order; a symbol ref is a position here. */
    readonly symbols: readonly string[],
    private readonly table: PostingsTable,
    private readonly seriesEnd: number,
  ) {}

  /** Opens an index: 4 reads in 2 rounds (header and TOC, then symbols and postings offset table). */
  static async open(src: ByteSource): Promise<IndexReader> {
    const size = await src.size();
    if (size < INDEX_HEADER_SIZE + INDEX_TOC_SIZE) throw new FormatError(`index too small: ${size} bytes`);
    const [head, tocBytes] = await Promise.all([
      src.read(0, INDEX_HEADER_SIZE),
      src.read(size - INDEX_TOC_SIZE, INDEX_TOC_SIZE),
    ]);
    const hd = new DecBuf(head);
    const magic = hd.be32();
    if (magic !== INDEX_MAGIC) throw new FormatError(`index: bad magic 0x${magic.toString(16)}`);
    const version = hd.byte();
    if (version !== INDEX_VERSION) throw new FormatError(`index: unsupported format version ${version}`);
    const toc = parseToc(tocBytes);
    const tocStart = size - INDEX_TOC_SIZE;
    const [symBytes, tableBytes] = await Promise.all([
      src.read(toc.symbols, Math.max(toc.series, toc.symbols + 8) - toc.symbols),
      src.read(toc.postingsTable, tocStart - toc.postingsTable),
    ]);
    const symbols = parseSymbols(symBytes);
    const bounds = [toc.labelIndices, toc.labelIndicesTable, toc.postings, toc.postingsTable, tocStart];
    const postings = PostingsTable.parse(framedBody(tableBytes, 'postings offset table'), bounds);
    const seriesEnd = Math.min(...[toc.labelIndices, toc.postings, tocStart].filter((o) => o > toc.series));
    return new IndexReader(src, toc, symbols, postings, seriesEnd);
  }

  /**
   * Bytes of the in-memory header: symbols plus the compact postings table. A symbol costs its
   * V8 string (16-byte header, characters rounded up to 8 bytes) plus its array slot; within 5%
   * of the heap growth `reader-memory.bench.ts` measures. Computed once.
   */
  get headerSize(): number {
    if (this.cachedHeaderSize === undefined) {
      let n = this.table.memoryBytes + 16;
      for (const s of this.symbols) n += 24 + ((s.length + 7) & ~7);
      this.cachedHeaderSize = n;
    }
    return this.cachedHeaderSize;
  }

  /** Every label name that occurs, sorted (UTF-8 order). */
  labelNames(): string[] {
    return this.table.names().filter((n) => n !== '');
  }

  /** Every value of label `name`, sorted (UTF-8 order); empty when the name never occurs. */
  labelValues(name: string): string[] {
    return this.table.values(name);
  }

  /** Whether some series has label `name` with value `value`. */
  hasLabelValue(name: string, value: string): boolean {
    return this.table.find(name, value) !== undefined;
  }

  /**
   * Reads the postings lists of `name` for each of `values` (absent values give an empty
   * list), in one coalesced batch. Pairs are `[name, value]`.
   */
  async postings(pairs: readonly (readonly [string, string])[]): Promise<Uint32Array[]> {
    const wants: Want[] = [];
    const slots: number[] = [];
    pairs.forEach(([name, value], i) => {
      const r = this.table.find(name, value);
      if (r === undefined) return;
      slots.push(i);
      wants.push({ offset: r.start, length: r.end - r.start });
    });
    const out: Uint32Array[] = pairs.map(() => new Uint32Array(0));
    const bytes = await readCoalesced(this.src, wants);
    bytes.forEach((b, k) => (out[slots[k]!] = decodePostings(b)));
    return out;
  }

  /** Ids of every series (the list under the empty label pair). */
  async allPostings(): Promise<Uint32Array> {
    return (await this.postings([['', '']]))[0]!;
  }

  /** Reads and decodes the series entries of `ids`, returned in the order of `ids`. */
  async series(ids: ArrayLike<number>): Promise<SeriesEntry[]> {
    const wants: Want[] = [];
    for (let i = 0; i < ids.length; i++) {
      const offset = ids[i]! * SERIES_ALIGNMENT;
      wants.push({ offset, length: Math.max(0, Math.min(SERIES_READ_GUESS, this.seriesEnd - offset)) });
    }
    const bytes = await readCoalesced(this.src, wants, 1024);
    const out: SeriesEntry[] = [];
    for (let i = 0; i < ids.length; i++) {
      let b = bytes[i]!;
      // At most twice more: once to complete a cut-off length prefix, once for the body.
      for (let tries = 0; tries < 2 && entryLength(b) > b.length; tries++) {
        b = await this.src.read(wants[i]!.offset, entryLength(b));
      }
      out.push(this.decodeSeries(ids[i]!, b));
    }
    return out;
  }

  private decodeSeries(id: number, b: Uint8Array): SeriesEntry {
    const d = new DecBuf(b);
    const len = d.uvarint();
    const start = d.pos;
    d.skip(len);
    const crc = d.be32();
    if (crc32c(b, start, start + len) !== crc) throw new FormatError(`index: series ${id} checksum mismatch`);
    const c = new DecBuf(b, start, start + len);
    const labels: Label[] = [];
    for (let k = c.uvarint(); k > 0; k--)
      labels.push({ name: this.symbol(c.uvarint()), value: this.symbol(c.uvarint()) });
    const chunks: ChunkMeta[] = [];
    const n = c.uvarint();
    let maxt = 0;
    let ref = 0;
    for (let k = 0; k < n; k++) {
      const minTime = k === 0 ? c.varint() : maxt + c.uvarint();
      maxt = minTime + c.uvarint();
      ref = k === 0 ? c.uvarint() : ref + c.varint();
      chunks.push({ minTime, maxTime: maxt, ref });
    }
    return { id, labels, chunks };
  }

  private symbol(ref: number): string {
    const s = this.symbols[ref];
    if (s === undefined) throw new FormatError(`index: unknown symbol ref ${ref}`);
    return s;
  }
}

function parseToc(b: Uint8Array): IndexToc {
  const d = new DecBuf(b);
  const toc: IndexToc = {
    symbols: d.be64(),
    series: d.be64(),
    labelIndices: d.be64(),
    labelIndicesTable: d.be64(),
    postings: d.be64(),
    postingsTable: d.be64(),
  };
  if (crc32c(b, 0, 48) !== d.be32()) throw new FormatError('index: TOC checksum mismatch');
  return toc;
}

/**
 * Checks the frame `len(4) body(len) CRC32C(4)` at the start of `b` and returns a decoder over
 * the body.
 */
function framed(b: Uint8Array, what: string): DecBuf {
  const d = new DecBuf(b);
  const len = d.be32();
  if (4 + len + 4 > b.length) throw new FormatError(`index: ${what} truncated`);
  const crc = new DataView(b.buffer, b.byteOffset + 4 + len, 4).getUint32(0);
  if (crc32c(b, 4, 4 + len) !== crc) throw new FormatError(`index: ${what} checksum mismatch`);
  return new DecBuf(b, 4, 4 + len);
}

/** The body of the framed section at the start of `b`, checksum verified. */
function framedBody(b: Uint8Array, what: string): Uint8Array {
  const d = framed(b, what);
  return b.subarray(d.pos, d.pos + d.remaining);
}

function parseSymbols(b: Uint8Array): string[] {
  const d = framed(b, 'symbol table');
  const n = d.be32();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = d.uvarintStr();
  return out;
}

function decodePostings(b: Uint8Array): Uint32Array {
  const d = framed(b, 'postings list');
  const n = d.be32();
  if (d.remaining !== 4 * n)
    throw new FormatError(`index: postings list of ${n} entries has ${d.remaining} bytes`);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = d.be32();
  return out;
}

/** Total bytes of the series entry at the start of `b` (uvarint length, body, CRC). */
function entryLength(b: Uint8Array): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < b.length && i < 10; i++) {
    v += (b[i]! & 0x7f) * mul;
    if (b[i]! < 0x80) return i + 1 + v + 4;
    mul *= 0x80;
  }
  return b.length + 16; // length prefix itself cut off: read more
}
