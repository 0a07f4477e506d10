import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RejectedError, sendRound } from './load.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Starts a loopback server answering every POST with `status`; returns its URL and stats. */
async function fakeReceiver(
  status: number,
): Promise<{ url: string; bodies: Buffer[]; maxInFlight: () => number }> {
  const bodies: Buffer[] = [];
  let inFlight = 0;
  let max = 0;
  server = createServer((req, res) => {
    inFlight++;
    max = Math.max(max, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      setTimeout(() => {
        inFlight--;
        res.writeHead(status).end(status === 204 ? '' : 'out of bounds');
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr !== 'object') throw new Error('no address');
  return { url: `http://127.0.0.1:${addr.port}/api/v1/write`, bodies, maxInFlight: () => max };
}

describe('sendRound', () => {
  it('sends every body once with at most `concurrency` requests in flight', async () => {
    const rx = await fakeReceiver(204);
    const bodies = Array.from({ length: 9 }, (_, i) => Buffer.from([i]));
    const res = await sendRound(rx.url, bodies, 3);
    expect(rx.bodies.map((b) => b[0]).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rx.maxInFlight()).toBeLessThanOrEqual(3);
    expect(rx.maxInFlight()).toBeGreaterThan(1);
    expect(res.bytes).toBe(9);
  });

  it('throws RejectedError with the status and body on a non-2xx answer', async () => {
    const rx = await fakeReceiver(400);
    await expect(sendRound(rx.url, [Buffer.from([1])], 1)).rejects.toThrow(RejectedError);
    await expect(sendRound(rx.url, [Buffer.from([1])], 1)).rejects.toThrow(/HTTP 400: out of bounds/);
  });

  it('throws RejectedError when nothing listens', async () => {
    const rx = await fakeReceiver(204);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(sendRound(rx.url, [Buffer.from([1])], 1)).rejects.toThrow(RejectedError);
  });
});
