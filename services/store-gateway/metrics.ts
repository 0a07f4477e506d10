import { Counter, Gauge, type Registry } from 'prom-client';
import type { RangeKind } from '../../libs/tsdb/block/index.js';
import type { BlockPool, BlockPoolObserver } from './block-pool.js';

/**
 * The store-gateway's cache metrics: bytes held by kind (`index-header`, `range`) against the
 * configured bound, range hits and misses by file (`index`, `chunks`), and evictions by kind.
 * Returns the observer to hand to the `BlockPool`; `pool` is read at scrape time.
 */
export function blockPoolMetrics(
  registry: Registry,
  maxBytes: number,
  pool: () => BlockPool | undefined,
): BlockPoolObserver {
  new Gauge({
    name: 'epimetheus_store_gateway_cache_bytes',
    help: 'Bytes held by loaded index headers and cached postings, series and chunk ranges.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const p = pool();
      this.set({ kind: 'index-header' }, p?.headerBytes ?? 0);
      this.set({ kind: 'range' }, p?.rangeBytes ?? 0);
    },
  });
  new Gauge({
    name: 'epimetheus_store_gateway_cache_max_bytes',
    help: 'The bound on index headers plus cached ranges (--blocks-storage.bucket-store.max-cache-bytes).',
    registers: [registry],
  }).set(maxBytes);
  const hits = new Counter({
    name: 'epimetheus_store_gateway_cache_hits_total',
    help: 'Block file reads answered from the range cache.',
    labelNames: ['file'],
    registers: [registry],
  });
  const misses = new Counter({
    name: 'epimetheus_store_gateway_cache_misses_total',
    help: 'Block file reads that went to the bucket.',
    labelNames: ['file'],
    registers: [registry],
  });
  const evictions = new Counter({
    name: 'epimetheus_store_gateway_cache_evictions_total',
    help: 'Entries evicted to stay within the memory bound: cached ranges, or loaded blocks (index headers).',
    labelNames: ['kind'],
    registers: [registry],
  });
  for (const file of ['index', 'chunks'] satisfies RangeKind[]) {
    hits.inc({ file }, 0);
    misses.inc({ file }, 0);
  }
  return {
    hit: (file) => hits.inc({ file }),
    miss: (file) => misses.inc({ file }),
    evicted: () => evictions.inc({ kind: 'range' }),
    headerEvicted: () => evictions.inc({ kind: 'index-header' }),
  };
}
