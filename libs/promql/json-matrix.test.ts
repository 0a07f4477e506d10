import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../model/index.js';
import type { MatrixSeries, QueryResult } from './engine.js';
import { resultToJSON, resultToJSONBytes } from './json.js';

function matrix(series: MatrixSeries[]): QueryResult {
  return { value: { resultType: 'matrix', series }, warnings: [], infos: [], stats: { peakSamples: 0, totalSamples: 0 } };
}

function floats(metric: Record<string, string>, points: [number, number][]): MatrixSeries {
  return {
    metric: labelsFrom(metric),
    timestamps: Float64Array.from(points.map((p) => p[0])),
    values: Float64Array.from(points.map((p) => p[1])),
    histogramTimestamps: new Float64Array(0),
    histograms: [],
  };
}

const T = 1_700_000_000_000;

describe('resultToJSON for matrices', () => {
  const rows: { name: string; series: MatrixSeries[]; want: string }[] = [
    {
      name: 'integers take the digit path, other floats formatGoFloat',
      series: [floats({ a: 'b' }, [[T, 0], [T + 1, -7], [T + 2, 123456789012345], [T + 3, 999999999999999], [T + 4, 1e15], [T + 5, -0], [T + 6, 1e21], [T + 7, 0.1], [T + 8, -2.5e-7]])],
      want:
        '[{"metric":{"a":"b"},"values":[[1700000000,"0"],[1700000000.001,"-7"],[1700000000.002,"123456789012345"],[1700000000.003,"999999999999999"],' +
        '[1700000000.004,"1000000000000000"],[1700000000.005,"-0"],[1700000000.006,"1000000000000000000000"],[1700000000.007,"0.1"],[1700000000.008,"-0.00000025"]]}]',
    },
    {
      name: 'special values',
      series: [floats({ a: 'b' }, [[T, NaN], [T + 1000, Infinity], [T + 2000, -Infinity]])],
      want: '[{"metric":{"a":"b"},"values":[[1700000000,"NaN"],[1700000001,"+Inf"],[1700000002,"-Inf"]]}]',
    },
    {
      name: 'escaped and non-ASCII label values',
      series: [floats({ q: 'x"y\\z\n', u: 'café 日本', w: 'a\u2028b\u2029' }, [[T, 1]])],
      want: '[{"metric":{"q":"x\\"y\\\\z\\n","u":"café 日本","w":"a\\u2028b\\u2029"},"values":[[1700000000,"1"]]}]',
    },
    {
      name: 'series with other times than the one before, and a series without points',
      series: [
        floats({ s: '1' }, [[T, 1], [T + 15_000, 2]]),
        floats({ s: '2' }, [[T + 15_000, 3], [T + 30_500, 4]]),
        floats({ s: '3' }, []),
      ],
      want:
        '[{"metric":{"s":"1"},"values":[[1700000000,"1"],[1700000015,"2"]]},{"metric":{"s":"2"},"values":[[1700000015,"3"],[1700000030.5,"4"]]},' +
        '{"metric":{"s":"3"}}]',
    },
    {
      name: 'histograms after floats',
      series: [
        {
          ...floats({ h: 'x' }, [[T, 1]]),
          histogramTimestamps: Float64Array.from([T + 1000]),
          histograms: [{ counterResetHint: 0, schema: 0, zeroThreshold: 0, zeroCount: 0, count: 2, sum: 3, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [2], negativeSpans: [], negativeBuckets: [] }],
        },
      ],
      want: '[{"metric":{"h":"x"},"values":[[1700000000,"1"]],"histograms":[[1700000001,{"count":"2","sum":"3","buckets":[[0,"0.5","1","2"]]}]]}]',
    },
    { name: 'no series', series: [], want: '[]' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const got = resultToJSON(matrix(row.series));
      expect(got).toBe(`{"resultType":"matrix","result":${row.want}}`);
      expect(() => JSON.parse(got) as unknown).not.toThrow();
      // The byte form is the UTF-8 of the string form, with and without stats.
      expect(resultToJSONBytes(matrix(row.series)).toString('utf8')).toBe(got);
      const stats = resultToJSON(matrix(row.series), { stats: true });
      expect(stats).toContain('"stats":');
      expect(resultToJSONBytes(matrix(row.series), { stats: true }).toString('utf8')).toBe(stats);
    });
  }

  it('gives other result types as the UTF-8 of their string', () => {
    const r: QueryResult = { value: { resultType: 'string', t: T, v: 'café' }, warnings: [], infos: [], stats: { peakSamples: 1, totalSamples: 2 } };
    expect(resultToJSONBytes(r, { stats: true }).toString('utf8')).toBe(resultToJSON(r, { stats: true }));
    expect(resultToJSONBytes(r).toString('utf8')).toBe('{"resultType":"string","result":[1700000000,"café"]}');
  });

  it('renders many series sharing label objects the same as series with their own', () => {
    const shared = labelsFrom({ job: 'api', zone: 'z' });
    const series: MatrixSeries[] = [];
    for (let i = 0; i < 2000; i++) {
      series.push({ ...floats({}, [[T, i + 0.5]]), metric: [...shared, { name: 'zz', value: `v${i}` }] });
    }
    const own = series.map((s) => ({ ...s, metric: s.metric.map((l) => ({ ...l })) }));
    expect(resultToJSON(matrix(series))).toBe(resultToJSON(matrix(own)));
    expect(JSON.parse(resultToJSON(matrix(series))).result[1999]).toEqual({ metric: { job: 'api', zone: 'z', zz: 'v1999' }, values: [[1700000000, '1999.5']] });
  });
});
