import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, QueryLimiter, checkQueryLength } from './index.js';

const DAY = 86_400_000;

describe('checkQueryLength', () => {
  const limits = { ...DEFAULT_LIMITS, maxQueryLengthMs: 32 * DAY };
  const cases: { name: string; start: number; end: number; max: number; rejected: boolean }[] = [
    { name: 'within the limit', start: 0, end: 32 * DAY, max: limits.maxQueryLengthMs, rejected: false },
    { name: 'over the limit', start: 0, end: 32 * DAY + 1, max: limits.maxQueryLengthMs, rejected: true },
    { name: '0 is unlimited', start: 0, end: 1000 * DAY, max: 0, rejected: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = checkQueryLength('t', { ...limits, maxQueryLengthMs: c.max }, c.start, c.end);
      expect(err !== undefined).toBe(c.rejected);
      if (err) {
        expect(err.id).toBe('err-epimetheus-max-query-length');
        expect(err.message).toContain('--querier.max-query-length');
        expect(err.message).toContain('overrides.t.max_query_length');
        expect(err.message).toContain('= 4w4d ');
      }
    });
  }
});

describe('QueryLimiter', () => {
  it('throws once the fetched series pass the limit', () => {
    const q = new QueryLimiter('t', { ...DEFAULT_LIMITS, maxFetchedSeriesPerQuery: 10 });
    q.addSeries(10);
    expect(() => q.addSeries(1)).toThrow(/err-epimetheus-max-fetched-series-per-query/);
  });

  it('throws once the fetched samples pass the limit', () => {
    const q = new QueryLimiter('t', { ...DEFAULT_LIMITS, maxFetchedSamplesPerQuery: 100 });
    q.addSamples(60);
    expect(() => q.addSamples(41)).toThrow(/--querier.max-fetched-samples-per-query/);
    expect(q.fetched()).toEqual({ series: 0, samples: 101 });
  });

  it('counts without limit when the limits are 0', () => {
    const q = new QueryLimiter('t', DEFAULT_LIMITS);
    q.addSeries(1e9);
    q.addSamples(1e12);
    expect(q.fetched()).toEqual({ series: 1e9, samples: 1e12 });
  });
});
