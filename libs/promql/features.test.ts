import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { labelsFrom } from '../model/index.js';
import { DEFAULT_PROMQL_FEATURES, Engine, featuresFromFlags, MemoryQueryable, parseExpr } from './index.js';
import type { PromqlFeatures } from './index.js';

interface Case {
  name: string;
  query: string;
  feature: keyof PromqlFeatures;
  flag: string;
  /** Prometheus's message with the feature off, position included. */
  error: string;
}

// Messages and positions as Prometheus's parser reports them without the feature.
const cases: Case[] = [
  {
    name: 'experimental function',
    query: 'mad_over_time(m[5m])',
    feature: 'experimentalFunctions',
    flag: 'promql-experimental-functions',
    error: '1:1: parse error: function "mad_over_time" is not enabled',
  },
  {
    name: 'experimental aggregator',
    query: 'limitk(1, m)',
    feature: 'experimentalFunctions',
    flag: 'promql-experimental-functions',
    error:
      '1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions',
  },
  {
    name: 'duration arithmetic',
    query: 'sum_over_time(m[1m+1m])',
    feature: 'durationExpressions',
    flag: 'promql-duration-expr',
    error: '1:17: parse error: experimental duration expression is not enabled',
  },
  {
    name: 'step() as a subquery step',
    query: 'max_over_time(m[5m:step()])',
    feature: 'durationExpressions',
    flag: 'promql-duration-expr',
    error: '1:20: parse error: experimental duration expression is not enabled',
  },
  {
    name: 'signed step() as an offset',
    query: 'm offset -step()',
    feature: 'durationExpressions',
    flag: 'promql-duration-expr',
    error: '1:10: parse error: experimental duration expression is not enabled',
  },
  {
    name: 'anchored',
    query: 'increase(m[5m] anchored)',
    feature: 'extendedRangeSelectors',
    flag: 'promql-extended-range-selectors',
    error: '1:10: parse error: anchored modifier is experimental and not enabled',
  },
  {
    name: 'smoothed',
    query: 'm smoothed',
    feature: 'extendedRangeSelectors',
    flag: 'promql-extended-range-selectors',
    error: '1:1: parse error: smoothed modifier is experimental and not enabled',
  },
  {
    name: 'fill modifier',
    query: 'm + on(i) fill(0) m',
    feature: 'binopFillModifiers',
    flag: 'promql-binop-fill-modifiers',
    error: '1:1: parse error: binop fill modifiers are experimental and not enabled',
  },
];

const off: PromqlFeatures = {
  experimentalFunctions: false,
  durationExpressions: false,
  extendedRangeSelectors: false,
  binopFillModifiers: false,
  startTimestamps: false,
  delayedNameRemoval: false,
};

function parseError(query: string, features: Partial<PromqlFeatures>): unknown {
  try {
    parseExpr(query, { features });
  } catch (e) {
    return e;
  }
  return undefined;
}

function store(): MemoryQueryable {
  const q = new MemoryQueryable();
  for (let t = 0; t <= 600_000; t += 15_000) q.addFloat(labelsFrom({ __name__: 'm', i: '1' }), t, t / 1000);
  return q;
}

describe('experimental PromQL features', () => {
  for (const c of cases) {
    it(`refuses ${c.name} without ${c.flag}`, () => {
      const err = parseError(c.query, off);
      expect(err).toBeInstanceOf(EpimetheusError);
      expect((err as EpimetheusError).category).toBe('bad_data');
      expect((err as Error).message).toBe(c.error);
    });

    it(`accepts ${c.name} with only ${c.flag}`, () => {
      expect(parseError(c.query, { ...off, [c.feature]: true })).toBeUndefined();
    });

    it(`evaluates ${c.name} in an engine started with --enable-feature=${c.flag}`, async () => {
      const disabled = new Engine({ features: { [c.feature]: false } });
      await expect(disabled.instantQuery(store(), c.query, 600_000)).rejects.toThrow(
        c.error.replace(/^1:\d+: /, ''),
      );
      const enabled = new Engine({ enabledFeatures: [c.flag] });
      const r = await enabled.instantQuery(store(), c.query, 600_000);
      expect(r.value.resultType).toBe('vector');
    });
  }

  it('keeps Prometheus 3 defaults: only duration expressions are on', () => {
    expect(DEFAULT_PROMQL_FEATURES).toEqual({ ...off, durationExpressions: true });
    expect(parseError('limit_ratio(0.5, m)', {})).toBeInstanceOf(EpimetheusError);
    expect(parseError('m[1m+1m]', {})).toBeUndefined();
  });

  it('maps --enable-feature names, comma-separated or not, and reports the others', () => {
    const { features, unknown } = featuresFromFlags([
      'promql-experimental-functions,promql-binop-fill-modifiers',
      'exemplar-storage',
      ' promql-extended-range-selectors ',
    ]);
    expect(features).toEqual({
      ...off,
      experimentalFunctions: true,
      durationExpressions: true,
      extendedRangeSelectors: true,
      binopFillModifiers: true,
    });
    expect(unknown).toEqual(['exemplar-storage']);
  });

  it('lets an explicit feature setting win over the flag list', () => {
    const ng = new Engine({
      enabledFeatures: ['promql-experimental-functions'],
      features: { experimentalFunctions: false },
    });
    return expect(ng.instantQuery(store(), 'limitk(1, m)', 0)).rejects.toThrow(/limitk\(\) is experimental/);
  });
});
