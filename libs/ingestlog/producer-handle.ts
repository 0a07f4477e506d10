import { unavailable } from './errors.js';
import type { IngestLogRecord, ProduceResult, Producer } from './types.js';

/**
 * A `Producer` over a log's shared append path: refuses calls after `close`, which waits for this
 * handle's calls in flight. Both implementations hand these out.
 */
export class ProducerHandle implements Producer {
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly send: (partition: number, records: readonly IngestLogRecord[]) => Promise<ProduceResult>,
    private readonly onClosed: (p: ProducerHandle) => void = () => undefined,
  ) {}

  produce(partition: number, records: readonly IngestLogRecord[]): Promise<ProduceResult> {
    if (this.closed) return Promise.reject(unavailable('producer closed'));
    const p = this.send(partition, records);
    const tracked: Promise<unknown> = p.then(
      () => this.inFlight.delete(tracked),
      () => this.inFlight.delete(tracked),
    );
    this.inFlight.add(tracked);
    return p;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.inFlight);
    this.onClosed(this);
  }
}
