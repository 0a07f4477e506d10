import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../model/index.js';
import { rangeResult } from './range-result.js';
import { newStepSeries, setFloat } from './values.js';

const TIMES = Float64Array.from([1000, 2000, 3000]);

function series(labels: Record<string, string>, points: [number, number][]) {
  const s = newStepSeries(labelsFrom(labels), TIMES.length);
  for (const [i, v] of points) setFloat(s, i, v);
  return s;
}

describe('rangeResult', () => {
  it('sorts by metric, merges equal metrics at different steps and leaves out empty series', () => {
    const input = [series({ a: '2' }, [[0, 1]]), series({ a: '1' }, [[2, 3]]), series({ a: '2' }, [[1, 2]]), series({ a: '0' }, [])];
    const out = rangeResult(input, input.map((s) => s.labels), TIMES);
    expect(out.map((s) => [s.metric, [...s.timestamps], [...s.values]])).toEqual([
      [labelsFrom({ a: '1' }), [3000], [3]],
      [labelsFrom({ a: '2' }), [1000, 2000], [1, 2]],
    ]);
  });

  it('fails when two series with one metric have a point at the same step', () => {
    const input = [series({ a: '1', __name__: 'x' }, [[0, 1]]), series({ a: '1', __name__: 'y' }, [[0, 2]])];
    const metrics = input.map((s) => s.labels.filter((l) => l.name !== '__name__'));
    expect(() => rangeResult(input, metrics, TIMES)).toThrow('vector cannot contain metrics with the same labelset');
  });
});
