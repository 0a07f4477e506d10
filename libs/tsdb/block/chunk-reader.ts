/**
 * Reads chunks by ref from a block's segment files through ranged reads. Byte layout:
 * docs/format/chunks.md. Segment headers are checked once per segment, every chunk's CRC on
 * every read.
 */
import { readCoalesced, type BlockSource, type Want } from './byte-source.js';
import { crc32c } from '../../checksum/index.js';
import { DecBuf } from './decbuf.js';
import { FormatError } from './errors.js';
import {
  CHUNKS_MAGIC,
  CHUNKS_VERSION,
  SEGMENT_HEADER_SIZE,
  segmentFileName,
  splitChunkRef,
} from './format.js';

/**
 * A chunk as stored: its encoding id and encoded bytes. `data` is a view into the (possibly
 * larger, coalesced) read buffer: do not modify it; copy it to keep it long.
 */
export interface RawChunk {
  readonly ref: number;
  readonly encoding: number;
  readonly data: Uint8Array;
}

/** Bytes fetched for a chunk when the next wanted chunk does not bound it (≈ 120 XOR samples). */
const CHUNK_READ_GUESS = 1024;

/** See the module comment. Safe for concurrent use. */
export class ChunkReader {
  private readonly checked = new Map<number, Promise<void>>();

  constructor(private readonly src: BlockSource) {}

  /** Reads the chunks of `refs`, returned in the order of `refs`. */
  async chunks(refs: readonly number[]): Promise<RawChunk[]> {
    const bySegment = new Map<number, number[]>();
    refs.forEach((ref, i) => {
      const { segment } = splitChunkRef(ref);
      let list = bySegment.get(segment);
      if (list === undefined) bySegment.set(segment, (list = []));
      list.push(i);
    });
    const out = new Array<RawChunk>(refs.length);
    await Promise.all(
      [...bySegment].map(async ([segment, idx]) => {
        await this.checkSegment(segment);
        const got = await this.readSegment(
          segment,
          idx.map((i) => refs[i]!),
        );
        idx.forEach((i, k) => (out[i] = got[k]!));
      }),
    );
    return out;
  }

  private checkSegment(segment: number): Promise<void> {
    let p = this.checked.get(segment);
    if (p === undefined) {
      p = (async () => {
        const h = new DecBuf(
          await this.src.file(`chunks/${segmentFileName(segment)}`).read(0, SEGMENT_HEADER_SIZE),
        );
        const magic = h.be32();
        if (magic !== CHUNKS_MAGIC)
          throw new FormatError(`chunks segment ${segment}: bad magic 0x${magic.toString(16)}`);
        const v = h.byte();
        if (v !== CHUNKS_VERSION)
          throw new FormatError(`chunks segment ${segment}: unsupported version ${v}`);
      })();
      this.checked.set(segment, p);
      p.catch(() => this.checked.delete(segment));
    }
    return p;
  }

  private async readSegment(segment: number, refs: number[]): Promise<RawChunk[]> {
    const file = this.src.file(`chunks/${segmentFileName(segment)}`);
    const offsets = refs.map((r) => splitChunkRef(r).offset);
    const sorted = [...new Set(offsets)].sort((a, b) => a - b);
    const nextOf = new Map<number, number | undefined>(sorted.map((o, i) => [o, sorted[i + 1]]));
    const wants: Want[] = offsets.map((o) => {
      const next = nextOf.get(o);
      const bound = next !== undefined && next - o <= 4 * CHUNK_READ_GUESS ? next - o : CHUNK_READ_GUESS;
      return { offset: o, length: bound };
    });
    const bytes = await readCoalesced(file, wants);
    return Promise.all(
      refs.map(async (ref, i) => {
        let b = bytes[i]!;
        const need = chunkLength(b);
        if (need > b.length) b = await file.read(offsets[i]!, need);
        return decodeChunk(ref, b);
      }),
    );
  }
}

/** Total bytes of the chunk at the start of `b`; more than `b.length` when it is cut off. */
function chunkLength(b: Uint8Array): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < b.length && i < 5; i++) {
    v += (b[i]! & 0x7f) * mul;
    if (b[i]! < 0x80) return i + 1 + 1 + v + 4;
    mul *= 0x80;
  }
  return b.length + CHUNK_READ_GUESS;
}

function decodeChunk(ref: number, b: Uint8Array): RawChunk {
  const d = new DecBuf(b);
  const len = d.uvarint();
  const encStart = d.pos;
  const encoding = d.byte();
  const data = d.bytes(len);
  const crc = d.be32();
  if (crc32c(b, encStart, encStart + 1 + len) !== crc)
    throw new FormatError(`chunk ${ref}: checksum mismatch`);
  return { ref, encoding, data };
}
