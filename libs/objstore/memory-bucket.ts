import {
  type Bucket,
  type IterOptions,
  type ObjectAttributes,
  type UploadBody,
  ObjectNotFoundError,
  dirPrefix,
  isObjNotFoundErr,
  readBody,
  validateObjectName,
  validateRange,
} from './bucket.js';

interface StoredObject {
  readonly data: Uint8Array;
  readonly lastModified: Date;
}

/**
 * A `Bucket` held in process memory: for tests and for single-process runs that need no
 * durability. Objects are copied in and out, so callers may reuse their buffers.
 */
export class MemoryBucket implements Bucket {
  readonly name = 'memory';
  private readonly objects = new Map<string, StoredObject>();

  async get(name: string): Promise<Uint8Array> {
    return new Uint8Array(this.lookup(name).data);
  }

  async getRange(name: string, offset: number, length: number): Promise<Uint8Array> {
    validateRange(offset, length);
    const { data } = this.lookup(name);
    const end = length === -1 ? data.length : Math.min(data.length, offset + length);
    return offset >= end ? new Uint8Array(0) : data.slice(offset, end);
  }

  async upload(name: string, body: UploadBody): Promise<void> {
    validateObjectName(name);
    const data = await readBody(body);
    this.objects.set(name, { data, lastModified: new Date() });
  }

  async delete(name: string): Promise<void> {
    validateObjectName(name);
    this.objects.delete(name);
  }

  async exists(name: string): Promise<boolean> {
    validateObjectName(name);
    return this.objects.has(name);
  }

  async *iter(dir: string, options: IterOptions = {}): AsyncIterable<string> {
    const prefix = dirPrefix(dir);
    const names = new Set<string>();
    for (const key of this.objects.keys()) {
      if (!key.startsWith(prefix)) continue;
      const slash = key.indexOf('/', prefix.length);
      names.add(options.recursive || slash < 0 ? key : key.slice(0, slash + 1));
    }
    yield* [...names].sort();
  }

  async attributes(name: string): Promise<ObjectAttributes> {
    const { data, lastModified } = this.lookup(name);
    return { size: data.length, lastModified };
  }

  isObjNotFoundErr(err: unknown): boolean {
    return isObjNotFoundErr(err);
  }

  async close(): Promise<void> {}

  private lookup(name: string): StoredObject {
    validateObjectName(name);
    const obj = this.objects.get(name);
    if (!obj) throw new ObjectNotFoundError(name);
    return obj;
  }
}
