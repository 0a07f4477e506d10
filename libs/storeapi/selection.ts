import type { FlagDef, FlagValues } from '../config/index.js';
import type { Querier, Queryable } from '../model/index.js';
import { MergeQueryable } from './merge.js';
import type { StoreBackend } from './server.js';

/** A time range in ms, both ends inclusive. `minTime > maxTime` means the store holds nothing. */
export interface TimeRange {
  minTime: number;
  maxTime: number;
}

/** What a store holds, as far as choosing it goes. */
export type StoreKind = 'ingester' | 'store-gateway' | 'other';

/** A store the querier may ask, with what it knows of the store's time range. */
export interface SelectableStore {
  readonly kind: StoreKind;
  /** The tenant's data on this store. */
  queryable(tenant: string): Queryable;
  /**
   * The last known range of the store's data; `undefined` when unknown (never asked yet, or the
   * last Info call failed): such a store is always asked, so an unknown store fails a query
   * rather than being left out of it.
   */
  timeRange(): TimeRange | undefined;
}

/**
 * The kind of a store from its component name (`StoreBackend.component`, `Info.component`), and
 * the range to select it by: only a store-gateway's range is closed upwards, since ingesters (and
 * queriers or combined processes in front of them) take new samples after they reported it; an
 * empty range of those is unknown, as an empty head may fill at any time.
 */
export function describeStore(
  component: string,
  range: TimeRange,
): { kind: StoreKind; range: TimeRange | undefined } {
  if (component === 'store-gateway') return { kind: 'store-gateway', range };
  const kind: StoreKind = component === 'ingester' ? 'ingester' : 'other';
  return {
    kind,
    range: range.minTime > range.maxTime ? undefined : { minTime: range.minTime, maxTime: Infinity },
  };
}

/** A store served by this process, selected by its live `timeRange()`. */
export function localStore(backend: StoreBackend): SelectableStore {
  return {
    kind: describeStore(backend.component, { minTime: 0, maxTime: 0 }).kind,
    queryable: (t) => backend.queryable(t),
    timeRange: () => describeStore(backend.component, backend.timeRange()).range,
  };
}

/** How the querier picks stores by time (Mimir's flags). */
export interface StoreSelectionConfig {
  /** Ingesters are not asked for data older than now minus this; 0 always asks them. @default 13h */
  queryIngestersWithinMs: number;
  /** Store-gateways are not asked for queries entirely newer than now minus this; 0 always asks them. @default 0 */
  queryStoreAfterMs: number;
  /** How old a remote store's Info (time range) may get before it is asked again. @default 10s */
  storeInfoRefreshMs: number;
}

/** The store-selection flags. */
export const STORE_SELECTION_FLAGS: readonly FlagDef[] = [
  {
    name: 'querier.query-ingesters-within',
    type: 'duration',
    default: 13 * 3_600_000,
    help: 'Ingesters are not asked for data older than now minus this (their heads hold only recent data); 0 always asks them.',
  },
  {
    name: 'querier.query-store-after',
    type: 'duration',
    default: 0,
    help:
      'Store-gateways are asked only for queries reaching further back than now minus this; 0 always asks them. ' +
      'Keep it 0 unless ingesters keep shipped samples at least this long (see services/store-gateway/README.md).',
  },
  {
    name: 'querier.store-info-refresh-interval',
    type: 'duration',
    default: 10_000,
    help: 'How often the querier re-asks each remote store for its time range.',
  },
];

/** Compiles the store-selection flags. @throws Error naming the flag when invalid. */
export function storeSelectionConfig(v: FlagValues): StoreSelectionConfig {
  const c: StoreSelectionConfig = {
    queryIngestersWithinMs: v.get('querier.query-ingesters-within') as number,
    queryStoreAfterMs: v.get('querier.query-store-after') as number,
    storeInfoRefreshMs: v.get('querier.store-info-refresh-interval') as number,
  };
  if (c.queryIngestersWithinMs < 0) throw new Error('--querier.query-ingesters-within must not be negative');
  if (c.queryStoreAfterMs < 0) throw new Error('--querier.query-store-after must not be negative');
  if (c.storeInfoRefreshMs < 100)
    throw new Error('--querier.store-info-refresh-interval must be at least 100ms');
  if (c.queryIngestersWithinMs > 0 && c.queryStoreAfterMs >= c.queryIngestersWithinMs) {
    throw new Error(
      '--querier.query-store-after must be below --querier.query-ingesters-within, or some data is asked of no store',
    );
  }
  return c;
}

/**
 * The part of `[mint, maxt]` to ask `store` for, or `undefined` when it is not to be asked: its
 * known range does not overlap, or the selection flags rule it out. An ingester's range is open
 * upwards (its head takes new samples after its range was last read) and an empty one counts as
 * unknown; ingesters are asked only from `now - queryIngestersWithin` on.
 */
export function storeWindow(
  store: SelectableStore,
  mint: number,
  maxt: number,
  config: StoreSelectionConfig,
  now: number,
): TimeRange | undefined {
  let lo = mint;
  const hi = maxt;
  let range = store.timeRange();
  if (store.kind === 'ingester') {
    if (config.queryIngestersWithinMs > 0) lo = Math.max(lo, now - config.queryIngestersWithinMs);
    range =
      range === undefined || range.minTime > range.maxTime
        ? undefined
        : { minTime: range.minTime, maxTime: Infinity };
  }
  if (store.kind === 'store-gateway' && config.queryStoreAfterMs > 0 && mint > now - config.queryStoreAfterMs)
    return undefined;
  if (range !== undefined && (range.minTime > hi || range.maxTime < lo)) return undefined;
  return lo <= hi ? { minTime: lo, maxTime: hi } : undefined;
}

/**
 * Reads the stores whose data can matter for a query, merged (see `MergeQueryable`): each store
 * is asked only for its window (`storeWindow`), and not at all when it has none. Answers are
 * those of asking every store: a skipped store holds nothing in the range.
 */
export class SelectingQueryable implements Queryable {
  constructor(
    private readonly stores: () => readonly SelectableStore[],
    private readonly tenant: string,
    private readonly config: StoreSelectionConfig,
    private readonly now: () => number = Date.now,
  ) {}

  querier(mint: number, maxt: number): Promise<Querier> {
    const now = this.now();
    const picked: Queryable[] = [];
    for (const s of this.stores()) {
      const w = storeWindow(s, mint, maxt, this.config, now);
      if (w === undefined) continue;
      const q = s.queryable(this.tenant);
      picked.push(
        w.minTime === mint && w.maxTime === maxt ? q : { querier: () => q.querier(w.minTime, w.maxTime) },
      );
    }
    return new MergeQueryable(() => picked).querier(mint, maxt);
  }
}
