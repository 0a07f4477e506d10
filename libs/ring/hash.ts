import type { Labels } from '../model/index.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Separates the tenant and every name and value; 0xff never occurs in UTF-8. */
const SEP = 0xff;

/** Folds the UTF-8 bytes of `s` into FNV-1a state `h`, encoding on the fly (no allocation). */
function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // A lone surrogate encodes as U+FFFD, as TextEncoder does.
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
  }
  return h;
}

/**
 * The shard key of a series: 32-bit FNV-1a over the UTF-8 bytes of
 * `tenant 0xff name₁ 0xff value₁ 0xff name₂ 0xff value₂ 0xff …`, in the order `labels` holds them
 * (`Labels` are sorted by name, so equal label sets hash equally). Returns an unsigned 32-bit
 * integer. Stable across processes and versions: the distributor's series-to-partition mapping
 * depends on it, so changing it reshuffles every series.
 */
export function shardHash(tenant: string, labels: Labels): number {
  let h = fnvString(FNV_OFFSET, tenant);
  h = Math.imul(h ^ SEP, FNV_PRIME);
  for (const l of labels) {
    h = fnvString(h, l.name);
    h = Math.imul(h ^ SEP, FNV_PRIME);
    h = fnvString(h, l.value);
    h = Math.imul(h ^ SEP, FNV_PRIME);
  }
  return h >>> 0;
}

/** 32-bit FNV-1a of the UTF-8 bytes of `s`, unsigned: for ring keys of plain strings (tenants, block ids). */
export function fnv1a32(s: string): number {
  return fnvString(FNV_OFFSET, s) >>> 0;
}
