/**
 * Segment files of the embedded log: naming, sparse offset index and sequential frame scanning.
 */
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { checkFrame } from './frame.js';

/** Segment file names: the base offset as 20 decimal digits, then `.log`. */
const SEGMENT_NAME = /^(\d{20})\.log$/;

/** The file name of the segment whose first record has offset `base`. */
export function segmentFileName(base: number): string {
  return `${String(base).padStart(20, '0')}.log`;
}

/** The base offset named by a segment file name, or `undefined` for other files. */
export function parseSegmentFileName(name: string): number | undefined {
  const m = SEGMENT_NAME.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** A known (offset, file position) pair: the frame of record `offset` starts at `pos`. */
export interface IndexEntry {
  offset: number;
  pos: number;
}

/** Add an index entry at most every this many bytes. */
export const INDEX_INTERVAL_BYTES = 64 * 1024;

/** One segment file, described in memory. */
export class Segment {
  /** Valid, durable bytes: readers never look past this. */
  size = 0;
  /** Sparse offset index, sorted; `undefined` until built by a scan. */
  index: IndexEntry[] | undefined;
  /** Open handle (read-write for the active segment, read-only otherwise), once opened. */
  handle: Promise<FileHandle> | undefined;
  /** Reads in flight, so a deleted segment's handle closes only after them. */
  readers = 0;
  /** Unlinked by retention. */
  deleted = false;

  constructor(
    readonly base: number,
    readonly path: string,
  ) {}

  /** The open handle, opening the file read-only on first use. */
  open(): Promise<FileHandle> {
    this.handle ??= fs.open(this.path, 'r');
    return this.handle;
  }

  /** Closes the handle, if open; errors closing are ignored (the data is durable already). */
  async closeHandle(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h) await h.then((fh) => fh.close()).catch(() => undefined);
  }

  /** Records an index entry for a frame at `pos`, if far enough from the previous one. */
  noteFrame(offset: number, pos: number): void {
    if (!this.index) return;
    const last = this.index[this.index.length - 1];
    if (!last || pos - last.pos >= INDEX_INTERVAL_BYTES) this.index.push({ offset, pos });
  }

  /** The last index entry at or below `offset` (the segment start if none). */
  seek(offset: number): IndexEntry {
    const idx = this.index ?? [];
    let lo = 0;
    let hi = idx.length - 1;
    let best: IndexEntry = { offset: this.base, pos: 0 };
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = idx[mid]!;
      if (e.offset <= offset) {
        best = e;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }
}

/** Called for each valid frame; return false to stop after it. */
export type FrameVisitor = (
  buf: Buffer,
  bodyStart: number,
  bodyEnd: number,
  offset: number,
  pos: number,
) => boolean;

/** Where and why a scan ended. */
export interface ScanEnd {
  /** Position after the last valid frame visited. */
  pos: number;
  /** Offset of the record that would come next. */
  offset: number;
  /** `limit`: reached it; `visitor`: the visitor stopped; `corrupt`/`short`: invalid or cut frame at `pos`. */
  stop: 'limit' | 'visitor' | 'corrupt' | 'short';
  /** For `corrupt`, what was wrong. */
  reason?: string;
}

/** Bytes read from disk at a time, unless a frame is larger. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads frames sequentially from `pos` (frame of record `offset`) up to file position `limit`.
 * Each chunk is a fresh buffer, so a visitor may keep views into it.
 */
export async function scanFrames(
  fh: FileHandle,
  start: IndexEntry,
  limit: number,
  maxBodyBytes: number,
  visit: FrameVisitor,
): Promise<ScanEnd> {
  let { pos, offset } = start;
  let minChunk = CHUNK_BYTES;
  while (pos < limit) {
    const want = Math.min(limit - pos, minChunk);
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await fh.read(buf, 0, want, pos);
    let p = 0;
    for (;;) {
      const c = checkFrame(buf, p, bytesRead, maxBodyBytes);
      if (c.kind === 'corrupt') return { pos: pos + p, offset, stop: 'corrupt', reason: c.reason };
      if (c.kind === 'short') {
        if (pos + p >= limit) return { pos: pos + p, offset, stop: 'limit' };
        const cut = pos + p + c.need > limit || (bytesRead < want && p + c.need > bytesRead);
        if (cut) return { pos: pos + p, offset, stop: 'short' };
        minChunk = Math.max(CHUNK_BYTES, c.need);
        break;
      }
      const more = visit(buf, c.bodyStart, c.bodyEnd, offset, pos + p);
      offset++;
      p = c.bodyEnd;
      if (!more) return { pos: pos + p, offset, stop: 'visitor' };
    }
    pos += p;
  }
  return { pos, offset, stop: 'limit' };
}
