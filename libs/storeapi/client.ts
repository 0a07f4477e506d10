import * as grpc from '@grpc/grpc-js';
import { EpimetheusError, categoryOfGrpcCode } from '../errors/index.js';
import {
  compareLabels,
  type Matcher,
  type Querier,
  type Queryable,
  type SeriesData,
} from '../model/index.js';
import { decodeXorChunkInto, xorChunkNumSamples } from '../tsdb/chunkenc/index.js';
import type { epimetheus } from '../../proto/gen/store.js';
import { labelsFromProto, matchersToProto } from './convert.js';
import { metadataFromProto, type MetadataEntry } from './metadata.js';
import { describeStore, type SelectableStore, type StoreKind, type TimeRange } from './selection.js';
import { STORE_SERVICE, TENANT_METADATA_KEY } from './service.js';

const ClientCtor = grpc.makeGenericClientConstructor(STORE_SERVICE, 'Store');

/** Options of a StoreAPI client. */
export interface StoreClientOptions {
  /** Per-call deadline. @default 120000 */
  timeoutMs?: number;
}

/**
 * A client of one remote store. `queryable(tenant)` reads the tenant's data through the
 * StoreAPI: remote errors surface as `EpimetheusError`s of the matching category, so a
 * store that is down gives `unavailable`, never an empty answer.
 */
export class StoreClient {
  private readonly client: grpc.Client;
  private readonly timeoutMs: number;

  constructor(
    readonly address: string,
    opts: StoreClientOptions = {},
  ) {
    this.client = new ClientCtor(address, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': 256 << 20,
    });
    this.timeoutMs = opts.timeoutMs ?? 120_000;
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }

  /** The store's time range and kind. */
  info(): Promise<epimetheus.store.IInfoResponse> {
    return this.unary('Info', {}, 'anonymous');
  }

  /**
   * The tenant's metric metadata on this store.
   * @throws EpimetheusError of the remote error's category (`unavailable` when the store is down).
   */
  async metadata(tenant: string): Promise<Map<string, MetadataEntry[]>> {
    return metadataFromProto(await this.unary('Metadata', {}, tenant));
  }

  /**
   * This store for `SelectingQueryable`: its kind and time range come from `Info`, asked on
   * first use and again whenever the answer is older than `refreshMs` (in the background; the
   * last answer serves meanwhile). Until a first answer, and after a failed call, the range is
   * unknown and the store is asked. Only a store-gateway's range is closed upwards: ingesters
   * (and queriers in front of them) take new samples after they answered.
   */
  selectable(refreshMs: number, now: () => number = Date.now): SelectableStore {
    let known: { kind: StoreKind; range: TimeRange | undefined } | undefined;
    let askedAt = -Infinity;
    const refresh = (): void => {
      askedAt = now();
      this.info().then(
        (r) =>
          (known = describeStore(r.component ?? '', {
            minTime: Number(r.minTime),
            maxTime: Number(r.maxTime),
          })),
        () => (known = undefined),
      );
    };
    return {
      get kind(): StoreKind {
        return known?.kind ?? 'other';
      },
      queryable: (tenant) => this.queryable(tenant),
      timeRange: () => {
        if (now() - askedAt >= refreshMs) refresh();
        return known?.range;
      },
    };
  }

  /**
   * The tenant's data on this store as a `Queryable`; with `blockIds`, only those blocks of a
   * store-gateway (see `StoreBackend.queryable`).
   */
  queryable(tenant: string, blockIds: readonly string[] = []): Queryable {
    return { querier: (mint, maxt) => Promise.resolve(this.querier(tenant, mint, maxt, [...blockIds])) };
  }

  private querier(tenant: string, mint: number, maxt: number, blockIds: string[]): Querier {
    return {
      select: (matchers, hints) =>
        this.series(
          tenant,
          matchers,
          { ...hints, start: Math.max(mint, hints.start), end: Math.min(maxt, hints.end) },
          blockIds,
        ),
      labelNames: async (matchers, hints) =>
        (
          (await this.unary(
            'LabelNames',
            { start: hints.start, end: hints.end, matchers: matchersToProto(matchers), blockIds },
            tenant,
          )) as epimetheus.store.ILabelNamesResponse
        ).names ?? [],
      labelValues: async (name, matchers, hints) =>
        (
          (await this.unary(
            'LabelValues',
            {
              label: name,
              start: hints.start,
              end: hints.end,
              matchers: matchersToProto(matchers),
              blockIds,
            },
            tenant,
          )) as epimetheus.store.ILabelValuesResponse
        ).values ?? [],
    };
  }

  private series(
    tenant: string,
    matchers: readonly Matcher[],
    hints: Parameters<Querier['select']>[1],
    blockIds: string[],
  ): Promise<SeriesData[]> {
    const req: epimetheus.store.ISeriesRequest = {
      blockIds,
      minTime: hints.start,
      maxTime: hints.end,
      matchers: matchersToProto(matchers),
      skipChunks: hints.labelsOnly === true,
      func: hints.func ?? '',
      step: hints.step ?? 0,
      range: hints.range ?? 0,
    };
    return new Promise((resolve, reject) => {
      const out: SeriesData[] = [];
      const stream = this.client.makeServerStreamRequest(
        STORE_SERVICE.Series!.path,
        STORE_SERVICE.Series!.requestSerialize,
        STORE_SERVICE.Series!.responseDeserialize,
        req,
        this.callMetadata(tenant),
        { deadline: Date.now() + this.timeoutMs },
      );
      stream.on('data', (m: epimetheus.store.ISeriesResponse) => {
        if (m.series) out.push(decodeSeries(m.series, hints.start, hints.end));
      });
      stream.on('error', (err: grpc.ServiceError) => reject(this.wrap(err)));
      stream.on('end', () => resolve(out.sort((a, b) => compareLabels(a.labels, b.labels))));
    });
  }

  private unary(method: string, req: unknown, tenant: string): Promise<never> {
    const def = STORE_SERVICE[method]!;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        req,
        this.callMetadata(tenant),
        { deadline: Date.now() + this.timeoutMs },
        (err, res) => (err ? reject(this.wrap(err)) : resolve(res as never)),
      );
    });
  }

  private callMetadata(tenant: string): grpc.Metadata {
    const md = new grpc.Metadata();
    md.set(TENANT_METADATA_KEY, tenant);
    return md;
  }

  private wrap(err: grpc.ServiceError): EpimetheusError {
    return new EpimetheusError(
      categoryOfGrpcCode(err.code),
      `store ${this.address}: ${err.details || err.message}`,
      { cause: err },
    );
  }
}

/** Decodes a wire series' XOR chunks into sample arrays, keeping only `[start, end]`. */
function decodeSeries(s: epimetheus.store.ISeries, start: number, end: number): SeriesData {
  const chunks = s.chunks ?? [];
  let total = 0;
  for (const c of chunks) total += xorChunkNumSamples(c.data ?? EMPTY);
  // Typed arrays all the way: a JS array would canonicalise the stale-marker NaN.
  const timestamps = new Float64Array(total);
  const values = new Float64Array(total);
  let n = 0;
  for (const c of chunks) n += decodeXorChunkInto(c.data ?? EMPTY, timestamps, values, n, start, end);
  return {
    labels: labelsFromProto(s.labels),
    timestamps: timestamps.subarray(0, n),
    values: values.subarray(0, n),
  };
}

const EMPTY = new Uint8Array(0);
