import { readDepsEnv } from '../../libs/testsupport/index.js';

/** Addresses of the real dependencies that `npm run deps:up` started. */
export interface Deps {
  KAFKA_BROKERS: string;
  REDIS_URL: string;
  S3_ENDPOINT: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_BUCKET: string;
}

/** Reads `.deps/env`. @throws when it is missing: run `npm run deps:up` (npm test does). */
export function readDeps(): Deps {
  return readDepsEnv() as unknown as Deps;
}

/** The bucket flags pointing at the MinIO of `.deps/env`. */
export function s3Flags(d: Deps): string[] {
  return [
    '--blocks-storage.backend=s3',
    `--blocks-storage.s3.endpoint=${d.S3_ENDPOINT}`,
    `--blocks-storage.s3.bucket-name=${d.S3_BUCKET}`,
    `--blocks-storage.s3.access-key-id=${d.S3_ACCESS_KEY_ID}`,
    `--blocks-storage.s3.secret-access-key=${d.S3_SECRET_ACCESS_KEY}`,
    '--blocks-storage.s3.insecure=true',
  ];
}

/**
 * Flags of a test cluster on the real dependencies: multitenancy, a Kafka topic of its own
 * (`epimetheus-<topic>-<run>`), rings in Redis under a prefix of its own, fast heartbeats and
 * ring polls so membership changes show within a second or two.
 */
export function clusterFlags(d: Deps, run: string, kafka: { topic: string; partitions: number }): string[] {
  return [
    '--auth.multitenancy-enabled=true',
    `--kafka.brokers=${d.KAFKA_BROKERS}`,
    `--kafka.topic=epimetheus-${kafka.topic}-${run}`,
    `--kafka.partitions=${kafka.partitions}`,
    '--kv.store=redis',
    `--kv.redis.url=${d.REDIS_URL}`,
    `--kv.redis.key-prefix=test-${run}/`,
    '--kv.redis.poll-interval=200ms',
    '--ingester.ring.heartbeat-period=1s',
    '--store-gateway.ring.heartbeat-period=1s',
  ];
}
