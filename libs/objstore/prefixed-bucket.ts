import {
  type Bucket,
  type IterOptions,
  type ObjectAttributes,
  type UploadBody,
  dirPrefix,
  validateObjectName,
} from './bucket.js';

/**
 * A view of `inner` under a fixed prefix: object `name` here is `<prefix>/name` there, and
 * listings show names relative to the prefix. Used for per-tenant views (`<tenant>/...`) and for
 * a storage prefix shared with other users of one bucket. Errors are `inner`'s, so a "not found"
 * names the full object.
 */
export class PrefixedBucket implements Bucket {
  readonly name: string;
  private readonly prefix: string;

  /** @throws InvalidObjectNameError when `prefix` is not a valid object name. */
  constructor(
    private readonly inner: Bucket,
    prefix: string,
  ) {
    validateObjectName(prefix);
    this.prefix = `${prefix}/`;
    this.name = `${inner.name}/${prefix}`;
  }

  async get(name: string): Promise<Uint8Array> {
    return await this.inner.get(this.full(name));
  }

  async getRange(name: string, offset: number, length: number): Promise<Uint8Array> {
    return await this.inner.getRange(this.full(name), offset, length);
  }

  async upload(name: string, body: UploadBody): Promise<void> {
    return await this.inner.upload(this.full(name), body);
  }

  async delete(name: string): Promise<void> {
    return await this.inner.delete(this.full(name));
  }

  async exists(name: string): Promise<boolean> {
    return await this.inner.exists(this.full(name));
  }

  async *iter(dir: string, options?: IterOptions): AsyncIterable<string> {
    for await (const n of this.inner.iter(this.prefix + dirPrefix(dir), options)) {
      yield n.slice(this.prefix.length);
    }
  }

  async attributes(name: string): Promise<ObjectAttributes> {
    return await this.inner.attributes(this.full(name));
  }

  isObjNotFoundErr(err: unknown): boolean {
    return this.inner.isObjNotFoundErr(err);
  }

  /** Closes `inner`: a prefixed view owns the bucket it was given. */
  close(): Promise<void> {
    return this.inner.close();
  }

  private full(name: string): string {
    validateObjectName(name); // Checked here too: '' must not become the prefix directory itself.
    return this.prefix + name;
  }
}
