/**
 * Buffered sequential writer of one local file that knows its position, so format writers can
 * record section offsets and pad to alignments without seeking.
 */
import { open, type FileHandle } from 'node:fs/promises';

const BUFFER_SIZE = 1 << 20;

/** Appends bytes to a new file. Not safe for concurrent use; await each call. */
export class FileSink {
  private readonly buf = new Uint8Array(BUFFER_SIZE);
  private buffered = 0;
  /** Bytes written so far (flushed or buffered): the offset of the next byte. */
  pos = 0;

  private constructor(private readonly fh: FileHandle) {}

  /** Creates (or truncates) `path`. */
  static async create(path: string): Promise<FileSink> {
    return new FileSink(await open(path, 'w'));
  }

  /** Appends `bytes`, copied before returning, so the caller may reuse its buffer. */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.buffered + bytes.length > BUFFER_SIZE) await this.flush();
    this.pos += bytes.length;
    if (bytes.length >= BUFFER_SIZE) {
      await this.writeFully(bytes);
      return;
    }
    this.buf.set(bytes, this.buffered);
    this.buffered += bytes.length;
  }

  /** Appends zero bytes until `pos` is a multiple of `align`. */
  async pad(align: number): Promise<void> {
    const rem = this.pos % align;
    if (rem !== 0) await this.write(new Uint8Array(align - rem));
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const n = this.buffered;
    this.buffered = 0;
    await this.writeFully(this.buf.subarray(0, n));
  }

  private async writeFully(bytes: Uint8Array): Promise<void> {
    for (let off = 0; off < bytes.length;) {
      const { bytesWritten } = await this.fh.write(bytes, off, bytes.length - off);
      off += bytesWritten;
    }
  }

  /** Flushes, fsyncs and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await this.fh.sync();
    await this.fh.close();
  }

  /** Closes the file without syncing, for error paths. Never throws. */
  async abandon(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}
