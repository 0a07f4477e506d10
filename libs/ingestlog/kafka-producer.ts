/**
 * The Kafka side of `produce`: calls waiting while a request is in flight are sent together as
 * one `acks=all` batch (the same group commit as the embedded log), so an idempotent producer,
 * which kafkajs limits to one request in flight, still serves many concurrent callers.
 */
import { performance } from 'node:perf_hooks';
import type { Message, Producer as KafkaJsProducer } from 'kafkajs';
import { badData, unavailable } from './errors.js';
import type { ResolvedKafkaIngestLogConfig } from './kafka-config.js';
import { mapKafkaError } from './kafka-support.js';
import type { IngestLogMetrics } from './metrics.js';
import type { IngestLogRecord, ProduceResult } from './types.js';

interface PendingSend {
  partition: number;
  messages: Message[];
  bytes: number;
  startedMs: number;
  settled: boolean;
  timer: NodeJS.Timeout;
  resolve: (r: ProduceResult) => void;
  reject: (e: unknown) => void;
}

/** Counters for tests: how many requests carried how many calls. */
export interface KafkaSendStats {
  /** `sendBatch` requests made. */
  requests: number;
  /** `produce` calls acknowledged. */
  acknowledged: number;
}

/** Batches `produce` calls of all producers of one log onto one kafkajs producer. */
export class KafkaBatcher {
  private pending: PendingSend[] = [];
  private flushing: Promise<void> | undefined;
  private producer: KafkaJsProducer | undefined;
  private connecting: Promise<void> | undefined;
  readonly stats: KafkaSendStats = { requests: 0, acknowledged: 0 };
  /** Highest end offset acknowledged per partition, for the high-watermark gauge. */
  private readonly ends = new Map<number, number>();

  constructor(
    private readonly createProducer: () => KafkaJsProducer,
    private readonly config: ResolvedKafkaIngestLogConfig,
    private readonly metrics: IngestLogMetrics,
  ) {}

  /** See `Producer.produce`. The partition must have been validated. */
  send(partition: number, records: readonly IngestLogRecord[]): Promise<ProduceResult> {
    if (records.length === 0) return Promise.reject(badData('produce of no records'));
    let bytes = 0;
    const messages: Message[] = records.map((r) => {
      bytes += r.value.byteLength + (r.key?.length ?? 0);
      const value = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      return r.key ? { partition, key: r.key, value } : { partition, value };
    });
    if (bytes > this.config.maxBatchBytes) {
      return Promise.reject(
        badData(`produce of ${bytes} bytes exceeds the batch limit of ${this.config.maxBatchBytes} bytes`),
      );
    }
    return new Promise<ProduceResult>((resolve, reject) => {
      const p: PendingSend = {
        partition,
        messages,
        bytes,
        startedMs: performance.now(),
        settled: false,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.fail(
            p,
            unavailable(
              `produce to partition ${partition} timed out after ${this.config.produceTimeoutMs} ms`,
            ),
          );
        }, this.config.produceTimeoutMs),
      };
      this.pending.push(p);
      this.flushing ??= this.flushLoop();
    });
  }

  /** Resolves when nothing is pending or in flight. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      this.pending = this.pending.filter((p) => !p.settled);
      if (this.pending.length === 0) {
        this.flushing = undefined;
        return;
      }
      let n = 0;
      let bytes = 0;
      while (
        n < this.pending.length &&
        (n === 0 || bytes + this.pending[n]!.bytes <= this.config.maxBatchBytes)
      ) {
        bytes += this.pending[n]!.bytes;
        n++;
      }
      await this.sendGroup(this.pending.splice(0, n));
    }
  }

  private async sendGroup(group: PendingSend[]): Promise<void> {
    try {
      const producer = await this.connected();
      this.stats.requests++;
      const meta = await producer.sendBatch({
        acks: -1,
        timeout: this.config.requestTimeoutMs,
        topicMessages: [{ topic: this.config.topic, messages: group.flatMap((g) => g.messages) }],
      });
      const next = new Map(meta.map((m) => [m.partition, Number(m.baseOffset)]));
      for (const g of group) {
        const base = next.get(g.partition);
        if (base === undefined || !Number.isSafeInteger(base))
          throw new Error(`no base offset for partition ${g.partition}`);
        next.set(g.partition, base + g.messages.length);
        this.succeed(g, { baseOffset: base, lastOffset: base + g.messages.length - 1 });
      }
      this.metrics.groupCommitRequests.observe(group.length);
    } catch (err) {
      const mapped = mapKafkaError(err, `produce to topic ${this.config.topic}`, group.length === 1);
      for (const g of group) this.fail(g, mapped);
      await this.discardProducer();
    }
  }

  /** The current kafkajs producer, created and connected on first use. */
  private async connected(): Promise<KafkaJsProducer> {
    const producer = (this.producer ??= this.createProducer());
    this.connecting ??= producer.connect();
    await this.connecting;
    return producer;
  }

  /**
   * Drops the producer after a failed send. An idempotent producer must not send different
   * records under the sequence number of a batch the broker may already have written (the broker
   * would acknowledge them as duplicates without storing them), so the next send uses a new
   * producer id.
   */
  private async discardProducer(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    await p?.disconnect().catch(() => undefined);
  }

  /** Waits for pending sends, then disconnects the producer. */
  async close(): Promise<void> {
    await this.drain();
    await this.discardProducer();
  }

  private succeed(p: PendingSend, r: ProduceResult): void {
    const end = Math.max(this.ends.get(p.partition) ?? 0, r.lastOffset + 1);
    this.ends.set(p.partition, end);
    this.metrics.highWatermark.set({ partition: String(p.partition) }, end);
    if (p.settled) return;
    p.settled = true;
    clearTimeout(p.timer);
    const label = { partition: String(p.partition) };
    this.stats.acknowledged++;
    this.metrics.producedRecords.inc(label, p.messages.length);
    this.metrics.producedBytes.inc(label, p.bytes);
    this.metrics.produceDuration.observe(label, (performance.now() - p.startedMs) / 1000);
    p.resolve(r);
  }

  private fail(p: PendingSend, err: unknown): void {
    if (p.settled) return;
    p.settled = true;
    clearTimeout(p.timer);
    this.metrics.produceFailures.inc({ partition: String(p.partition) });
    p.reject(err);
  }
}
