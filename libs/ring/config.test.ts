import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  defaultRingConfig,
  partitionFlags,
  resolvePartitionOwnerConfig,
  resolveRingConfig,
  ringFlags,
} from './config.js';
import { RingConfigError } from './errors.js';

describe('ringFlags', () => {
  it('names every flag under <prefix>.ring with FlagDef-shaped rows', () => {
    const flags = ringFlags('store-gateway');
    expect(flags.map((f) => f.name)).toEqual([
      'store-gateway.ring.heartbeat-period',
      'store-gateway.ring.heartbeat-timeout',
      'store-gateway.ring.replication-factor',
      'store-gateway.ring.zone-awareness-enabled',
      'store-gateway.ring.num-tokens',
      'store-gateway.ring.instance-id',
      'store-gateway.ring.instance-addr',
      'store-gateway.ring.instance-zone',
    ]);
    const jsType = { duration: 'number', int: 'number', bool: 'boolean', string: 'string' } as const;
    for (const f of flags) {
      expect(Object.keys(f).sort()).toEqual(['default', 'help', 'name', 'type']);
      expect(typeof f.default).toBe(jsType[f.type]);
      expect(f.help).not.toBe('');
    }
    expect(flags.find((f) => f.name.endsWith('heartbeat-period'))!.default).toBe(15_000);
  });

  it('leaves out the replication factor for a ring that replicates by its own flag', () => {
    const names = ringFlags('store-gateway', { replicationFactor: false }).map((f) => f.name);
    expect(names).not.toContain('store-gateway.ring.replication-factor');
    expect(names).toHaveLength(ringFlags('store-gateway').length - 1);
  });
});

describe('resolveRingConfig', () => {
  it('fills defaults', () => {
    const c = resolveRingConfig(new Map(), 'ingester');
    expect(c).toEqual({ ...defaultRingConfig(), instanceAddr: hostname() });
    expect(c.heartbeatTimeoutMs).toBe(60_000);
    expect(c.forgetPeriodMs).toBe(600_000);
    expect(c.numTokens).toBe(128);
    expect(
      resolveRingConfig(new Map(), 'ingester', { defaultInstanceAddr: '10.0.0.1:9095' }).instanceAddr,
    ).toBe('10.0.0.1:9095');
  });

  it('reads parsed values and duration strings', () => {
    const c = resolveRingConfig(
      new Map<string, unknown>([
        ['ingester.ring.heartbeat-period', '100ms'],
        ['ingester.ring.heartbeat-timeout', 1_000],
        ['ingester.ring.replication-factor', 1],
        ['ingester.ring.zone-awareness-enabled', true],
        ['ingester.ring.num-tokens', '64'],
        ['ingester.ring.instance-id', 'ingester-zone-a-0'],
        ['ingester.ring.instance-addr', 'ingester-zone-a-0:9095'],
        ['ingester.ring.instance-zone', 'zone-a'],
      ]),
      'ingester',
    );
    expect(c).toEqual({
      heartbeatPeriodMs: 100,
      heartbeatTimeoutMs: 1_000,
      forgetPeriodMs: 10_000,
      replicationFactor: 1,
      zoneAwarenessEnabled: true,
      numTokens: 64,
      instanceId: 'ingester-zone-a-0',
      instanceAddr: 'ingester-zone-a-0:9095',
      instanceZone: 'zone-a',
    });
  });

  it('a heartbeat timeout of 0 turns health checks and forgetting off', () => {
    const c = resolveRingConfig(new Map([['ingester.ring.heartbeat-timeout', 0]]), 'ingester');
    expect([c.heartbeatTimeoutMs, c.forgetPeriodMs]).toEqual([0, 0]);
  });

  const bad: { name: string; values: [string, unknown][]; flag: string }[] = [
    { name: 'zero heartbeat period', values: [['heartbeat-period', 0]], flag: 'heartbeat-period' },
    { name: 'unparsable duration', values: [['heartbeat-period', 'soon']], flag: 'heartbeat-period' },
    {
      name: 'timeout not above the period',
      values: [
        ['heartbeat-period', 5_000],
        ['heartbeat-timeout', 5_000],
      ],
      flag: 'heartbeat-timeout',
    },
    { name: 'replication factor 0', values: [['replication-factor', 0]], flag: 'replication-factor' },
    { name: 'fractional token count', values: [['num-tokens', 1.5]], flag: 'num-tokens' },
    {
      name: 'non-boolean zone awareness',
      values: [['zone-awareness-enabled', 'yes']],
      flag: 'zone-awareness-enabled',
    },
    { name: 'empty instance id', values: [['instance-id', '']], flag: 'instance-id' },
    {
      name: 'zone awareness without a zone',
      values: [['zone-awareness-enabled', true]],
      flag: 'instance-zone',
    },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}, naming the flag`, () => {
      const values = new Map(c.values.map(([k, v]) => [`store-gateway.ring.${k}`, v]));
      let err: unknown;
      try {
        resolveRingConfig(values, 'store-gateway');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RingConfigError);
      expect((err as RingConfigError).flag).toBe(`store-gateway.ring.${c.flag}`);
      expect((err as Error).message).toContain(`--store-gateway.ring.${c.flag}`);
    });
  }
});

describe('partition owner config', () => {
  it('defines the flags and takes the partition from the instance id by default', () => {
    expect(partitionFlags('ingester').map((f) => [f.name, f.default])).toEqual([
      ['ingester.partition-id', -1],
      ['ingester.partition-ring.min-partition-owners-count', 1],
      ['ingester.partition-ring.min-partition-owners-duration', 0],
    ]);
    expect(resolvePartitionOwnerConfig(new Map(), 'ingester', 'ingester-zone-b-7')).toEqual({
      partitionId: 7,
      waitOwnersCountOnPending: 1,
      waitOwnersDurationOnPendingMs: 0,
    });
  });

  it('prefers --ingester.partition-id', () => {
    const c = resolvePartitionOwnerConfig(
      new Map([['ingester.partition-id', 2]]),
      'ingester',
      'ingester-zone-b-7',
    );
    expect(c.partitionId).toBe(2);
  });

  it('names the flag when there is no partition id', () => {
    expect(() => resolvePartitionOwnerConfig(new Map(), 'ingester', 'my-host')).toThrow(
      /--ingester.partition-id: not set/,
    );
    expect(() =>
      resolvePartitionOwnerConfig(new Map([['ingester.partition-id', -2]]), 'ingester', 'x-1'),
    ).toThrow(RingConfigError);
  });
});
