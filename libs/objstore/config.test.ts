import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  BUCKET_FLAGS,
  type BucketConfig,
  BucketConfigError,
  bucketConfigFromFlags,
  defaultBucketConfig,
  newBucket,
  validateBucketConfig,
} from './config.js';
import { FilesystemBucket } from './filesystem-bucket.js';
import { InstrumentedBucket } from './instrumented-bucket.js';
import { S3Bucket } from './s3-bucket.js';

const logger = pino({ level: 'silent' });

function s3Config(over: Partial<BucketConfig['s3']> = {}): BucketConfig {
  const c = defaultBucketConfig();
  c.backend = 's3';
  c.s3 = { ...c.s3, endpoint: '127.0.0.1:9000', bucketName: 'blocks', insecure: true, ...over };
  return c;
}

describe('validateBucketConfig', () => {
  it('accepts the defaults', () => {
    expect(() => validateBucketConfig(defaultBucketConfig())).not.toThrow();
  });

  const bad: { name: string; config: () => BucketConfig; flag: string }[] = [
    {
      name: 'unknown backend',
      config: () => ({ ...defaultBucketConfig(), backend: 'gcs' as 's3' }),
      flag: 'blocks-storage.backend',
    },
    {
      name: 'empty filesystem dir',
      config: () => ({ ...defaultBucketConfig(), filesystem: { dir: '' } }),
      flag: 'blocks-storage.filesystem.dir',
    },
    {
      name: 'no bucket name',
      config: () => s3Config({ bucketName: '' }),
      flag: 'blocks-storage.s3.bucket-name',
    },
    { name: 'empty region', config: () => s3Config({ region: '' }), flag: 'blocks-storage.s3.region' },
    {
      name: 'secret without key id',
      config: () => s3Config({ secretAccessKey: 's' }),
      flag: 'blocks-storage.s3.access-key-id',
    },
    {
      name: 'key id without secret',
      config: () => s3Config({ accessKeyId: 'k' }),
      flag: 'blocks-storage.s3.secret-access-key',
    },
    {
      name: 'bad lookup type',
      config: () => s3Config({ bucketLookupType: 'dns' as 'auto' }),
      flag: 'blocks-storage.s3.bucket-lookup-type',
    },
    {
      name: 'bad endpoint',
      config: () => s3Config({ endpoint: 'a b:c' }),
      flag: 'blocks-storage.s3.endpoint',
    },
  ];
  for (const c of bad) {
    it(`names the flag: ${c.name}`, () => {
      let err: unknown;
      try {
        validateBucketConfig(c.config());
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BucketConfigError);
      expect((err as BucketConfigError).flag).toBe(c.flag);
      expect((err as Error).message).toContain(`--${c.flag}`);
    });
  }
});

describe('BUCKET_FLAGS', () => {
  it('describes every flag with its default', () => {
    const byFlag = new Map(BUCKET_FLAGS.map((f) => [f.flag, f]));
    expect(byFlag.get('blocks-storage.backend')?.default).toBe('filesystem');
    expect(byFlag.get('blocks-storage.s3.insecure')).toMatchObject({ type: 'bool', default: false });
    for (const f of BUCKET_FLAGS) {
      expect(f.flag.startsWith('blocks-storage.'), f.flag).toBe(true);
      expect(f.description.length, f.flag).toBeGreaterThan(0);
    }
  });

  it('maps parsed flag values onto the config', () => {
    const config = bucketConfigFromFlags(
      new Map<string, unknown>([
        ['blocks-storage.backend', 's3'],
        ['blocks-storage.s3.bucket-name', 'b'],
        ['blocks-storage.s3.insecure', true],
        ['some-other.flag', 'ignored'],
      ]),
    );
    expect(config.backend).toBe('s3');
    expect(config.s3.bucketName).toBe('b');
    expect(config.s3.insecure).toBe(true);
    expect(config.s3.region).toBe('us-east-1');
  });
});

describe('newBucket', () => {
  it('builds a filesystem bucket on the configured directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'objstore-cfg-'));
    const config = defaultBucketConfig();
    config.filesystem.dir = dir;
    const b = newBucket(config, { logger });
    expect(b).toBeInstanceOf(FilesystemBucket);
    expect(b.name).toBe(`fs:${dir}`);
    await b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds an s3 bucket', async () => {
    const b = newBucket(s3Config(), { logger });
    expect(b).toBeInstanceOf(S3Bucket);
    expect(b.name).toBe('s3:blocks');
    await b.close();
  });

  it('instruments the bucket when given a registry', async () => {
    const b = newBucket(s3Config(), { logger, registry: new Registry() });
    expect(b).toBeInstanceOf(InstrumentedBucket);
    expect(b.name).toBe('s3:blocks');
    await b.close();
  });

  it('puts every object under the storage prefix', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'objstore-cfg-'));
    const config = { ...defaultBucketConfig(), storagePrefix: 'cluster-1' };
    config.filesystem = { dir };
    const b = newBucket(config, { logger });
    await b.upload('t/obj', new Uint8Array([1]));
    expect(await new FilesystemBucket(dir).exists('cluster-1/t/obj')).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an invalid config', () => {
    expect(() => newBucket(s3Config({ bucketName: '' }), { logger })).toThrow(BucketConfigError);
  });
});
