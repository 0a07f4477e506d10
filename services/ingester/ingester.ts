import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Consumer, ConsumedRecord, IngestLog } from '../../libs/ingestlog/index.js';
import { getLabel, METRIC_NAME, type Labels, type Queryable } from '../../libs/model/index.js';
import { SeriesLimiter, type LimitsSource } from '../../libs/limits/index.js';
import { BasicService } from '../../libs/services/index.js';
import { Head } from '../../libs/tsdb/head/index.js';
import { sendText, type Router } from '../../libs/server/index.js';
import type { Bucket } from '../../libs/objstore/index.js';
import { sleep } from '../../libs/services/index.js';
import { Mutex } from './mutex.js';
import type { StoreBackend } from '../../libs/storeapi/index.js';
import { Shipper } from './shipper.js';
import { LocalBlocks } from './local-blocks.js';
import type { IngesterConfig } from './config.js';
import { decodeLocalWriteRequest, type DecodedRecord, type LocalRecordDecoder, type RecordDecoder, type RecordMetadata } from './record.js';

/** Dependencies of the ingester. */
export interface IngesterDeps {
  logger: Logger;
  registry: Registry;
  /** Decodes ingest-log record values. */
  decode: RecordDecoder;
  /**
   * Takes a record's in-process `local` value instead of decoding its bytes, when it can.
   * @default decodeLocalWriteRequest (the distributor's decoded remote-write request)
   */
  decodeLocal?: LocalRecordDecoder;
  /** Where blocks go; without one the ingester keeps everything in memory and the log. */
  bucket?: () => Bucket;
  /** Directory for local blocks and shipper state. */
  blocksDir: string;
  /** Per-tenant series limits; without it series are unlimited. */
  limits?: LimitsSource;
  /** Called after a tenant's block was uploaded (the store-gateway in one process re-syncs). */
  onBlockShipped?: (tenant: string) => Promise<void>;
}

/** A consumed record not yet known to be in the bucket: what offset commits must wait for. */
interface PendingRecord {
  offset: number;
  tenant: string;
  maxTime: number;
}

/** Metadata of one metric as the query API reports it. */
export interface MetadataEntry {
  type: string;
  help: string;
  unit: string;
}

/**
 * Consumes one ingest-log partition into a head per tenant, and serves those heads to
 * queries. It is not ready until it has replayed the log up to where it stood at start-up:
 * records acknowledged before a crash are queryable again before `/ready` says so.
 */
export class Ingester extends BasicService {
  private readonly heads = new Map<string, Head>();
  private readonly meta = new Map<string, Map<string, MetadataEntry[]>>();
  private consumer: Consumer | undefined;
  private replayTarget = Infinity;
  private readonly lock = new Mutex();
  private pending: PendingRecord[] = [];
  private readonly shipper: Shipper | undefined;
  /** Local copies of shipped blocks, served with the heads until they are deleted. */
  private readonly localBlocks = new LocalBlocks();
  /** Aborts retries (block uploads) when the service stops. */
  private signal: AbortSignal | undefined;
  private readonly lastAppend = new Map<string, number>();
  private readonly seriesLimiter: SeriesLimiter | undefined;
  private readonly ingested: Counter;
  private readonly discarded: Counter<'reason'>;
  private readonly decodeLocal: LocalRecordDecoder;
  /**
   * Series refs by label-set array, per head. The remote-write decoder hands out the same array
   * each time a series is sent again, so most samples find their series without hashing and
   * comparing labels. Weak: arrays no longer in use anywhere drop out by themselves.
   */
  private readonly refsByLabels = new WeakMap<Head, WeakMap<Labels, number>>();

  constructor(
    private readonly config: IngesterConfig,
    private readonly log: () => IngestLog,
    private readonly deps: IngesterDeps,
  ) {
    super('ingester', {
      starting: (signal) => this.startConsuming(signal),
      running: (signal) => this.run(signal),
      stopping: async () => {
        await this.consumer?.stop();
        await this.localBlocks.close();
      },
    });
    this.decodeLocal = deps.decodeLocal ?? decodeLocalWriteRequest;
    this.shipper = deps.bucket ? new Shipper(deps.blocksDir, deps.bucket, deps.logger) : undefined;
    // The global limits are split over the partitions: each ingester holds one partition's share.
    this.seriesLimiter = deps.limits ? new SeriesLimiter(deps.limits, () => this.log().partitions) : undefined;
    this.ingested = new Counter({
      name: 'epimetheus_ingester_ingested_samples_total',
      help: 'Samples appended to the head.',
      registers: [deps.registry],
    });
    this.discarded = new Counter({
      name: 'epimetheus_ingester_discarded_samples_total',
      help: 'Samples the head refused, by reason.',
      labelNames: ['reason'],
      registers: [deps.registry],
    });
    const heads = this.heads;
    new Gauge({
      name: 'epimetheus_ingester_memory_series',
      help: 'Series held in the heads of all tenants.',
      registers: [deps.registry],
      collect() {
        let n = 0;
        for (const h of heads.values()) n += h.numSeries;
        this.set(n);
      },
    });
  }

  /** Why the ingester is not ready (replaying), or undefined. */
  notReadyReason(): string | undefined {
    if (this.state() !== 'Running') return `ingester is ${this.state()}`;
    const pos = this.consumer?.position() ?? 0;
    if (pos + this.config.maxReadyLag < this.replayTarget) {
      return `replaying the ingest log: at offset ${pos} of ${this.replayTarget}`;
    }
    return undefined;
  }

  /**
   * The tenant's head merged with its local shipped blocks, as a queryable; an empty one for
   * unknown tenants.
   */
  queryable(tenant: string): Queryable {
    return this.localBlocks.withHead(tenant, this.heads.get(tenant) ?? EMPTY);
  }

  /** The heads as a StoreAPI backend. */
  storeBackend(): StoreBackend {
    return {
      component: 'ingester',
      queryable: (t) => this.queryable(t),
      metadata: (t) => this.metadata(t),
      timeRange: () => {
        let { minTime, maxTime } = this.localBlocks.timeRange();
        for (const h of this.heads.values()) {
          if (h.numSamples === 0) continue;
          minTime = Math.min(minTime, h.minTime);
          maxTime = Math.max(maxTime, h.maxTime);
        }
        return { minTime, maxTime };
      },
    };
  }

  /** Metric metadata received for the tenant. */
  metadata(tenant: string): ReadonlyMap<string, readonly MetadataEntry[]> {
    return this.meta.get(tenant) ?? new Map();
  }

  /**
   * The oldest timestamp the tenant's head still accepts: half a block range behind its
   * newest sample (as Prometheus's head), or -Infinity for an empty head.
   */
  minValidTime(tenant: string): number {
    const h = this.heads.get(tenant);
    const shipped = this.shipper?.shippedUntil(tenant) ?? -Infinity;
    if (!h || h.numSamples === 0) return shipped;
    return Math.max(shipped, h.maxTime - this.config.blockRangeMs / 2);
  }

  /** Registers the ingester's operational endpoints. */
  registerRoutes(router: Router): void {
    router.add(['GET', 'POST'], '/ingester/flush', async (_req, res) => {
      await this.flush();
      sendText(res, 204, '');
    });
  }

  /**
   * Cuts every in-memory sample of every tenant into blocks and uploads them now (before a
   * scale-down, or in tests). Resolves when the blocks are in the bucket.
   */
  async flush(): Promise<void> {
    await this.lock.run(async () => {
      const failed: unknown[] = [];
      for (const tenant of [...this.heads.keys()]) {
        if (!(await this.cutOne(tenant, Infinity))) failed.push(tenant);
      }
      await this.commitShipped();
      if (failed.length > 0) throw new Error(`flush failed for tenants ${failed.join(', ')}; see the log`);
    });
  }

  /** Cuts one tenant; a failure is logged and leaves the other tenants unaffected. */
  private async cutOne(tenant: string, until: number): Promise<boolean> {
    try {
      await this.cutTenant(tenant, until);
      return true;
    } catch (err) {
      this.deps.logger.error({ err, tenant }, 'cutting blocks failed; the head keeps the samples');
      return false;
    }
  }

  /** Cuts the oldest block range of every head spanning more than 1.5 block ranges. */
  async cutFullRanges(): Promise<void> {
    const range = this.config.blockRangeMs;
    await this.lock.run(async () => {
      const now = Date.now();
      for (const [tenant, head] of this.heads) {
        if (head.numSamples === 0) continue;
        // A tenant that stopped writing is cut whole, or it would pin the log's retention.
        const idle = now - (this.lastAppend.get(tenant) ?? now) > this.config.idleTimeoutMs;
        if (!idle && head.maxTime - head.minTime <= range * 1.5) continue;
        const until = idle ? Infinity : Math.floor((head.maxTime - range / 2) / range) * range;
        await this.cutOne(tenant, until);
      }
      await this.commitShipped();
    });
  }

  private async startConsuming(signal: AbortSignal): Promise<void> {
    await this.shipper?.open(signal);
    for (const b of (await this.shipper?.shippedLocalBlocks()) ?? []) await this.serveLocalBlock(b.tenant, b.meta.ulid);
    const log = this.log();
    this.consumer = log.consumer(
      this.config.partitionId,
      this.config.consumerGroup ? { groupId: this.config.consumerGroup } : {},
    );
    this.replayTarget = await this.consumer.highWatermark();
    const startedAt = Date.now();
    await this.consumer.start('committed', (batch) => this.apply(batch));
    this.deps.logger.info(
      { partition: this.config.partitionId, from: this.consumer.position(), to: this.replayTarget },
      'replaying ingest log',
    );
    void this.logReplayDone(startedAt);
  }

  private async logReplayDone(startedAt: number): Promise<void> {
    while (this.state() === 'Running' || this.state() === 'Starting') {
      if (this.notReadyReason() === undefined) {
        this.deps.logger.info({ ms: Date.now() - startedAt, offset: this.replayTarget }, 'ingest log replayed');
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    const stopped = this.consumer!.stopped();
    await Promise.race([stopped, this.cutLoop(signal)]);
  }

  private async cutLoop(signal: AbortSignal): Promise<void> {
    this.signal = signal;
    while (!signal.aborted) {
      await sleep(this.config.cutIntervalMs, signal);
      if (signal.aborted || !this.shipper) continue;
      try {
        await this.cutFullRanges();
        await this.shipper.pruneLocal(Date.now() - this.config.localBlockRetentionMs, (t, u) => this.localBlocks.remove(t, u));
      } catch (err) {
        this.deps.logger.error({ err }, 'block cutting failed; will retry');
      }
    }
  }

  /** Writes the tenant's head below `until` (ms, exclusive) as aligned blocks and ships them. */
  private async cutTenant(tenant: string, until: number): Promise<void> {
    const head = this.heads.get(tenant);
    if (!this.shipper || !head) return;
    const range = this.config.blockRangeMs;
    const end = Math.min(until, head.maxTime + 1);
    // Jump from block to block over the head's samples, never through empty ranges.
    while (head.numSamples > 0 && head.minTime < end) {
      const r = Math.floor(head.minTime / range) * range;
      const minTime = head.minTime;
      const maxTime = Math.min(r + range, end);
      const meta = await this.shipper.write(tenant, head.seriesChunksInRange(minTime, maxTime - 1), minTime, maxTime);
      if (meta) {
        await this.shipper.upload(tenant, meta, this.signal);
        // Served from here on: the queriers' view of the bucket may lag the upload.
        await this.serveLocalBlock(tenant, meta.ulid);
        // Let in-process readers see the block before the head lets go of its samples.
        await this.deps.onBlockShipped?.(tenant);
      }
      head.truncateBefore(maxTime);
    }
  }

  /**
   * Serves a shipped block's local copy with the head. A copy that cannot be opened is logged and
   * left out: its data is in the bucket already, and failing here would cut and ship it again.
   */
  private async serveLocalBlock(tenant: string, ulid: string): Promise<void> {
    try {
      await this.localBlocks.add(tenant, this.shipper!.blockDir(tenant, ulid));
    } catch (err) {
      this.deps.logger.warn({ err, tenant, block: ulid }, 'local copy of a shipped block unreadable; serving it from the bucket only');
    }
  }

  /**
   * Commits the ingest-log offset below which every record's samples are in the bucket, and
   * lets the log drop what lies below it.
   */
  private async commitShipped(): Promise<void> {
    if (!this.shipper || !this.consumer) return;
    const first = this.pending.findIndex((p) => p.maxTime >= this.shipper!.shippedUntil(p.tenant));
    const offset = first < 0 ? this.consumer.position() : this.pending[first]!.offset;
    this.pending = first < 0 ? [] : this.pending.slice(first);
    await this.consumer.commit(offset);
    if (this.config.deleteLogBelowCommit) await this.log().deleteBefore(this.config.partitionId, offset);
  }

  private apply(batch: ConsumedRecord[]): Promise<void> {
    return this.lock.run(() => this.applyBatch(batch));
  }

  private applyBatch(batch: ConsumedRecord[]): void {
    for (const rec of batch) {
      const tenant = rec.key ?? '';
      let decoded: DecodedRecord | undefined;
      try {
        // In one process the distributor hands over what it decoded: no second decode.
        if (rec.local !== undefined) decoded = this.decodeLocal(rec.local);
        decoded ??= this.deps.decode(rec.value);
      } catch (err) {
        // A corrupt record can never be applied; skipping it keeps the partition moving.
        this.deps.logger.error({ err, offset: rec.offset, tenant }, 'skipping undecodable ingest-log record');
        continue;
      }
      const maxTime = this.applyRecord(tenant, decoded, rec.offset >= this.replayTarget);
      // A record that left nothing in the head holds nothing back.
      if (this.shipper && maxTime > -Infinity) this.pending.push({ offset: rec.offset, tenant, maxTime });
    }
  }

  /** Appends a record's samples; returns its newest sample time. */
  private applyRecord(tenant: string, rec: DecodedRecord, live: boolean): number {
    // Samples below this are already in shipped blocks (a replay after a restart).
    const floor = this.shipper?.shippedUntil(tenant) ?? -Infinity;
    let maxTime = -Infinity;
    let head = this.heads.get(tenant);
    if (!head) {
      head = new Head({ outOfOrderWindowMs: this.config.outOfOrderWindowMs, chunkRangeMs: this.config.blockRangeMs });
      this.heads.set(tenant, head);
    }
    let refs = this.refsByLabels.get(head);
    if (refs === undefined) this.refsByLabels.set(head, (refs = new WeakMap()));
    let ok = 0;
    for (const s of rec.series) {
      const n = s.timestamps.length;
      let ref = refs.get(s.labels) ?? 0;
      // A ref outlives its series when truncation deleted it: look the labels up again then.
      if (ref === 0 || head.seriesAt(ref) === undefined) {
        ref = this.seriesRef(tenant, head, s.labels);
        if (ref !== 0) refs.set(s.labels, ref);
      }
      if (ref === 0) {
        this.discarded.inc({ reason: 'series_limit' }, n);
        continue;
      }
      for (let i = 0; i < n; i++) {
        const t = s.timestamps[i]!;
        if (t < floor) {
          // On replay these are already in blocks; live, they came too late for the head.
          if (live) this.discarded.inc({ reason: 'out_of_bounds' });
          continue;
        }
        if (t > maxTime) maxTime = t;
        const r = head.append(ref, t, s.values[i]!);
        if (r === 'ok') ok++;
        else this.discarded.inc({ reason: r });
      }
    }
    this.ingested.inc(ok);
    if (ok > 0) this.lastAppend.set(tenant, Date.now());
    if (rec.metadata.length > 0) this.storeMetadata(tenant, rec.metadata);
    return maxTime;
  }

  /** The series' ref, creating it if the tenant's series limits allow; 0 when they do not. */
  private seriesRef(tenant: string, head: Head, labels: Labels): number {
    const existing = head.lookup(labels);
    if (existing !== 0 || !this.seriesLimiter) return existing || head.getOrCreateSeries(labels).ref;
    const name = getLabel(labels, METRIC_NAME);
    const perMetric = this.deps.limits!.limitsFor(tenant).maxGlobalSeriesPerMetric > 0;
    const err = this.seriesLimiter.checkNewSeries(tenant, name, {
      tenant: head.numSeries,
      metric: perMetric ? head.seriesWith(METRIC_NAME, name) : 0,
    });
    if (err) {
      this.deps.logger.debug({ tenant, err: err.message }, 'series refused by a limit');
      return 0;
    }
    return head.getOrCreateSeries(labels).ref;
  }

  private storeMetadata(tenant: string, entries: readonly RecordMetadata[]): void {
    let m = this.meta.get(tenant);
    if (!m) this.meta.set(tenant, (m = new Map()));
    for (const e of entries) {
      const list = m.get(e.metricFamilyName) ?? [];
      if (!list.some((x) => x.type === e.type && x.help === e.help && x.unit === e.unit)) {
        list.push({ type: e.type, help: e.help, unit: e.unit });
        m.set(e.metricFamilyName, list);
      }
    }
  }
}

const EMPTY: Queryable = {
  querier: () =>
    Promise.resolve({
      select: () => Promise.resolve([]),
      labelNames: () => Promise.resolve([]),
      labelValues: () => Promise.resolve([]),
    }),
};
