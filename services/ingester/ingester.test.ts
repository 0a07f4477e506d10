import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EmbeddedIngestLog } from '../../libs/ingestlog/index.js';
import { labelsFrom, Matcher, STALE_NAN, type Labels } from '../../libs/model/index.js';
import type { WriteRequest } from '../../libs/remotewrite/index.js';
import { poll } from '../../libs/services/index.js';
import { decodeLocalWriteRequest, Ingester, type DecodedRecord } from './index.js';
import { DEFAULT_LIMITS, staticLimits } from '../../libs/limits/index.js';
import type { Head } from '../../libs/tsdb/head/index.js';

/** A record codec for tests: JSON of `DecodedRecord` with labels as objects. */
const encode = (r: { series: { labels: Record<string, string>; t: number[]; v: number[] }[] }) =>
  new TextEncoder().encode(JSON.stringify(r));
const decode = (b: Uint8Array): DecodedRecord => {
  const r = JSON.parse(new TextDecoder().decode(b)) as { series: { labels: Record<string, string>; t: number[]; v: number[] }[] };
  return { series: r.series.map((s) => ({ labels: labelsFrom(s.labels) as Labels, timestamps: s.t, values: s.v })), metadata: [] };
};

const config = { partitionId: 0, outOfOrderWindowMs: 0, blockRangeMs: 7_200_000, maxReadyLag: 0, cutIntervalMs: 60_000, localBlockRetentionMs: 0, idleTimeoutMs: 3_600_000, consumerGroup: '', deleteLogBelowCommit: true };
const deps = () => ({ logger: pino({ level: 'silent' }), registry: new Registry(), decode, blocksDir: mkdtempSync(join(tmpdir(), 'ing-blocks-')) });

async function samplesOf(ing: Ingester, tenant: string, name: string): Promise<number[]> {
  const q = await ing.queryable(tenant).querier(0, 1e12);
  const s = await q.select([new Matcher('=', '__name__', name)], { start: 0, end: 1e12 });
  return s.flatMap((x) => Array.from(x.values));
}

describe('Ingester', () => {
  it('applies records per tenant and replays the log after a restart before it is ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ing-'));
    let log = await EmbeddedIngestLog.open({ dir });
    const producer = log.producer();
    for (let i = 0; i < 50; i++) {
      await producer.produce(0, [
        { key: 'a', value: encode({ series: [{ labels: { __name__: 'm', i: 'x' }, t: [1000 * (i + 1)], v: [i] }] }) },
        { key: 'b', value: encode({ series: [{ labels: { __name__: 'm', i: 'y' }, t: [1000 * (i + 1)], v: [-i - 1] }] }) },
      ]);
    }
    let ing = new Ingester(config, () => log, deps());
    await ing.startAsync();
    await poll(() => ing.notReadyReason() === undefined, { what: 'replay' });
    expect(await samplesOf(ing, 'a', 'm')).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(await samplesOf(ing, 'b', 'm')).toEqual(Array.from({ length: 50 }, (_, i) => -i - 1));
    expect(await samplesOf(ing, 'c', 'm')).toEqual([]);
    await ing.stopAsync();
    await log.close();

    log = await EmbeddedIngestLog.open({ dir });
    ing = new Ingester(config, () => log, deps());
    await ing.startAsync();
    await poll(() => ing.notReadyReason() === undefined, { what: 'replay after restart' });
    expect(await samplesOf(ing, 'a', 'm')).toHaveLength(50);
    await ing.stopAsync();
    await log.close();
  });

  it('counts samples the head refuses instead of failing the partition', async () => {
    const log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'ing-')) });
    const registry = new Registry();
    const ing = new Ingester(config, () => log, { ...deps(), registry });
    await ing.startAsync();
    const p = log.producer();
    await p.produce(0, [{ key: 'a', value: encode({ series: [{ labels: { __name__: 'm' }, t: [5000], v: [1] }] }) }]);
    await p.produce(0, [{ key: 'a', value: encode({ series: [{ labels: { __name__: 'm' }, t: [4000], v: [2] }] }) }]);
    await p.produce(0, [{ key: 'a', value: new TextEncoder().encode('not json') }]);
    await p.produce(0, [{ key: 'a', value: encode({ series: [{ labels: { __name__: 'm' }, t: [6000], v: [3] }] }) }]);
    await poll(async () => (await samplesOf(ing, 'a', 'm')).length === 2, { what: 'last record applied' });
    expect(await samplesOf(ing, 'a', 'm')).toEqual([1, 3]);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/epimetheus_ingester_discarded_samples_total\{reason="out_of_order"\} 1/);
    await ing.stopAsync();
    await log.close();
  });
});

describe('Ingester series limits', () => {
  it('refuses new series over the tenant limit and keeps appending to existing ones', async () => {
    const log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'ing-')) });
    const registry = new Registry();
    const limits = staticLimits({ ...DEFAULT_LIMITS, maxGlobalSeriesPerUser: 2 });
    const ing = new Ingester(config, () => log, { ...deps(), registry, limits });
    await ing.startAsync();
    const p = log.producer();
    const rec = (i: string, t: number) => ({ labels: { __name__: 'm', i }, t: [t], v: [t] });
    await p.produce(0, [{ key: 'a', value: encode({ series: [rec('1', 1000), rec('2', 1000), rec('3', 1000)] }) }]);
    await p.produce(0, [{ key: 'a', value: encode({ series: [rec('1', 2000), rec('3', 2000)] }) }]);
    await p.produce(0, [{ key: 'b', value: encode({ series: [rec('1', 1000), rec('2', 1000)] }) }]);
    await poll(async () => (await samplesOf(ing, 'b', 'm')).length === 2, { what: 'records applied' });
    expect(await samplesOf(ing, 'a', 'm')).toEqual([1000, 2000, 1000]);
    expect(await registry.metrics()).toMatch(/epimetheus_ingester_discarded_samples_total\{reason="series_limit"\} 2/);
    await ing.stopAsync();
    await log.close();
  });
});

describe('Ingester per-metric series limit', () => {
  it('refuses new series of a metric over its limit and still takes other metrics', async () => {
    const log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'ing-')) });
    const registry = new Registry();
    const limits = staticLimits({ ...DEFAULT_LIMITS, maxGlobalSeriesPerMetric: 2 });
    const ing = new Ingester(config, () => log, { ...deps(), registry, limits });
    await ing.startAsync();
    const p = log.producer();
    const rec = (name: string, i: string) => ({ labels: { __name__: name, i }, t: [1000], v: [Number(i)] });
    await p.produce(0, [{ key: 'a', value: encode({ series: [rec('m', '1'), rec('m', '2'), rec('m', '3'), rec('n', '1'), rec('n', '2')] }) }]);
    await poll(async () => (await samplesOf(ing, 'a', 'n')).length === 2, { what: 'record applied' });
    expect((await samplesOf(ing, 'a', 'm')).sort()).toEqual([1, 2]);
    expect(await registry.metrics()).toMatch(/epimetheus_ingester_discarded_samples_total\{reason="series_limit"\} 1/);
    await ing.stopAsync();
    await log.close();
  });
});

describe('Ingester in-process records', () => {
  const series = (t: number, v: number): WriteRequest => ({
    version: '1.0',
    timeseries: [
      {
        labels: labelsFrom({ __name__: 'm', i: 'x' }),
        labelsUnsorted: false,
        samples: { timestamps: new Float64Array([t]), values: new Float64Array([v]) },
        histograms: [],
        exemplars: [],
        metadata: undefined,
        createdTimestamp: 0,
      },
    ],
    metadata: [],
  });

  it('applies the local decoded request instead of decoding the bytes, stale markers bit for bit', async () => {
    const log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'ing-')) });
    let decoded = 0;
    const counting = (b: Uint8Array): DecodedRecord => {
      decoded++;
      return decode(b);
    };
    const ing = new Ingester(config, () => log, { ...deps(), decode: counting });
    await ing.startAsync();
    const p = log.producer();
    const json = (t: number, v: number) => encode({ series: [{ labels: { __name__: 'm', i: 'x' }, t: [t], v: [v] }] });
    await p.produce(0, [{ key: 'a', value: json(1000, 1), local: series(1000, 1) }]);
    await p.produce(0, [{ key: 'a', value: json(2000, 0), local: series(2000, STALE_NAN) }]);
    // Metadata is not taken from the local value: this record is decoded from its bytes.
    await p.produce(0, [{ key: 'a', value: json(3000, 3), local: { ...series(3000, 3), metadata: [{ type: 1, metricFamilyName: 'm', help: '', unit: '' }] } }]);
    await poll(async () => (await samplesOf(ing, 'a', 'm')).length === 3, { what: 'records applied' });
    expect(decoded).toBe(1);
    const q = await ing.queryable('a').querier(0, 1e12);
    const [got] = await q.select([new Matcher('=', '__name__', 'm')], { start: 0, end: 1e12 });
    const bits = new BigUint64Array(new Float64Array(got!.values).buffer);
    expect(bits[1]).toBe(new BigUint64Array(new Float64Array([STALE_NAN]).buffer)[0]);
    expect(Array.from(got!.values).filter((_, i) => i !== 1)).toEqual([1, 3]);
    await ing.stopAsync();
    await log.close();
  });

  it('finds a series again by its labels array, and after truncation deleted it', async () => {
    const log = await EmbeddedIngestLog.open({ dir: mkdtempSync(join(tmpdir(), 'ing-')) });
    const ing = new Ingester(config, () => log, deps());
    await ing.startAsync();
    const p = log.producer();
    const first = series(1000, 1);
    const again = (t: number, v: number): WriteRequest => {
      const r = series(t, v);
      r.timeseries[0]!.labels = first.timeseries[0]!.labels; // the decoder shares label sets like this
      return r;
    };
    const json = encode({ series: [] });
    await p.produce(0, [{ key: 'a', value: json, local: first }]);
    await p.produce(0, [{ key: 'a', value: json, local: again(2000, 2) }]);
    await poll(async () => (await samplesOf(ing, 'a', 'm')).length === 2, { what: 'two samples' });
    const head = ing.queryable('a') as Head;
    head.truncateBefore(5000);
    expect(head.numSeries).toBe(0);
    await p.produce(0, [{ key: 'a', value: json, local: again(6000, 6) }]);
    await poll(async () => (await samplesOf(ing, 'a', 'm')).length === 1, { what: 'sample after truncation' });
    expect(await samplesOf(ing, 'a', 'm')).toEqual([6]);
    expect(head.numSeries).toBe(1);
    await ing.stopAsync();
    await log.close();
  });

  it('takes only local values that can stand in for the bytes', () => {
    expect(decodeLocalWriteRequest(undefined)).toBeUndefined();
    expect(decodeLocalWriteRequest({ version: '2.0', timeseries: [], metadata: [] })).toBeUndefined();
    const withSeriesMeta = series(1, 1);
    withSeriesMeta.timeseries[0]!.metadata = { type: 1, help: 'h', unit: '' };
    expect(decodeLocalWriteRequest(withSeriesMeta)).toBeUndefined();
    const ok = series(5, 7);
    expect(decodeLocalWriteRequest(ok)).toEqual({
      series: [{ labels: ok.timeseries[0]!.labels, timestamps: new Float64Array([5]), values: new Float64Array([7]) }],
      metadata: [],
    });
  });
});
