export type { Bucket, IterOptions, ObjectAttributes, UploadBody } from './bucket.js';
export { ObjectNotFoundError, InvalidObjectNameError, isObjNotFoundErr } from './bucket.js';
export { MemoryBucket } from './memory-bucket.js';
export { FilesystemBucket } from './filesystem-bucket.js';
export type { S3BucketOptions } from './s3-bucket.js';
export { S3Bucket } from './s3-bucket.js';
export { InstrumentedBucket } from './instrumented-bucket.js';
export { PrefixedBucket } from './prefixed-bucket.js';
export type { BucketBackend, BucketConfig, BucketFlag, BucketLookupType } from './config.js';
export {
  BUCKET_FLAGS,
  BucketConfigError,
  bucketConfigFromFlags,
  defaultBucketConfig,
  newBucket,
  validateBucketConfig,
} from './config.js';
