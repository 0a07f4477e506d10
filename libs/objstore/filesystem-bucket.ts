import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  type Bucket,
  type IterOptions,
  type ObjectAttributes,
  type UploadBody,
  InvalidObjectNameError,
  ObjectNotFoundError,
  dirPrefix,
  isObjNotFoundErr,
  validateObjectName,
  validateRange,
} from './bucket.js';

/** Directory under the root where uploads are written before they are renamed into place. */
const TMP_DIR = '.epimetheus-tmp';

/** Error codes that mean "no object at this path" (missing, or a directory, or under a file). */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/**
 * A `Bucket` in a local directory, one file per object, with the listing semantics of Thanos's
 * filesystem bucket. Uploads are atomic and durable: the data goes to a temporary file under
 * `<root>/.epimetheus-tmp/`, is fsynced, renamed into place, and the directory is fsynced, so a
 * crash leaves either the old object or the new one. Deleting the last object of a directory
 * removes the empty directories above it. Symbolic links are not followed.
 */
export class FilesystemBucket implements Bucket {
  readonly name: string;
  private readonly root: string;

  /** @param root the directory holding the objects; created on first upload. */
  constructor(root: string) {
    this.root = path.resolve(root);
    this.name = `fs:${this.root}`;
  }

  async get(name: string): Promise<Uint8Array> {
    return this.getRange(name, 0, -1);
  }

  async getRange(name: string, offset: number, length: number): Promise<Uint8Array> {
    validateRange(offset, length);
    const fh = await this.openObject(name);
    try {
      const { size } = await fh.stat();
      const end = length === -1 ? size : Math.min(size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      const out = new Uint8Array(end - offset);
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await fh.read(out, done, out.length - done, offset + done);
        if (bytesRead === 0) break; // Cannot happen for an immutable object; never loop forever.
        done += bytesRead;
      }
      return done === out.length ? out : out.subarray(0, done);
    } finally {
      await fh.close();
    }
  }

  async upload(name: string, body: UploadBody): Promise<void> {
    const file = this.filePath(name);
    const tmpDir = path.join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomBytes(8).toString('hex')}.tmp`);
    try {
      await writeDurably(tmp, body);
      await this.moveIntoPlace(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw new Error(`upload ${name} to ${this.name}`, { cause: err });
    }
  }

  async delete(name: string): Promise<void> {
    const file = this.filePath(name);
    try {
      await unlink(file);
    } catch (err) {
      if (NOT_FOUND_CODES.has(errCode(err) ?? '')) return;
      throw new Error(`delete ${name} from ${this.name}`, { cause: err });
    }
    await this.pruneEmptyDirs(path.dirname(file));
  }

  async exists(name: string): Promise<boolean> {
    try {
      return (await stat(this.filePath(name))).isFile();
    } catch (err) {
      if (NOT_FOUND_CODES.has(errCode(err) ?? '')) return false;
      throw err;
    }
  }

  async *iter(dir: string, options: IterOptions = {}): AsyncIterable<string> {
    const prefix = dirPrefix(dir);
    if (prefix !== '') validateObjectName(prefix.slice(0, -1));
    const names: string[] = [];
    await this.collect(prefix, options.recursive ?? false, names);
    yield* names.sort();
  }

  async attributes(name: string): Promise<ObjectAttributes> {
    try {
      const st = await stat(this.filePath(name));
      if (!st.isFile()) throw new ObjectNotFoundError(name);
      return { size: st.size, lastModified: st.mtime };
    } catch (err) {
      if (NOT_FOUND_CODES.has(errCode(err) ?? '')) throw new ObjectNotFoundError(name, { cause: err });
      throw err;
    }
  }

  isObjNotFoundErr(err: unknown): boolean {
    return isObjNotFoundErr(err);
  }

  async close(): Promise<void> {}

  private filePath(name: string): string {
    validateObjectName(name);
    if (name === TMP_DIR || name.startsWith(`${TMP_DIR}/`)) {
      throw new InvalidObjectNameError(name, `${TMP_DIR} is reserved by the filesystem bucket`);
    }
    return path.join(this.root, ...name.split('/'));
  }

  private async openObject(name: string): Promise<FileHandle> {
    const file = this.filePath(name);
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (err) {
      if (NOT_FOUND_CODES.has(errCode(err) ?? '')) throw new ObjectNotFoundError(name, { cause: err });
      throw err;
    }
    if (!(await fh.stat()).isFile()) {
      await fh.close();
      throw new ObjectNotFoundError(name);
    }
    return fh;
  }

  /** Renames `tmp` to `file`, creating directories, and fsyncs every directory it changed. */
  private async moveIntoPlace(tmp: string, file: string): Promise<void> {
    const dir = path.dirname(file);
    // A concurrent delete may prune a directory between our mkdir and rename (or during the
    // mkdir itself); create it again and retry a few times in that case.
    for (let attempt = 0; ; attempt++) {
      let firstCreated: string | undefined;
      try {
        firstCreated = await mkdir(dir, { recursive: true });
        await rename(tmp, file);
      } catch (err) {
        if (errCode(err) === 'ENOENT' && attempt < 5) continue;
        throw err;
      }
      await fsyncDir(dir);
      if (firstCreated !== undefined) {
        for (let d = dir; d !== path.dirname(firstCreated); d = path.dirname(d)) {
          await fsyncDir(path.dirname(d));
        }
      }
      return;
    }
  }

  /** Removes `dir` and its parents, up to the root, while they are empty. */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    for (let d = dir; d !== this.root && d.startsWith(this.root); d = path.dirname(d)) {
      try {
        await rmdir(d);
      } catch {
        return; // Not empty (or already gone, or raced with an upload): stop here.
      }
    }
  }

  /** Appends to `out` the names under `prefix` (`''` or ending in `/`). */
  private async collect(prefix: string, recursive: boolean, out: string[]): Promise<void> {
    const abs = path.join(this.root, ...prefix.split('/').filter((s) => s !== ''));
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      if (NOT_FOUND_CODES.has(errCode(err) ?? '')) return;
      throw err;
    }
    for (const e of entries) {
      if (prefix === '' && e.name === TMP_DIR) continue;
      const name = prefix + e.name;
      if (e.isFile()) out.push(name);
      else if (e.isDirectory()) {
        if (recursive) await this.collect(`${name}/`, true, out);
        else if (await hasFile(path.join(abs, e.name))) out.push(`${name}/`);
      }
    }
  }
}

/** Whether any regular file exists below `dir`: a directory holding no object is not listed. */
async function hasFile(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) if (e.isFile()) return true;
  for (const e of entries) if (e.isDirectory() && (await hasFile(path.join(dir, e.name)))) return true;
  return false;
}

/** Writes `body` to a new file at `file` and fsyncs it. */
async function writeDurably(file: string, body: UploadBody): Promise<void> {
  const fh = await open(file, 'wx', 0o644);
  try {
    if (body instanceof Uint8Array) {
      await fh.writeFile(body);
    } else {
      for await (const chunk of body) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
        await fh.writeFile(bytes); // Unlike write(), loops until every byte is written.
      }
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
