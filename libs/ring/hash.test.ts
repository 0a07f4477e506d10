import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../model/index.js';
import { fnv1a32, shardHash } from './hash.js';

/** FNV-1a 32 over bytes, the textbook loop, to check the streaming encoder against. */
function reference(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

function refShard(tenant: string, labels: Record<string, string>): number {
  const parts: number[] = [...new TextEncoder().encode(tenant), 0xff];
  for (const l of labelsFrom(labels))
    parts.push(...new TextEncoder().encode(l.name), 0xff, ...new TextEncoder().encode(l.value), 0xff);
  return reference(Uint8Array.from(parts));
}

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('matches the published FNV-1a test vector for %j', (s, want) => {
    expect(fnv1a32(s)).toBe(want);
  });

  it.each(['ascii', 'é', 'ü-€', '𝄞 clef', 'mixed ✓ 𝄞 z', 'lone \ud800 surrogate'])(
    'hashes the UTF-8 bytes of %j',
    (s) => {
      expect(fnv1a32(s)).toBe(reference(new TextEncoder().encode(s)));
    },
  );
});

describe('shardHash', () => {
  const labels = { __name__: 'http_requests_total', job: 'api', instance: 'host-1:9090', path: '/ü' };

  it('hashes tenant and label pairs with 0xff separators', () => {
    expect(shardHash('tenant-1', labelsFrom(labels))).toBe(refShard('tenant-1', labels));
  });

  it('is a uint32 and stable (pinned value: changing it reshards every series)', () => {
    const h = shardHash('tenant-1', labelsFrom({ __name__: 'up', job: 'node' }));
    expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
    expect(h).toBe(refShard('tenant-1', { __name__: 'up', job: 'node' }));
    expect(h).toMatchInlineSnapshot(`4188602603`);
  });

  it('separates tenants and does not confuse name/value boundaries', () => {
    const l = labelsFrom(labels);
    expect(shardHash('a', l)).not.toBe(shardHash('b', l));
    expect(shardHash('t', labelsFrom({ ab: 'c' }))).not.toBe(shardHash('t', labelsFrom({ a: 'bc' })));
    expect(shardHash('t', labelsFrom({ a: 'b' }))).not.toBe(shardHash('ta', labelsFrom({})));
  });

  it('spreads series evenly over 16 shards', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++)
      counts[shardHash('t', labelsFrom({ __name__: 'm', i: String(i) })) % 16]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    for (const c of counts) expect(c).toBeLessThan(1200);
  });
});
