import { describe, expect, it } from 'vitest';
import { EmptyRingError, TooFewReplicasError } from './errors.js';
import { type InstanceDesc, type InstanceState, type RingDesc, emptyRingDesc } from './model.js';
import { type Operation, READ, REPORTING, WRITE } from './operation.js';
import { RingSnapshot, searchToken } from './snapshot.js';

const NOW = 10_000_000;
const TIMEOUT = 60_000;
const health = { heartbeatTimeoutMs: TIMEOUT, now: NOW };

interface Spec {
  zone: string;
  tokens: number[];
  state?: InstanceState;
  /** Heartbeat age in ms. */
  age?: number;
}

function ring(specs: Record<string, Spec>): RingDesc {
  const instances: Record<string, InstanceDesc> = {};
  for (const [id, s] of Object.entries(specs)) {
    instances[id] = {
      id,
      addr: `${id}:9095`,
      zone: s.zone,
      state: s.state ?? 'ACTIVE',
      tokens: s.tokens,
      registeredTimestamp: 0,
      heartbeatTimestamp: NOW - (s.age ?? 0),
    };
  }
  return { instances };
}

// Tokens clockwise: 100 a, 200 b, 300 c, 350 d, 400 a, 500 b, 600 c.
const BASE: Record<string, Spec> = {
  a: { zone: 'z1', tokens: [100, 400] },
  b: { zone: 'z2', tokens: [200, 500] },
  c: { zone: 'z3', tokens: [300, 600] },
  d: { zone: 'z1', tokens: [350] },
};

const EXTEND_ON_DEAD: Operation = { ...WRITE, name: 'write-extend-dead', extendOnUnhealthy: true };

describe('RingSnapshot.get', () => {
  const cases: {
    name: string;
    key: number;
    rf: number;
    zoneAware?: boolean;
    op?: Operation;
    override?: Record<string, Partial<Spec>>;
    add?: Record<string, Spec>;
    want: string[] | 'too-few';
    maxErrors?: number;
  }[] = [
    { name: 'RF 1 takes the first token at or after the key', key: 150, rf: 1, want: ['b'], maxErrors: 0 },
    { name: 'a key equal to a token maps to that token', key: 200, rf: 1, want: ['b'] },
    { name: 'keys past the last token wrap to the first', key: 700, rf: 1, want: ['a'] },
    { name: 'key 0 maps to the first token', key: 0, rf: 1, want: ['a'] },
    { name: 'RF 3 takes distinct instances clockwise', key: 150, rf: 3, want: ['b', 'c', 'd'], maxErrors: 1 },
    { name: 'RF 3 skips an instance already taken', key: 320, rf: 3, want: ['d', 'a', 'b'] },
    {
      name: 'zone-aware RF 3 takes one instance per zone',
      key: 320,
      rf: 3,
      zoneAware: true,
      want: ['d', 'b', 'c'],
    },
    { name: 'zone-aware RF 3 from the start', key: 50, rf: 3, zoneAware: true, want: ['a', 'b', 'c'] },
    {
      name: 'zone-aware RF 3 stops when the zones run out',
      key: 50,
      rf: 3,
      zoneAware: true,
      override: { c: { zone: 'z1' } },
      want: ['a', 'b'],
      maxErrors: 0,
    },
    {
      name: 'RF larger than the ring takes every instance',
      key: 150,
      rf: 5,
      want: ['b', 'c', 'd', 'a'],
      maxErrors: 1,
    },
    {
      name: 'an unhealthy replica is dropped, quorum still met',
      key: 150,
      rf: 3,
      override: { c: { age: TIMEOUT + 1 } },
      want: ['b', 'd'],
      maxErrors: 0,
    },
    {
      name: 'a heartbeat exactly at the timeout is healthy',
      key: 150,
      rf: 1,
      override: { b: { age: TIMEOUT } },
      want: ['b'],
    },
    {
      name: 'two unhealthy replicas of three miss the quorum',
      key: 150,
      rf: 3,
      override: { b: { age: TIMEOUT + 1 }, c: { age: TIMEOUT * 5 } },
      want: 'too-few',
    },
    {
      name: 'RF 1 with its replica dead fails',
      key: 150,
      rf: 1,
      override: { b: { age: TIMEOUT + 1 } },
      want: 'too-few',
    },
    {
      name: 'extendOnUnhealthy walks past a dead replica to the next',
      key: 150,
      rf: 1,
      op: EXTEND_ON_DEAD,
      override: { b: { age: TIMEOUT + 1 } },
      want: 'too-few', // Walked [b, c], quorum of 2 is 2, only c healthy: dskit's rule.
    },
    {
      name: 'extendOnUnhealthy at RF 3 keeps three healthy replicas',
      key: 150,
      rf: 3,
      op: EXTEND_ON_DEAD,
      override: { b: { age: TIMEOUT + 1 } },
      want: ['c', 'd', 'a'],
      maxErrors: 0,
    },
    {
      name: 'a LEAVING instance is replaced on writes',
      key: 150,
      rf: 3,
      override: { b: { state: 'LEAVING' } },
      want: ['c', 'd', 'a'],
      maxErrors: 0,
    },
    {
      name: 'a LEAVING instance still serves reads, without extension',
      key: 150,
      rf: 3,
      op: READ,
      override: { b: { state: 'LEAVING' } },
      want: ['b', 'c', 'd'],
    },
    {
      name: 'a JOINING instance is replaced on reads too',
      key: 150,
      rf: 3,
      op: READ,
      override: { b: { state: 'JOINING' } },
      want: ['c', 'd', 'a'],
    },
    {
      name: 'zone-aware: a LEAVING instance is replaced from its own zone',
      key: 150,
      rf: 3,
      zoneAware: true,
      override: { b: { state: 'LEAVING' } },
      add: { e: { zone: 'z2', tokens: [450] } },
      want: ['c', 'd', 'e'],
      maxErrors: 0,
    },
    {
      name: 'REPORTING accepts every state',
      key: 150,
      rf: 1,
      op: REPORTING,
      override: { b: { state: 'PENDING' } },
      want: ['b'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const specs: Record<string, Spec> = { ...c.add };
      for (const [id, s] of Object.entries(BASE)) specs[id] = { ...s, ...c.override?.[id] };
      const snap = new RingSnapshot(ring(specs));
      const get = () =>
        snap.get(
          c.key,
          c.op ?? WRITE,
          c.rf,
          { zoneAware: c.zoneAware ?? false, strategy: 'default' },
          health,
        );
      if (c.want === 'too-few') {
        expect(get).toThrow(TooFewReplicasError);
        return;
      }
      const set = get();
      expect(set.instances.map((i) => i.id)).toEqual(c.want);
      if (c.maxErrors !== undefined) expect(set.maxErrors).toBe(c.maxErrors);
    });
  }

  it('ignore-unhealthy returns whatever is healthy and fails only on none', () => {
    const snap = new RingSnapshot(ring({ ...BASE, b: { ...BASE.b!, age: TIMEOUT + 1 } }));
    const opts = { zoneAware: false, strategy: 'ignore-unhealthy' as const };
    const set = snap.get(150, WRITE, 3, opts, health);
    expect(set.instances.map((i) => i.id)).toEqual(['c', 'd']);
    expect(set.maxErrors).toBe(1);
    expect(() => snap.get(150, WRITE, 1, opts, health)).toThrow(TooFewReplicasError);
  });

  it('throws EmptyRingError on a ring without tokens', () => {
    const snap = new RingSnapshot(emptyRingDesc());
    expect(() => snap.get(1, WRITE, 1, { zoneAware: false, strategy: 'default' }, health)).toThrow(
      EmptyRingError,
    );
    expect(() => snap.allHealthy(WRITE, health)).toThrow(EmptyRingError);
  });

  it('gives a token claimed twice to the smaller instance id', () => {
    const snap = new RingSnapshot(ring({ y: { zone: '', tokens: [10] }, x: { zone: '', tokens: [10, 20] } }));
    expect(snap.get(5, WRITE, 1, { zoneAware: false, strategy: 'default' }, health).instances[0]!.id).toBe(
      'x',
    );
    expect([...snap.tokens]).toEqual([10, 20]);
  });
});

describe('RingSnapshot', () => {
  it('allHealthy lists healthy instances for the operation, sorted by id', () => {
    const snap = new RingSnapshot(
      ring({ ...BASE, b: { ...BASE.b!, state: 'LEAVING' }, c: { ...BASE.c!, age: TIMEOUT + 1 } }),
    );
    expect(snap.allHealthy(WRITE, health).instances.map((i) => i.id)).toEqual(['a', 'd']);
    expect(snap.allHealthy(READ, health).instances.map((i) => i.id)).toEqual(['a', 'b', 'd']);
  });

  it('ownership splits the hash space by token ranges', () => {
    const own = new RingSnapshot(ring(BASE)).ownership();
    const total = [...own.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    // a owns (600, 2^32) ∪ [0, 100] and (350, 400].
    expect(own.get('a')! * 2 ** 32).toBeCloseTo(2 ** 32 - 600 + 100 + 50, 3);
    expect(own.get('d')! * 2 ** 32).toBeCloseTo(50, 3);
  });

  it('a single token owns everything', () => {
    expect(new RingSnapshot(ring({ a: { zone: '', tokens: [7] } })).ownership().get('a')).toBe(1);
  });

  it('searchToken finds the first token at or after the key and wraps', () => {
    const t = Uint32Array.from([10, 20, 30]);
    expect([0, 10, 11, 20, 30, 31, 0xffffffff].map((k) => searchToken(t, k))).toEqual([0, 0, 1, 1, 2, 0, 0]);
  });
});

describe('RingSnapshot.forOperation', () => {
  const six: Record<string, Spec> = {
    a1: { zone: 'a', tokens: [1] },
    a2: { zone: 'a', tokens: [2] },
    b1: { zone: 'b', tokens: [3] },
    b2: { zone: 'b', tokens: [4] },
    c1: { zone: 'c', tokens: [5] },
    c2: { zone: 'c', tokens: [6] },
  };
  const dead = (ids: string[]) => {
    const specs: Record<string, Spec> = {};
    for (const [id, s] of Object.entries(six)) specs[id] = ids.includes(id) ? { ...s, age: TIMEOUT + 1 } : s;
    return new RingSnapshot(ring(specs));
  };
  const ids = (set: { instances: readonly InstanceDesc[] }) => set.instances.map((i) => i.id);

  it('without zones: tolerates rf/2 unhealthy instances', () => {
    const ok = dead(['a1']).forOperation(WRITE, 3, false, health);
    expect([ids(ok), ok.maxErrors]).toEqual([['a2', 'b1', 'b2', 'c1', 'c2'], 0]);
    expect(dead([]).forOperation(WRITE, 3, false, health).maxErrors).toBe(1);
    expect(() => dead(['a1', 'b1']).forOperation(WRITE, 3, false, health)).toThrow(TooFewReplicasError);
  });

  it('with zones: drops zones with an unhealthy instance and tolerates rf/2 zones', () => {
    const all = dead([]).forOperation(WRITE, 3, true, health);
    expect([all.instances.length, all.maxErrors, all.maxUnavailableZones]).toEqual([6, 0, 1]);
    const oneZone = dead(['b2']).forOperation(WRITE, 3, true, health);
    expect([ids(oneZone), oneZone.maxUnavailableZones]).toEqual([['a1', 'a2', 'c1', 'c2'], 0]);
    const sameZone = dead(['b1', 'b2']).forOperation(WRITE, 3, true, health);
    expect(ids(sameZone)).toEqual(['a1', 'a2', 'c1', 'c2']);
    expect(() => dead(['a1', 'b2']).forOperation(WRITE, 3, true, health)).toThrow(TooFewReplicasError);
  });

  it('throws EmptyRingError without tokens', () => {
    expect(() => new RingSnapshot(emptyRingDesc()).forOperation(WRITE, 3, false, health)).toThrow(
      EmptyRingError,
    );
  });
});
