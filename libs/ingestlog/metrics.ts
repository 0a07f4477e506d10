import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metric already registered under `name` (a log reopened in the same process with the same
 * registry), or a new one from `create`.
 */
function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

function counter(registry: Registry, name: string, help: string): Counter<'partition'> {
  return reuse(
    registry,
    name,
    () => new Counter({ name, help, labelNames: ['partition'], registers: [registry] }),
  );
}

function gauge(registry: Registry, name: string, help: string): Gauge<'partition'> {
  return reuse(
    registry,
    name,
    () => new Gauge({ name, help, labelNames: ['partition'], registers: [registry] }),
  );
}

function histogram<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  buckets: number[],
  labelNames: readonly L[],
): Histogram<L> {
  return reuse(
    registry,
    name,
    () => new Histogram({ name, help, buckets, labelNames, registers: [registry] }),
  );
}

/**
 * Metrics of one ingest log, created against the injected registry (a private one when none is
 * given, never the global default). Both implementations use the same names.
 */
export class IngestLogMetrics {
  /** Records made durable by `produce`. */
  readonly producedRecords: Counter<'partition'>;
  /** Value and key bytes made durable by `produce` (framing excluded). */
  readonly producedBytes: Counter<'partition'>;
  /** `produce` calls that rejected. */
  readonly produceFailures: Counter<'partition'>;
  /** Time from `produce` to durable acknowledgement. */
  readonly produceDuration: Histogram<'partition'>;
  /** fsync/fdatasync calls on log files and directories (embedded only). */
  readonly fsyncs: Counter<'partition'>;
  /** Duration of one data fdatasync (embedded only). */
  readonly fsyncDuration: Histogram<never>;
  /** `produce` calls made durable by one fdatasync or one Kafka request: the group-commit factor. */
  readonly groupCommitRequests: Histogram<never>;
  /** Bytes cut from a torn segment tail when opening the log (embedded only). */
  readonly truncatedBytes: Counter<'partition'>;
  /** Segment files present (embedded only). */
  readonly segments: Gauge<'partition'>;
  /** Records delivered to consumer handlers that resolved. */
  readonly consumedRecords: Counter<'partition'>;
  /** Last offset committed by a consumer. */
  readonly committedOffset: Gauge<'partition'>;
  /** Next offset a consumer delivers; `high_watermark - consumer_position` is its lag. */
  readonly consumerPosition: Gauge<'partition'>;
  /** Offset the next durable record gets, as last seen by this process. */
  readonly highWatermark: Gauge<'partition'>;

  constructor(registry: Registry = new Registry()) {
    const r = registry;
    const P = 'epimetheus_ingestlog_';
    this.producedRecords = counter(
      r,
      `${P}produced_records_total`,
      'Records the ingest log acknowledged as durable.',
    );
    this.producedBytes = counter(
      r,
      `${P}produced_bytes_total`,
      'Key and value bytes the ingest log acknowledged as durable.',
    );
    this.produceFailures = counter(r, `${P}produce_failures_total`, 'Produce calls that were rejected.');
    this.produceDuration = histogram(
      r,
      `${P}produce_duration_seconds`,
      'Time from a produce call to its durable acknowledgement.',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ['partition'],
    );
    this.fsyncs = counter(
      r,
      `${P}fsyncs_total`,
      'fsync and fdatasync calls on embedded log files and directories.',
    );
    this.fsyncDuration = histogram(
      r,
      `${P}fsync_duration_seconds`,
      'Duration of one fdatasync of an embedded log segment.',
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      [],
    );
    this.groupCommitRequests = histogram(
      r,
      `${P}group_commit_requests`,
      'Produce calls made durable by one fdatasync (embedded) or one request (Kafka).',
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      [],
    );
    this.truncatedBytes = counter(
      r,
      `${P}recovery_truncated_bytes_total`,
      'Bytes of torn or corrupt segment tail cut when the embedded log was opened.',
    );
    this.segments = gauge(r, `${P}segments`, 'Segment files of the embedded log.');
    this.consumedRecords = counter(
      r,
      `${P}consumed_records_total`,
      'Records delivered to consumer handlers that completed.',
    );
    this.committedOffset = gauge(
      r,
      `${P}committed_offset`,
      'Last offset committed by a consumer of the partition.',
    );
    this.consumerPosition = gauge(
      r,
      `${P}consumer_position`,
      'Next offset a consumer of the partition delivers.',
    );
    this.highWatermark = gauge(
      r,
      `${P}high_watermark`,
      'Offset the next durable record of the partition gets, as last seen by this process.',
    );
  }
}
