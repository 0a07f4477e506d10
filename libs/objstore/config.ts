import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bucket } from './bucket.js';
import { FilesystemBucket } from './filesystem-bucket.js';
import { InstrumentedBucket } from './instrumented-bucket.js';
import { PrefixedBucket } from './prefixed-bucket.js';
import { S3Bucket } from './s3-bucket.js';

/** The object storage backends `newBucket` can build. */
export type BucketBackend = 'filesystem' | 's3';

/** How the S3 client addresses the bucket. `auto`: path style when an endpoint is set. */
export type BucketLookupType = 'auto' | 'virtual-hosted' | 'path';

/** Configuration of the blocks bucket, as the `--blocks-storage.*` flags set it. */
export interface BucketConfig {
  /** @default 'filesystem' */
  backend: BucketBackend;
  /** Prefix of every object, so several stores share one bucket; `''` for none. @default '' */
  storagePrefix: string;
  filesystem: {
    /** @default './data/blocks' */
    dir: string;
  };
  s3: {
    /** `host:port` (scheme from `insecure`) or a full URL; `''` for AWS. @default '' */
    endpoint: string;
    /** @default '' (required with the s3 backend) */
    bucketName: string;
    /** @default 'us-east-1' */
    region: string;
    /** @default '' (the SDK's credential chain when both keys are empty) */
    accessKeyId: string;
    /** @default '' */
    secretAccessKey: string;
    /** Use http rather than https for an endpoint given without a scheme. @default false */
    insecure: boolean;
    /** @default 'auto' */
    bucketLookupType: BucketLookupType;
  };
}

/** A fresh copy of the defaults. */
export function defaultBucketConfig(): BucketConfig {
  return {
    backend: 'filesystem',
    storagePrefix: '',
    filesystem: { dir: './data/blocks' },
    s3: {
      endpoint: '',
      bucketName: '',
      region: 'us-east-1',
      accessKeyId: '',
      secretAccessKey: '',
      insecure: false,
      bucketLookupType: 'auto',
    },
  };
}

/** One flag of the bucket configuration, for the config library to register. */
export interface BucketFlag {
  /** Flag name without dashes, e.g. `blocks-storage.s3.endpoint`. */
  readonly flag: string;
  /** Dotted path of the value in `BucketConfig`, e.g. `s3.endpoint`. */
  readonly key: string;
  readonly type: 'string' | 'bool';
  readonly description: string;
  readonly default: string | boolean;
}

function flagRow(flag: string, key: string, type: 'string' | 'bool', description: string): BucketFlag {
  return { flag, key, type, description, default: readKey(defaultBucketConfig(), key) };
}

/** Every `--blocks-storage.*` flag: name, config key, type, help text and default. */
export const BUCKET_FLAGS: readonly BucketFlag[] = [
  flagRow('blocks-storage.backend', 'backend', 'string', 'Object storage backend: filesystem or s3.'),
  flagRow(
    'blocks-storage.storage-prefix',
    'storagePrefix',
    'string',
    'Prefix of every object in the bucket (letters, digits, -, _, / between parts); empty for none.',
  ),
  flagRow(
    'blocks-storage.filesystem.dir',
    'filesystem.dir',
    'string',
    'Directory holding the blocks when the backend is filesystem.',
  ),
  flagRow(
    'blocks-storage.s3.endpoint',
    's3.endpoint',
    'string',
    'S3 endpoint, host:port or a URL; empty for AWS.',
  ),
  flagRow('blocks-storage.s3.bucket-name', 's3.bucketName', 'string', 'S3 bucket name.'),
  flagRow('blocks-storage.s3.region', 's3.region', 'string', 'S3 region.'),
  flagRow(
    'blocks-storage.s3.access-key-id',
    's3.accessKeyId',
    'string',
    'S3 access key id; empty to use the default credential chain.',
  ),
  flagRow('blocks-storage.s3.secret-access-key', 's3.secretAccessKey', 'string', 'S3 secret access key.'),
  flagRow(
    'blocks-storage.s3.insecure',
    's3.insecure',
    'bool',
    'Connect to an endpoint given without a scheme over http instead of https.',
  ),
  flagRow(
    'blocks-storage.s3.bucket-lookup-type',
    's3.bucketLookupType',
    'string',
    'S3 addressing: auto (path style when an endpoint is set), virtual-hosted or path.',
  ),
];

function readKey(config: BucketConfig, key: string): string | boolean {
  let v: unknown = config;
  for (const part of key.split('.')) v = (v as Record<string, unknown>)[part];
  return v as string | boolean;
}

/**
 * Builds a `BucketConfig` from parsed flag values keyed by flag name (as the config library's
 * `FlagSet.parse` returns them); flags that are absent keep their defaults.
 */
export function bucketConfigFromFlags(values: ReadonlyMap<string, unknown>): BucketConfig {
  const config = defaultBucketConfig();
  for (const f of BUCKET_FLAGS) {
    const v = values.get(f.flag);
    if (v === undefined) continue;
    const parts = f.key.split('.');
    let target = config as unknown as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
    target[parts[parts.length - 1]!] = f.type === 'bool' ? Boolean(v) : String(v);
  }
  return config;
}

/** Thrown by `validateBucketConfig`; the message names the flag to change. */
export class BucketConfigError extends Error {
  /** The flag, without dashes, that holds the bad value. */
  readonly flag: string;

  constructor(flag: string, message: string) {
    super(`invalid --${flag}: ${message}`);
    this.name = 'BucketConfigError';
    this.flag = flag;
  }
}

/** @throws BucketConfigError naming the flag of the first invalid value. */
export function validateBucketConfig(config: BucketConfig): void {
  if (config.backend !== 'filesystem' && config.backend !== 's3') {
    throw new BucketConfigError(
      'blocks-storage.backend',
      `unknown backend ${JSON.stringify(config.backend)}, want filesystem or s3`,
    );
  }
  if (config.storagePrefix !== '' && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(config.storagePrefix)) {
    throw new BucketConfigError(
      'blocks-storage.storage-prefix',
      `${JSON.stringify(config.storagePrefix)} must be parts of letters, digits, - and _ joined by /`,
    );
  }
  if (config.backend === 'filesystem' && config.filesystem.dir === '') {
    throw new BucketConfigError('blocks-storage.filesystem.dir', 'must not be empty');
  }
  if (config.backend !== 's3') return;
  const s3 = config.s3;
  if (s3.bucketName === '')
    throw new BucketConfigError('blocks-storage.s3.bucket-name', 'must be set for the s3 backend');
  if (s3.region === '') throw new BucketConfigError('blocks-storage.s3.region', 'must not be empty');
  if ((s3.accessKeyId === '') !== (s3.secretAccessKey === '')) {
    const missing = s3.accessKeyId === '' ? 'access-key-id' : 'secret-access-key';
    throw new BucketConfigError(`blocks-storage.s3.${missing}`, 'must be set when the other S3 key is');
  }
  if (!['auto', 'virtual-hosted', 'path'].includes(s3.bucketLookupType)) {
    throw new BucketConfigError(
      'blocks-storage.s3.bucket-lookup-type',
      `unknown type ${JSON.stringify(s3.bucketLookupType)}`,
    );
  }
  if (s3.endpoint !== '') {
    try {
      new URL(endpointUrl(s3.endpoint, s3.insecure));
    } catch {
      throw new BucketConfigError(
        'blocks-storage.s3.endpoint',
        `not a host:port or URL: ${JSON.stringify(s3.endpoint)}`,
      );
    }
  }
}

/** The endpoint as a URL: `host:port` gets `http://` when insecure, `https://` otherwise. */
function endpointUrl(endpoint: string, insecure: boolean): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)) return endpoint;
  return `${insecure ? 'http' : 'https'}://${endpoint}`;
}

/**
 * Builds the bucket the config describes, instrumented on `registry` when one is given.
 * Validates first.
 * @throws BucketConfigError for an invalid config.
 */
export function newBucket(config: BucketConfig, deps: { logger: Logger; registry?: Registry }): Bucket {
  const raw = newRawBucket(config, deps.logger);
  const bucket = deps.registry === undefined ? raw : new InstrumentedBucket(raw, deps.registry);
  return config.storagePrefix === '' ? bucket : new PrefixedBucket(bucket, config.storagePrefix);
}

function newRawBucket(config: BucketConfig, parentLogger: Logger): Bucket {
  validateBucketConfig(config);
  const logger = parentLogger.child({ component: 'objstore' });
  if (config.backend === 'filesystem') {
    const bucket = new FilesystemBucket(config.filesystem.dir);
    logger.info({ bucket: bucket.name }, 'bucket configured');
    return bucket;
  }
  const s3 = config.s3;
  const endpoint = s3.endpoint === '' ? '' : endpointUrl(s3.endpoint, s3.insecure);
  const bucket = new S3Bucket({
    bucket: s3.bucketName,
    endpoint,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: s3.bucketLookupType === 'path' || (s3.bucketLookupType === 'auto' && endpoint !== ''),
  });
  logger.info({ bucket: bucket.name, endpoint }, 'bucket configured');
  return bucket;
}
