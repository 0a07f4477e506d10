import { describe, expect, it } from 'vitest';
import { STALE_NAN } from '../model/index.js';
import { histogramProblem } from './histogram-check.js';
import type { HistogramSample } from './index.js';
import { toFloatHistogram } from './index.js';
import { exampleHistogram } from './test-helpers.js';

const int = exampleHistogram(0, false);
const float = exampleHistogram(0, true);
const custom = exampleHistogram(0, false, -53);

describe('histogramProblem', () => {
  const valid: { name: string; h: HistogramSample }[] = [
    { name: 'integer exponential', h: int },
    { name: 'float exponential', h: float },
    { name: 'integer custom buckets', h: custom },
    { name: 'float custom buckets', h: exampleHistogram(0, true, -53) },
    {
      name: 'custom buckets up to the +Inf bucket',
      h: {
        ...custom,
        positiveSpans: [
          { offset: 0, length: 3 },
          { offset: 3, length: 1 },
        ],
        positiveDeltas: [1, 0, 0, 0],
      },
    },
    {
      name: 'stale marker',
      h: {
        ...int,
        sum: STALE_NAN,
        count: 0,
        zeroCount: 0,
        positiveSpans: [],
        negativeSpans: [],
        positiveDeltas: [],
        negativeDeltas: [],
      },
    },
    { name: 'count above its buckets (NaN observations)', h: { ...int, count: 1000 } },
  ];
  it.each(valid)('accepts $name', ({ h }) => {
    expect(histogramProblem(h)).toBeUndefined();
  });

  const invalid: { name: string; h: HistogramSample; problem: RegExp }[] = [
    { name: 'schema 9', h: { ...int, schema: 9 }, problem: /schema 9/ },
    { name: 'schema -5', h: { ...int, schema: -5 }, problem: /schema -5/ },
    {
      name: 'deltas in a float histogram',
      h: { ...float, positiveDeltas: [1] },
      problem: /float histogram carries integer/,
    },
    {
      name: 'counts in an integer histogram',
      h: { ...int, positiveCounts: [1] },
      problem: /integer histogram carries float/,
    },
    {
      name: 'spans longer than the buckets',
      h: { ...int, positiveDeltas: [3, -1] },
      problem: /positive spans cover 3 buckets but 2/,
    },
    {
      name: 'negative spans shorter than the buckets',
      h: { ...int, negativeDeltas: [1, 1, 1] },
      problem: /negative spans cover 2 buckets but 3/,
    },
    {
      name: 'negative offset after the first span',
      h: {
        ...int,
        positiveSpans: [
          { offset: 0, length: 2 },
          { offset: -1, length: 1 },
        ],
      },
      problem: /span 1 has a negative offset/,
    },
    {
      name: 'deltas going below zero',
      h: { ...int, positiveDeltas: [3, -4, 4] },
      problem: /negative or NaN/,
    },
    { name: 'NaN float bucket', h: { ...float, positiveCounts: [1, NaN, 2] }, problem: /negative or NaN/ },
    {
      name: 'integer count below its buckets',
      h: { ...int, count: 5 },
      problem: /count 5 is below the 16 observations/,
    },
    {
      name: 'custom bounds on an exponential schema',
      h: { ...int, customValues: [1] },
      problem: /custom bucket bounds on an exponential/,
    },
    {
      name: 'custom bounds not increasing',
      h: { ...custom, customValues: [1, 1, 2, 3, 4, 5] },
      problem: /strictly increasing/,
    },
    {
      name: 'custom buckets with a zero bucket',
      h: { ...custom, zeroCount: 1 },
      problem: /cannot have negative or zero buckets/,
    },
    {
      name: 'custom spans past the +Inf bucket',
      h: {
        ...custom,
        positiveSpans: [
          { offset: 0, length: 3 },
          { offset: 4, length: 1 },
        ],
        positiveDeltas: [1, 0, 0, 0],
      },
      problem: /reach index 7, beyond the 7 buckets/,
    },
  ];
  it.each(invalid)('rejects $name', ({ h, problem }) => {
    expect(histogramProblem(h)).toMatch(problem);
  });
});

describe('toFloatHistogram', () => {
  it('turns integer deltas into absolute float counts', () => {
    const fh = toFloatHistogram(int);
    expect(fh.positiveBuckets).toEqual([3, 2, 6]);
    expect(fh.negativeBuckets).toEqual([1, 2]);
    expect([fh.count, fh.zeroCount, fh.schema, fh.counterResetHint]).toEqual([19, 2, 3, 2]);
    expect(fh.customValues).toBeUndefined();
  });

  it('copies float counts and custom bounds', () => {
    const fh = toFloatHistogram(exampleHistogram(0, true, -53));
    expect(fh.positiveBuckets).toEqual([3, 2.5, 6]);
    expect(fh.customValues).toEqual([0.1, 0.5, 1, 5, 10, 50]);
  });
});
