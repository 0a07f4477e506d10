/**
 * Command-line flags of the ingest log (`--ingest-storage.*`, YAML `ingest_storage:`), their
 * compilation into a config, and `openIngestLog`, which opens the configured implementation.
 * The flag definitions have the shape of the config library's `FlagDef`, so the app registers
 * them directly; this library does not import the config library.
 */
import { EpimetheusError } from '../errors/index.js';
import type { IngestLogDeps } from './embedded-log.js';
import {
  EMBEDDED_INGEST_LOG_DEFAULTS,
  EmbeddedIngestLog,
  resolveEmbeddedIngestLogConfig,
} from './embedded-log.js';
import type { EmbeddedIngestLogConfig } from './embedded-log.js';
import { IngestLogConfigError } from './errors.js';
import { KAFKA_INGEST_LOG_DEFAULTS, resolveKafkaIngestLogConfig } from './kafka-config.js';
import type { KafkaIngestLogConfig } from './kafka-config.js';
import { KafkaIngestLog } from './kafka-log.js';
import type { IngestLog } from './types.js';

/** One flag: the shape of the config library's `FlagDef` (durations in milliseconds). */
export interface IngestLogFlag {
  readonly name: string;
  readonly type: 'string' | 'int' | 'bool' | 'duration' | 'list';
  readonly default: string | number | boolean | string[];
  readonly help: string;
}

/** Which implementation backs the log. */
export type IngestLogBackend = 'embedded' | 'kafka';

/** Both implementations' configs and the choice between them. */
export interface IngestLogConfig {
  backend: IngestLogBackend;
  embedded: EmbeddedIngestLogConfig;
  kafka: KafkaIngestLogConfig;
}

const P = 'ingest-storage';
const K = KAFKA_INGEST_LOG_DEFAULTS;
const E = EMBEDDED_INGEST_LOG_DEFAULTS;

/** Flag name → config field, for the flags that map one to one. */
const EMBEDDED_FIELDS: Record<string, keyof EmbeddedIngestLogConfig> = {
  [`${P}.embedded.dir`]: 'dir',
  [`${P}.embedded.segment-size-bytes`]: 'segmentBytes',
  [`${P}.embedded.max-record-size-bytes`]: 'maxRecordBytes',
};
const KAFKA_FIELDS: Record<string, keyof KafkaIngestLogConfig> = {
  [`${P}.kafka.address`]: 'brokers',
  [`${P}.kafka.topic`]: 'topic',
  [`${P}.kafka.replication-factor`]: 'replicationFactor',
  [`${P}.kafka.client-id`]: 'clientId',
  [`${P}.kafka.consumer-group-prefix`]: 'consumerGroupPrefix',
  [`${P}.kafka.idempotent`]: 'idempotent',
  [`${P}.kafka.write-timeout`]: 'produceTimeoutMs',
  [`${P}.kafka.request-timeout`]: 'requestTimeoutMs',
  [`${P}.kafka.dial-timeout`]: 'connectionTimeoutMs',
  [`${P}.kafka.startup-timeout`]: 'startupTimeoutMs',
  [`${P}.kafka.max-batch-bytes`]: 'maxBatchBytes',
  [`${P}.kafka.session-timeout`]: 'sessionTimeoutMs',
};

/** Every `--ingest-storage.*` flag. */
export const INGEST_LOG_FLAGS: readonly IngestLogFlag[] = [
  {
    name: `${P}.backend`,
    type: 'string',
    default: 'embedded',
    help: 'Ingest log: embedded (one process, local disk) or kafka.',
  },
  {
    name: `${P}.partitions`,
    type: 'int',
    default: E.partitions,
    help: 'Number of ingest log partitions (Kafka: created with this many if the topic is missing).',
  },
  {
    name: `${P}.embedded.dir`,
    type: 'string',
    default: '',
    help: 'Directory of the embedded ingest log; empty for <data.dir>/ingest-log.',
  },
  {
    name: `${P}.embedded.segment-size-bytes`,
    type: 'int',
    default: E.segmentBytes,
    help: 'Size at which the embedded log starts a new segment file.',
  },
  {
    name: `${P}.embedded.max-record-size-bytes`,
    type: 'int',
    default: E.maxRecordBytes,
    help: 'Largest record the embedded log accepts.',
  },
  {
    name: `${P}.kafka.address`,
    type: 'list',
    default: [],
    help: 'Kafka bootstrap brokers, host:port, comma separated.',
  },
  { name: `${P}.kafka.topic`, type: 'string', default: K.topic, help: 'Kafka topic of the ingest log.' },
  {
    name: `${P}.kafka.replication-factor`,
    type: 'int',
    default: K.replicationFactor,
    help: 'Replication factor of a topic created at start-up; -1 for the broker default.',
  },
  { name: `${P}.kafka.client-id`, type: 'string', default: K.clientId, help: 'Kafka client id.' },
  {
    name: `${P}.kafka.consumer-group-prefix`,
    type: 'string',
    default: K.consumerGroupPrefix,
    help: 'Consumer group of partition p is <prefix><p>.',
  },
  {
    name: `${P}.kafka.idempotent`,
    type: 'bool',
    default: K.idempotent,
    help: 'Use an idempotent Kafka producer.',
  },
  {
    name: `${P}.kafka.write-timeout`,
    type: 'duration',
    default: K.produceTimeoutMs,
    help: 'Longest a write waits for Kafka to acknowledge before failing with 503.',
  },
  {
    name: `${P}.kafka.request-timeout`,
    type: 'duration',
    default: K.requestTimeoutMs,
    help: 'Kafka request timeout.',
  },
  {
    name: `${P}.kafka.dial-timeout`,
    type: 'duration',
    default: K.connectionTimeoutMs,
    help: 'Kafka connection timeout.',
  },
  {
    name: `${P}.kafka.startup-timeout`,
    type: 'duration',
    default: K.startupTimeoutMs,
    help: 'How long start-up waits for Kafka, the topic and its leaders.',
  },
  {
    name: `${P}.kafka.max-batch-bytes`,
    type: 'int',
    default: K.maxBatchBytes,
    help: "Largest batch sent to one partition; at most the broker's message.max.bytes.",
  },
  {
    name: `${P}.kafka.session-timeout`,
    type: 'duration',
    default: K.sessionTimeoutMs,
    help: 'Kafka consumer session timeout.',
  },
];

/**
 * Compiles parsed flag values (keyed by flag name, as the config library's `FlagSet.parse`
 * returns them; absent flags keep their defaults) and validates the chosen backend's config.
 * `defaultDir` is used when `--ingest-storage.embedded.dir` is empty.
 * @throws EpimetheusError `bad_data` whose message names the flag to change.
 */
export function ingestLogConfigFromFlags(
  values: ReadonlyMap<string, unknown>,
  defaultDir: string,
): IngestLogConfig {
  const get = (name: string): unknown =>
    values.get(name) ?? INGEST_LOG_FLAGS.find((f) => f.name === name)!.default;
  const backend = String(get(`${P}.backend`));
  if (backend !== 'embedded' && backend !== 'kafka') {
    throw new EpimetheusError('bad_data', `invalid --${P}.backend=${backend}: expected embedded or kafka`);
  }
  const partitions = Number(get(`${P}.partitions`));
  const embedded: Record<string, unknown> = { partitions };
  for (const [flag, field] of Object.entries(EMBEDDED_FIELDS)) embedded[field] = get(flag);
  embedded.dir ||= defaultDir;
  const kafka: Record<string, unknown> = { partitions };
  for (const [flag, field] of Object.entries(KAFKA_FIELDS)) kafka[field] = get(flag);
  const config: IngestLogConfig = {
    backend,
    embedded: embedded as unknown as EmbeddedIngestLogConfig,
    kafka: kafka as unknown as KafkaIngestLogConfig,
  };
  try {
    if (backend === 'embedded') resolveEmbeddedIngestLogConfig(config.embedded);
    else resolveKafkaIngestLogConfig(config.kafka);
  } catch (err) {
    if (!(err instanceof IngestLogConfigError)) throw err;
    const fields = backend === 'embedded' ? EMBEDDED_FIELDS : KAFKA_FIELDS;
    const flag =
      err.field === 'partitions'
        ? `${P}.partitions`
        : Object.keys(fields).find((f) => fields[f] === err.field);
    throw new EpimetheusError('bad_data', `invalid --${flag ?? `${P}.${err.field}`}: ${err.message}`, {
      cause: err,
    });
  }
  return config;
}

/**
 * Opens the configured implementation: `EmbeddedIngestLog.open` or `KafkaIngestLog.open`
 * (which waits for the brokers and the topic). Rejects as those do.
 */
export function openIngestLog(config: IngestLogConfig, deps: IngestLogDeps = {}): Promise<IngestLog> {
  return config.backend === 'kafka'
    ? KafkaIngestLog.open(config.kafka, deps)
    : EmbeddedIngestLog.open(config.embedded, deps);
}
