/**
 * The remote write load generator: turns one round of the fleet into compressed requests (before
 * any timing starts) and sends them to a server with a fixed number of requests in flight.
 */
import { compressSync } from 'snappy';
import { encodeWriteRequestV1, type EncodableSeries } from '../libs/remotewrite/index.js';
import type { Fleet } from './fleet.js';
import { cpuSeconds } from './procstat.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** Raised when a server answers a write with anything but 2xx, or not at all. */
export class RejectedError extends Error {
  override name = 'RejectedError';
}

/**
 * Builds each round's requests with the shared remote write 1.0 encoder
 * (`libs/remotewrite` `encodeWriteRequestV1`). The series objects it encodes are made once and
 * point at the fleet's label sets and value array, so a round costs the encoding and the snappy
 * compression only. One builder per fleet; not for concurrent use.
 */
export class RequestBuilder {
  private readonly timestamp = new Float64Array(1);
  private readonly series: EncodableSeries[];

  /** @param batch series per request (>= 1) */
  constructor(
    private readonly fleet: Fleet,
    private readonly batch: number,
  ) {
    this.series = Array.from({ length: fleet.size }, (_, i) => ({
      labels: fleet.labels(i),
      samples: { timestamps: this.timestamp, values: fleet.values.subarray(i, i + 1) },
    }));
  }

  /**
   * Advances the fleet one interval and encodes every series' new sample at `timestampMs` into
   * snappy-compressed WriteRequests of at most `batch` series each, in series order.
   */
  nextRound(timestampMs: number): Buffer[] {
    this.fleet.advance();
    this.timestamp[0] = timestampMs;
    const out: Buffer[] = [];
    for (let from = 0; from < this.series.length; from += this.batch) {
      const req = encodeWriteRequestV1({ timeseries: this.series.slice(from, from + this.batch) });
      out.push(compressSync(Buffer.from(req.buffer, req.byteOffset, req.byteLength)));
    }
    return out;
  }
}

/** What sending one round cost the sender's side. */
export interface SendResult {
  /** Wall seconds from the first request to the last answer. */
  seconds: number;
  /** Compressed bytes sent. */
  bytes: number;
}

const HEADERS = {
  'Content-Type': 'application/x-protobuf',
  'Content-Encoding': 'snappy',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
  'User-Agent': 'epimetheus-bench/0.1',
};

/**
 * POSTs every body to `url`, `concurrency` at a time. @throws RejectedError on the first non-2xx
 * answer or transport error (each request may take at most `timeoutMs`).
 */
export async function sendRound(
  url: string,
  bodies: readonly Buffer[],
  concurrency: number,
  timeoutMs = 120_000,
): Promise<SendResult> {
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      bytes += body.length;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: HEADERS,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new RejectedError(`POST ${url}: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
      const text = await res.text();
      if (res.status < 200 || res.status > 299) {
        throw new RejectedError(`POST ${url}: HTTP ${res.status}: ${text.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { seconds: (performance.now() - started) / 1000, bytes };
}

/**
 * Waits until `pids` use less than `idleShare` of one core over a `windowMs` window, at most
 * `maxMs`, so work a server does after acknowledging (asynchronous ingestion, flushes) is counted
 * in the round that caused it. Returns whether it went quiet in time.
 */
export async function settle(
  pids: () => number[],
  windowMs = 500,
  idleShare = 0.05,
  maxMs = 60_000,
): Promise<boolean> {
  const deadline = performance.now() + maxMs;
  let last = cpuSeconds(pids());
  while (performance.now() < deadline) {
    await sleep(windowMs);
    const now = cpuSeconds(pids());
    if (now - last < (idleShare * windowMs) / 1000) return true;
    last = now;
  }
  return false;
}
