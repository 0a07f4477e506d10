/**
 * The ingest log contract. Two implementations satisfy it: the embedded segment log
 * (`EmbeddedIngestLog`) and Kafka (`KafkaIngestLog`); one contract suite runs against both.
 *
 * Model: a log has a fixed number of partitions. Each partition is a totally ordered sequence of
 * records; each record has an offset, a non-negative integer, assigned by the log when the
 * record becomes durable. Offsets within a partition increase by one per record with no gaps
 * (the embedded log always; Kafka for a topic without transactions or compaction).
 */

/**
 * One record to append. `value` is opaque to the log (the caller's serialized batch of series).
 * The caller must not mutate `value` until the `produce` promise settles.
 */
export interface IngestLogRecord {
  /** Optional key, carried with the record and given back to consumers. Empty string = absent. */
  key?: string;
  /** The payload, stored and returned byte for byte. */
  value: Uint8Array;
  /**
   * An in-process companion of `value` (e.g. the decoded form the producer already holds),
   * never serialized. The embedded log hands it to consumers in the same process with the
   * record while the record is still in its in-memory tail; after a restart, further behind,
   * or with Kafka, consumers get the record without it. So it must describe exactly what
   * `value` encodes, and consumers must treat it as optional. Neither side may mutate it.
   */
  local?: unknown;
}

/** What a successful `produce` learned about where its records went. */
export interface ProduceResult {
  /** Offset of the first record of the call. */
  baseOffset: number;
  /** Offset of the last record of the call: `baseOffset + records.length - 1`. */
  lastOffset: number;
}

/** Appends records to partitions. Safe to call concurrently. */
export interface Producer {
  /**
   * Appends `records`, in order, to `partition` as one contiguous run of offsets.
   *
   * Resolves only when every record is durable: for the embedded log, written and fdatasync'ed;
   * for Kafka, acknowledged with `acks=all`. Never resolves when the records may not be durable.
   *
   * Rejects with an `EpimetheusError`:
   * - `unavailable` when the log cannot make the records durable (backend down, disk error,
   *   timeout, producer or log closed). Some records may still have been appended; a retry may
   *   duplicate them (delivery is at least once).
   * - `bad_data` when `records` is empty, the partition does not exist, or a record is larger
   *   than the log accepts.
   *
   * Concurrent calls for one partition may be appended in any order relative to each other, but
   * each call's records stay contiguous and in order.
   */
  produce(partition: number, records: readonly IngestLogRecord[]): Promise<ProduceResult>;
  /**
   * Waits for calls in flight to settle, then refuses new ones with `unavailable`.
   * Idempotent.
   */
  close(): Promise<void>;
}

/** A record as delivered to a consumer. */
export interface ConsumedRecord {
  /** The record's offset in its partition. */
  offset: number;
  /** The key given to `produce`, if any. */
  key?: string;
  /**
   * The payload. The handler may keep it; it may share memory with other records of the same
   * batch, so copy it if only a small part is kept for long.
   */
  value: Uint8Array;
  /** The producer's `local` value, when the record was produced in this process and is recent. */
  local?: unknown;
}

/**
 * Where a consumer starts:
 * - `'committed'`: the group's committed offset, or the earliest retained offset if nothing was
 *   committed yet (a new ingester reads everything retained).
 * - `'earliest'`: the first retained offset.
 * - `'latest'`: the high watermark (only records produced after start).
 * - a number: that offset, clamped to `[earliest, highWatermark]`.
 */
export type StartOffset = 'committed' | 'earliest' | 'latest' | number;

/**
 * Receives records in offset order. The consumer awaits the returned promise before delivering
 * the next batch. If it rejects, consumption stops, `stopped()` rejects with that error, and the
 * batch will be delivered again to the next consumer started from the committed offset.
 */
export type RecordsHandler = (batch: ConsumedRecord[]) => Promise<void>;

/**
 * Consumes one partition for one consumer group, at least once from the committed offset.
 *
 * Lifecycle: created idle; `start` once; `stop` once (idempotent). A stopped consumer is not
 * restarted: create a new one. Offsets are committed only by `commit` (never automatically).
 */
export interface Consumer {
  /** The partition this consumer reads. */
  readonly partition: number;
  /**
   * Resolves the start offset and begins delivering batches to `onRecords` in the background,
   * tailing the partition: new records are delivered soon after they become durable, without
   * busy polling. Resolves once the start position is known (see `position()`).
   * Rejects with `unavailable` if the log cannot be reached, `bad_data` for a negative or
   * fractional offset, `internal` if already started.
   */
  start(from: StartOffset, onRecords: RecordsHandler): Promise<void>;
  /**
   * Durably records `offset` as the group's committed offset: the next offset to read after a
   * restart with `'committed'` (so commit `lastProcessed + 1`). Works before `start` and after
   * `stop` too (Kafka then requires that no other member of the group is active). Rejects with
   * `unavailable` when it cannot be stored, `bad_data` for a negative or fractional offset.
   */
  commit(offset: number): Promise<void>;
  /** The group's committed offset, or `undefined` if the group never committed. */
  committedOffset(): Promise<number | undefined>;
  /** The partition's high watermark: the offset the next durable record will get. */
  highWatermark(): Promise<number>;
  /**
   * The next offset to deliver: the start offset until a batch was handled, then the offset
   * after the last record of the last batch whose handler resolved.
   */
  position(): number;
  /** `highWatermark() - position()`, never negative: records durable but not yet handled. */
  lag(): Promise<number>;
  /**
   * Stops delivery. Waits for a handler in flight to finish; does not commit. Idempotent.
   */
  stop(): Promise<void>;
  /**
   * Settles when consumption ends: resolves after `stop()`, rejects with the handler's error
   * (or a backend failure, category `unavailable`) when consumption failed. Use it as the
   * consumer's `running` phase in a service.
   */
  stopped(): Promise<void>;
}

/** Options for `IngestLog.consumer`. */
export interface ConsumerOptions {
  /**
   * The consumer group whose committed offset is read and written.
   * @default `epimetheus-ingester-<partition>` (Kafka: `<consumerGroupPrefix><partition>`)
   */
  groupId?: string;
  /** Most records in one batch handed to the handler (the embedded log also stops a batch at 8 MiB of record bytes). @default 1000 */
  maxBatchRecords?: number;
}

/** The retained range of a partition. */
export interface PartitionOffsets {
  /** First retained offset (0 until something was deleted). */
  earliest: number;
  /** Offset the next durable record will get. */
  highWatermark: number;
}

/** A log with a fixed number of partitions, producers and consumers over it. */
export interface IngestLog {
  /** Number of partitions; valid partitions are `0 .. partitions - 1`. */
  readonly partitions: number;
  /** A producer; many may exist at once. */
  producer(): Producer;
  /**
   * A consumer of `partition` for a group (see `ConsumerOptions`). Throws `bad_data` for an
   * invalid partition or options, `unavailable` after `close`.
   */
  consumer(partition: number, options?: ConsumerOptions): Consumer;
  /** The retained range of `partition`. Rejects with `unavailable` if the log is unreachable. */
  offsets(partition: number): Promise<PartitionOffsets>;
  /**
   * Deletes records below `offset` in `partition`, for retention once their data is safely in
   * blocks. The embedded log removes whole segments only, so records below `offset` may remain;
   * records at or above `offset` are never removed. Call only when every consumer group of the
   * partition has committed at least `offset`.
   */
  deleteBefore(partition: number, offset: number): Promise<void>;
  /** Stops consumers, closes producers and releases files and connections. Idempotent. */
  close(): Promise<void>;
}

/**
 * The logging interface this library needs; a pino `Logger` satisfies it. Messages are constant;
 * variable parts go in `fields`.
 */
export interface IngestLogLogger {
  debug(fields: object, msg?: string): void;
  info(fields: object, msg?: string): void;
  warn(fields: object, msg?: string): void;
  error(fields: object, msg?: string): void;
}
