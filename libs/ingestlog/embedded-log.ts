/**
 * The embedded ingest log: for one process, a directory holding one append-only segmented log
 * per partition. Layout (byte formats in `FORMAT.md`):
 *
 * ```
 * <dir>/LOCK                                   pid of the process that has the log open
 * <dir>/partition-<n>/<20-digit base>.log      segments, named by their first offset
 * <dir>/partition-<n>/consumer-<group>.offset  committed offset of a consumer group
 * ```
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Registry } from 'prom-client';
import { EmbeddedConsumer } from './embedded-consumer.js';
import { IngestLogConfigError, badData, checkOffset, checkPartition, unavailable } from './errors.js';
import { IngestLogMetrics } from './metrics.js';
import { OffsetFile } from './offset-file.js';
import { PartitionLog } from './partition-log.js';
import { ProducerHandle } from './producer-handle.js';
import type { PartitionStats } from './partition-log.js';
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

/** Configuration of the embedded log. Only `dir` is required. */
export interface EmbeddedIngestLogConfig {
  /** Data directory; created if missing. */
  dir: string;
  /** Number of partitions. @default 1 */
  partitions?: number;
  /** Size at which a segment is closed and a new one started (a soft limit). @default 64 MiB */
  segmentBytes?: number;
  /** Largest record (key, value and 1 byte of attributes) accepted. @default 16 MiB */
  maxRecordBytes?: number;
  /**
   * Frame bytes of the newest durable records each partition keeps in memory, so consumers in
   * this process get them (and their `local` values) without reading them back; 0 turns it off.
   * @default 16 MiB
   */
  memoryTailBytes?: number;
}

/** `EmbeddedIngestLogConfig` with every default filled in and validated. */
export type ResolvedEmbeddedIngestLogConfig = Required<EmbeddedIngestLogConfig>;

/** Defaults of `EmbeddedIngestLogConfig`. */
export const EMBEDDED_INGEST_LOG_DEFAULTS = {
  partitions: 1,
  segmentBytes: 64 * 1024 * 1024,
  maxRecordBytes: 16 * 1024 * 1024,
  memoryTailBytes: 16 * 1024 * 1024,
} as const;

/** Fills defaults and validates; throws `IngestLogConfigError` (`bad_data`) naming the field. */
export function resolveEmbeddedIngestLogConfig(
  config: EmbeddedIngestLogConfig,
): ResolvedEmbeddedIngestLogConfig {
  if (!config.dir) throw new IngestLogConfigError('dir', 'must be set');
  const r: ResolvedEmbeddedIngestLogConfig = {
    ...EMBEDDED_INGEST_LOG_DEFAULTS,
    ...stripUndefined(config),
    dir: config.dir,
  };
  const positive = (name: 'partitions' | 'segmentBytes' | 'maxRecordBytes', max: number): void => {
    const v = r[name];
    if (!Number.isSafeInteger(v) || v < 1 || v > max)
      throw new IngestLogConfigError(name, `must be an integer in [1, ${max}], got ${v}`);
  };
  positive('partitions', 100_000);
  positive('segmentBytes', 2 ** 40);
  positive('maxRecordBytes', 2 ** 32 - 1);
  if (!Number.isSafeInteger(r.memoryTailBytes) || r.memoryTailBytes < 0)
    throw new IngestLogConfigError('memoryTailBytes', `must be an integer >= 0, got ${r.memoryTailBytes}`);
  return r;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Injected dependencies of either implementation. */
export interface IngestLogDeps {
  /** Receives warnings (torn tails, failures) and lifecycle messages. @default no logging */
  logger?: IngestLogLogger;
  /** Registry for `epimetheus_ingestlog_*` metrics. @default a private registry */
  registry?: Registry;
}

/** A logger that drops everything. */
export const noopLogger: IngestLogLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The embedded `IngestLog`. Open with `EmbeddedIngestLog.open`; one process at a time may have
 * a directory open (a `LOCK` file holding a live pid refuses a second one).
 */
export class EmbeddedIngestLog implements IngestLog {
  readonly partitions: number;
  private closed = false;
  private readonly consumers = new Set<EmbeddedConsumer>();
  private readonly producers = new Set<ProducerHandle>();

  private constructor(
    readonly config: ResolvedEmbeddedIngestLogConfig,
    private readonly parts: PartitionLog[],
    private readonly metrics: IngestLogMetrics,
    private readonly logger: IngestLogLogger,
  ) {
    this.partitions = parts.length;
  }

  /**
   * Opens the log under `config.dir`, recovering every partition: a torn or corrupt tail of the
   * last segment is truncated (and logged). Rejects with `unavailable` when another live process
   * holds the directory or on I/O errors, `bad_data` on invalid config.
   */
  static async open(config: EmbeddedIngestLogConfig, deps: IngestLogDeps = {}): Promise<EmbeddedIngestLog> {
    const resolved = resolveEmbeddedIngestLogConfig(config);
    const logger = deps.logger ?? noopLogger;
    const metrics = new IngestLogMetrics(deps.registry);
    await fs.mkdir(resolved.dir, { recursive: true });
    await acquireLock(resolved.dir);
    // Partition directories are created below; their entries in `dir` must survive a power loss
    // (and `dir`'s own entry, when this open created it).
    await syncDirs([path.dirname(resolved.dir), resolved.dir]).catch((err: unknown) => {
      logger.warn({ dir: resolved.dir, err }, 'fsync of ingest log directory failed');
    });
    const parts: PartitionLog[] = [];
    try {
      for (let p = 0; p < resolved.partitions; p++) {
        const dir = path.join(resolved.dir, `partition-${p}`);
        const { segmentBytes, maxRecordBytes, memoryTailBytes } = resolved;
        parts.push(
          await PartitionLog.open({ dir, partition: p, segmentBytes, maxRecordBytes, memoryTailBytes, metrics, logger }),
        );
      }
      await syncDirs([resolved.dir]);
    } catch (err) {
      await Promise.all(parts.map((p) => p.close()));
      await releaseLock(resolved.dir);
      throw unavailable(`open ingest log ${resolved.dir}`, err);
    }
    const beyond = (await fs.readdir(resolved.dir))
      .map((name) => /^partition-(\d+)$/.exec(name)?.[1])
      .filter((n): n is string => n !== undefined && Number(n) >= resolved.partitions);
    if (beyond.length > 0) {
      // Fewer partitions than a previous run: the data of the others is kept but not served.
      logger.warn(
        { dir: resolved.dir, partitions: resolved.partitions, ignored: beyond },
        'ingest log partitions beyond the configured count are ignored',
      );
    }
    logger.info({ dir: resolved.dir, partitions: resolved.partitions }, 'embedded ingest log opened');
    return new EmbeddedIngestLog(resolved, parts, metrics, logger);
  }

  private part(partition: number): PartitionLog {
    checkPartition(partition, this.partitions);
    return this.parts[partition]!;
  }

  producer(): Producer {
    const p = new ProducerHandle(
      (partition, records) => this.append(partition, records),
      (x) => this.producers.delete(x),
    );
    this.producers.add(p);
    return p;
  }

  private append(partition: number, records: readonly IngestLogRecord[]): Promise<ProduceResult> {
    if (this.closed) return Promise.reject(unavailable('ingest log closed'));
    try {
      if (records.length === 0) throw badData('produce of no records');
      return this.part(partition).append(records);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  consumer(partition: number, options: ConsumerOptions = {}): Consumer {
    const log = this.part(partition);
    if (this.closed) throw unavailable('ingest log closed');
    const groupId = options.groupId ?? `epimetheus-ingester-${partition}`;
    const maxBatchRecords = options.maxBatchRecords ?? 1000;
    if (!Number.isSafeInteger(maxBatchRecords) || maxBatchRecords < 1)
      throw badData(`maxBatchRecords must be a positive integer, got ${maxBatchRecords}`);
    if (groupId === '') throw badData('groupId must not be empty');
    const c = new EmbeddedConsumer({
      partition,
      log,
      offsets: new OffsetFile(path.join(this.config.dir, `partition-${partition}`), groupId, () =>
        log.syncDir(),
      ),
      maxBatchRecords,
      metrics: this.metrics,
      logger: this.logger,
      onStopped: (x) => this.consumers.delete(x),
    });
    this.consumers.add(c);
    return c;
  }

  async offsets(partition: number): Promise<PartitionOffsets> {
    if (this.closed) throw unavailable('ingest log closed');
    return this.part(partition).offsets();
  }

  async deleteBefore(partition: number, offset: number): Promise<void> {
    checkOffset(offset, 'delete offset');
    await this.part(partition).deleteBefore(offset);
  }

  /** Counters of `partition`, e.g. fdatasync calls, to observe group commit. */
  stats(partition: number): Readonly<PartitionStats> {
    return { ...this.part(partition).stats };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await Promise.all([...this.producers].map((p) => p.close()));
    await Promise.all(this.parts.map((p) => p.close()));
    await releaseLock(this.config.dir);
    this.logger.info({ dir: this.config.dir }, 'embedded ingest log closed');
  }
}

const LOCK_FILE = 'LOCK';

/**
 * Takes the directory lock: refuses when the LOCK file names another live process. A lock left by
 * a dead process (or by this pid, as after a container restart) is taken over.
 */
async function acquireLock(dir: string): Promise<void> {
  const file = path.join(dir, LOCK_FILE);
  let holder: number | undefined;
  try {
    holder = Number((await fs.readFile(file, 'utf8')).trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unavailable(`read ${file}`, err);
  }
  if (
    holder !== undefined &&
    Number.isInteger(holder) &&
    holder > 0 &&
    holder !== process.pid &&
    isAlive(holder)
  ) {
    throw unavailable(
      `ingest log ${dir} is open in process ${holder} (if that is not an Epimetheus process, remove ${file})`,
    );
  }
  await fs.writeFile(file, `${process.pid}\n`);
}

async function releaseLock(dir: string): Promise<void> {
  await fs.rm(path.join(dir, LOCK_FILE), { force: true });
}

/** Fsyncs directories so entries created in them are durable. */
async function syncDirs(dirs: string[]): Promise<void> {
  for (const d of dirs) {
    const dh = await fs.open(d, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
