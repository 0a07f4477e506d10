import { describe, expect, it } from 'vitest';
import { FlagSet } from '../config/index.js';
import { KvConfigError } from '../kv/index.js';
import { LIMITS_FLAGS } from '../limits/index.js';
import {
  HA_TRACKER_FLAGS,
  HaTrackerConfigError,
  defaultHaTrackerConfig,
  findHaLabels,
  haTrackerConfigFromFlags,
  removeReplicaLabel,
} from './index.js';
import { labelsFrom } from '../model/index.js';

describe('HA tracker config', () => {
  it('registers its flags, the KV ones included, beside the limits flags', () => {
    expect(HA_TRACKER_FLAGS.map((f) => f.name)).toEqual([
      'distributor.ha-tracker.enable',
      'distributor.ha-tracker.update-timeout',
      'distributor.ha-tracker.failover-timeout',
      'distributor.ha-tracker.store',
      'distributor.ha-tracker.redis.url',
      'distributor.ha-tracker.redis.key-prefix',
      'distributor.ha-tracker.redis.poll-interval',
    ]);
    const fs = new FlagSet().register(HA_TRACKER_FLAGS).register(LIMITS_FLAGS);
    const c = haTrackerConfigFromFlags(
      fs.parse([
        '--distributor.ha-tracker.enable',
        '--distributor.ha-tracker.update-timeout=5s',
        '--distributor.ha-tracker.store=redis',
        '--distributor.ha-tracker.redis.url=redis://r:6379',
      ]),
    );
    expect(c).toMatchObject({ enabled: true, updateTimeoutMs: 5000, failoverTimeoutMs: 30_000 });
    expect(c.kv).toMatchObject({ store: 'redis', redis: { url: 'redis://r:6379' } });
    expect(haTrackerConfigFromFlags(fs.parse([]))).toEqual(defaultHaTrackerConfig());
  });

  const bad: {
    name: string;
    values: [string, unknown][];
    error: new (...a: never[]) => Error;
    flag: string;
  }[] = [
    {
      name: 'failover not above update timeout + 1s',
      values: [['distributor.ha-tracker.failover-timeout', 15_500]],
      error: HaTrackerConfigError,
      flag: '--distributor.ha-tracker.failover-timeout',
    },
    {
      name: 'zero update timeout',
      values: [['distributor.ha-tracker.update-timeout', 0]],
      error: HaTrackerConfigError,
      flag: '--distributor.ha-tracker.update-timeout',
    },
    {
      name: 'bad KV store when enabled',
      values: [
        ['distributor.ha-tracker.enable', true],
        ['distributor.ha-tracker.store', 'consul'],
      ],
      error: KvConfigError,
      flag: '--distributor.ha-tracker.store',
    },
  ];
  for (const c of bad) {
    it(`names the flag: ${c.name}`, () => {
      const run = () => haTrackerConfigFromFlags(new Map(c.values));
      expect(run).toThrow(c.error);
      expect(run).toThrow(c.flag);
    });
  }
});

describe('HA labels', () => {
  const series = labelsFrom({ __name__: 'up', __replica__: 'r1', cluster: 'prom-eu', job: 'node' });

  it('finds the cluster and replica, only when both are set', () => {
    expect(findHaLabels(series, 'cluster', '__replica__')).toEqual({ cluster: 'prom-eu', replica: 'r1' });
    expect(
      findHaLabels(labelsFrom({ __name__: 'up', cluster: 'prom-eu' }), 'cluster', '__replica__'),
    ).toBeUndefined();
    expect(
      findHaLabels(labelsFrom({ __name__: 'up', __replica__: 'r1' }), 'cluster', '__replica__'),
    ).toBeUndefined();
    expect(findHaLabels(series, 'job', '__name__')).toEqual({ cluster: 'node', replica: 'up' });
  });

  it('strips the replica label and keeps the cluster label', () => {
    expect(removeReplicaLabel(series, '__replica__')).toEqual(
      labelsFrom({ __name__: 'up', cluster: 'prom-eu', job: 'node' }),
    );
    expect(series.length).toBe(4); // The input is not modified.
    expect(removeReplicaLabel(series, 'replica')).toBe(series);
  });
});
