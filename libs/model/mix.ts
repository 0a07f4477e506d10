/**
 * MurmurHash3's 32-bit finaliser (fmix32): spreads every input bit over the whole word, so a
 * cheap running hash (FNV over label bytes) becomes uniform enough to pick hash buckets, ring
 * tokens and partitions from. Returns an unsigned 32-bit integer.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
