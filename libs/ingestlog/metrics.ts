import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Metrics of one ingest log, created once per log against the injected registry (a private one
 * when none is given, never the global default). Both implementations use the same names.
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
  readonly fsyncDuration: Histogram;
  /** `produce` calls made durable by one fdatasync: the group-commit factor (embedded only). */
  readonly groupCommitRequests: Histogram;
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
    const registers = [registry];
    const partitioned = { labelNames: ['partition'] as const, registers };
    this.producedRecords = new Counter({
      name: 'epimetheus_ingestlog_produced_records_total',
      help: 'Records the ingest log acknowledged as durable.',
      ...partitioned,
    });
    this.producedBytes = new Counter({
      name: 'epimetheus_ingestlog_produced_bytes_total',
      help: 'Key and value bytes the ingest log acknowledged as durable.',
      ...partitioned,
    });
    this.produceFailures = new Counter({
      name: 'epimetheus_ingestlog_produce_failures_total',
      help: 'Produce calls that were rejected.',
      ...partitioned,
    });
    this.produceDuration = new Histogram({
      name: 'epimetheus_ingestlog_produce_duration_seconds',
      help: 'Time from a produce call to its durable acknowledgement.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ...partitioned,
    });
    this.fsyncs = new Counter({
      name: 'epimetheus_ingestlog_fsyncs_total',
      help: 'fsync and fdatasync calls on embedded log files and directories.',
      ...partitioned,
    });
    this.fsyncDuration = new Histogram({
      name: 'epimetheus_ingestlog_fsync_duration_seconds',
      help: 'Duration of one fdatasync of an embedded log segment.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.groupCommitRequests = new Histogram({
      name: 'epimetheus_ingestlog_group_commit_requests',
      help: 'Produce calls made durable by one fdatasync of the embedded log.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers,
    });
    this.truncatedBytes = new Counter({
      name: 'epimetheus_ingestlog_recovery_truncated_bytes_total',
      help: 'Bytes of torn or corrupt segment tail cut when the embedded log was opened.',
      ...partitioned,
    });
    this.segments = new Gauge({
      name: 'epimetheus_ingestlog_segments',
      help: 'Segment files of the embedded log.',
      ...partitioned,
    });
    this.consumedRecords = new Counter({
      name: 'epimetheus_ingestlog_consumed_records_total',
      help: 'Records delivered to consumer handlers that completed.',
      ...partitioned,
    });
    this.committedOffset = new Gauge({
      name: 'epimetheus_ingestlog_committed_offset',
      help: 'Last offset committed by a consumer of the partition.',
      ...partitioned,
    });
    this.consumerPosition = new Gauge({
      name: 'epimetheus_ingestlog_consumer_position',
      help: 'Next offset a consumer of the partition delivers.',
      ...partitioned,
    });
    this.highWatermark = new Gauge({
      name: 'epimetheus_ingestlog_high_watermark',
      help: 'Offset the next durable record of the partition gets, as last seen by this process.',
      ...partitioned,
    });
  }
}
