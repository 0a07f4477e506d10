import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { InstrumentedKV } from './instrumented-kv.js';
import { kvContract } from './kv-contract.js';
import { MemoryKV } from './memory-kv.js';

// The wrapper must not change behaviour: it passes the same contract as what it wraps.
kvContract('instrumented memory', async () => {
  const store = new MemoryKV({ cas: { maxRetries: 30, minBackoffMs: 1, maxBackoffMs: 20 } });
  const kv = new InstrumentedKV(store, 'test', new Registry());
  return { client: () => kv, cleanup: () => kv.close() };
});

describe('InstrumentedKV', () => {
  it('times requests by operation and outcome', async () => {
    const registry = new Registry();
    const kv = new InstrumentedKV(new MemoryKV(), 'ring', registry);
    await kv.cas('k', () => ({ value: new Uint8Array([1]), retry: false }));
    await kv.get('k');
    await kv.get('k');
    await expect(kv.cas('k', () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    const metric = await registry.getSingleMetric('epimetheus_kv_request_duration_seconds')!.get();
    const count = (operation: string, status: string) =>
      metric.values.find(
        (v) =>
          (v as { metricName?: string }).metricName === 'epimetheus_kv_request_duration_seconds_count' &&
          v.labels.kv_name === 'ring' &&
          v.labels.operation === operation &&
          v.labels.status === status,
      )?.value ?? 0;
    expect(count('get', 'success')).toBe(2);
    expect(count('cas', 'success')).toBe(1);
    expect(count('cas', 'error')).toBe(1);
  });
});
