import { describe, expect, it } from 'vitest';
import { type ReplicaDesc, decide, decodeReplicaDesc, encodeReplicaDesc, haKey } from './index.js';

const S = 1000;
const T = { updateTimeoutMs: 15 * S, failoverTimeoutMs: 30 * S };
const desc = (replica: string, receivedAt: number, electedAt: number): ReplicaDesc => ({
  replica,
  receivedAt: receivedAt * S,
  electedAt: electedAt * S,
});

describe('decide', () => {
  const cases: {
    name: string;
    stored: ReplicaDesc | null;
    replica: string;
    at: number;
    result: 'accept' | 'reject';
    write: ReplicaDesc | null;
    elected: boolean;
  }[] = [
    {
      name: 'no entry: elect',
      stored: null,
      replica: 'a',
      at: 5,
      result: 'accept',
      write: desc('a', 5, 5),
      elected: true,
    },
    {
      name: 'elected, fresh: no write',
      stored: desc('a', 0, 0),
      replica: 'a',
      at: 14.999,
      result: 'accept',
      write: null,
      elected: false,
    },
    {
      name: 'elected, at update timeout: refresh, keep electedAt',
      stored: desc('a', 10, 0),
      replica: 'a',
      at: 25,
      result: 'accept',
      write: desc('a', 25, 0),
      elected: false,
    },
    {
      name: 'other, elected seen 29.999s ago: reject',
      stored: desc('a', 10, 0),
      replica: 'b',
      at: 39.999,
      result: 'reject',
      write: null,
      elected: false,
    },
    {
      name: 'other, between update and failover timeout: reject',
      stored: desc('a', 10, 0),
      replica: 'b',
      at: 26,
      result: 'reject',
      write: null,
      elected: false,
    },
    {
      name: 'other, at failover timeout: fail over',
      stored: desc('a', 10, 0),
      replica: 'b',
      at: 40,
      result: 'accept',
      write: desc('b', 40, 40),
      elected: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decide(c.stored, c.replica, c.at * S, T);
      expect(d.result).toBe(c.result);
      expect(d.write).toEqual(c.write);
      expect(d.elected).toBe(c.elected);
      expect(d.current).toEqual(c.write ?? c.stored);
    });
  }
});

describe('replica descriptor codec', () => {
  it('round-trips the JSON the KV holds', () => {
    const d = desc('replica-1', 100, 50);
    const bytes = encodeReplicaDesc(d);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({
      replica: 'replica-1',
      receivedAt: 100_000,
      electedAt: 50_000,
    });
    expect(decodeReplicaDesc(bytes)).toEqual(d);
  });

  it('rejects what is not a descriptor', () => {
    for (const text of [
      '{',
      'null',
      '[]',
      '{"replica":"a","receivedAt":"1","electedAt":1}',
      '{"replica":1,"receivedAt":1,"electedAt":1}',
    ]) {
      expect(decodeReplicaDesc(new TextEncoder().encode(text)), text).toBeUndefined();
    }
  });

  it('keys clusters by tenant', () => {
    expect(haKey('t1', 'eu/west')).toBe('ha/t1/eu/west');
  });
});
