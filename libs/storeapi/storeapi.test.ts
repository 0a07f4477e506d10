import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import {
  isStaleNaN,
  labelsFrom,
  Matcher,
  STALE_NAN,
  type Queryable,
  type SeriesData,
} from '../model/index.js';
import { addStoreService, FailoverQueryable, MergeQueryable, mergeSeries, StoreClient } from './index.js';

/** A store holding fixed series per tenant; tenant "broken" fails every call. */
function fakeQueryable(data: SeriesData[], broken = false): Queryable {
  const match = (ms: readonly Matcher[]) =>
    data.filter((s) => ms.every((m) => m.matches(s.labels.find((l) => l.name === m.name)?.value ?? '')));
  return {
    querier: () =>
      broken
        ? Promise.reject(new EpimetheusError('unavailable', 'disk on fire'))
        : Promise.resolve({
            select: (ms) => Promise.resolve(match(ms)),
            labelNames: (ms) =>
              Promise.resolve([...new Set(match(ms).flatMap((s) => s.labels.map((l) => l.name)))].sort()),
            labelValues: (n, ms) =>
              Promise.resolve(
                [...new Set(match(ms).map((s) => s.labels.find((l) => l.name === n)?.value ?? ''))].sort(),
              ),
          }),
  };
}

const ts = Float64Array.from({ length: 300 }, (_, i) => 1000 * i);
const vs = Float64Array.from({ length: 300 }, (_, i) => i * 1.5);
vs[299] = STALE_NAN;
const tenantA: SeriesData[] = [
  { labels: labelsFrom({ __name__: 'up', job: 'a' }), timestamps: ts, values: vs },
  {
    labels: labelsFrom({ __name__: 'up', job: 'b' }),
    timestamps: ts.subarray(0, 3),
    values: vs.subarray(0, 3),
  },
];

let server: grpc.Server;
let client: StoreClient;

beforeAll(async () => {
  server = new grpc.Server();
  addStoreService(
    server,
    {
      component: 'ingester',
      queryable: (t) => fakeQueryable(t === 'a' ? tenantA : [], t === 'broken'),
      timeRange: () => ({ minTime: 0, maxTime: 299_000 }),
    },
    pino({ level: 'silent' }),
  );
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  client = new StoreClient(`127.0.0.1:${port}`);
});
afterAll(() => {
  client.close();
  server.forceShutdown();
});

describe('StoreAPI over gRPC', () => {
  it('streams series as chunks and decodes them bit for bit, stale marker included', async () => {
    const q = await client.queryable('a').querier(0, 1e9);
    const got = await q.select([new Matcher('=', 'job', 'a')], { start: 0, end: 1e9 });
    expect(got).toHaveLength(1);
    expect(Array.from(got[0]!.timestamps)).toEqual(Array.from(ts));
    expect(Array.from(got[0]!.values as Float64Array).slice(0, 299)).toEqual(Array.from(vs.subarray(0, 299)));
    expect(isStaleNaN(got[0]!.values[299]!)).toBe(true);
  });

  it('trims samples to the requested range', async () => {
    const q = await client.queryable('a').querier(0, 1e9);
    const got = await q.select([new Matcher('=', 'job', 'a')], { start: 10_000, end: 20_000 });
    expect(Array.from(got[0]!.timestamps)).toEqual([
      10_000, 11_000, 12_000, 13_000, 14_000, 15_000, 16_000, 17_000, 18_000, 19_000, 20_000,
    ]);
  });

  it('keeps tenants apart', async () => {
    const q = await client.queryable('other').querier(0, 1e9);
    expect(await q.select([new Matcher('=', '__name__', 'up')], { start: 0, end: 1e9 })).toEqual([]);
  });

  it('serves label names and values', async () => {
    const q = await client.queryable('a').querier(0, 1e9);
    expect(await q.labelNames([], { start: 0, end: 1e9 })).toEqual(['__name__', 'job']);
    expect(await q.labelValues('job', [], { start: 0, end: 1e9 })).toEqual(['a', 'b']);
  });

  it('maps a store failure to unavailable, never an empty answer', async () => {
    const q = await client.queryable('broken').querier(0, 1e9);
    const err = await q.select([], { start: 0, end: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EpimetheusError);
    expect((err as EpimetheusError).category).toBe('unavailable');
    expect((err as Error).message).toContain('disk on fire');
  });

  it('reports unavailable when nothing listens', async () => {
    const dead = new StoreClient('127.0.0.1:1', { timeoutMs: 2000 });
    const q = await dead.queryable('a').querier(0, 1);
    await expect(q.select([], { start: 0, end: 1 })).rejects.toMatchObject({ category: 'unavailable' });
    dead.close();
  });
});

describe('merging stores', () => {
  it('merges equal series and keeps a duplicated timestamp once', () => {
    const l = labelsFrom({ __name__: 'x' });
    const merged = mergeSeries([
      [{ labels: l, timestamps: Float64Array.of(1, 2, 3), values: Float64Array.of(10, 20, 30) }],
      [{ labels: l, timestamps: Float64Array.of(3, 4), values: Float64Array.of(30, 40) }],
    ]);
    expect(merged).toHaveLength(1);
    expect(Array.from(merged[0]!.timestamps)).toEqual([1, 2, 3, 4]);
    expect(Array.from(merged[0]!.values)).toEqual([10, 20, 30, 40]);
  });

  it('fails as a whole when one store fails', async () => {
    const m = new MergeQueryable(() => [fakeQueryable(tenantA), fakeQueryable([], true)]);
    await expect(m.querier(0, 1)).rejects.toThrow('disk on fire');
  });
});

describe('replicas of the same data', () => {
  const down = fakeQueryable([], true);
  const up = fakeQueryable(tenantA);
  it('answer from the next replica when the first is unavailable', async () => {
    const q = await new FailoverQueryable([down, up]).querier(0, 1e9);
    expect(await q.select([new Matcher('=', 'job', 'b')], { start: 0, end: 1e9 })).toHaveLength(1);
  });
  it('fail when every replica fails', async () => {
    const q = await new FailoverQueryable([down, down]).querier(0, 1e9);
    await expect(q.select([], { start: 0, end: 1 })).rejects.toMatchObject({ category: 'unavailable' });
  });
  it("do not retry what is the caller's error", async () => {
    let asked = 0;
    const bad: Queryable = {
      querier: () => {
        asked++;
        return Promise.reject(new EpimetheusError('bad_data', 'bad matcher'));
      },
    };
    const q = await new FailoverQueryable([bad, up]).querier(0, 1e9);
    await expect(q.select([], { start: 0, end: 1 })).rejects.toThrow('bad matcher');
    expect(asked).toBe(1);
  });
});
