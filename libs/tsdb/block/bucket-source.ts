/**
 * Blocks in object storage: a `BlockSource` whose every read is one ranged GET, and the upload
 * of a local block directory in the order that keeps readers safe.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bucket } from '../../objstore/index.js';
import type { BlockSource, ByteSource } from './byte-source.js';

class BucketObjectSource implements ByteSource {
  private cachedSize: Promise<number> | undefined;

  constructor(
    private readonly bucket: Bucket,
    private readonly name: string,
  ) {}

  size(): Promise<number> {
    this.cachedSize ??= this.bucket.attributes(this.name).then((a) => a.size);
    this.cachedSize.catch(() => (this.cachedSize = undefined));
    return this.cachedSize;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return this.bucket.getRange(this.name, offset, length);
  }
}

/**
 * The block under `<prefix>` in `bucket` (e.g. prefix `tenant-1/01H...`), read with ranged
 * GETs. Object sizes are asked once per file and cached.
 */
export class BucketBlockSource implements BlockSource {
  private readonly files = new Map<string, BucketObjectSource>();

  constructor(
    private readonly bucket: Bucket,
    readonly prefix: string,
  ) {}

  get name(): string {
    return `${this.bucket.name}/${this.prefix}`;
  }

  file(name: string): ByteSource {
    let f = this.files.get(name);
    if (f === undefined)
      this.files.set(name, (f = new BucketObjectSource(this.bucket, `${this.prefix}/${name}`)));
    return f;
  }

  readAll(name: string): Promise<Uint8Array> {
    return this.bucket.get(`${this.prefix}/${name}`);
  }

  /** Nothing to release: the bucket belongs to the caller. */
  close(): Promise<void> {
    this.files.clear();
    return Promise.resolve();
  }
}

/**
 * Uploads the block directory `dir` to `<prefix>/` in `bucket`: chunks first, then index and
 * tombstones, meta.json last, so a block whose meta.json is visible is complete (the
 * convention Thanos and Mimir readers rely on).
 */
export async function uploadBlock(bucket: Bucket, dir: string, prefix: string): Promise<void> {
  const chunks = (await readdir(join(dir, 'chunks'))).sort();
  for (const c of chunks)
    await bucket.upload(`${prefix}/chunks/${c}`, await readFile(join(dir, 'chunks', c)));
  for (const f of ['index', 'tombstones'])
    await bucket.upload(`${prefix}/${f}`, await readFile(join(dir, f)));
  await bucket.upload(`${prefix}/meta.json`, await readFile(join(dir, 'meta.json')));
}
