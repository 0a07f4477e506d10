import { describe, expect, it } from 'vitest';
import { FlagSet } from '../config/index.js';
import {
  DEFAULT_LIMITS,
  LIMITS_FLAGS,
  LIMIT_DEFS,
  type Limits,
  LimitsConfigError,
  RuntimeConfigError,
  SeriesLimiter,
  limitError,
  limitErrorId,
  limitsFromFlags,
  localSeriesLimit,
  parseRuntimeConfig,
  staticLimits,
} from './index.js';

/** The flags services/app registers itself (services/distributor/config.ts, services/app/write-path.ts). */
const APP_FLAGS = [
  'distributor.ingestion-rate-limit',
  'distributor.ingestion-burst-size',
  'validation.max-length-label-name',
  'validation.max-length-label-value',
  'validation.max-length-metric-name',
  'validation.max-label-names-per-series',
  'validation.create-grace-period',
  'validation.utf8-names',
];

describe('defaults and flags', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      ingestionRate: 10_000,
      ingestionBurstSize: 200_000,
      maxGlobalSeriesPerUser: 150_000,
      maxGlobalSeriesPerMetric: 0,
      maxLabelNamesPerSeries: 30,
      maxLabelNameLength: 1024,
      maxLabelValueLength: 2048,
      maxMetricNameLength: 1024,
      creationGracePeriodMs: 600_000,
      utf8Names: false,
      maxFetchedSamplesPerQuery: 0,
      maxFetchedSeriesPerQuery: 0,
      maxQueryLengthMs: 0,
      acceptHaSamples: false,
      haClusterLabel: 'cluster',
      haReplicaLabel: '__replica__',
    } satisfies Limits);
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('exports flags for every limit except those the app registers', () => {
    const names = LIMITS_FLAGS.map((f) => f.name);
    expect(names).toEqual([
      'ingester.max-global-series-per-user',
      'ingester.max-global-series-per-metric',
      'querier.max-fetched-samples-per-query',
      'querier.max-fetched-series-per-query',
      'querier.max-query-length',
      'distributor.ha-tracker.enable-for-all-users',
      'distributor.ha-tracker.cluster',
      'distributor.ha-tracker.replica',
    ]);
    expect(
      LIMIT_DEFS.filter((d) => d.registeredByApp)
        .map((d) => d.flag)
        .sort(),
    ).toEqual([...APP_FLAGS].sort());
    // They register into a FlagSet beside the app's own without clashes.
    const appDefs = APP_FLAGS.map((name) => ({ name, type: 'string' as const, default: '', help: '' }));
    expect(() => new FlagSet().register(appDefs).register(LIMITS_FLAGS)).not.toThrow();
  });

  it('reads every limit from parsed flags, the app-registered ones included', () => {
    const fs = new FlagSet().register(LIMITS_FLAGS);
    const values = new Map<string, unknown>(
      fs.parse(['--querier.max-query-length=32d', '--distributor.ha-tracker.enable-for-all-users']),
    );
    values.set('distributor.ingestion-rate-limit', 500);
    values.set('validation.utf8-names', true);
    values.set('validation.create-grace-period', 60_000);
    const l = limitsFromFlags(values);
    expect(l.maxQueryLengthMs).toBe(32 * 86_400_000);
    expect(l.acceptHaSamples).toBe(true);
    expect(l.ingestionRate).toBe(500);
    expect(l.utf8Names).toBe(true);
    expect(l.creationGracePeriodMs).toBe(60_000);
    expect(l.maxGlobalSeriesPerUser).toBe(150_000);
    expect(limitsFromFlags(new Map())).toEqual(DEFAULT_LIMITS);
  });

  it('names the flag of an invalid value', () => {
    expect(() => limitsFromFlags(new Map([['ingester.max-global-series-per-user', -1]]))).toThrow(
      LimitsConfigError,
    );
    expect(() => limitsFromFlags(new Map([['ingester.max-global-series-per-user', -1]]))).toThrow(
      '--ingester.max-global-series-per-user',
    );
    expect(() => limitsFromFlags(new Map([['distributor.ha-tracker.replica', '']]))).toThrow(
      '--distributor.ha-tracker.replica',
    );
  });
});

describe('parseRuntimeConfig', () => {
  const F = '/etc/epimetheus/runtime.yaml';

  it('overrides only the keys a tenant names', () => {
    const t = parseRuntimeConfig(
      'overrides:\n  a:\n    ingestion_rate: 50000\n    max_global_series_per_user: 0\n    max_query_length: 32d\n' +
        '    accept_ha_samples: true\n    ha_replica_label: replica\n  b: {}\n',
      DEFAULT_LIMITS,
      F,
    );
    expect([...t.keys()]).toEqual(['a', 'b']);
    expect(t.get('a')).toEqual({
      ...DEFAULT_LIMITS,
      ingestionRate: 50_000,
      maxGlobalSeriesPerUser: 0,
      maxQueryLengthMs: 32 * 86_400_000,
      acceptHaSamples: true,
      haReplicaLabel: 'replica',
    });
    expect(t.get('b')).toEqual(DEFAULT_LIMITS);
    expect(Object.isFrozen(t.get('a'))).toBe(true);
  });

  it('treats an empty file or empty overrides as no overrides', () => {
    expect(parseRuntimeConfig('', DEFAULT_LIMITS, F).size).toBe(0);
    expect(parseRuntimeConfig('overrides:\n', DEFAULT_LIMITS, F).size).toBe(0);
  });

  const bad: { name: string; text: string; mentions: string }[] = [
    {
      name: 'unknown limit',
      text: 'overrides:\n  a:\n    ingestion_rat: 5\n',
      mentions: 'unknown limit overrides.a.ingestion_rat',
    },
    {
      name: 'negative number',
      text: 'overrides:\n  a:\n    ingestion_rate: -5\n',
      mentions: 'invalid overrides.a.ingestion_rate',
    },
    {
      name: 'fractional int',
      text: 'overrides:\n  a:\n    max_global_series_per_user: 1.5\n',
      mentions: 'overrides.a.max_global_series_per_user',
    },
    {
      name: 'bad duration',
      text: 'overrides:\n  a:\n    max_query_length: 32days\n',
      mentions: 'invalid overrides.a.max_query_length: want a duration',
    },
    {
      name: 'string for bool',
      text: 'overrides:\n  a:\n    accept_ha_samples: yes please\n',
      mentions: 'overrides.a.accept_ha_samples',
    },
    { name: 'unknown top-level key', text: 'overides:\n  a: {}\n', mentions: 'unknown key overides' },
    { name: 'tenant not a mapping', text: 'overrides:\n  a: 5\n', mentions: 'overrides.a: want a mapping' },
    { name: 'not YAML', text: 'overrides: [\n', mentions: 'not valid YAML' },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}, naming the file and the key`, () => {
      const run = () => parseRuntimeConfig(c.text, DEFAULT_LIMITS, F);
      expect(run).toThrow(RuntimeConfigError);
      expect(run).toThrow(F);
      expect(run).toThrow(c.mentions);
    });
  }
});

describe('limitError', () => {
  const cases: {
    limit: Parameters<typeof limitError>[0];
    value: number;
    category: string;
    flag: string;
    key: string;
    shown: string;
  }[] = [
    {
      limit: 'maxGlobalSeriesPerUser',
      value: 150_000,
      category: 'tenant_limit',
      flag: '--ingester.max-global-series-per-user',
      key: 'overrides.t1.max_global_series_per_user',
      shown: '150000',
    },
    {
      limit: 'ingestionRate',
      value: 10_000,
      category: 'rate_limited',
      flag: '--distributor.ingestion-rate-limit',
      key: 'overrides.t1.ingestion_rate',
      shown: '10000',
    },
    {
      limit: 'ingestionBurstSize',
      value: 200_000,
      category: 'rate_limited',
      flag: '--distributor.ingestion-burst-size',
      key: 'overrides.t1.ingestion_burst_size',
      shown: '200000',
    },
    {
      limit: 'maxQueryLengthMs',
      value: 32 * 86_400_000,
      category: 'tenant_limit',
      flag: '--querier.max-query-length',
      key: 'overrides.t1.max_query_length',
      shown: '4w4d',
    },
    {
      limit: 'maxLabelNamesPerSeries',
      value: 30,
      category: 'tenant_limit',
      flag: '--validation.max-label-names-per-series',
      key: 'overrides.t1.max_label_names_per_series',
      shown: '30',
    },
  ];
  for (const c of cases) {
    it(`names the limit, value, flag and override key: ${c.limit}`, () => {
      const err = limitError(c.limit, c.value, 't1', 'limit reached');
      expect(err.category).toBe(c.category);
      expect(err.id).toBe(limitErrorId(c.limit));
      expect(err.message).toMatch(/^limit reached: tenant "t1" has /);
      for (const s of [c.flag, c.key, `= ${c.shown} `, err.id!]) expect(err.message).toContain(s);
    });
  }

  it('gives stable ids from the override keys', () => {
    expect(limitErrorId('maxGlobalSeriesPerUser')).toBe('err-epimetheus-max-global-series-per-user');
    expect(limitErrorId('maxQueryLengthMs')).toBe('err-epimetheus-max-query-length');
    expect(limitErrorId('ingestionRate')).toBe('err-epimetheus-ingestion-rate');
  });
});

describe('SeriesLimiter', () => {
  const limits = staticLimits(
    { ...DEFAULT_LIMITS, maxGlobalSeriesPerUser: 100, maxGlobalSeriesPerMetric: 10 },
    new Map([['free', { ...DEFAULT_LIMITS, maxGlobalSeriesPerUser: 0, maxGlobalSeriesPerMetric: 0 }]]),
  );
  const cases: {
    name: string;
    tenant: string;
    shards: number;
    tenantSeries: number;
    metricSeries: number;
    id?: string;
  }[] = [
    { name: 'under both limits', tenant: 't', shards: 1, tenantSeries: 99, metricSeries: 9 },
    {
      name: 'at the tenant limit',
      tenant: 't',
      shards: 1,
      tenantSeries: 100,
      metricSeries: 0,
      id: 'err-epimetheus-max-global-series-per-user',
    },
    {
      name: 'at the metric limit',
      tenant: 't',
      shards: 1,
      tenantSeries: 5,
      metricSeries: 10,
      id: 'err-epimetheus-max-global-series-per-metric',
    },
    {
      name: 'the limit is shared by shards',
      tenant: 't',
      shards: 4,
      tenantSeries: 25,
      metricSeries: 0,
      id: 'err-epimetheus-max-global-series-per-user',
    },
    { name: 'under the shard share', tenant: 't', shards: 4, tenantSeries: 24, metricSeries: 1 },
    { name: '0 is unlimited', tenant: 'free', shards: 1, tenantSeries: 1e9, metricSeries: 1e9 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const sl = new SeriesLimiter(limits, () => c.shards);
      const err = sl.checkNewSeries(c.tenant, 'up', { tenant: c.tenantSeries, metric: c.metricSeries });
      expect(err?.id).toBe(c.id);
      if (err) expect(err.category).toBe('tenant_limit');
    });
  }

  it('never rounds a set limit down to unlimited', () => {
    expect(localSeriesLimit(3, 10)).toBe(1);
    expect(localSeriesLimit(0, 10)).toBe(0);
    expect(localSeriesLimit(100, 3)).toBe(33);
  });

  it('names the metric in the per-metric error', () => {
    const err = new SeriesLimiter(limits).checkNewSeries('t', 'http_requests_total', {
      tenant: 0,
      metric: 10,
    });
    expect(err?.message).toContain('"http_requests_total"');
    expect(err?.message).toContain('--ingester.max-global-series-per-metric');
  });
});
