/**
 * The remote write load generator: turns one round of the fleet into compressed requests (before
 * any timing starts) and sends them to a server with a fixed number of requests in flight.
 */
import { compressSync } from 'snappy';
import { encodeRound } from './encode.js';
import type { Fleet } from './fleet.js';
import { cpuSeconds } from './procstat.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** Raised when a server answers a write with anything but 2xx, or not at all. */
export class RejectedError extends Error {
  override name = 'RejectedError';
}

/**
 * Advances the fleet one interval and encodes every series' new sample at `timestampMs` into
 * snappy-compressed WriteRequests of at most `batch` series each.
 */
export function buildRound(fleet: Fleet, timestampMs: number, batch: number): Buffer[] {
  const values = fleet.advance();
  const out: Buffer[] = [];
  for (let from = 0; from < fleet.size; from += batch) {
    const to = Math.min(fleet.size, from + batch);
    out.push(compressSync(asBuffer(encodeRound(fleet.labelBytes, values, timestampMs, from, to))));
  }
  return out;
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

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
