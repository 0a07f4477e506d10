import { IngestLogConfigError } from './errors.js';

/** Configuration of the Kafka ingest log. Only `brokers` is required. */
export interface KafkaIngestLogConfig {
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  /** Topic holding the partitions. @default 'epimetheus-ingest' */
  topic?: string;
  /** Partitions the topic is created with if missing; an existing topic must have at least these. @default 1 */
  partitions?: number;
  /** Replication factor the topic is created with; -1 takes the broker default. @default -1 */
  replicationFactor?: number;
  /** Client id shown in broker logs and metrics. @default 'epimetheus' */
  clientId?: string;
  /** Consumer group of partition p when none is given: `<prefix><p>`. @default 'epimetheus-ingester-' */
  consumerGroupPrefix?: string;
  /**
   * Idempotent producer (no duplicates from the producer's own retries). kafkajs then allows one
   * request in flight per broker, which this library offsets by batching concurrent `produce`
   * calls into one request. @default true
   */
  idempotent?: boolean;
  /** Upper bound on one `produce` call; past it the call rejects with `unavailable`. @default 10000 */
  produceTimeoutMs?: number;
  /** kafkajs request timeout (also the broker-side acks timeout). @default 5000 */
  requestTimeoutMs?: number;
  /** kafkajs connection timeout. @default 3000 */
  connectionTimeoutMs?: number;
  /** kafkajs retries of a failed request. @default 5 */
  retries?: number;
  /** kafkajs first retry delay. @default 100 */
  initialRetryTimeMs?: number;
  /** kafkajs largest retry delay. @default 2000 */
  maxRetryTimeMs?: number;
  /** How long `open` keeps trying to reach the brokers, create the topic and see its leaders. @default 60000 */
  startupTimeoutMs?: number;
  /**
   * Largest sum of record bytes sent as one batch to one partition; must not exceed the broker's
   * `message.max.bytes`. A single `produce` call above it rejects with `bad_data`. @default 1000000
   */
  maxBatchBytes?: number;
  /** Consumer session timeout. @default 10000 */
  sessionTimeoutMs?: number;
  /** Longest a consumer fetch waits on the broker for new records (a long poll). @default 500 */
  maxWaitTimeMs?: number;
}

/** `KafkaIngestLogConfig` with every default filled in and validated. */
export type ResolvedKafkaIngestLogConfig = Required<KafkaIngestLogConfig>;

/** Defaults of `KafkaIngestLogConfig`. */
export const KAFKA_INGEST_LOG_DEFAULTS = {
  topic: 'epimetheus-ingest',
  partitions: 1,
  replicationFactor: -1,
  clientId: 'epimetheus',
  consumerGroupPrefix: 'epimetheus-ingester-',
  idempotent: true,
  produceTimeoutMs: 10_000,
  requestTimeoutMs: 5_000,
  connectionTimeoutMs: 3_000,
  retries: 5,
  initialRetryTimeMs: 100,
  maxRetryTimeMs: 2_000,
  startupTimeoutMs: 60_000,
  maxBatchBytes: 1_000_000,
  sessionTimeoutMs: 10_000,
  maxWaitTimeMs: 500,
} as const;

/** Fills defaults and validates; throws `IngestLogConfigError` (`bad_data`) naming the field. */
export function resolveKafkaIngestLogConfig(config: KafkaIngestLogConfig): ResolvedKafkaIngestLogConfig {
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  const r = { ...KAFKA_INGEST_LOG_DEFAULTS, ...defined } as ResolvedKafkaIngestLogConfig;
  if (
    !Array.isArray(r.brokers) ||
    r.brokers.length === 0 ||
    r.brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))
  ) {
    throw new IngestLogConfigError(
      'brokers',
      `must be a non-empty list of host:port, got ${JSON.stringify(r.brokers)}`,
    );
  }
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(r.topic))
    throw new IngestLogConfigError('topic', `is not a valid topic name: ${JSON.stringify(r.topic)}`);
  if (r.replicationFactor !== -1 && !(Number.isInteger(r.replicationFactor) && r.replicationFactor >= 1)) {
    throw new IngestLogConfigError(
      'replicationFactor',
      `must be -1 or a positive integer, got ${r.replicationFactor}`,
    );
  }
  const positive: (keyof ResolvedKafkaIngestLogConfig)[] = [
    'partitions',
    'produceTimeoutMs',
    'requestTimeoutMs',
    'connectionTimeoutMs',
    'initialRetryTimeMs',
    'maxRetryTimeMs',
    'startupTimeoutMs',
    'maxBatchBytes',
    'sessionTimeoutMs',
    'maxWaitTimeMs',
  ];
  for (const k of positive) {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
      throw new IngestLogConfigError(k, `must be a positive integer, got ${String(v)}`);
  }
  if (!Number.isSafeInteger(r.retries) || r.retries < 0)
    throw new IngestLogConfigError('retries', `must be >= 0, got ${r.retries}`);
  if (r.idempotent && r.retries < 1)
    throw new IngestLogConfigError('retries', 'must be >= 1 for an idempotent producer (kafkajs refuses 0)');
  return r;
}
