import type { Labels } from '../../libs/model/index.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The shard of a series: FNV-1a (32-bit) over the tenant, then each label name and value,
 * with 0xff separators, over the UTF-16 code units of the strings. Stable across processes
 * and releases: changing it would move series between partitions.
 */
export function shardHash(tenant: string, labels: Labels): number {
  let h = mix(FNV_OFFSET, tenant);
  for (const l of labels) {
    h = mix(h, l.name);
    h = mix(h, l.value);
  }
  return h >>> 0;
}

function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= 0xff;
  return Math.imul(h, FNV_PRIME);
}
