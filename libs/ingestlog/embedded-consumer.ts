import { Completion } from './completion.js';
import { checkOffset, internal, unavailable } from './errors.js';
import type { IngestLogMetrics } from './metrics.js';
import type { OffsetFile } from './offset-file.js';
import type { PartitionLog, ReadPosition } from './partition-log.js';
import type { Consumer, IngestLogLogger, RecordsHandler, StartOffset } from './types.js';

/** What an embedded consumer needs from its log. */
export interface EmbeddedConsumerDeps {
  partition: number;
  log: PartitionLog;
  offsets: OffsetFile;
  maxBatchRecords: number;
  metrics: IngestLogMetrics;
  logger: IngestLogLogger;
  /** Called once the consumer has stopped, so the log forgets it. */
  onStopped: (c: EmbeddedConsumer) => void;
}

/**
 * Consumes one partition of the embedded log in this process. Tails by waiting on the
 * partition's append notification; commits go to the group's offset file.
 */
export class EmbeddedConsumer implements Consumer {
  readonly partition: number;
  private pos = 0;
  private started = false;
  private stopping = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly completion = new Completion();
  private readonly label: { partition: string };

  constructor(private readonly deps: EmbeddedConsumerDeps) {
    this.partition = deps.partition;
    this.label = { partition: String(deps.partition) };
  }

  async start(from: StartOffset, onRecords: RecordsHandler): Promise<void> {
    if (this.started) throw internal('consumer already started');
    if (this.stopping) throw internal('consumer stopped');
    this.started = true;
    this.pos = await this.resolveStart(from);
    this.deps.metrics.consumerPosition.set(this.label, this.pos);
    this.deps.logger.info(
      { partition: this.partition, from, offset: this.pos },
      'ingest log consumer starting',
    );
    this.loop = this.run(onRecords);
  }

  private async resolveStart(from: StartOffset): Promise<number> {
    const { earliest, highWatermark } = this.deps.log.offsets();
    if (from === 'earliest') return earliest;
    if (from === 'latest') return highWatermark;
    if (from === 'committed')
      return Math.min(Math.max((await this.deps.offsets.read()) ?? earliest, earliest), highWatermark);
    checkOffset(from, 'start offset');
    return Math.min(Math.max(from, earliest), highWatermark);
  }

  private async run(onRecords: RecordsHandler): Promise<void> {
    const { log, maxBatchRecords, metrics } = this.deps;
    let hint: ReadPosition | undefined;
    try {
      while (!this.stopping) {
        if (log.isClosed) throw unavailable('ingest log closed');
        const { records, next } = await log.read(this.pos, maxBatchRecords, hint);
        if (records.length === 0) {
          await log.waitForAppend(this.pos, this.abort.signal);
          continue;
        }
        await onRecords(records);
        this.pos = records[records.length - 1]!.offset + 1;
        hint = next;
        metrics.consumedRecords.inc(this.label, records.length);
        metrics.consumerPosition.set(this.label, this.pos);
      }
      this.completion.done();
    } catch (err) {
      this.deps.logger.warn(
        { partition: this.partition, offset: this.pos, err },
        'ingest log consumer failed',
      );
      this.completion.done(err);
    } finally {
      this.deps.onStopped(this);
    }
  }

  async commit(offset: number): Promise<void> {
    checkOffset(offset, 'commit offset');
    await this.deps.offsets.write(offset);
    this.deps.metrics.committedOffset.set(this.label, offset);
  }

  committedOffset(): Promise<number | undefined> {
    return this.deps.offsets.read();
  }

  highWatermark(): Promise<number> {
    return Promise.resolve(this.deps.log.offsets().highWatermark);
  }

  position(): number {
    return this.pos;
  }

  async lag(): Promise<number> {
    return Math.max(0, (await this.highWatermark()) - this.pos);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    if (this.loop) await this.loop;
    else this.completion.done();
  }

  stopped(): Promise<void> {
    return this.completion.promise;
  }
}
