/**
 * A consumer group's committed offset in the embedded log: a small JSON file replaced
 * atomically (write a temporary file, fsync it, rename it over the old one, fsync the directory),
 * so a crash leaves either the old or the new offset, never a torn one.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { internal, unavailable } from './errors.js';

/** The committed offset of one group in one partition directory. Commits are serialized. */
export class OffsetFile {
  private readonly file: string;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    groupId: string,
    private readonly syncDir: () => Promise<void>,
  ) {
    this.file = path.join(dir, `consumer-${encodeURIComponent(groupId)}.offset`);
  }

  /** The stored offset, or `undefined` if none was ever written. Throws `internal` if unreadable. */
  async read(): Promise<number | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw unavailable(`read committed offset ${this.file}`, err);
    }
    let offset: unknown;
    try {
      offset = (JSON.parse(text) as { offset?: unknown }).offset;
    } catch (err) {
      throw internal(`parse committed offset ${this.file}`, err);
    }
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
      throw internal(`committed offset ${this.file} holds ${String(offset)}`);
    }
    return offset;
  }

  /** Durably replaces the stored offset. Rejects with `unavailable` on I/O errors. */
  write(offset: number): Promise<void> {
    const run = this.chain.then(() => this.replace(offset));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async replace(offset: number): Promise<void> {
    const tmp = `${this.file}.tmp`;
    try {
      const fh = await fs.open(tmp, 'w');
      try {
        await fh.writeFile(`${JSON.stringify({ offset })}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, this.file);
      await this.syncDir();
    } catch (err) {
      throw unavailable(`commit offset ${offset} to ${this.dir}`, err);
    }
  }
}
