/**
 * The Kafka ingest log: one topic with N partitions, produced with `acks=all` (idempotent by
 * default), consumed one partition per consumer group with manual commits, via kafkajs.
 */
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { Admin, Producer as KafkaJsProducer } from 'kafkajs';
import { EpimetheusError } from '../errors/index.js';
import type { IngestLogDeps } from './embedded-log.js';
import { noopLogger } from './embedded-log.js';
import { badData, checkOffset, checkPartition, unavailable } from './errors.js';
import { resolveKafkaIngestLogConfig } from './kafka-config.js';
import type { KafkaIngestLogConfig, ResolvedKafkaIngestLogConfig } from './kafka-config.js';
import { KafkaConsumer } from './kafka-consumer.js';
import { KafkaBatcher } from './kafka-producer.js';
import type { KafkaSendStats } from './kafka-producer.js';
import { kafkaLogCreator, mapKafkaError } from './kafka-support.js';
import { IngestLogMetrics } from './metrics.js';
import { ProducerHandle } from './producer-handle.js';
import type {
  Consumer,
  ConsumerOptions,
  IngestLog,
  IngestLogLogger,
  IngestLogRecord,
  PartitionOffsets,
  ProduceResult,
  Producer,
} from './types.js';

/**
 * The Kafka `IngestLog`. `KafkaIngestLog.open` checks the brokers and the topic before returning;
 * the constructor does no I/O (producers and consumers connect on first use).
 */
export class KafkaIngestLog implements IngestLog {
  readonly partitions: number;
  readonly config: ResolvedKafkaIngestLogConfig;
  private readonly kafka: Kafka;
  private readonly metrics: IngestLogMetrics;
  private readonly logger: IngestLogLogger;
  private readonly batcher: KafkaBatcher;
  private adminClient: Promise<Admin> | undefined;
  private readonly consumers = new Set<KafkaConsumer>();
  private readonly producers = new Set<ProducerHandle>();
  private closed = false;

  /** Throws `bad_data` on invalid config. */
  constructor(config: KafkaIngestLogConfig, deps: IngestLogDeps = {}) {
    this.config = resolveKafkaIngestLogConfig(config);
    this.partitions = this.config.partitions;
    this.logger = deps.logger ?? noopLogger;
    this.metrics = new IngestLogMetrics(deps.registry);
    const c = this.config;
    this.kafka = new Kafka({
      clientId: c.clientId,
      brokers: c.brokers,
      connectionTimeout: c.connectionTimeoutMs,
      requestTimeout: c.requestTimeoutMs,
      retry: this.retry(),
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(this.logger),
    });
    this.batcher = new KafkaBatcher(() => this.newProducer(), c, this.metrics);
  }

  /**
   * Creates the log and makes sure it can be used: retries until the brokers answer, the topic
   * exists (created with `partitions` partitions if missing) and every partition has a leader.
   * Rejects with `unavailable` after `startupTimeoutMs`, or `bad_data` when the existing topic has
   * fewer partitions than configured.
   */
  static async open(config: KafkaIngestLogConfig, deps: IngestLogDeps = {}): Promise<KafkaIngestLog> {
    const log = new KafkaIngestLog(config, deps);
    try {
      await log.ensureTopic();
    } catch (err) {
      await log.close();
      throw err;
    }
    return log;
  }

  private retry(): { retries: number; initialRetryTime: number; maxRetryTime: number } {
    const c = this.config;
    return { retries: c.retries, initialRetryTime: c.initialRetryTimeMs, maxRetryTime: c.maxRetryTimeMs };
  }

  private newProducer(): KafkaJsProducer {
    const idempotent = this.config.idempotent;
    return this.kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: this.retry(),
    });
  }

  /** See `open`. */
  async ensureTopic(): Promise<void> {
    const { topic, startupTimeoutMs } = this.config;
    const deadline = Date.now() + startupTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.checkTopic();
        return;
      } catch (err) {
        if (err instanceof EpimetheusError && err.category === 'bad_data') throw err;
        if (Date.now() >= deadline)
          throw unavailable(`ingest log topic ${topic} not ready after ${startupTimeoutMs} ms`, err);
        this.logger.warn({ topic, attempt, err }, 'ingest log topic not ready, retrying');
        const backoff = Math.min(100 * 2 ** attempt, 2_000, Math.max(0, deadline - Date.now()));
        await new Promise((resolve) => setTimeout(resolve, backoff));
      }
    }
  }

  private async checkTopic(): Promise<void> {
    const { topic, partitions, replicationFactor, requestTimeoutMs } = this.config;
    const admin = await this.admin();
    if (!(await admin.listTopics()).includes(topic)) {
      const created = await admin.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor }],
        waitForLeaders: true,
        timeout: requestTimeoutMs,
      });
      if (created) this.logger.info({ topic, partitions }, 'created ingest log topic');
    }
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    const parts = md.topics.find((t) => t.name === topic)?.partitions ?? [];
    if (parts.length < partitions) {
      throw badData(
        `ingest log topic ${topic} has ${parts.length} partitions, fewer than the ${partitions} configured`,
      );
    }
    const leaderless = parts.filter((p) => p.leader < 0).map((p) => p.partitionId);
    if (leaderless.length > 0)
      throw unavailable(`ingest log topic ${topic} partitions ${leaderless.join(',')} have no leader`);
  }

  /** The shared admin client, connected on first use (and again after a failed connect). */
  private admin(): Promise<Admin> {
    if (this.closed) return Promise.reject(unavailable('ingest log closed'));
    this.adminClient ??= (async () => {
      const admin = this.kafka.admin({ retry: this.retry() });
      try {
        await admin.connect();
      } catch (err) {
        this.adminClient = undefined;
        throw mapKafkaError(err, 'connect kafka admin');
      }
      return admin;
    })();
    return this.adminClient;
  }

  producer(): Producer {
    const p = new ProducerHandle(
      (partition, records) => this.send(partition, records),
      (x) => this.producers.delete(x),
    );
    this.producers.add(p);
    return p;
  }

  private send(partition: number, records: readonly IngestLogRecord[]): Promise<ProduceResult> {
    if (this.closed) return Promise.reject(unavailable('ingest log closed'));
    try {
      checkPartition(partition, this.partitions);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.batcher.send(partition, records);
  }

  consumer(partition: number, options: ConsumerOptions = {}): Consumer {
    checkPartition(partition, this.partitions);
    if (this.closed) throw unavailable('ingest log closed');
    const groupId = options.groupId ?? `${this.config.consumerGroupPrefix}${partition}`;
    const maxBatchRecords = options.maxBatchRecords ?? 1000;
    if (!Number.isSafeInteger(maxBatchRecords) || maxBatchRecords < 1)
      throw badData(`maxBatchRecords must be a positive integer, got ${maxBatchRecords}`);
    if (groupId === '') throw badData('groupId must not be empty');
    const c = new KafkaConsumer(partition, groupId, maxBatchRecords, {
      kafka: this.kafka,
      admin: () => this.admin(),
      offsets: (p) => this.offsets(p),
      config: this.config,
      metrics: this.metrics,
      logger: this.logger,
      onStopped: (x) => this.consumers.delete(x),
    });
    this.consumers.add(c);
    return c;
  }

  async offsets(partition: number): Promise<PartitionOffsets> {
    checkPartition(partition, this.partitions);
    const admin = await this.admin();
    try {
      const all = await admin.fetchTopicOffsets(this.config.topic);
      const p = all.find((o) => o.partition === partition);
      if (!p) throw new Error(`partition ${partition} missing from topic offsets`);
      return { earliest: Number(p.low), highWatermark: Number(p.high) };
    } catch (err) {
      throw mapKafkaError(err, `fetch offsets of partition ${partition}`);
    }
  }

  async deleteBefore(partition: number, offset: number): Promise<void> {
    checkOffset(offset, 'delete offset');
    const { earliest, highWatermark } = await this.offsets(partition);
    const to = Math.min(offset, highWatermark);
    if (to <= earliest) return;
    try {
      const admin = await this.admin();
      await admin.deleteTopicRecords({
        topic: this.config.topic,
        partitions: [{ partition, offset: String(to) }],
      });
    } catch (err) {
      throw mapKafkaError(err, `delete records of partition ${partition} before ${to}`);
    }
  }

  /** Produce requests and acknowledged calls so far, to observe request batching. */
  sendStats(): Readonly<KafkaSendStats> {
    return { ...this.batcher.stats };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await Promise.all([...this.producers].map((p) => p.close()));
    this.closed = true;
    await this.batcher.close();
    const admin = this.adminClient;
    this.adminClient = undefined;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }
}
