import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { labelsFrom } from '../model/index.js';
import { Engine, MemoryQueryable, resultToJSON } from './index.js';

function store(series: number, samples: number): MemoryQueryable {
  const q = new MemoryQueryable();
  for (let s = 0; s < series; s++) {
    const ls = labelsFrom({ __name__: 'm', i: String(s) });
    for (let t = 0; t < samples; t++) q.addFloat(ls, t * 15_000, t);
  }
  return q;
}

async function failure(p: Promise<unknown>): Promise<EpimetheusError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EpimetheusError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('query limits', () => {
  it('rejects a query that would hold too many samples', async () => {
    const e = await failure(new Engine({ maxSamples: 100 }).rangeQuery(store(10, 100), 'sum_over_time(m[10m])', 0, 1_500_000, 15_000));
    expect(e.category).toBe('execution');
    expect(e.message).toBe('query processing would load too many samples into memory in query execution');
  });

  it('allows the same query under the default limit', async () => {
    const r = await new Engine().rangeQuery(store(10, 100), 'sum_over_time(m[10m])', 0, 1_500_000, 15_000);
    expect(r.value.resultType).toBe('matrix');
  });

  it('rejects more than 11,000 points per series', async () => {
    const e = await failure(new Engine().rangeQuery(store(1, 1), 'm', 0, 11_001_000, 1000));
    expect(e.category).toBe('bad_data');
    expect(e.message).toMatch(/exceeded maximum resolution of 11,000 points per timeseries/);
  });

  it('times out', async () => {
    const e = await failure(new Engine({ timeoutMs: -1 }).instantQuery(store(1, 1), 'm', 0));
    expect(e.category).toBe('timeout');
  });

  it('can be cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await failure(new Engine().instantQuery(store(1, 1), 'm', 0, { signal: ac.signal }));
    expect(e.category).toBe('canceled');
  });

  it('reports parse errors as bad_data', async () => {
    const e = await failure(new Engine().instantQuery(store(1, 1), 'sum(', 0));
    expect(e.category).toBe('bad_data');
    expect(e.message).toMatch(/parse error/);
  });
});

describe('resultToJSON', () => {
  it('renders a matrix in the Prometheus API shape', async () => {
    const q = new MemoryQueryable();
    q.addFloat(labelsFrom({ __name__: 'm', a: 'x"y' }), 1_700_000_000_123, 1.5);
    q.addFloat(labelsFrom({ __name__: 'm', a: 'x"y' }), 1_700_000_001_123, Infinity);
    const r = await new Engine().rangeQuery(q, 'm', 1_700_000_000_123, 1_700_000_001_123, 1000);
    expect(resultToJSON(r)).toBe(
      '{"resultType":"matrix","result":[{"metric":{"__name__":"m","a":"x\\"y"},"values":[[1700000000.123,"1.5"],[1700000001.123,"+Inf"]]}]}',
    );
  });

  it('renders scalars, strings and vectors', async () => {
    const q = new MemoryQueryable();
    q.addFloat(labelsFrom({ __name__: 'm' }), 0, 1e21);
    const ng = new Engine();
    expect(resultToJSON(await ng.instantQuery(q, '1/0*0', 1000))).toBe('{"resultType":"scalar","result":[1,"NaN"]}');
    expect(resultToJSON(await ng.instantQuery(q, '"a"', 1500))).toBe('{"resultType":"string","result":[1.5,"a"]}');
    expect(resultToJSON(await ng.instantQuery(q, 'm', 1000))).toBe(
      '{"resultType":"vector","result":[{"metric":{"__name__":"m"},"value":[1,"1000000000000000000000"]}]}',
    );
  });

  it('renders native histograms with bucket boundaries', async () => {
    const q = new MemoryQueryable();
    q.addHistogram(labelsFrom({ __name__: 'h' }), 0, {
      counterResetHint: 0,
      schema: 0,
      zeroThreshold: 0.001,
      zeroCount: 1,
      count: 3,
      sum: 4,
      positiveSpans: [{ offset: 1, length: 1 }],
      positiveBuckets: [2],
      negativeSpans: [],
      negativeBuckets: [],
    });
    const r = await new Engine().instantQuery(q, 'h', 0);
    expect(resultToJSON(r)).toBe(
      '{"resultType":"vector","result":[{"metric":{"__name__":"h"},"histogram":[0,{"count":"3","sum":"4","buckets":[[3,"-0.001","0.001","1"],[0,"1","2","2"]]}]}]}',
    );
  });
});
