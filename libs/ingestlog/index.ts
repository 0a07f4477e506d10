export type {
  IngestLogRecord,
  ProduceResult,
  Producer,
  ConsumedRecord,
  StartOffset,
  RecordsHandler,
  Consumer,
  ConsumerOptions,
  PartitionOffsets,
  IngestLog,
  IngestLogLogger,
} from './types.js';
export type {
  EmbeddedIngestLogConfig,
  ResolvedEmbeddedIngestLogConfig,
  IngestLogDeps,
} from './embedded-log.js';
export {
  EmbeddedIngestLog,
  EMBEDDED_INGEST_LOG_DEFAULTS,
  resolveEmbeddedIngestLogConfig,
  noopLogger,
} from './embedded-log.js';
export type { PartitionStats } from './partition-log.js';
export type { KafkaIngestLogConfig, ResolvedKafkaIngestLogConfig } from './kafka-config.js';
export { KAFKA_INGEST_LOG_DEFAULTS, resolveKafkaIngestLogConfig } from './kafka-config.js';
export { KafkaIngestLog } from './kafka-log.js';
export type { KafkaSendStats } from './kafka-producer.js';
export { IngestLogMetrics } from './metrics.js';
export { IngestLogConfigError } from './errors.js';
