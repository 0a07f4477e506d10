import type { Readable } from 'node:stream';

/** Size and modification time of one object. */
export interface ObjectAttributes {
  /** Size in bytes. */
  readonly size: number;
  /** When the object was last written. */
  readonly lastModified: Date;
}

/** Options for `Bucket.iter`. */
export interface IterOptions {
  /**
   * List every object below the directory instead of its direct entries only.
   * @default false
   */
  readonly recursive?: boolean;
}

/** The body of an upload: bytes, or a stream read to its end. */
export type UploadBody = Uint8Array | Readable;

/**
 * An object store holding immutable objects under `/`-separated names, with the semantics of
 * Thanos `objstore.Bucket`. Implementations: `MemoryBucket`, `FilesystemBucket`, `S3Bucket`;
 * every one passes the same contract suite.
 *
 * Names: non-empty, no leading `/`, no `.` or `..` segments, no empty segments. A name that breaks
 * these rules is rejected with an `InvalidObjectNameError` (never an "object not found").
 *
 * Concurrency: every method may be called concurrently. An upload becomes visible whole or not at
 * all; readers never see a partial object. Buffers returned belong to the caller.
 */
export interface Bucket {
  /** A human-readable name for logs, e.g. `fs:/data/blocks` or `s3:my-bucket`. */
  readonly name: string;

  /**
   * The whole object.
   * @throws ObjectNotFoundError when it does not exist (see `isObjNotFoundErr`).
   */
  get(name: string): Promise<Uint8Array>;

  /**
   * `length` bytes starting at `offset`; `length` -1 reads to the end. A range past the end is
   * cut short: an offset at or past the end gives an empty array.
   * @throws ObjectNotFoundError when the object does not exist.
   * @throws RangeError for a negative offset or a length below -1.
   */
  getRange(name: string, offset: number, length: number): Promise<Uint8Array>;

  /**
   * Writes the object, replacing any object of that name. Resolves once the object is durable
   * and visible to `get` and `iter`. A stream is consumed to its end; an error in the stream
   * rejects the upload and leaves any previous object in place.
   */
  upload(name: string, body: UploadBody): Promise<void>;

  /** Removes the object. Removing an object that does not exist succeeds. */
  delete(name: string): Promise<void>;

  /** Whether the object exists (a "directory" prefix is not an object). */
  exists(name: string): Promise<boolean>;

  /**
   * Names under the directory `dir` (`''` for the root; a trailing `/` is optional), in ascending
   * order, each the full object name. Without `recursive` it yields the objects directly in
   * `dir` and each non-empty sub-directory once, as its name with a trailing `/`; with
   * `recursive` it yields every object below `dir` and no directories. A directory that does not
   * exist yields nothing.
   */
  iter(dir: string, options?: IterOptions): AsyncIterable<string>;

  /**
   * Size and modification time of the object.
   * @throws ObjectNotFoundError when it does not exist.
   */
  attributes(name: string): Promise<ObjectAttributes>;

  /** Whether `err` means the object did not exist (from `get`, `getRange` or `attributes`). */
  isObjNotFoundErr(err: unknown): boolean;

  /** Releases clients and connections. The bucket must not be used afterwards. */
  close(): Promise<void>;
}

/** Thrown by `get`, `getRange` and `attributes` for a missing object. */
export class ObjectNotFoundError extends Error {
  /** The object that was asked for. */
  readonly objectName: string;

  constructor(objectName: string, options?: { cause?: unknown }) {
    super(`object not found: ${objectName}`, options);
    this.name = 'ObjectNotFoundError';
    this.objectName = objectName;
  }
}

/** Thrown for an object name that breaks the naming rules of `Bucket`. */
export class InvalidObjectNameError extends Error {
  constructor(objectName: string, why: string) {
    super(`invalid object name ${JSON.stringify(objectName)}: ${why}`);
    this.name = 'InvalidObjectNameError';
  }
}

/** Whether `err` is (or wraps, through `cause`) an `ObjectNotFoundError`. */
export function isObjNotFoundErr(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof ObjectNotFoundError) return true;
  }
  return false;
}

/** @throws InvalidObjectNameError when `name` breaks the naming rules of `Bucket`. */
export function validateObjectName(name: string): void {
  if (name === '') throw new InvalidObjectNameError(name, 'empty');
  if (name.startsWith('/')) throw new InvalidObjectNameError(name, 'starts with /');
  if (name.endsWith('/')) throw new InvalidObjectNameError(name, 'ends with /');
  for (const seg of name.split('/')) {
    if (seg === '') throw new InvalidObjectNameError(name, 'empty path segment');
    if (seg === '.' || seg === '..') throw new InvalidObjectNameError(name, `segment ${seg}`);
  }
  if (name.includes('\0')) throw new InvalidObjectNameError(name, 'contains NUL');
}

/** `dir` as a listing prefix: `''` or a name ending in `/`. */
export function dirPrefix(dir: string): string {
  if (dir === '' || dir === '/') return '';
  const trimmed = dir.startsWith('/') ? dir.slice(1) : dir;
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** @throws RangeError for a negative offset or a length below -1. */
export function validateRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`invalid range offset ${offset}`);
  }
  if (!Number.isSafeInteger(length) || length < -1) {
    throw new RangeError(`invalid range length ${length}`);
  }
}

/** Reads a stream or copies bytes into one new array. */
export async function readBody(body: UploadBody): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return new Uint8Array(body);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    chunks.push(bytes);
    total += bytes.length;
  }
  return concat(chunks, total);
}

/** Concatenates `chunks` (of total length `total`) into one new array. */
export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
