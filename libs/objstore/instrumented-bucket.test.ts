import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { bucketContract } from './bucket-contract.js';
import { InstrumentedBucket } from './instrumented-bucket.js';
import { MemoryBucket } from './memory-bucket.js';

// The wrapper must not change behaviour: it passes the same contract as what it wraps.
bucketContract('instrumented memory', async () => ({
  bucket: new InstrumentedBucket(new MemoryBucket(), new Registry()),
  cleanup: async () => {},
}));

async function value(registry: Registry, metric: string, labels: Record<string, string>): Promise<number> {
  const m = await registry.getSingleMetric(metric)?.get();
  const v = m?.values.find((x) =>
    Object.entries(labels).every(([k, want]) => (x.labels as Record<string, unknown>)[k] === want),
  );
  return v?.value ?? 0;
}

describe('InstrumentedBucket', () => {
  it('counts operations and failures, not counting a missing object as a failure', async () => {
    const registry = new Registry();
    const b = new InstrumentedBucket(new MemoryBucket(), registry);
    await b.upload('a/b', new Uint8Array([1, 2]));
    await b.get('a/b');
    await expect(b.get('missing')).rejects.toThrow();
    await expect(b.get('/bad')).rejects.toThrow();
    for await (const _ of b.iter('', { recursive: true })) void _;
    const ops = 'epimetheus_objstore_bucket_operations_total';
    const failures = 'epimetheus_objstore_bucket_operation_failures_total';
    expect(await value(registry, ops, { bucket: 'memory', operation: 'get' })).toBe(3);
    expect(await value(registry, ops, { operation: 'upload' })).toBe(1);
    expect(await value(registry, ops, { operation: 'iter' })).toBe(1);
    expect(await value(registry, failures, { operation: 'get' })).toBe(1);
    expect(
      await value(registry, 'epimetheus_objstore_bucket_last_successful_upload_time_seconds', {
        bucket: 'memory',
      }),
    ).toBeGreaterThan(0);
  });

  it('shares one set of metrics between buckets on one registry', () => {
    const registry = new Registry();
    new InstrumentedBucket(new MemoryBucket(), registry);
    expect(() => new InstrumentedBucket(new MemoryBucket(), registry)).not.toThrow();
  });
});
