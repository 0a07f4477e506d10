import {
  CreateBucketCommand,
  DeleteBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bucketContract, sameBytes } from './bucket-contract.js';
import { depsEnv } from '../testsupport/index.js';
import { S3Bucket, type S3BucketOptions } from './s3-bucket.js';

// Runs against the MinIO that `npm run deps:up` starts; without .deps/env every test here fails
// with a message saying so (CI runs deps:up first, so a missing MinIO is a real failure).

function minioOptions(bucket: string): S3BucketOptions {
  return {
    bucket,
    endpoint: depsEnv('S3_ENDPOINT'),
    region: 'us-east-1',
    accessKeyId: depsEnv('S3_ACCESS_KEY_ID'),
    secretAccessKey: depsEnv('S3_SECRET_ACCESS_KEY'),
    forcePathStyle: true,
  };
}

function adminClient(): S3Client {
  const o = minioOptions('');
  return new S3Client({
    endpoint: o.endpoint,
    region: o.region,
    forcePathStyle: true,
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
  });
}

/** A fresh bucket per test, so tests do not see each other's objects. */
async function freshBucket(partSize?: number) {
  const name = `test-${randomBytes(6).toString('hex')}`;
  const admin = adminClient();
  await admin.send(new CreateBucketCommand({ Bucket: name }));
  const bucket = new S3Bucket({ ...minioOptions(name), ...(partSize ? { partSize } : {}) });
  const cleanup = async () => {
    for await (const n of bucket.iter('', { recursive: true })) await bucket.delete(n);
    await admin.send(new DeleteBucketCommand({ Bucket: name }));
    await bucket.close();
    admin.destroy();
  };
  return { bucket, cleanup, name };
}

bucketContract('s3 (MinIO)', () => freshBucket());

describe('S3Bucket', () => {
  it('uploads a stream larger than a part as a multipart upload', async () => {
    const { bucket, cleanup, name } = await freshBucket(5 * 1024 * 1024);
    try {
      const size = 11 * 1024 * 1024 + 3; // Three parts of 5 MiB, 5 MiB and 1 MiB + 3.
      const data = new Uint8Array(size).map((_, i) => (i * 31) % 256);
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < size; at += 700_001) pieces.push(data.subarray(at, at + 700_001));
      await bucket.upload('multi/obj', Readable.from(pieces));
      expect((await bucket.attributes('multi/obj')).size).toBe(size);
      // S3 gives a multipart object the ETag "<md5 of part md5s>-<number of parts>".
      const admin = adminClient();
      const head = await admin.send(new HeadObjectCommand({ Bucket: name, Key: 'multi/obj' }));
      admin.destroy();
      expect(head.ETag).toMatch(/-3"$/);
      expect(sameBytes(await bucket.get('multi/obj'), data)).toBe(true);
      expect(await bucket.getRange('multi/obj', 5 * 1024 * 1024 - 2, 4)).toEqual(
        data.slice(5 * 1024 * 1024 - 2, 5 * 1024 * 1024 + 2),
      );
    } finally {
      await cleanup();
    }
  });

  it('aborts the multipart upload when the stream fails after the first parts', async () => {
    const { bucket, cleanup, name } = await freshBucket(5 * 1024 * 1024);
    try {
      const part = new Uint8Array(1024 * 1024).fill(7);
      let sent = 0;
      const failing = new Readable({
        read() {
          // 11 MiB of data (two whole parts on their way), then an error.
          if (sent++ < 11) this.push(part);
          else this.destroy(new Error('source broke'));
        },
      });
      await expect(bucket.upload('multi/broken', failing)).rejects.toThrow(/s3 upload multi\/broken/);
      expect(await bucket.exists('multi/broken')).toBe(false);
      const admin = adminClient();
      const uploads = await admin.send(new ListMultipartUploadsCommand({ Bucket: name }));
      admin.destroy();
      expect(uploads.Uploads ?? []).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it('reports an unreachable endpoint as unavailable, not as not found', async () => {
    const b = new S3Bucket({ ...minioOptions('nope'), endpoint: 'http://127.0.0.1:1' });
    const err = await b.get('x').catch((e: unknown) => e);
    expect(b.isObjNotFoundErr(err)).toBe(false);
    expect((err as { category?: string }).category).toBe('unavailable');
    await b.close();
  });

  it('fails with a missing bucket instead of reporting objects missing', async () => {
    const b = new S3Bucket(minioOptions(`missing-${randomBytes(4).toString('hex')}`));
    await expect(b.upload('x', new Uint8Array([1]))).rejects.toThrow(/s3 upload x/);
    await b.close();
  });
});
