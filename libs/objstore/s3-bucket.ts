import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { EpimetheusError } from '../errors/index.js';
import {
  type Bucket,
  type IterOptions,
  type ObjectAttributes,
  type UploadBody,
  ObjectNotFoundError,
  concat,
  dirPrefix,
  isObjNotFoundErr,
  validateObjectName,
  validateRange,
} from './bucket.js';

/** Options of an `S3Bucket`, already resolved (see `newBucket` for the flag-driven path). */
export interface S3BucketOptions {
  /** Bucket name. */
  readonly bucket: string;
  /** Endpoint URL with scheme (`http://127.0.0.1:9000`), or `''` for AWS's default endpoint. */
  readonly endpoint: string;
  /** Region; MinIO accepts any. */
  readonly region: string;
  /** Static credentials; both empty means the SDK's default credential chain. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Address the bucket as `endpoint/bucket/key` rather than `bucket.endpoint/key`. */
  readonly forcePathStyle: boolean;
  /**
   * Part size for streamed uploads; a stream shorter than this is sent in one PutObject.
   * S3 requires at least 5 MiB.
   * @default 16 MiB
   */
  readonly partSize?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_PART_SIZE = 16 * 1024 * 1024;

interface AwsError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(err: unknown): number | undefined {
  return (err as AwsError | null)?.$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = (err as AwsError | null)?.name;
  // A missing bucket is also a 404, but it is a configuration error, not a missing object.
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404;
}

function isInvalidRange(err: unknown): boolean {
  return (err as AwsError | null)?.name === 'InvalidRange' || statusOf(err) === 416;
}

/**
 * A `Bucket` on S3 or an S3-compatible store (MinIO), through @aws-sdk/client-s3. Listing uses
 * ListObjectsV2 with the `/` delimiter, so directories are the common prefixes. Streams are
 * uploaded in parts of `partSize` bytes with a multipart upload, which is aborted on failure.
 */
export class S3Bucket implements Bucket {
  readonly name: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(options: S3BucketOptions) {
    this.bucket = options.bucket;
    this.name = `s3:${options.bucket}`;
    this.partSize = Math.max(MIN_PART_SIZE, options.partSize ?? DEFAULT_PART_SIZE);
    const hasKeys = options.accessKeyId !== '' || options.secretAccessKey !== '';
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them: S3-compatible stores differ in what they accept.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint === '' ? {} : { endpoint: options.endpoint }),
      ...(hasKeys
        ? {
            credentials: {
              accessKeyId: options.accessKeyId,
              secretAccessKey: options.secretAccessKey,
            },
          }
        : {}),
    });
  }

  async get(name: string): Promise<Uint8Array> {
    return this.getRange(name, 0, -1);
  }

  async getRange(name: string, offset: number, length: number): Promise<Uint8Array> {
    validateObjectName(name);
    validateRange(offset, length);
    if (length === 0) {
      await this.attributes(name); // An empty range still fails for a missing object.
      return new Uint8Array(0);
    }
    const range =
      offset === 0 && length === -1
        ? undefined
        : `bytes=${offset}-${length === -1 ? '' : offset + length - 1}`;
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: name, Range: range }),
      );
      if (!out.Body) return new Uint8Array(0);
      return await out.Body.transformToByteArray();
    } catch (err) {
      // S3 answers 416 for an offset at or past the end of an existing object.
      if (isInvalidRange(err)) return new Uint8Array(0);
      throw this.wrap(err, 'get', name);
    }
  }

  async upload(name: string, body: UploadBody): Promise<void> {
    validateObjectName(name);
    try {
      if (body instanceof Uint8Array) {
        await this.putObject(name, body);
        return;
      }
      await this.uploadStream(name, body);
    } catch (err) {
      throw this.wrap(err, 'upload', name);
    }
  }

  async delete(name: string): Promise<void> {
    validateObjectName(name);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: name }));
    } catch (err) {
      if (isNotFound(err)) return;
      throw this.wrap(err, 'delete', name);
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.attributes(name);
      return true;
    } catch (err) {
      if (isObjNotFoundErr(err)) return false;
      throw err;
    }
  }

  async *iter(dir: string, options: IterOptions = {}): AsyncIterable<string> {
    const prefix = dirPrefix(dir);
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            Delimiter: options.recursive ? undefined : '/',
            ContinuationToken: token,
          }),
        );
      } catch (err) {
        throw this.wrap(err, 'list', prefix);
      }
      const names: string[] = [];
      for (const o of page.Contents ?? []) {
        // A key equal to the prefix is a "directory marker" some tools create, not an object.
        if (o.Key !== undefined && o.Key !== prefix) names.push(o.Key);
      }
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix !== undefined) names.push(p.Prefix);
      yield* names.sort();
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async attributes(name: string): Promise<ObjectAttributes> {
    validateObjectName(name);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: name }));
      return { size: out.ContentLength ?? 0, lastModified: out.LastModified ?? new Date(0) };
    } catch (err) {
      throw this.wrap(err, 'stat', name);
    }
  }

  isObjNotFoundErr(err: unknown): boolean {
    return isObjNotFoundErr(err);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async putObject(name: string, data: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: name,
        Body: data,
        ContentLength: data.length,
      }),
    );
  }

  /** One PutObject when the stream fits in a part, a multipart upload otherwise. */
  private async uploadStream(name: string, body: Readable): Promise<void> {
    const parts = readParts(body, this.partSize)[Symbol.asyncIterator]();
    const first = await parts.next();
    if (first.done) return this.putObject(name, new Uint8Array(0));
    const second = await parts.next();
    if (second.done) return this.putObject(name, first.value);

    const created = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: name }),
    );
    const uploadId = created.UploadId;
    if (uploadId === undefined) throw new Error('CreateMultipartUpload returned no upload id');
    try {
      const done: { ETag: string | undefined; PartNumber: number }[] = [];
      const send = async (data: Uint8Array): Promise<void> => {
        const PartNumber = done.length + 1;
        const out = await this.client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: name,
            UploadId: uploadId,
            PartNumber,
            Body: data,
            ContentLength: data.length,
          }),
        );
        done.push({ ETag: out.ETag, PartNumber });
      };
      await send(first.value);
      await send(second.value);
      for (let p = await parts.next(); !p.done; p = await parts.next()) await send(p.value);
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: name,
          UploadId: uploadId,
          MultipartUpload: { Parts: done },
        }),
      );
    } catch (err) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: name, UploadId: uploadId }))
        .catch(() => {}); // The original error is the one worth reporting.
      throw err;
    }
  }

  private wrap(err: unknown, op: string, name: string): Error {
    if (isNotFound(err)) return new ObjectNotFoundError(name, { cause: err });
    const status = statusOf(err);
    // No status means the request never got an answer (network); 5xx is the store's trouble.
    const category = status === undefined || status >= 500 ? 'unavailable' : 'internal';
    return new EpimetheusError(category, `s3 ${op} ${name} in ${this.bucket}`, { cause: err });
  }
}

/** Splits a stream into arrays of exactly `size` bytes, the last one shorter (never empty). */
async function* readParts(body: Readable, size: number): AsyncIterable<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let have = 0;
  for await (const raw of body) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Uint8Array);
    while (have + chunk.length >= size) {
      const take = size - have;
      chunks.push(chunk.subarray(0, take));
      yield concat(chunks, size);
      chunks = [];
      have = 0;
      chunk = chunk.subarray(take);
    }
    if (chunk.length > 0) {
      chunks.push(chunk);
      have += chunk.length;
    }
  }
  if (have > 0) yield concat(chunks, have);
}
