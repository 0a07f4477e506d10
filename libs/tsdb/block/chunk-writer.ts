/**
 * Writes chunk segment files `chunks/000001`, `000002`, ... Byte layout: docs/format/chunks.md.
 * Each chunk is `uvarint(len(data)) encoding(1) data CRC32C(encoding, data)`; a new segment is
 * cut before a chunk that would push the current one past the segment size.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32cUpdate } from '../../checksum/index.js';
import { EncBuf, uvarintSize } from './encbuf.js';
import { FormatError } from './errors.js';
import { FileSink } from './file-sink.js';
import {
  CHUNKS_MAGIC,
  CHUNKS_VERSION,
  chunkRef,
  SEGMENT_HEADER_SIZE,
  segmentFileName,
  TWO_32,
} from './format.js';

/** Appends chunks to the segment files of one block's `chunks/` directory. */
export class ChunkWriter {
  private sink: FileSink | undefined;
  private segment = -1;
  private readonly head = new EncBuf(16);
  /** Bytes written over all segments. */
  bytesWritten = 0;

  /**
   * @param dir the block's `chunks` directory (created on first write).
   * @param segmentSize cut a new segment before exceeding this many bytes; at most 2^32.
   */
  constructor(
    private readonly dir: string,
    private readonly segmentSize: number,
  ) {
    if (segmentSize > TWO_32 || segmentSize < SEGMENT_HEADER_SIZE + 16) {
      throw new FormatError(`chunk segment size ${segmentSize} out of range`);
    }
  }

  /** Number of segment files written so far. */
  get segments(): number {
    return this.segment + 1;
  }

  /**
   * Appends one chunk and returns its ref (segment index * 2^32 + offset). `data` is copied.
   * @throws FormatError when one chunk alone exceeds the segment size.
   */
  async write(encoding: number, data: Uint8Array): Promise<number> {
    const size = uvarintSize(data.length) + 1 + data.length + 4;
    if (SEGMENT_HEADER_SIZE + size > this.segmentSize) {
      throw new FormatError(`chunk of ${data.length} bytes exceeds the segment size ${this.segmentSize}`);
    }
    if (this.sink === undefined || this.sink.pos + size > this.segmentSize) await this.cut();
    const sink = this.sink!;
    const ref = chunkRef(this.segment, sink.pos);
    const h = this.head;
    h.reset();
    h.putUvarint(data.length);
    h.putByte(encoding);
    await sink.write(h.bytes());
    await sink.write(data);
    let crc = crc32cUpdate(0, h.bytes(), h.len - 1, h.len);
    crc = crc32cUpdate(crc, data);
    h.reset();
    h.putBE32(crc);
    await sink.write(h.bytes());
    this.bytesWritten += size;
    return ref;
  }

  private async cut(): Promise<void> {
    if (this.sink === undefined) await mkdir(this.dir, { recursive: true });
    else await this.sink.close();
    this.segment++;
    this.sink = await FileSink.create(join(this.dir, segmentFileName(this.segment)));
    const h = this.head;
    h.reset();
    h.putBE32(CHUNKS_MAGIC);
    h.putByte(CHUNKS_VERSION);
    h.putZeros(3);
    await this.sink.write(h.bytes());
    this.bytesWritten += SEGMENT_HEADER_SIZE;
  }

  /** Flushes and fsyncs the last segment. Creates the (empty) directory if nothing was written. */
  async close(): Promise<void> {
    if (this.sink === undefined) await mkdir(this.dir, { recursive: true });
    else await this.sink.close();
    this.sink = undefined;
  }

  /** Closes without syncing, for error paths. */
  async abandon(): Promise<void> {
    await this.sink?.abandon();
    this.sink = undefined;
  }
}
