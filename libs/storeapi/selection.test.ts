import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { labelsFrom, Matcher, type Queryable, type SeriesData } from '../model/index.js';
import { poll } from '../services/index.js';
import {
  addStoreService,
  MergeQueryable,
  SelectingQueryable,
  StoreClient,
  storeWindow,
  type SelectableStore,
  type StoreKind,
  type StoreSelectionConfig,
  type TimeRange,
} from './index.js';

const H = 3_600_000;
const NOW = 100 * H;
const config: StoreSelectionConfig = {
  queryIngestersWithinMs: 13 * H,
  queryStoreAfterMs: 0,
  storeInfoRefreshMs: 10_000,
};

/** A store with one series sampled every minute over `range`, counting the queriers opened. */
function fakeStore(kind: StoreKind, name: string, range: TimeRange | undefined, data: TimeRange = range!) {
  const ts: number[] = [];
  for (let t = Math.ceil(data.minTime / 60_000) * 60_000; t <= data.maxTime; t += 60_000) ts.push(t);
  const series: SeriesData = {
    labels: labelsFrom({ __name__: 'm', store: name }),
    timestamps: Float64Array.from(ts),
    values: Float64Array.from(ts, (t) => t / 1000),
  };
  const calls: TimeRange[] = [];
  const queryable: Queryable = {
    querier: (mint, maxt) => {
      calls.push({ minTime: mint, maxTime: maxt });
      const keep = (s: SeriesData, lo: number, hi: number): SeriesData[] => {
        const idx = Array.from({ length: s.timestamps.length }, (_, i) => i).filter(
          (i) => s.timestamps[i]! >= lo && s.timestamps[i]! <= hi,
        );
        if (idx.length === 0) return [];
        return [
          {
            labels: s.labels,
            timestamps: Float64Array.from(idx, (i) => s.timestamps[i]!),
            values: Float64Array.from(idx, (i) => s.values[i]!),
          },
        ];
      };
      return Promise.resolve({
        select: (_ms, h) => Promise.resolve(keep(series, Math.max(mint, h.start), Math.min(maxt, h.end))),
        labelNames: () => Promise.resolve(['__name__', 'store']),
        labelValues: () => Promise.resolve([name]),
      });
    },
  };
  const store: SelectableStore = { kind, queryable: () => queryable, timeRange: () => range };
  return { store, calls };
}

describe('storeWindow', () => {
  const cases: {
    name: string;
    kind: StoreKind;
    range: TimeRange | undefined;
    q: [number, number];
    cfg?: Partial<StoreSelectionConfig>;
    want: TimeRange | undefined;
  }[] = [
    {
      name: 'overlapping store-gateway is asked for the whole query',
      kind: 'store-gateway',
      range: { minTime: 0, maxTime: 10 * H },
      q: [5 * H, 20 * H],
      want: { minTime: 5 * H, maxTime: 20 * H },
    },
    {
      name: 'store-gateway ending before the query is skipped',
      kind: 'store-gateway',
      range: { minTime: 0, maxTime: 10 * H },
      q: [11 * H, 20 * H],
      want: undefined,
    },
    {
      name: 'store-gateway starting after the query is skipped',
      kind: 'store-gateway',
      range: { minTime: 30 * H, maxTime: 40 * H },
      q: [11 * H, 20 * H],
      want: undefined,
    },
    {
      name: 'empty store-gateway is skipped',
      kind: 'store-gateway',
      range: { minTime: Infinity, maxTime: -Infinity },
      q: [0, NOW],
      want: undefined,
    },
    {
      name: 'unknown range is always asked',
      kind: 'other',
      range: undefined,
      q: [0, 1],
      want: { minTime: 0, maxTime: 1 },
    },
    {
      name: 'ingester is asked only within 13h',
      kind: 'ingester',
      range: undefined,
      q: [NOW - 20 * H, NOW],
      want: { minTime: NOW - 13 * H, maxTime: NOW },
    },
    {
      name: 'ingester skipped for a query older than 13h',
      kind: 'ingester',
      range: undefined,
      q: [NOW - 20 * H, NOW - 14 * H],
      want: undefined,
    },
    {
      name: 'ingester range is open upwards',
      kind: 'ingester',
      range: { minTime: NOW - H, maxTime: NOW - H },
      q: [NOW - 30_000, NOW],
      want: { minTime: NOW - 30_000, maxTime: NOW },
    },
    {
      name: 'ingester starting after the query is skipped',
      kind: 'ingester',
      range: { minTime: NOW - H, maxTime: NOW },
      q: [NOW - 3 * H, NOW - 2 * H],
      want: undefined,
    },
    {
      name: 'query-ingesters-within 0 always asks ingesters',
      kind: 'ingester',
      range: undefined,
      q: [0, 1],
      cfg: { queryIngestersWithinMs: 0 },
      want: { minTime: 0, maxTime: 1 },
    },
    {
      name: 'query-store-after skips a store-gateway for recent queries',
      kind: 'store-gateway',
      range: { minTime: 0, maxTime: NOW },
      q: [NOW - H, NOW],
      cfg: { queryStoreAfterMs: 2 * H },
      want: undefined,
    },
    {
      name: 'query-store-after keeps older queries on the store-gateway',
      kind: 'store-gateway',
      range: { minTime: 0, maxTime: NOW },
      q: [NOW - 3 * H, NOW],
      cfg: { queryStoreAfterMs: 2 * H },
      want: { minTime: NOW - 3 * H, maxTime: NOW },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const store: SelectableStore = {
        kind: c.kind,
        queryable: () => ({ querier: () => Promise.reject(new Error('not here')) }),
        timeRange: () => c.range,
      };
      expect(storeWindow(store, c.q[0], c.q[1], { ...config, ...c.cfg }, NOW)).toEqual(c.want);
    });
  }
});

describe('SelectingQueryable', () => {
  const blocksOld = fakeStore('store-gateway', 'old', { minTime: 0, maxTime: 50 * H - 1 });
  const blocksNew = fakeStore('store-gateway', 'new', { minTime: 50 * H, maxTime: 98 * H - 1 });
  const ingester = fakeStore(
    'ingester',
    'ing',
    { minTime: 97 * H, maxTime: NOW },
    { minTime: 97 * H, maxTime: NOW },
  );
  const all = [blocksOld, blocksNew, ingester];

  it('does not ask a store whose range does not overlap, and answers as asking all would', async () => {
    const ranges: [number, number][] = [
      [10 * H, 12 * H],
      [49 * H, 51 * H],
      [60 * H, 61 * H],
      [96 * H, NOW],
      [99 * H, NOW],
      [0, NOW],
    ];
    for (const [mint, maxt] of ranges) {
      for (const s of all) s.calls.length = 0;
      const selecting = await new SelectingQueryable(
        () => all.map((s) => s.store),
        't',
        config,
        () => NOW,
      ).querier(mint, maxt);
      const got = await selecting.select([new Matcher('=', '__name__', 'm')], { start: mint, end: maxt });
      const asked = all.map((s) => s.calls.length);
      const everything = await new MergeQueryable(() => all.map((s) => s.store.queryable('t'))).querier(
        mint,
        maxt,
      );
      const want = await everything.select([new Matcher('=', '__name__', 'm')], { start: mint, end: maxt });
      expect(got.map((s) => [s.labels, Array.from(s.timestamps), Array.from(s.values)])).toEqual(
        want.map((s) => [s.labels, Array.from(s.timestamps), Array.from(s.values)]),
      );
      expect(asked, `[${mint / H}h, ${maxt / H}h]`).toEqual([
        mint <= 50 * H - 1 ? 1 : 0,
        maxt >= 50 * H && mint <= 98 * H - 1 ? 1 : 0,
        maxt >= 97 * H && maxt >= NOW - 13 * H ? 1 : 0,
      ]);
    }
  });

  it('asks the ingester only from now-13h on', async () => {
    ingester.calls.length = 0;
    await new SelectingQueryable(
      () => [ingester.store],
      't',
      config,
      () => NOW,
    ).querier(0, NOW);
    expect(ingester.calls).toEqual([{ minTime: NOW - 13 * H, maxTime: NOW }]);
  });

  it('fails when a store of unknown range fails, rather than leaving it out', async () => {
    const broken: SelectableStore = {
      kind: 'other',
      queryable: () => ({ querier: () => Promise.reject(new EpimetheusError('unavailable', 'down')) }),
      timeRange: () => undefined,
    };
    const q = new SelectingQueryable(
      () => [blocksOld.store, broken],
      't',
      config,
      () => NOW,
    );
    await expect(q.querier(0, H)).rejects.toThrow('down');
  });
});

describe('StoreClient.selectable', () => {
  let server: grpc.Server;
  let client: StoreClient;
  let selects = 0;
  beforeAll(async () => {
    server = new grpc.Server();
    const q: Queryable = {
      querier: () =>
        Promise.resolve({
          select: () => {
            selects++;
            return Promise.resolve([]);
          },
          labelNames: () => Promise.resolve([]),
          labelValues: () => Promise.resolve([]),
        }),
    };
    addStoreService(
      server,
      { component: 'store-gateway', queryable: () => q, timeRange: () => ({ minTime: 1000, maxTime: 2000 }) },
      pino({ level: 'silent' }),
    );
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    client = new StoreClient(`127.0.0.1:${port}`);
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  it('is asked while its range is unknown, and skipped once Info says it does not overlap', async () => {
    const store = client.selectable(60_000);
    const read = async (mint: number, maxt: number): Promise<void> => {
      const q = await new SelectingQueryable(
        () => [store],
        't',
        config,
        () => NOW,
      ).querier(mint, maxt);
      await q.select([new Matcher('=', '__name__', 'm')], { start: mint, end: maxt });
    };
    await read(5000, 6000);
    expect(selects).toBe(1);
    await poll(() => store.timeRange() !== undefined, { what: 'Info answer' });
    expect(store.kind).toBe('store-gateway');
    expect(store.timeRange()).toEqual({ minTime: 1000, maxTime: 2000 });
    await read(5000, 6000);
    expect(selects).toBe(1);
    await read(1500, 6000);
    expect(selects).toBe(2);
  });
});
