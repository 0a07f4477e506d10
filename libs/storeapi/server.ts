import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { categoryOf, grpcCodeOf } from '../errors/index.js';
import type { Queryable, SeriesData } from '../model/index.js';
import { encodeXorChunk } from '../tsdb/chunkenc/index.js';
import type { epimetheus } from '../../proto/gen/store.js';
import { matchersFromProto, WIRE_XOR } from './convert.js';
import { metadataToProto, type MetadataByMetric } from './metadata.js';
import { STORE_SERVICE, TENANT_METADATA_KEY } from './service.js';

type SeriesCall = grpc.ServerWritableStream<
  epimetheus.store.ISeriesRequest,
  epimetheus.store.ISeriesResponse
>;
type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

/** What a store serves: ingesters their heads, store-gateways their blocks. */
export interface StoreBackend {
  /** "ingester", "store-gateway" or "querier". */
  readonly component: string;
  /**
   * The tenant's data. Unknown tenants get an empty queryable. With `blockIds` (a querier routing
   * blocks to their store-gateways), exactly those blocks: a backend that cannot read one of them
   * fails with a retriable (`unavailable`) error, so the querier asks another replica.
   * Backends without blocks ignore it.
   */
  queryable(tenant: string, blockIds?: readonly string[]): Queryable;
  /** Time range of the data served (ms), for the querier's store selection. */
  timeRange(): { minTime: number; maxTime: number };
  /** The tenant's metric metadata; backends without it answer none. */
  metadata?(tenant: string): MetadataByMetric;
}

/** Samples per chunk on the wire, as the TSDB cuts chunks. */
const SAMPLES_PER_CHUNK = 120;

/**
 * Adds the StoreAPI to a gRPC server. Every call needs the tenant in the `x-scope-orgid`
 * metadata; errors carry the gRPC code of their category.
 */
export function addStoreService(server: grpc.Server, backend: StoreBackend, logger: Logger): void {
  const fail = (err: unknown): grpc.ServiceError => {
    const code = grpcCodeOf(categoryOf(err));
    if (code === grpc.status.INTERNAL) logger.error({ err }, 'store call failed');
    const e = new Error(err instanceof Error ? err.message : String(err)) as grpc.ServiceError;
    e.code = code;
    return e;
  };
  const info: Unary<epimetheus.store.IInfoRequest, epimetheus.store.IInfoResponse> = (_call, cb) => {
    const r = backend.timeRange();
    cb(null, {
      minTime: finite(r.minTime),
      maxTime: finite(r.maxTime),
      component: backend.component,
      externalLabels: [],
    });
  };
  const series = (call: SeriesCall): void => {
    void streamSeries(backend, call).catch((err: unknown) => call.emit('error', fail(err)));
  };
  const labelNames: Unary<epimetheus.store.ILabelNamesRequest, epimetheus.store.ILabelNamesResponse> = (
    call,
    cb,
  ) => {
    const r = call.request;
    backend
      .queryable(tenantOf(call.metadata), blockIdsOf(r.blockIds))
      .querier(Number(r.start), Number(r.end))
      .then((q) =>
        q.labelNames(matchersFromProto(r.matchers), { start: Number(r.start), end: Number(r.end) }),
      )
      .then(
        (names) => cb(null, { names }),
        (err: unknown) => cb(fail(err)),
      );
  };
  const labelValues: Unary<epimetheus.store.ILabelValuesRequest, epimetheus.store.ILabelValuesResponse> = (
    call,
    cb,
  ) => {
    const r = call.request;
    backend
      .queryable(tenantOf(call.metadata), blockIdsOf(r.blockIds))
      .querier(Number(r.start), Number(r.end))
      .then((q) =>
        q.labelValues(r.label ?? '', matchersFromProto(r.matchers), {
          start: Number(r.start),
          end: Number(r.end),
        }),
      )
      .then(
        (values) => cb(null, { values }),
        (err: unknown) => cb(fail(err)),
      );
  };
  const metadata: Unary<epimetheus.store.IMetadataRequest, epimetheus.store.IMetadataResponse> = (call, cb) => {
    try {
      cb(null, metadataToProto(backend.metadata?.(tenantOf(call.metadata)) ?? new Map()));
    } catch (err) {
      cb(fail(err));
    }
  };
  server.addService(STORE_SERVICE, {
    Info: info,
    Series: series,
    LabelNames: labelNames,
    LabelValues: labelValues,
    Metadata: metadata,
  } as grpc.UntypedServiceImplementation);
}

async function streamSeries(backend: StoreBackend, call: SeriesCall): Promise<void> {
  const r = call.request;
  const start = Number(r.minTime);
  const end = Number(r.maxTime);
  const q = await backend.queryable(tenantOf(call.metadata), blockIdsOf(r.blockIds)).querier(start, end);
  const found = await q.select(matchersFromProto(r.matchers), {
    start,
    end,
    ...(r.func ? { func: r.func } : {}),
    step: Number(r.step ?? 0),
    range: Number(r.range ?? 0),
    labelsOnly: r.skipChunks === true,
  });
  for (const s of found) {
    if (call.cancelled) return;
    const msg = { series: { labels: [...s.labels], chunks: r.skipChunks ? [] : toChunks(s) } };
    if (!call.write(msg)) await drainOrCancel(call);
  }
  if (!call.cancelled) call.end();
}

/** Waits until the stream can take more, or the client went away (cancel, deadline). */
function drainOrCancel(call: SeriesCall): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.once('drain', done);
    call.once('cancelled', done);
    call.once('close', done);
  });
}

/** Cuts a series' float samples into XOR chunks of at most 120 samples. */
function toChunks(s: SeriesData): epimetheus.store.IChunk[] {
  const out: epimetheus.store.IChunk[] = [];
  // Typed-array views keep NaN payloads (stale markers) intact; JS arrays may not.
  const ts = Float64Array.from(s.timestamps);
  const vs = s.values instanceof Float64Array ? s.values : copyBits(s.values);
  for (let i = 0; i < ts.length; i += SAMPLES_PER_CHUNK) {
    const j = Math.min(ts.length, i + SAMPLES_PER_CHUNK);
    const data = encodeXorChunk(ts.subarray(i, j), vs.subarray(i, j));
    out.push({ minTime: ts[i]!, maxTime: ts[j - 1]!, type: WIRE_XOR, data });
  }
  return out;
}

function copyBits(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

/** int64 fields cannot carry infinities: an empty store reports the widest safe range. */
function finite(v: number): number {
  if (Number.isFinite(v)) return v;
  return v > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/** The block-ID hint of a request; absent and empty both mean "no hint". */
function blockIdsOf(ids: readonly string[] | null | undefined): readonly string[] | undefined {
  return ids && ids.length > 0 ? ids : undefined;
}

function tenantOf(md: grpc.Metadata): string {
  const v = md.get(TENANT_METADATA_KEY)[0];
  return typeof v === 'string' ? v : 'anonymous';
}
