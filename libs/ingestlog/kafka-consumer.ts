/**
 * A consumer of one partition of the Kafka topic, in a consumer group of its own. kafkajs only
 * consumes through group subscriptions, so a custom assigner gives the group's member exactly the
 * one partition; the start offset is resolved here and applied with `seek`; offsets are committed
 * only by `commit` (autoCommit off).
 */
import { AssignerProtocol } from 'kafkajs';
import type { Admin, Consumer as KafkaJsConsumer, EachBatchPayload, Kafka, PartitionAssigner } from 'kafkajs';
import { Completion } from './completion.js';
import { checkOffset, internal, unavailable } from './errors.js';
import type { ResolvedKafkaIngestLogConfig } from './kafka-config.js';
import { mapKafkaError } from './kafka-support.js';
import type { IngestLogMetrics } from './metrics.js';
import type {
  ConsumedRecord,
  Consumer,
  IngestLogLogger,
  PartitionOffsets,
  RecordsHandler,
  StartOffset,
} from './types.js';

/** What a Kafka consumer needs from its log. */
export interface KafkaConsumerDeps {
  kafka: Kafka;
  admin: () => Promise<Admin>;
  offsets: (partition: number) => Promise<PartitionOffsets>;
  config: ResolvedKafkaIngestLogConfig;
  metrics: IngestLogMetrics;
  logger: IngestLogLogger;
  onStopped: (c: KafkaConsumer) => void;
}

/** An assigner that gives `partition` of `topic` to the first member (by id) and nothing to others. */
export function singlePartitionAssigner(topic: string, partition: number): PartitionAssigner {
  return () => ({
    name: 'EpimetheusSinglePartition',
    version: 0,
    async assign({ members }) {
      const ids = members.map((m) => m.memberId).sort();
      return ids.map((memberId, i) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: i === 0 ? { [topic]: [partition] } : {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: 'EpimetheusSinglePartition',
        metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
      };
    },
  });
}

/** See the module comment. */
export class KafkaConsumer implements Consumer {
  private pos = 0;
  private started = false;
  private stopping = false;
  private running = false;
  private consumer: KafkaJsConsumer | undefined;
  private disconnecting: Promise<void> | undefined;
  private readonly completion = new Completion();
  private readonly label: { partition: string };

  constructor(
    readonly partition: number,
    private readonly groupId: string,
    private readonly maxBatchRecords: number,
    private readonly deps: KafkaConsumerDeps,
  ) {
    this.label = { partition: String(partition) };
  }

  async start(from: StartOffset, onRecords: RecordsHandler): Promise<void> {
    if (this.started) throw internal('consumer already started');
    if (this.stopping) throw internal('consumer stopped');
    this.started = true;
    const { config, kafka } = this.deps;
    this.pos = await this.resolveStart(from);
    this.deps.metrics.consumerPosition.set(this.label, this.pos);
    const consumer = kafka.consumer({
      groupId: this.groupId,
      partitionAssigners: [singlePartitionAssigner(config.topic, this.partition)],
      sessionTimeout: config.sessionTimeoutMs,
      heartbeatInterval: Math.max(100, Math.floor(config.sessionTimeoutMs / 5)),
      maxWaitTimeInMs: config.maxWaitTimeMs,
      allowAutoTopicCreation: false,
      retry: {
        retries: config.retries,
        initialRetryTime: config.initialRetryTimeMs,
        maxRetryTime: config.maxRetryTimeMs,
      },
    });
    this.consumer = consumer;
    // After every join (the first, a rebalance, a restart after a crash) kafkajs would resume
    // from the committed offset; seek to our own position instead. Emitted before fetching starts.
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        consumer.seek({ topic: config.topic, partition: this.partition, offset: String(this.pos) });
        resolve();
      }),
    );
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart)
        this.fail(unavailable(`kafka consumer of partition ${this.partition} crashed`, e.payload.error));
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [config.topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(payload, onRecords),
      });
      this.running = true;
      await withTimeout(joined, config.startupTimeoutMs, `join consumer group ${this.groupId}`);
    } catch (err) {
      await this.stop();
      throw mapKafkaError(err, `start consumer of partition ${this.partition}`);
    }
    this.deps.logger.info(
      { partition: this.partition, groupId: this.groupId, from, offset: this.pos },
      'ingest log consumer starting',
    );
  }

  private async resolveStart(from: StartOffset): Promise<number> {
    const { earliest, highWatermark } = await this.deps.offsets(this.partition);
    if (from === 'earliest') return earliest;
    if (from === 'latest') return highWatermark;
    if (from === 'committed')
      return Math.min(Math.max((await this.committedOffset()) ?? earliest, earliest), highWatermark);
    checkOffset(from, 'start offset');
    return Math.min(Math.max(from, earliest), highWatermark);
  }

  private async eachBatch(payload: EachBatchPayload, onRecords: RecordsHandler): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (batch.partition !== this.partition) return;
    this.deps.metrics.highWatermark.set(this.label, Number(batch.highWatermark));
    const records: ConsumedRecord[] = [];
    for (const m of batch.messages) {
      const offset = Number(m.offset);
      if (offset < this.pos) continue;
      const value = m.value ?? Buffer.alloc(0);
      const key = m.key?.length ? m.key.toString('utf8') : undefined;
      records.push(key === undefined ? { offset, value } : { offset, key, value });
    }
    for (let i = 0; i < records.length; i += this.maxBatchRecords) {
      if (this.stopping || this.completion.isDone || !isRunning() || isStale()) return;
      const chunk = records.slice(i, i + this.maxBatchRecords);
      try {
        await onRecords(chunk);
      } catch (err) {
        this.fail(err);
        return;
      }
      const last = chunk[chunk.length - 1]!.offset;
      this.pos = last + 1;
      resolveOffset(String(last));
      this.deps.metrics.consumedRecords.inc(this.label, chunk.length);
      this.deps.metrics.consumerPosition.set(this.label, this.pos);
      await heartbeat();
    }
  }

  /** Ends consumption with `err`: stops fetching and leaves the group in the background. */
  private fail(err: unknown): void {
    if (this.completion.isDone) return;
    this.deps.logger.warn({ partition: this.partition, offset: this.pos, err }, 'ingest log consumer failed');
    this.completion.done(err);
    this.consumer?.pause([{ topic: this.deps.config.topic }]);
    this.disconnect().catch((e: unknown) =>
      this.deps.logger.warn({ partition: this.partition, err: e }, 'kafka consumer disconnect failed'),
    );
  }

  /** Leaves the group and closes connections; later calls share the first one's promise. */
  private disconnect(): Promise<void> {
    this.disconnecting ??= (async () => {
      this.running = false;
      try {
        await this.consumer?.disconnect();
      } finally {
        this.deps.onStopped(this);
      }
    })();
    return this.disconnecting;
  }

  async commit(offset: number): Promise<void> {
    checkOffset(offset, 'commit offset');
    const { topic } = this.deps.config;
    try {
      if (this.running && this.consumer) {
        await this.consumer.commitOffsets([{ topic, partition: this.partition, offset: String(offset) }]);
      } else {
        const admin = await this.deps.admin();
        await admin.setOffsets({
          groupId: this.groupId,
          topic,
          partitions: [{ partition: this.partition, offset: String(offset) }],
        });
      }
    } catch (err) {
      throw mapKafkaError(err, `commit offset ${offset} of partition ${this.partition}`);
    }
    this.deps.metrics.committedOffset.set(this.label, offset);
  }

  async committedOffset(): Promise<number | undefined> {
    try {
      const admin = await this.deps.admin();
      // A new cluster answers "not the coordinator" until its offsets topic exists: retry those.
      const [topic] = await retryRetriable(
        () => admin.fetchOffsets({ groupId: this.groupId, topics: [this.deps.config.topic] }),
        this.deps.config.startupTimeoutMs,
      );
      const entry = topic?.partitions.find((p) => p.partition === this.partition);
      const n = entry ? Number(entry.offset) : -1;
      return n >= 0 ? n : undefined;
    } catch (err) {
      throw mapKafkaError(err, `fetch committed offset of partition ${this.partition}`);
    }
  }

  async highWatermark(): Promise<number> {
    return (await this.deps.offsets(this.partition)).highWatermark;
  }

  position(): number {
    return this.pos;
  }

  async lag(): Promise<number> {
    return Math.max(0, (await this.highWatermark()) - this.pos);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await this.disconnect();
    } finally {
      this.completion.done();
    }
  }

  stopped(): Promise<void> {
    return this.completion.promise;
  }
}

/** Rejects with `unavailable` if `p` has not settled after `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(`${what}: timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Retries `fn` while it fails with an error kafkajs marks retriable, for up to `timeoutMs`. */
async function retryRetriable<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await fn();
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || Date.now() + delay > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
