import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Bucket, IterOptions, ObjectAttributes, UploadBody } from './bucket.js';

/** Operation names, the values of the `operation` label. */
type Operation = 'get' | 'get_range' | 'upload' | 'delete' | 'exists' | 'iter' | 'attributes';

interface BucketMetrics {
  readonly ops: Counter<'bucket' | 'operation'>;
  readonly failures: Counter<'bucket' | 'operation'>;
  readonly duration: Histogram<'bucket' | 'operation'>;
  readonly lastUpload: Gauge<'bucket'>;
}

/** The bucket metrics on `registry`, created on first use and shared by every bucket after. */
function bucketMetrics(registry: Registry): BucketMetrics {
  const get = <T>(name: string, make: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? make();
  const labelNames = ['bucket', 'operation'] as const;
  return {
    ops: get(
      'epimetheus_objstore_bucket_operations_total',
      () =>
        new Counter({
          name: 'epimetheus_objstore_bucket_operations_total',
          help: 'Bucket operations started.',
          labelNames,
          registers: [registry],
        }),
    ),
    failures: get(
      'epimetheus_objstore_bucket_operation_failures_total',
      () =>
        new Counter({
          name: 'epimetheus_objstore_bucket_operation_failures_total',
          help: 'Bucket operations that failed; a missing object is not a failure.',
          labelNames,
          registers: [registry],
        }),
    ),
    duration: get(
      'epimetheus_objstore_bucket_operation_duration_seconds',
      () =>
        new Histogram({
          name: 'epimetheus_objstore_bucket_operation_duration_seconds',
          help: 'Duration of successful bucket operations.',
          labelNames,
          buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
          registers: [registry],
        }),
    ),
    lastUpload: get(
      'epimetheus_objstore_bucket_last_successful_upload_time_seconds',
      () =>
        new Gauge({
          name: 'epimetheus_objstore_bucket_last_successful_upload_time_seconds',
          help: 'Unix time of the last successful upload.',
          labelNames: ['bucket'] as const,
          registers: [registry],
        }),
    ),
  };
}

/**
 * A `Bucket` that counts and times every operation of `inner` on `registry`, labelled with the
 * bucket's name. Behaviour, results and errors are those of `inner`.
 */
export class InstrumentedBucket implements Bucket {
  readonly name: string;
  private readonly metrics: BucketMetrics;

  constructor(
    private readonly inner: Bucket,
    registry: Registry,
  ) {
    this.name = inner.name;
    this.metrics = bucketMetrics(registry);
  }

  get(name: string): Promise<Uint8Array> {
    return this.track('get', () => this.inner.get(name));
  }

  getRange(name: string, offset: number, length: number): Promise<Uint8Array> {
    return this.track('get_range', () => this.inner.getRange(name, offset, length));
  }

  async upload(name: string, body: UploadBody): Promise<void> {
    await this.track('upload', () => this.inner.upload(name, body));
    this.metrics.lastUpload.set({ bucket: this.name }, Date.now() / 1000);
  }

  delete(name: string): Promise<void> {
    return this.track('delete', () => this.inner.delete(name));
  }

  exists(name: string): Promise<boolean> {
    return this.track('exists', () => this.inner.exists(name));
  }

  async *iter(dir: string, options?: IterOptions): AsyncIterable<string> {
    const labels = { bucket: this.name, operation: 'iter' };
    this.metrics.ops.inc(labels);
    const end = this.metrics.duration.startTimer(labels);
    try {
      yield* this.inner.iter(dir, options);
    } catch (err) {
      this.metrics.failures.inc(labels);
      throw err;
    }
    end();
  }

  attributes(name: string): Promise<ObjectAttributes> {
    return this.track('attributes', () => this.inner.attributes(name));
  }

  isObjNotFoundErr(err: unknown): boolean {
    return this.inner.isObjNotFoundErr(err);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async track<T>(operation: Operation, op: () => Promise<T>): Promise<T> {
    const labels = { bucket: this.name, operation };
    this.metrics.ops.inc(labels);
    const end = this.metrics.duration.startTimer(labels);
    try {
      const result = await op();
      end();
      return result;
    } catch (err) {
      if (!this.inner.isObjNotFoundErr(err)) this.metrics.failures.inc(labels);
      throw err;
    }
  }
}
