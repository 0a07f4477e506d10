/**
 * Ranged reads over the files of a block, so the same reader serves a local directory now and
 * an object-storage bucket (one ranged GET per `read`) later.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A read-only byte sequence with random access. Implementations may be called concurrently.
 */
export interface ByteSource {
  /** Total size in bytes. */
  size(): Promise<number>;
  /**
   * Returns bytes `[offset, offset + length)`, fewer only where the source ends (empty when
   * `offset >= size`). The caller must not modify the returned bytes.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The files of one block, by path relative to the block directory (`index`, `chunks/000001`). */
export interface BlockSource {
  /** Where the block is, for messages: a directory or `bucket/prefix`. */
  readonly name: string;
  /** A source for one file; opening is lazy, so a missing file fails on first use. */
  file(name: string): ByteSource;
  /** Reads a whole small file such as `meta.json`. */
  readAll(name: string): Promise<Uint8Array>;
  /** Releases open files. */
  close(): Promise<void>;
}

/** An in-memory `ByteSource` over `bytes` (not copied). */
export class BytesSource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  size(): Promise<number> {
    return Promise.resolve(this.bytes.length);
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.bytes.subarray(offset, Math.min(offset + length, this.bytes.length)));
  }
}

/** A local file read with positioned reads; the file is opened on first use. */
export class FileByteSource implements ByteSource {
  private fh: Promise<FileHandle> | undefined;
  private cachedSize: number | undefined;

  constructor(readonly path: string) {}

  private handle(): Promise<FileHandle> {
    this.fh ??= open(this.path, 'r');
    return this.fh;
  }

  async size(): Promise<number> {
    this.cachedSize ??= (await (await this.handle()).stat()).size;
    return this.cachedSize;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const fh = await this.handle();
    const out = new Uint8Array(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await fh.read(out, got, length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === length ? out : out.subarray(0, got);
  }

  /** Closes the file if it was opened. */
  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    if (fh !== undefined) await (await fh).close();
  }
}

/** A block directory on the local disk. */
export class LocalBlockSource implements BlockSource {
  private readonly files = new Map<string, FileByteSource>();

  constructor(readonly dir: string) {}

  get name(): string {
    return this.dir;
  }

  file(name: string): ByteSource {
    let f = this.files.get(name);
    if (f === undefined) this.files.set(name, (f = new FileByteSource(join(this.dir, name))));
    return f;
  }

  async readAll(name: string): Promise<Uint8Array> {
    return readFile(join(this.dir, name));
  }

  async close(): Promise<void> {
    const all = [...this.files.values()];
    this.files.clear();
    await Promise.all(all.map((f) => f.close()));
  }
}

/** One range wanted from a source. */
export interface Want {
  offset: number;
  length: number;
}

/** Most reads `readCoalesced` has in flight at once, so a sparse selection does not fire
 * hundreds of concurrent GETs at a bucket. */
export const MAX_CONCURRENT_READS = 16;

/**
 * Reads many ranges with few calls: ranges closer than `maxGap` bytes are merged into one
 * read, and at most `MAX_CONCURRENT_READS` reads run at once. Returns one view per want, in
 * input order (shorter only at the end of the source).
 */
export async function readCoalesced(
  src: ByteSource,
  wants: readonly Want[],
  maxGap = 4096,
): Promise<Uint8Array[]> {
  const order = wants.map((_, i) => i).sort((a, b) => wants[a]!.offset - wants[b]!.offset);
  const groups: { start: number; end: number; members: number[] }[] = [];
  for (const i of order) {
    const w = wants[i]!;
    const g = groups[groups.length - 1];
    if (g !== undefined && w.offset <= g.end + maxGap) {
      g.end = Math.max(g.end, w.offset + w.length);
      g.members.push(i);
    } else {
      groups.push({ start: w.offset, end: w.offset + w.length, members: [i] });
    }
  }
  const out: Uint8Array[] = new Array<Uint8Array>(wants.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const g = groups[next++]!;
      const bytes = await src.read(g.start, g.end - g.start);
      for (const i of g.members) {
        const w = wants[i]!;
        const from = w.offset - g.start;
        out[i] = bytes.subarray(Math.min(from, bytes.length), Math.min(from + w.length, bytes.length));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_READS, groups.length) }, worker));
  return out;
}
