import { Histogram, type Registry } from 'prom-client';
import type { CasFn, KVClient, WatchKeyCallback, WatchPrefixCallback } from './kv.js';

type Labels = 'kv_name' | 'operation' | 'status';

const METRIC = 'epimetheus_kv_request_duration_seconds';

/**
 * A `KVClient` that times `get`, `cas`, `list` and `delete` of `inner` on `registry`, labelled
 * `kv_name` (which store: ring, HA tracker), `operation` and `status` (`success` or `error`).
 * Watches run for their whole life, so they are passed through untimed.
 */
export class InstrumentedKV implements KVClient {
  private readonly duration: Histogram<Labels>;

  constructor(
    private readonly inner: KVClient,
    private readonly kvName: string,
    registry: Registry,
  ) {
    this.duration =
      (registry.getSingleMetric(METRIC) as Histogram<Labels> | undefined) ??
      new Histogram({
        name: METRIC,
        help: 'Duration of key-value store requests; a cas counts all its attempts.',
        labelNames: ['kv_name', 'operation', 'status'] as const,
        buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
        registers: [registry],
      });
  }

  get(key: string): Promise<Uint8Array | null> {
    return this.time('get', () => this.inner.get(key));
  }

  cas(key: string, fn: CasFn): Promise<void> {
    return this.time('cas', () => this.inner.cas(key, fn));
  }

  watchKey(key: string, signal: AbortSignal, cb: WatchKeyCallback): Promise<void> {
    return this.inner.watchKey(key, signal, cb);
  }

  watchPrefix(prefix: string, signal: AbortSignal, cb: WatchPrefixCallback): Promise<void> {
    return this.inner.watchPrefix(prefix, signal, cb);
  }

  list(prefix: string): Promise<string[]> {
    return this.time('list', () => this.inner.list(prefix));
  }

  delete(key: string): Promise<void> {
    return this.time('delete', () => this.inner.delete(key));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async time<T>(operation: string, op: () => Promise<T>): Promise<T> {
    const end = this.duration.startTimer({ kv_name: this.kvName, operation });
    try {
      const result = await op();
      end({ status: 'success' });
      return result;
    } catch (err) {
      end({ status: 'error' });
      throw err;
    }
  }
}
