import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { EpimetheusError } from '../../libs/errors/index.js';
import type { IngestLog, Producer } from '../../libs/ingestlog/index.js';
import { limitError, RateLimiter, type Limits, type LimitsSource } from '../../libs/limits/index.js';
import { findHaLabels, removeReplicaLabel, type HaTracker } from '../../libs/hatracker/index.js';
import {
  decodeWriteRequest,
  encodeWriteRequestV1,
  negotiateRemoteWrite,
  snappyDecompress,
  validateWriteRequest,
  writtenHeaders,
  type TimeSeries,
  type WriteRequest,
} from '../../libs/remotewrite/index.js';
import { readBody, sendText, tenantOf, type Router } from '../../libs/server/index.js';
import type { DistributorConfig } from './config.js';
import { modPartitioner, type SeriesPartitioner } from './partitioner.js';

/** Dependencies of the distributor. */
export interface DistributorDeps {
  logger: Logger;
  registry: Registry;
  multitenancy: boolean;
  /** Per-tenant limits (rate, validation, HA), reloaded from the runtime config file. */
  limits: LimitsSource;
  /** Picks each series' partition; absent: `shardHash % partitions` (see `modPartitioner`). */
  partitioner?: SeriesPartitioner;
  /** Elects one replica of an HA pair per cluster; absent when HA deduplication is off. */
  haTracker?: HaTracker;
  /** The oldest timestamp the tenant's head accepts; -Infinity when unknown. */
  minValidTime: (tenant: string) => number;
}

/** What one push did, for the response. */
export interface PushResult {
  samplesWritten: number;
  histogramsWritten: number;
  exemplarsWritten: number;
  /** Messages of rejected series, in request order. */
  rejections: string[];
  /** The stable error id of each of `rejections`, index for index. */
  rejectionIds: string[];
  /** True when the request came from an HA replica that is not the elected one (202). */
  haDropped?: boolean;
}

/** Longest 400 body: the first rejections, then a count of the rest. */
const MAX_REPORTED_REJECTIONS = 10;

/**
 * The remote-write receiver (`/api/v1/push`, `/api/v1/write`). It validates a request,
 * applies the tenant's rate limit, and answers 2xx only after the valid series are durable
 * in the ingest log. Invalid series are reported in a 400 while the valid rest is stored.
 */
export class Distributor {
  private readonly limiter = new RateLimiter();
  private producer: Producer | undefined;
  private readonly received: Counter;
  private readonly rejected: Counter<'reason'>;
  private readonly requests: Counter<'version'>;

  constructor(
    private readonly config: DistributorConfig,
    private readonly log: () => IngestLog,
    private readonly deps: DistributorDeps,
  ) {
    this.received = new Counter({
      name: 'epimetheus_distributor_received_samples_total',
      help: 'Samples received in valid series and stored.',
      registers: [deps.registry],
    });
    this.rejected = new Counter({
      name: 'epimetheus_distributor_rejected_samples_total',
      help: 'Samples rejected, by reason.',
      labelNames: ['reason'],
      registers: [deps.registry],
    });
    this.requests = new Counter({
      name: 'epimetheus_distributor_requests_total',
      help: 'Remote-write requests decoded, by protocol version.',
      labelNames: ['version'],
      registers: [deps.registry],
    });
  }

  /**
   * HA pairs: two Prometheus replicas send the same series, told apart by the replica label.
   * Only the elected replica's samples are kept (without that label); the other's are dropped.
   */
  private async deduplicateHa(tenant: string, req: WriteRequest, limits: Limits): Promise<'untouched' | 'stripped' | 'drop'> {
    const first = req.timeseries[0];
    if (!this.deps.haTracker || !limits.acceptHaSamples || !first) return 'untouched';
    const ha = findHaLabels(first.labels, limits.haClusterLabel, limits.haReplicaLabel);
    if (!ha) return 'untouched';
    if ((await this.deps.haTracker.checkReplica(tenant, ha.cluster, ha.replica, Date.now())) === 'reject') {
      this.rejected.inc({ reason: 'ha_replica_not_elected' }, req.timeseries.reduce((n, s) => n + s.samples.timestamps.length, 0));
      return 'drop';
    }
    for (const s of req.timeseries) s.labels = removeReplicaLabel(s.labels, limits.haReplicaLabel);
    return 'stripped';
  }

  /** Registers the push endpoints. */
  registerRoutes(router: Router): void {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handle(req, res);
    router.add('POST', '/api/v1/push', handler).add('POST', '/api/v1/write', handler);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const tenant = tenantOf(req, this.deps.multitenancy);
    const version = negotiateRemoteWrite(req.headers['content-type'], req.headers['content-encoding']);
    const body = await readBody(req, this.config.maxRecvMsgSize, '--distributor.max-recv-msg-size');
    const result = await this.push(tenant, version, body);
    if (result.haDropped) {
      sendText(res, 202, 'samples from a replica that is not the elected one of its HA pair were dropped\n');
      return;
    }
    const headers = writtenHeaders({
      samples: result.samplesWritten,
      histograms: result.histogramsWritten,
      exemplars: result.exemplarsWritten,
    });
    if (result.rejections.length > 0) {
      const shown = result.rejections.slice(0, MAX_REPORTED_REJECTIONS);
      const more = result.rejections.length - shown.length;
      const text = shown.join('\n') + (more > 0 ? `\n(and ${more} more rejected series)` : '') + '\n';
      res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
      return;
    }
    res.writeHead(204, headers);
    res.end();
  }

  /**
   * Decodes, validates and stores one compressed request body for `tenant`.
   * @throws EpimetheusError bad_data (undecodable), rate_limited, unavailable (log down).
   */
  async push(tenant: string, version: '1.0' | '2.0', body: Uint8Array): Promise<PushResult> {
    return this.pushDecompressed(tenant, version, snappyDecompress(body));
  }

  /** `push` for an uncompressed protobuf body (the gRPC Push service). Same errors. */
  async pushDecompressed(tenant: string, version: '1.0' | '2.0', raw: Uint8Array): Promise<PushResult> {
    const req = decodeWriteRequest(raw, version);
    this.requests.inc({ version });
    rejectHistograms(req);
    const limits = this.deps.limits.limitsFor(tenant);
    const ha = await this.deduplicateHa(tenant, req, limits);
    if (ha === 'drop') return { samplesWritten: 0, histogramsWritten: 0, exemplarsWritten: 0, rejections: [], rejectionIds: [], haDropped: true };
    const validated = validateWriteRequest(req, limits, Date.now(), {
      minValidTimeMs: this.deps.minValidTime(tenant),
    });
    const { accepted, rejections } = validated;
    const unchanged = validated.unchanged && ha === 'untouched';
    for (const r of rejections) this.rejected.inc({ reason: r.reason }, r.samples);
    let samples = 0;
    let exemplars = 0;
    for (const s of accepted) {
      samples += s.samples.timestamps.length;
      exemplars += s.exemplars.length;
    }
    const items = samples + exemplars + req.metadata.length;
    if (!this.limiter.allow(tenant, items, limits.ingestionRate, limits.ingestionBurstSize)) {
      this.rejected.inc({ reason: 'rate_limited' }, samples);
      throw limitError(
        'ingestionRate',
        limits.ingestionRate,
        tenant,
        `the request has been rejected because the tenant exceeded its ingestion rate limit of ${limits.ingestionRate} samples/s with a burst of ${limits.ingestionBurstSize}`,
      );
    }
    if (accepted.length > 0 || req.metadata.length > 0) {
      await this.produce(tenant, version, raw, unchanged, req, accepted);
    }
    this.received.inc(samples);
    return {
      samplesWritten: samples,
      histogramsWritten: 0,
      exemplarsWritten: exemplars,
      rejections: rejections.map((r) => r.message),
      rejectionIds: rejections.map((r) => r.errorId),
    };
  }

  /** Writes the accepted series to their partitions; resolves when every record is durable. */
  private async produce(
    tenant: string,
    version: '1.0' | '2.0',
    raw: Uint8Array,
    unchanged: boolean,
    req: WriteRequest,
    accepted: TimeSeries[],
  ): Promise<void> {
    const log = this.log();
    const producer = (this.producer ??= log.producer());
    const n = log.partitions;
    // The common case, a clean 1.0 request to a one-partition log, is forwarded as decoded bytes.
    // `local` hands an ingester in this process the decoded form, so it need not decode again.
    if (n === 1 && unchanged && version === '1.0' && !req.timeseries.some((s) => s.labelsUnsorted)) {
      await producer.produce(0, [{ key: tenant, value: raw, local: req }]);
      return;
    }
    const byPartition = new Map<number, TimeSeries[]>();
    const partitioner = this.deps.partitioner ?? modPartitioner;
    for (const s of accepted) {
      const p = n === 1 ? 0 : partitioner.partitionFor(tenant, s.labels, n);
      const list = byPartition.get(p);
      if (list) list.push(s);
      else byPartition.set(p, [s]);
    }
    // Metadata travels with the first partition's record (or alone when no series are left).
    const first = byPartition.keys().next().value ?? 0;
    if (!byPartition.has(first)) byPartition.set(first, []);
    await Promise.all(
      [...byPartition].map(([p, series]) => {
        const local: WriteRequest = { version: '1.0', timeseries: series, metadata: p === first ? req.metadata : [] };
        return producer.produce(p, [{ key: tenant, value: encodeWriteRequestV1(local), local }]);
      }),
    );
  }
}

function rejectHistograms(req: WriteRequest): void {
  const s = req.timeseries.find((t) => t.histograms.length > 0);
  if (s) {
    throw new EpimetheusError(
      'bad_data',
      'native histogram samples are not supported yet: this request carries some (first series: ' +
        `${s.labels.map((l) => `${l.name}="${l.value}"`).join(', ')}); send classic histograms ` +
        '(Prometheus: do not enable native histograms for this remote write) until storage supports them',
      { id: 'err-epimetheus-native-histograms-unsupported' },
    );
  }
}

